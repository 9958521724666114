//! The sign types and key kinds: plain values every other part of `sign` names.

use std::fmt;
use std::str::FromStr;

use super::text::truncated;

/// The `sign_type` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignType {
    /// `MD5`: lowercase hex md5 of the signing string followed by the partner key.
    Md5,
    /// `RSA`: SHA1withRSA, PKCS#1 v1.5, standard base64.
    Rsa,
    /// `RSA2`: SHA256withRSA, PKCS#1 v1.5, standard base64.
    Rsa2,
    /// `DSA`: SHA1withDSA, DER `SEQUENCE { r, s }`, standard base64.
    Dsa,
}

impl SignType {
    /// The wire spelling: `MD5`, `RSA`, `RSA2`, `DSA`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Rsa => "RSA",
            Self::Rsa2 => "RSA2",
            Self::Dsa => "DSA",
        }
    }

    /// The key algorithm this sign type needs, or `None` for `MD5` (a shared secret, not a key pair).
    pub const fn key_algorithm(self) -> Option<KeyAlgorithm> {
        match self {
            Self::Md5 => None,
            Self::Rsa | Self::Rsa2 => Some(KeyAlgorithm::Rsa),
            Self::Dsa => Some(KeyAlgorithm::Dsa),
        }
    }
}

impl fmt::Display for SignType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignType {
    type Err = ParseSignTypeError;

    /// Parses the wire spelling exactly: `MD5`, `RSA`, `RSA2` or `DSA`. Other spellings (`md5`,
    /// `rsa2`, `RSA256`) are errors, as the gateway answers them with `ILLEGAL_SIGN_TYPE`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "MD5" => Ok(Self::Md5),
            "RSA" => Ok(Self::Rsa),
            "RSA2" => Ok(Self::Rsa2),
            "DSA" => Ok(Self::Dsa),
            _ => Err(ParseSignTypeError {
                value: truncated(s),
            }),
        }
    }
}

/// A `sign_type` that is not exactly `MD5`, `RSA`, `RSA2` or `DSA`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown sign_type {value:?}: expected MD5, RSA, RSA2 or DSA, in upper case")]
pub struct ParseSignTypeError {
    /// The value as given (cut to 32 characters).
    pub value: String,
}

/// The algorithm of a key pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    /// RSA, for `RSA` and `RSA2`.
    Rsa,
    /// DSA, for `DSA`.
    Dsa,
}

impl KeyAlgorithm {
    /// `RSA` or `DSA`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rsa => "RSA",
            Self::Dsa => "DSA",
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a piece of key text holds, for [`KeyError::WrongKind`](super::KeyError::WrongKind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// A private key (signs).
    PrivateKey,
    /// A public key (verifies).
    PublicKey,
    /// An X.509 certificate.
    Certificate,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PrivateKey => "a private key",
            Self::PublicKey => "a public key",
            Self::Certificate => "a certificate",
        })
    }
}
