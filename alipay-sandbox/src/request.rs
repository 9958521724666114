//! The raw request: the query and a POST's form body split into percent-decoded byte pairs
//! (`alipay_core::form::split`), before any charset or check applies, and the lookups the gateway
//! and `notify_verify` make on them.

use alipay_core::form;

/// The most parameters a request may carry (query and body together); more is HTTP 400.
pub(crate) const MAX_PARAMS: usize = 256;
/// Percent-decoded `(name, value)` byte pairs, in received order.
pub(crate) type RawParams = form::RawPairs;

/// How many times a parameter was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Given<'a> {
    /// Not at all.
    Missing,
    /// Once, with this value.
    Once(&'a [u8]),
    /// More than once.
    Repeated,
}

/// Parameter `name` of `raw`.
pub(crate) fn one<'a>(raw: &'a RawParams, name: &str) -> Given<'a> {
    let mut found = Given::Missing;
    for (k, v) in raw {
        if k.as_slice() == name.as_bytes() {
            found = match found {
                Given::Missing => Given::Once(v),
                _ => return Given::Repeated,
            };
        }
    }
    found
}

/// [`one`], as UTF-8 text.
pub(crate) fn one_str<'a>(raw: &'a RawParams, name: &str) -> Option<&'a str> {
    match one(raw, name) {
        Given::Once(v) => std::str::from_utf8(v).ok(),
        _ => None,
    }
}

/// Why the percent layer refused a request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RawError {
    /// More than [`MAX_PARAMS`] parameters.
    TooMany,
    /// A `%` not followed by two hex digits.
    BadPercent,
}

/// The query's parameters, then the body's; a query parameter the body repeats exactly is
/// dropped (a POST's `_input_charset`).
pub(crate) fn raw_params(query: &[u8], body: &[u8]) -> Result<RawParams, RawError> {
    let count = |input: &[u8]| {
        input
            .split(|&b| b == b'&')
            .filter(|s| !s.is_empty())
            .count()
    };
    if count(query) + count(body) > MAX_PARAMS {
        return Err(RawError::TooMany);
    }
    let mut params = split(query)?;
    let body = split(body)?;
    params.retain(|pair| !body.contains(pair));
    params.extend(body);
    Ok(params)
}

/// `a=1&b=2` as percent-decoded byte pairs ([`form::split`]).
fn split(input: &[u8]) -> Result<RawParams, RawError> {
    form::split(input).map_err(|_| RawError::BadPercent)
}

/// The non-empty value of parameter `name` (an empty value is an absent one, as in signing).
pub(crate) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_layer() {
        let raw = raw_params(b"_input_charset=gbk&a=%41+b", b"_input_charset=gbk&c&&d=").unwrap();
        let pairs: Vec<(&[u8], &[u8])> = raw.iter().map(|(k, v)| (&k[..], &v[..])).collect();
        assert_eq!(
            pairs,
            [
                (&b"a"[..], &b"A b"[..]),
                (b"_input_charset", b"gbk"),
                (b"c", b""),
                (b"d", b"")
            ]
        );
        assert_eq!(raw_params(b"a=%4", b""), Err(RawError::BadPercent));
        assert_eq!(raw_params(b"", b"a=%zz"), Err(RawError::BadPercent));
        let many = "a=1&".repeat(MAX_PARAMS + 1);
        assert_eq!(raw_params(many.as_bytes(), b""), Err(RawError::TooMany));
    }

    #[test]
    fn one_counts() {
        let raw = raw_params(b"a=1&b=2&b=2", b"").unwrap();
        assert_eq!(one(&raw, "a"), Given::Once(b"1"));
        assert_eq!(one(&raw, "b"), Given::Repeated);
        assert_eq!(one(&raw, "c"), Given::Missing);
    }
}
