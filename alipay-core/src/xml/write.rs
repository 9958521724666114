//! Writing the envelope: what a gateway (the sandbox, a test double) answers with, the twin of
//! [`parse`](super::parse). A success payload is signed with the response-signature rule
//! ([`response_signed_params`](super::response_signed_params)), the same function the parser
//! verifies with.
//!
//! ```
//! use alipay_core::sign::{Md5Key, Signer, Verifier};
//! use alipay_core::{Charset, xml};
//!
//! let signer = Signer::md5(Md5Key::new("k"));
//! let echo = [("service", "sns.create.goods.ws"), ("sign", "dropped from the echo")];
//! let payload = xml::write::Payload {
//!     element: "goods",
//!     fields: &[("goods_id", "2011")],
//!     markup: &[],
//! };
//! let body = xml::write::success(Charset::Gbk, &echo, Some(&payload), Some(&signer))?;
//! let envelope = xml::parse(&body)?;
//! assert_eq!(envelope.response_signing_string().unwrap(), "goods_id=2011");
//! envelope.verify_signature(&Verifier::md5(Md5Key::new("k")))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use crate::canonical::is_signature_param;
use crate::charset::{Charset, CharsetError};
use crate::error::ErrorCode;
use crate::sign::{SignParamsError, Signer, sign_params};

/// A success payload: `<response><ELEMENT>children</ELEMENT></response>`.
#[derive(Clone, Copy, Debug)]
pub struct Payload<'a, K, V> {
    /// The payload element, e.g. `goods`.
    pub element: &'a str,
    /// `(tag, text)` of each child, in the order they are written.
    pub fields: &'a [(K, V)],
    /// The tags of the children whose value is XML markup, not text (repeated records:
    /// [`WireValue::RECORDS`](crate::types::WireValue::RECORDS)): written as they are, empty
    /// elements expanded ([`expand_empty_elements`](super::expand_empty_elements)), and signed as
    /// the child's own XML ([`response_signed_value`](super::response_signed_value)). The caller
    /// answers for their being well-formed.
    pub markup: &'a [&'a str],
}

/// Why an envelope could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// A name or value cannot be written in the charset.
    #[error("the envelope cannot be written in {charset}: {source}")]
    Charset {
        /// The envelope's charset.
        charset: Charset,
        /// The character that has no representation.
        #[source]
        source: CharsetError,
    },
    /// The payload could not be signed.
    #[error("the payload cannot be signed: {0}")]
    Sign(#[from] SignParamsError),
}

/// The `encoding` of the XML declaration for `charset`.
pub fn xml_encoding(charset: Charset) -> &'static str {
    match charset {
        Charset::Utf8 => "utf-8",
        Charset::Gbk => "GBK",
    }
}

/// `<alipay><is_success>F</is_success><error>CODE</error></alipay>`, in `charset`.
pub fn error(charset: Charset, code: &ErrorCode) -> Vec<u8> {
    let mut xml = declaration(charset);
    xml.push_str("<alipay><is_success>F</is_success><error>");
    escape_into(&mut xml, code.as_str());
    xml.push_str("</error></alipay>");
    // Declarations and error codes are ASCII, the same bytes in UTF-8 and GBK.
    xml.into_bytes()
}

/// A success envelope: the request `echo` (every parameter but `sign`/`sign_type`, as received),
/// the payload, and, with a signer and a payload, `<sign>`/`<sign_type>` over the payload by the
/// response-signature rule; the whole document in `charset`.
pub fn success<K, V, T, U>(
    charset: Charset,
    echo: &[(K, V)],
    payload: Option<&Payload<'_, T, U>>,
    signer: Option<&Signer>,
) -> Result<Vec<u8>, WriteError>
where
    K: AsRef<str>,
    V: AsRef<str>,
    T: AsRef<str>,
    U: AsRef<str>,
{
    let mut xml = declaration(charset);
    xml.push_str("<alipay><is_success>T</is_success><request>");
    for (name, value) in echo {
        let (name, value) = (name.as_ref(), value.as_ref());
        if is_signature_param(name) {
            continue;
        }
        xml.push_str("<param name=\"");
        escape_into(&mut xml, name);
        xml.push_str("\">");
        escape_into(&mut xml, value);
        xml.push_str("</param>");
    }
    xml.push_str("</request>");
    if let Some(payload) = payload {
        xml.push_str("<response><");
        xml.push_str(payload.element);
        xml.push('>');
        // Each child's value as written and as signed: text, or markup in its one form.
        let values: Vec<(&str, Cow<'_, str>, bool)> = payload
            .fields
            .iter()
            .map(|(tag, value)| {
                let (tag, value) = (tag.as_ref(), value.as_ref());
                if payload.markup.contains(&tag) {
                    (tag, super::expand_empty_elements(value), true)
                } else {
                    (tag, Cow::Borrowed(value), false)
                }
            })
            .collect();
        for (tag, value, markup) in &values {
            xml.push('<');
            xml.push_str(tag);
            xml.push('>');
            if *markup {
                xml.push_str(value);
            } else {
                escape_into(&mut xml, value);
            }
            xml.push_str("</");
            xml.push_str(tag);
            xml.push('>');
        }
        xml.push_str("</");
        xml.push_str(payload.element);
        xml.push_str("></response>");
        if let Some(signer) = signer {
            let signed: Vec<(&str, Cow<'_, str>)> = values
                .iter()
                .map(|(tag, value, markup)| {
                    (*tag, super::response_signed_value(tag, value, *markup))
                })
                .collect();
            let signed = super::response_signed_params(
                signed.iter().map(|(tag, value)| (*tag, value.as_ref())),
            );
            let signature = sign_params(&signed, charset, signer)?;
            xml.push_str("<sign>");
            escape_into(&mut xml, &signature.sign);
            xml.push_str("</sign><sign_type>");
            xml.push_str(signer.sign_type().as_str());
            xml.push_str("</sign_type>");
        }
    }
    xml.push_str("</alipay>");
    charset
        .encode(&xml)
        .map(|bytes| bytes.into_owned())
        .map_err(|source| WriteError::Charset { charset, source })
}

fn declaration(charset: Charset) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"{}\"?>",
        xml_encoding(charset)
    )
}

