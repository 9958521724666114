//! `create_direct_pay_by_user` (即时到账交易接口): the buyer's browser pays at Alipay's cashier and
//! the money reaches the seller at once (the trade becomes `TRADE_SUCCESS`, refundable, then
//! `TRADE_FINISHED`). A page service: build it with `Client::page_url` / `page_form`; the outcome
//! comes back as the return to `return_url` ([`CreateDirectPayByUserReturn`]) and the notification
//! to `notify_url` ([`CreateDirectPayByUserNotify`]).
//!
//! Declared from `specs/create_direct_pay_by_user.toml` (imported from the v4.3 document's tables
//! with `alipay spec import`, scaffolded with `alipay spec scaffold`), with the types refined:
//! amounts are `Amount`, the trade status the shared `TradeStatus`. The document states some
//! requirements in its notes only (one of `seller_id` / `seller_account_name` / `seller_email`;
//! `total_fee`, or `price` with `quantity`): they are not enforced here.

use alipay_core::types::{Amount, DateTime, HttpUrl, TradeStatus};
use alipay_core::{Notification, Request};

/// The request of `create_direct_pay_by_user` (即时到账交易接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(service = "create_direct_pay_by_user", page, method = GET)]
pub struct CreateDirectPayByUser {
    /// 支付宝服务器主动通知商户网站里指定的页面 http 路径。
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String(190)",
        example = "http://api.test.alipay.net/atinterface/receive_return.htm"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 支付宝处理完请求后，当前页面自动跳转到商户网站里指定页面的 http 路径。
    #[alipay(
        label = "页面跳转同步通知页面路径",
        ty = "String(200)",
        example = "http://api.test.alipay.net/atinterface/receive_return.htm"
    )]
    pub return_url: Option<HttpUrl>,
    /// 当商户通过该接口发起请求时，如果出现提示报错，支付宝会根据“12.7 item_orders_info出错时的通知错误码”和“12.8 请求出错时的通知错误码”通过异步的方式发送通知给商户。该功能需要联系支付宝开通。
    #[alipay(
        label = "请求出错时的通知页面路径",
        ty = "String(200)",
        example = "http://api.test.alipay.net/atinterface/receive_return.htm"
    )]
    pub error_notify_url: Option<HttpUrl>,
    /// 支付宝合作商户网站唯一订单号。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "6843192280647118"
    )]
    pub out_trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。该参数最长为 128 个汉字。
    #[alipay(label = "商品名称", ty = "String(256)", example = "贝尔金护腕式")]
    pub subject: String,
    /// 取值范围请参见附录“12.6 收款类型”。默认值为：1（商品购买）。注意：支付类型为“47”时，公共业务扩展参数（extend_param）中必须包含凭证号（evoucheprod_evouche_id）参数名和参数值。
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: String,
    /// 卖家支付宝账号。卖家信息优先级：seller_id>seller_account_name>seller_email。seller_id，seller_account_name 和 seller_email 不能全部为空，至少有一项不为空。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String(100)",
        example = "alipay-test01@alipay.com"
    )]
    pub seller_email: Option<String>,
    /// 买家支付宝账号。买家信息优先级：buyer_id>buyer_account_name>buyer_email。
    #[alipay(
        label = "买家支付宝账号",
        ty = "String(100)",
        example = "tstable01@alipay.com"
    )]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "卖家支付宝账户号",
        ty = "String(16)",
        example = "2088002007018966"
    )]
    pub seller_id: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "买家支付宝账户号",
        ty = "String(16)",
        example = "2088002007018955"
    )]
    pub buyer_id: Option<String>,
    /// 卖家别名支付宝账号。卖家信息优先级：seller_id>seller_account_name>seller_email。
    #[alipay(
        label = "卖家别名支付宝账号",
        ty = "String(100)",
        example = "tstable02@alipay.com"
    )]
    pub seller_account_name: Option<String>,
    /// 买家别名支付宝账号。买家信息优先级：buyer_id>buyer_account_name>buyer_email。
    #[alipay(
        label = "买家别名支付宝账号",
        ty = "String(100)",
        example = "tstable03@alipay.com"
    )]
    pub buyer_account_name: Option<String>,
    /// 单位为：RMB Yuan。取值范围为[0.01，100000000.00]，精确到小数点后两位。规则：price、quantity 能代替 total_fee。即存在 total_fee，就不能存在 price 和 quantity；存在 price、quantity，就不能存在 total_fee。
    #[alipay(label = "商品单价", ty = "Number", example = "10.00")]
    pub price: Option<Amount>,
    /// 该笔订单的资金总额，单位为 RMB-Yuan。取值范围为[0.01，100000000.00]，精确到小数点后两位。
    #[alipay(label = "交易金额", ty = "Number", example = "100")]
    pub total_fee: Option<Amount>,
    /// price、quantity 能代替 total_fee。即存在 total_fee，就不能存在 price 和 quantity；存在 price、quantity，就不能存在 total_fee。
    #[alipay(label = "购买数量", ty = "Number", example = "1")]
    pub quantity: Option<u32>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给 body。
    #[alipay(
        label = "商品描述",
        ty = "String(1000)",
        example = "美国专业护腕鼠标垫，舒缓式凝胶软垫模拟手腕的自然曲线和运动，创造和缓的 GelFlex 舒适地带！"
    )]
    pub body: Option<String>,
    /// 收银台页面上，商品展示的超链接。
    #[alipay(
        label = "商品展示网址",
        ty = "String(400)",
        example = "http://www.360buy.com/product/113714.html"
    )]
    pub show_url: Option<HttpUrl>,
    /// 取值范围：• creditPay（信用支付）• directPay（余额支付）如果不设置，默认识别为余额支付。说明：必须注意区分大小写。
    #[alipay(label = "默认支付方式", ty = "String", example = "directPay")]
    pub paymethod: Option<String>,
    /// 用于控制收银台支付渠道显示。可支持多种支付渠道显示，以“^”分隔。通知的参数，该值的取值范围请参见“12.3 支付渠道”。说明：该参数即将废弃，请新接入的商户不要使用该参数。
    #[alipay(
        label = "支付渠道",
        ty = "String",
        example = "directPay^bankPay^cartoon^cash"
    )]
    pub enable_paymethod: Option<String>,
    /// 商户在配置了支持 CTU（支付宝风险稽查系统）校验权限的前提下，可以选择本次交易是否需要经过 CTU 校验。• Y：做 CTU 校验；• N：不做 CTU 校验。
    #[alipay(label = "网银支付时是否做 CTU 校验", ty = "String", example = "Y")]
    pub need_ctu_check: Option<String>,
    /// 目前只支持一种类型：10（卖家给第三方提成）。当传递了参数 royalty_parameters 时，提成类型参数不能为空。
    #[alipay(label = "提成类型", ty = "String(2)", example = "10")]
    pub royalty_type: Option<String>,
    /// 参见“4.4 royalty_parameters参数说明”。
    #[alipay(
        label = "分润账号集",
        ty = "String(1000)",
        example = "参见“4.4 royalty_parameters参数说明”"
    )]
    pub royalty_parameters: Option<String>,
    /// 通过时间戳查询接口获取的加密支付宝系统时间戳。如果已申请开通防钓鱼时间戳验证，则此字段必填。
    #[alipay(
        label = "防钓鱼时间戳",
        ty = "String",
        example = "587FE3D2858E6B01E30104656E7805E2"
    )]
    pub anti_phishing_key: Option<String>,
    /// 用户在创建交易时，该用户当前所使用机器的 IP。如果商户申请后台开通防钓鱼 IP 地址检查选项，此字段必填，校验用。
    #[alipay(label = "客户端 IP", ty = "String(15)", example = "128.214.222.111")]
    pub exter_invoke_ip: Option<String>,
    /// 如果用户请求时传递了该参数，则返回给商户时会回传该参数。
    #[alipay(
        label = "公用回传参数",
        ty = "String(100)",
        example = "你好，这是测试商户的广告。"
    )]
    pub extra_common_param: Option<String>,
    /// 用于商户的特定业务信息的传递，只有商户与支付宝约定了传递此参数且约定了参数含义，此参数才有效。参数格式：参数名 1^参数值 1|参数名 2^参数值 2|……多条数据用“|”间隔。支付类型（payment_type）为 47（电子卡券）时，需要包含凭证号（evoucheprod_evouche_id）参数名和参数值。
    #[alipay(
        label = "公用业务扩展参数",
        ty = "String",
        example = "pnr^MFGXDW|start_ticket_no^123|end_ticket_no^234|b2b_login_name^abc"
    )]
    pub extend_param: Option<String>,
    /// 设置未付款交易的超时时间，一旦超时，该笔交易就会自动被关闭。取值范围：1m～15d。m-分钟，h-小时，d-天，1c-当天（无论交易何时创建，都在 0 点关闭）。该参数数值不接受小数点，如 1.5h，可转换为 90m。该功能需要联系支付宝配置关闭时间。
    #[alipay(label = "超时时间", ty = "String", example = "1h")]
    pub it_b_pay: Option<String>,
    /// 用于标识商户是否使用自动登录的流程。如果和参数 buyer_email 一起使用时，就不会再让用户登录支付宝，即在收银台中不会出现登录页面。取值有以下情况：• Y 代表使用• N 代表不使用该功能需要联系支付宝配置。
    #[alipay(label = "自动登录标识", ty = "String", example = "Y")]
    pub default_login: Option<String>,
    /// 用于针对不同的产品，采取不同的计费策略。如果开通了航旅垂直搜索平台产品，请填写 CHANNEL_FAST_PAY；如果没有，则为空。
    #[alipay(
        label = "商户申请的产品类型",
        ty = "String(50)",
        example = "CHANNEL_FAST_PAY"
    )]
    pub product_type: Option<String>,
    /// 如果开通了快捷登录产品，则需要填写；如果没有开通，则为空。
    #[alipay(
        label = "快捷登录授权令牌",
        ty = "String(40)",
        example = "201103290c9f9f2c03db4267a4c8e1bfe3adfd52"
    )]
    pub token: Option<String>,
    /// 买家通过 etao 购买的商品的详细清单。如果是 etao 商户则填写；如果不是，则为空。详细规则请参见“4.3.1 item_orders_info参数说明”。
    #[alipay(
        label = "商户回传业务参数",
        ty = "String(40000)",
        example = "参见“4.3.2 item_orders_info参数样例”"
    )]
    pub item_orders_info: Option<String>,
    /// 用于唯一标识商户买家。如果本参数不为空，则 sign_name_ext 不能为空。
    #[alipay(label = "商户买家签约号", ty = "String(50)", example = "ZHANGSAN")]
    pub sign_id_ext: Option<String>,
    /// 商户买家唯一标识对应的名字。
    #[alipay(label = "商户买家签约名", ty = "String(128)", example = "张三")]
    pub sign_name_ext: Option<String>,
    /// 扫码支付的方式，支持前置模式和跳转模式。前置模式是将二维码前置到商户的订单确认页的模式。需要商户在自己的页面中以 iframe 方式请求支付宝页面。具体分为以下 3 种：• 0：订单码-简约前置模式，对应 iframe 宽度不能小于 600px，高度不能小于 300px；• 1：订单码-前置模式，对应 iframe 宽度不能小于 300px，高度不能小于 600px；• 3：订单码-迷你前置模式，对应 iframe 宽度不能小于 75px，高度不能小于 75px。跳转模式下，用户的扫码界面是由支付宝生成的，不在商户的域名下。• 2：订单码-跳转模式
    #[alipay(label = "扫码支付方式", ty = "String(1)", example = "1")]
    pub qr_pay_mode: Option<String>,
}

