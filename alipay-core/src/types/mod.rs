//! Typed wire values: the column formats of the spec tables.
//!
//! Every parameter and response field travels as text. [`WireValue`] is the bridge between that
//! text and a Rust type: [`WireValue::parse_wire`] checks the text strictly (never trims) and
//! [`WireValue::to_wire`] writes it back. It is implemented for
//!
//! | type | wire format | example |
//! |---|---|---|
//! | [`String`] | any text | `二手围巾` |
//! | [`u32`], [`u64`] | ASCII digits | `100` |
//! | [`Amount`] | yuan, at most two decimals (held in fen) | `100.40` |
//! | [`CompactTime`] | Beijing time, `yyyyMMddHHmmss` | `20110707203533` |
//! | [`DateTime`] | Beijing time, `yyyy-MM-dd HH:mm:ss` | `2013-10-22 18:43:17` |
//! | [`TimestampMillis`] | milliseconds since the Unix epoch | `1309437333420` |
//! | [`HttpUrl`] | absolute `http://` or `https://` URL | `http://www.test.com/notify` |
//! | enums declared with [`wire_enum!`](crate::wire_enum) | one of a closed set | `EXPRESS` |
//! | [`Items`] of a [`ListItem`] | items of fields, with the service's separators | `2011011201037066^5.00^协商退款#…` |
//!
//! Length limits (`String(12)` …) belong to the column, not the type; the caller checks them against
//! the wire text.
//!
//! Closed value sets are enums declared with [`wire_enum!`](crate::wire_enum); the protocol-wide ones
//! are here: [`TransportType`] and [`TradeStatus`].
//!
//! ```
//! use alipay_core::types::{Amount, TransportType, WireValue};
//!
//! let fee: Amount = "100.40".parse()?;
//! assert_eq!(fee.fen(), 10040);
//! assert_eq!(fee.to_wire(), "100.40");
//! assert_eq!(TransportType::parse_wire("EXPRESS")?, TransportType::Express);
//! # Ok::<(), alipay_core::types::WireValueError>(())
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

mod amount;
mod beijing;
mod field_kind;
mod items;
#[cfg(feature = "json")]
mod json;
mod partner;
mod records;
#[cfg(feature = "serde")]
mod serde_impls;
mod sets;
mod timestamp;
mod url;
mod wire_error;

/// The derive of [`ListItem`] (see [`alipay_derive::ListItem`]).
pub use alipay_derive::ListItem;
pub use amount::Amount;
pub use beijing::{BEIJING, CompactTime, DateTime};
pub use field_kind::FieldKind;
pub use items::{Fields, Items, ListItem};
#[cfg(feature = "json")]
pub use json::Json;
pub use partner::Partner;
pub use records::{RecordTable, Records};
pub use sets::{TradeStatus, TransportType};
pub use timestamp::TimestampMillis;
pub use url::HttpUrl;
pub use wire_error::{ItemPath, JsonPath, Rule, WireValueError};

/// A value that travels as text in a request parameter or a response field.
///
/// Implementations are strict: [`parse_wire`](WireValue::parse_wire) never trims, and rejects
/// anything outside the documented format with a [`WireValueError`] naming the rule and keeping the
/// text. The empty string means "not set" on the wire; the caller handles it before parsing (types
/// other than `String` reject it with [`Rule::Empty`]).
///
/// Writing is infallible. [`to_wire`](WireValue::to_wire) borrows when the value already holds its
/// text (`String`, [`HttpUrl`], enums), so building a signing string costs no copies;
/// [`write_wire`](WireValue::write_wire) appends to a buffer without an intermediate `String`.
pub trait WireValue: Sized {
    /// The format in words, for error messages; it follows "is not", e.g.
    /// `"an amount in yuan with at most two decimals (e.g. 100.40)"`.
    const FORMAT: &'static str;

