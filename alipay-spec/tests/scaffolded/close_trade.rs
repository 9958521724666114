//! `close_trade` (交易关闭接口): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::Request;
use alipay_core::error::{CodeSpec, ErrorKind};

alipay_core::wire_enum! {
    /// `trade_role`: 交易角色: B buyer, S seller; D with a COD trade: closed by the partner because the COD trade timed out
    pub enum TradeRole {
        /// `B`.
        B = "B",
        /// `S`.
        S = "S",
        /// `D`.
        D = "D",
    }
}

/// The request of `close_trade` (交易关闭接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "close_trade",
    response = (),
    method = POST,
    error_codes = ERROR_CODES,
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
    /// 商户网站唯一订单号: the merchant's order number; one of trade_no / out_order_no; slower to close by than trade_no
    pub out_order_no: Option<String>,
    /// 交易角色: B buyer, S seller; D with a COD trade: closed by the partner because the COD trade timed out
    pub trade_role: Option<TradeRole>,
    /// 交易操作者卖家或是买家的客户端ip地址。
    #[alipay(label = "ip地址", ty = "String", example = "10.5.41.76")]
    pub ip: Option<String>,
}

/// The error codes of `close_trade`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_STATUS_NOT_AVAILD", "交易状态不符合").kind(ErrorKind::QueryTradeState),
    CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴ID不正确"),
    CodeSpec::new("ILLEGAL_SIGN", "签名不正确"),
    CodeSpec::new(
        "ILLEGAL_ARGUMENT",
        "参数不正确：本接口里一般用于partnerId或者tradeNo、outOrderNo为空，表单验证失败的情况",
    ),
    CodeSpec::new("ILLEGAL_SERVICE", "Service参数不正确"),
    CodeSpec::new("TRADE_NOT_EXIST", "交易不存在"),
    CodeSpec::new("ILLEGAL_REQUEST", "无效请求")
        .kind(ErrorKind::Caller)
        .meaning("无效请求")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "动态密钥信息错误")
        .kind(ErrorKind::Configuration)
        .meaning("动态密钥信息错误")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "加密不正确")
        .kind(ErrorKind::Configuration)
        .meaning("加密不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_USER", "客户ID不正确")
        .kind(ErrorKind::Caller)
        .meaning("客户ID不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_EXTERFACE", "接口配置不正确")
        .kind(ErrorKind::Configuration)
        .meaning("接口配置不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_PARTNER_EXTERFACE", "商户接口信息不正确"),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "未找到匹配的密钥配置")
        .kind(ErrorKind::Configuration)
        .meaning("未找到匹配的密钥配置")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_AGENT", "代理ID不正确")
        .kind(ErrorKind::Configuration)
        .meaning("代理ID不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
    CodeSpec::new("ILLEGAL_CHARSET", "字符集不合法"),
    CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端IP地址无权访问服务")
        .kind(ErrorKind::Configuration)
        .meaning("客户端IP地址无权访问服务")
        .advice("See the service's documentation."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "无权访问"),
    CodeSpec::new("ILLEGAL_DIGEST_TYPE", "摘要类型不正确")
        .kind(ErrorKind::Caller)
        .meaning("摘要类型不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_DIGEST", "文件摘要不正确")
        .kind(ErrorKind::Caller)
        .meaning("文件摘要不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_FILE_FORMAT", "文件格式不正确")
        .kind(ErrorKind::Caller)
        .meaning("文件格式不正确")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_ENCODING", "不支持该编码类型"),
    CodeSpec::new("ILLEGAL_REQUEST_REFERER", "防钓鱼检查不支持该请求来源")
        .kind(ErrorKind::Configuration)
        .meaning("防钓鱼检查不支持该请求来源")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_ANTI_PHISHING_KEY", "防钓鱼检查非法时间戳参数").kind(ErrorKind::Caller),
    CodeSpec::new("ANTI_PHISHING_KEY_TIMEOUT", "防钓鱼检查时间戳超时").kind(ErrorKind::Caller),
    CodeSpec::new("ILLEGAL_EXTER_INVOKE_IP", "防钓鱼检查非法调用IP").kind(ErrorKind::Configuration),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统错误"),
    CodeSpec::new("SESSION_TIMEOUT", "session超时"),
    CodeSpec::new("ILLEGAL_TARGET_SERVICE", "错误的target_service")
        .kind(ErrorKind::Configuration)
        .meaning("错误的target_service")
        .advice("See the service's documentation."),
    CodeSpec::new(
        "ILLEGAL_ACCESS_SWITCH_SYSTEM",
        "partner不允许访问该类型的系统",
    )
    .kind(ErrorKind::Configuration)
    .meaning("partner不允许访问该类型的系统")
    .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_SWITCH_SYSTEM", "切换系统异常")
        .kind(ErrorKind::Retry)
        .meaning("切换系统异常")
        .advice("See the service's documentation."),
    CodeSpec::new("EXTERFACE_IS_CLOSED", "接口已关闭")
        .kind(ErrorKind::Configuration)
        .meaning("接口已关闭")
        .advice("See the service's documentation."),
];
