//! `send_goods_confirm_by_platform` (确认发货): confirm that the goods of an escrow trade shipped.
//!
//! Source: Alipay's public parameter table (lengths are unpublished, so no parameter has a maximum
//! length) and the service's usage rules (「确认发货接口 接入与使用规则」); see the repository's
//! `docs/protocol.md` and `specs/send_goods_confirm_by_platform.toml`. The response
//! fields are those of the real success response in `fixtures/send_goods_confirm_success.xml`; no
//! response table is published, so the labels are descriptive, every field but `trade_no` and
//! `trade_status` is optional, and the examples are the fixture's values.
//!
//! Request examples: `trade_no`, `logistics_name`, `invoice_no` and `transport_type` are the
//! fixture's request echo; `create_transport_type` and `seller_ip` have no published sample and use
//! illustrative values.
//!
//! A success answers `Option<TradeBase>`: `None` is the bare `<is_success>T</is_success>` success,
//! which carries no trade (see [`SendGoodsConfirm`]).
//!
//! The service is idempotent: `RETRY` and `SYSTEM_ERROR` mean "call again";
//! `TRADE_STATUS_NOT_AVAILD` means "query the trade instead of repeating the call".

use std::net::IpAddr;
use std::time::Duration;

use alipay_core::error::CodeSpec;
use alipay_core::types::{Amount, DateTime, TradeStatus, TransportType};
use alipay_core::{Request, Response};

/// The spacing the usage rules ask for between calls when shipping many trades: about 10 s. With
/// the client: `client.execute_batch(trades, BatchOptions::spaced(SHIP_INTERVAL).skip_succeeded_by("trade_no"))`.
pub const SHIP_INTERVAL: Duration = Duration::from_secs(10);

/// The request of `send_goods_confirm_by_platform`.
///
/// `client.execute(&request)` answers `Option<TradeBase>`: `Some(trade)` when Alipay's success
/// answer carries the `<tradeBase>` payload (the trade after shipping, normally
/// `WAIT_BUYER_CONFIRM_GOODS`), and `None` when the answer is the bare success envelope
/// (`<is_success>T</is_success>` and nothing else), which Alipay also sends. Both mean the
/// shipment was accepted; with `None`, query the trade (`single_trade_query`) if you need its
/// state. A refusal is never `None`: it is an `Err` with Alipay's code.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "send_goods_confirm_by_platform",
    response = Option<TradeBase>,
    method = POST,
    error_codes = ERROR_CODES,
    idempotent,
    identifies(trade_no),
    one_of(transport_type, create_transport_type)
)]
pub struct SendGoodsConfirm {
    /// 支付宝交易号: the Alipay trade number of the trade that shipped.
    #[alipay(label = "支付宝交易号", example = "2013102226991504")]
    pub trade_no: String,
    /// 物流公司名称: the carrier's name, free text, may be Chinese (e.g. 申通快递).
    #[alipay(label = "物流公司名称", example = "申通快递")]
    pub logistics_name: String,
    /// 物流发货单号: the waybill (tracking) number.
    #[alipay(label = "物流发货单号", example = "TS00000001212")]
    pub invoice_no: Option<String>,
    /// 物流运输类型: POST (surface mail), EXPRESS, EMS, DIRECT (no logistics). At least one of
    /// transport_type and create_transport_type must be set.
    #[alipay(label = "物流运输类型", example = "EXPRESS")]
    pub transport_type: Option<TransportType>,
    /// 创建交易时的物流类型: the logistics type chosen when the trade was created; same values as
    /// transport_type.
    #[alipay(label = "创建交易时的物流类型", example = "EXPRESS")]
    pub create_transport_type: Option<TransportType>,
    /// 卖家IP: the seller's IP address (IPv4 or IPv6).
    #[alipay(label = "卖家IP", custom = ip_address, example = "192.168.1.1")]
    pub seller_ip: Option<String>,
}

/// `seller_ip` must be an IPv4 or IPv6 address.
fn ip_address(ip: &str) -> Result<(), &'static str> {
    ip.parse::<IpAddr>()
        .map(drop)
        .map_err(|_| "must be an IPv4 or IPv6 address, e.g. 192.168.1.1")
}

