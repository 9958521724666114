//! `create_partner_trade_by_buyer` (纯担保交易接口): an escrow trade the buyer's browser creates at
//! Alipay's cashier. A page service: build it with `Client::page_url` / `page_form`; the outcome
//! comes back as the return to `return_url` ([`CreatePartnerTradeByBuyerReturn`]) and the
//! notification to `notify_url` ([`CreatePartnerTradeByBuyerNotify`]).
//!
//! Declared from `specs/create_partner_trade_by_buyer.toml` (imported from the document's tables
//! with `alipay spec import`, scaffolded with `alipay spec scaffold`), with the types refined:
//! amounts are `Amount`, URLs `HttpUrl`, the trade status the shared `TradeStatus` (which also
//! reads the statuses other services send). The document's request table marks `seller_email`
//! required although its note accepts `seller_id` instead; the table is followed.
//!
//! The notification's and the return's `discount` is kept as sent, a string: the document makes it
//! negative for a discount, which `Amount` cannot hold.
//!
//! Repeating it is the buyer's browser visiting the cashier again: the same `out_trade_no` shows
//! the same trade (never a second one).

use alipay_core::types::{Amount, DateTime, HttpUrl, TradeStatus};
use alipay_core::{Notification, Request};

/// The request of `create_partner_trade_by_buyer` (纯担保交易接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(service = "create_partner_trade_by_buyer", page, method = GET)]
pub struct CreatePartnerTradeByBuyer {
    /// 支付宝服务器主动通知商户网站里指定的页面 http 路径。
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String",
        example = "http://api.test.alipay.net/atinterface/receive_notify.htm"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 支付宝处理完请求后，当前页面自动跳转到商户网站里指定页面的 http 路径。
    #[alipay(
        label = "页面跳转同步通知页面路径",
        ty = "String",
        example = "http://api.test.alipay.net/atinterface/receive_return.htm"
    )]
    pub return_url: Option<HttpUrl>,
    /// 支付宝合作商户网站唯一订单号（确保在合作伙伴系统中唯一）。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "9400234539532526"
    )]
    pub out_trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。该参数最长为 128 个汉字。
    #[alipay(
        label = "商品名称",
        ty = "String(256)",
        example = "订单编号：20110105154925"
    )]
    pub subject: String,
    /// 收款类型，只支持 1：商品购买。
    #[alipay(label = "收款类型", ty = "String", example = "1")]
    pub payment_type: String,
    /// 第一组物流类型。取值范围请参见附录“11.3 物流类型”。
    #[alipay(label = "物流类型", ty = "String", example = "POST")]
    pub logistics_type: String,
    /// 第一组物流运费。单位为：RMB Yuan。精确到小数点后两位。缺省值为 0 元。
    #[alipay(label = "物流费用", ty = "String", example = "10")]
    pub logistics_fee: Amount,
    /// 第一组物流支付类型。取值范围请参见附录“11.4 物流支付类型”。
    #[alipay(label = "物流支付类型", ty = "String", example = "BUYER_PAY")]
    pub logistics_payment: String,
    /// 单位为：RMB Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "商品单价", ty = "Number", example = "328")]
    pub price: Amount,
    /// 商品的数量。
    #[alipay(label = "商品数量", ty = "Number", example = "1")]
    pub quantity: u32,
    /// 登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String(100)",
        example = "zhoubo_seller@alitest.com"
    )]
    pub seller_email: String,
    /// 买家支付宝账号。
    #[alipay(
        label = "买家支付宝账号",
        ty = "String(100)",
        example = "zhoubo_buyer@alitest.com"
    )]
    pub buyer_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(
        label = "卖家支付宝账号对应的支付宝唯一用户号",
        ty = "String(30)",
        example = "2088102010217433"
    )]
    pub seller_id: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(
        label = "买家支付宝账号对应的支付宝唯一用户号",
        ty = "String(30)",
        example = "2088102008416044"
    )]
    pub buyer_id: Option<String>,
    /// 如果 seller_email 和 seller_id 均为空，则以此别名账号作为卖家账号。
    #[alipay(
        label = "卖家别名支付宝账号",
        ty = "String(100)",
        example = "zhoubo_seller@alitest.com"
    )]
    pub seller_account_name: Option<String>,
    /// 如果 buyer_email 和 buyer_id 均为空，则以此别名账号作为买家账号。
    #[alipay(
        label = "买家别名支付宝账号",
        ty = "String(100)",
        example = "zhoubo_buyer@alitest.com"
    )]
    pub buyer_account_name: Option<String>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给 body。
    #[alipay(label = "商品描述", ty = "String(400)", example = "2G 录音笔")]
    pub body: Option<String>,
    /// 收银台页面上，商品展示的超链接。
    #[alipay(
        label = "商品展示 URL",
        ty = "String(400)",
        example = "http://www.007suma.com/?product-9.html"
    )]
    pub show_url: Option<HttpUrl>,
    /// 单笔交易金总额，单位为 RMB-Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "总额", ty = "Number", example = "338")]
    pub total_fee: Option<Amount>,
    /// 支付宝系统会把 discount 的值加到交易金额上，如果需要折扣，本参数为负数。单位为：RMB Yuan，精确到小数点后两位。缺省值为 0 元。
    #[alipay(label = "折扣", ty = "Number", example = "0")]
    pub discount: Option<String>,
    /// 收货人姓名。
    #[alipay(label = "收货人姓名", ty = "String(128)", example = "张三")]
    pub receive_name: Option<String>,
    /// 收货人地址。
    #[alipay(label = "收货人地址", ty = "String(256)", example = "上海普陀区 XX 路")]
    pub receive_address: Option<String>,
    /// 收货人邮编。
    #[alipay(label = "收货人邮编", ty = "String(20)", example = "123456")]
    pub receive_zip: Option<String>,
    /// 收货人电话。
    #[alipay(label = "收货人电话", ty = "String(30)", example = "02161686888")]
    pub receive_phone: Option<String>,
    /// 收货人手机。
    #[alipay(label = "收货人手机", ty = "String", example = "13800000000")]
    pub receive_mobile: Option<String>,
    /// 第二组物流类型。取值范围请参见附录“11.3 物流类型”。
    #[alipay(label = "物流类型 1", ty = "String", example = "EMS")]
    pub logistics_type_1: Option<String>,
    /// 第二组物流运费。单位为：RMB Yuan。精确到小数点后两位。
    #[alipay(label = "物流运费 1", ty = "String", example = "5")]
    pub logistics_fee_1: Option<String>,
    /// 第二组物流支付类型。取值范围请参见附录“11.4 物流支付类型”。
    #[alipay(label = "物流支付类型 1", ty = "String", example = "BUYER_PAY")]
    pub logistics_payment_1: Option<String>,
    /// 第三组物流类型。取值范围请参见附录“11.3 物流类型”。
    #[alipay(label = "物流类型 2", ty = "String", example = "POST")]
    pub logistics_type_2: Option<String>,
    /// 第三组物流运费。单位为：RMB Yuan。精确到小数点后两位。
    #[alipay(label = "物流运费 2", ty = "String", example = "6")]
    pub logistics_fee_2: Option<String>,
    /// 第三组物流支付类型。取值范围请参见附录“11.4 物流支付类型”。
    #[alipay(label = "物流支付类型 2", ty = "String", example = "BUYER_PAY")]
    pub logistics_payment_2: Option<String>,
    /// 卖家逾期不发货，允许买家退款的期限。单位为天（d）。如果商户未设置支持自定义超时，该参数应该为空，否则会报错。
    #[alipay(label = "卖家逾期不发货，允许买家退款", ty = "String", example = "7d")]
    pub t_s_send_1: Option<String>,
    /// 卖家逾期不发货，建议买家退款。单位为天（d）。如果商户未设置支持自定义超时，该参数应该为空，否则会报错。
    #[alipay(label = "卖家逾期不发货，建议买家退款", ty = "String", example = "7d")]
    pub t_s_send_2: Option<String>,
    /// 买家逾期不确认收货，自动完成交易（平邮）的期限。单位为天（d）。如果商户未设置支持自定义超时，该参数应该为空，否则会报错。
    #[alipay(
        label = "买家逾期不确认收货，自动完成交易（平邮）",
        ty = "String",
        example = "7d"
    )]
    pub t_b_rec_post: Option<String>,
    /// 设置未付款交易的超时时间，一旦超时，该笔交易就会自动被关闭。取值范围：1m～15d。m-分钟，h-小时，d-天，1c-当天（无论交易何时创建，都在 0 点关闭）。该参数数值不接受小数点，如 1.5h，可转换为 90m。该功能需要联系支付宝配置关闭时间。
    #[alipay(label = "买家逾期不付款，自动关闭交易", ty = "String", example = "7d")]
    pub it_b_pay: Option<String>,
    /// 如果开通了快捷登录产品，则需要填写；如果没有开通，则为空。
    #[alipay(
        label = "快捷登录授权令牌",
        ty = "String(40)",
        example = "201103290c9f9f2c03db4267a4c8e1bfe3adfd52"
    )]
    pub token: Option<String>,
}

