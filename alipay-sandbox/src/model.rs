//! The sandbox's records as the admin handle shows them: trades, received requests, notification
//! deliveries.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use alipay_core::types::{Amount, DateTime, TradeStatus, TransportType};

use crate::SandboxError;

/// The kind of a trade, which decides whether `send_goods_confirm_by_platform` may ship it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TradeKind {
    /// 担保交易 (escrow): shipped by the seller, confirmed by the buyer.
    #[default]
    Escrow,
    /// 货到付款 (cash on delivery): shipped like an escrow trade.
    Cod,
    /// 即时到账 (instant payment): nothing to ship; shipping is refused.
    Instant,
    /// 标准双接口 (`trade_create_by_buyer`), not paid yet: the buyer chooses at the cashier, and
    /// paying makes it [`Escrow`](Self::Escrow) or [`Instant`](Self::Instant).
    Dual,
    /// 境外收单 (`create_forex_trade`): priced in a foreign currency, `TRADE_FINISHED` once paid,
    /// refunded with `forex_refund`.
    Forex,
}

impl TradeKind {
    /// `escrow`, `cod`, `instant`, `dual` or `forex` (the admin API's spelling).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Escrow => "escrow",
            Self::Cod => "cod",
            Self::Instant => "instant",
            Self::Dual => "dual",
            Self::Forex => "forex",
        }
    }
}

impl fmt::Display for TradeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TradeKind {
    type Err = SandboxError;

    /// `escrow`, `cod`, `instant`, `dual` or `forex`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "escrow" => Ok(Self::Escrow),
            "cod" => Ok(Self::Cod),
            "instant" => Ok(Self::Instant),
            "dual" => Ok(Self::Dual),
            "forex" => Ok(Self::Forex),
            other => Err(SandboxError::Invalid(format!(
                "trade kind {other:?} is not escrow, cod, instant, dual or forex"
            ))),
        }
    }
}

/// A trade to create with [`Admin::create_trade`](crate::Admin::create_trade).
///
/// ```
/// use alipay_sandbox::{Amount, NewTrade, TradeKind, TradeStatus};
///
/// let trade = NewTrade {
///     partner: "2088000000000001".into(),
///     out_trade_no: "order-1".into(),
///     total_fee: Amount::from_fen(1),
///     kind: TradeKind::Cod,
///     ..NewTrade::default()
/// };
/// assert_eq!(trade.status, TradeStatus::WaitSellerSendGoods);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTrade {
    /// The partner (seller) the trade belongs to: only it may ship the trade.
    pub partner: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// The amount.
    pub total_fee: Amount,
    /// Escrow, COD or instant payment.
    pub kind: TradeKind,
    /// The starting state (default `WAIT_SELLER_SEND_GOODS`: paid, waiting to be shipped).
    pub status: TradeStatus,
    /// Where status changes are notified (no notification when `None`).
    pub notify_url: Option<String>,
    /// The Alipay trade number; generated (16 digits, date-based, like `2013102226991504`) when
    /// `None`.
    pub trade_no: Option<String>,
}

impl Default for NewTrade {
    fn default() -> Self {
        Self {
            partner: String::new(),
            out_trade_no: String::new(),
            total_fee: Amount::ZERO,
            kind: TradeKind::Escrow,
            status: TradeStatus::WaitSellerSendGoods,
            notify_url: None,
            trade_no: None,
        }
    }
}

/// A trade paid by [`Admin::pay`](crate::Admin::pay): the trade, and where the buyer's browser
/// would go next.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Payment {
    /// The trade, paid.
    pub trade: SandboxTrade,
    /// The page request's `return_url` with the signed return parameters appended (what the
    /// cashier redirects the browser to), when the order gave a `return_url`.
    pub return_url: Option<String>,
}

