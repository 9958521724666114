//! `Serialize` (feature `serde`): every wire value as its wire text — an amount as `"100.40"`
//! (never a float), a time as Beijing text, a trade status as its name — so a JSON report says
//! exactly what the wire said.

use serde::{Serialize, Serializer};

use super::{
    Amount, CompactTime, DateTime, HttpUrl, Partner, TimestampMillis, TradeStatus, WireValue,
};
use crate::error::{ErrorCode, ErrorKind};

macro_rules! as_wire_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&WireValue::to_wire(self))
            }
        }
    )+};
}

as_wire_text!(
    Amount,
    CompactTime,
    DateTime,
    HttpUrl,
    Partner,
    TimestampMillis,
    TradeStatus
);

/// A list-valued parameter as its wire text (`trade_no^amount^reason#…`).
impl<T: super::ListItem, const SEP: char> Serialize for super::Items<T, SEP> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&WireValue::to_wire(self))
    }
}

/// The code as Alipay writes it (`TRADE_STATUS_NOT_AVAILD`, or an unknown code verbatim).
impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `retry`, `query_trade_state`, `caller`, `configuration` or `unknown`.
impl Serialize for ErrorKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
