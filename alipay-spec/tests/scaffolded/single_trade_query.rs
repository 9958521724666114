//! `single_trade_query` (单笔交易查询接口): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::error::CodeSpec;
use alipay_core::types::{Amount, DateTime};
use alipay_core::{Request, Response};

/// The request of `single_trade_query` (单笔交易查询接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "single_trade_query",
    response = Trade,
    method = POST,
    error_codes = ERROR_CODES,
    one_of(trade_no, out_trade_no)
)]
pub struct SingleTradeQuery {
    /// 支付宝交易号与商户网站订单号不能同时为空。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2010073000030344"
    )]
    pub trade_no: Option<String>,
    /// 支付宝交易号与商户网站订单号不能同时为空。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "2109095506028810"
    )]
    pub out_trade_no: Option<String>,
}

/// The `<trade>` payload of a successful `single_trade_query` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "trade")]
pub struct Trade {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", example = "2010073000030344")]
    pub trade_no: String,
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", example = "2109095506028810")]
    pub out_trade_no: Option<String>,
    /// 商品名称
    #[alipay(label = "商品名称", example = "二手围巾")]
    pub subject: Option<String>,
    /// 交易金额
    #[alipay(label = "交易金额", example = "100.40")]
    pub total_fee: Option<Amount>,
    /// 交易状态
    #[alipay(label = "交易状态", example = "WAIT_SELLER_SEND_GOODS")]
    pub trade_status: String,
    /// 交易创建时间
    #[alipay(label = "交易创建时间", example = "2010-07-30 10:30:20")]
    pub gmt_create: Option<DateTime>,
}

/// The error codes of `single_trade_query`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_NOT_EXIST", ""),
    CodeSpec::new("ILLEGAL_ARGUMENT", ""),
];
