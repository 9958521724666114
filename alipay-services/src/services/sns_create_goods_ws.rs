//! `sns.create.goods.ws` (SNS创建商品ws接口): an SNS user (the seller) creates goods.
//!
//! Source: 「SNS创建商品ws接口」 v1.0, tables 3 (request), 5.1 (response) and 5.3 (error codes),
//! with the extraction damage corrected as `docs/protocol.md` lists (wrapped names and samples
//! rejoined, look-alike `Ν`/`Υ` read as `N`/`Y`). Field doc comments are the 备注 column verbatim.
//!
//! ```
//! use alipay_core::service::Request;
//! use alipay_services::sns_create_goods_ws::{CreateGoods, FlowType};
//!
//! let mut goods = CreateGoods::example();
//! goods.flow_type = FlowType::Express;
//! goods.who_pay = None; // required when flow_type is 1 or 2
//! let err = goods.validate().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "sns.create.goods.ws: parameter `who_pay` is required when flow_type is 1 or 2",
//! );
//! ```

use alipay_core::error::CodeSpec;
use alipay_core::types::{Amount, CompactTime, HttpUrl, TimestampMillis};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// 物流方式 (`flow_type`): 8不需要物流,1平邮, 2快递.
    pub enum FlowType {
        /// `8`: 不需要物流 (no logistics).
        NoLogistics = "8",
        /// `1`: 平邮 (surface mail).
        Post = "1",
        /// `2`: 快递 (express).
        Express = "2",
    }
}

alipay_core::wire_enum! {
    /// 运费承担方 (`who_pay`): 买家-1,卖家-2.
    pub enum WhoPay {
        /// `1`: 买家 (the buyer pays the shipping).
        Buyer = "1",
        /// `2`: 卖家 (the seller pays the shipping).
        Seller = "2",
    }
}

alipay_core::wire_enum! {
    /// 商品有效期天数 (`valid_date`): days added to the current date.
    pub enum ValidDate {
        /// `1`: 1天.
        OneDay = "1",
        /// `3`: 3天.
        ThreeDays = "3",
        /// `7`: 7天.
        SevenDays = "7",
        /// `15`: 15天.
        FifteenDays = "15",
        /// `30`: 30天.
        ThirtyDays = "30",
    }
}

alipay_core::wire_enum! {
    /// 商品业务状态 (`biz_status`): 1-进行中,2-卖家关闭,3-超时关闭 ,4-商品售完关闭.
    pub enum BizStatus {
        /// `1`: 进行中 (on sale).
        OnSale = "1",
        /// `2`: 卖家关闭 (closed by the seller).
        ClosedBySeller = "2",
        /// `3`: 超时关闭 (closed on timeout).
        ClosedOnTimeout = "3",
        /// `4`: 商品售完关闭 (closed: sold out).
        SoldOut = "4",
    }
}

/// The request of `sns.create.goods.ws` (table 3, 业务参数). The derived `Debug`
/// prints `key` as `<secret>`.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "sns.create.goods.ws",
    response = Goods,
    method = GET,
    error_codes = ERROR_CODES,
    conflict = "GOODS_EXISTS_ERROR" // outer_goods_id is unique: a repeat of an applied call gets it
)]
#[alipay(required_if(flow_type = "1" | "2", flow_fee > 0, who_pay))]
#[alipay(relation(buy_max_num <= goods_total_num))]
pub struct CreateGoods {
    /// 支付宝处理完请求后,通知给SNS的url
    #[alipay(
        label = "通知URL",
        ty = "String(200)",
        example = "http://www.test.com/notify/alipay/interface.htm"
    )]
    pub notify_url: HttpUrl,
    /// sns账号id
    #[alipay(
        label = "卖家Sns帐号ID",
        ty = "String(50)",
        example = "id20111107434343"
    )]
    pub sns_user_id: String,
    /// 支付宝分配给每个SNS用户的key
    #[alipay(
        label = "用户key",
        ty = "String(40)",
        secret,
        example = "20110511EF39E0403F8F48EF8E02121C9824210F"
    )]
    pub key: String,
    /// 商品在合作网站的id
    #[alipay(
        label = "合作网站商品id",
        ty = "String(50)",
        example = "id2011434535743854"
    )]
    pub outer_goods_id: String,
    /// 创建的商品名称
    #[alipay(label = "商品名称", ty = "String(128)", example = "二手围巾")]
    pub goods_name: String,
    /// 商品描述
    #[alipay(label = "商品描述", ty = "String(250)", example = "8成新")]
    pub goods_info: String,
    /// 单个商品价格
    #[alipay(label = "商品单价", ty = "String(12)", example = "100.40")]
    pub goods_fee: Amount,
    /// 总共商品数量
    #[alipay(label = "商品总数", ty = "String(5)", example = "100")]
    pub goods_total_num: u32,
    /// 对同一个商品,单个用户最多购买数量 .必须<= goods_total_num
    #[alipay(label = "单个用户最多购买数量", ty = "String(5)", example = "100")]
    pub buy_max_num: u32,
    /// 8不需要物流,1平邮, 2快递
    #[alipay(label = "物流方式", ty = "String(1)", example = "1")]
    pub flow_type: FlowType,
    /// 当物流方式为平邮或快递时,该字段不为空且大于0。
    #[alipay(label = "运费", ty = "String(12)", example = "11.50")]
    pub flow_fee: Option<Amount>,
    /// 买家-1,卖家-2; 当物流方式为平邮或快递时,该字段不为空。
    #[alipay(label = "运费承担方", ty = "String(1)", example = "2")]
    pub who_pay: Option<WhoPay>,
    /// 当前日期相加的天数。 1-1天 3-3天 7-7天 15-15天 30-30天
    #[alipay(label = "商品有效期天数", ty = "String(2)", example = "15")]
    pub valid_date: ValidDate,
    /// 合作网站当前请求时间毫秒数
    #[alipay(label = "时间戳", ty = "String(14)", example = "1309437333420")]
    pub timestamp: Option<TimestampMillis>,
}

