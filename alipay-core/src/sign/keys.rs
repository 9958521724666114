//! Keys, parsed once: the partner's MD5 secret, RSA/DSA private keys, RSA/DSA public keys.
//!
//! Format detection lives here and is the same for both RSA backends; the backend only ever sees
//! a validated PKCS#1 DER structure.

use std::fmt;
use std::sync::Arc;

use rsa::pkcs1::{self, RsaPrivateKeyRef, RsaPublicKeyRef, der::Decode as _, der::Encode as _};
use rsa::pkcs8::{ObjectIdentifier, PrivateKeyInfoRef, SubjectPublicKeyInfoRef};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::Zeroize as _;

use super::kinds::{KeyAlgorithm, KeyKind};
use super::pem::{self, Decoded};
use super::rsa_backend::{RsaPrivate, RsaPublic};
use super::{KeyError, dsa_impl};

/// Smallest and largest RSA modulus accepted, in bits (both backends support this range).
const RSA_BITS: std::ops::RangeInclusive<usize> = 1024..=8192;

// ---------------------------------------------------------------------------------------------
// MD5

/// The partner's MD5 key (the shared secret of sign type `MD5`).
///
/// Held in a [`SecretString`] (zeroized on drop); `Debug` prints `Md5Key(<redacted>)`.
#[derive(Clone)]
pub struct Md5Key(SecretString);

impl Md5Key {
    /// Wraps the key, trimming surrounding ASCII whitespace (a trailing newline from a file or an
    /// environment variable would otherwise become part of every signature).
    pub fn new(key: impl Into<String>) -> Self {
        let mut key: String = key.into();
        let trimmed = key.trim_matches(|c: char| c.is_ascii_whitespace());
        // Exact capacity, so turning it into a `Box<str>` does not reallocate (and leave a copy).
        let mut exact = String::with_capacity(trimmed.len());
        exact.push_str(trimmed);
        key.zeroize();
        Self(SecretString::from(exact))
    }

    /// True when the key is empty (after trimming). Signing and verifying with it fail.
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }
}

impl fmt::Debug for Md5Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Md5Key(<redacted>)")
    }
}

// ---------------------------------------------------------------------------------------------
// Private keys

/// An RSA or DSA private key (the merchant's), parsed once.
///
/// Accepted forms, detected automatically; surrounding whitespace and line endings do not matter:
/// - PEM `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY` (PKCS#1), `DSA PRIVATE KEY` (OpenSSL's
///   traditional DSA form, also when preceded by a `DSA PARAMETERS` block);
/// - one-line base64 DER without header lines, PKCS#8 or PKCS#1 (as Alipay's key tool produces).
///
/// Cheap to clone; `Debug` shows only the algorithm and size.
#[derive(Clone)]
pub struct PrivateKey(pub(crate) Arc<PrivateInner>);

pub(crate) enum PrivateInner {
    Rsa {
        key: RsaPrivate,
        bits: usize,
        public: PublicKey,
    },
    Dsa {
        key: dsa::SigningKey,
        bits: usize,
    },
}

/// The structure the DER bytes are read as.
#[derive(Clone, Copy)]
enum PrivateFormat {
    Pkcs8,
    Pkcs1,
    DsaTraditional,
    Unknown,
}

