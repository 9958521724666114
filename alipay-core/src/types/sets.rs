//! Value sets used by more than one service.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{Rule, WireValue, WireValueError};

crate::wire_enum! {
    /// 物流类型: how goods travel (`transport_type`, `create_transport_type` of
    /// `send_goods_confirm_by_platform`; also the logistics type of escrow trades).
    ///
    /// Source: docs/protocol.md, `send_goods_confirm_by_platform` request parameters.
    pub enum TransportType {
        /// `POST`: 平邮 (surface mail).
        Post = "POST",
        /// `EXPRESS`: 快递 (express delivery).
        Express = "EXPRESS",
        /// `EMS`: EMS (China Post's express mail service).
        Ems = "EMS",
        /// `DIRECT`: 无需物流 (no logistics, e.g. virtual goods).
        Direct = "DIRECT",
    }
}

/// 交易状态: the state of a trade (`trade_status` in responses, notifications and returns).
///
/// Escrow trades (担保交易) move `WAIT_BUYER_PAY` → `WAIT_SELLER_SEND_GOODS` → (shipping, via
/// `send_goods_confirm_by_platform`) → `WAIT_BUYER_CONFIRM_GOODS` → `TRADE_FINISHED`, or end in
/// `TRADE_CLOSED` (docs/protocol.md). Instant-payment trades (即时到账, `create_direct_pay_by_user`)
/// use `WAIT_BUYER_PAY`, `TRADE_SUCCESS`, `TRADE_PENDING`, `TRADE_FINISHED` and `TRADE_CLOSED`
/// (Alipay's public notification documentation for that service).
///
/// Alipay adds states over time (trade queries and cash-on-delivery trades report more), so a
/// status this crate does not know is kept as [`TradeStatus::Other`] with its wire text, never
/// refused: a merchant's code decides what an unknown state means. The wire text is upper-case
/// letters, digits and `_`; anything else is refused.
///
/// ```
/// use alipay_core::types::TradeStatus;
///
/// assert_eq!("TRADE_FINISHED".parse::<TradeStatus>().unwrap(), TradeStatus::TradeFinished);
/// let new = "TRADE_REFUND_PENDING".parse::<TradeStatus>().unwrap();
/// assert_eq!(new, TradeStatus::Other("TRADE_REFUND_PENDING".to_owned()));
/// assert!(!new.is_known());
/// assert_eq!(new.to_string(), "TRADE_REFUND_PENDING");
/// assert!("trade finished".parse::<TradeStatus>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TradeStatus {
    /// `WAIT_BUYER_PAY`: 等待买家付款 (trade created, buyer has not paid). Source: docs/protocol.md.
    WaitBuyerPay,
    /// `WAIT_SELLER_SEND_GOODS`: 买家已付款，等待卖家发货 (paid, waiting for the seller to
    /// ship). The only state in which shipping is allowed. Source: docs/protocol.md.
    WaitSellerSendGoods,
    /// `WAIT_BUYER_CONFIRM_GOODS`: 卖家已发货，等待买家确认收货 (shipped, waiting for the buyer to
    /// confirm receipt). Source: docs/protocol.md and the shipping fixture.
    WaitBuyerConfirmGoods,
    /// `TRADE_FINISHED`: 交易完成 (finished; no refund possible any more). Source: docs/protocol.md.
    TradeFinished,
    /// `TRADE_CLOSED`: 交易关闭 (closed: unpaid and timed out, cancelled, or fully refunded).
    /// Source: docs/protocol.md.
    TradeClosed,
    /// `TRADE_SUCCESS`: 交易成功 (paid; instant payment with refunds enabled, still refundable).
    /// Source: `create_direct_pay_by_user` notification documentation.
    TradeSuccess,
    /// `TRADE_PENDING`: 等待卖家收款 (paid, but the seller cannot receive yet, e.g. the seller's
    /// account is frozen). Source: `create_direct_pay_by_user` notification documentation.
    TradePending,
    /// A state this version does not know, with its wire text (never one of the known ones).
    Other(String),
}

