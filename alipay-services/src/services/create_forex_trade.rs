//! `create_forex_trade` (境外收单 网站支付): a cross-border merchant's page payment, priced in a
//! foreign currency (`currency` with `total_fee`) or in RMB (`rmb_fee`); the buyer pays in RMB at
//! Alipay's cashier and the merchant settles in the foreign currency. A page service: the outcome
//! comes back as the return to `return_url` ([`CreateForexTradeReturn`]) and the notification to
//! `notify_url` ([`CreateForexTradeNotify`]); a paid trade is `TRADE_FINISHED` and is refunded with
//! `forex_refund`.
//!
//! Declared from `specs/create_forex_trade.toml` (the start of Alipay's Chinese and English tables,
//! the rest from libraries, the return and notification rows from recorded real answers; the file
//! cites each source), scaffolded with `alipay spec scaffold`, then refined: the URLs are
//! `HttpUrl`, `order_gmt_create` a `DateTime`, `currency` three upper-case letters (an ISO 4217
//! code; which ones a contract settles in is Alipay's to check, `FOREX_MERCHANT_NOT_SUPPORT_THIS_CURRENCY`).
//! The trade status is this service's own closed set ([`ForexTradeStatus`]).

// The field docs are the spec's notes, verbatim: they cite sources as `[K]`, `[NB]`, … (not links)
// and name pages by bare URLs.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls)]

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, HttpUrl};
use alipay_core::{Notification, Request};

alipay_core::wire_enum! {
    /// `timeout_rule`: 默认12小时,最大15天。此为买家登陆到完成支付的有效时间。如果需要使用其他值,请与支付宝技术支持联系。
    pub enum TimeoutRule {
        /// `5m`.
        V5m = "5m",
        /// `10m`.
        V10m = "10m",
        /// `15m`.
        V15m = "15m",
        /// `30m`.
        V30m = "30m",
        /// `1h`.
        V1h = "1h",
        /// `2h`.
        V2h = "2h",
        /// `3h`.
        V3h = "3h",
        /// `5h`.
        V5h = "5h",
        /// `10h`.
        V10h = "10h",
        /// `12h`.
        V12h = "12h",
        /// `1d`.
        V1d = "1d",
    }
}

alipay_core::wire_enum! {
    /// `product_code`: 网站支付:NEW_OVERSEAS_SELLER.
    pub enum ProductCode {
        /// `NEW_OVERSEAS_SELLER`.
        NewOverseasSeller = "NEW_OVERSEAS_SELLER",
    }
}

alipay_core::wire_enum! {
    /// `trade_status`: TRADE_FINISHED: paid (「只有交易通知状态为 TRADE_FINISHED 时，支付宝才会认定为买家付款成功」 [PDD]; [NB]: refund can be requested); TRADE_CLOSED: closed for absence of payment in the specified time ([NB])
    pub enum ForexTradeStatus {
        /// `WAIT_BUYER_PAY`.
        WaitBuyerPay = "WAIT_BUYER_PAY",
        /// `TRADE_FINISHED`.
        TradeFinished = "TRADE_FINISHED",
        /// `TRADE_CLOSED`.
        TradeClosed = "TRADE_CLOSED",
    }
}

/// The price is in one currency: rmb_fee和total_fee不能同时使用.
fn one_price(trade: &CreateForexTrade) -> Result<(), alipay_core::service::Violation> {
    crate::rules::not_both(("total_fee", &trade.total_fee), ("rmb_fee", &trade.rmb_fee))
}

