//! [`Signer`] (requests) and [`Verifier`] (responses, notifications).

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;

use super::keys::{PrivateInner, PublicInner};
use super::pem::STANDARD;
use super::rsa_backend::{RsaHash, RsaSigner, RsaVerifier};
use super::{
    KeyError, Md5Key, PrivateKey, PublicKey, SignError, SignType, VerifyError, dsa_impl, md5_impl,
};

/// Signs request bytes with one sign type and one key.
///
/// Cheap to clone (the key is shared), `Send + Sync`; `Debug` shows the sign type and the key's
/// algorithm and size, never the key.
#[derive(Clone)]
pub struct Signer(Arc<SignerInner>);

enum SignerInner {
    Md5(Md5Key),
    Rsa {
        sign_type: SignType,
        signer: RsaSigner,
        key: PrivateKey,
    },
    Dsa(PrivateKey),
}

impl Signer {
    /// `MD5` with the partner's key.
    pub fn md5(key: Md5Key) -> Self {
        Self(Arc::new(SignerInner::Md5(key)))
    }

    /// `RSA` (SHA1withRSA) with the merchant's RSA private key.
    pub fn rsa(key: PrivateKey) -> Result<Self, KeyError> {
        Self::rsa_with(SignType::Rsa, RsaHash::Sha1, key)
    }

    /// `RSA2` (SHA256withRSA) with the merchant's RSA private key.
    pub fn rsa2(key: PrivateKey) -> Result<Self, KeyError> {
        Self::rsa_with(SignType::Rsa2, RsaHash::Sha256, key)
    }

    /// `DSA` (SHA1withDSA) with the merchant's DSA private key.
    pub fn dsa(key: PrivateKey) -> Result<Self, KeyError> {
        match &*key.0 {
            PrivateInner::Dsa { .. } => Ok(Self(Arc::new(SignerInner::Dsa(key)))),
            PrivateInner::Rsa { .. } => Err(mismatch(SignType::Dsa, &key)),
        }
    }

    /// `RSA`, `RSA2` or `DSA`, chosen at run time (e.g. from configuration). `MD5` is an error
    /// here: it takes an [`Md5Key`] ([`Signer::md5`]), not a private key.
    pub fn new(sign_type: SignType, key: PrivateKey) -> Result<Self, KeyError> {
        match sign_type {
            SignType::Md5 => Err(mismatch(SignType::Md5, &key)),
            SignType::Rsa => Self::rsa(key),
            SignType::Rsa2 => Self::rsa2(key),
            SignType::Dsa => Self::dsa(key),
        }
    }

    fn rsa_with(sign_type: SignType, hash: RsaHash, key: PrivateKey) -> Result<Self, KeyError> {
        let signer = match &*key.0 {
            PrivateInner::Rsa { key, .. } => RsaSigner::new(key, hash),
            PrivateInner::Dsa { .. } => return Err(mismatch(sign_type, &key)),
        };
        Ok(Self(Arc::new(SignerInner::Rsa {
            sign_type,
            signer,
            key,
        })))
    }

    /// The sign type this signer produces (the `sign_type` parameter to send).
    pub fn sign_type(&self) -> SignType {
        match &*self.0 {
            SignerInner::Md5(_) => SignType::Md5,
            SignerInner::Rsa { sign_type, .. } => *sign_type,
            SignerInner::Dsa(_) => SignType::Dsa,
        }
    }

    /// Signs `data` (the canonical string, encoded in the request charset) and returns the `sign`
    /// value: lowercase hex for `MD5`, standard base64 for `RSA`, `RSA2` and `DSA`.
    pub fn sign(&self, data: &[u8]) -> Result<String, SignError> {
        match &*self.0 {
            SignerInner::Md5(key) => md5_impl::sign(key, data),
            SignerInner::Rsa {
                sign_type, signer, ..
            } => signer
                .sign(data)
                .map(|sig| STANDARD.encode(sig))
                .map_err(|reason| SignError::Backend {
                    sign_type: *sign_type,
                    reason,
                }),
            SignerInner::Dsa(key) => match &*key.0 {
                PrivateInner::Dsa { key, .. } => {
                    dsa_impl::sign(key, data).map(|s| STANDARD.encode(s))
                }
                // `Signer::dsa` only accepts DSA keys.
                PrivateInner::Rsa { .. } => Err(SignError::Backend {
                    sign_type: SignType::Dsa,
                    reason: "not a DSA key",
                }),
            },
        }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Signer");
        d.field("sign_type", &self.sign_type());
        match &*self.0 {
            SignerInner::Md5(key) => d.field("key", key),
            SignerInner::Rsa { key, .. } | SignerInner::Dsa(key) => d.field("key", key),
        };
        d.finish()
    }
}

fn mismatch(sign_type: SignType, key: &PrivateKey) -> KeyError {
    KeyError::AlgorithmMismatch {
        sign_type,
        found: key.algorithm(),
    }
}

/// Verifies signatures of one sign type with one key: Alipay's public key (`RSA`, `RSA2`, `DSA`)
/// or the partner's MD5 key.
///
/// Cheap to clone (the key is shared), `Send + Sync`; `Debug` never shows a secret.
#[derive(Clone)]
pub struct Verifier(Arc<VerifierInner>);

enum VerifierInner {
    Md5(Md5Key),
    Rsa {
        sign_type: SignType,
        verifier: RsaVerifier,
        key: PublicKey,
    },
    Dsa(PublicKey),
}

impl Verifier {
    /// `MD5` with the partner's key.
    pub fn md5(key: Md5Key) -> Self {
        Self(Arc::new(VerifierInner::Md5(key)))
    }

