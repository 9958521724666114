//! The XML response envelope every MAPI service answers with, and the response-signature rule.
//!
//! ```text
//! <?xml version="1.0" encoding="utf-8"?>
//! <alipay>
//!   <is_success>T</is_success>                       T or F
//!   <error>ILLEGAL_SIGN</error>                      only when F
//!   <request><param name="…">…</param>…</request>    optional echo of the inputs
//!   <response><goods>…</goods></response>            optional, service-specific payload
//!   <sign>…</sign><sign_type>MD5</sign_type>         optional signature of the response
//! </alipay>
//! ```
//!
//! [`parse`] reads the body in one pass over XML events (no DOM, no serde) into an
//! [`Envelope`], whose request echo and payload keep their pairs in one buffer each
//! ([`Fields`]). The events come from a fast scanner for the markup gateways send (elements,
//! attributes, text, references, a declaration), checked against quick-xml event for event in
//! the tests; a document with anything else (comments, CDATA, a DOCTYPE, …), and any document
//! that is not a valid envelope, is read again by quick-xml, which decides the result or the
//! error. The rules it applies:
//!
//! - **Encoding**: the XML declaration's `encoding` (`utf-8`, the default, or `GBK`/`gb2312`) is
//!   honoured; the body is decoded strictly before parsing, so bytes invalid in that encoding are
//!   an error, never replaced. Other encodings are refused.
//! - **Text** is kept verbatim (never trimmed: values are signed as received). The five predefined
//!   entities and numeric character references are resolved, CDATA sections are text. Any other
//!   entity reference, and any `<!DOCTYPE …>` (hence any `<!ENTITY …>`), is refused.
//! - **Nested payload fields**: a payload child (or a `<param>`) that itself has child elements
//!   gets its *raw inner XML* as its value, as in the document (markup, escapes and whitespace
//!   kept) except that empty-element tags are written as start and end tags
//!   ([`expand_empty_elements`]), e.g. `<extra><a>1</a><b/></extra>` gives
//!   `("extra", "<a>1</a><b></b>")`, and [`Fields::is_markup`] tells it from text. Repeated
//!   records (`account.page.query`'s `account_log_list`) are read from it by
//!   [`Records`](crate::types::Records); anything else keeps unexpected structure visible instead
//!   of silently flattening it.
//! - **Unknown elements** inside `<alipay>` and `<request>` are skipped (forward compatibility);
//!   they are still checked for well-formedness, depth and entities. `<response>` holds at most
//!   one payload element; `<is_success>`, `<error>`, `<request>`, `<response>`, `<sign>` and
//!   `<sign_type>` appear at most once.
//! - **Limits** ([`Limits`]): body size (checked before parsing), nesting depth, number of fields.
//! - **HTML**: the gateway's HTML error pages are reported as [`EnvelopeError::HtmlPage`], with the
//!   upper-case error code the page shows, when there is one.
//!
//! ```
//! use alipay_core::xml;
//!
//! let body = br#"<?xml version="1.0" encoding="utf-8"?>
//! <alipay><is_success>T</is_success>
//!   <response><goods><goods_id>2011092300022596</goods_id><flow_fee>1.00</flow_fee></goods></response>
//! </alipay>"#;
//! let envelope = xml::parse(body)?;
//! assert!(envelope.is_success);
//! let goods = envelope.response.as_ref().unwrap();
//! assert_eq!(goods.name, "goods");
//! assert_eq!(goods.get("goods_id"), Some("2011092300022596"));
//! let names: Vec<&str> = goods.fields.iter().map(|(name, _)| name).collect();
//! assert_eq!(names, ["goods_id", "flow_fee"]);
//! assert_eq!(envelope.response_signing_string().unwrap(), "flow_fee=1.00&goods_id=2011092300022596");
//!
//! let failure = xml::parse(b"<alipay><is_success>F</is_success><error>ILLEGAL_SIGN</error></alipay>")?;
//! assert_eq!(failure.error, Some(alipay_core::ErrorCode::from_code("ILLEGAL_SIGN")));
//! # Ok::<(), xml::EnvelopeError>(())
//! ```

mod envelope;
mod error;
mod fields;
mod html;
mod markup;
mod parser;
mod scan;
mod signature;
pub mod write;

pub use envelope::{Envelope, Limits, Payload};
pub use error::EnvelopeError;
pub use fields::{Fields, FieldsIter};
pub use markup::expand_empty_elements;
pub use signature::{
    ResponseSignatureError, SignatureStatus, response_signed_params, response_signed_value,
};

/// Parses a response body with the default [`Limits`].
pub fn parse(body: &[u8]) -> Result<Envelope, EnvelopeError> {
    parse_with(body, &Limits::default())
}

/// Parses a response body with the given limits.
pub fn parse_with(body: &[u8], limits: &Limits) -> Result<Envelope, EnvelopeError> {
    if body.len() > limits.max_bytes {
        return Err(EnvelopeError::TooLarge {
            len: body.len(),
            max: limits.max_bytes,
        });
    }
    parser::parse_body(body, limits, true)
}

/// [`parse_with`] without the fast scanner: quick-xml reads every document. For differential
/// fuzzing (`fuzz/`): both must always give the same answer.
#[doc(hidden)]
pub fn __parse_with_quick_xml_only(
    body: &[u8],
    limits: &Limits,
) -> Result<Envelope, EnvelopeError> {
    if body.len() > limits.max_bytes {
        return Err(EnvelopeError::TooLarge {
            len: body.len(),
            max: limits.max_bytes,
        });
    }
    parser::parse_body(body, limits, false)
}
