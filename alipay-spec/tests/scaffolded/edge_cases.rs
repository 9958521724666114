//! `test.edge_cases` (边界用例): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{CompactTime, DateTime, HttpUrl};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// 类型 (`type`): a keyword as a name: r#type; values that differ only in case
    pub enum Type {
        /// `a`.
        A = "a",
        /// `A`.
        A2 = "A",
    }
}

alipay_core::wire_enum! {
    /// 交易状态 (`trade_status`)
    pub enum TradeStatus {
        /// `WAIT_BUYER_PAY`.
        WaitBuyerPay = "WAIT_BUYER_PAY",
        /// `TRADE_CLOSED`.
        TradeClosed = "TRADE_CLOSED",
    }
}

alipay_core::wire_enum! {
    /// 类型 (`type`): the same name as a request enum, another set: a second enum
    pub enum Type2 {
        /// `x`.
        X = "x",
        /// `y`.
        Y = "y",
    }
}

/// The request of `test.edge_cases` (边界用例).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "test.edge_cases",
    response = TradeBase,
    method = POST,
    error_codes = ERROR_CODES,
    one_of(r#type, trade_no)
)]
pub struct TestEdgeCases {
    /// a keyword as a name: r#type; values that differ only in case
    #[alipay(label = "类型", example = "a")]
    pub r#type: Option<Type>,
    /// a camelCase name: trade_no with name = "tradeNo"
    #[alipay(
        name = "tradeNo",
        label = "交易号",
        ty = "String(64)",
        example = "2010073000030344"
    )]
    pub trade_no: Option<String>,
    /// a name that cannot be a raw identifier
    #[alipay(name = "self", label = "自身", example = "me")]
    pub self_: String,
    /// a DateTime
    #[alipay(label = "付款时间", example = "2010-07-30 10:30:20")]
    pub gmt_payment: DateTime,
    /// an HttpUrl
    #[alipay(
        label = "返回地址",
        ty = "String(200)",
        example = "https://example.com/return"
    )]
    pub return_url: Option<HttpUrl>,
    /// a count past u32: u64
    #[alipay(label = "买家数", example = "5000000000")]
    pub buyer_num: u64,
    /// digits with a leading zero stay text
    #[alipay(label = "件数", example = "007")]
    pub item_count: String,
    /// money without two decimals stays text
    #[alipay(label = "价格", example = "5")]
    pub price: String,
    /// no label, note or example: documented by its meaning
    pub memo: Option<String>,
    #[allow(missing_docs)] // 备注 is empty in the table: the doc comment is the note.
    #[alipay(label = "空备注")]
    pub remark: Option<String>,
    /// 支付宝分配的 key
    #[alipay(label = "密钥", ty = "String(32)", secret, example = "abc")]
    pub user_key: String,
}

/// The `<tradeBase>` payload of a successful `test.edge_cases` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "tradeBase")]
pub struct TradeBase {
    /// 交易状态
    #[alipay(label = "交易状态", example = "WAIT_BUYER_PAY")]
    pub trade_status: TradeStatus,
    /// the same name as a request enum, another set: a second enum
    #[alipay(label = "类型", example = "x")]
    pub r#type: Option<Type2>,
    /// 格式:yyyyMMddHHmmss
    #[alipay(label = "创建时间", ty = "String(14)", example = "20110630203533")]
    pub create_time: CompactTime,
    #[allow(missing_docs)] // 备注 is empty in the table: the doc comment is the note.
    #[alipay(label = "超时天数", example = "10")]
    pub rec_days: Option<u32>,
}

/// The error codes of `test.edge_cases`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("SOME_NEW_CODE", "")
        .kind(ErrorKind::Caller)
        .meaning("`SOME_NEW_CODE`: see the service's documentation.")
        .advice("See the service's documentation."),
    CodeSpec::new("ANOTHER_NEW_CODE", "另一个新错误")
        .kind(ErrorKind::Retry)
        .meaning("另一个新错误")
        .advice("See the service's documentation."),
    CodeSpec::new("TRADE_NOT_EXIST", "交易不存在").kind(ErrorKind::QueryTradeState),
    CodeSpec::new("ILLEGAL_SIGN", "签名不正确")
        .meaning("The signature does not verify.")
        .advice("Check the key."),
];
