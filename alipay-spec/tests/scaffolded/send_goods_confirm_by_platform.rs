//! `send_goods_confirm_by_platform` (确认发货接口): scaffolded from its spec by `alipay_spec::scaffold`.
//!
//! The spec does not say, so review: the method (`POST` here), whether a repeat is safe
//! (`idempotent`, `conflict = "CODE"`), the cross-field rules (`required_if`, `relation`,
//! `custom`) and what the codes the shared table does not know mean.

use alipay_core::error::CodeSpec;
use alipay_core::types::{Amount, DateTime};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// `transport_type`: POST (surface mail), EXPRESS, EMS, DIRECT (no logistics); one of two
    pub enum TransportType {
        /// `POST`.
        Post = "POST",
        /// `EXPRESS`.
        Express = "EXPRESS",
        /// `EMS`.
        Ems = "EMS",
        /// `DIRECT`.
        Direct = "DIRECT",
    }
}

alipay_core::wire_enum! {
    /// `create_transport_type`: the logistics type chosen when the trade was created; same values; one of two
    pub enum CreateTransportType {
        /// `POST`.
        Post = "POST",
        /// `EXPRESS`.
        Express = "EXPRESS",
        /// `EMS`.
        Ems = "EMS",
        /// `DIRECT`.
        Direct = "DIRECT",
    }
}

alipay_core::wire_enum! {
    /// `trade_status`
    pub enum TradeStatus {
        /// `WAIT_BUYER_PAY`.
        WaitBuyerPay = "WAIT_BUYER_PAY",
        /// `WAIT_SELLER_SEND_GOODS`.
        WaitSellerSendGoods = "WAIT_SELLER_SEND_GOODS",
        /// `WAIT_BUYER_CONFIRM_GOODS`.
        WaitBuyerConfirmGoods = "WAIT_BUYER_CONFIRM_GOODS",
        /// `TRADE_FINISHED`.
        TradeFinished = "TRADE_FINISHED",
        /// `TRADE_CLOSED`.
        TradeClosed = "TRADE_CLOSED",
        /// `TRADE_SUCCESS`.
        TradeSuccess = "TRADE_SUCCESS",
        /// `TRADE_PENDING`.
        TradePending = "TRADE_PENDING",
    }
}

/// The request of `send_goods_confirm_by_platform` (确认发货接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "send_goods_confirm_by_platform",
    response = TradeBase,
    method = POST,
    error_codes = ERROR_CODES,
    one_of(transport_type, create_transport_type)
)]
pub struct SendGoodsConfirmByPlatform {
    /// Alipay trade number
    #[alipay(example = "2013102226991504")]
    pub trade_no: String,
    /// carrier name, free text, may be Chinese (e.g. 申通快递)
    #[alipay(example = "申通快递")]
    pub logistics_name: String,
    /// waybill / tracking number
    #[alipay(example = "TS00000001212")]
    pub invoice_no: Option<String>,
    /// POST (surface mail), EXPRESS, EMS, DIRECT (no logistics); one of two
    #[alipay(example = "EXPRESS")]
    pub transport_type: Option<TransportType>,
    /// the logistics type chosen when the trade was created; same values; one of two
    pub create_transport_type: Option<CreateTransportType>,
    /// seller's IP address
    pub seller_ip: Option<String>,
}

/// The `<tradeBase>` payload of a successful `send_goods_confirm_by_platform` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "tradeBase")]
pub struct TradeBase {
    /// `buyer_account`.
    #[alipay(example = "20884024088340430156")]
    pub buyer_account: Option<String>,
    /// `buyer_actions`.
    #[alipay(example = "[REFUND, CONFIRM_GOODS]")]
    pub buyer_actions: Option<String>,
    /// `buyer_login_email`.
    #[alipay(example = "guomingjun1990@126.com")]
    pub buyer_login_email: Option<String>,
    /// `buyer_type`.
    #[alipay(example = "PRIVATE_ACCOUNT")]
    pub buyer_type: Option<String>,
    /// `buyer_user_id`.
    #[alipay(example = "2088402408834043")]
    pub buyer_user_id: Option<String>,
    /// `channel`.
    #[alipay(example = "interface/escrow")]
    pub channel: Option<String>,
    /// `create_time`.
    #[alipay(example = "2013-10-22 18:43:17")]
    pub create_time: Option<DateTime>,
    /// `currency`.
    #[alipay(example = "156")]
    pub currency: Option<String>,
    /// `gathering_type`.
    #[alipay(example = "1")]
    pub gathering_type: Option<String>,
    /// `last_modified_time`.
    #[alipay(example = "2013-10-22 18:52:56")]
    pub last_modified_time: Option<DateTime>,
    /// `operator_role`.
    #[alipay(example = "B")]
    pub operator_role: Option<String>,
    /// `out_trade_no`.
    #[alipay(example = "61433c7e-145d-4332-bfb4-220ce29de2c3")]
    pub out_trade_no: Option<String>,
    /// `partner_id`.
    #[alipay(example = "2088701809260784")]
    pub partner_id: Option<String>,
    /// `seller_account`.
    #[alipay(example = "20887018092607840156")]
    pub seller_account: Option<String>,
    /// `seller_actions`.
    #[alipay(example = "[EXTEND_TIMEOUT]")]
    pub seller_actions: Option<String>,
    /// `seller_login_email`.
    #[alipay(example = "igrandbuy@igrandbuy.net")]
    pub seller_login_email: Option<String>,
    /// `seller_type`.
    #[alipay(example = "CORPORATE_ACCOUNT")]
    pub seller_type: Option<String>,
    /// `seller_user_id`.
    #[alipay(example = "2088701809260784")]
    pub seller_user_id: Option<String>,
    /// `service_fee`.
    #[alipay(example = "0.00")]
    pub service_fee: Option<Amount>,
    /// `service_fee_ratio`.
    #[alipay(example = "0.0")]
    pub service_fee_ratio: Option<String>,
    /// `stop_timeout`.
    #[alipay(example = "F")]
    pub stop_timeout: Option<String>,
    /// `total_fee`.
    #[alipay(example = "0.01")]
    pub total_fee: Option<Amount>,
    /// `trade_from`.
    #[alipay(example = "INST_PARTNER")]
    pub trade_from: Option<String>,
    /// `trade_no`.
    #[alipay(example = "2013102226991504")]
    pub trade_no: String,
    /// `trade_status`.
    #[alipay(example = "WAIT_BUYER_CONFIRM_GOODS")]
    pub trade_status: TradeStatus,
    /// `trade_type`.
    #[alipay(example = "S")]
    pub trade_type: Option<String>,
}

/// The error codes of `send_goods_confirm_by_platform`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("ILLEGAL_ARGUMENT", ""),
    CodeSpec::new("TRADE_NOT_EXIST", ""),
    CodeSpec::new("TRADE_STATUS_NOT_AVAILD", ""),
    CodeSpec::new("ILLEGAL_SIGN", ""),
    CodeSpec::new("RETRY", ""),
    CodeSpec::new("SYSTEM_ERROR", ""),
];