/// The asynchronous notification (服务器异步通知参数) of `create_partner_trade_by_buyer`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_partner_trade_by_buyer", kind = "notify")]
pub struct CreatePartnerTradeByBuyerNotify {
    /// 支付宝通知校验 ID，商户可以用这个流水号询问支付宝该条通知的合法性。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "70fec0c2730b27528665af4517c27b95"
    )]
    pub notify_id: String,
    /// 交易状态改变时发送的同步通知。
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: String,
    /// 通知的发送时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2009-08-12 11:08:32")]
    pub notify_time: DateTime,
    /// 创建订单生成的交易号。最短 16 位，最长 64 位。
    #[alipay(label = "交易号", ty = "String(64)", example = "2010121502618142")]
    pub trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。
    #[alipay(
        label = "商品名称",
        ty = "String",
        example = "订单编号：20110105154925"
    )]
    pub subject: String,
    /// 单位为：RMB Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "商品单价", ty = "Number", example = "328.00")]
    pub price: Amount,
    /// 商品的数量。
    #[alipay(label = "商品数量", ty = "Number", example = "1")]
    pub quantity: u32,
    /// 登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String",
        example = "zhoubo_seller@alitest.com"
    )]
    pub seller_email: String,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(label = "卖家 ID", ty = "String", example = "2088102010217433")]
    pub seller_id: String,
    /// 买家支付宝账号。
    #[alipay(
        label = "买家支付宝账号",
        ty = "String",
        example = "zhoubo_buyer@alitest.com"
    )]
    pub buyer_email: String,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(label = "买家 ID", ty = "String", example = "2088102008416044")]
    pub buyer_id: String,
    /// 支付宝系统会把 discount 的值加到交易金额上，如果需要折扣，本参数为负数。单位为：RMB Yuan，精确到小数点后两位。缺省值为 0 元。
    #[alipay(label = "商品折扣", ty = "Number", example = "0.00")]
    pub discount: String,
    /// 单笔交易金总额，单位为 RMB-Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "交易金额", ty = "Number", example = "338.00")]
    pub total_fee: Amount,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(label = "交易状态", ty = "String", example = "WAIT_SELLER_SEND_GOODS")]
    pub trade_status: TradeStatus,
    /// 总价是否调整过。
    #[alipay(label = "总价是否调整过", ty = "String", example = "N")]
    pub is_total_fee_adjust: String,
    /// 是否使用红包。
    #[alipay(label = "是否使用红包", ty = "String", example = "N")]
    pub use_coupon: String,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给 body。
    #[alipay(label = "商品描述", ty = "String", example = "2G 录音笔")]
    pub body: Option<String>,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String",
        example = "709651609727679"
    )]
    pub out_trade_no: Option<String>,
    /// 收款类型，只支持 1：商品购买。
    #[alipay(label = "收款类型", ty = "String", example = "1")]
    pub payment_type: Option<String>,
    /// 取值范围请参见附录“11.3 物流类型”。
    #[alipay(label = "物流类型", ty = "String", example = "EMS")]
    pub logistics_type: Option<String>,
    /// 物流运费。单位为：RMB Yuan。精确到小数点后两位。缺省值为 0 元。
    #[alipay(label = "物流费用", ty = "String", example = "15.00")]
    pub logistics_fee: Option<Amount>,
    /// 取值范围请参见附录“11.4 物流支付类型”。
    #[alipay(label = "货物支付类型", ty = "String", example = "BUYER_PAY")]
    pub logistics_payment: Option<String>,
    /// 物流状态更新时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(
        label = "物流状态更新时间",
        ty = "Date",
        example = "2010-12-30 18:42:12"
    )]
    pub gmt_logistics_modify: Option<DateTime>,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(
        label = "买家动作集合",
        ty = "String",
        example = "WAIT_SELLER_SEND_GOODS"
    )]
    pub buyer_actions: Option<String>,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(label = "卖家动作集合", ty = "String", example = "SEND_GOODS")]
    pub seller_actions: Option<String>,
    /// 该笔交易创建的时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易创建时间", ty = "Date", example = "2010-12-30 18:42:12")]
    pub gmt_create: Option<DateTime>,
    /// 该笔交易的买家付款时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易支付时间", ty = "Date", example = "2010-12-30 18:42:19")]
    pub gmt_payment: Option<DateTime>,
    /// 取值范围请参见附录“11.6 退款状态”。
    #[alipay(label = "退款状态", ty = "String", example = "WAIT_SELLER_AGREE")]
    pub refund_status: Option<String>,
    /// 卖家退款的时间，退款通知时会发送。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易退款时间", ty = "Date", example = "2010-12-30 18:52:12")]
    pub gmt_refund: Option<DateTime>,
    /// 收货人姓名。
    #[alipay(label = "收货人姓名", ty = "String", example = "张三")]
    pub receive_name: Option<String>,
    /// 收货人地址。
    #[alipay(label = "收货人地址", ty = "String", example = "上海普陀区 XX 路")]
    pub receive_address: Option<String>,
    /// 收货人邮编。
    #[alipay(label = "收货人邮编", ty = "String", example = "123456")]
    pub receive_zip: Option<String>,
    /// 收货人电话。
    #[alipay(label = "收货人电话", ty = "String", example = "02161686888")]
    pub receive_phone: Option<String>,
    /// 收货人手机。
    #[alipay(label = "收货人手机", ty = "String", example = "138000000")]
    pub receive_mobile: Option<String>,
}

