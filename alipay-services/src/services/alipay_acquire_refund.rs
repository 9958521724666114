//! `alipay.acquire.refund` (收单退款接口): refund a paid face-to-face (当面付) trade, in part or in
//! full, never more than was paid. `out_request_no` names the refund: a repeat of the same refund
//! answers the first result with `fund_change=N` (Alipay's Java SDK: "如果该笔退款已退款过，则直接
//! 返回上一次的退款结果"); without it the refund is of the whole trade, named by `out_trade_no`.
//!
//! Declared from `specs/alipay.acquire.refund.toml` (Alipay's Java SDK, a real answer; the
//! document was not found). The answer is nested (`<response><alipay>…`, [`RefundResult`]);
//! `result_code` is `SUCCESS`, `FAIL` (with `detail_error_code`) or `UNKNOWN`. Declared
//! `idempotent` for that reason.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, HttpUrl};
use alipay_core::{Request, Response};

pub use crate::alipay_acquire_createandpay::OperatorType;
pub use crate::alipay_acquire_precreate::ResultCode;

alipay_core::wire_enum! {
    /// `fund_change`: 对同一个商户退款请求，如果该笔退款已退款过，则直接返回上一次的退款结果。同时，返回本次请求是否发生了资金变动的标识。Y：本次退款请求发生资金变动；N：本次退款请求未发送资金变动。
    pub enum FundChange {
        /// `Y`.
        Y = "Y",
        /// `N`.
        N = "N",
    }
}

/// The request of `alipay.acquire.refund` (收单退款接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.acquire.refund",
    response = RefundResult,
    method = POST,
    idempotent, // out_request_no: a repeat answers the first result (module docs)
    error_codes = ERROR_CODES,
    one_of(trade_no, out_trade_no)
)]
pub struct AcquireRefund {
    /// in \[G\]'s table; not among \[SDK\]'s text params
    #[alipay(ty = "String(190)")]
    pub notify_url: Option<HttpUrl>,
    /// 商户网站唯一订单号
    #[alipay(ty = "String(64)", example = "1615698830")]
    pub out_trade_no: Option<String>,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。如果同时传了out_trade_no和trade_no，则以trade_no为准
    pub trade_no: Option<String>,
    /// 商户退款请求单号，用以标识本次交易的退款请求。如果不传入本参数，则以out_trade_no填充本参数的值。同时，认为本次请求为全额退款，要求退款金额和交易支付金额一致。
    pub out_request_no: Option<String>,
    /// 退款金额；退款金额不能大于订单金额，全额退款必须与订单金额一致。
    #[alipay(ty = "Number(9,2)", example = "0.01")]
    pub refund_amount: Amount,
    /// 退款原因说明。
    pub refund_reason: Option<String>,
    /// 业务关联ID集合，用于放置商户的退款单号、退款流水号等信息，json格式
    pub ref_ids: Option<String>,
    /// 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1。
    pub operator_type: Option<OperatorType>,
    /// 卖家的操作员ID。
    pub operator_id: Option<String>,
}

/// The `<alipay>` payload of a successful `alipay.acquire.refund` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "alipay")]
pub struct RefundResult {
    /// 买家支付宝账号，可以是Email或手机号码。
    #[alipay(example = "tao***@163.com")]
    pub buyer_logon_id: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字
    #[alipay(example = "2088502902755470")]
    pub buyer_user_id: Option<String>,
    /// 对返回响应码进行原因说明
    pub detail_error_code: Option<String>,
    /// 对详细错误码进行文字说明。当result_code响应码为SUCCESS时，不返回该参数。
    pub detail_error_des: Option<String>,
    /// 对同一个商户退款请求，如果该笔退款已退款过，则直接返回上一次的退款结果。同时，返回本次请求是否发生了资金变动的标识。Y：本次退款请求发生资金变动；N：本次退款请求未发送资金变动。
    #[alipay(example = "Y")]
    pub fund_change: Option<FundChange>,
    /// in \[R\] only
    #[alipay(example = "2016-06-15 10:54:44")]
    pub gmt_refund_pay: Option<DateTime>,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(example = "1615698830")]
    pub out_trade_no: Option<String>,
    /// in \[R\] only
    #[alipay(example = "0.01")]
    pub refund_fee: Option<Amount>,
    /// 退款处理结果响应码。SUCCESS：退款成功FAIL：退款失败UNKNOWN：结果未知
    #[alipay(example = "SUCCESS")]
    pub result_code: ResultCode,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。
    #[alipay(example = "2016061421001004470225529697")]
    pub trade_no: Option<String>,
}

/// The error codes of `alipay.acquire.refund`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("INVALID_PARAMETER", "参数无效")
        .kind(ErrorKind::Caller)
        .meaning("A parameter is not valid.")
        .advice("Check the request against the service's table."),
    CodeSpec::new("TRADE_HAS_CLOSE", "")
        .kind(ErrorKind::QueryTradeState)
        .meaning(
            "the trade is closed (e.g. already fully refunded or cancelled): nothing left to refund — attested by [CL] only",
        )
        .advice("Do not retry with this out_trade_no; start a new order."),
    CodeSpec::new("TRADE_NOT_EXIST", "")
        .kind(ErrorKind::Caller)
        .meaning("no trade with this number — attested by [CL] only"),
];
