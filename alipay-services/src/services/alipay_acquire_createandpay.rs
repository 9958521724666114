//! `alipay.acquire.createandpay` (统一下单并支付接口): face-to-face payment (当面付) with the buyer's
//! payment code: the cashier scans the code in the buyer's wallet (`dynamic_id`, a barcode, QR code
//! or sound wave) and the order is created and paid in one call.
//!
//! Declared from `specs/alipay.acquire.createandpay.toml`. Alipay's document was not found; the
//! rows come from Alipay's Java SDK (the document's notes), a transcription of the tables in order,
//! Alipay's PHP demo and real answers. The file cites them and says where they disagree.
//!
//! The answer is nested like the other `alipay.acquire.*` services: `<response><alipay>…`
//! ([`CreateAndPayResult`]). `is_success=T` says the call was taken; `result_code` says what
//! happened: `ORDER_SUCCESS_PAY_SUCCESS` (paid), `ORDER_SUCCESS_PAY_INPROCESS` (the buyer must
//! confirm in the wallet: poll [`crate::alipay_acquire_query`], and cancel
//! ([`crate::alipay_acquire_cancel`]) when it does not end), `ORDER_SUCCESS_PAY_FAIL` and
//! `ORDER_FAIL` (with `detail_error_code`, one of [`ERROR_CODES`]), `UNKNOWN` (query). How the
//! money was paid is `fund_bill_list`, repeated `<TradeFundBill>` records ([`TradeFundBill`]).
//! Status changes go to `notify_url` as `trade_status_sync` ([`AcquireTradeNotify`]).
//!
//! Repeating an order: no source states what a repeat of the same `out_trade_no` answers. The
//! detail codes say it: `TRADE_HAS_SUCCESS` (交易已经支付) for a paid one, `TRADE_HAS_CLOSE` for a
//! closed one, `CONTEXT_INCONSISTENT` when the parameters changed; a repeat never pays twice.
//! Declared `conflict = "TRADE_HAS_SUCCESS"`, so the client repeats the order after a timeout or
//! a lost connection. The repeat's refusal comes in the payload (`ORDER_FAIL` with that detail
//! code), not as an `F` envelope, so the client cannot mark it "possibly applied": after a
//! repeated call, read `ORDER_FAIL` with `TRADE_HAS_SUCCESS` as "paid" and confirm with a query.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, HttpUrl, Records};
use alipay_core::{Notification, Request, Response};

alipay_core::wire_enum! {
    /// 操作员类型 (`operator_type`): 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1。
    pub enum OperatorType {
        /// `0`: 支付宝操作员 (an Alipay operator).
        Alipay = "0",
        /// `1`: 商户的操作员 (the merchant's operator; the default).
        Merchant = "1",
    }
}

alipay_core::wire_enum! {
    /// 订单金额币种 (`currency`): 订单金额币种。目前只支持传入156（人民币）。如果为空，则默认设置为156。
    pub enum Currency {
        /// `156`: 人民币 (CNY), the only currency.
        Cny = "156",
    }
}

alipay_core::wire_enum! {
    /// 分账类型 (`royalty_type`): 卖家的分账类型，目前只支持传入ROYALTY（普通分账类型）。
    pub enum RoyaltyType {
        /// `ROYALTY`.
        Royalty = "ROYALTY",
    }
}

alipay_core::wire_enum! {
    /// 动态ID类型 (`dynamic_id_type`): 动态ID类型：soundwave：声波qrcode：二维码barcode：条码wave_code：声波，等同soundwaveqr_code：二维码，等同qrcodebar_code：条码，等同barcode建议取值wave_code、qr_code、bar_code。
    pub enum DynamicIdType {
        /// `soundwave`.
        Soundwave = "soundwave",
        /// `qrcode`.
        Qrcode = "qrcode",
        /// `barcode`.
        Barcode = "barcode",
        /// `wave_code`.
        WaveCode = "wave_code",
        /// `qr_code`.
        QrCode = "qr_code",
        /// `bar_code`.
        BarCode = "bar_code",
    }
}

