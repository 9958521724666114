//! `query_timestamp` (防钓鱼时间戳): the anti-phishing timestamp, an encrypted Alipay time that a
//! page request (`create_direct_pay_by_user`'s, …) carries as `anti_phishing_key` when the
//! merchant's contract has the anti-phishing check. Fetch a fresh key just before building each
//! page request; never cache it (it expires: `ANTI_PHISHING_KEY_TIMEOUT`).
//!
//! Declared from `specs/query_timestamp.toml`: no document of the service was found; the request
//! and the answer are those of Alipay's own demo and of a logged real answer. The demos call it
//! unsigned; this client signs it like every call (the sandbox answers both).
//!
//! With the client: `client.execute(&QueryTimestamp {}).await?.encrypt_key` is the key to put in
//! the page request's `anti_phishing_key`.
//!
//! ```
//! use alipay_core::Request as _;
//! use alipay_services::query_timestamp::QueryTimestamp;
//!
//! assert_eq!(QueryTimestamp::SERVICE, "query_timestamp");
//! assert!(QueryTimestamp {}.validate().is_ok());
//! ```

use alipay_core::{Request, Response};

/// The request of `query_timestamp`: no business parameter.
#[derive(Clone, Default, PartialEq, Eq, Request)]
#[alipay(
    service = "query_timestamp",
    response = Timestamp,
    method = GET,
    idempotent // each call gives a key; a repeat only gives another one
)]
pub struct QueryTimestamp {}

/// The `<timestamp>` payload: the key.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(element = "timestamp")]
pub struct Timestamp {
    /// The encrypted Alipay timestamp: a page request's `anti_phishing_key`.
    #[alipay(example = "KPr8DuZp5xc031OVxw==")]
    pub encrypt_key: String,
}
