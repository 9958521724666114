//! `alipay.wap.create.direct.pay.by.user` (手机网站支付接口): the buyer pays on a phone, at Alipay's
//! mobile cashier, and the money reaches the seller at once: the trade becomes `TRADE_SUCCESS`
//! (refundable), later `TRADE_FINISHED`, as with `create_direct_pay_by_user`. A page service: build
//! it with `Client::page_url` / `page_form`; the outcome comes back as the return to `return_url`
//! ([`WapCreateDirectPayByUserReturn`]) and the notification to `notify_url`
//! ([`WapCreateDirectPayByUserNotify`]).
//!
//! Declared from `specs/alipay.wap.create.direct.pay.by.user.toml` (written from the document's
//! request table, Alipay's demo and a library; scaffolded with `alipay spec scaffold`), with the
//! types refined: the trade status is the shared `TradeStatus`. `return_url` is a string, not an
//! http(s) URL: the document's own sample is an app URL (`alipays://platformapi/startApp?…`).
//! The notification and return tables come from a third-party schema (no copy of the document's
//! was found): every row but the notification's own is optional.
//!
//! Repeating it is the buyer's browser visiting the cashier again: the same `out_trade_no` shows
//! the same trade (never a second one).

use alipay_core::types::{Amount, DateTime, HttpUrl, TradeStatus};
use alipay_core::{Notification, Request};

alipay_core::wire_enum! {
    /// 支付类型 (`payment_type`): 支付类型。仅支持：1（商品购买）。
    pub enum PaymentType {
        /// `1`.
        V1 = "1",
    }
}

alipay_core::wire_enum! {
    /// 是否发起实名校验 (`rn_check`): T：发起实名校验；F：不发起实名校验。
    pub enum RnCheck {
        /// `T`.
        T = "T",
        /// `F`.
        F = "F",
    }
}

alipay_core::wire_enum! {
    /// 商品类型 (`goods_type`): 1：实物类商品；0：虚拟类商品。不传默认为实物类商品。
    pub enum GoodsType {
        /// `0`.
        V0 = "0",
        /// `1`.
        V1 = "1",
    }
}

alipay_core::wire_enum! {
    /// 是否使用支付宝客户端支付 (`app_pay`): app_pay=Y：尝试唤起支付宝客户端进行支付，若用户未安装支付宝，则继续使用wap收银台进行支付。商户若为APP，则需在APP的webview中增加alipays协议处理逻辑。
    pub enum AppPay {
        /// `Y`.
        Y = "Y",
    }
}

