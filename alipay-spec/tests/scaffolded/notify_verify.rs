//! `notify_verify` (通知校验): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::Request;

/// The request of `notify_verify` (通知校验).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "notify_verify",
    response = alipay_core::notify::NotifyVerify,
    method = POST
)]
pub struct NotifyVerify {
    /// 通知校验ID: the notification's notify_id, decoded once (it may hold / and +).
    #[alipay(
        label = "通知校验ID",
        ty = "String",
        example = "RqPnCoPT3K9/vwbh3I+ODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG"
    )]
    pub notify_id: String,
}
