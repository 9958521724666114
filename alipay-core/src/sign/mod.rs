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

mod dsa_impl;
mod error;
mod keys;
mod kinds;
mod md5_impl;
mod params;
mod pem;
mod signer;
mod text;

#[cfg(feature = "aws-lc")]
#[path = "rsa_aws_lc.rs"]
mod rsa_backend;
#[cfg(not(feature = "aws-lc"))]
#[path = "rsa_rustcrypto.rs"]
mod rsa_backend;

pub use error::{KeyError, SignError, VerifyError};
pub use keys::{Md5Key, PrivateKey, PublicKey};
pub use kinds::{KeyAlgorithm, KeyKind, ParseSignTypeError, SignType};
pub use params::{SignParamsError, Signature, VerifyParamsError, sign_params, verify_params};
pub use signer::{Signer, Verifier};
#[doc(hidden)]
pub use text::truncated_to;