impl PrivateKey {
    /// Parses a private key from its text (PEM or one-line base64).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let Decoded { label, der } = pem::decode(text)?;
        let format = match label.as_deref() {
            None => PrivateFormat::Unknown,
            Some("PRIVATE KEY") => PrivateFormat::Pkcs8,
            Some("RSA PRIVATE KEY") => PrivateFormat::Pkcs1,
            Some("DSA PRIVATE KEY") => PrivateFormat::DsaTraditional,
            Some("PUBLIC KEY" | "RSA PUBLIC KEY" | "DSA PUBLIC KEY") => {
                return Err(wrong_kind(KeyKind::PrivateKey, KeyKind::PublicKey));
            }
            Some("CERTIFICATE") => {
                return Err(wrong_kind(KeyKind::PrivateKey, KeyKind::Certificate));
            }
            Some(other) => {
                return Err(KeyError::UnsupportedPem {
                    label: other.to_owned(),
                    expected: "PRIVATE KEY, RSA PRIVATE KEY or DSA PRIVATE KEY",
                    hint: "; convert with `openssl pkey -in key.pem -out pkcs8.pem`",
                });
            }
        };
        Self::from_der_as(&der, format)
    }

    /// Parses a DER private key: PKCS#8, PKCS#1 `RSAPrivateKey`, or OpenSSL's traditional DSA form.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        if der.is_empty() {
            return Err(KeyError::Empty);
        }
        Self::from_der_as(der, PrivateFormat::Unknown)
    }

    fn from_der_as(der: &[u8], format: PrivateFormat) -> Result<Self, KeyError> {
        let inner = match format {
            PrivateFormat::Pkcs8 => {
                let info = PrivateKeyInfoRef::from_der(der)
                    .map_err(|e| KeyError::invalid("PKCS#8 private key", e))?;
                private_from_pkcs8(info)?
            }
            PrivateFormat::Pkcs1 => {
                let key = RsaPrivateKeyRef::from_der(der)
                    .map_err(|e| KeyError::invalid("PKCS#1 RSA private key", e))?;
                rsa_private(der, &key)?
            }
            PrivateFormat::DsaTraditional => {
                let (key, bits) = dsa_impl::signing_key_from_traditional(der)?;
                PrivateInner::Dsa { key, bits }
            }
            PrivateFormat::Unknown => {
                // Try PKCS#8, then PKCS#1, then traditional DSA; only a structure that does not
                // parse at all moves on to the next format.
                match PrivateKeyInfoRef::from_der(der) {
                    Ok(info) => private_from_pkcs8(info)?,
                    Err(pkcs8_error) => {
                        if let Ok(key) = RsaPrivateKeyRef::from_der(der) {
                            rsa_private(der, &key)?
                        } else if dsa_impl::is_traditional(der) {
                            let (key, bits) = dsa_impl::signing_key_from_traditional(der)?;
                            PrivateInner::Dsa { key, bits }
                        } else if looks_public(der) {
                            return Err(wrong_kind(KeyKind::PrivateKey, KeyKind::PublicKey));
                        } else {
                            return Err(KeyError::invalid(
                                "PKCS#8 or PKCS#1 private key",
                                pkcs8_error,
                            ));
                        }
                    }
                }
            }
        };
        Ok(Self(Arc::new(inner)))
    }

    /// RSA or DSA.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match &*self.0 {
            PrivateInner::Rsa { .. } => KeyAlgorithm::Rsa,
            PrivateInner::Dsa { .. } => KeyAlgorithm::Dsa,
        }
    }

    /// The key size in bits (RSA modulus, DSA prime `p`).
    pub fn bits(&self) -> usize {
        match &*self.0 {
            PrivateInner::Rsa { bits, .. } | PrivateInner::Dsa { bits, .. } => *bits,
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        match &*self.0 {
            PrivateInner::Rsa { public, .. } => public.clone(),
            PrivateInner::Dsa { key, bits } => PublicKey(Arc::new(PublicInner::Dsa {
                key: key.verifying_key().clone(),
                bits: *bits,
            })),
        }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &format_args!("{}", self.algorithm()))
            .field("bits", &self.bits())
            .finish()
    }
}

const RSA_OID: ObjectIdentifier = pkcs1::ALGORITHM_OID;

fn private_from_pkcs8(info: PrivateKeyInfoRef<'_>) -> Result<PrivateInner, KeyError> {
    let oid = info.algorithm.oid;
    if oid == RSA_OID {
        let der = info.private_key.as_bytes();
        let key = RsaPrivateKeyRef::from_der(der)
            .map_err(|e| KeyError::invalid("RSA key inside the PKCS#8 private key", e))?;
        rsa_private(der, &key)
    } else if oid == dsa::OID {
        const FORMAT: &str = "DSA key inside the PKCS#8 private key";
        let parameters = info.algorithm.parameters;
        let key = dsa::SigningKey::try_from(info).map_err(|e| {
            dsa_impl::explain_rejected(FORMAT, parameters)
                .unwrap_or_else(|| KeyError::invalid(FORMAT, e))
        })?;
        let bits = dsa_impl::bits(key.verifying_key());
        Ok(PrivateInner::Dsa { key, bits })
    } else {
        Err(unsupported_algorithm(oid))
    }
}