/// The request of `create_forex_trade` (网站支付接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "create_forex_trade",
    page,
    method = GET,
    error_codes = ERROR_CODES,
    one_of(total_fee, rmb_fee),
    custom = one_price
)]
pub struct CreateForexTrade {
    /// 针对该交易支付成功之后的通知接收URL。
    #[alipay(ty = "URL(200)")]
    pub notify_url: Option<HttpUrl>,
    /// 交易付款成功之后,返回到商家网站的URL。
    #[alipay(ty = "URL(200)")]
    pub return_url: Option<HttpUrl>,
    /// 商品的简要介绍,特殊字符不支持。备注:本字段的值会在客户支付时被展示给客户。
    #[alipay(ty = "String(255)", example = "婴儿衣服")]
    pub subject: String,
    /// 商品的详细描述,不支持特殊字符。
    #[alipay(ty = "String(400)", example = "婴儿衣服大码")]
    pub body: Option<String>,
    /// 境外商户交易号(确保在境外商户系统中唯一)
    #[alipay(ty = "String(64)", example = "Test123")]
    pub out_trade_no: String,
    /// 结算币种
    #[alipay(ty = "String(10)", custom = currency_code, example = "USD")]
    pub currency: String,
    /// 商品的外币金额,范围是0.01~1000000.00.
    #[alipay(ty = "Number(8,2)", custom = crate::rules::forex_amount, example = "100.30")]
    pub total_fee: Option<Amount>,
    /// 范围为0.01~1000000.00 如果商户网站使用人民币进行标价就是用这个参数来替换total_fee参数,rmb_fee和total_fee不能同时使用
    #[alipay(ty = "Number(8,2)", custom = crate::rules::forex_amount, example = "100.30")]
    pub rmb_fee: Option<Amount>,
    /// 默认12小时,最大15天。此为买家登陆到完成支付的有效时间。如果需要使用其他值,请与支付宝技术支持联系。
    #[alipay(ty = "String(10)", example = "12h")]
    pub timeout_rule: Option<TimeoutRule>,
    /// yyyy-MM-dd HH:mm:ss 这里请使用北京时间以便于和支付宝系统时间匹配,此参数必须要和order_valid_time参数一起使用,控制从跳转到买家登陆的有效时间
    #[alipay(ty = "Date")]
    pub order_gmt_create: Option<DateTime>,
    /// 最大值为2592000，单位为秒，此参数必须要和order_gmt_create参数一起使用，控制从跳转到买家登陆的有效时间
    #[alipay(ty = "String(5)", example = "3600")]
    pub order_valid_time: Option<String>,
    /// 快捷登录返回的安全令牌。快捷登录的需要传。
    #[alipay(ty = "String(40)")]
    pub auth_token: Option<String>,
    /// 显示供货商名字.
    #[alipay(ty = "String(16)")]
    pub supplier: Option<String>,
    /// 由支付机构给二级商户分配的唯一ID.
    #[alipay(ty = "String", example = "A80001")]
    pub secondary_merchant_id: Option<String>,
    /// 由支付机构给二级商户分配的唯一名称.
    #[alipay(ty = "String(128)", example = "muku")]
    pub secondary_merchant_name: Option<String>,
    /// 支付宝分配的二级商户的行业代码，参考：https://global.alipay.com/help/online/81.
    #[alipay(ty = "String", example = "7011")]
    pub secondary_merchant_industry: Option<String>,
    /// [K]: For PSG only. The unique ID for PSG to identify a sub-merchant.
    pub seller_id: Option<String>,
    /// [K]: For PSG only. The name of sub-merchant who initiate the request.
    pub seller_name: Option<String>,
    /// [K]: For PSG only. The industry type of sub-merchant who initiate the request.
    pub seller_industry: Option<String>,
    /// 二级商户的网址。注：机构必填。
    #[alipay(ty = "String")]
    pub refer_url: Option<String>,
    /// 网站支付:NEW_OVERSEAS_SELLER.
    #[alipay(ty = "String", example = "NEW_OVERSEAS_SELLER")]
    pub product_code: Option<ProductCode>,
    /// 分账信息.
    #[alipay(
        ty = "String(600)",
        example = "[{\"transIn\":\"2088101126708402\",\"amount\":\"0.10\",\"currency\":\"USD\",\"desc\":\"  Split _test1\"},{\"transIn\":\"2088101126707869\",\"amount\":\"0.10\",\"currency\":\"USD\",\"desc\":\"Split_test2\"}]"
    )]
    pub split_fund_info: Option<String>,
    /// 交易信息
    #[alipay(
        ty = "String",
        example = "{\"business_type\":4,\"goods_info\":\"変身ベ...^1\",\"total_quantity\":1}"
    )]
    pub trade_information: Option<String>,
}

