use alipay_core::ListItem;
use alipay_core::types::Amount;

/// No field separator.
#[derive(ListItem)]
struct NoSeparator {
    trade_no: String,
}

/// A required field after an optional one.
#[derive(ListItem)]
#[alipay(field_sep = '^')]
struct RequiredAfterOptional {
    trade_no: String,
    fee: Option<Amount>,
    reason: String,
}

/// A letter as the separator.
#[derive(ListItem)]
#[alipay(field_sep = 'x', reserved = "#")]
struct LetterSeparator {
    trade_no: String,
}

fn main() {}
