use std::borrow::Cow;

use alipay_core::Request;
use alipay_core::types::{WireValue, WireValueError};

/// A hand-written wire type: only `__alipay_accepts` is required for compile-time examples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colour(String);

impl Colour {
    #[doc(hidden)]
    pub const fn __alipay_accepts(s: &str) -> bool {
        matches!(s.as_bytes(), b"red" | b"blue")
    }
}

impl WireValue for Colour {
    const FORMAT: &'static str = "red or blue";
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Ok(Self(s.to_owned()))
    }
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Paint {
    /// The colour.
    #[alipay(example = "green")]
    pub colour: Colour,
}

fn main() {}