/// The request of `alipay.wap.create.direct.pay.by.user` (手机网站支付接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(service = "alipay.wap.create.direct.pay.by.user", page, method = GET)]
pub struct WapCreateDirectPayByUser {
    /// 支付宝服务器主动通知商户网站里指定的页面http路径。
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String(190)",
        example = "http://hlcb.uz.com/notify-web/TradePayNotify"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 支付宝处理完请求后，当前页面自动跳转到商户网站里指定页面的http路径。
    #[alipay(
        label = "页面跳转同步通知页面路径",
        ty = "String(200)",
        example = "alipays://platformapi/startApp?appId=10000011"
    )]
    pub return_url: Option<String>,
    /// 支付宝合作商户网站唯一订单号。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "70501111111S001111119"
    )]
    pub out_trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。该参数最长为128个汉字。
    #[alipay(label = "商品名称", ty = "String(256)", example = "大乐透")]
    pub subject: String,
    /// 该笔订单的资金总额，单位为RMB-Yuan。取值范围为[0.01，100000000.00]，精确到小数点后两位。
    #[alipay(label = "交易金额", ty = "String", example = "9.00")]
    pub total_fee: Amount,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以2088开头的纯16位数字。
    #[alipay(
        label = "卖家支付宝用户号",
        ty = "String(16)",
        example = "2088111111116894"
    )]
    pub seller_id: String,
    /// 支付类型。仅支持：1（商品购买）。
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: PaymentType,
    /// 收银台页面上，商品展示的超链接。
    #[alipay(
        label = "商品展示网址",
        ty = "String(400)",
        example = "http://www.taobao.com/product/113714.html"
    )]
    pub show_url: HttpUrl,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给body。
    #[alipay(label = "商品描述", ty = "String(1000)", example = "测试")]
    pub body: Option<String>,
    /// 设置未付款交易的超时时间，一旦超时，该笔交易就会自动被关闭。取值范围：1m～15d。m-分钟，h-小时，d-天，1c-当天（1c-当天的情况下，无论交易何时创建，都在0点关闭）。该参数数值不接受小数点，如1.5h，可转换为90m。当用户输入支付密码、点击确认付款后（即创建支付宝交易后）开始计时。支持绝对超时时间，格式为yyyy-MM-dd HH:mm。
    #[alipay(label = "超时时间", ty = "String", example = "3837m")]
    pub it_b_pay: Option<String>,
    /// 接入极简版wap收银台时支持。当商户请求是来自手机支付宝，在手机支付宝登录后，有生成登录信息token时，使用该参数传入token将可以实现信任登录收银台，不需要再次登录。注意：登录后用户还是有入口可以切换账户，不能使用该参数锁定用户。
    #[alipay(
        label = "手机支付宝token",
        ty = "String",
        example = "appopenBb64d181d0146481ab6a762c00714cC27"
    )]
    pub extern_token: Option<String>,
    /// 航旅订单中除去票面价之外的费用，单位为RMB-Yuan。取值范围为[0.01,100000000.00]，精确到小数点后两位。
    #[alipay(label = "航旅订单其它费用", ty = "Number", example = "200")]
    pub otherfee: Option<Amount>,
    /// 航旅订单金额描述，由四项或两项构成，各项之间由“|”分隔，每项包含金额与描述，金额与描述间用“^”分隔，票面价之外的价格之和必须与otherfee相等。
    #[alipay(
        label = "航旅订单金额",
        ty = "String(64)",
        example = "800^票面价|50^机建费|120^燃油费|30^航意险"
    )]
    pub airticket: Option<String>,
    /// T：发起实名校验；F：不发起实名校验。
    #[alipay(label = "是否发起实名校验", ty = "String(1)", example = "T")]
    pub rn_check: Option<RnCheck>,
    /// 买家证件号码（需要与支付宝实名认证时所填写的证件号码一致）。说明：当scene=ZJCZTJF 的情况下，才会校验buyer_cert_no字段。
    #[alipay(label = "买家证件号码", ty = "String", example = "329829197809290921")]
    pub buyer_cert_no: Option<String>,
    /// 买家真实姓名。说明：当scene=ZJCZTJF 的情况下，才会校验buyer_real_name字段。
    #[alipay(label = "买家真实姓名", ty = "String", example = "张三")]
    pub buyer_real_name: Option<String>,
    /// 收单场景。如需使用该字段，需向支付宝申请开通，否则传入无效。
    #[alipay(label = "收单场景", ty = "String", example = "ZJCZTJF")]
    pub scene: Option<String>,
    /// hb_fq_num：花呗分期数；hb_fq_seller_percent：卖家承担收费比例，比如100代表卖家承担100%。两个参数必须一起传入。
    #[alipay(label = "花呗分期参数", ty = "String")]
    pub hb_fq_param: Option<String>,
    /// 1：实物类商品；0：虚拟类商品。不传默认为实物类商品。
    #[alipay(label = "商品类型", ty = "String", example = "1")]
    pub goods_type: Option<GoodsType>,
    /// app_pay=Y：尝试唤起支付宝客户端进行支付，若用户未安装支付宝，则继续使用wap收银台进行支付。商户若为APP，则需在APP的webview中增加alipays协议处理逻辑。
    #[alipay(label = "是否使用支付宝客户端支付", ty = "String", example = "Y")]
    pub app_pay: Option<AppPay>,
    /// 商户与支付宝约定的营销参数，为Key:Value键值对，如需使用，请联系支付宝技术人员。
    #[alipay(label = "商户优惠活动参数", ty = "String")]
    pub promo_params: Option<String>,
}

