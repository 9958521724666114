//! The error of a wire value that does not match its format.

use std::fmt;

/// A wire value that does not match its format: which format, which rule, and the offending text.
///
/// `Display` reads like `"1.005" is not an amount in yuan with at most two decimals (e.g. 100.40):
/// at most two decimals are allowed (amounts are counted in fen)`. The derive adds the service and
/// parameter name around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireValueError {
    format: &'static str,
    rule: Rule,
    /// A boxed `str`, not a `String`: with the item path, this keeps every error that carries a
    /// `WireValueError` (a response's, the client's) as small as before lists existed.
    value: Box<str>,
    /// Where inside the value the error is: an item of a list, or a field of a JSON object.
    /// Boxed: most errors are neither, and every response error carries this type.
    inside: Option<Box<Inside>>,
}

/// Where inside a value an error is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Inside {
    Item(ItemPath),
    Json(JsonPath),
}

/// Where in a JSON-valued parameter ([`Json`](super::Json)) an error is, and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JsonPath {
    /// The path to the value, as serde names it: `store_id`, `goods[2].price`, or `.` for the
    /// whole object.
    pub path: String,
    /// What is wrong there, e.g. `missing field `store_id``, or the field type's own rule.
    pub message: String,
}

/// Where in a list-valued parameter ([`Items`](super::Items)) an error is: the item's index (from
/// 0) and, when the error is about one field of it, the field's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItemPath {
    /// The item's index in the list, from 0.
    pub index: usize,
    /// The field of the item, or `None` for the item as a whole (e.g. a wrong number of fields).
    pub field: Option<&'static str>,
}

impl fmt::Display for ItemPath {
    /// `[3].reason`, or `[3]` for the item as a whole.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.index)?;
        if let Some(field) = self.field {
            write!(f, ".{field}")?;
        }
        Ok(())
    }
}

impl WireValueError {
    /// A new error: `value` does not match `format` (a [`WireValue::FORMAT`](super::WireValue::FORMAT))
    /// because it breaks `rule`.
    pub fn new(format: &'static str, rule: Rule, value: impl Into<String>) -> Self {
        Self {
            format,
            rule,
            value: value.into().into_boxed_str(),
            inside: None,
        }
    }

    /// The same error, located at `path` inside a JSON value, with what is wrong there.
    pub fn in_json(mut self, path: JsonPath) -> Self {
        self.inside = Some(Box::new(Inside::Json(path)));
        self
    }

    /// Where inside a JSON value the error is, if it is in one.
    pub fn json(&self) -> Option<&JsonPath> {
        match self.inside.as_deref() {
            Some(Inside::Json(path)) => Some(path),
            _ => None,
        }
    }

    /// The same error, located in item `path` of a list-valued parameter: `value` and `format`
    /// are then the item's or the field's.
    pub fn in_item(mut self, path: ItemPath) -> Self {
        self.inside = Some(Box::new(Inside::Item(path)));
        self
    }

    /// Where in a list-valued parameter the error is, if it is in one.
    pub fn item(&self) -> Option<ItemPath> {
        match self.inside.as_deref() {
            Some(Inside::Item(path)) => Some(*path),
            _ => None,
        }
    }

    /// The expected format, e.g. `"an amount in yuan with at most two decimals (e.g. 100.40)"`.
    pub fn format(&self) -> &'static str {
        self.format
    }

    /// The rule the value breaks.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The offending text, exactly as given.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for WireValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inside.as_deref() {
            Some(Inside::Item(path)) => write!(f, "item {path}: ")?,
            Some(Inside::Json(json)) => return write!(f, "at {}: {}", json.path, json.message),
            None => {}
        }
        write!(f, "{:?} is not {}: {}", self.value, self.format, self.rule)
    }
}

impl std::error::Error for WireValueError {}

