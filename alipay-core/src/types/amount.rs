//! Money: fen in memory, yuan with at most two decimals on the wire.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{Rule, WireValue, WireValueError, bad_char};

/// An amount of money in fen (分, 1/100 yuan), written on the wire in yuan with at most two
/// decimals (`goods_fee`, `flow_fee`, `total_fee`).
///
/// Parsing is strict: ASCII digits, then optionally `.` and one or two digits. `100.40`, `100`,
/// `0.01`, `11.5` are accepted; `1.005`, `-1`, `+1`, `1e3`, `.5`, `5.`, ` 1`, `１` (full-width),
/// `1,000` and the empty string are not. Leading zeros are accepted (`007.10` is 710 fen). `Display`
/// always writes two decimals (`100.40`, `11.50`, `0.01`).
///
/// ```
/// use alipay_core::types::Amount;
///
/// let fee: Amount = "100.40".parse()?;
/// assert_eq!(fee, Amount::from_fen(10040));
/// assert_eq!(fee.to_string(), "100.40");
/// assert_eq!(Amount::parse("11.5")?.to_string(), "11.50");
///
/// let err = Amount::parse("1.005").unwrap_err();
/// assert!(err.to_string().contains("at most two decimals"));
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u64);

/// The largest amount, as written on the wire.
const MAX_TEXT: &str = "184467440737095516.15";

impl Amount {
    /// Zero yuan.
    pub const ZERO: Self = Self(0);

    /// The largest amount (`u64::MAX` fen).
    pub const MAX: Self = Self(u64::MAX);

    /// An amount of `fen` fen.
    #[inline]
    pub const fn from_fen(fen: u64) -> Self {
        Self(fen)
    }

    /// An amount of whole yuan; `None` if it does not fit in `u64` fen.
    #[inline]
    pub const fn from_yuan(yuan: u64) -> Option<Self> {
        match yuan.checked_mul(100) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    /// The amount in fen.
    #[inline]
    pub const fn fen(self) -> u64 {
        self.0
    }

    /// True for zero yuan.
    #[inline]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The sum; `None` on overflow.
    #[inline]
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.0.checked_add(other.0) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    /// The difference; `None` if `other` is larger.
    #[inline]
    pub const fn checked_sub(self, other: Self) -> Option<Self> {
        match self.0.checked_sub(other.0) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    /// Parses yuan with at most two decimals (see the type's documentation for the rules).
    pub fn parse(s: &str) -> Result<Self, WireValueError> {
        parse_fen(s)
            .map(Self)
            .map_err(|rule| WireValueError::new(Self::FORMAT, rule, s))
    }
}

fn parse_fen(s: &str) -> Result<u64, Rule> {
    if s.is_empty() {
        return Err(Rule::Empty);
    }
    let mut dot = None;
    for (at, c) in s.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        if c == '.' && dot.is_none() {
            dot = Some(at);
            continue;
        }
        return Err(bad_char(c, at));
    }
    let (int, frac) = match dot {
        Some(at) => (&s[..at], &s[at + 1..]),
        None => (s, ""),
    };
    if int.is_empty() {
        return Err(Rule::MissingIntegerPart);
    }
    if dot.is_some() && frac.is_empty() {
        return Err(Rule::MissingDecimals);
    }
    let frac_fen = match frac.as_bytes() {
        [] => 0,
        [d] => u64::from(d - b'0') * 10,
        [d1, d2] => u64::from(d1 - b'0') * 10 + u64::from(d2 - b'0'),
        _ => return Err(Rule::TooManyDecimals),
    };
    int.bytes()
        .try_fold(0u64, |n, b| {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
        .and_then(|yuan| yuan.checked_mul(100)?.checked_add(frac_fen))
        .ok_or(Rule::Overflow { max: MAX_TEXT })
}

impl fmt::Display for Amount {
    /// Yuan with exactly two decimals, e.g. `100.40`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self})")
    }
}

impl FromStr for Amount {
    type Err = WireValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl WireValue for Amount {
    const KIND: super::field_kind::FieldKind = super::field_kind::FieldKind::Amount;
    const FORMAT: &'static str = "an amount in yuan with at most two decimals (e.g. 100.40)";

    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Self::parse(s)
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }

    fn write_wire(&self, out: &mut String) {
        use fmt::Write as _;
        let _ = write!(out, "{self}");
    }

    /// Digits of the yuan, a point and two decimals.
    fn wire_chars(&self) -> usize {
        super::decimal_digits(self.fen() / 100) + 3
    }
}
