//! Why an envelope could not be parsed.

use crate::charset::Charset;
use crate::error::ErrorCode;

/// Why a response body is not a usable MAPI envelope.
///
/// `path` fields name the element where decoding failed, from the root, joined with `/`
/// (e.g. `alipay/response/goods/goods_fee`); an empty path means "before the root element".
/// `position` fields are byte offsets into the body (for a GBK body: offsets into its UTF-8
/// transcoding, which is what the XML reader sees).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The body is longer than [`Limits::max_bytes`](super::Limits::max_bytes); nothing was parsed.
    #[error("response body is {len} bytes, over the limit of {max} bytes")]
    TooLarge {
        /// Length of the body.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The body has no `<alipay>` root element: it is empty, whitespace, plain text, or XML with
    /// another root.
    #[error("the response has no <alipay> root element{}", found_suffix(found.as_deref()))]
    NoRoot {
        /// The name of the root element found instead, if any.
        found: Option<String>,
    },
    /// The gateway answered with an HTML page (its error pages), not with an XML envelope.
    #[error("the response is an HTML page, not an XML envelope{}", code_suffix(code.as_ref()))]
    HtmlPage {
        /// An upper-case error code found in the page's text (e.g. `ILLEGAL_PARTNER`), if any.
        code: Option<ErrorCode>,
    },
    /// The XML declaration names an encoding other than UTF-8 or GBK (`gb2312`).
    #[error("unsupported encoding {label:?} in the XML declaration: expected utf-8 or GBK")]
    UnsupportedEncoding {
        /// The declared label.
        label: String,
    },
    /// The body's bytes are not valid in its declared encoding.
    #[error("invalid {charset} bytes at byte {position}")]
    InvalidBytes {
        /// The declared (or default) encoding.
        charset: Charset,
        /// Byte offset of the first invalid sequence in the body.
        position: usize,
    },
    /// A `<!DOCTYPE …>` (and with it any `<!ENTITY …>`) is refused before it is interpreted, so
    /// entity-expansion attacks ("billion laughs") never start.
    #[error("DOCTYPE declarations are not accepted in a response (byte {position})")]
    Doctype {
        /// Byte offset of the declaration.
        position: usize,
    },
    /// An entity reference other than the five predefined ones (`&lt;` `&gt;` `&amp;` `&apos;`
    /// `&quot;`) and numeric character references.
    #[error("unknown entity reference &{name}; in {path} (byte {position})")]
    UnknownEntity {
        /// Element path.
        path: String,
        /// The entity name, without `&` and `;`.
        name: String,
        /// Byte offset of the reference.
        position: usize,
    },
    /// A numeric character reference that names no valid character (e.g. `&#0;`, `&#xZZ;`).
    #[error("invalid character reference in {path} (byte {position}): {reason}")]
    InvalidCharRef {
        /// Element path.
        path: String,
        /// What is wrong with it.
        reason: String,
        /// Byte offset of the reference.
        position: usize,
    },
    /// The body ends inside an element or a markup construct.
    #[error(
        "truncated response: the body ends inside {} (byte {position})",
        path_or_prolog(path)
    )]
    Truncated {
        /// Element path of the innermost element still open.
        path: String,
        /// Byte offset where the reader stopped.
        position: usize,
    },
    /// The body is not well-formed XML (mismatched end tag, bad markup, bad attribute, …).
    #[error(
        "malformed XML in {} (byte {position}): {reason}",
        path_or_prolog(path)
    )]
    Malformed {
        /// Element path.
        path: String,
        /// Byte offset reported by the XML reader.
        position: usize,
        /// The XML reader's description.
        reason: String,
    },
    /// Elements nest deeper than [`Limits::max_depth`](super::Limits::max_depth).
    #[error("elements nest deeper than {max} levels at {path}")]
    TooDeep {
        /// Path of the element that crossed the limit.
        path: String,
        /// The limit.
        max: usize,
    },
    /// More than [`Limits::max_fields`](super::Limits::max_fields) entries in `<request>` or in the
    /// payload.
    #[error("more than {max} fields in {path}")]
    TooManyFields {
        /// Path of the container (`alipay/request` or `alipay/response/<payload>`).
        path: String,
        /// The limit.
        max: usize,
    },
    /// `<is_success>` is missing.
    #[error("the envelope has no <is_success> element")]
    MissingIsSuccess,
    /// `<is_success>` is not exactly `T` or `F`.
    #[error("<is_success> is {value:?}, expected \"T\" or \"F\"")]
    InvalidIsSuccess {
        /// The text found.
        value: String,
    },
    /// An element that may appear once appeared again (for `<response>`: a second payload element).
    #[error("duplicate element {path} (byte {position})")]
    Duplicate {
        /// Path of the second occurrence.
        path: String,
        /// Byte offset of its start tag.
        position: usize,
    },
    /// Character data where only elements (and whitespace) belong.
    #[error("unexpected text in {} (byte {position})", path_or_prolog(path))]
    UnexpectedText {
        /// Element path.
        path: String,
        /// Byte offset of the text.
        position: usize,
    },
    /// A `<param>` of the request echo has no `name` attribute.
    #[error("<param> without a name attribute at {path} (byte {position})")]
    MissingParamName {
        /// Element path.
        path: String,
        /// Byte offset of the start tag.
        position: usize,
    },
    /// Elements or text after `</alipay>`.
    #[error("content after the </alipay> root element (byte {position})")]
    TrailingContent {
        /// Byte offset of the extra content.
        position: usize,
    },
}

fn found_suffix(found: Option<&str>) -> String {
    found.map_or_else(String::new, |name| format!(" (found <{name}>)"))
}

fn code_suffix(code: Option<&ErrorCode>) -> String {
    code.map_or_else(String::new, |code| {
        format!(" (error code {})", code.as_str())
    })
}

fn path_or_prolog(path: &str) -> &str {
    if path.is_empty() { "the prolog" } else { path }
}
