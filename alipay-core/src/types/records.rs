//! Repeated child records of a response field: `account.page.query`'s
//! `<account_log_list><AccountQueryAccountLogVO>…</AccountQueryAccountLogVO>…</account_log_list>`.
//!
//! The envelope parser gives a field with child elements its raw inner XML as text
//! ([`crate::xml`]); [`Records`] reads that text as a list of records, each a
//! `#[derive(Response)]` struct whose `element` is the record's tag, and an error names the record
//! and its field: the response path `response/account_page_query_result/account_log_list/[4]/balance`.

use std::borrow::Cow;
use std::fmt;

use super::{ItemPath, Rule, WireValue, WireValueError};
use crate::service::{FieldSpec, Response, ResponseErrorKind};
use crate::xml::Payload;

/// A response field holding repeated `<T::ELEMENT>` records (possibly none), each read with
/// `T`'s declared table (`#[derive(Response)]`, `element = "…"`).
///
/// ```
/// use alipay_core::Response;
/// use alipay_core::types::{Amount, Records, WireValue as _};
///
/// /// One ledger record.
/// #[derive(Debug, Response)]
/// #[alipay(element = "AccountQueryAccountLogVO")]
/// pub struct AccountLog {
///     /// 余额
///     #[alipay(example = "1234.00")]
///     pub balance: Amount,
///     /// 备注
///     pub memo: Option<String>,
/// }
///
/// let list = Records::<AccountLog>::parse_wire(
///     "<AccountQueryAccountLogVO><balance>1234</balance><memo/></AccountQueryAccountLogVO>\
///      <AccountQueryAccountLogVO><balance>0.50</balance><memo>退款</memo></AccountQueryAccountLogVO>",
/// )?;
/// assert_eq!(list.len(), 2);
/// assert_eq!(list.records()[1].memo.as_deref(), Some("退款"));
///
/// let e = Records::<AccountLog>::parse_wire(
///     "<AccountQueryAccountLogVO><balance>1.005</balance></AccountQueryAccountLogVO>",
/// )
/// .unwrap_err();
/// assert_eq!(e.item().unwrap().to_string(), "[0].balance");
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Records<T>(Vec<T>);

/// The declared table of the records a response field holds ([`WireValue::RECORDS`]): what a
/// spec check, a documentation tool or a gateway reads to know the field is not text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordTable {
    /// Each record's element, e.g. `AccountQueryAccountLogVO`.
    pub element: &'static str,
    /// Each record's fields, in table order.
    pub fields: &'static [FieldSpec],
}

impl<T> Records<T> {
    /// The records, in document order.
    pub fn records(&self) -> &[T] {
        &self.0
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The records, owned.
    pub fn into_records(self) -> Vec<T> {
        self.0
    }
}

impl<T> From<Vec<T>> for Records<T> {
    fn from(records: Vec<T>) -> Self {
        Self(records)
    }
}

impl<T: fmt::Debug> fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

/// The error about record `index` (its `field` when known).
fn at(index: usize, field: Option<&'static str>, e: WireValueError) -> WireValueError {
    e.in_item(ItemPath { index, field })
}

const FORMAT: &str = "repeated records, each an element with one child element per field";

/// `xml` (a well-formed fragment) read as the payload of an envelope: the project's own parser
/// reads it, so text, references and CDATA are read as in any response. `None` when it is not
/// well-formed there.
fn payload_of(xml: &str) -> Option<Payload> {
    let body = format!("<alipay><is_success>T</is_success><response>{xml}</response></alipay>");
    let limits = crate::xml::Limits {
        max_bytes: body.len(),
        max_depth: 16,
        max_fields: usize::MAX,
    };
    crate::xml::parse_with(body.as_bytes(), &limits)
        .ok()?
        .response
}

impl<T: Response> WireValue for Records<T> {
    const FORMAT: &'static str = FORMAT;
    const RECORDS: Option<RecordTable> = Some(RecordTable {
        element: T::ELEMENT,
        fields: T::FIELDS,
    });

    /// Reads the raw XML of the records: each top-level element must be `<T::ELEMENT>` (an
    /// empty one is a record with no fields), read with `T`'s table; whitespace between them is
    /// ignored. An error names the record (`[4]`) and, when it is about one, its field.
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        let not_xml = || {
            WireValueError::new(
                FORMAT,
                Rule::Other("the records are not well-formed XML elements"),
                truncate(s),
            )
        };
        if s.trim().is_empty() {
            return Ok(Self(Vec::new()));
        }
        // The list as one payload whose fields are the records (tag, raw inner XML).
        let list = payload_of(&format!("<records>{s}</records>")).ok_or_else(not_xml)?;
        let mut records = Vec::with_capacity(list.fields.len());
        for (index, (tag, inner)) in list.fields.iter().enumerate() {
            if tag != T::ELEMENT {
                return Err(at(
                    index,
                    None,
                    WireValueError::new(
                        FORMAT,
                        Rule::Other("a record is not the declared element"),
                        truncate(tag),
                    ),
                ));
            }
            let payload = payload_of(&format!("<{tag}>{inner}</{tag}>")).ok_or_else(|| {
                at(
                    index,
                    None,
                    WireValueError::new(
                        FORMAT,
                        Rule::Other("the record does not read"),
                        truncate(inner),
                    ),
                )
            })?;
            let record = T::from_payload(&payload).map_err(|e| {
                let field = e.field();
                let why = match e.kind() {
                    ResponseErrorKind::Invalid(inner) => return at(index, field, inner.clone()),
                    ResponseErrorKind::Missing => "a required field is missing or empty",
                    ResponseErrorKind::Duplicate => "a field appears more than once",
                    _ => "the record does not read",
                };
                at(
                    index,
                    field,
                    WireValueError::new(FORMAT, Rule::Other(why), ""),
                )
            })?;
            records.push(record);
        }
        Ok(Self(records))
    }

    /// The records as XML, each `<T::ELEMENT>` with its fields in table order, every element
    /// written with a start and an end tag (`<memo></memo>`), text escaped.
    fn to_wire(&self) -> Cow<'_, str> {
        let mut out = String::new();
        for record in &self.0 {
            out.push('<');
            out.push_str(T::ELEMENT);
            out.push('>');
            for (tag, text) in record.to_fields() {
                out.push('<');
                out.push_str(tag);
                out.push('>');
                crate::xml::write::escape_into(&mut out, &text);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            out.push_str("</");
            out.push_str(T::ELEMENT);
            out.push('>');
        }
        Cow::Owned(out)
    }
}

/// At most 64 characters of `s`, for an error's value.
fn truncate(s: &str) -> String {
    crate::sign::truncated_to(s, 64)
}