/// The asynchronous notification (服务器异步通知参数) of `create_forex_trade`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_forex_trade", kind = "notify")]
pub struct CreateForexTradeNotify {
    /// [NB]: Time (Alipay's time zone): YYYY-MM-DD hh:mm:ss
    #[alipay(ty = "Date", example = "2021-08-26 19:34:07")]
    pub notify_time: DateTime,
    /// [NB]: Notification type, value: trade_status_sync
    #[alipay(ty = "String", example = "trade_status_sync")]
    pub notify_type: String,
    /// [NB]: used by the partner to verify the notification (notify_verify)
    #[alipay(ty = "String", example = "2021082600222193407080751409662370")]
    pub notify_id: String,
    /// [PDD]: 商户需要验证该通知数据中的 out_trade_no 是否为商户系统中创建的订单号。
    #[alipay(ty = "String(64)", example = "1629977581")]
    pub out_trade_no: String,
    /// `trade_no`.
    #[alipay(ty = "String(64)", example = "2021082622001380751416304935")]
    pub trade_no: String,
    /// `currency`.
    #[alipay(ty = "String(10)", example = "JPY")]
    pub currency: String,
    /// [PDD]: 该笔订单的总金额。请求时对应的参数，原样通知回来。（外币金额）
    #[alipay(ty = "Number", example = "3.00")]
    pub total_fee: Amount,
    /// TRADE_FINISHED: paid (「只有交易通知状态为 TRADE_FINISHED 时，支付宝才会认定为买家付款成功」 [PDD]; [NB]: refund can be requested); TRADE_CLOSED: closed for absence of payment in the specified time ([NB])
    #[alipay(ty = "String", example = "TRADE_FINISHED")]
    pub trade_status: ForexTradeStatus,
}

/// The synchronous return (页面跳转同步通知参数) of `create_forex_trade`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_forex_trade", kind = "return")]
pub struct CreateForexTradeReturn {
    /// inferred: echoes the request's out_trade_no
    #[alipay(ty = "String(64)", example = "1629977581")]
    pub out_trade_no: String,
    /// inferred: Alipay's trade number
    #[alipay(ty = "String(64)", example = "2021082622001380751416304935")]
    pub trade_no: String,
    /// inferred: the request's settlement currency
    #[alipay(ty = "String(10)", example = "JPY")]
    pub currency: String,
    /// the foreign-currency amount, present even when the request used rmb_fee ([PDD] wap sample)
    #[alipay(ty = "Number", example = "3.00")]
    pub total_fee: Amount,
    /// present when the request used rmb_fee ([PDD] wap sample)
    #[alipay(ty = "Number", example = "0.10")]
    pub rmb_fee: Option<Amount>,
    /// `trade_status`.
    #[alipay(ty = "String", example = "TRADE_FINISHED")]
    pub trade_status: ForexTradeStatus,
}

/// `currency`: an ISO 4217 code, three upper-case letters (e.g. `USD`).
pub(crate) fn currency_code(currency: &str) -> Result<(), &'static str> {
    if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err("must be an ISO 4217 currency code in upper case, e.g. USD")
    }
}

