//! Feature `serde`: a notification table (its wire values included) as JSON, each value as the
//! wire wrote it.
#![allow(clippy::unwrap_used)]

use alipay_core::service::Notification as _;
use alipay_services::create_direct_pay_by_user::CreateDirectPayByUserNotify;

#[test]
fn a_notification_serializes_with_its_wire_text() {
    let n = CreateDirectPayByUserNotify::from_params(&[
        ("notify_time", "2009-08-12 11:08:32"),
        ("notify_type", "trade_status_sync"),
        ("notify_id", "RqPnCoPT3K9/vwbh3I+ODmZS"),
        ("out_trade_no", "3618810634349901"),
        ("trade_no", "2009081234567890"),
        ("trade_status", "TRADE_REFUND_PENDING"),
        ("total_fee", "100.40"),
        ("sign_type", "MD5"),
        ("sign", "x"),
    ])
    .unwrap();
    let json = serde_json::to_value(&n).unwrap();
    assert_eq!(json["notify_time"], "2009-08-12 11:08:32");
    assert_eq!(
        json["total_fee"], "100.40",
        "an amount is text, never a float"
    );
    assert_eq!(
        json["trade_status"], "TRADE_REFUND_PENDING",
        "an unknown state as received"
    );
    assert_eq!(json["trade_no"], "2009081234567890");
    assert_eq!(json["subject"], serde_json::Value::Null);
}