/// The asynchronous notification (服务器异步通知参数) of `create_direct_pay_by_user`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_direct_pay_by_user", kind = "notify")]
pub struct CreateDirectPayByUserNotify {
    /// 通知的发送时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2009-08-12 11:08:32")]
    pub notify_time: DateTime,
    /// 通知的类型。
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: String,
    /// 通知校验 ID。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "70fec0c2730b27528665af4517c27b95"
    )]
    pub notify_id: String,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "3618810634349901"
    )]
    pub out_trade_no: Option<String>,
    /// 商品的标题/交易标题/订单标题/订单关键字等。它在支付宝的交易明细中排在第一列，对于财务对账尤为重要。是请求时对应的参数，原样通知回来。
    #[alipay(label = "商品名称", ty = "String(256)", example = "phone 手机")]
    pub subject: Option<String>,
    /// 取值范围请参见附录“12.6 收款类型”。
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: Option<String>,
    /// 该交易在支付宝系统中的交易流水号。最短 16 位，最长 64 位。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2008102203208746"
    )]
    pub trade_no: Option<String>,
    /// 取值范围请参见“12.5 交易状态”。
    #[alipay(label = "交易状态", ty = "String", example = "TRADE_FINISHED")]
    pub trade_status: Option<TradeStatus>,
    /// 该笔交易创建的时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易创建时间", ty = "Date", example = "2008-10-22 20:49:31")]
    pub gmt_create: Option<DateTime>,
    /// 该笔交易的买家付款时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易付款时间", ty = "Date", example = "2008-10-22 20:49:50")]
    pub gmt_payment: Option<DateTime>,
    /// 交易关闭时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易关闭时间", ty = "Date", example = "2008-10-22 20:49:46")]
    pub gmt_close: Option<DateTime>,
    /// 取值范围请参见“12.4 退款状态”。
    #[alipay(label = "退款状态", ty = "String", example = "REFUND_SUCCESS")]
    pub refund_status: Option<String>,
    /// 卖家退款的时间，退款通知时会发送。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "退款时间", ty = "Date", example = "2008-10-29 19:38:25")]
    pub gmt_refund: Option<DateTime>,
    /// 卖家支付宝账号，可以是 email 和手机号码。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String(100)",
        example = "chao.chenc1@alipay.com"
    )]
    pub seller_email: Option<String>,
    /// 买家支付宝账号，可以是 Email 或手机号码。
    #[alipay(label = "买家支付宝账号", ty = "String(100)", example = "13758698870")]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "卖家支付宝账户号",
        ty = "String(30)",
        example = "2088002007018916"
    )]
    pub seller_id: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "买家支付宝账户号",
        ty = "String(30)",
        example = "2088002007013600"
    )]
    pub buyer_id: Option<String>,
    /// 如果请求时使用的是 total_fee，那么 price 等于 total_fee；如果请求时使用的是 price，那么对应请求时的 price 参数，原样通知回来。
    #[alipay(label = "商品单价", ty = "Number", example = "10.00")]
    pub price: Option<Amount>,
    /// 该笔订单的总金额。请求时对应的参数，原样通知回来。
    #[alipay(label = "交易金额", ty = "Number", example = "10.00")]
    pub total_fee: Option<Amount>,
    /// 如果请求时使用的是 total_fee，那么 quantity 等于 1；如果请求时使用的是 quantity，那么对应请求时的 quantity 参数，原样通知回来。
    #[alipay(label = "购买数量", ty = "Number", example = "1")]
    pub quantity: Option<u32>,
    /// 该笔订单的备注、描述、明细等。对应请求时的 body 参数，原样通知回来。
    #[alipay(label = "商品描述", ty = "String(400)", example = "Hello")]
    pub body: Option<String>,
    /// 支付宝系统会把 discount 的值加到交易金额上，如果需要折扣，本参数为负数。
    #[alipay(label = "折扣", ty = "Number", example = "-5")]
    pub discount: Option<String>,
    /// 该交易是否调整过价格。
    #[alipay(label = "是否调整总价", ty = "String(1)", example = "N")]
    pub is_total_fee_adjust: Option<String>,
    /// 是否在交易过程中使用了红包。
    #[alipay(label = "是否使用红包买家", ty = "String(1)", example = "N")]
    pub use_coupon: Option<String>,
    /// 用于商户回传参数，该值不能包含“=”、“&”等特殊字符。如果用户请求时传递了该参数，则返回给商户时会回传该参数。
    #[alipay(
        label = "公用回传参数",
        ty = "String",
        example = "你好，这是测试商户的广告。"
    )]
    pub extra_common_param: Option<String>,
    /// 该笔交易所使用的支付渠道。格式为：渠道 1|渠道 2|…，如果有多个渠道，用“|”隔开。取值范围请参见附录“12.9 渠道类型说明与币种列表”。
    #[alipay(
        label = "支付渠道组合信息",
        ty = "String",
        example = "OPTIMIZED_MOTO|BALANCE"
    )]
    pub out_channel_type: Option<String>,
    /// 该笔交易通过使用各支付渠道所支付的金额。格式为：金额 1|金额 2|…，如果有多个支付渠道，各渠道所支付金额用“|”隔开。
    #[alipay(label = "支付金额组合信息", ty = "String", example = "90.00|10.00")]
    pub out_channel_amount: Option<String>,
    /// 该交易支付时实际使用的银行渠道。格式为：支付渠道 1|支付渠道 2|…，如果有多个支付渠道，用“|”隔开。取值范围请参见附录“12.10 实际支付渠道列表”。该参数需要联系支付宝开通。
    #[alipay(label = "实际支付渠道", ty = "String", example = "ICBC")]
    pub out_channel_inst: Option<String>,
    /// 回传给商户此标识为 qrpay 时，表示对应交易为扫码支付。目前只有 qrpay 一种回传值。非扫码支付方式下，目前不会返回该参数。
    #[alipay(label = "是否扫码支付", ty = "String", example = "qrpay")]
    pub business_scene: Option<String>,
}

