//! `close_trade` (关闭交易): close a trade that has not been paid.
//!
//! Sources (facts only; see `specs/close_trade.toml` for the full list and where they disagree):
//! Alipay's 「交易关闭接口(close_trade)」 document v1.2 and its usage rules, as transcribed in the
//! public repository `venusdrogon/feilong-platform` (`framework/feilong-framework-netpay`, the
//! Alipay adaptor, its error-code enum and its result class), and the Ruby gem `chloerei/alipay`
//! (`lib/alipay/service.rb`, `doc/legacy_api.md`). Only the rows for `trade_no` and `ip` are
//! published with type, 可空 and sample; `out_order_no` and `trade_role` are known by name,
//! meaning and values only, so they have no type column and no length is enforced.
//!
//! A trade can be closed only when it is an escrow or instant-payment trade waiting for the buyer
//! to pay (`WAIT_BUYER_PAY`), or a COD trade waiting for the seller to ship. A successful answer
//! is the bare envelope (`<is_success>T</is_success>`): the service has no payload (`()`).
//!
//! Request examples: `trade_no` and `ip` are the document's samples; `out_order_no` and
//! `trade_role` have no published sample and use illustrative values.
//!
//! Repeating a close: declared `conflict = "TRADE_STATUS_NOT_AVAILD"`, not `idempotent`. Its
//! effect is the same however often it is sent (the trade ends `TRADE_CLOSED`, nothing else
//! changes), but the answer is not: a closed trade is no longer in a state the service accepts, so
//! a repeat of an applied close is refused with `TRADE_STATUS_NOT_AVAILD` (交易状态不符合) rather
//! than answered `T`. The sources do not show that answer for this exact case; it follows from the
//! state rule above and is the code they give for a refused close. With `conflict`, the client
//! repeats a close after a timeout, `RETRY` or `SYSTEM_ERROR`, and a final `TRADE_STATUS_NOT_AVAILD`
//! after such an attempt is marked "possibly applied". The code is also the answer for a trade
//! the buyer paid meanwhile, so either way: query the trade (`single_trade_query`) before acting.

use std::net::IpAddr;

use alipay_core::Request;
use alipay_core::error::{CodeSpec, ErrorKind};

alipay_core::wire_enum! {
    /// 交易角色 (`trade_role`): who closes the trade.
    pub enum TradeRole {
        /// `B`: 买家 (the buyer cancels).
        Buyer = "B",
        /// `S`: 卖家 (the seller cancels).
        Seller = "S",
        /// `D`: a COD (货到付款) trade that timed out, closed by the partner.
        CodTimeout = "D",
    }
}

/// The request of `close_trade`: one of the two trade numbers, optionally who closes and from
/// where.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "close_trade",
    response = (),
    method = GET,
    error_codes = ERROR_CODES,
    conflict = "TRADE_STATUS_NOT_AVAILD", // a closed trade refuses a second close (module docs)
    one_of(trade_no, out_order_no)
)]
pub struct CloseTrade {
    /// 支付宝根据商户请求，创建订单生成的支付宝交易号。最短16位，最长64位。trade_no和out_order_no不可同时为空。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2011031700597827"
    )]
    pub trade_no: Option<String>,
    /// 商户网站唯一订单号: the merchant's order number of the trade (closing by it is slower than
    /// by trade_no, the usage rules say). trade_no和out_order_no不可同时为空。
    #[alipay(label = "商户网站唯一订单号", example = "20110317-0001")]
    pub out_order_no: Option<String>,
    /// 交易角色: B (buyer), S (seller); D with a COD trade: the partner closes it because the COD
    /// trade timed out.
    #[alipay(label = "交易角色", example = "S")]
    pub trade_role: Option<TradeRole>,
    /// 交易操作者卖家或是买家的客户端ip地址。
    #[alipay(
        label = "ip地址",
        ty = "String",
        custom = ip_address,
        example = "10.5.41.76"
    )]
    pub ip: Option<String>,
}

/// `ip` must be an IPv4 or IPv6 address.
fn ip_address(ip: &str) -> Result<(), &'static str> {
    ip.parse::<IpAddr>()
        .map(drop)
        .map_err(|_| "must be an IPv4 or IPv6 address, e.g. 10.5.41.76")
}

