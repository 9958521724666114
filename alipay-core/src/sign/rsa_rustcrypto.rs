//! RSA over the pure-Rust `rsa` crate (builds without the `aws-lc` feature).
//!
//! Private-key operations are blinded with the OS RNG, but the crate is several times slower than
//! AWS-LC and subject to the timing advisory RUSTSEC-2023-0071; prefer the default `aws-lc` build.

use rsa::pkcs1::{DecodeRsaPrivateKey as _, DecodeRsaPublicKey as _};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding as _, Signer as _, Verifier as _};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::Sha256;

use super::{KeyAlgorithm, KeyError};

/// The digest of a PKCS#1 v1.5 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaHash {
    /// `RSA`.
    Sha1,
    /// `RSA2`.
    Sha256,
}

/// An RSA private key.
#[derive(Clone)]
pub(crate) struct RsaPrivate(RsaPrivateKey);

impl RsaPrivate {
    /// Parses a PKCS#1 `RSAPrivateKey` (already checked structurally); the `rsa` crate validates
    /// the key and precomputes its CRT values.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        RsaPrivateKey::from_pkcs1_der(der)
            .map(Self)
            .map_err(|_| KeyError::Rejected {
                algorithm: KeyAlgorithm::Rsa,
                reason: "the RSA key is inconsistent (n, e, d, p, q do not match)",
            })
    }
}

/// Signs with one key and one digest.
#[derive(Clone)]
pub(crate) enum RsaSigner {
    Sha1(Box<SigningKey<Sha1>>),
    Sha256(Box<SigningKey<Sha256>>),
}

impl RsaSigner {
    pub(crate) fn new(key: &RsaPrivate, hash: RsaHash) -> Self {
        match hash {
            RsaHash::Sha1 => Self::Sha1(Box::new(SigningKey::new(key.0.clone()))),
            RsaHash::Sha256 => Self::Sha256(Box::new(SigningKey::new(key.0.clone()))),
        }
    }

    /// RSASSA-PKCS1-v1_5 over `data`.
    pub(crate) fn sign(&self, data: &[u8]) -> Result<Vec<u8>, &'static str> {
        let signature = match self {
            Self::Sha1(key) => key.try_sign(data),
            Self::Sha256(key) => key.try_sign(data),
        };
        signature
            .map(|s| s.to_vec())
            .map_err(|_| "the rsa crate failed to sign")
    }
}

/// An RSA public key.
#[derive(Clone)]
pub(crate) struct RsaPublic(RsaPublicKey);

impl RsaPublic {
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        RsaPublicKey::from_pkcs1_der(der)
            .map(Self)
            .map_err(|e| KeyError::invalid("RSA public key", e))
    }
}

/// Verifies with one key and one digest.
#[derive(Clone)]
pub(crate) enum RsaVerifier {
    Sha1(VerifyingKey<Sha1>),
    Sha256(VerifyingKey<Sha256>),
}

impl RsaVerifier {
    pub(crate) fn new(key: &RsaPublic, hash: RsaHash) -> Result<Self, KeyError> {
        Ok(match hash {
            RsaHash::Sha1 => Self::Sha1(VerifyingKey::new(key.0.clone())),
            RsaHash::Sha256 => Self::Sha256(VerifyingKey::new(key.0.clone())),
        })
    }

    /// True when `signature` is a valid RSASSA-PKCS1-v1_5 signature of `data`.
    pub(crate) fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        let Ok(signature) = Signature::try_from(signature) else {
            return false;
        };
        match self {
            Self::Sha1(key) => key.verify(data, &signature).is_ok(),
            Self::Sha256(key) => key.verify(data, &signature).is_ok(),
        }
    }
}