/// The synchronous return (页面跳转同步通知参数) of `create_direct_pay_by_user`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_direct_pay_by_user", kind = "return")]
pub struct CreateDirectPayByUserReturn {
    /// 表示接口调用是否成功，并不表明业务处理结果。
    #[alipay(label = "成功标识", ty = "String(1)", example = "T")]
    pub is_success: String,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "6402757654153618"
    )]
    pub out_trade_no: Option<String>,
    /// 商品的标题/交易标题/订单标题/订单关键字等。
    #[alipay(label = "商品名称", ty = "String(256)", example = "手套")]
    pub subject: Option<String>,
    /// 对应请求时的 payment_type 参数，原样返回。
    #[alipay(label = "支付类型", ty = "String(4)", example = "1")]
    pub payment_type: Option<String>,
    /// 标志调用哪个接口返回的链接。
    #[alipay(
        label = "接口名称",
        ty = "String",
        example = "create_direct_pay_by_user"
    )]
    pub exterface: Option<String>,
    /// 该交易在支付宝系统中的交易流水号。最短 16 位，最长 64 位。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2008102303210710"
    )]
    pub trade_no: Option<String>,
    /// 交易目前所处的状态。成功状态的值只有两个：• TRADE_FINISHED（普通即时到账的交易成功状态）• TRADE_SUCCESS（开通了高级即时到账或机票分销产品后的交易成功状态）
    #[alipay(label = "交易状态", ty = "String", example = "TRADE_FINISHED")]
    pub trade_status: Option<TradeStatus>,
    /// 支付宝通知校验 ID，商户可以用这个流水号询问支付宝该条通知的合法性。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG"
    )]
    pub notify_id: Option<String>,
    /// 通知时间（支付宝时间）。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2008-10-23 13:17:39")]
    pub notify_time: Option<DateTime>,
    /// 返回通知类型。
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: Option<String>,
    /// 卖家支付宝账号，可以是 Email 或手机号码。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String(100)",
        example = "chao.chenc1@alipay.com"
    )]
    pub seller_email: Option<String>,
    /// 买家支付宝账号，可以是 Email 或手机号码。
    #[alipay(
        label = "买家支付宝账号",
        ty = "String(100)",
        example = "tstable01@alipay.com"
    )]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "卖家支付宝账户号",
        ty = "String(30)",
        example = "2088002007018916"
    )]
    pub seller_id: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "买家支付宝账户号",
        ty = "String(30)",
        example = "2088101000082594"
    )]
    pub buyer_id: Option<String>,
    /// 该笔订单的资金总额，单位为 RMB-Yuan。取值范围为[0.01，100000000.00]，精确到小数点后两位。
    #[alipay(label = "交易金额", ty = "Number", example = "10.00")]
    pub total_fee: Option<Amount>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给 body。
    #[alipay(label = "商品描述", ty = "String(400)", example = "Hello")]
    pub body: Option<String>,
    /// 用于商户回传参数，该值不能包含“=”、“&”等特殊字符。如果用户请求时传递了该参数，则返回给商户时会回传该参数。
    #[alipay(
        label = "公用回传参数",
        ty = "String",
        example = "你好，这是测试商户的广告。"
    )]
    pub extra_common_param: Option<String>,
    /// 本参数用于信用支付。它代表执行支付操作的操作员账号所属的代理人的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "信用支付购票员的代理人 ID",
        ty = "String",
        example = "2088101000071628"
    )]
    pub agent_user_id: Option<String>,
}