    /// `RSA` (SHA1withRSA) with an RSA public key.
    pub fn rsa(key: PublicKey) -> Result<Self, KeyError> {
        Self::rsa_with(SignType::Rsa, RsaHash::Sha1, key)
    }

    /// `RSA2` (SHA256withRSA) with an RSA public key.
    pub fn rsa2(key: PublicKey) -> Result<Self, KeyError> {
        Self::rsa_with(SignType::Rsa2, RsaHash::Sha256, key)
    }

    /// `DSA` (SHA1withDSA) with a DSA public key.
    pub fn dsa(key: PublicKey) -> Result<Self, KeyError> {
        match &*key.0 {
            PublicInner::Dsa { .. } => Ok(Self(Arc::new(VerifierInner::Dsa(key)))),
            PublicInner::Rsa { .. } => Err(public_mismatch(SignType::Dsa, &key)),
        }
    }

    /// `RSA`, `RSA2` or `DSA`, chosen at run time. `MD5` is an error here: it takes an [`Md5Key`]
    /// ([`Verifier::md5`]).
    pub fn new(sign_type: SignType, key: PublicKey) -> Result<Self, KeyError> {
        match sign_type {
            SignType::Md5 => Err(public_mismatch(SignType::Md5, &key)),
            SignType::Rsa => Self::rsa(key),
            SignType::Rsa2 => Self::rsa2(key),
            SignType::Dsa => Self::dsa(key),
        }
    }

    fn rsa_with(sign_type: SignType, hash: RsaHash, key: PublicKey) -> Result<Self, KeyError> {
        let verifier = match &*key.0 {
            PublicInner::Rsa { key, .. } => RsaVerifier::new(key, hash)?,
            PublicInner::Dsa { .. } => return Err(public_mismatch(sign_type, &key)),
        };
        Ok(Self(Arc::new(VerifierInner::Rsa {
            sign_type,
            verifier,
            key,
        })))
    }

    /// The sign type this verifier accepts.
    pub fn sign_type(&self) -> SignType {
        match &*self.0 {
            VerifierInner::Md5(_) => SignType::Md5,
            VerifierInner::Rsa { sign_type, .. } => *sign_type,
            VerifierInner::Dsa(_) => SignType::Dsa,
        }
    }

    /// Checks `signature` (the received `sign` value; surrounding whitespace is ignored) against
    /// `data` (the canonical string in the message's charset).
    ///
    /// Prefer [`Verifier::verify_typed`] for anything received: it also checks `sign_type`.
    pub fn verify(&self, data: &[u8], signature: &str) -> Result<(), VerifyError> {
        let sign_type = self.sign_type();
        let signature = signature.trim();
        if signature.is_empty() {
            return Err(VerifyError::malformed(sign_type, "the signature is empty"));
        }
        match &*self.0 {
            VerifierInner::Md5(key) => md5_impl::verify(key, data, signature),
            VerifierInner::Rsa { verifier, key, .. } => {
                let raw = decode_base64(sign_type, signature)?;
                let expected = key.bits().div_ceil(8);
                if raw.len() != expected {
                    return Err(VerifyError::malformed(
                        sign_type,
                        format!(
                            "{} bytes, but a {}-bit key makes {expected}-byte signatures \
                             (truncated, or signed with another key?)",
                            raw.len(),
                            key.bits()
                        ),
                    ));
                }
                if verifier.verify(data, &raw) {
                    Ok(())
                } else {
                    Err(VerifyError::Mismatch { sign_type })
                }
            }
            VerifierInner::Dsa(key) => {
                let raw = decode_base64(sign_type, signature)?;
                match &*key.0 {
                    PublicInner::Dsa { key, .. } => dsa_impl::verify(key, data, &raw),
                    // `Verifier::dsa` only accepts DSA keys.
                    PublicInner::Rsa { .. } => Err(VerifyError::Mismatch { sign_type }),
                }
            }
        }
    }

    /// Checks that `received_sign_type` is exactly this verifier's sign type, then verifies.
    ///
    /// A message declaring `MD5` never verifies against an `RSA` verifier, nor the other way
    /// round ([`VerifyError::SignTypeMismatch`]): otherwise whoever can produce one kind of
    /// signature could pass it off as the other.
    pub fn verify_typed(
        &self,
        received_sign_type: &str,
        data: &[u8],
        signature: &str,
    ) -> Result<(), VerifyError> {
        let expected = self.sign_type();
        if received_sign_type != expected.as_str() {
            return Err(VerifyError::SignTypeMismatch {
                expected,
                received: super::text::truncated(received_sign_type),
            });
        }
        self.verify(data, signature)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Verifier");
        d.field("sign_type", &self.sign_type());
        match &*self.0 {
            VerifierInner::Md5(key) => d.field("key", key),
            VerifierInner::Rsa { key, .. } | VerifierInner::Dsa(key) => d.field("key", key),
        };
        d.finish()
    }
}

fn public_mismatch(sign_type: SignType, key: &PublicKey) -> KeyError {
    KeyError::AlgorithmMismatch {
        sign_type,
        found: key.algorithm(),
    }
}

/// Standard base64 with padding, as Alipay sends it.
fn decode_base64(sign_type: SignType, signature: &str) -> Result<Vec<u8>, VerifyError> {
    STANDARD.decode(signature).map_err(|e| {
        let reason = if signature.contains(' ') {
            "it contains a space: a '+' was probably decoded as a space (form-decoded twice?); \
             pass the sign value exactly as received"
                .to_owned()
        } else {
            format!("not standard base64 ({e})")
        };
        VerifyError::malformed(sign_type, reason)
    })
}
