//! The amounts the tables bound: a batch item of nothing, a face-to-face order outside
//! `[0.01, 100000000]`, a cross-border price outside `0.01~1000000.00` or given in both currencies
//! are refused, each naming the parameter (and the item).

use alipay_core::service::{Request as _, ValidationErrors};
use alipay_services::alipay_acquire_createandpay::AcquireCreateAndPay;
use alipay_services::batch_trans_notify::BatchTransNotify;
use alipay_services::create_forex_trade::CreateForexTrade;
use alipay_services::refund_fastpay_by_platform_nopwd::RefundFastpayByPlatformNopwd;

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The violations' parameters and messages, one line each.
fn refused(e: ValidationErrors) -> String {
    e.violations()
        .iter()
        .map(|v| format!("{}: {}", v.param, v.rule))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_batch_item_must_move_money() {
    let payout = |detail: &str, fee: &str| {
        BatchTransNotify::from_params(&params(&[
            ("account_name", "沙箱商户"),
            ("email", "payer@shop.example"),
            ("batch_no", "202612050001"),
            ("batch_num", "2"),
            ("batch_fee", fee),
            ("pay_date", "20261205"),
            ("detail_data", detail),
        ]))
    };
    assert!(payout("1^a@b.cn^张三^1.00^r|2^c@d.cn^李四^2.00^r", "3.00").is_ok());
    let e = refused(payout("1^a@b.cn^张三^1.00^r|2^c@d.cn^李四^0.00^r", "1.00").unwrap_err());
    assert!(
        e.contains("detail_data[1].amount: must be more than 0.00"),
        "{e}"
    );

    let refund = |detail: &str| {
        RefundFastpayByPlatformNopwd::from_params(&params(&[
            ("batch_no", "202612050001"),
            ("batch_num", "1"),
            ("refund_date", "2026-12-05 10:00:00"),
            ("detail_data", detail),
        ]))
    };
    assert!(refund("2026120521001004000000000001^0.01^退货").is_ok());
    let e = refused(refund("2026120521001004000000000001^0.00^退货").unwrap_err());
    assert!(
        e.contains("detail_data[0].amount: must be more than 0.00"),
        "{e}"
    );
}

#[test]
fn a_face_to_face_order_is_between_a_fen_and_a_hundred_million() {
    let order = |fee: &str| {
        AcquireCreateAndPay::from_params(&params(&[
            ("out_trade_no", "F2F-1"),
            ("subject", "当面付"),
            ("product_code", "BARCODE_PAY_OFFLINE"),
            ("total_fee", fee),
            ("dynamic_id_type", "bar_code"),
            ("dynamic_id", "286412345678901234"),
        ]))
    };
    assert!(order("0.01").is_ok());
    assert!(order("100000000.00").is_ok());
    for fee in ["0.00", "100000000.01"] {
        let e = refused(order(fee).unwrap_err());
        assert!(
            e.contains("total_fee: must be from 0.01 to 100000000.00"),
            "{fee}: {e}"
        );
    }
}

#[test]
fn a_cross_border_price_is_in_range_and_in_one_currency() {
    let trade = |prices: &[(&str, &str)]| {
        let mut pairs = vec![
            ("out_trade_no", "FX-1"),
            ("subject", "forex"),
            ("currency", "USD"),
        ];
        pairs.extend_from_slice(prices);
        CreateForexTrade::from_params(&params(&pairs))
    };
    assert!(trade(&[("total_fee", "1000000.00")]).is_ok());
    assert!(trade(&[("rmb_fee", "0.01")]).is_ok());
    let e = refused(trade(&[("total_fee", "1000000.01")]).unwrap_err());
    assert!(
        e.contains("total_fee: must be from 0.01 to 1000000.00"),
        "{e}"
    );
    let e = refused(trade(&[("rmb_fee", "0.00")]).unwrap_err());
    assert!(
        e.contains("rmb_fee: must be from 0.01 to 1000000.00"),
        "{e}"
    );
    let e = refused(trade(&[("total_fee", "1.00"), ("rmb_fee", "7.10")]).unwrap_err());
    assert!(
        e.contains("rmb_fee: cannot be given together with total_fee"),
        "{e}"
    );
}