/// The `<goods>` payload of a successful `sns.create.goods.ws` response (table 5.1, 业务参数).
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(element = "goods")]
pub struct Goods {
    /// 商品创建者合作网站id
    #[alipay(
        label = "卖家SNS用户ID",
        ty = "String(50)",
        example = "id20113857385545454"
    )]
    pub seller_sns_id: String,
    /// 商品在合作网站的id
    #[alipay(
        label = "合作网站商品id",
        ty = "String(50)",
        example = "id2011063000011840"
    )]
    pub outer_goods_id: String,
    /// 商品在支付宝的id
    #[alipay(label = "商品id", ty = "String(25)", example = "2011063000011840")]
    pub goods_id: String,
    /// 创建的商品名称
    #[alipay(label = "商品名称", ty = "String(128)", example = "二手围巾")]
    pub goods_name: String,
    #[allow(missing_docs)] // 备注 is empty in the table: the doc comment is the note.
    #[alipay(label = "商品描述", ty = "String(250)", example = "8成新")]
    pub goods_info: String,
    /// 单个商品价格
    #[alipay(label = "商品单价", ty = "String(12)", example = "55.55")]
    pub goods_fee: Amount,
    /// 创建的商品数量
    #[alipay(label = "商品总数", ty = "String(5)", example = "100")]
    pub goods_total_num: u32,
    /// 对同一个商品,用户购买最大数量
    #[alipay(label = "单个用户购买商品最大数量", ty = "String(5)", example = "100")]
    pub buyer_max_num: u32,
    /// 8不需要物流,1平邮, 2快递
    #[alipay(label = "物流方式", ty = "String(1)", example = "1")]
    pub flow_type: FlowType,
    #[allow(missing_docs)] // 备注 is empty in the table.
    #[alipay(label = "运费", ty = "String(12)", example = "5.00")]
    pub flow_fee: Option<Amount>,
    /// 买家-1, 卖家-2
    #[alipay(label = "运费承担方", ty = "String(1)", example = "1")]
    pub who_pay: WhoPay,
    /// 格式:yyyyMMddHHmmss
    #[alipay(label = "商品有效时间", ty = "String(14)", example = "20110707203533")]
    pub valid_time: CompactTime,
    /// 确认收货超时天数。 按照物流方式设置,平邮30天,快递及无需物流10天
    #[alipay(label = "确认收货超时天数", ty = "String(3)", example = "10")]
    pub rec_days: u32,
    /// 格式:yyyyMMddHHmmss
    #[alipay(label = "商品创建时间", ty = "String(14)", example = "20110630203533")]
    pub create_time: CompactTime,
    /// 1-进行中,2-卖家关闭,3-超时关闭 ,4-商品售完关闭
    #[alipay(label = "商品业务状态", ty = "String(1)", example = "1")]
    pub biz_status: BizStatus,
}

/// The error codes of table 5.3, in the table's order.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("GOODS_CREATE_FAIL", "商品创建失败"),
    CodeSpec::new("NO_AUTHORIZE_ACCOUNT", "合作伙伴用户账号未绑定支付宝账号"),
    CodeSpec::new("ILLEGAL_PARTNER", "表示请求中的partner错误"),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统错误"),
    CodeSpec::new("HAS_NO_PRIVILEGE", "无权访问该接口"),
    CodeSpec::new("SESSION_TIMEOUT", "连接超时错误"),
    CodeSpec::new("ILLEGAL_SIGN", "数字验签失败"),
    CodeSpec::new("QUERY_ERROR", "系统查询错误"),
    CodeSpec::new("ILLEGAL_ARGUMENT", "参数不正确"),
    CodeSpec::new("ILLEGAL_SERVICE", "请求的接口信息不存在"),
    CodeSpec::new("CUSTOMER_NOT_SIGNED", "客户未有效签约"),
    CodeSpec::new("BIND_ERROR_NO_CERTIFIED", "用户未实名认证"),
    CodeSpec::new("ILLEGAL_USER_KEY", "社区用户key不正确"),
    CodeSpec::new("GOODS_EXISTS_ERROR", "商品已经存在"),
];
