//! A discount is a negative amount (「纯担保交易接口」: "如果需要折扣，本参数为负数"; the dual demo sends
//! `-1.00`): a notification or return carrying one must read into its table, not be refused.
#![allow(clippy::unwrap_used)]

use alipay_core::Notification;
use alipay_services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyerNotify, CreatePartnerTradeByBuyerReturn,
};
use alipay_services::trade_create_by_buyer::TradeCreateByBuyerNotify;

/// The table's examples, with `discount` replaced.
fn params<N: Notification>(discount: &str) -> Vec<(String, String)> {
    N::FIELDS
        .iter()
        .filter_map(|f| {
            let value = if f.name == "discount" {
                Some(discount)
            } else {
                f.example
            }?;
            Some((f.name.to_owned(), value.to_owned()))
        })
        .collect()
}

#[test]
fn a_negative_discount_reads() {
    let n = CreatePartnerTradeByBuyerNotify::from_params(
        &params::<CreatePartnerTradeByBuyerNotify>("-1.00"),
    )
    .unwrap();
    assert_eq!(n.discount, "-1.00");
    let r = CreatePartnerTradeByBuyerReturn::from_params(
        &params::<CreatePartnerTradeByBuyerReturn>("-1.00"),
    )
    .unwrap();
    assert_eq!(r.discount, "-1.00");
    let d = TradeCreateByBuyerNotify::from_params(&params::<TradeCreateByBuyerNotify>("-0.50"))
        .unwrap();
    assert_eq!(d.discount, "-0.50");
}