/// The document's error table, in its order, with its 说明 texts. What a code means and what to
/// do about it come from the shared table for the codes it knows, except `TRADE_STATUS_NOT_AVAILD`,
/// which means something else for a close than for shipping; the codes it does not know say it
/// here (their meanings are the texts', the advice ours).
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_STATUS_NOT_AVAILD", "交易状态不符合")
        .kind(ErrorKind::QueryTradeState)
        .meaning(
            "The trade cannot be closed in its state: only a trade waiting for the buyer to pay \
             (or a COD trade waiting to ship) can; it was paid, shipped or closed already.",
        )
        .advice(
            "Do not close again. Query the trade (single_trade_query): TRADE_CLOSED means the \
             close is done (perhaps by an earlier attempt); a paid trade is shipped or refunded, \
             not closed.",
        ),
    CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴ID不正确"),
    CodeSpec::new("ILLEGAL_SIGN", "签名不正确"),
    CodeSpec::new("ILLEGAL_ARGUMENT", "参数不正确：本接口里一般用于partnerId或者tradeNo、outOrderNo为空，表单验证失败的情况"),
    CodeSpec::new("ILLEGAL_SERVICE", "Service参数不正确"),
    CodeSpec::new("TRADE_NOT_EXIST", "交易不存在"),
    CodeSpec::new("ILLEGAL_REQUEST", "无效请求")
        .kind(ErrorKind::Caller)
        .meaning("The gateway could not read the request as a valid call.")
        .advice("Check the request's shape: one `service`, the signed parameters, `sign` and `sign_type`, sent to the gateway URL with a charset it supports."),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "动态密钥信息错误")
        .kind(ErrorKind::Configuration)
        .meaning("The dynamic MD5 key information is wrong.")
        .advice("Check the key configuration on the partner's account; ask Alipay support if it is not set up."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "加密不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The request's encryption is wrong.")
        .advice("Check the sign_type and the key it uses; close_trade needs no encrypted parameter."),
    CodeSpec::new("ILLEGAL_USER", "客户ID不正确")
        .kind(ErrorKind::Caller)
        .meaning("The customer id is wrong.")
        .advice("Check the user or account ids the request carries."),
    CodeSpec::new("ILLEGAL_EXTERFACE", "接口配置不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that close_trade is configured for the partner."),
    CodeSpec::new("ILLEGAL_PARTNER_EXTERFACE", "商户接口信息不正确"),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "未找到匹配的密钥配置")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract (MD5 or RSA), or have that key configured."),
    CodeSpec::new("ILLEGAL_AGENT", "代理ID不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The agent id is wrong.")
        .advice("Check the agent id configured with the partner; send none unless Alipay issued one."),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
    CodeSpec::new("ILLEGAL_CHARSET", "字符集不合法"),
    CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端IP地址无权访问服务")
        .kind(ErrorKind::Configuration)
        .meaning("The calling server's IP address may not use the service.")
        .advice("Call from an address on the partner's IP allow-list, or have the address added."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "无权访问"),
    CodeSpec::new("ILLEGAL_DIGEST_TYPE", "摘要类型不正确")
        .kind(ErrorKind::Caller)
        .meaning("The digest type of an uploaded file is wrong.")
        .advice("close_trade uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_DIGEST", "文件摘要不正确")
        .kind(ErrorKind::Caller)
        .meaning("An uploaded file's digest does not match.")
        .advice("close_trade uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_FILE_FORMAT", "文件格式不正确")
        .kind(ErrorKind::Caller)
        .meaning("An uploaded file's format is wrong.")
        .advice("close_trade uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_ENCODING", "不支持该编码类型"),
    CodeSpec::new("ILLEGAL_REQUEST_REFERER", "防钓鱼检查不支持该请求来源")
        .kind(ErrorKind::Configuration)
        .meaning("The anti-phishing check refused the request's origin (Referer).")
        .advice("Check the anti-phishing settings of the contract, or call from the registered site."),
    CodeSpec::new("ILLEGAL_ANTI_PHISHING_KEY", "防钓鱼检查非法时间戳参数")
        .kind(ErrorKind::Caller)
        .meaning("The anti-phishing timestamp (anti_phishing_key) is not valid.")
        .advice("Fetch a fresh key with query_timestamp and build the request again."),
    CodeSpec::new("ANTI_PHISHING_KEY_TIMEOUT", "防钓鱼检查时间戳超时")
        .kind(ErrorKind::Caller)
        .meaning("The anti-phishing timestamp (anti_phishing_key) has expired.")
        .advice("Fetch a fresh key with query_timestamp and build the request again."),
    CodeSpec::new("ILLEGAL_EXTER_INVOKE_IP", "防钓鱼检查非法调用IP")
        .kind(ErrorKind::Configuration)
        .meaning("The anti-phishing check refused the caller's IP address (exter_invoke_ip).")
        .advice("Send the buyer's real address in exter_invoke_ip, or check the contract's anti-phishing settings."),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统错误"),
    CodeSpec::new("SESSION_TIMEOUT", "session超时"),
    CodeSpec::new("ILLEGAL_TARGET_SERVICE", "错误的target_service")
        .kind(ErrorKind::Configuration)
        .meaning("A system error: the target service is wrong.")
        .advice("The document says to contact Alipay support for system errors; check the service name meanwhile."),
    CodeSpec::new("ILLEGAL_ACCESS_SWITCH_SYSTEM", "partner不允许访问该类型的系统")
        .kind(ErrorKind::Configuration)
        .meaning("A system error: the partner may not use this kind of system.")
        .advice("Contact Alipay support (the document's advice for system errors)."),
    CodeSpec::new("ILLEGAL_SWITCH_SYSTEM", "切换系统异常")
        .kind(ErrorKind::Retry)
        .meaning("A system error while Alipay switched systems.")
        .advice("Close again with the same parameters (a repeat of an applied close answers TRADE_STATUS_NOT_AVAILD); contact Alipay support if it persists."),
    CodeSpec::new("EXTERFACE_IS_CLOSED", "接口已关闭")
        .kind(ErrorKind::Configuration)
        .meaning("A system error: the service is closed for the partner.")
        .advice("Contact Alipay support to have close_trade opened on the contract."),
];
