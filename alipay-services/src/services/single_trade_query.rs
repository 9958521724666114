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

/// The `<trade>` payload: every child the document lists (unknown ones are ignored).
///
/// Only `trade_no` and `trade_status` are required; every other row is optional (the document
/// also marks `buyer_email`, `buyer_id` and `is_total_fee_adjust` never empty), so a genuine
/// answer without one is never refused.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(element = "trade")]
pub struct Trade {
    /// The buyer's Alipay account (live answers may mask it).
    #[alipay(label = "买家支付宝账号", example = "tianc002@alipay.com")]
    pub buyer_email: Option<String>,
    /// The buyer's Alipay user id.
    #[alipay(
        label = "买家支付宝账号对应的支付宝唯一用户号",
        example = "2088002007274897"
    )]
    pub buyer_id: Option<String>,
    /// The trade state (queries report more states than the escrow ones: an unknown one is [`TradeStatus::Other`]).
    #[alipay(label = "交易状态", example = "TRADE_FINISHED")]
    pub trade_status: TradeStatus,
    /// `T`: the total was adjusted; `F`: it was not.
    #[alipay(label = "交易金额是否调整过", example = "F")]
    pub is_total_fee_adjust: Option<String>,
    /// The merchant's order number.
    #[alipay(label = "商户网站唯一订单号", example = "20080108-5")]
    pub out_trade_no: Option<String>,
    /// The Alipay trade number.
    #[alipay(label = "支付宝交易号", example = "2010073000030344")]
    pub trade_no: String,
    /// The goods' name.
    #[alipay(label = "商品名称", example = "合同催款通知")]
    pub subject: Option<String>,
    /// `1`: the trade is locked (frozen); `0`: it is not.
    #[alipay(label = "交易冻结状态", example = "0")]
    pub flag_trade_locked: Option<String>,
    /// The goods' description.
    #[alipay(label = "商品描述", example = "合同催款通知")]
    pub body: Option<String>,
    /// When the trade was created (Beijing time).
    #[alipay(label = "交易创建时间", example = "2010-07-30 12:26:33")]
    pub gmt_create: Option<DateTime>,
    /// The seller's Alipay account.
    #[alipay(label = "卖家支付宝账号", example = "chao.chenc1@alipay.com")]
    pub seller_email: Option<String>,
    /// The seller's Alipay user id.
    #[alipay(
        label = "卖家支付宝账号对应的支付宝唯一用户号",
        example = "2088002007018916"
    )]
    pub seller_id: Option<String>,
    /// The trade's total amount.
    #[alipay(label = "交易总金额", example = "1.00")]
    pub total_fee: Option<Amount>,
    /// The unit price.
    #[alipay(label = "商品单价", example = "1.00")]
    pub price: Option<Amount>,
    /// The quantity bought.
    #[alipay(label = "购买数量", example = "1")]
    pub quantity: Option<u32>,
    /// The postage.
    #[alipay(label = "邮费")]
    pub logistics_fee: Option<Amount>,
    /// The red-packet (coupon) discount.
    #[alipay(label = "红包折扣")]
    pub coupon_discount: Option<Amount>,
    /// `T`: a red packet was used; `F`: none.
    #[alipay(label = "是否使用过红包", example = "F")]
    pub use_coupon: Option<String>,
    /// The discount, as sent (it may be negative, which `Amount` cannot hold).
    #[alipay(label = "折扣", example = "0.00")]
    pub discount: Option<String>,
    /// The refund state (the document's value list was not found).
    #[alipay(label = "退款状态", example = "REFUND_SUCCESS")]
    pub refund_status: Option<String>,
    /// The logistics state (the document's value list was not found).
    #[alipay(label = "物流状态")]
    pub logistics_status: Option<String>,
    /// An additional trade state, e.g. `DAEMON_CONFIRM_CLOSE` (the value list was not found).
    #[alipay(label = "交易附加状态", example = "DAEMON_CONFIRM_CLOSE")]
    pub additional_trade_status: Option<String>,
    /// When the trade was last modified, as sent (one published copy carries a line break inside it).
    #[alipay(label = "交易最近一次修改时间", example = "2010-07-30 12:30:29")]
    pub gmt_last_modified_time: Option<String>,
    /// When the buyer paid.
    #[alipay(label = "付款时间", example = "2010-07-30 12:30:29")]
    pub gmt_payment: Option<DateTime>,
    /// When the seller shipped.
    #[alipay(label = "卖家发货时间")]
    pub gmt_send_goods: Option<DateTime>,
    /// When the trade was refunded, as sent (a real answer carries milliseconds: `2017-01-14 17:03:56.744`).
    #[alipay(label = "退款时间", example = "2015-03-18 15:43:11")]
    pub gmt_refund: Option<String>,
    /// The main timeout's time, as sent.
    #[alipay(label = "主超时时间")]
    pub time_out: Option<String>,
    /// When the trade was closed.
    #[alipay(label = "交易关闭时间", example = "2015-01-20 02:37:00")]
    pub gmt_close: Option<DateTime>,
    /// When the logistics state last changed.
    #[alipay(label = "物流状态更新时间")]
    pub gmt_logistics_modify: Option<DateTime>,
    /// The main timeout's type (the value list was not found).
    #[alipay(label = "主超时类型")]
    pub time_out_type: Option<String>,
    /// The refunded amount.
    #[alipay(label = "退款金额", example = "0.03")]
    pub refund_fee: Option<Amount>,
    /// The refund flow (the value list was not found).
    #[alipay(label = "退款流程", example = "1")]
    pub refund_flow_type: Option<String>,
    /// The refund's id.
    #[alipay(label = "退款ID", example = "97622780097")]
    pub refund_id: Option<String>,
    /// The cash refunded.
    #[alipay(label = "退现金金额")]
    pub refund_cash_fee: Option<Amount>,
    /// The red packets refunded.
    #[alipay(label = "退红包金额")]
    pub refund_coupon_fee: Option<Amount>,
    /// The points refunded.
    #[alipay(label = "退积分金额")]
    pub refund_agent_pay_fee: Option<Amount>,
    /// The red-packet amount used.
    #[alipay(label = "使用红包金额")]
    pub coupon_used_fee: Option<Amount>,
    /// The total refunded to the buyer so far.
    #[alipay(label = "累积已经退款的金额", example = "0.03")]
    pub to_buyer_fee: Option<Amount>,
    /// The total paid to the seller so far.
    #[alipay(label = "累计已打款给卖家的金额", example = "0.10")]
    pub to_seller_fee: Option<Amount>,
    /// The fund bills (format undocumented: kept as sent).
    #[alipay(label = "资金单据列表")]
    pub fund_bill_list: Option<String>,
    /// The payment type, e.g. `1` (the code list was not found).
    #[alipay(label = "收款类型", example = "1")]
    pub payment_type: Option<String>,
    /// Who created the trade: `B` buyer, `S` seller.
    #[alipay(label = "交易的创建人角色", example = "B")]
    pub operator_role: Option<String>,
}

/// The error codes this service is known to return.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_NOT_EXIST", "").meaning(
        "The trade doesn't exist. Check whether out_trade_no or Alipay trade_no is incorrect.",
    ),
    CodeSpec::new("TRADE_IS_NOT_EXIST", "")
        .meaning("The trade doesn't exist (the spelling of the document's copied sample answer)."),
    CodeSpec::new("ILLEGAL_SIGN", "").meaning("Illegal signature"),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "").meaning("Dynamic key information is incorrect."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "").meaning("Encryption is incorrect."),
    CodeSpec::new("ILLEGAL_ARGUMENT", "").meaning("Parameter is incorrect."),
    CodeSpec::new("ILLEGAL_SERVICE", "").meaning("Service parameter is incorrect."),
    CodeSpec::new("ILLEGAL_USER", "").meaning("User ID is incorrect."),
    CodeSpec::new("ILLEGAL_PARTNER", "").meaning("Partner ID is incorrect."),
    CodeSpec::new("ILLEGAL_EXTERFACE", "")
        .meaning("Interface configuration is incorrect (the stored text is cut off)."),
];
