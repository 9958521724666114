//! `single_trade_query` (单笔交易查询): the state of one trade.
//!
//! The small service of the README's "Adding a service" chapter: its spec table is
//! `specs/single_trade_query.toml`, and this file is all the code it needs. When
//! `send_goods_confirm_by_platform` answers `TRADE_STATUS_NOT_AVAILD`, query the trade with this
//! service instead of repeating the call.

use alipay_core::error::CodeSpec;
use alipay_core::types::{Amount, DateTime, TradeStatus};
use alipay_core::{Request, Response};

/// The request of `single_trade_query`: one of the two trade numbers.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "single_trade_query",
    response = Trade,
    method = GET,
    error_codes = ERROR_CODES,
    idempotent, // a query changes nothing
    identifies(trade_no, out_trade_no), // an answer about another trade is refused
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

/// The `<trade>` payload: the rows the toolkit uses (others are ignored).
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(element = "trade")]
pub struct Trade {
    /// The Alipay trade number.
    #[alipay(label = "支付宝交易号", example = "2010073000030344")]
    pub trade_no: String,
    /// The merchant's order number.
    #[alipay(label = "商户网站唯一订单号", example = "2109095506028810")]
    pub out_trade_no: Option<String>,
    /// The goods' name.
    #[alipay(label = "商品名称", example = "二手围巾")]
    pub subject: Option<String>,
    /// The trade's total amount.
    #[alipay(label = "交易金额", example = "100.40")]
    pub total_fee: Option<Amount>,
    /// The trade state (queries report more states than the escrow ones: an unknown one is
    /// [`TradeStatus::Other`]).
    #[alipay(label = "交易状态", example = "WAIT_SELLER_SEND_GOODS")]
    pub trade_status: TradeStatus,
    /// When the trade was created (Beijing time).
    #[alipay(label = "交易创建时间", example = "2010-07-30 10:30:20")]
    pub gmt_create: Option<DateTime>,
}

/// The error codes this service is known to return.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_NOT_EXIST", ""),
    CodeSpec::new("ILLEGAL_ARGUMENT", ""),
];