fn rsa_private(der: &[u8], key: &RsaPrivateKeyRef<'_>) -> Result<PrivateInner, KeyError> {
    if key.other_prime_infos.is_some() {
        return Err(KeyError::Invalid {
            format: "PKCS#1 RSA private key",
            reason: "multi-prime RSA keys are not supported".to_owned(),
        });
    }
    let bits = uint_bits(key.modulus.as_bytes());
    check_rsa_bits(bits)?;
    let public_der = key
        .public_key()
        .to_der()
        .map_err(|e| KeyError::invalid("RSA public key", e))?;
    let public = PublicKey(Arc::new(PublicInner::Rsa {
        key: RsaPublic::from_pkcs1_der(&public_der)?,
        bits,
    }));
    Ok(PrivateInner::Rsa {
        key: RsaPrivate::from_pkcs1_der(der)?,
        bits,
        public,
    })
}

// ---------------------------------------------------------------------------------------------
// Public keys

/// An RSA or DSA public key (Alipay's, to verify responses and notifications), parsed once.
///
/// Accepted forms, detected automatically; surrounding whitespace and line endings do not matter:
/// - PEM `PUBLIC KEY` (X.509 SubjectPublicKeyInfo), `RSA PUBLIC KEY` (PKCS#1);
/// - one-line base64 DER without header lines, SubjectPublicKeyInfo or PKCS#1 (the form Alipay's
///   console shows).
#[derive(Clone)]
pub struct PublicKey(pub(crate) Arc<PublicInner>);

pub(crate) enum PublicInner {
    Rsa { key: RsaPublic, bits: usize },
    Dsa { key: dsa::VerifyingKey, bits: usize },
}

#[derive(Clone, Copy)]
enum PublicFormat {
    Spki,
    Pkcs1,
    Unknown,
}

impl PublicKey {
    /// Parses a public key from its text (PEM or one-line base64).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let Decoded { label, der } = pem::decode(text)?;
        let format = match label.as_deref() {
            None => PublicFormat::Unknown,
            Some("PUBLIC KEY") => PublicFormat::Spki,
            Some("RSA PUBLIC KEY") => PublicFormat::Pkcs1,
            Some("PRIVATE KEY" | "RSA PRIVATE KEY" | "DSA PRIVATE KEY") => {
                return Err(wrong_kind(KeyKind::PublicKey, KeyKind::PrivateKey));
            }
            Some("CERTIFICATE") => {
                return Err(KeyError::UnsupportedPem {
                    label: "CERTIFICATE".to_owned(),
                    expected: "PUBLIC KEY or RSA PUBLIC KEY",
                    hint: "; extract the key with `openssl x509 -in cert.pem -pubkey -noout`",
                });
            }
            Some(other) => {
                return Err(KeyError::UnsupportedPem {
                    label: other.to_owned(),
                    expected: "PUBLIC KEY or RSA PUBLIC KEY",
                    hint: "",
                });
            }
        };
        Self::from_der_as(&der, format)
    }

    /// Parses a DER public key: SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        if der.is_empty() {
            return Err(KeyError::Empty);
        }
        Self::from_der_as(der, PublicFormat::Unknown)
    }

    fn from_der_as(der: &[u8], format: PublicFormat) -> Result<Self, KeyError> {
        let inner = match format {
            PublicFormat::Spki => {
                let spki = SubjectPublicKeyInfoRef::from_der(der)
                    .map_err(|e| KeyError::invalid("SubjectPublicKeyInfo public key", e))?;
                public_from_spki(spki)?
            }
            PublicFormat::Pkcs1 => {
                let key = RsaPublicKeyRef::from_der(der)
                    .map_err(|e| KeyError::invalid("PKCS#1 RSA public key", e))?;
                rsa_public(der, &key)?
            }
            PublicFormat::Unknown => match SubjectPublicKeyInfoRef::from_der(der) {
                Ok(spki) => public_from_spki(spki)?,
                Err(spki_error) => {
                    if let Ok(key) = RsaPublicKeyRef::from_der(der) {
                        rsa_public(der, &key)?
                    } else if looks_private(der) {
                        return Err(wrong_kind(KeyKind::PublicKey, KeyKind::PrivateKey));
                    } else {
                        return Err(KeyError::invalid(
                            "SubjectPublicKeyInfo or PKCS#1 public key",
                            spki_error,
                        ));
                    }
                }
            },
        };
        Ok(Self(Arc::new(inner)))
    }

    /// RSA or DSA.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match &*self.0 {
            PublicInner::Rsa { .. } => KeyAlgorithm::Rsa,
            PublicInner::Dsa { .. } => KeyAlgorithm::Dsa,
        }
    }

    /// The key size in bits (RSA modulus, DSA prime `p`).
    pub fn bits(&self) -> usize {
        match &*self.0 {
            PublicInner::Rsa { bits, .. } | PublicInner::Dsa { bits, .. } => *bits,
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &format_args!("{}", self.algorithm()))
            .field("bits", &self.bits())
            .finish()
    }
}

