//! `close_trade` (关闭交易): close a trade that has not been paid.
//!
//! Sources (facts only; see `specs/close_trade.toml` for the full list and where they disagree):
//! Alipay's 「交易关闭接口(close_trade)」 document v1.2 and its usage rules, as transcribed in the
//! public repository `venusdrogon/feilong-platform` (`framework/feilong-framework-netpay`, the
//! Alipay adaptor, its error-code enum and its result class), and the Ruby gem `chloerei/alipay`
//! (`lib/alipay/service.rb`, `doc/legacy_api.md`). Only the rows for `trade_no` and `ip` are
//! published with type, 可空 and sample; `out_order_no` and `trade_role` are known by name,
//! meaning and values only, so they have no type column and no length is enforced.
//!
//! A trade can be closed only when it is an escrow or instant-payment trade waiting for the buyer
//! to pay (`WAIT_BUYER_PAY`), or a COD trade waiting for the seller to ship. A successful answer
//! is the bare envelope (`<is_success>T</is_success>`): the service has no payload (`()`).
//!
//! Request examples: `trade_no` and `ip` are the document's samples; `out_order_no` and
//! `trade_role` have no published sample and use illustrative values.
//!
//! Repeating a close: declared `conflict = "TRADE_STATUS_NOT_AVAILD"`, not `idempotent`. Its
//! effect is the same however often it is sent (the trade ends `TRADE_CLOSED`, nothing else
//! changes), but the answer is not: a closed trade is no longer in a state the service accepts, so
//! a repeat of an applied close is refused with `TRADE_STATUS_NOT_AVAILD` (交易状态不符合) rather
//! than answered `T`. The sources do not show that answer for this exact case; it follows from the
//! state rule above and is the code they give for a refused close. With `conflict`, the client
//! repeats a close after a timeout, `RETRY` or `SYSTEM_ERROR`, and a final `TRADE_STATUS_NOT_AVAILD`
//! after such an attempt is marked "possibly applied". The code is also the answer for a trade
//! the buyer paid meanwhile, so either way: query the trade (`single_trade_query`) before acting.

use std::net::IpAddr;

use alipay_core::ErrorCode;
use alipay_core::Request;

alipay_core::wire_enum! {
    /// 交易角色 (`trade_role`): who closes the trade.
    pub enum TradeRole {
        /// `B`: 买家 (the buyer cancels).
        Buyer = "B",
        /// `S`: 卖家 (the seller cancels).
        Seller = "S",
        /// `D`: a COD (货到付款) trade that timed out, closed by the partner.
        CodTimeout = "D",
    }
}

/// The request of `close_trade`: one of the two trade numbers, optionally who closes and from
/// where.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "close_trade",
    response = (),
    method = GET,
    conflict = "TRADE_STATUS_NOT_AVAILD", // a closed trade refuses a second close (module docs)
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
    /// 商户网站唯一订单号: the merchant's order number of the trade (closing by it is slower than
    /// by trade_no, the usage rules say). trade_no和out_order_no不可同时为空。
    #[alipay(label = "商户网站唯一订单号", example = "20110317-0001")]
    pub out_order_no: Option<String>,
    /// 交易角色: B (buyer), S (seller); D with a COD trade: the partner closes it because the COD
    /// trade timed out.
    #[alipay(label = "交易角色", example = "S")]
    pub trade_role: Option<TradeRole>,
    /// 交易操作者卖家或是买家的客户端ip地址。
    #[alipay(
        label = "ip地址",
        ty = "String",
        custom = ip_address,
        example = "10.5.41.76"
    )]
    pub ip: Option<String>,
}

/// `ip` must be an IPv4 or IPv6 address.
fn ip_address(ip: &str) -> Result<(), &'static str> {
    ip.parse::<IpAddr>()
        .map(drop)
        .map_err(|_| "must be an IPv4 or IPv6 address, e.g. 10.5.41.76")
}

/// The codes of the document's error table that `ErrorCode` knows, in the table's order. The
/// table's other codes are listed in `specs/close_trade.toml` (per-service codes are future work).
pub const ERROR_CODES: &[ErrorCode] = &[
    ErrorCode::TradeStatusNotAvaild,
    ErrorCode::IllegalPartner,
    ErrorCode::IllegalSign,
    ErrorCode::IllegalArgument,
    ErrorCode::IllegalService,
    ErrorCode::TradeNotExist,
    ErrorCode::IllegalPartnerExterface,
    ErrorCode::IllegalSignType,
    ErrorCode::IllegalCharset,
    ErrorCode::HasNoPrivilege,
    ErrorCode::IllegalEncoding,
    ErrorCode::SystemError,
    ErrorCode::SessionTimeout,
];
