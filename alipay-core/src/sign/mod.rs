//! Signing and verification: `MD5`, `RSA` (SHA1withRSA), `RSA2` (SHA256withRSA), `DSA` (SHA1withDSA).
//!
//! Keys are parsed once ([`Md5Key`], [`PrivateKey`], [`PublicKey`]) and handed to a [`Signer`]
//! (requests) or a [`Verifier`] (responses and notifications). Both are cheap to clone and can be
//! shared between threads. What gets signed is the canonical string ([`crate::canonical`]) encoded in
//! the request charset ([`crate::Charset`]); this module only sees those bytes.
//!
//! ```
//! use alipay_core::sign::{Md5Key, Signer, Verifier};
//!
//! let key = Md5Key::new("  0123456789abcdef0123456789abcdef\n"); // surrounding whitespace is trimmed
//! let signer = Signer::md5(key.clone());
//! let sign = signer.sign(b"_input_charset=utf-8&partner=2088000000000000&service=x")?;
//! assert_eq!(sign.len(), 32);
//!
//! let verifier = Verifier::md5(key);
//! verifier.verify_typed("MD5", b"_input_charset=utf-8&partner=2088000000000000&service=x", &sign)?;
//! assert!(verifier.verify_typed("RSA", b"_input_charset=utf-8&partner=2088000000000000&service=x", &sign).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Backends
//!
//! With the default feature `aws-lc`, RSA signing and verification run in AWS-LC (constant time,
//! as fast as OpenSSL). Without it, RSA uses the pure-Rust `rsa` crate (blinded; several times
//! slower, and subject to the timing advisory RUSTSEC-2023-0071). Both produce identical signatures:
//! PKCS#1 v1.5 is deterministic. DSA always uses the pure-Rust `dsa` crate, with deterministic
//! nonces (RFC 6979), and MD5 the `md-5` crate.

use std::fmt;
use std::str::FromStr;

mod dsa_impl;
mod error;
mod keys;
mod md5_impl;
mod params;
mod pem;
mod signer;

#[cfg(feature = "aws-lc")]
#[path = "rsa_aws_lc.rs"]
mod rsa_backend;
#[cfg(not(feature = "aws-lc"))]
#[path = "rsa_rustcrypto.rs"]
mod rsa_backend;

#[doc(hidden)]
pub use error::truncated_to;
pub use error::{KeyError, ParseSignTypeError, SignError, VerifyError};
pub use keys::{KeyAlgorithm, KeyKind, Md5Key, PrivateKey, PublicKey};
pub use params::{SignParamsError, Signature, VerifyParamsError, sign_params, verify_params};
pub use signer::{Signer, Verifier};

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
                value: error::truncated(s),
            }),
        }
    }
}