/// The rule a wire value breaks; `Display` states the rule in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The value is empty.
    Empty,
    /// A leading `+` or `-`: numbers on the wire have no sign.
    Sign,
    /// A whitespace character: values are never trimmed, so whitespace is an error.
    Whitespace,
    /// A control character (e.g. `\n`, `\0`).
    ControlCharacter(char),
    /// A non-ASCII digit, such as a full-width `１`: only `0`–`9` are digits on the wire.
    NonAsciiDigit(char),
    /// A character the format does not allow at that place.
    InvalidCharacter {
        /// The character.
        found: char,
        /// Its byte offset in the value.
        at: usize,
    },
    /// An amount starts with its decimal point (`.5`).
    MissingIntegerPart,
    /// An amount ends with its decimal point (`5.`).
    MissingDecimals,
    /// An amount has more than two decimals (`1.005`).
    TooManyDecimals,
    /// The number is larger than the type can hold.
    Overflow {
        /// The largest allowed value, as written on the wire.
        max: &'static str,
    },
    /// The value has the wrong number of characters.
    Length {
        /// The required number of characters.
        expected: usize,
        /// The number of characters found.
        found: usize,
    },
    /// The value does not follow a fixed layout (e.g. `yyyy-MM-dd HH:mm:ss`).
    Layout(&'static str),
    /// A date or time component is out of range (month 13, 31 February, hour 24, second 60).
    InvalidDateTime {
        /// The component: `"year"`, `"month"`, `"day"`, `"hour"`, `"minute"` or `"second"`.
        component: &'static str,
    },
    /// A URL that does not start with `http://` or `https://`.
    UrlScheme,
    /// A URL with user information (`user:password@host`).
    UrlUserInfo,
    /// A URL whose host is missing or malformed.
    UrlHost,
    /// A URL whose port is not a number from 1 to 65535.
    UrlPort,
    /// A value outside a closed set.
    NotOneOf(&'static [&'static str]),
    /// A rule stated by the implementing type.
    Other(&'static str),
    /// A JSON value that does not read as its declared fields (the error's
    /// [`json`](WireValueError::json) says where and why).
    Json,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Empty => f.write_str("the value must not be empty"),
            Self::Sign => f.write_str("a sign (+ or -) is not allowed"),
            Self::Whitespace => f.write_str("whitespace is not allowed (values are never trimmed)"),
            Self::ControlCharacter(c) => write!(f, "control character {c:?} is not allowed"),
            Self::NonAsciiDigit(c) => write!(
                f,
                "{c:?} is not an ASCII digit; only 0-9 are allowed (no full-width digits)"
            ),
            Self::InvalidCharacter { found, at } => {
                write!(f, "character {found:?} at byte {at} is not allowed")
            }
            Self::MissingIntegerPart => {
                f.write_str("the integer part is missing (write 0.5, not .5)")
            }
            Self::MissingDecimals => f.write_str(
                "a decimal point must be followed by one or two digits (write 5 or 5.00, not 5.)",
            ),
            Self::TooManyDecimals => {
                f.write_str("at most two decimals are allowed (amounts are counted in fen)")
            }
            Self::Overflow { max } => write!(f, "the value is larger than the maximum {max}"),
            Self::Length { expected, found } => {
                write!(
                    f,
                    "exactly {expected} characters are required, found {found}"
                )
            }
            Self::Layout(layout) => write!(f, "the value must have the layout {layout}"),
            Self::InvalidDateTime { component } => {
                write!(
                    f,
                    "the {component} is out of range (not a valid date and time)"
                )
            }
            Self::UrlScheme => f.write_str("the URL must start with http:// or https://"),
            Self::UrlUserInfo => f.write_str("the URL must not contain user information (user@)"),
            Self::UrlHost => f.write_str(
                "the URL must name a host (letters, digits, '-', '.', or a bracketed IPv6 address)",
            ),
            Self::UrlPort => f.write_str("the URL's port must be a number from 1 to 65535"),
            Self::NotOneOf(values) => {
                f.write_str("the value must be one of ")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{v}`")?;
                }
                f.write_str(" (exact, case-sensitive)")
            }
            Self::Other(rule) => f.write_str(rule),
            Self::Json => f.write_str("it does not read as the declared JSON object"),
        }
    }
}
