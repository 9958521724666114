//! Rules several services' tables share.

use alipay_core::service::Violation;
use alipay_core::types::{Amount, DateTime};

/// Whether `s` is a real date written `yyyyMMdd` (a batch number's date, a payout's `pay_date`).
pub(crate) fn is_yyyymmdd(s: &str) -> bool {
    s.len() == 8
        && s.bytes().all(|b| b.is_ascii_digit())
        && DateTime::parse(&format!("{}-{}-{} 00:00:00", &s[..4], &s[4..6], &s[6..])).is_ok()
}

/// An amount in `[0.01, max_fen / 100]`: the ranges the tables give (`取值范围[0.01,100000000]`).
fn within(amount: &Amount, max_fen: u64, range: &'static str) -> Result<(), &'static str> {
    if (1..=max_fen).contains(&amount.fen()) {
        Ok(())
    } else {
        Err(range)
    }
}

/// A face-to-face order's amount: 取值范围[0.01,100000000].
pub(crate) fn order_amount(amount: &Amount) -> Result<(), &'static str> {
    within(amount, 10_000_000_000, "must be from 0.01 to 100000000.00")
}

/// A cross-border amount: 范围是0.01~1000000.00.
pub(crate) fn forex_amount(amount: &Amount) -> Result<(), &'static str> {
    within(amount, 100_000_000, "must be from 0.01 to 1000000.00")
}

/// Each item's amount (`amount(item)`) of list `list` is more than zero: a refund or a payment of
/// nothing is refused (`detail_data[2].amount`).
pub(crate) fn items_pay_something<T>(
    list: &str,
    items: &[T],
    amount: impl Fn(&T) -> Amount,
) -> Result<(), Violation> {
    match items.iter().position(|item| amount(item).fen() == 0) {
        None => Ok(()),
        Some(i) => Err(Violation::custom(
            format!("{list}[{i}].amount"),
            "must be more than 0.00",
            Some(amount(&items[i]).to_string()),
        )),
    }
}

/// At most one of two alternative parameters is set (`rmb_fee和total_fee不能同时使用`).
pub(crate) fn not_both<A, B>(
    a: (&'static str, &Option<A>),
    b: (&'static str, &Option<B>),
) -> Result<(), Violation> {
    if a.1.is_some() && b.1.is_some() {
        return Err(Violation::custom(
            b.0,
            format!("cannot be given together with {}: give one of them", a.0),
            None,
        ));
    }
    Ok(())
}