/// The `<tradeBase>` payload of a successful response: the trade after shipping.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(element = "tradeBase")]
pub struct TradeBase {
    /// The buyer's Alipay account number.
    #[alipay(label = "买家支付宝账号", example = "20884024088340430156")]
    pub buyer_account: Option<String>,
    /// The actions the buyer may take now, e.g. `[REFUND, CONFIRM_GOODS]`.
    #[alipay(label = "买家可执行的操作", example = "[REFUND, CONFIRM_GOODS]")]
    pub buyer_actions: Option<String>,
    /// The buyer's login e-mail.
    #[alipay(label = "买家登录邮箱", example = "guomingjun1990@126.com")]
    pub buyer_login_email: Option<String>,
    /// The buyer's account type, e.g. `PRIVATE_ACCOUNT`.
    #[alipay(label = "买家账户类型", example = "PRIVATE_ACCOUNT")]
    pub buyer_type: Option<String>,
    /// The buyer's Alipay user id (16 digits, `2088…`).
    #[alipay(label = "买家支付宝用户号", example = "2088402408834043")]
    pub buyer_user_id: Option<String>,
    /// The channel the trade was created through, e.g. `interface/escrow`.
    #[alipay(label = "交易渠道", example = "interface/escrow")]
    pub channel: Option<String>,
    /// When the trade was created (Beijing time).
    #[alipay(label = "交易创建时间", example = "2013-10-22 18:43:17")]
    pub create_time: Option<DateTime>,
    /// The currency code (`156`: CNY).
    #[alipay(label = "币种", example = "156")]
    pub currency: Option<String>,
    /// The gathering type.
    #[alipay(label = "收款类型", example = "1")]
    pub gathering_type: Option<String>,
    /// When the trade last changed (Beijing time).
    #[alipay(label = "最近修改时间", example = "2013-10-22 18:52:56")]
    pub last_modified_time: Option<DateTime>,
    /// The role that performed the last operation (`B`: buyer, `S`: seller).
    #[alipay(label = "操作者角色", example = "B")]
    pub operator_role: Option<String>,
    /// The merchant's order number.
    #[alipay(
        label = "商户网站唯一订单号",
        example = "61433c7e-145d-4332-bfb4-220ce29de2c3"
    )]
    pub out_trade_no: Option<String>,
    /// The partner that created the trade.
    #[alipay(label = "合作伙伴ID", example = "2088701809260784")]
    pub partner_id: Option<String>,
    /// The seller's Alipay account number.
    #[alipay(label = "卖家支付宝账号", example = "20887018092607840156")]
    pub seller_account: Option<String>,
    /// The actions the seller may take now, e.g. `[EXTEND_TIMEOUT]`.
    #[alipay(label = "卖家可执行的操作", example = "[EXTEND_TIMEOUT]")]
    pub seller_actions: Option<String>,
    /// The seller's login e-mail.
    #[alipay(label = "卖家登录邮箱", example = "igrandbuy@igrandbuy.net")]
    pub seller_login_email: Option<String>,
    /// The seller's account type, e.g. `CORPORATE_ACCOUNT`.
    #[alipay(label = "卖家账户类型", example = "CORPORATE_ACCOUNT")]
    pub seller_type: Option<String>,
    /// The seller's Alipay user id.
    #[alipay(label = "卖家支付宝用户号", example = "2088701809260784")]
    pub seller_user_id: Option<String>,
    /// The service fee.
    #[alipay(label = "服务费", example = "0.00")]
    pub service_fee: Option<Amount>,
    /// The service fee ratio, as sent (e.g. `0.0`).
    #[alipay(label = "服务费比率", example = "0.0")]
    pub service_fee_ratio: Option<String>,
    /// Whether the timeout is stopped (`T` or `F`).
    #[alipay(label = "是否停止超时", example = "F")]
    pub stop_timeout: Option<String>,
    /// The trade's total amount.
    #[alipay(label = "交易总金额", example = "0.01")]
    pub total_fee: Option<Amount>,
    /// Where the trade came from, e.g. `INST_PARTNER`.
    #[alipay(label = "交易来源", example = "INST_PARTNER")]
    pub trade_from: Option<String>,
    /// The Alipay trade number.
    #[alipay(label = "支付宝交易号", example = "2013102226991504")]
    pub trade_no: String,
    /// The trade's state after shipping (`WAIT_BUYER_CONFIRM_GOODS`).
    #[alipay(label = "交易状态", example = "WAIT_BUYER_CONFIRM_GOODS")]
    pub trade_status: TradeStatus,
    /// The trade type code, e.g. `S`.
    #[alipay(label = "交易类型", example = "S")]
    pub trade_type: Option<String>,
}

/// The business error codes of the service (Alipay's public material), plus the retryable ones of
/// the usage rules.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("ILLEGAL_ARGUMENT", ""),
    CodeSpec::new("TRADE_NOT_EXIST", ""),
    CodeSpec::new("TRADE_STATUS_NOT_AVAILD", "")
        .meaning(
            "The trade is not waiting for the seller to ship (WAIT_SELLER_SEND_GOODS): usually \
             the merchant's system and Alipay's are out of step.",
        )
        .advice(
            "Do not call again (the usage rules: 请勿一直重复调用). Query the trade state \
             (single_trade_query); if it is not waiting for the seller to ship, contact Alipay \
             support.",
        ),
    CodeSpec::new("ILLEGAL_SIGN", ""),
    CodeSpec::new("RETRY", ""),
    CodeSpec::new("SYSTEM_ERROR", ""),
];