    /// What the value is as a field of a list item ([`ListItem::KINDS`]), for the compile-time
    /// check of a list's `example`: [`FieldKind::Text`] (any text; the type's own rules are
    /// checked when the value is read) unless the type's rule is one the check knows.
    const KIND: FieldKind = FieldKind::Text;

    /// For a type whose wire text is markup, repeated child records ([`Records`]), their declared
    /// table; `None`, the default, for text. The envelope writes and signs such a field as XML
    /// (see [`crate::xml::response_signed_params`]), not as escaped text.
    const RECORDS: Option<RecordTable> = None;

    /// Parses the wire text.
    fn parse_wire(s: &str) -> Result<Self, WireValueError>;

    /// The wire text of the value.
    fn to_wire(&self) -> Cow<'_, str>;

    /// Appends the wire text of the value to `out`.
    fn write_wire(&self, out: &mut String) {
        out.push_str(&self.to_wire());
    }

    /// The length of the wire text in characters (what a `String(N)` column limits). Numbers
    /// count their digits instead of formatting themselves.
    fn wire_chars(&self) -> usize {
        self.to_wire().chars().count()
    }
}

/// The number of decimal digits of `n` (1 for 0).
pub(crate) fn decimal_digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A closed set of wire values, declared with [`wire_enum!`](crate::wire_enum).
pub trait WireEnum: WireValue + Copy + Eq + std::hash::Hash + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// The wire text of every variant, in declaration order (same order as [`WireEnum::ALL`]).
    const VALUES: &'static [&'static str];

    /// The wire text of this variant.
    fn as_str(self) -> &'static str;
}

impl WireValue for String {
    const FORMAT: &'static str = "text";

    /// Any text is accepted, unchanged.
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Ok(s.to_owned())
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn write_wire(&self, out: &mut String) {
        out.push_str(self);
    }
}

/// Integers: ASCII digits only, no sign, no `+`, no spaces, no separators. Leading zeros are
/// accepted (`007` is 7: the value is unambiguous) and never written: the wire text is canonical.
/// Code that needs the exact received text (a response signature) uses the raw text, not
/// `to_wire`.
macro_rules! wire_integer {
    ($($ty:ty => $format:literal, $max:literal;)+) => {$(
        impl WireValue for $ty {
            const FORMAT: &'static str = $format;

            fn parse_wire(s: &str) -> Result<Self, WireValueError> {
                let n = parse_digits(s, Self::FORMAT, u64::from(<$ty>::MAX), $max)?;
                <$ty>::try_from(n).map_err(|_| {
                    WireValueError::new(Self::FORMAT, Rule::Overflow { max: $max }, s)
                })
            }

            fn to_wire(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            fn write_wire(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }

            fn wire_chars(&self) -> usize {
                decimal_digits(u64::from(*self))
            }
        }
    )+};
}

wire_integer! {
    u32 => "a non-negative integer in ASCII digits (at most 4294967295)", "4294967295";
    u64 => "a non-negative integer in ASCII digits (at most 18446744073709551615)",
        "18446744073709551615";
}

/// Classifies a character that is not allowed where it stands, at byte offset `at`.
pub(crate) fn bad_char(found: char, at: usize) -> Rule {
    if at == 0 && (found == '+' || found == '-') {
        Rule::Sign
    } else if found.is_whitespace() {
        Rule::Whitespace
    } else if found.is_control() {
        Rule::ControlCharacter(found)
    } else if found.is_numeric() {
        Rule::NonAsciiDigit(found)
    } else {
        Rule::InvalidCharacter { found, at }
    }
}

/// Checks that `s` is non-empty ASCII digits only; the error names the first offending character.
pub(crate) fn check_digits(s: &str) -> Result<(), Rule> {
    if s.is_empty() {
        return Err(Rule::Empty);
    }
    match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, found)) => Err(bad_char(found, at)),
        None => Ok(()),
    }
}

