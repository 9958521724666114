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
pub mod request;
pub mod service;
pub mod services;
pub mod sign;
pub mod types;
pub mod xml;

#[doc(hidden)]
pub mod __private;

// Lets the derive's generated `::alipay_core::…` paths resolve inside this crate too.
extern crate self as alipay_core;

pub use charset::Charset;
pub use error::ErrorCode;
pub use sign::SignType;

/// The derives that declare a service (see [`service`]); same names as the traits they implement.
pub use alipay_derive::{Request, Response};
pub use service::{Request, Response};

/// The production MAPI gateway.
pub const GATEWAY: &str = "https://mapi.alipay.com/gateway.do";
