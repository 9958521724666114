//! `alipay.acquire.precreate` (统一预下单接口): face-to-face payment (当面付) by the seller's QR code:
//! the order is created without the buyer and Alipay answers a QR code (`qr_code`, `pic_url`); the
//! buyer scans it and pays in the wallet, and the result comes to `notify_url` (the same
//! `trade_status_sync` table as [`crate::alipay_acquire_createandpay::AcquireTradeNotify`]) or
//! through [`crate::alipay_acquire_query`].
//!
//! Declared from `specs/alipay.acquire.precreate.toml` (Alipay's Java SDK and integrations; the
//! document was not found). The answer is nested (`<response><alipay>…`, [`PrecreateResult`]);
//! `result_code` is `SUCCESS`, `FAIL` (with `detail_error_code`) or `UNKNOWN`. Repeating an order:
//! as for `alipay.acquire.createandpay`, `conflict = "TRADE_HAS_SUCCESS"` (a repeat of an unpaid
//! order shows its QR code again; of a paid one, `FAIL` with `TRADE_HAS_SUCCESS` in the payload).

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, HttpUrl};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// 订单金额币种 (`currency`): 订单金额币种。目前只支持传入156（人民币）。如果为空，则默认设置为156
    pub enum Currency {
        /// `156`: 人民币 (CNY), the only currency.
        Cny = "156",
    }
}

alipay_core::wire_enum! {
    /// `operator_code`: 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1
    pub enum OperatorCode {
        /// `0`: 支付宝操作员 (an Alipay operator).
        Alipay = "0",
        /// `1`: 商户的操作员 (the merchant's operator; the default).
        Merchant = "1",
    }
}

alipay_core::wire_enum! {
    /// 分账类型 (`royalty_type`): 分账类型。卖家的分账类型，目前只支持传入ROYALTY（普通分账类型）
    pub enum RoyaltyType {
        /// `ROYALTY`.
        Royalty = "ROYALTY",
    }
}

alipay_core::wire_enum! {
    /// `result_code` of `alipay.acquire.precreate`, `.cancel` and `.refund`: `SUCCESS`, `FAIL`
    /// (with `detail_error_code`), `UNKNOWN` (the outcome is not known: query). The precreate
    /// document's words: 预下单处理结果响应码。SUCCESS：预下单成功FAIL：预下单失败UNKNOWN：结果未知
    pub enum ResultCode {
        /// `SUCCESS`.
        Success = "SUCCESS",
        /// `FAIL`.
        Fail = "FAIL",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
    }
}

