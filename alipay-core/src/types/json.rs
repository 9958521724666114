//! [`Json`]: a parameter whose value is a JSON object with typed fields of its own (feature
//! `json`), e.g. `alipay.commerce.qrcode.create`'s `biz_data`; and `Deserialize` for the wire
//! values, so those fields are read with the same rules as parameters.

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use super::{
    Amount, CompactTime, DateTime, HttpUrl, JsonPath, Partner, Rule, TimestampMillis, TradeStatus,
    WireValue, WireValueError,
};

/// A JSON-valued parameter: `T` (`serde::Deserialize` + `Serialize`) is the object's declared
/// fields. Reading checks every field with its type's rules (the wire values here implement
/// `Deserialize` with their own rules: an [`Amount`] field refuses `1.005`); an error names the
/// field's path inside the object (`secondary_merchant_id`, `goods[2].price`). Writing gives
/// compact JSON in `T`'s field order; the length of that text is what a `String(N)` column
/// limits.
///
/// ```
/// use alipay_core::types::{Amount, Json, WireValue as _};
///
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// struct Goods {
///     id: String,
///     price: Amount,
/// }
///
/// let goods = Json::<Goods>::parse_wire(r#"{"id":"T1","price":"0.01"}"#)?;
/// assert_eq!(goods.price, Amount::from_fen(1));
/// assert_eq!(goods.to_wire(), r#"{"id":"T1","price":"0.01"}"#);
///
/// let e = Json::<Goods>::parse_wire(r#"{"id":"T1","price":"0.001"}"#).unwrap_err();
/// assert_eq!(e.json().unwrap().path, "price");
/// assert!(e.to_string().contains("at most two decimals"), "{e}");
/// let e = Json::<Goods>::parse_wire(r#"{"price":"1"}"#).unwrap_err();
/// assert!(e.to_string().contains("missing field `id`"), "{e}");
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The object.
    pub fn into_inner(self) -> T {
        self.0
    }

    /// True when `s` looks like a JSON object (`{…}`); the derive checks a declared example with
    /// it at compile time. Its fields are checked only when the example is read (the derive's
    /// `example()`), so a declaration's tests should read it.
    #[doc(hidden)]
    pub const fn __alipay_accepts(s: &str) -> bool {
        matches!(s.as_bytes(), [b'{', .., b'}'])
    }

    /// What the derive's compile-time check says of an example this type refuses.
    #[doc(hidden)]
    pub const __ALIPAY_EXPECTED: &'static str = "a JSON object: {\"field\": …}";
}

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Json<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

const FORMAT: &str = "a JSON object of the declared fields";

impl<T: Serialize + DeserializeOwned> WireValue for Json<T> {
    const FORMAT: &'static str = FORMAT;

    /// Reads the object; an error names the path of the field (serde's, `.` for the object
    /// itself) and what is wrong there. Trailing text after the object is refused.
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        let refused = |path: String, message: String| {
            WireValueError::new(FORMAT, Rule::Json, crate::sign::truncated_to(s, 64))
                .in_json(JsonPath { path, message })
        };
        let mut reader = serde_json::Deserializer::from_str(s);
        let value = serde_path_to_error::deserialize(&mut reader)
            .map_err(|e| refused(e.path().to_string(), e.into_inner().to_string()))?;
        reader
            .end()
            .map_err(|e| refused(".".to_owned(), e.to_string()))?;
        Ok(Self(value))
    }

    /// Compact JSON. A `T` that cannot be written as JSON (a map with non-text keys) writes as
    /// the empty text, which no JSON parameter accepts.
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(serde_json::to_string(&self.0).unwrap_or_default())
    }
}

impl<T: Serialize> Serialize for Json<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

macro_rules! from_wire_text {
    ($($ty:ty),+ $(,)?) => {$(
        /// Reads the wire text (a JSON string) with the type's own rules.
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::__serde::from_wire_text(deserializer, <$ty as WireValue>::parse_wire)
            }
        }
    )+};
}

from_wire_text!(
    Amount,
    CompactTime,
    DateTime,
    HttpUrl,
    Partner,
    TimestampMillis,
    TradeStatus
);
