//! Milliseconds since the Unix epoch.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

use super::{WireValue, WireValueError, parse_digits};

/// A point in time as milliseconds since the Unix epoch (1970-01-01T00:00:00Z), e.g.
/// `1309437333420` (the `timestamp` parameter of `sns.create.goods.ws`: 13 digits for any date
/// between 2001 and 2286).
///
/// Parsing accepts ASCII digits only: no sign, no `+`, no spaces, no decimal point; leading zeros
/// are accepted and not written back. Times before the epoch cannot be represented.
///
/// ```
/// use alipay_core::types::TimestampMillis;
///
/// let t: TimestampMillis = "1309437333420".parse()?;
/// assert_eq!(t.millis(), 1_309_437_333_420);
/// assert_eq!(t.to_string(), "1309437333420");
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimestampMillis(u64);

impl TimestampMillis {
    /// The Unix epoch.
    pub const EPOCH: Self = Self(0);

    /// `millis` milliseconds after the Unix epoch.
    #[inline]
    pub const fn from_millis(millis: u64) -> Self {
        Self(millis)
    }

    /// Milliseconds since the Unix epoch.
    #[inline]
    pub const fn millis(self) -> u64 {
        self.0
    }

    /// The current time (the epoch if the system clock is set before 1970).
    pub fn now() -> Self {
        Self::from_system_time(SystemTime::now()).unwrap_or(Self::EPOCH)
    }

    /// Parses ASCII digits.
    pub fn parse(s: &str) -> Result<Self, WireValueError> {
        parse_digits(s, Self::FORMAT, u64::MAX, "18446744073709551615").map(Self)
    }

    /// `time`, truncated to the millisecond; `None` before the epoch or beyond `u64` milliseconds.
    pub fn from_system_time(time: SystemTime) -> Option<Self> {
        let since = time.duration_since(UNIX_EPOCH).ok()?;
        u64::try_from(since.as_millis()).ok().map(Self)
    }

    /// The same instant as a `SystemTime`; `None` if the platform cannot represent it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        UNIX_EPOCH.checked_add(Duration::from_millis(self.0))
    }

    /// `time`, truncated to the millisecond; `None` before the epoch.
    pub fn from_offset_date_time(time: OffsetDateTime) -> Option<Self> {
        let millis = time.unix_timestamp_nanos().div_euclid(1_000_000);
        u64::try_from(millis).ok().map(Self)
    }

    /// The same instant in UTC; `None` past the year 9999.
    pub fn to_offset_date_time(self) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000).ok()
    }
}

impl fmt::Display for TimestampMillis {
    /// The milliseconds in decimal, without leading zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for TimestampMillis {
    type Err = WireValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl WireValue for TimestampMillis {
    const FORMAT: &'static str =
        "milliseconds since the Unix epoch in ASCII digits (e.g. 1309437333420)";

    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Self::parse(s)
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }

    fn write_wire(&self, out: &mut String) {
        use fmt::Write as _;
        let _ = write!(out, "{}", self.0);
    }

    fn wire_chars(&self) -> usize {
        super::decimal_digits(self.0)
    }
}