alipay_core::wire_enum! {
    /// 响应码 (`result_code`): 下单并支付处理结果响应码，请参见“10.1 业务响应码”。
    pub enum ResultCode {
        /// `ORDER_FAIL`.
        OrderFail = "ORDER_FAIL",
        /// `ORDER_SUCCESS_PAY_SUCCESS`.
        OrderSuccessPaySuccess = "ORDER_SUCCESS_PAY_SUCCESS",
        /// `ORDER_SUCCESS_PAY_FAIL`.
        OrderSuccessPayFail = "ORDER_SUCCESS_PAY_FAIL",
        /// `ORDER_SUCCESS_PAY_INPROCESS`.
        OrderSuccessPayInprocess = "ORDER_SUCCESS_PAY_INPROCESS",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
    }
}

alipay_core::wire_enum! {
    /// 通知动作类型 (`notify_action_type`)
    pub enum NotifyActionType {
        /// `createDirectPayTradeByBuyerAction`.
        Createdirectpaytradebybuyeraction = "createDirectPayTradeByBuyerAction",
        /// `payByAccountAction`.
        Paybyaccountaction = "payByAccountAction",
        /// `refundFPAction`.
        Refundfpaction = "refundFPAction",
        /// `reverseAction`.
        Reverseaction = "reverseAction",
        /// `closeTradeAction`.
        Closetradeaction = "closeTradeAction",
        /// `finishFPAction`.
        Finishfpaction = "finishFPAction",
    }
}

alipay_core::wire_enum! {
    /// 交易状态 (`trade_status`)
    pub enum TradeStatus {
        /// `WAIT_BUYER_PAY`.
        WaitBuyerPay = "WAIT_BUYER_PAY",
        /// `TRADE_CLOSED`.
        TradeClosed = "TRADE_CLOSED",
        /// `TRADE_SUCCESS`.
        TradeSuccess = "TRADE_SUCCESS",
        /// `TRADE_PENDING`.
        TradePending = "TRADE_PENDING",
        /// `TRADE_FINISHED`.
        TradeFinished = "TRADE_FINISHED",
    }
}

