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

/// The fen of a wire amount, or `None` where [`parse_fen`] gives an error: the same rules in a
/// `const fn`, for checks at compile time (a list item's example, [`ListItem::KINDS`](super::ListItem::KINDS)).
pub(crate) const fn fen_of(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut yuan: u64 = 0;
    let mut frac: u64 = 0;
    let mut int_digits = 0;
    let mut frac_digits = 0;
    let mut dot = false;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'.' {
            if dot {
                return None;
            }
            dot = true;
        } else if b.is_ascii_digit() {
            let d = (b - b'0') as u64;
            if dot {
                frac_digits += 1;
                if frac_digits > 2 {
                    return None;
                }
                frac = frac * 10 + d;
            } else {
                int_digits += 1;
                yuan = match yuan.checked_mul(10) {
                    Some(n) => match n.checked_add(d) {
                        Some(n) => n,
                        None => return None,
                    },
                    None => return None,
                };
            }
        } else {
            return None;
        }
        i += 1;
    }
    if int_digits == 0 || (dot && frac_digits == 0) {
        return None;
    }
    if frac_digits == 1 {
        frac *= 10;
    }
    match yuan.checked_mul(100) {
        Some(n) => n.checked_add(frac),
        None => None,
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
    const KIND: super::FieldKind = super::FieldKind::Amount;
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
