//! `single_trade_query` (单笔交易查询接口): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime};
use alipay_core::{Request, Response};

/// The request of `single_trade_query` (单笔交易查询接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "single_trade_query",
    response = Trade,
    method = POST,
    error_codes = ERROR_CODES,
    one_of(trade_no, out_trade_no)
)]
pub struct SingleTradeQuery {
    /// 支付宝交易号与商户网站订单号不能同时为空。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2010073000030344"
    )]
    pub trade_no: Option<String>,
    /// 支付宝交易号与商户网站订单号不能同时为空。
    #[alipay(
        label = "商户网站唯一订单号",
        ty = "String(64)",
        example = "2109095506028810"
    )]
    pub out_trade_no: Option<String>,
}

/// The `<trade>` payload of a successful `single_trade_query` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "trade")]
pub struct Trade {
    /// 买家支付宝账号
    #[alipay(label = "买家支付宝账号", example = "tianc002@alipay.com")]
    pub buyer_email: Option<String>,
    /// 买家支付宝账号对应的支付宝唯一用户号
    #[alipay(
        label = "买家支付宝账号对应的支付宝唯一用户号",
        example = "2088002007274897"
    )]
    pub buyer_id: Option<String>,
    /// 交易状态
    #[alipay(label = "交易状态", example = "TRADE_FINISHED")]
    pub trade_status: String,
    /// 交易金额是否调整过
    #[alipay(label = "交易金额是否调整过", example = "F")]
    pub is_total_fee_adjust: Option<String>,
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", example = "20080108-5")]
    pub out_trade_no: Option<String>,
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", example = "2010073000030344")]
    pub trade_no: String,
    /// 商品名称
    #[alipay(label = "商品名称", example = "合同催款通知")]
    pub subject: Option<String>,
    /// 交易冻结状态
    #[alipay(label = "交易冻结状态", example = "0")]
    pub flag_trade_locked: Option<String>,
    /// 商品描述
    #[alipay(label = "商品描述", example = "合同催款通知")]
    pub body: Option<String>,
    /// 交易创建时间
    #[alipay(label = "交易创建时间", example = "2010-07-30 12:26:33")]
    pub gmt_create: Option<DateTime>,
    /// 卖家支付宝账号
    #[alipay(label = "卖家支付宝账号", example = "chao.chenc1@alipay.com")]
    pub seller_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号
    #[alipay(
        label = "卖家支付宝账号对应的支付宝唯一用户号",
        example = "2088002007018916"
    )]
    pub seller_id: Option<String>,
    /// 交易总金额
    #[alipay(label = "交易总金额", example = "1.00")]
    pub total_fee: Option<Amount>,
    /// 商品单价
    #[alipay(label = "商品单价", example = "1.00")]
    pub price: Option<Amount>,
    /// 购买数量
    #[alipay(label = "购买数量", example = "1")]
    pub quantity: Option<u32>,
    /// 邮费
    #[alipay(label = "邮费")]
    pub logistics_fee: Option<String>,
    /// 红包折扣
    #[alipay(label = "红包折扣")]
    pub coupon_discount: Option<String>,
    /// 是否使用过红包
    #[alipay(label = "是否使用过红包", example = "F")]
    pub use_coupon: Option<String>,
    /// 折扣
    #[alipay(label = "折扣", example = "0.00")]
    pub discount: Option<Amount>,
    /// 退款状态
    #[alipay(label = "退款状态", example = "REFUND_SUCCESS")]
    pub refund_status: Option<String>,
    /// 物流状态
    #[alipay(label = "物流状态")]
    pub logistics_status: Option<String>,
    /// 交易附加状态
    #[alipay(label = "交易附加状态", example = "DAEMON_CONFIRM_CLOSE")]
    pub additional_trade_status: Option<String>,
    /// 交易最近一次修改时间
    #[alipay(label = "交易最近一次修改时间", example = "2010-07-30 12:30:29")]
    pub gmt_last_modified_time: Option<DateTime>,
    /// 付款时间
    #[alipay(label = "付款时间", example = "2010-07-30 12:30:29")]
    pub gmt_payment: Option<DateTime>,
    /// 卖家发货时间
    #[alipay(label = "卖家发货时间")]
    pub gmt_send_goods: Option<String>,
    /// 退款时间
    #[alipay(label = "退款时间", example = "2015-03-18 15:43:11")]
    pub gmt_refund: Option<DateTime>,
    /// 主超时时间
    #[alipay(label = "主超时时间")]
    pub time_out: Option<String>,
    /// 交易关闭时间
    #[alipay(label = "交易关闭时间", example = "2015-01-20 02:37:00")]
    pub gmt_close: Option<DateTime>,
    /// 物流状态更新时间
    #[alipay(label = "物流状态更新时间")]
    pub gmt_logistics_modify: Option<String>,
    /// 主超时类型
    #[alipay(label = "主超时类型")]
    pub time_out_type: Option<String>,
    /// 退款金额
    #[alipay(label = "退款金额", example = "0.03")]
    pub refund_fee: Option<Amount>,
    /// 退款流程
    #[alipay(label = "退款流程", example = "1")]
    pub refund_flow_type: Option<String>,
    /// 退款ID
    #[alipay(label = "退款ID", example = "97622780097")]
    pub refund_id: Option<String>,
    /// 退现金金额
    #[alipay(label = "退现金金额")]
    pub refund_cash_fee: Option<String>,
    /// 退红包金额
    #[alipay(label = "退红包金额")]
    pub refund_coupon_fee: Option<String>,
    /// 退积分金额
    #[alipay(label = "退积分金额")]
    pub refund_agent_pay_fee: Option<String>,
    /// 使用红包金额
    #[alipay(label = "使用红包金额")]
    pub coupon_used_fee: Option<String>,
    /// 累积已经退款的金额
    #[alipay(label = "累积已经退款的金额", example = "0.03")]
    pub to_buyer_fee: Option<Amount>,
    /// 累计已打款给卖家的金额
    #[alipay(label = "累计已打款给卖家的金额", example = "0.10")]
    pub to_seller_fee: Option<Amount>,
    /// 资金单据列表
    #[alipay(label = "资金单据列表")]
    pub fund_bill_list: Option<String>,
    /// 收款类型
    #[alipay(label = "收款类型", example = "1")]
    pub payment_type: Option<String>,
    /// 交易的创建人角色
    #[alipay(label = "交易的创建人角色", example = "B")]
    pub operator_role: Option<String>,
}

/// The error codes of `single_trade_query`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("TRADE_NOT_EXIST", ""),
    CodeSpec::new("TRADE_IS_NOT_EXIST", "")
        .kind(ErrorKind::Caller)
        .meaning("`TRADE_IS_NOT_EXIST`: see the service's documentation.")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_SIGN", ""),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "")
        .kind(ErrorKind::Caller)
        .meaning("`ILLEGAL_DYN_MD5_KEY`: see the service's documentation.")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "")
        .kind(ErrorKind::Caller)
        .meaning("`ILLEGAL_ENCRYPT`: see the service's documentation.")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_ARGUMENT", ""),
    CodeSpec::new("ILLEGAL_SERVICE", ""),
    CodeSpec::new("ILLEGAL_USER", "")
        .kind(ErrorKind::Caller)
        .meaning("`ILLEGAL_USER`: see the service's documentation.")
        .advice("See the service's documentation."),
    CodeSpec::new("ILLEGAL_PARTNER", ""),
    CodeSpec::new("ILLEGAL_EXTERFACE", "")
        .kind(ErrorKind::Caller)
        .meaning("`ILLEGAL_EXTERFACE`: see the service's documentation.")
        .advice("See the service's documentation."),
];
