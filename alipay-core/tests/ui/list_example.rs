use std::borrow::Cow;

use alipay_core::Request;
use alipay_core::types::{Amount, FieldKind, Items, ListItem, WireValue, WireValueError};

/// A refund line: trade_no^amount^reason.
#[derive(Debug)]
pub struct Line {
    trade_no: String,
    amount: Amount,
    reason: String,
}

impl ListItem for Line {
    const FIELDS: &'static [&'static str] = &["trade_no", "amount", "reason"];
    const KINDS: &'static [FieldKind] = &[FieldKind::Text, FieldKind::Amount, FieldKind::Text];
    const FIELD_SEP: char = '^';
    const RESERVED: &'static str = "^|$#";
    const FORMAT: &'static str = "trade_no^amount^reason";
    fn from_fields(f: &[&str]) -> Result<Self, (usize, WireValueError)> {
        Ok(Self {
            trade_no: f[0].to_owned(),
            amount: Amount::parse_wire(f[1]).map_err(|e| (1, e))?,
            reason: f[2].to_owned(),
        })
    }
    fn field_texts(&self) -> Vec<Cow<'_, str>> {
        vec![self.trade_no.as_str().into(), self.amount.to_wire(), self.reason.as_str().into()]
    }
}

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Refund {
    /// An amount with three decimals in the second item.
    #[alipay(example = "2011011201037066^5.00^a#2011011201037067^1.005^b")]
    pub detail_data: Items<Line, '#'>,
    /// A reserved character in a reason.
    #[alipay(example = "2011011201037066^5.00^a$b")]
    pub other_data: Items<Line, '#'>,
    /// A missing field.
    #[alipay(example = "2011011201037066^5.00")]
    pub short_data: Items<Line, '#'>,
}

fn main() {}
