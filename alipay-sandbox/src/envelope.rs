//! Writing the XML envelope (docs/protocol.md, "The response envelope") and signing its
//! payload with the response-signature rule.

use alipay_core::canonical::SignedParams;
use alipay_core::sign::Signer;
use alipay_core::{Charset, ErrorCode};

use crate::registry::Payload;

/// The `encoding` of the XML declaration for `charset`.
pub(crate) fn xml_encoding(charset: Charset) -> &'static str {
    match charset {
        Charset::Utf8 => "utf-8",
        Charset::Gbk => "GBK",
    }
}

/// `<alipay><is_success>F</is_success><error>CODE</error></alipay>`, in `charset`.
pub(crate) fn error(charset: Charset, code: &ErrorCode) -> Vec<u8> {
    let mut xml = declaration(charset);
    xml.push_str("<alipay><is_success>F</is_success><error>");
    escape_into(&mut xml, code.as_str());
    xml.push_str("</error></alipay>");
    // Declarations and error codes are ASCII, the same bytes in UTF-8 and GBK.
    xml.into_bytes()
}

/// Why a success envelope could not be written.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// A value cannot be written in the charset.
    Charset,
    /// The signer failed.
    Sign,
}

/// A success envelope: the request `echo` (every parameter but `sign`/`sign_type`, as received),
/// the payload, and, with a signer and a payload, `<sign>`/`<sign_type>` over the payload by the
/// response-signature rule; the whole document in `charset`.
pub(crate) fn success(
    charset: Charset,
    echo: &[(String, String)],
    payload: Option<&Payload>,
    signer: Option<&Signer>,
) -> Result<Vec<u8>, WriteError> {
    let mut xml = declaration(charset);
    xml.push_str("<alipay><is_success>T</is_success><request>");
    for (name, value) in echo {
        if alipay_core::canonical::is_signature_param(name) {
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
        for (tag, value) in &payload.fields {
            xml.push('<');
            xml.push_str(tag);
            xml.push('>');
            escape_into(&mut xml, value);
            xml.push_str("</");
            xml.push_str(tag);
            xml.push('>');
        }
        xml.push_str("</");
        xml.push_str(payload.element);
        xml.push_str("></response>");
        if let Some(signer) = signer {
            let sign = sign_payload(charset, payload, signer)?;
            xml.push_str("<sign>");
            escape_into(&mut xml, &sign);
            xml.push_str("</sign><sign_type>");
            xml.push_str(signer.sign_type().as_str());
            xml.push_str("</sign_type>");
        }
    }
    xml.push_str("</alipay>");
    charset
        .encode(&xml)
        .map(|bytes| bytes.into_owned())
        .map_err(|_| WriteError::Charset)
}

/// The response signature: each payload child as `tag=text`, the request signing rule
/// ([`SignedParams`]: empty values and `sign`/`sign_type` dropped, sorted by name, joined with
/// `&`), encoded in `charset`, signed. The same rule as
/// `alipay_core::xml::Envelope::response_signing_string`, which clients verify with.
pub(crate) fn sign_payload(
    charset: Charset,
    payload: &Payload,
    signer: &Signer,
) -> Result<String, WriteError> {
    let pairs = payload.fields.iter().map(|(k, v)| (*k, v.as_str()));
    let string = SignedParams::from_pairs(pairs).to_signing_string();
    let bytes = charset.encode(&string).map_err(|_| WriteError::Charset)?;
    signer.sign(&bytes).map_err(|_| WriteError::Sign)
}

fn declaration(charset: Charset) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"{}\"?>",
        xml_encoding(charset)
    )
}

/// Appends `text` escaped for element text and attribute values: the five predefined entities,
/// and `\r` as `&#13;` (a literal one would be read back as `\n`).
pub(crate) fn escape_into(out: &mut String, text: &str) {
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
/// than tab, line feed and carriage return, and U+FFFE/U+FFFF. A request holding one is refused
/// (`ILLEGAL_ARGUMENT`): it could not be echoed.
pub(crate) fn is_unrepresentable(c: char) -> bool {
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
        let envelope = alipay_core::xml::parse(&body).unwrap();
        assert!(!envelope.is_success);
        assert_eq!(envelope.error, Some(ErrorCode::IllegalSign));
        assert_eq!(envelope.charset, Charset::Gbk);
    }

    #[test]
    fn success_envelope_round_trips_through_the_client_parser() {
        let payload = Payload {
            element: "goods",
            fields: vec![
                ("b", "x<&>\r\ny".into()),
                ("a", "二手".into()),
                ("c", String::new()),
            ],
        };
        let echo = vec![
            ("service".to_owned(), "s".to_owned()),
            ("sign".to_owned(), "zz".to_owned()),
            ("sign_type".to_owned(), "MD5".to_owned()),
            ("q".to_owned(), "\"'".to_owned()),
        ];
        let signer = Signer::md5(alipay_core::sign::Md5Key::new("k"));
        let body = success(Charset::Gbk, &echo, Some(&payload), Some(&signer)).unwrap();
        let envelope = alipay_core::xml::parse(&body).unwrap();
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
        let verifier = alipay_core::sign::Verifier::md5(alipay_core::sign::Md5Key::new("k"));
        envelope.verify_signature(&verifier).unwrap();
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