/// The request of `alipay.acquire.createandpay` (统一下单并支付接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.acquire.createandpay",
    response = CreateAndPayResult,
    method = POST,
    error_codes = ERROR_CODES,
    conflict = "TRADE_HAS_SUCCESS", // a repeat of a paid order (module docs)
)]
pub struct AcquireCreateAndPay {
    /// 服务器异步通知页面路径
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String(190)",
        example = "http://api.test.alipay.net/atinterface/receive_notify.htm"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 1: certificate signature, 2: other keys; 2 when omitted (\[PY\] comment, \[G\] for alipay.acquire.query)
    #[alipay(label = "签名类型", example = "2")]
    pub alipay_ca_request: Option<String>,
    /// 支付宝合作商户网站唯一订单号。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "7085502131376415"
    )]
    pub out_trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。该参数最长为128个汉字。
    #[alipay(label = "订单标题", ty = "String(256)", example = "声波支付-分账-sky")]
    pub subject: String,
    /// 订单业务类型
    #[alipay(
        label = "订单业务类型",
        ty = "String(32)",
        example = "BARCODE_PAY_OFFLINE"
    )]
    pub product_code: String,
    /// 该笔订单的资金总额，取值范围[0.01,100000000]，精确到小数点后2位。
    #[alipay(
        label = "订单金额",
        ty = "Number(9,2)",
        custom = crate::rules::order_amount,
        example = "10"
    )]
    pub total_fee: Amount,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字。如果和seller_email同时为空，则本参数默认填充partner的值。
    #[alipay(
        label = "卖家支付宝用户号",
        ty = "String(28)",
        example = "2088101106499364"
    )]
    pub seller_id: Option<String>,
    /// 卖家支付宝账号，可以为email或者手机号。如果seller_id不为空，则以seller_id的值作为卖家账号，忽略本参数。
    #[alipay(label = "卖家支付宝账号", ty = "String(100)")]
    pub seller_email: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字。
    #[alipay(label = "买家支付宝用户号", ty = "String(28)")]
    pub buyer_id: Option<String>,
    /// 买家支付宝账号，可以为email或者手机号。
    #[alipay(label = "买家支付宝账号", ty = "String(100)")]
    pub buyer_email: Option<String>,
    /// 操作员的类型：0：支付宝操作员1：商户的操作员如果传入其它值或者为空，则默认设置为1。
    #[alipay(label = "操作员类型", ty = "String(1)")]
    pub operator_type: Option<OperatorType>,
    /// 卖家的操作员ID。
    #[alipay(label = "操作员号", ty = "String(28)", example = "55")]
    pub operator_id: Option<String>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给body。
    #[alipay(label = "订单描述", ty = "String(400)")]
    pub body: Option<String>,
    /// 收银台页面上，商品展示的超链接。
    #[alipay(label = "商品展示网址", ty = "String(400)")]
    pub show_url: Option<String>,
    /// 订单金额币种。目前只支持传入156（人民币）。如果为空，则默认设置为156。
    #[alipay(label = "订单金额币种", ty = "String(10)")]
    pub currency: Option<Currency>,
    /// 订单中商品的单价。如果请求时传入本参数，则必须满足total_fee=price×quantity的条件。
    #[alipay(label = "商品单价", ty = "Number(9,2)", example = "1")]
    pub price: Option<Amount>,
    /// 订单中商品的数量。如果请求时传入本参数，则必须满足total_fee=price×quantity的条件。
    #[alipay(label = "商品数量", ty = "String(100)", example = "10")]
    pub quantity: Option<u32>,
    /// 描述商品明细信息，json格式，具体请参见“4.3 商品明细说明”。
    #[alipay(label = "商品明细")]
    pub goods_detail: Option<String>,
    /// 用于商户的特定业务信息的传递，只有商户与支付宝约定了传递此参数且约定了参数含义，此参数才有效。比如可传递声波支付场景下的门店ID等信息，以json格式传输，具体请参见“4.7 业务扩展参数说明”。
    #[alipay(label = "公用业务扩展信息", ty = "String(128)")]
    pub extend_params: Option<String>,
    /// 设置未付款交易的超时时间，一旦超时，该笔交易就会自动被关闭。取值范围：1m～15d。m-分钟，h-小时，d-天，1c-当天（无论交易何时创建，都在0点关闭）。该参数数值不接受小数点，如1.5h，可转换为90m。该功能需要联系支付宝配置关闭时间。
    #[alipay(label = "订单支付超时时间", ty = "String(200)", example = "1d")]
    pub it_b_pay: Option<String>,
    /// 卖家的分账类型，目前只支持传入ROYALTY（普通分账类型）。
    #[alipay(label = "分账类型", ty = "String(150)", example = "ROYALTY")]
    pub royalty_type: Option<RoyaltyType>,
    /// 描述分账明细信息，json格式，具体请参见“4.4 分账明细说明”。
    #[alipay(label = "分账信息", ty = "String(2000)")]
    pub royalty_parameters: Option<String>,
    /// 描述多渠道收单的渠道明细信息，json格式，具体请参见“4.5 渠道明细说明”。
    #[alipay(label = "渠道参数", ty = "String(256)")]
    pub channel_parameters: Option<String>,
    /// 动态ID类型：soundwave：声波qrcode：二维码barcode：条码wave_code：声波，等同soundwaveqr_code：二维码，等同qrcodebar_code：条码，等同barcode建议取值wave_code、qr_code、bar_code。
    #[alipay(label = "动态ID类型", ty = "String(32)", example = "soundwave")]
    pub dynamic_id_type: Option<DynamicIdType>,
    /// 动态ID。
    #[alipay(
        label = "动态ID",
        ty = "String(32)",
        secret,
        example = "kfylrwezsbeqhh553e"
    )]
    pub dynamic_id: Option<String>,
    /// 业务关联ID集合，用于放置商户的订单号、支付流水号等信息，json格式，具体请参见“4.6 业务关联ID集合说明”。
    #[alipay(label = "关联ID集合", ty = "String(256)")]
    pub ref_ids: Option<String>,
    /// 描述预付卡相关的明细信息，json格式，具体请参见“4.8 预付卡明细参数说明”。
    #[alipay(label = "预付卡相关参数", ty = "String(256)")]
    pub mcard_parameters: Option<String>,
    /// \[PY\]: must be provided if product_code is FUND_TRADE_FAST_PAY, otherwise omitted
    #[alipay(label = "授权号", ty = "String(32)")]
    pub auth_no: Option<String>,
    /// 优惠参数
    #[alipay(label = "优惠参数", ty = "String(256)")]
    pub promo_params: Option<String>,
    /// 业务透传参数
    #[alipay(label = "业务透传参数", ty = "String(256)")]
    pub passback_parameters: Option<String>,
    /// \[DEMO\]: 商户代扣不可空，json格式, e.g. {"agreement_no":"…"}
    #[alipay(label = "协议信息", ty = "String(256)")]
    pub agreement_info: Option<String>,
}