/// Appends `text` escaped for element text and attribute values: the five predefined entities,
/// and `\r` as `&#13;` (a literal one would be read back as `\n`).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// True for a character XML 1.0 cannot carry, even as a character reference: C0 controls other
/// than tab, line feed and carriage return, and U+FFFE/U+FFFF. A gateway refuses a request holding
/// one (it could not be echoed).
pub fn is_unrepresentable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_carriage_returns() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c'\r\n\td");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;&#13;\n\td");
    }

    #[test]
    fn error_envelope_parses() {
        let body = error(Charset::Gbk, &ErrorCode::IllegalSign);
        let envelope = crate::xml::parse(&body).unwrap();
        assert!(!envelope.is_success);
        assert_eq!(envelope.error, Some(ErrorCode::IllegalSign));
        assert_eq!(envelope.charset, Charset::Gbk);
    }

    #[test]
    fn success_envelope_round_trips_through_the_parser() {
        let fields = [("b", "x<&>\r\ny"), ("a", "二手"), ("c", "")];
        let payload = Payload {
            element: "goods",
            fields: &fields,
            markup: &[],
        };
        let echo = [
            ("service", "s"),
            ("sign", "zz"),
            ("sign_type", "MD5"),
            ("q", "\"'"),
        ];
        let signer = Signer::md5(crate::sign::Md5Key::new("k"));
        let body = success(Charset::Gbk, &echo, Some(&payload), Some(&signer)).unwrap();
        let envelope = crate::xml::parse(&body).unwrap();
        assert!(envelope.is_success);
        let echoed: Vec<(&str, &str)> = envelope.request.iter().collect();
        assert_eq!(echoed, [("service", "s"), ("q", "\"'")]);
        let p = envelope.response.as_ref().unwrap();
        assert_eq!(p.get("b"), Some("x<&>\r\ny"));
        assert_eq!(p.get("a"), Some("二手"));
        assert_eq!(
            envelope.response_signing_string().unwrap(),
            "a=二手&b=x<&>\r\ny"
        );
        let verifier = crate::sign::Verifier::md5(crate::sign::Md5Key::new("k"));
        envelope.verify_signature(&verifier).unwrap();
    }

    #[test]
    fn markup_is_written_as_xml_and_signed_as_the_child_s_own_fragment() {
        let fields = [
            ("list", "<VO><memo/><n>1 &amp; 2</n></VO>"),
            ("has_next_page", "F"),
        ];
        let payload = Payload {
            element: "result",
            fields: &fields,
            markup: &["list"],
        };
        let signer = Signer::md5(crate::sign::Md5Key::new("k"));
        let body = success(Charset::Utf8, &[("a", "b")], Some(&payload), Some(&signer)).unwrap();
        let text = String::from_utf8(body.clone()).unwrap();
        assert!(
            text.contains("<list><VO><memo></memo><n>1 &amp; 2</n></VO></list>"),
            "{text}"
        );
        let envelope = crate::xml::parse(&body).unwrap();
        let p = envelope.response.as_ref().unwrap();
        assert!(p.fields.is_markup(0) && !p.fields.is_markup(1));
        assert_eq!(
            p.get("list"),
            Some("<VO><memo></memo><n>1 &amp; 2</n></VO>")
        );
        assert_eq!(
            envelope.response_signing_string().unwrap(),
            "has_next_page=F&list=<list><VO><memo></memo><n>1 &amp; 2</n></VO></list>"
        );
        let verifier = crate::sign::Verifier::md5(crate::sign::Md5Key::new("k"));
        envelope.verify_signature(&verifier).unwrap();
    }

    #[test]
    fn a_character_the_charset_lacks_is_an_error_naming_the_charset() {
        let fields = [("a", "😀")];
        let payload = Payload {
            element: "goods",
            fields: &fields,
            markup: &[],
        };
        let echo: [(&str, &str); 0] = [];
        let err = success(Charset::Gbk, &echo, Some(&payload), None).unwrap_err();
        assert!(
            matches!(
                err,
                WriteError::Charset {
                    charset: Charset::Gbk,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn unrepresentable_characters() {
        assert!(is_unrepresentable('\u{0}'));
        assert!(is_unrepresentable('\u{1b}'));
        assert!(!is_unrepresentable('\t'));
        assert!(!is_unrepresentable('\n'));
        assert!(!is_unrepresentable('\r'));
        assert!(!is_unrepresentable('二'));
    }
}