/// The error codes of `create_forex_trade`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("FOREX_MERCHANT_NOT_SUPPORT_THIS_CURRENCY", "Cannot support this currency")
        .kind(ErrorKind::Configuration)
        .meaning("The merchant's contract does not settle in this currency.")
        .advice("Use a currency of the contract, or have it added."),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "Cannot support this kind of encryption")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract, or have that key configured."),
    CodeSpec::new("REPEAT_OUT_TRADE_NO", "out_trade_no parameter is duplicated")
        .kind(ErrorKind::QueryTradeState)
        .meaning("The out_trade_no was used for another trade.")
        .advice("Give each order its own out_trade_no."),
    CodeSpec::new("ILLEGAL_CURRENCY", "Currency parameter is incorrect")
        .kind(ErrorKind::Caller)
        .meaning("The currency is not one Alipay supports.")
        .advice("Send an ISO 4217 code Alipay settles in (USD, EUR, GBP, HKD, JPY, …), upper case."),
    CodeSpec::new("ILLEGAL_TIMEOUT_RULE", "Timeout_rule parameter is incorrect")
        .kind(ErrorKind::Caller)
        .meaning("timeout_rule is not one of the allowed values.")
        .advice("Send one of 5m, 10m, 15m, 30m, 1h, 2h, 3h, 5h, 10h, 12h, 1d."),
    CodeSpec::new("SYSTEM_EXCEPTION", "AliPay system error"),
    CodeSpec::new("ILLEGAL_ARGUMENT", "Incorrect parameter"),
    CodeSpec::new("ILLEGAL_SIGN", "Illegal signature"),
    CodeSpec::new("ILLEGAL_SERVICE", "Service Parameter is incorrect"),
    CodeSpec::new("ILLEGAL_PARTNER", "Incorrect Partner ID"),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "Signature is of wrong type."),
    CodeSpec::new(
        "ILLEGAL_PARTNER_EXTERFACE",
        "Service is not activated for this account",
    ),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "Dynamic key information is incorrect")
        .kind(ErrorKind::Configuration)
        .meaning("The dynamic MD5 key information is wrong.")
        .advice("Check the key configuration on the partner's account; ask Alipay support if it is not set up."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "Encryption is incorrect.")
        .kind(ErrorKind::Configuration)
        .meaning("The request's encryption is wrong.")
        .advice("Check the sign_type and the key it uses; this service needs no encrypted parameter."),
    CodeSpec::new("ILLEGAL_USER", "User ID is incorrect.")
        .kind(ErrorKind::Caller)
        .meaning("The user id is wrong.")
        .advice("Check seller_user_id / seller_email: they must name the partner's own Alipay account."),
    CodeSpec::new("ILLEGAL_EXTERFACE", "Interface configuration is incorrect.")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that refund_fastpay_by_platform_pwd is configured for the partner."),
    CodeSpec::new("ILLEGAL_AGENT", "Agency ID is incorrect.")
        .kind(ErrorKind::Configuration)
        .meaning("The agent id is wrong.")
        .advice("Check the agent id configured with the partner; send none unless Alipay issued one."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "Has no right to visit."),
    CodeSpec::new("INVALID_CHARACTER_SET", "The character set is invalid.")
        .kind(ErrorKind::Caller)
        .meaning("The character set is not valid.")
        .advice("Send _input_charset as utf-8, gbk or gb2312."),
    CodeSpec::new("SYSTEM_ERROR", "Alipay system error"),
    CodeSpec::new("SESSION_TIMEOUT", "Session timeout"),
    CodeSpec::new("ILLEGAL_TARGET_SERVICE", "Wrong  target service")
        .kind(ErrorKind::Configuration)
        .meaning("The target service is wrong.")
        .advice("Check the service name; contact Alipay support if it is right."),
    CodeSpec::new("ILLEGAL_ACCESS_SWITCH_SYSTEM", "Merchant is not allowed to visit system of this type.")
        .kind(ErrorKind::Configuration)
        .meaning("The partner may not use this kind of system.")
        .advice("Contact Alipay support."),
    CodeSpec::new("EXTERFACE_IS_CLOSED", "The interface has been closed.")
        .kind(ErrorKind::Configuration)
        .meaning("The service is closed for the partner.")
        .advice("Contact Alipay support to have the service opened on the contract."),
];
