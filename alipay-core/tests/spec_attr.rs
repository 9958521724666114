//! `#[alipay(spec = "…")]`: a request held to its spec file while compiling, its error table read
//! from the file. (Mismatches are compile errors: tests/ui/spec_drift.rs.)

use alipay_core::error::{ErrorCode, ErrorKind};
use alipay_core::service::Request as _;

/// close_trade, held to tests/fixtures/specs/close.toml.
#[derive(Clone, alipay_core::Request)]
#[alipay(
    service = "close_trade",
    response = (),
    method = GET,
    spec = "tests/fixtures/specs/close.toml",
    one_of(trade_no, out_order_no)
)]
pub struct Close {
    /// 支付宝交易号。
    #[alipay(
        label = "支付宝交易号",
        ty = "String(64)",
        example = "2011031700597827"
    )]
    pub trade_no: Option<String>,
    /// The merchant's order number.
    pub out_order_no: Option<String>,
}

#[test]
fn the_error_table_comes_from_the_spec() {
    let codes = Close::ERROR_CODES;
    assert_eq!(codes.len(), 2);
    let status = ErrorCode::from_code("TRADE_STATUS_NOT_AVAILD");
    let described = status.described_by(codes);
    assert_eq!(described.text(), "交易状态不符合");
    assert_eq!(described.advice(), "Query the trade before anything else.");
    assert_eq!(described.kind(), ErrorKind::QueryTradeState);
    let ip = ErrorCode::from_code("ILLEGAL_CLIENT_IP");
    assert_eq!(ip.described_by(codes).kind(), ErrorKind::Configuration);
    // No meaning given for a code the shared table does not know: its text.
    assert_eq!(ip.described_by(codes).meaning(), "客户端IP地址无权访问服务");
}

/// The same table, written once: the fields take their columns from the spec.
#[derive(Clone, alipay_core::Request)]
#[alipay(
    service = "close_trade",
    response = (),
    spec = "tests/fixtures/specs/close.toml",
    one_of(trade_no, out_order_no)
)]
#[allow(missing_docs)]
pub struct Bare {
    pub trade_no: Option<String>,
    pub out_order_no: Option<String>,
}

#[test]
fn a_field_takes_its_columns_from_the_spec() {
    let row = &Bare::PARAMS[0];
    assert_eq!(row.label, "支付宝交易号");
    assert_eq!(row.ty, "String(64)");
    assert_eq!(row.max_len, Some(64));
    assert_eq!(row.example, Some("2011031700597827"));
    assert_eq!(row.note, "支付宝交易号。");
    assert_eq!(Bare::PARAMS[0], Close::PARAMS[0]);
    // The length from the spec is enforced.
    let long = Bare {
        trade_no: Some("1".repeat(65)),
        out_order_no: None,
    };
    assert!(long.validate().is_err());
}

/// A notification table held to the spec's `[notify]` table, its columns taken from it.
#[derive(Clone, alipay_core::Notification)]
#[alipay(kind = "notify", spec = "tests/fixtures/specs/close.toml")]
#[allow(missing_docs)]
pub struct Closed {
    pub trade_no: String,
    pub trade_status: alipay_core::types::TradeStatus,
}

#[test]
fn a_notification_takes_its_columns_from_the_spec() {
    use alipay_core::service::Notification as _;
    assert_eq!(Closed::SERVICE, "close_trade");
    assert_eq!(Closed::FIELDS[0].label, "交易号");
    assert_eq!(Closed::FIELDS[0].max_len, Some(64));
    assert_eq!(Closed::FIELDS[1].example, Some("TRADE_CLOSED"));
    let n = Closed::from_params(&[("trade_no", "1"), ("trade_status", "TRADE_CLOSED")]).unwrap();
    assert_eq!(n.trade_no, "1");
    assert!(Closed::from_params(&[("trade_no", "1".repeat(65).as_str())]).is_err());
}
