//! `alipay.acquire.cancel` (收单撤销接口): undo a face-to-face (当面付) trade, by `trade_no` or
//! `out_trade_no`. Alipay's demo states the rule: a trade that does not exist is cancelled
//! (`SUCCESS`); one waiting for payment is closed; a paid one is refunded in full and closed; a
//! finished one cannot be undone (`FAIL`, `retry_flag=N`).
//!
//! Declared from `specs/alipay.acquire.cancel.toml` (the demo and Alipay's Java SDK; the document
//! was not found). The answer is nested (`<response><alipay>…`, [`CancelResult`]). Cancelling
//! again answers `SUCCESS` again and changes nothing: declared `idempotent`, so the client repeats
//! it after a timeout, as the polling rule of face-to-face payment needs.

use alipay_core::{Request, Response};

pub use crate::alipay_acquire_createandpay::OperatorType;
pub use crate::alipay_acquire_precreate::ResultCode;

alipay_core::wire_enum! {
    /// `retry_flag`: 对撤销失败的情况下，是否可以继续发起撤销请求的建议。Y：可继续发起撤销请求；N：不可继续发起撤销请求，即后续的撤销请求也不会成功。
    pub enum RetryFlag {
        /// `Y`.
        Y = "Y",
        /// `N`.
        N = "N",
    }
}

/// The request of `alipay.acquire.cancel` (收单撤销接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.acquire.cancel",
    response = CancelResult,
    method = POST,
    idempotent, // a cancelled trade answers SUCCESS again (module docs)
    one_of(trade_no, out_trade_no)
)]
pub struct AcquireCancel {
    /// 支付宝合作商户网站唯一订单号。
    pub out_trade_no: Option<String>,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。如果同时传了out_trade_no和trade_no，则以trade_no为准。
    pub trade_no: Option<String>,
    /// 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1
    pub operator_type: Option<OperatorType>,
    /// 操作员ID。
    pub operator_id: Option<String>,
}

/// The `<alipay>` payload of a successful `alipay.acquire.cancel` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "alipay")]
pub struct CancelResult {
    /// 撤销处理结果响应码。SUCCESS：撤销成功FAIL：撤销失败UNKNOWN：结果未知
    #[alipay(example = "SUCCESS")]
    pub result_code: ResultCode,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。
    pub trade_no: Option<String>,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    pub out_trade_no: Option<String>,
    /// 对撤销失败的情况下，是否可以继续发起撤销请求的建议。Y：可继续发起撤销请求；N：不可继续发起撤销请求，即后续的撤销请求也不会成功。
    #[alipay(example = "N")]
    pub retry_flag: Option<RetryFlag>,
    /// 对返回响应码进行原因说明，当result_code响应码为SUCCESS时，不返回该参数
    pub detail_error_code: Option<String>,
    /// 对详细错误码进行文字说明。当result_code响应码为SUCCESS时，不返回该参数
    pub detail_error_des: Option<String>,
}
