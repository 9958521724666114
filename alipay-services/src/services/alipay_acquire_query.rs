//! `alipay.acquire.query` (收单查询接口): the state of a face-to-face (当面付) trade, by `trade_no` or
//! `out_trade_no` (`trade_no` wins when both are sent): what to poll after
//! `ORDER_SUCCESS_PAY_INPROCESS`, `UNKNOWN`, a timeout, or a QR code shown to the buyer.
//!
//! Declared from `specs/alipay.acquire.query.toml` (a transcription of the tables, Alipay's Java
//! SDK, the cross-border edition; the document was not found). The answer is nested
//! (`<response><alipay>…`, [`QueryResult`]): `result_code` `SUCCESS` says the query worked and
//! `trade_status` what the trade is; `FAIL` comes with `detail_error_code` (`TRADE_NOT_EXIST`).
//! A query changes nothing (`idempotent`).

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, Records};
use alipay_core::{Request, Response};

pub use crate::alipay_acquire_createandpay::{TradeFundBill, TradeStatus};

alipay_core::wire_enum! {
    /// 响应码 (`result_code`): 查询处理结果响应码:SUCCESS：查询成功FAIL：查询失败PROCESS_EXCEPTION：处理异常
    pub enum ResultCode {
        /// `SUCCESS`.
        Success = "SUCCESS",
        /// `FAIL`.
        Fail = "FAIL",
        /// `PROCESS_EXCEPTION`.
        ProcessException = "PROCESS_EXCEPTION",
    }
}

/// The request of `alipay.acquire.query` (收单查询接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.acquire.query",
    response = QueryResult,
    method = POST,
    error_codes = ERROR_CODES,
    idempotent, // a query changes nothing
    one_of(out_trade_no, trade_no)
)]
pub struct AcquireQuery {
    /// 签名类型
    #[alipay(label = "签名类型", example = "2")]
    pub alipay_ca_request: Option<String>,
    /// 支付宝合作商户网站唯一订单号
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "HZ0120131127001"
    )]
    pub out_trade_no: Option<String>,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。如果同时传了out_trade_no和trade_no，则以trade_no为准。
    #[alipay(label = "支付宝交易号", ty = "String(64)")]
    pub trade_no: Option<String>,
}

/// The `<alipay>` payload of a successful `alipay.acquire.query` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "alipay")]
pub struct QueryResult {
    /// 查询处理结果响应码:SUCCESS：查询成功FAIL：查询失败PROCESS_EXCEPTION：处理异常
    #[alipay(label = "响应码", ty = "String(32)", example = "SUCCESS")]
    pub result_code: ResultCode,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。
    #[alipay(label = "支付宝交易号", ty = "String(64)")]
    pub trade_no: Option<String>,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)")]
    pub out_trade_no: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字
    #[alipay(label = "买家支付宝用户号", ty = "String(16)")]
    pub buyer_user_id: Option<String>,
    /// 买家支付宝账号，可以是Email或手机号码。
    #[alipay(label = "买家支付宝账号", ty = "String(100)")]
    pub buyer_logon_id: Option<String>,
    /// 签约的支付宝账号对应的支付宝唯一用户号。以2088开头的16位纯数字组成。
    #[alipay(label = "合作者身份ID", ty = "String(100)")]
    pub partner: Option<String>,
    /// 交易状态
    #[alipay(label = "交易状态", ty = "String(32)")]
    pub trade_status: Option<TradeStatus>,
    /// 对返回响应码进行原因说明”。当result_code响应码为SUCCESS时，不返回该参数
    #[alipay(label = "详细错误码", ty = "String(48)")]
    pub detail_error_code: Option<String>,
    /// 对详细错误码进行文字说明。当result_code响应码为SUCCESS时，不返回该参数
    #[alipay(label = "详细错误描述", ty = "String(64)")]
    pub detail_error_des: Option<String>,
    /// 本次交易支付单据信息集合
    #[alipay(label = "本次交易支付单据信息集合")]
    pub fund_bill_list: Option<Records<TradeFundBill>>,
    /// 订单金额
    #[alipay(label = "订单金额")]
    pub total_fee: Option<Amount>,
    /// 本次交易打款给卖家的时间
    #[alipay(label = "本次交易打款给卖家的时间")]
    pub send_pay_date: Option<DateTime>,
    /// 本次交易返回的扩展信息
    #[alipay(label = "本次交易返回的扩展信息")]
    pub extend_info_list: Option<String>,
}

/// The error codes of `alipay.acquire.query`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_NOT_EXIST", "")
        .kind(ErrorKind::QueryTradeState)
        .meaning(
            "no trade with this number (attested by a gateway's mapping [CL], document 8.1 not read); after a createandpay timeout it means the order never reached Alipay",
        ),
    CodeSpec::new("INVALID_PARAMETER", "参数无效")
        .kind(ErrorKind::Caller)
        .meaning("A parameter is not valid.")
        .advice("Check the request against the service's table."),
];