/// Parses ASCII digits (leading zeros allowed) into a number no larger than `max`.
pub(crate) fn parse_digits(
    s: &str,
    format: &'static str,
    max: u64,
    max_text: &'static str,
) -> Result<u64, WireValueError> {
    check_digits(s).map_err(|rule| WireValueError::new(format, rule, s))?;
    s.bytes()
        .try_fold(0u64, |n, b| {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
        .filter(|&n| n <= max)
        .ok_or_else(|| WireValueError::new(format, Rule::Overflow { max: max_text }, s))
}

/// Compile-time check used by [`wire_enum!`](crate::wire_enum): every value is non-empty and
/// distinct. Not public API.
#[doc(hidden)]
pub const fn __wire_values_are_valid(values: &[&str]) -> bool {
    let mut i = 0;
    while i < values.len() {
        if values[i].is_empty() {
            return false;
        }
        let mut j = i + 1;
        while j < values.len() {
            if bytes_eq(values[i].as_bytes(), values[j].as_bytes()) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// True when `value` is one of `values` (byte-exact). `const`, so the derive can check a declared
/// example against a `wire_enum!` set at compile time. Not public API.
#[doc(hidden)]
pub const fn __wire_value_in(value: &str, values: &[&str]) -> bool {
    let mut i = 0;
    while i < values.len() {
        if bytes_eq(value.as_bytes(), values[i].as_bytes()) {
            return true;
        }
        i += 1;
    }
    false
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares a closed set of wire values as an enum.
///
/// Each variant is written `Name = "wire text"`; attributes and doc comments on the enum and its
/// variants are kept. The macro generates:
///
/// - the enum, deriving `Clone, Copy, Debug, PartialEq, Eq, Hash` (add more with `#[derive]`);
/// - inherent `ALL: &[Self]`, `VALUES: &[&str]`, `const fn as_str(self) -> &'static str` and
///   `fn from_wire(&str) -> Option<Self>` (exact, case-sensitive);
/// - [`WireEnum`](crate::types::WireEnum) and [`WireValue`](crate::types::WireValue) (a value
///   outside the set fails with [`Rule::NotOneOf`](crate::types::Rule::NotOneOf), listing the
///   allowed values), `Display` (the wire text) and `FromStr`;
/// - a compile-time check that the wire texts are non-empty and distinct.
///
/// It works from any crate (all paths go through `$crate`).
///
/// ```
/// alipay_core::wire_enum! {
///     /// 物流方式 (flow_type).
///     pub enum FlowType {
///         /// 不需要物流 (no logistics).
///         NoLogistics = "8",
///         /// 平邮 (surface mail).
///         Post = "1",
///         /// 快递 (express).
///         Express = "2",
///     }
/// }
///
/// use alipay_core::types::{WireEnum, WireValue};
///
/// assert_eq!(FlowType::parse_wire("8").unwrap(), FlowType::NoLogistics);
/// assert_eq!(FlowType::Express.as_str(), "2");
/// assert_eq!(FlowType::Post.to_string(), "1");
/// assert_eq!(<FlowType as WireEnum>::VALUES, ["8", "1", "2"]);
/// let err = FlowType::parse_wire("3").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "\"3\" is not a value of FlowType: the value must be one of `8`, `1`, `2` (exact, case-sensitive)",
/// );
/// ```
///
/// Other closed sets of `sns.create.goods.ws`, for reference:
///
/// ```
/// alipay_core::wire_enum! {
///     /// 运费承担方 (who_pay).
///     pub enum WhoPay {
///         /// 买家 (the buyer).
///         Buyer = "1",
///         /// 卖家 (the seller).
///         Seller = "2",
///     }
/// }
///
/// alipay_core::wire_enum! {
///     /// 商品有效期天数 (valid_date): days from today.
///     pub enum ValidDays {
///         /// 1 day.
///         One = "1",
///         /// 3 days.
///         Three = "3",
///         /// 7 days.
///         Seven = "7",
///         /// 15 days.
///         Fifteen = "15",
///         /// 30 days.
///         Thirty = "30",
///     }
/// }
/// assert_eq!("15".parse::<ValidDays>().unwrap(), ValidDays::Fifteen);
/// assert!("2".parse::<ValidDays>().is_err());
/// ```
///
/// A repeated (or empty) wire text is a compile error:
///
/// ```compile_fail
/// alipay_core::wire_enum! {
///     /// Two variants, one wire text.
///     pub enum Twice {
///         /// First.
///         A = "1",
///         /// Second.
///         B = "1",
///     }
/// }
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        #[allow(dead_code)]
        impl $name {
            /// Every variant, in declaration order.
            $vis const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The wire text of every variant, in declaration order.
            $vis const VALUES: &'static [&'static str] = &[$($value),+];

            /// The wire text of this variant.
            #[inline]
            $vis const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }

            /// True when `value` is one of [`Self::VALUES`]; used by the derive to check a declared
            /// example at compile time.
            #[doc(hidden)]
            $vis const fn __alipay_accepts(value: &str) -> bool {
                $crate::types::__wire_value_in(value, $name::VALUES)
            }

            /// What the derive's compile-time check says of an example this type refuses.
            #[doc(hidden)]
            $vis const __ALIPAY_EXPECTED: &'static str = ::core::concat!(
                "this text is not a wire value of `", ::core::stringify!($name),
                "`: write one of its values:", $(" `", $value, "`",)+
            );

            /// The variant whose wire text is `value` (exact, case-sensitive).
            $vis fn from_wire(value: &str) -> ::core::option::Option<Self> {
                match value {
                    $($value => ::core::option::Option::Some(Self::$variant),)+
                    _ => ::core::option::Option::None,
                }
            }
        }

        const _: () = ::core::assert!(
            $crate::types::__wire_values_are_valid($name::VALUES),
            ::core::concat!("wire_enum! ", ::core::stringify!($name), ": wire values must be non-empty and distinct"),
        );

        impl $crate::types::WireEnum for $name {
            const ALL: &'static [Self] = $name::ALL;
            const VALUES: &'static [&'static str] = $name::VALUES;

            #[inline]
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl $crate::types::WireValue for $name {
            const FORMAT: &'static str = ::core::concat!("a value of ", ::core::stringify!($name));

            fn parse_wire(s: &str) -> ::core::result::Result<Self, $crate::types::WireValueError> {
                $name::from_wire(s).ok_or_else(|| {
                    $crate::types::WireValueError::new(
                        <Self as $crate::types::WireValue>::FORMAT,
                        $crate::types::Rule::NotOneOf($name::VALUES),
                        s,
                    )
                })
            }

            #[inline]
            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed($name::as_str(*self))
            }

            #[inline]
            fn write_wire(&self, out: &mut ::std::string::String) {
                out.push_str($name::as_str(*self));
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad($name::as_str(*self))
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::types::WireValueError;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as $crate::types::WireValue>::parse_wire(s)
            }
        }

        $crate::__wire_enum_serialize!($name);
        $crate::__wire_enum_deserialize!($name);
    };
}

/// `Serialize` for a `wire_enum!` type (its wire text) when `alipay-core` has feature `serde`;
/// nothing otherwise. The feature is `alipay-core`'s, whichever crate declares the enum.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_serialize {
    ($name:ident) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Without feature `serde`: nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_serialize {
    ($name:ident) => {};
}

/// `Deserialize` for a `wire_enum!` type (from its wire text, with its closed set) when
/// `alipay-core` has feature `json`; nothing otherwise.
#[cfg(feature = "json")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_deserialize {
    ($name:ident) => {
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__serde::from_wire_text(
                    deserializer,
                    <$name as $crate::types::WireValue>::parse_wire,
                )
            }
        }
    };
}

/// Without feature `json`: nothing.
#[cfg(not(feature = "json"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_deserialize {
    ($name:ident) => {};
}
