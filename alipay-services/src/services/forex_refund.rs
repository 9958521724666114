//! `forex_refund` (境外收单 退款): refund a paid cross-border trade (`create_forex_trade`), in
//! part or whole, in its currency (`return_amount`) or in RMB (`return_rmb_amount`). An API
//! service answered with the bare envelope: `T` takes the refund; its outcome comes to
//! `notify_url` ([`ForexRefundNotify`], `refund_status`).
//!
//! Declared from `specs/forex_refund.toml` (Alipay's English table; the errors from libraries and
//! a Chinese transcription; the file cites each), scaffolded with `alipay spec scaffold`, then
//! refined: `currency` is checked like `create_forex_trade`'s.
//!
//! Repeating a refund: `conflict = "REPEATED_REFUNDMENT_REQUEST"`: a refund is named by its
//! `out_return_no`, and the same one sent again is refused with that code; its outcome is in its
//! notification.

// The field docs are the spec's notes, verbatim: they cite sources as `[K]`, `[NB]`, … (not links)
// and name pages by bare URLs.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls)]

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, CompactTime, DateTime, HttpUrl};
use alipay_core::{Notification, Request};

use crate::create_forex_trade::currency_code;

alipay_core::wire_enum! {
    /// 产品代码 (`product_code`): 网站支付: NEW_OVERSEAS_SELLER 手机浏览器或支付宝钱包支付: NEW_WAP_OVERSEAS_SELLER.
    pub enum ProductCode {
        /// `NEW_OVERSEAS_SELLER`.
        NewOverseasSeller = "NEW_OVERSEAS_SELLER",
        /// `NEW_WAP_OVERSEAS_SELLER`.
        NewWapOverseasSeller = "NEW_WAP_OVERSEAS_SELLER",
    }
}

alipay_core::wire_enum! {
    /// `is_sync`: Indicates that the refund request is processed synchronously or asynchronously with a value of Y or N.The default value is N, which means an asynchronous response from Alipay is returned to the merchant if the merchant has set the value of the notify_url field when sending the refund request. If the value is set as Y, it means only a synchronous response is returned to the merchant.
    pub enum IsSync {
        /// `Y`.
        Y = "Y",
        /// `N`.
        N = "N",
    }
}

alipay_core::wire_enum! {
    /// `refund_status`: The refund status. The value can be REFUND_SUCCESS for a successful refund or REFUND_FAIL for a failed refund.
    pub enum RefundStatus {
        /// `REFUND_SUCCESS`.
        RefundSuccess = "REFUND_SUCCESS",
        /// `REFUND_FAIL`.
        RefundFail = "REFUND_FAIL",
    }
}