/// The `<alipay>` payload of a successful `alipay.acquire.createandpay` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "alipay")]
pub struct CreateAndPayResult {
    /// 下单并支付处理结果响应码，请参见“10.1 业务响应码”。
    #[alipay(
        label = "响应码",
        ty = "String(32)",
        example = "ORDER_SUCCESS_PAY_SUCCESS"
    )]
    pub result_code: ResultCode,
    /// 该交易在支付宝系统中的交易流水号。最短16位，最长64位。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2013112311001004940000384027"
    )]
    pub trade_no: Option<String>,
    /// 商户网站唯一订单号
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "7085502131376415"
    )]
    pub out_trade_no: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字。
    #[alipay(
        label = "买家支付宝用户号",
        ty = "String(30)",
        example = "2088102105236945"
    )]
    pub buyer_user_id: Option<String>,
    /// 买家支付宝账号，可以为email或者手机号。对部分信息进行了隐藏。
    #[alipay(label = "买家支付宝账号", ty = "String(100)", example = "138****0011")]
    pub buyer_logon_id: Option<String>,
    /// 交易金额
    #[alipay(label = "交易金额", example = "3.90")]
    pub total_fee: Option<Amount>,
    /// 交易付款时间
    #[alipay(label = "交易付款时间", example = "2018-06-26 16:42:24")]
    pub gmt_payment: Option<DateTime>,
    /// 对返回响应码进行原因说明，请参见“10.2 业务错误码”。当result_code响应码为ORDER_SUCCESS_PAY_SUCCESS时，不返回该参数。
    #[alipay(label = "详细错误码", ty = "String(48)", example = "TRADE_HAS_SUCCESS")]
    pub detail_error_code: Option<String>,
    /// 对详细错误码进行文字说明。当result_code响应码为ORDER_SUCCESS_PAY_SUCCESS时，不返回该参数。
    #[alipay(label = "详细错误描述", ty = "String(64)", example = "交易已经支付")]
    pub detail_error_des: Option<String>,
    /// 支付后返回的其他信息，如预付卡金额，key值mcard_fee，以Json格式返回。
    #[alipay(label = "返回扩展信息", ty = "String(256)")]
    pub extend_info: Option<String>,
    /// nested `<TradeFundBill><amount/><fund_channel/></TradeFundBill>` elements (\[S\])
    #[alipay(label = "本次交易支付单据信息集合")]
    pub fund_bill_list: Option<Records<TradeFundBill>>,
}

/// One `<TradeFundBill>` record of `alipay.acquire.createandpay`'s `fund_bill_list`.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "TradeFundBill")]
pub struct TradeFundBill {
    /// 支付金额
    #[alipay(label = "支付金额", example = "70.00")]
    pub amount: Amount,
    /// 支付渠道
    #[alipay(label = "支付渠道", example = "10")]
    pub fund_channel: String,
}

