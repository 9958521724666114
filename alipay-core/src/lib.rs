//! Protocol layer for Alipay's MAPI gateway (`https://mapi.alipay.com/gateway.do`).
//!
//! - [`canonical`]: the signing string, in exactly one function.
//! - [`charset`]: strict UTF-8 / GBK.
//! - [`sign`]: MD5, RSA (SHA1withRSA), RSA2 (SHA256withRSA), DSA signing and verification; keys.
//! - [`form`]: percent-encoding of query strings and form bodies in the request charset.
//! - [`xml`]: the XML response envelope and the response-signature rule.
//! - [`error`]: the gateway's error codes and how a client should react to each.
//! - [`types`]: typed wire values (amounts in fen, Beijing time, closed value sets).

pub mod canonical;
pub mod charset;
pub mod error;
pub mod form;
pub mod service;
pub mod sign;
pub mod types;
pub mod xml;

#[doc(hidden)]
pub mod __private;

pub use charset::Charset;
pub use error::ErrorCode;
pub use sign::SignType;

/// The production MAPI gateway.
pub const GATEWAY: &str = "https://mapi.alipay.com/gateway.do";
