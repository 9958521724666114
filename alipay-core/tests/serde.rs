//! Feature `serde`: wire values serialize as their wire text.
#![allow(clippy::unwrap_used)]

use alipay_core::ErrorCode;
use alipay_core::error::ErrorKind;
use alipay_core::types::{Amount, DateTime, Partner, TradeStatus, TransportType};

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn wire_values_are_their_wire_text() {
    assert_eq!(json(&"100.40".parse::<Amount>().unwrap()), r#""100.40""#);
    assert_eq!(json(&"0.01".parse::<Amount>().unwrap()), r#""0.01""#);
    assert_eq!(
        json(&"2009-08-12 11:08:32".parse::<DateTime>().unwrap()),
        r#""2009-08-12 11:08:32""#
    );
    assert_eq!(
        json(&"2088002464631181".parse::<Partner>().unwrap()),
        r#""2088002464631181""#
    );
    assert_eq!(json(&TradeStatus::TradeFinished), r#""TRADE_FINISHED""#);
    assert_eq!(json(&TradeStatus::Other("TRADE_X".into())), r#""TRADE_X""#);
    // A `wire_enum!` type, through the hook the macro expands to.
    assert_eq!(json(&TransportType::Express), r#""EXPRESS""#);
    assert_eq!(
        json(&"TRADE_STATUS_NOT_AVAILD".parse::<ErrorCode>().unwrap()),
        r#""TRADE_STATUS_NOT_AVAILD""#
    );
    assert_eq!(json(&ErrorKind::QueryTradeState), r#""query_trade_state""#);
}
