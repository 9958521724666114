//! `check_notification`: a notification struct held to its spec's `[notify]` table.

use alipay_core::types::TradeStatus;
use alipay_spec::{Spec, check_notification};

/// Reads two rows of the table.
#[derive(Clone, alipay_core::Notification)]
#[alipay(kind = "notify", service = "create_partner_trade_by_buyer")]
pub struct Sync {
    /// 支付宝交易号
    #[alipay(label = "交易号", ty = "String(64)", example = "2010121502618142")]
    pub trade_no: String,
    /// 交易状态
    #[alipay(label = "交易状态")]
    pub trade_status: TradeStatus,
}

const SPEC: &str = r#"
service = "create_partner_trade_by_buyer"

[notify]
[[notify.fields]]
label = "交易号"
name = "trade_no"
type = "String(64)"
nullable = false
example = "2010121502618142"
note = "支付宝交易号"

[[notify.fields]]
label = "交易状态"
name = "trade_status"
nullable = false
values = ["WAIT_BUYER_PAY", "TRADE_FINISHED", "TRADE_CLOSED"]

[[notify.fields]]
name = "buyer_email"
nullable = false
"#;

#[test]
fn a_subset_of_the_rows_with_their_columns_matches() {
    let spec = Spec::from_toml(SPEC).unwrap();
    // buyer_email is not read: kept by the client. TradeStatus accepts more than the 3 values.
    check_notification::<Sync>(&spec).unwrap();
}

#[test]
fn a_drifted_table_fails() {
    let mut spec = Spec::from_toml(SPEC).unwrap();
    let rows = &mut spec.notify.as_mut().unwrap().fields;
    rows[0].ty = Some("String(32)".into());
    rows[1].label = Some("状态".into());
    // A state the shared TradeStatus does not name is not drift: it keeps unknown states.
    rows[1].values.push("SOMETHING_ELSE".into());
    rows.remove(0);
    let err = check_notification::<Sync>(&spec).unwrap_err();
    let places: Vec<&str> = err.list.iter().map(|m| m.place.as_str()).collect();
    assert_eq!(
        places,
        ["notify rows", "notify.trade_status.label"],
        "{err}"
    );
    spec.notify = None;
    assert!(check_notification::<Sync>(&spec).is_err());
}
