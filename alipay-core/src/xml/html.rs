//! Recognising the gateway's HTML error pages and recovering the error code they show.

use std::borrow::Cow;

use crate::charset::Charset;
use crate::error::ErrorCode;

/// True when the body, after leading whitespace, starts with `<!DOCTYPE html` or `<html`
/// (any case). Pages that open with an XML declaration or a comment are caught later, by the
/// root element's name.
pub(super) fn looks_like_html(body: &[u8]) -> bool {
    let body = body.trim_ascii_start();
    starts_with_ignore_case(body, b"<html")
        || (starts_with_ignore_case(body, b"<!doctype")
            && starts_with_ignore_case(body[9..].trim_ascii_start(), b"html"))
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Finds the error code an HTML error page shows.
///
/// The page is decoded as UTF-8, else as GBK (Alipay's pages use both), so that a GBK trail byte in
/// the ASCII range never glues onto a code. A candidate is a maximal run of `[A-Za-z0-9_]` that is
/// upper case, starts with a letter, and has `_`-separated parts (`ILLEGAL_PARTNER`,
/// `SYSTEM_ERROR`). A code this crate knows wins over an unknown one; otherwise the first candidate.
pub(super) fn find_error_code(body: &[u8]) -> Option<ErrorCode> {
    let text: Cow<'_, str> = match Charset::Utf8.decode(body) {
        Ok(text) => text,
        Err(_) => match Charset::Gbk.decode(body) {
            Ok(text) => text,
            Err(_) => String::from_utf8_lossy(body),
        },
    };
    let mut first_unknown = None;
    for token in text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|t| is_code_like(t))
    {
        match ErrorCode::from_code(token) {
            ErrorCode::Unknown(_) => {
                first_unknown.get_or_insert(token);
            }
            known => return Some(known),
        }
    }
    first_unknown.map(ErrorCode::from_code)
}

fn is_code_like(token: &str) -> bool {
    (5..=64).contains(&token.len())
        && token.starts_with(|c: char| c.is_ascii_uppercase())
        && !token.ends_with('_')
        && token.contains('_')
        && !token.contains("__")
        && token
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}
