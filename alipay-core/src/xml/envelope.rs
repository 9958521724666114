//! The parsed envelope and the parser's limits.

use super::fields::Fields;
use crate::charset::Charset;
use crate::error::ErrorCode;

/// A parsed `<alipay>` response envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// `<is_success>`: `T` is `true`, `F` is `false`.
    pub is_success: bool,
    /// `<error>`, normally present only when `is_success` is false; unknown codes are kept verbatim.
    pub error: Option<ErrorCode>,
    /// The `<request>` echo: each `<param name="…">` as `(name, text)`, in document order; empty
    /// when there is no echo.
    pub request: Fields,
    /// The business payload: the single element inside `<response>`, if any.
    pub response: Option<Payload>,
    /// `<sign>`, the response signature, verbatim.
    pub sign: Option<String>,
    /// `<sign_type>` as received (e.g. `MD5`, `DSA`); [`Envelope::verify_signature`] maps it.
    pub sign_type: Option<String>,
    /// The encoding from the XML declaration (UTF-8 when there is none).
    pub charset: Charset,
}

/// The business payload: `<response><NAME>…</NAME></response>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    /// The payload element's tag, e.g. `goods`, `tradeBase`.
    pub name: String,
    /// Each child element's tag and text, in document order (duplicates kept). A child with child
    /// elements of its own has its raw inner XML as text (see the [module docs](super)).
    pub fields: Fields,
}

impl Payload {
    /// The text of the first field named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name)
    }
}

impl Envelope {
    /// The echoed value of the first request parameter named `name`.
    pub fn request_param(&self, name: &str) -> Option<&str> {
        self.request.get(name)
    }
}

/// Resource limits applied while parsing a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted body, in bytes; checked before any parsing. Default: 1 MiB.
    pub max_bytes: usize,
    /// Deepest element nesting, counting `<alipay>` as 1 (a payload field is at depth 4).
    /// Default: 16.
    pub max_depth: usize,
    /// Most `<param>`s in `<request>`, and most fields in the payload (each). Default: 1024.
    pub max_fields: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 1 << 20,
            max_depth: 16,
            max_fields: 1024,
        }
    }
}