/// The asynchronous notification (服务器异步通知参数) of `alipay.acquire.createandpay`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[alipay(service = "alipay.acquire.createandpay", kind = "notify")]
pub struct AcquireTradeNotify {
    /// 通知时间
    #[alipay(label = "通知时间", ty = "Date", example = "2013-11-27 15:45:58")]
    pub notify_time: DateTime,
    /// 通知类型
    #[alipay(label = "通知类型", example = "trade_status_sync")]
    pub notify_type: String,
    /// 通知校验ID
    #[alipay(label = "通知校验ID", example = "ac05099524730693a8b330c5ecf72da978")]
    pub notify_id: String,
    /// 通知动作类型
    #[alipay(label = "通知动作类型", example = "payByAccountAction")]
    pub notify_action_type: Option<NotifyActionType>,
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)")]
    pub out_trade_no: Option<String>,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)")]
    pub subject: Option<String>,
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(64)")]
    pub trade_no: Option<String>,
    /// 交易状态
    #[alipay(label = "交易状态")]
    pub trade_status: Option<TradeStatus>,
    /// 交易创建时间
    #[alipay(label = "交易创建时间", ty = "Date")]
    pub gmt_create: Option<String>,
    /// 交易付款时间
    #[alipay(label = "交易付款时间", ty = "Date")]
    pub gmt_payment: Option<String>,
    /// 卖家支付宝账号
    #[alipay(label = "卖家支付宝账号", ty = "String(100)")]
    pub seller_email: Option<String>,
    /// 买家支付宝账号
    #[alipay(label = "买家支付宝账号", ty = "String(100)")]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账户号
    #[alipay(label = "卖家支付宝账户号", ty = "String(30)")]
    pub seller_id: Option<String>,
    /// 买家支付宝账户号
    #[alipay(label = "买家支付宝账户号", ty = "String(30)")]
    pub buyer_id: Option<String>,
    /// 商品单价
    #[alipay(label = "商品单价")]
    pub price: Option<String>,
    /// 购买数量
    #[alipay(label = "购买数量")]
    pub quantity: Option<String>,
    /// 交易金额
    #[alipay(label = "交易金额")]
    pub total_fee: Option<String>,
    /// 商品描述
    #[alipay(label = "商品描述", ty = "String(400)")]
    pub body: Option<String>,
    /// 退款金额
    #[alipay(label = "退款金额")]
    pub refund_fee: Option<String>,
    /// 商户业务号
    #[alipay(label = "商户业务号", ty = "String(64)")]
    pub out_biz_no: Option<String>,
    /// 支付金额信息
    #[alipay(label = "支付金额信息", ty = "String(512)")]
    pub paytools_pay_amount: Option<String>,
    /// 业务透传参数
    #[alipay(label = "业务透传参数", ty = "String(256)")]
    pub extra_common_param: Option<String>,
}

