//! The partner id (`partner`, 合作伙伴ID): 16 digits starting with `2088`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{Rule, WireValue, WireValueError};

/// A partner id (合作者身份 ID): exactly 16 ASCII digits, starting with `2088`.
///
/// Parsed once, with the rest of the configuration; every request then carries it as `partner`.
///
/// ```
/// use alipay_core::types::Partner;
/// let p: Partner = "2088002464631181".parse()?;
/// assert_eq!(p.as_str(), "2088002464631181");
/// assert!("2088".parse::<Partner>().is_err());
/// assert!(" 2088002464631181".parse::<Partner>().is_err());
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Partner(String);

impl Partner {
    /// Checks and wraps a partner id.
    pub fn new(id: impl Into<String>) -> Result<Self, WireValueError> {
        let id = id.into();
        let rule = if id.is_empty() {
            Some(Rule::Empty)
        } else if let Some((at, found)) = id.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some(Rule::InvalidCharacter { found, at })
        } else if id.len() != 16 {
            Some(Rule::Length {
                expected: 16,
                found: id.len(),
            })
        } else if !id.starts_with("2088") {
            Some(Rule::Other("a partner id starts with 2088"))
        } else {
            None
        };
        match rule {
            Some(rule) => Err(WireValueError::new(Self::FORMAT, rule, id)),
            None => Ok(Self(id)),
        }
    }

    /// The id as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl WireValue for Partner {
    const FORMAT: &'static str = "a partner id (16 digits starting with 2088)";

    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Self::new(s)
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

impl FromStr for Partner {
    type Err = WireValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl fmt::Display for Partner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Partner {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