fn public_from_spki(spki: SubjectPublicKeyInfoRef<'_>) -> Result<PublicInner, KeyError> {
    let oid = spki.algorithm.oid;
    if oid == RSA_OID {
        let der = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| KeyError::Invalid {
                format: "SubjectPublicKeyInfo public key",
                reason: "the key bit string is not whole bytes".to_owned(),
            })?;
        let key = RsaPublicKeyRef::from_der(der)
            .map_err(|e| KeyError::invalid("RSA key inside the SubjectPublicKeyInfo", e))?;
        rsa_public(der, &key)
    } else if oid == dsa::OID {
        const FORMAT: &str = "DSA key inside the SubjectPublicKeyInfo";
        let parameters = spki.algorithm.parameters;
        let key = dsa::VerifyingKey::try_from(spki).map_err(|e| {
            dsa_impl::explain_rejected(FORMAT, parameters)
                .unwrap_or_else(|| KeyError::invalid(FORMAT, e))
        })?;
        let bits = dsa_impl::bits(&key);
        Ok(PublicInner::Dsa { key, bits })
    } else {
        Err(unsupported_algorithm(oid))
    }
}

fn rsa_public(der: &[u8], key: &RsaPublicKeyRef<'_>) -> Result<PublicInner, KeyError> {
    let bits = uint_bits(key.modulus.as_bytes());
    check_rsa_bits(bits)?;
    Ok(PublicInner::Rsa {
        key: RsaPublic::from_pkcs1_der(der)?,
        bits,
    })
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Bit length of a big-endian unsigned integer.
fn uint_bits(be: &[u8]) -> usize {
    let Some(pos) = be.iter().position(|&b| b != 0) else {
        return 0;
    };
    (be.len() - pos) * 8 - be[pos].leading_zeros() as usize
}

fn check_rsa_bits(bits: usize) -> Result<(), KeyError> {
    if RSA_BITS.contains(&bits) {
        Ok(())
    } else {
        Err(KeyError::RsaKeySize { bits })
    }
}

fn looks_public(der: &[u8]) -> bool {
    SubjectPublicKeyInfoRef::from_der(der).is_ok() || RsaPublicKeyRef::from_der(der).is_ok()
}

fn looks_private(der: &[u8]) -> bool {
    PrivateKeyInfoRef::from_der(der).is_ok()
        || RsaPrivateKeyRef::from_der(der).is_ok()
        || dsa_impl::is_traditional(der)
}

fn wrong_kind(expected: KeyKind, found: KeyKind) -> KeyError {
    let hint = match (expected, found) {
        (KeyKind::PrivateKey, _) => {
            "; signing needs the merchant's own private key (Alipay's public key only verifies)"
        }
        (_, KeyKind::PrivateKey) => {
            "; verifying needs the signer's public key (Alipay's, for responses and notifications)"
        }
        _ => "",
    };
    KeyError::WrongKind {
        expected,
        found,
        hint,
    }
}

fn unsupported_algorithm(oid: ObjectIdentifier) -> KeyError {
    let name = match oid.to_string().as_str() {
        "1.2.840.10045.2.1" => "EC",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        _ => "unknown",
    };
    KeyError::UnsupportedAlgorithm {
        oid: oid.to_string(),
        name,
    }
}