/// The error codes of `alipay.acquire.createandpay`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_SETTLE_ERROR", "分账信息校验失败")
        .kind(ErrorKind::Caller)
        .meaning("The royalty (分账) information does not check out.")
        .advice("Check royalty_parameters against the contract's royalty accounts."),
    CodeSpec::new("TRADE_BUYER_NOT_MATCH", "交易买家不匹配")
        .kind(ErrorKind::Caller)
        .meaning("交易买家不匹配")
        .advice(
            "the out_trade_no is already bound to another buyer: query the trade; pay under a new out_trade_no",
        ),
    CodeSpec::new("CONTEXT_INCONSISTENT", "交易信息被篡改")
        .kind(ErrorKind::Caller)
        .meaning(
            "a repeat of an existing out_trade_no with different order parameters (support-article reading, not the document's)",
        )
        .advice(
            "query the trade state; never reuse an out_trade_no with changed parameters",
        ),
    CodeSpec::new("TRADE_HAS_SUCCESS", "交易已经支付")
        .kind(ErrorKind::QueryTradeState)
        .meaning("already done: the trade with this out_trade_no is paid")
        .advice("treat as paid after confirming with alipay.acquire.query"),
    CodeSpec::new("TRADE_HAS_CLOSE", "交易已经关闭")
        .kind(ErrorKind::QueryTradeState)
        .meaning(
            "already ended: the trade with this out_trade_no is closed (cancelled, timed out or refunded)",
        )
        .advice("do not retry with this out_trade_no; start a new order"),
    CodeSpec::new("REASON_ILLEGAL_STATUS", "交易的状态不合法")
        .kind(ErrorKind::QueryTradeState)
        .meaning("The trade's state does not allow this.")
        .advice("Query the trade (alipay.acquire.query) before acting on it."),
    CodeSpec::new("EXIST_FORBIDDEN_WORD", "订单信息中包含违禁词")
        .kind(ErrorKind::Caller)
        .meaning("The order holds a forbidden word.")
        .advice("Change subject and body and send the order under a new out_trade_no."),
    CodeSpec::new("PARTNER_ERROR", "合作伙伴信息不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The partner information is wrong.")
        .advice("Check partner and the key it signs with."),
    CodeSpec::new("ACCESS_FORBIDDEN", "没有权限使用该产品")
        .kind(ErrorKind::Configuration)
        .meaning("The partner may not use this product.")
        .advice("Have the face-to-face payment product (当面付) opened on the contract."),
    CodeSpec::new("SELLER_NOT_EXIST", "卖家不存在")
        .kind(ErrorKind::Configuration)
        .meaning("The seller does not exist.")
        .advice("Check seller_id / seller_email, or send none for the partner's own account."),
    CodeSpec::new("BUYER_NOT_EXIST", "买家不存在")
        .kind(ErrorKind::Caller)
        .meaning("The buyer does not exist.")
        .advice("Scan the buyer's code again: the dynamic_id names no buyer."),
    CodeSpec::new("BUYER_ENABLE_STATUS_FORBID", "买家状态非法，无法继续交易")
        .kind(ErrorKind::Caller)
        .meaning("The buyer's account is in a state that cannot trade.")
        .advice("Ask the buyer to pay another way."),
    CodeSpec::new("BUYER_SELLER_EQUAL", "卖家买家账号相同，不能进行交易")
        .kind(ErrorKind::Caller)
        .meaning("The buyer and the seller are the same account.")
        .advice("The seller cannot pay itself: the buyer must use another account."),
    CodeSpec::new("INVALID_PARAMETER", "参数无效")
        .kind(ErrorKind::Caller)
        .meaning("A parameter is not valid.")
        .advice("Check the request against the service's table."),
    CodeSpec::new("UN_SUPPORT_BIZ_TYPE", "不支持的业务类型")
        .kind(ErrorKind::Configuration)
        .meaning("The business type (product_code) is not supported.")
        .advice("Send a product_code the contract has, e.g. BARCODE_PAY_OFFLINE."),
    CodeSpec::new("INVALID_RECEIVE_ACCOUNT", "卖家不在设置的收款账户列表中")
        .kind(ErrorKind::Configuration)
        .meaning("The seller is not among the contract's receiving accounts.")
        .advice("Send seller_id / seller_email of an account set up as receiving account, or none for the partner's own."),
    CodeSpec::new(
        "BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR",
        "买家的付款日限额超限",
    )
    .kind(ErrorKind::Caller)
    .meaning("The buyer's daily payment limit is reached.")
    .advice("Ask the buyer to pay another way or later."),
    CodeSpec::new("ERROR_BUYER_CERTIFY_LEVEL_LIMIT", "买家未通过人行认证")
        .kind(ErrorKind::Caller)
        .meaning("The buyer has not passed the central bank's identity check.")
        .advice("Ask the buyer to complete the identity check or pay another way."),
    CodeSpec::new("ERROR_SELLER_CERTIFY_LEVEL_LIMIT", "卖家未通过人行认证")
        .kind(ErrorKind::Configuration)
        .meaning("The seller has not passed the central bank's identity check.")
        .advice("Complete the seller account's identity check with Alipay."),
    CodeSpec::new(
        "CLIENT_VERSION_NOT_MATCH",
        "钱包版本过低，请升级到最新版本后使用",
    )
    .kind(ErrorKind::Caller)
    .meaning("The buyer's wallet is too old.")
    .advice("Ask the buyer to update the Alipay wallet."),
    CodeSpec::new(
        "AUTH_NO_ERROR",
        "授权号错误，可能的原因包括：授权号的商户跟当前请求商户不一致授权号的付款方跟当前请求中的付款方不一致授权号的可用资金比当前请求的解冻金额小授权状态不是已授权授权号的收款方跟当前请求中的收款方不一致",
    )
    .kind(ErrorKind::Caller)
    .meaning("The authorisation number (auth_no) does not fit the request: another merchant, payer or payee, too little authorised money, or not authorised.")
    .advice("Check auth_no against the authorisation it came from; send none for an ordinary payment."),
    CodeSpec::new("BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "买家银行卡余额不足")
        .kind(ErrorKind::Caller)
        .meaning("The buyer's bank card does not hold enough money.")
        .advice("Ask the buyer to pay another way, then pay under a new out_trade_no or query this one."),
    CodeSpec::new("PULL_MOBILE_CASHIER_FAIL", "唤起无线快捷收银台失败")
        .kind(ErrorKind::Caller)
        .meaning("The wallet's cashier could not be opened on the buyer's phone.")
        .advice("Ask the buyer to try again; query the trade before paying again."),
    CodeSpec::new("PAYMENT_FAIL", "支付失败")
        .kind(ErrorKind::Caller)
        .meaning("The payment failed.")
        .advice("Query the trade; pay again under a new out_trade_no if it is not paid."),
    CodeSpec::new(
        "MOBILE_PAYMENT_SWITCH_OFF",
        "用户无线支付开关关闭，无法进行支付",
    )
    .kind(ErrorKind::Caller)
    .meaning("The buyer has turned mobile payments off.")
    .advice("Ask the buyer to turn mobile payments on in the wallet, or to pay another way."),
];
