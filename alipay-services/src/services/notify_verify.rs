//! `notify_verify` (通知校验): ask the gateway whether it sent notification `notify_id` to this
//! partner, within about the last minute. The answer is one word of plain text, not an XML
//! envelope: `true`, `false` (not sent by Alipay, or expired) or `invalid` (the question's
//! parameters were wrong) — [`NotifyVerify`], whose
//! [`Response::TEXT`](alipay_core::Response::TEXT) lists them.
//!
//! Declared from `specs/notify_verify.toml`: no document of the service itself was found; the
//! request and the answers are those of Alipay's own demos (`AlipayNotify::getResponse`) and of the
//! Ruby gem. The demos call it unsigned with `partner` and `notify_id` only; `Client::execute`
//! signs it like every call, and the sandbox answers both.
//!
//! To accept a notification, use `Client::verify_notification` (or a `NotificationHandler`): it
//! checks the signature first and asks this service as the demos do, with the id taken from the
//! notification. Calling the service directly is for tools and tests
//! (`alipay call notify_verify notify_id=…`).
//!
//! Repeating the question is safe (`idempotent`): it changes nothing. The answer can change
//! between two calls, from `true` to `false`, when the minute runs out.
//!
//! ```
//! use alipay_core::Request as _;
//! use alipay_services::notify_verify::{ConfirmNotification, NotifyVerify};
//!
//! assert_eq!(ConfirmNotification::SERVICE, "notify_verify");
//! let ask = ConfirmNotification {
//!     notify_id: "RqPnCoPT3K9/vwbh3I+ODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG".into(),
//! };
//! assert!(ask.validate().is_ok());
//! assert!(ConfirmNotification { notify_id: String::new() }.validate().is_err());
//! # let _: Option<NotifyVerify> = None;
//! ```

use alipay_core::Request;
pub use alipay_core::notify::NotifyVerify;

/// The request of `notify_verify`: the id of the notification to confirm.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "notify_verify",
    response = NotifyVerify,
    method = GET,
    idempotent // a question: it changes nothing
)]
pub struct ConfirmNotification {
    /// 通知校验ID: the notification's notify_id, decoded once (it may hold / and +).
    #[alipay(
        label = "通知校验ID",
        ty = "String",
        example = "RqPnCoPT3K9/vwbh3I+ODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG"
    )]
    pub notify_id: String,
}
