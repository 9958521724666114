//! `test.page_pay` (页面服务): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::Request;
use alipay_core::types::Amount;

/// The request of `test.page_pay` (页面服务).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(service = "test.page_pay", page, method = POST)]
pub struct TestPagePay {
    /// 商户网站唯一订单号
    #[alipay(label = "商户订单号", ty = "String(64)", example = "6843192280647118")]
    pub out_trade_no: String,
    /// 交易金额
    #[alipay(label = "金额", example = "0.01")]
    pub total_fee: Amount,
}