impl TradeStatus {
    /// Every known state, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::WaitBuyerPay,
        Self::WaitSellerSendGoods,
        Self::WaitBuyerConfirmGoods,
        Self::TradeFinished,
        Self::TradeClosed,
        Self::TradeSuccess,
        Self::TradePending,
    ];

    /// The wire text of every known state, in declaration order. (Not named `VALUES`: that name
    /// marks a closed set to the derive and the spec check, and this set is open.)
    pub const KNOWN: &'static [&'static str] = &[
        "WAIT_BUYER_PAY",
        "WAIT_SELLER_SEND_GOODS",
        "WAIT_BUYER_CONFIRM_GOODS",
        "TRADE_FINISHED",
        "TRADE_CLOSED",
        "TRADE_SUCCESS",
        "TRADE_PENDING",
    ];

    /// The wire text.
    pub fn as_str(&self) -> &str {
        match self {
            Self::WaitBuyerPay => "WAIT_BUYER_PAY",
            Self::WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
            Self::WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
            Self::TradeFinished => "TRADE_FINISHED",
            Self::TradeClosed => "TRADE_CLOSED",
            Self::TradeSuccess => "TRADE_SUCCESS",
            Self::TradePending => "TRADE_PENDING",
            Self::Other(text) => text,
        }
    }

    /// The state whose wire text is `value` (exact, case-sensitive); an unknown one is
    /// [`TradeStatus::Other`]. Does not check the characters: [`WireValue::parse_wire`] does.
    pub fn from_wire(value: &str) -> Self {
        match value {
            "WAIT_BUYER_PAY" => Self::WaitBuyerPay,
            "WAIT_SELLER_SEND_GOODS" => Self::WaitSellerSendGoods,
            "WAIT_BUYER_CONFIRM_GOODS" => Self::WaitBuyerConfirmGoods,
            "TRADE_FINISHED" => Self::TradeFinished,
            "TRADE_CLOSED" => Self::TradeClosed,
            "TRADE_SUCCESS" => Self::TradeSuccess,
            "TRADE_PENDING" => Self::TradePending,
            other => Self::Other(other.to_owned()),
        }
    }

    /// Whether this version knows the state (it is not [`TradeStatus::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Other(_))
    }

    /// Whether `value` is a status's wire text; used by the derive to check a declared example at
    /// compile time.
    #[doc(hidden)]
    pub const fn __alipay_accepts(value: &str) -> bool {
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            return false;
        }
        let mut i = 0;
        while i < bytes.len() {
            if !matches!(bytes[i], b'A'..=b'Z' | b'0'..=b'9' | b'_') {
                return false;
            }
            i += 1;
        }
        true
    }

    /// What the derive's compile-time check says of an example this type refuses.
    #[doc(hidden)]
    pub const __ALIPAY_EXPECTED: &'static str = "this text is not a trade status (upper-case \
        letters, digits and `_`): write one of `WAIT_BUYER_PAY` `WAIT_SELLER_SEND_GOODS` `WAIT_BUYER_CONFIRM_GOODS` `TRADE_FINISHED` `TRADE_CLOSED` `TRADE_SUCCESS` `TRADE_PENDING` or another state Alipay reports";
}

impl WireValue for TradeStatus {
    const FORMAT: &'static str = "a trade status (upper-case letters, digits and `_`)";

    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        let refuse = |rule| WireValueError::new(Self::FORMAT, rule, s);
        if s.is_empty() {
            return Err(refuse(Rule::Empty));
        }
        if let Some((at, found)) = s
            .char_indices()
            .find(|(_, c)| !matches!(c, 'A'..='Z' | '0'..='9' | '_'))
        {
            return Err(refuse(Rule::InvalidCharacter { found, at }));
        }
        Ok(Self::from_wire(s))
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl fmt::Display for TradeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for TradeStatus {
    type Err = WireValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_wire(s)
    }
}

/// Compares the wire text: `status == "TRADE_FINISHED"`.
impl PartialEq<str> for TradeStatus {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Compares the wire text: `status == "TRADE_FINISHED"`.
impl PartialEq<&str> for TradeStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<TradeStatus> for String {
    fn from(status: TradeStatus) -> Self {
        match status {
            TradeStatus::Other(text) => text,
            known => known.as_str().to_owned(),
        }
    }
}

impl TryFrom<String> for TradeStatus {
    type Error = WireValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse_wire(&value)
    }
}
