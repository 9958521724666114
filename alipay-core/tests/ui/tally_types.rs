use alipay_core::Request;
use alipay_core::types::{Amount, Items, ListItem};

#[derive(Clone, Debug, PartialEq, Eq, alipay_core::ListItem)]
#[alipay(field_sep = '^', reserved = "^#")]
struct Line {
    trade_no: String,
    amount: Amount,
}

/// `count` states a number, `total` an amount; each names a field of the struct.
#[derive(Request)]
#[alipay(
    service = "test.tally",
    response = (),
    count(batch_fee = detail_data),
    total(batch_num = detail_data.amount),
    count(batch_num = details)
)]
struct Tally {
    batch_num: u32,
    batch_fee: Amount,
    detail_data: Items<Line, '#'>,
}

fn main() {
    let _ = <Line as ListItem>::FIELDS;
}
