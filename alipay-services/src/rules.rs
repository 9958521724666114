//! Rules several services' tables share.

use alipay_core::types::DateTime;

/// Whether `s` is a real date written `yyyyMMdd` (a batch number's date, a payout's `pay_date`).
pub(crate) fn is_yyyymmdd(s: &str) -> bool {
    s.len() == 8
        && s.bytes().all(|b| b.is_ascii_digit())
        && DateTime::parse(&format!("{}-{}-{} 00:00:00", &s[..4], &s[4..6], &s[6..])).is_ok()
}
