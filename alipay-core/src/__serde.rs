//! `serde`, for the `Serialize` (feature `serde`) and `Deserialize` (feature `json`) that
//! `wire_enum!` expands to. Not public API.
//!
//! Apart from `__private` so that the types module, which holds the macro, imports nothing that
//! imports it back.

#[cfg(feature = "json")]
pub use serde::{Deserialize, Deserializer};
pub use serde::{Serialize, Serializer};

/// Reads a value from its wire text (a string) with `parse`, the type's own rules: `Deserialize`
/// for the wire values and `wire_enum!` types.
#[cfg(feature = "json")]
pub fn from_wire_text<'de, T, E, D>(
    deserializer: D,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    E: std::fmt::Display,
    D: Deserializer<'de>,
{
    use serde::de::Error as _;
    let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
    parse(&text).map_err(D::Error::custom)
}