/// The request of `forex_refund` (境外收单退款接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "forex_refund",
    response = (),
    method = POST,
    conflict = "REPEATED_REFUNDMENT_REQUEST", // out_return_no names the refund (module docs)
    error_codes = ERROR_CODES,
    one_of(return_amount, return_rmb_amount)
)]
pub struct ForexRefund {
    /// The URL for receiving asynchronous notifications after the payment is completed.
    #[alipay(ty = "URL(200)", example = "http://www.test.com/alipay/notify_url.php")]
    pub notify_url: Option<HttpUrl>,
    /// The unique refund ID for the refund request
    #[alipay(
        label = "外部退款请求的ID",
        ty = "String(64)",
        example = "205485121225"
    )]
    pub out_return_no: String,
    /// The transaction ID of the original payment
    #[alipay(
        label = "境外商户交易号（确保在境外商户系统中唯一）",
        ty = "String(64)",
        example = "990xxxxxxx8989"
    )]
    pub out_trade_no: String,
    /// The amount to refund in the settlement currency. The value is in the range of 0.01 – 1000000.00, with at most 2 digits after the decimal point. The return_amount and return_rmb_amount fields cannot be empty at the same time, therefore, one of them must be specified.
    #[alipay(
        label = "外币退款金额",
        ty = "Number(9,2)",
        custom = crate::rules::forex_amount,
        example = "100.30"
    )]
    pub return_amount: Option<Amount>,
    /// The refund amount in CNY. The value is in the range of 0.01 - 1000000.00, with at most 2 digits after the decimal point. Either the return_amount or return_rmb_amount field can be specified.
    #[alipay(
        label = "人民币退款金额",
        ty = "Number(9,2)",
        custom = crate::rules::forex_amount,
        example = "1.01"
    )]
    pub return_rmb_amount: Option<Amount>,
    /// The currency for the refund. The value of this field is not CNY, even when the return_rmb_amount parameter is not null. Use upper case. For more information about supported currencies, see Supported Currencies.
    #[alipay(
        label = "外币币种",
        ty = "String(10)",
        custom = currency_code,
        example = "USD"
    )]
    pub currency: String,
    /// Refund transaction time, with a format of yyyy-MM-dd HH:mm:ss. Use GMT+8.
    #[alipay(ty = "String(14)", example = "20150401000000")]
    pub gmt_return: CompactTime,
    /// Required in [RHK] and [R]; 可选 in [PD]; [REN]'s text is cut after the type
    #[alipay(label = "退款原因", ty = "String(100)", example = "product defect")]
    pub reason: String,
    /// 网站支付: NEW_OVERSEAS_SELLER 手机浏览器或支付宝钱包支付: NEW_WAP_OVERSEAS_SELLER.
    #[alipay(label = "产品代码", ty = "String", example = "NEW_OVERSEAS_SELLER")]
    pub product_code: Option<ProductCode>,
    /// JSON list ([RSPLIT]): transOut (Y) the 2088… account the refund is taken from; amount (Y); currency (Y) same as the refund currency, CNY when the trade used rmb_fee; desc (N). Refund splits need not follow the payment splits; the totals must match.
    #[alipay(
        label = "分账信息",
        ty = "String",
        example = "[{\"transOut\":\"2088101126708402\", \"amount\":\"0.10\", \"currency\":\"USD\", \"desc\":\"test1\"}]"
    )]
    pub split_fund_info: Option<String>,
    /// Indicates that the refund request is processed synchronously or asynchronously with a value of Y or N.The default value is N, which means an asynchronous response from Alipay is returned to the merchant if the merchant has set the value of the notify_url field when sending the refund request. If the value is set as Y, it means only a synchronous response is returned to the merchant.
    #[alipay(ty = "String", example = "Y")]
    pub is_sync: Option<IsSync>,
}

/// The asynchronous notification (服务器异步通知参数) of `forex_refund`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "forex_refund", kind = "notify")]
pub struct ForexRefundNotify {
    /// Notification type
    #[alipay(ty = "String", example = "refund_status_sync")]
    pub notify_type: String,
    /// The time when the notification is sent. The time format is yyyy-MM-dd HH:mm:ss.
    #[alipay(ty = "Timestamp", example = "2021-08-26 18:32:35")]
    pub notify_time: DateTime,
    /// Notification ID, used by the partner system to verify the notification
    #[alipay(ty = "String", example = "2021082600222183235095291417346698")]
    pub notify_id: String,
    /// The unique transaction ID that is assigned by the merchant for the refund
    #[alipay(ty = "String(64)", example = "alex_1629950066")]
    pub out_trade_no: String,
    /// Refund ID of the partner
    #[alipay(ty = "String(64)", example = "alex_refund_1629973952")]
    pub out_return_no: String,
    /// The refund status. The value can be REFUND_SUCCESS for a successful refund or REFUND_FAIL for a failed refund.
    #[alipay(ty = "String(32)", example = "REFUND_SUCCESS")]
    pub refund_status: RefundStatus,
    /// [REN]: Error code that is returned when the request is failed, to describe the request failure reason (text cut); inferred present only with REFUND_FAIL
    #[alipay(ty = "String(64)")]
    pub error_code: Option<String>,
    /// inferred from a real notification ([PDD]); not in [REN]'s readable rows
    #[alipay(ty = "Number", example = "1.01")]
    pub return_amount: Option<Amount>,
    /// inferred from a real notification ([PDD]): CNY for a refund made with return_rmb_amount
    #[alipay(ty = "String(10)", example = "CNY")]
    pub currency: Option<String>,
}