/// The synchronous return (页面跳转同步通知参数) of `create_partner_trade_by_buyer`.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "create_partner_trade_by_buyer", kind = "return")]
pub struct CreatePartnerTradeByBuyerReturn {
    /// 表示接口调用是否成功，并不表明业务处理结果。
    #[alipay(label = "成功标识", ty = "String(1)", example = "T")]
    pub is_success: String,
    /// 签约的支付宝账号对应的支付宝唯一用户号。以 2088 开头的 16 位纯数字组成。
    #[alipay(
        name = "partnerId",
        label = "合作身份者 ID",
        ty = "String(16)",
        example = "2088102011070566"
    )]
    pub partner_id: String,
    /// 商户网站使用的编码格式，如 utf-8、gbk、gb2312 等。
    #[alipay(label = "参数编码字符集", ty = "String", example = "gbk")]
    pub charset: Option<String>,
    /// 支付宝通知校验 ID，商户可以用这个流水号询问支付宝该条通知的合法性。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "RqPnCoPT3K9%2Fvwbh3I%2BFiox8ptihzJoEoaWZbNBCD%2FU8bYsc57yqnRUNEpX00RjhlXrf"
    )]
    pub notify_id: String,
    /// 通知类型。交易状态改变时发送的同步通知。
    #[alipay(label = "通知类型", ty = "String", example = "trade_status_sync")]
    pub notify_type: String,
    /// 通知时间（支付宝时间）。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2010-12-15 18:42:23")]
    pub notify_time: DateTime,
    /// 创建订单生成的交易号。最短 16 位，最长 64 位。
    #[alipay(label = "交易号", ty = "String(64)", example = "2010121502618142")]
    pub trade_no: String,
    /// 商品的标题/交易标题/订单标题/订单关键字等。
    #[alipay(
        label = "商品名称",
        ty = "String",
        example = "订单编号：20110105154925"
    )]
    pub subject: String,
    /// 单位为：RMB Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "商品单价", ty = "Number", example = "328")]
    pub price: Amount,
    /// 商品的数量。
    #[alipay(label = "商品数量", ty = "Number", example = "1")]
    pub quantity: u32,
    /// 登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String",
        example = "zhoubo_seller@alitest.com"
    )]
    pub seller_email: String,
    /// 买家支付宝账号。
    #[alipay(
        label = "买家支付宝账号",
        ty = "String",
        example = "zhoubo_buyer@alitest.com"
    )]
    pub buyer_email: String,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。登录时，seller_email 和 seller_id 两者必填一个。
    #[alipay(
        label = "卖家支付宝账号对应的支付宝唯一用户号",
        ty = "String",
        example = "2088102010217433"
    )]
    pub seller_id: String,
    /// 买家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。
    #[alipay(label = "买家 ID", ty = "String", example = "2088102010217422")]
    pub buyer_id: String,
    /// 支付宝系统会把 discount 的值加到交易金额上，如果需要折扣，本参数为负数。单位为：RMB Yuan，精确到小数点后两位。缺省值为 0 元。
    #[alipay(label = "商品折扣", ty = "Number", example = "0.00")]
    pub discount: String,
    /// 单笔交易金总额，单位为 RMB-Yuan。取值范围为[0.01，1000000.00]，精确到小数点后两位。
    #[alipay(label = "总额", ty = "Number", example = "338")]
    pub total_fee: Amount,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(label = "交易状态", ty = "String", example = "WAIT_SELLER_SEND_GOODS")]
    pub trade_status: TradeStatus,
    /// 总价是否调整过。
    #[alipay(label = "总价是否调整过", ty = "String", example = "N")]
    pub is_total_fee_adjust: String,
    /// 是否使用红包。
    #[alipay(label = "是否使用红包", ty = "String", example = "N")]
    pub use_coupon: String,
    /// 对应商户网站的订单系统中的唯一订单号，非支付宝交易号。需保证在商户网站中的唯一性。是请求时对应的参数，原样返回。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String",
        example = "5562802405885664"
    )]
    pub out_trade_no: Option<String>,
    /// 对一笔交易的具体描述信息。如果是多种商品，请将商品描述字符串累加传给 body。
    #[alipay(label = "商品描述", ty = "String", example = "2G 录音笔")]
    pub body: Option<String>,
    /// 收款类型，只支持 1：商品购买。
    #[alipay(label = "收款类型", ty = "String", example = "1")]
    pub payment_type: Option<String>,
    /// 取值范围请参见附录“11.3 物流类型”。
    #[alipay(label = "物流类型", ty = "String", example = "EMS")]
    pub logistics_type: Option<String>,
    /// 物流运费。单位为：RMB Yuan。精确到小数点后两位。
    #[alipay(label = "物流运费", ty = "String", example = "15.00")]
    pub logistics_fee: Option<Amount>,
    /// 取值范围请参见附录“11.4 物流支付类型”。
    #[alipay(label = "物流支付类型", ty = "String", example = "BUYER_PAY")]
    pub logistics_payment: Option<String>,
    /// 物流状态更新时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(
        label = "物流状态更新时间",
        ty = "Date",
        example = "2010-12-15 18:42:12"
    )]
    pub gmt_logistics_modify: Option<DateTime>,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(
        label = "买家动作集合",
        ty = "String",
        example = "WAIT_SELLER_SEND_GOODS"
    )]
    pub buyer_actions: Option<String>,
    /// 取值范围请参见附录“11.5 交易状态”。
    #[alipay(label = "卖家动作集合", ty = "String", example = "SEND_GOODS")]
    pub seller_actions: Option<String>,
    /// 该笔交易创建的时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易创建时间", ty = "Date", example = "2010-12-15 18:42:12")]
    pub gmt_create: Option<DateTime>,
    /// 该笔交易的买家付款时间。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易支付时间", ty = "Date", example = "2010-12-15 18:42:19")]
    pub gmt_payment: Option<DateTime>,
    /// 取值范围请参见附录“11.6 退款状态”。
    #[alipay(label = "退款状态", ty = "String", example = "WAIT_SELLER_AGREE")]
    pub refund_status: Option<String>,
    /// 卖家退款的时间，退款通知时会发送。格式为 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "交易退款时间", ty = "Date", example = "2010-12-15 18:52:12")]
    pub gmt_refund: Option<DateTime>,
    /// 收货人姓名。
    #[alipay(label = "收货人姓名", ty = "String", example = "张三")]
    pub receive_name: Option<String>,
    /// 收货人地址。
    #[alipay(label = "收货人地址", ty = "String", example = "上海普陀区 XX 路")]
    pub receive_address: Option<String>,
    /// 收货人邮编。
    #[alipay(label = "收货人邮编", ty = "String", example = "123456")]
    pub receive_zip: Option<String>,
    /// 收货人电话。
    #[alipay(label = "收货人电话", ty = "String", example = "02161686888")]
    pub receive_phone: Option<String>,
    /// 收货人手机。
    #[alipay(label = "收货人手机", ty = "String", example = "13800000000")]
    pub receive_mobile: Option<String>,
}
