//! Protocol layer for Alipay's MAPI gateway (`https://mapi.alipay.com/gateway.do`).
//!
//! ```
//! use alipay_services::sns_create_goods_ws::CreateGoods;
//! use alipay_core::sign::{Md5Key, Signer};
//! use alipay_core::{Charset, GATEWAY, request::prepare_request, types::Partner};
//!
//! let signer = Signer::md5(Md5Key::new("demo0000000000000000000000000000")); // parsed once
//! let goods = CreateGoods::example(); // the SNS document's 样例 column; validate() checks every rule
//! let partner: Partner = "2088002464631181".parse()?; // 16 digits, 2088…
//! let signed = prepare_request(&goods, &partner, Charset::Utf8, &signer)?;
//! // python3 hashlib: md5((string_to_sign + key).encode()) — see tests/request.rs
//! assert_eq!(signed.sign(), "1886b2a6c67a987298787206f95cbedd");
//! assert!(signed.get_url(GATEWAY).ends_with("&sign_type=MD5&sign=1886b2a6c67a987298787206f95cbedd"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`canonical`]: the signing string, in exactly one place.
//! - [`charset`]: strict UTF-8 / GBK.
//! - [`sign`]: MD5, RSA (SHA1withRSA), RSA2 (SHA256withRSA), DSA signing and verification; keys.
//! - [`form`]: percent-encoding of query strings and form bodies in the request charset.
//! - [`notify`]: asynchronous notifications: decoding and signature verification.
//! - [`page`]: page services: the URL or the HTML form a buyer's browser sends to the gateway.
//! - [`request`]: the pipeline from parameters (or a declared request) to a signed, encoded request.
//! - [`xml`]: the XML response envelope and the response-signature rule.
//! - [`error`]: the gateway's error codes and how a client should react to each.
//! - [`types`]: typed wire values (amounts in fen, Beijing time, closed value sets).
//! - [`service`]: the traits the derive implements; [`catalog`]: a set of declared services as data.

pub mod canonical;
pub mod catalog;
pub mod charset;
pub mod error;
pub mod form;
pub mod notify;
pub mod page;
pub mod request;
pub mod service;
pub mod sign;
pub mod types;
pub mod xml;

#[doc(hidden)]
pub mod __private;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod __serde;

// Lets the derive's generated `::alipay_core::…` paths resolve inside this crate too.
extern crate self as alipay_core;

pub use charset::Charset;
pub use error::ErrorCode;
pub use sign::SignType;

/// The derives that declare a service (see [`service`]); same names as the traits they implement.
pub use alipay_derive::{ListItem, Notification, Request, Response};
pub use service::{Notification, Request, Response};

/// The production MAPI gateway.
pub const GATEWAY: &str = "https://mapi.alipay.com/gateway.do";