/// The error codes of `forex_refund`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("PURCHASE_TRADE_NOT_EXIST", "The payment transaction does not exist")
        .kind(ErrorKind::QueryTradeState)
        .meaning("交易不存在 [NET]. [HELP]: the trade does not exist or is not paid yet (WAIT_BUYER_PAY); in the sandbox, trades older than 2 days")
        .advice("Query the trade; refund only a paid trade, by the out_trade_no it was created with."),
    CodeSpec::new("RETURN_AMOUNT_EXCEED", "Refund amount is over the payment amount")
        .kind(ErrorKind::Caller)
        .meaning("退款金额超限 [NET]")
        .advice("Refund at most the paid amount less the refunds already made."),
    CodeSpec::new("REPEATED_REFUNDMENT_REQUEST", "Duplicated refund request")
        .kind(ErrorKind::QueryTradeState)
        .meaning("重复的退款请求 [NET] (there printed as FREPEATED_REFUNDMENT_REQUEST: is_success F + error)")
        .advice("Do not send it again: its outcome is in its notification. A new refund needs a new out_return_no."),
    CodeSpec::new("REPEATED_REFUNDMENT_REQUEST_TO_ONE_TRADE", "")
        .kind(ErrorKind::Caller)
        .meaning("一笔交易多次退款 [NET], printed there as 'REPEATED_REFUND MENT_REQUEST_TO _ONE_TRADE' (spelling without spaces inferred); no English text found")
        .advice("Refund the trade in fewer, larger refunds."),
    CodeSpec::new("CURRENCY_NOT_SAME", "Different currency from the payment currency")
        .kind(ErrorKind::Caller)
        .meaning("币种不一致（与创建交易时的币种不一致） [NET]")
        .advice("Send the currency the trade was created with."),
    CodeSpec::new("REFUNDMENT_VALID_DATE_EXCEED", "Could not refund after the specified refund timeframe.")
        .kind(ErrorKind::Caller)
        .meaning("退款有效期超过退款周期 [NET]")
        .advice("Such a trade is no longer refunded through the gateway; contact Alipay support."),
    CodeSpec::new("ILLEGAL_ARGUMENT", "Incorrect parameter").meaning("参数不正确 [NET]"),
    CodeSpec::new("SYSTEM_EXCEPTION", "")
        .kind(ErrorKind::Retry)
        .meaning(
            "系统异常 [NET] (printed 'SYSTEM_EXCEPTIO N'); create_forex_trade's list gives 'AliPay system error'",
        ),
    CodeSpec::new("ILLEGAL_SIGN", "Illegal signature"),
    CodeSpec::new("ILLEGAL_SERVICE", "Service Parameter is incorrect"),
    CodeSpec::new("ILLEGAL_PARTNER", "Incorrect Partner ID"),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "Signature is of wrong type"),
    CodeSpec::new(
        "ILLEGAL_PARTNER_EXTERFACE",
        "Service is not activated for this account",
    ),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "Dynamic key information is incorrect")
        .kind(ErrorKind::Configuration)
        .meaning("The dynamic MD5 key information is wrong.")
        .advice("Check the key configuration on the partner's account; ask Alipay support if it is not set up."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "Encryption is incorrect")
        .kind(ErrorKind::Configuration)
        .meaning("The request's encryption is wrong.")
        .advice("Check the sign_type and the key it uses; this service needs no encrypted parameter."),
    CodeSpec::new("ILLEGAL_USER", "User ID is incorrect")
        .kind(ErrorKind::Caller)
        .meaning("The user id is wrong.")
        .advice("Check seller_user_id / seller_email: they must name the partner's own Alipay account."),
    CodeSpec::new("ILLEGAL_EXTERFACE", "Interface configuration is incorrect")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that refund_fastpay_by_platform_pwd is configured for the partner."),
    CodeSpec::new("ILLEGAL_AGENT", "Agency ID is incorrect")
        .kind(ErrorKind::Configuration)
        .meaning("The agent id is wrong.")
        .advice("Check the agent id configured with the partner; send none unless Alipay issued one."),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "Cannot support this kind of encryption")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract, or have that key configured."),
];