/// A trade in the sandbox: its record, what [`crate::Admin`] creates and reads.
///
/// Named apart from the catalog's `single_trade_query::Trade`, which is the `<trade>` payload a
/// merchant's query receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxTrade {
    /// The Alipay trade number (16 digits).
    pub trade_no: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// The partner (seller) the trade belongs to.
    pub partner: String,
    /// The amount.
    pub total_fee: Amount,
    /// Escrow, COD or instant payment.
    pub kind: TradeKind,
    /// The current state.
    pub status: TradeStatus,
    /// Where status changes are notified.
    pub notify_url: Option<String>,
    /// The buyer's (generated) Alipay user id.
    pub buyer_user_id: String,
    /// When the trade was created (Beijing time).
    pub create_time: DateTime,
    /// When the trade last changed (Beijing time).
    pub last_modified_time: DateTime,
    /// The shipment, once `send_goods_confirm_by_platform` shipped the trade.
    pub shipment: Option<Shipment>,
}

/// What `send_goods_confirm_by_platform` recorded about a shipment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shipment {
    /// The carrier's name (`logistics_name`).
    pub logistics_name: String,
    /// The waybill number (`invoice_no`).
    pub invoice_no: Option<String>,
    /// `transport_type`, else `create_transport_type`.
    pub transport_type: Option<TransportType>,
    /// When the trade was shipped (Beijing time).
    pub time: DateTime,
}

/// One request the gateway received, and what it answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedRequest {
    /// When it arrived.
    pub time: SystemTime,
    /// `GET`, `POST`, …
    pub method: String,
    /// The `service` parameter, when there was exactly one.
    pub service: Option<String>,
    /// The parameters (query, then body), decoded in the request's charset (as UTF-8 with
    /// replacement characters when they do not decode). Values of parameters a service declares
    /// secret (the SNS user `key`) are `<secret>`; names and values are cut to 1024 bytes (at a
    /// character boundary, then `…`) and the list to 128 parameters.
    pub params: Vec<(String, String)>,
    /// The string the signature was checked against, when the check was reached (secret values
    /// shown as `<secret>`).
    pub signing_string: Option<String>,
    /// Why the request was refused, when the gateway can say more than the code: the broken rules
    /// of `ILLEGAL_ARGUMENT` (secret values hidden), a missing DSA key, an injected fault.
    pub detail: Option<String>,
    /// The answer: `T`, an error code (`ILLEGAL_SIGN`, `RETRY`, …), `true`/`false`/`invalid` for
    /// `notify_verify`, `HTTP 413` and the like for refused HTTP requests, or `DROPPED` when the
    /// connection was closed without an answer.
    pub answer: String,
}

impl ReceivedRequest {
    /// The bytes of text it holds (what the request log's bound counts).
    pub fn text_bytes(&self) -> usize {
        self.method.len()
            + self.service.as_ref().map_or(0, String::len)
            + self
                .params
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>()
            + self.signing_string.as_ref().map_or(0, String::len)
            + self.detail.as_ref().map_or(0, String::len)
            + self.answer.len()
    }
}

/// One delivery attempt of an asynchronous notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentNotification {
    /// The trade the notification is about.
    pub trade_no: String,
    /// The partner it was sent for.
    pub partner: String,
    /// Where it was POSTed.
    pub notify_url: String,
    /// This delivery's `notify_id` (each delivery has its own).
    pub notify_id: String,
    /// The delivery's number, from 1 (at most 8).
    pub attempt: u32,
    /// When the delivery started.
    pub time: SystemTime,
    /// Every parameter sent, `sign` and `sign_type` included.
    pub params: Vec<(String, String)>,
    /// The HTTP status of the merchant's answer, when one came.
    pub status: Option<u16>,
    /// The merchant's answer body (cut to 1024 bytes, as UTF-8 with replacement characters).
    pub answer: Option<String>,
    /// Why no answer came (connection refused, timeout, …).
    pub error: Option<String>,
    /// True when the answer was HTTP 200 with the body exactly `success`: no more deliveries.
    pub acknowledged: bool,
}