/// The request of `alipay.acquire.precreate` (统一预下单接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.acquire.precreate",
    response = PrecreateResult,
    method = POST,
    error_codes = ERROR_CODES,
    conflict = "TRADE_HAS_SUCCESS", // a repeat of a paid order (module docs)
)]
pub struct AcquirePrecreate {
    /// 支付宝合作商户网站唯一订单号
    pub out_trade_no: String,
    /// 商品购买
    pub subject: String,
    /// not in the SDK; sent by integrations (\[USE\])
    #[alipay(example = "QR_CODE_OFFLINE")]
    pub product_code: Option<String>,
    /// 订单金额。该笔订单的资金总额，取值范围[0.01,100000000]，精确到小数点后2位。
    #[alipay(label = "订单金额", custom = crate::rules::order_amount, example = "0.01")]
    pub total_fee: Amount,
    /// common parameter; Required in the cross-border edition \[G\]
    pub notify_url: Option<HttpUrl>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给body
    pub body: Option<String>,
    /// 描述多渠道收单的渠道明细信息，json格式
    pub channel_parameters: Option<String>,
    /// 订单金额币种。目前只支持传入156（人民币）。如果为空，则默认设置为156
    #[alipay(label = "订单金额币种")]
    pub currency: Option<Currency>,
    /// 公用业务扩展信息。用于商户的特定业务信息的传递，只有商户与支付宝约定了传递此参数且约定了参数含义，此参数才有效。比如可传递二维码支付场景下的门店ID等信息，以json格式传输。
    #[alipay(label = "公用业务扩展信息")]
    pub extend_params: Option<String>,
    /// 描述商品明细信息，json格式。
    pub goods_detail: Option<String>,
    /// 订单支付超时时间。设置未付款交易的超时时间，一旦超时，该笔交易就会自动被关闭。取值范围：1m～15d。m-分钟，h-小时，d-天，1c-当天（无论交易何时创建，都在0点关闭）。该参数数值不接受小数点，如1.5h，可转换为90m。该功能需要联系支付宝配置关闭时间。
    #[alipay(label = "订单支付超时时间", example = "20m")]
    pub it_b_pay: Option<String>,
    /// 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1
    pub operator_code: Option<OperatorCode>,
    /// 卖家的操作员ID
    pub operator_id: Option<String>,
    /// 订单中商品的单价。如果请求时传入本参数，则必须满足total_fee=price×quantity的条件
    pub price: Option<Amount>,
    /// 订单中商品的数量。如果请求时传入本参数，则必须满足total_fee=price×quantity的条件
    pub quantity: Option<u32>,
    /// 分账信息。描述分账明细信息，json格式
    #[alipay(label = "分账信息")]
    pub royalty_parameters: Option<String>,
    /// 分账类型。卖家的分账类型，目前只支持传入ROYALTY（普通分账类型）
    #[alipay(label = "分账类型")]
    pub royalty_type: Option<RoyaltyType>,
    /// 卖家支付宝账号，可以为email或者手机号。如果seller_id不为空，则以seller_id的值作为卖家账号，忽略本参数
    pub seller_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号，以2088开头的纯16位数字。如果和seller_email同时为空，则本参数默认填充partner的值
    pub seller_id: Option<String>,
    /// 收银台页面上，商品展示的超链接
    pub show_url: Option<String>,
}

/// The `<alipay>` payload of a successful `alipay.acquire.precreate` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "alipay")]
pub struct PrecreateResult {
    /// 预下单处理结果响应码。SUCCESS：预下单成功FAIL：预下单失败UNKNOWN：结果未知
    #[alipay(example = "SUCCESS")]
    pub result_code: ResultCode,
    /// 支付宝交易号。该交易在支付宝系统中的交易流水号。最短16位，最长64位
    pub trade_no: Option<String>,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回
    pub out_trade_no: Option<String>,
    /// 凭证类型，目前仅支持qrcode（二维码）
    #[alipay(example = "qrcode")]
    pub voucher_type: Option<String>,
    /// 二维码码串的内容
    pub qr_code: Option<String>,
    /// 二维码图片的URL地址
    pub pic_url: Option<String>,
    /// 详细错误码。对返回响应码进行原因说明当result_code响应码为SUCCESS时，不返回该参数。
    pub detail_error_code: Option<String>,
    /// 对详细错误码进行文字说明当result_code响应码为SUCCESS时，不返回该参数
    pub detail_error_des: Option<String>,
}

/// The error codes of `alipay.acquire.precreate`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_SETTLE_ERROR", "分账信息校验失败")
        .kind(ErrorKind::Caller)
        .meaning("The royalty (分账) information does not check out.")
        .advice("Check royalty_parameters against the contract's royalty accounts."),
    CodeSpec::new("CONTEXT_INCONSISTENT", "交易信息被篡改")
        .kind(ErrorKind::Caller)
        .meaning("The out_trade_no was used before with other order parameters.")
        .advice("Query the trade; never reuse an out_trade_no with changed parameters."),
    CodeSpec::new("TRADE_BUYER_NOT_MATCH", "交易买家不匹配")
        .kind(ErrorKind::Caller)
        .meaning("The out_trade_no is already bound to another buyer.")
        .advice("Query the trade; pay under a new out_trade_no."),
    CodeSpec::new("TRADE_HAS_SUCCESS", "交易已经支付")
        .kind(ErrorKind::QueryTradeState)
        .meaning("already done: the order with this out_trade_no is paid")
        .advice("Treat it as paid after confirming with alipay.acquire.query."),
    CodeSpec::new("TRADE_HAS_CLOSE", "交易已经关闭")
        .kind(ErrorKind::QueryTradeState)
        .meaning("already ended: the order with this out_trade_no is closed")
        .advice("Do not retry with this out_trade_no; start a new order."),
];