/// The asynchronous notification (服务器异步通知参数) of `alipay.wap.create.direct.pay.by.user`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[alipay(service = "alipay.wap.create.direct.pay.by.user", kind = "notify")]
pub struct WapCreateDirectPayByUserNotify {
    /// 通知时间
    #[alipay(label = "通知时间", ty = "Date", example = "2015-09-21 11:08:32")]
    pub notify_time: DateTime,
    /// 通知类型
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: String,
    /// 通知校验ID
    #[alipay(
        label = "通知校验ID",
        ty = "String",
        example = "70fec0c2730b27528665af4517c27b95"
    )]
    pub notify_id: String,
    /// 商户网站唯一订单号
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "70501111111S001111119"
    )]
    pub out_trade_no: Option<String>,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)", example = "大乐透")]
    pub subject: Option<String>,
    /// 支付类型
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: Option<String>,
    /// 支付宝交易号
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2015092100001000740000023321"
    )]
    pub trade_no: Option<String>,
    /// 交易状态
    #[alipay(label = "交易状态", ty = "String", example = "TRADE_SUCCESS")]
    pub trade_status: Option<TradeStatus>,
    /// 交易创建时间
    #[alipay(label = "交易创建时间", ty = "Date", example = "2015-09-21 11:08:20")]
    pub gmt_create: Option<DateTime>,
    /// 交易付款时间
    #[alipay(label = "交易付款时间", ty = "Date", example = "2015-09-21 11:08:31")]
    pub gmt_payment: Option<DateTime>,
    /// 交易关闭时间
    #[alipay(label = "交易关闭时间", ty = "Date")]
    pub gmt_close: Option<String>,
    /// 卖家支付宝账号
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String(100)",
        example = "seller@example.com"
    )]
    pub seller_email: Option<String>,
    /// 买家支付宝账号
    #[alipay(
        label = "买家支付宝账号",
        ty = "String(100)",
        example = "buyer@example.com"
    )]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账户号
    #[alipay(
        label = "卖家支付宝账户号",
        ty = "String(30)",
        example = "2088111111116894"
    )]
    pub seller_id: Option<String>,
    /// 买家支付宝账户号
    #[alipay(
        label = "买家支付宝账户号",
        ty = "String(30)",
        example = "2088102000000000"
    )]
    pub buyer_id: Option<String>,
    /// 商品单价
    #[alipay(label = "商品单价", ty = "Number", example = "9.00")]
    pub price: Option<Amount>,
    /// 交易金额
    #[alipay(label = "交易金额", ty = "Number", example = "9.00")]
    pub total_fee: Option<Amount>,
    /// 购买数量
    #[alipay(label = "购买数量", ty = "Number", example = "1")]
    pub quantity: Option<u32>,
    /// 商品描述
    #[alipay(label = "商品描述", ty = "String(400)", example = "测试")]
    pub body: Option<String>,
    /// 折扣
    #[alipay(label = "折扣", ty = "Number", example = "0.00")]
    pub discount: Option<String>,
    /// 是否调整总价
    #[alipay(label = "是否调整总价", ty = "String(1)", example = "N")]
    pub is_total_fee_adjust: Option<String>,
    /// 是否使用红包买家
    #[alipay(label = "是否使用红包买家", ty = "String(1)", example = "N")]
    pub use_coupon: Option<String>,
    /// 退款状态
    #[alipay(label = "退款状态", ty = "String")]
    pub refund_status: Option<String>,
    /// 退款时间
    #[alipay(label = "退款时间", ty = "Date")]
    pub gmt_refund: Option<String>,
}

/// The synchronous return (页面跳转同步通知参数) of `alipay.wap.create.direct.pay.by.user`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[alipay(service = "alipay.wap.create.direct.pay.by.user", kind = "return")]
pub struct WapCreateDirectPayByUserReturn {
    /// 成功标识
    #[alipay(label = "成功标识", ty = "String(1)", example = "T")]
    pub is_success: String,
    /// 接口名称
    #[alipay(
        label = "接口名称",
        ty = "String",
        example = "alipay.wap.create.direct.pay.by.user"
    )]
    pub service: Option<String>,
    /// 通知校验ID
    #[alipay(
        label = "通知校验ID",
        ty = "String",
        example = "RqPnCoPT3K9%2Fvwbh3InWfjSqVnvKjCuZdzSCfTOjwAAdgSB1ar8Pz0rC2L4E4C8o4OUy"
    )]
    pub notify_id: Option<String>,
    /// 通知时间
    #[alipay(label = "通知时间", ty = "Date", example = "2015-09-21 11:08:32")]
    pub notify_time: Option<DateTime>,
    /// 通知类型
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: Option<String>,
    /// 商户网站唯一订单号
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "70501111111S001111119"
    )]
    pub out_trade_no: Option<String>,
    /// 支付宝交易号
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2015092100001000740000023321"
    )]
    pub trade_no: Option<String>,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)", example = "大乐透")]
    pub subject: Option<String>,
    /// 支付类型
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: Option<String>,
    /// 交易状态
    #[alipay(label = "交易状态", ty = "String", example = "TRADE_SUCCESS")]
    pub trade_status: Option<TradeStatus>,
    /// 卖家支付宝账户号
    #[alipay(
        label = "卖家支付宝账户号",
        ty = "String(30)",
        example = "2088111111116894"
    )]
    pub seller_id: Option<String>,
    /// 交易金额
    #[alipay(label = "交易金额", ty = "Number", example = "9.00")]
    pub total_fee: Option<Amount>,
    /// 商品描述
    #[alipay(label = "商品描述", ty = "String(400)", example = "测试")]
    pub body: Option<String>,
}
