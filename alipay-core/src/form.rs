//! Wire encoding: parameters as an `application/x-www-form-urlencoded` string in the request charset.
//!
//! The same encoding serves a GET query string and a POST body: each name and value is first encoded
//! in the request charset ([`Charset`]), then every byte outside RFC 3986's unreserved set (ASCII
//! letters, digits, `-._~`) is percent-encoded (a space is `%20`). That is what Python's
//! `urllib.parse.quote(v, safe='')` produces, and what every form decoder reads back. Decoding is
//! strict: `+` and `%20` are spaces, a broken `%` escape or bytes invalid in the charset are errors,
//! never replaced.

use crate::charset::{Charset, CharsetError};

/// RFC 3986's unreserved bytes (ASCII letters, digits, `-._~`): the ones sent as they are.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends one name or value, already in the request charset's bytes, percent-encoded. Every byte
/// written is ASCII.
///
/// A table lookup per byte and one copy per unreserved run. This is on every request's hot path:
/// callgrind put `form_urlencoded::byte_serialize` and `percent_encoding::percent_encode` at about
/// 12 instructions per byte, a quarter of preparing the SNS document's request, hence these few lines.
pub fn push_component(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut rest = bytes;
    loop {
        let run = rest
            .iter()
            .position(|&b| !UNRESERVED[usize::from(b)])
            .unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(run);
        out.extend_from_slice(plain);
        let Some((&b, tail)) = tail.split_first() else {
            return;
        };
        out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0f)]]);
        rest = tail;
    }
}

/// Turns bytes written by [`push_component`] (all ASCII) into a `String` without copying.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        // push_component writes only ASCII bytes (unreserved bytes, '%' and hex digits), and
        // callers add only '=' and '&'.
        Err(_) => unreachable!("percent-encoded output is ASCII"),
    }
}

/// A failure to decode a form-encoded string.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A `%` not followed by two hex digits.
    #[error("broken percent-encoding at byte {offset}")]
    BadPercent {
        /// Byte offset of the `%`.
        offset: usize,
    },
    /// The decoded bytes are not valid in the charset.
    #[error("parameter {name:?}: {source}")]
    Charset {
        /// The parameter whose name or value failed (as far as it could be decoded).
        name: String,
        /// The charset failure.
        #[source]
        source: CharsetError,
    },
}

/// Appends `k=v&…` for `params`, each name and value encoded in `charset` and percent-encoded.
pub fn write_encoded<K: AsRef<str>, V: AsRef<str>>(
    params: &[(K, V)],
    charset: Charset,
    out: &mut Vec<u8>,
) -> Result<(), CharsetError> {
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        push_component(out, &charset.encode(k.as_ref())?);
        out.push(b'=');
        push_component(out, &charset.encode(v.as_ref())?);
    }
    Ok(())
}

/// Encodes `params` as a query string or form body in `charset` (see [`write_encoded`]).
///
/// ```
/// use alipay_core::{charset::Charset, form::encode};
/// let q = encode(&[("goods_name", "二手 围巾"), ("q", "a&b=c")], Charset::Gbk).unwrap();
/// // python3 -c "import urllib.parse as u; print(u.urlencode({'goods_name': '二手 围巾', 'q': 'a&b=c'}, encoding='gbk', quote_via=u.quote))"
/// assert_eq!(q, "goods_name=%B6%FE%CA%D6%20%CE%A7%BD%ED&q=a%26b%3Dc");
/// ```
pub fn encode<K: AsRef<str>, V: AsRef<str>>(
    params: &[(K, V)],
    charset: Charset,
) -> Result<String, CharsetError> {
    let mut out = Vec::with_capacity(params.len() * 24);
    write_encoded(params, charset, &mut out)?;
    Ok(ascii_string(out))
}

/// Percent-decoded `(name, value)` byte pairs, in received order: a form before its charset is
/// applied.
pub type RawPairs = Vec<(Vec<u8>, Vec<u8>)>;

/// Splits a form body or query string into percent-decoded byte pairs (the percent layer, before
/// any charset): `+` is a space, `%XX` a byte, empty segments (`a=1&&b=2`) are skipped, and a
/// segment without `=` is a name with an empty value. A `%` not followed by two hex digits is
/// [`FormError::BadPercent`] with its offset.
///
/// ```
/// use alipay_core::form::split;
/// let pairs = split(b"a=1+2&&b=%B6%FE&c").unwrap();
/// assert_eq!(pairs, [(b"a".to_vec(), b"1 2".to_vec()), (b"b".to_vec(), vec![0xB6, 0xFE]), (b"c".to_vec(), vec![])]);
/// ```
pub fn split(input: &[u8]) -> Result<RawPairs, FormError> {
    let mut pairs = Vec::new();
    let mut start = 0;
    for segment in input.split(|&b| b == b'&') {
        let seg_start = start;
        start += segment.len() + 1;
        if segment.is_empty() {
            continue;
        }
        let (name, value, value_start) = match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (&segment[..eq], &segment[eq + 1..], seg_start + eq + 1),
            None => (
                segment,
                &segment[segment.len()..],
                seg_start + segment.len(),
            ),
        };
        pairs.push((unescape(name, seg_start)?, unescape(value, value_start)?));
    }
    Ok(pairs)
}

/// Decodes every name and value of `raw` in `charset` (the charset layer).
pub fn decode_pairs(
    raw: &[(Vec<u8>, Vec<u8>)],
    charset: Charset,
) -> Result<Vec<(String, String)>, FormError> {
    raw.iter()
        .map(|(name, value)| {
            let name = charset
                .decode(name)
                .map_err(|source| FormError::Charset {
                    name: String::from_utf8_lossy(name).into_owned(),
                    source,
                })?
                .into_owned();
            match charset.decode(value) {
                Ok(value) => Ok((name, value.into_owned())),
                Err(source) => Err(FormError::Charset { name, source }),
            }
        })
        .collect()
}

/// Decodes a form body or query string in `charset` into ordered `(name, value)` pairs:
/// [`split`], then [`decode_pairs`].
pub fn decode(input: &[u8], charset: Charset) -> Result<Vec<(String, String)>, FormError> {
    decode_pairs(&split(input)?, charset)
}

/// Why a form's declared charset could not be read ([`declared_charset`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeclaredCharsetError {
    /// `_input_charset` or `charset` is given more than once.
    #[error("{name} is given more than once")]
    Repeated {
        /// The repeated parameter.
        name: &'static str,
    },
    /// The label is not a charset this crate knows (or is not even ASCII).
    #[error("{param}: {source}")]
    Unsupported {
        /// `_input_charset` or `charset`.
        param: &'static str,
        /// The label, cut to 64 characters.
        #[source]
        source: CharsetError,
    },
    /// `_input_charset` and `charset` name different charsets.
    #[error("_input_charset {input_charset:?} and charset {charset:?} disagree")]
    Conflicting {
        /// `_input_charset` as given (cut to 64 characters).
        input_charset: String,
        /// `charset` as given (cut to 64 characters).
        charset: String,
    },
}

/// The charset a form declares, read from its raw pairs ([`split`]) before anything is decoded
/// (the names and the labels are ASCII): `_input_charset` (requests and notifications), or
/// `charset` (some notifications); both may be given when they agree. `None` when neither is.
///
/// ```
/// use alipay_core::form::{declared_charset, split};
/// use alipay_core::Charset;
/// let raw = split(b"subject=%B6%FE&_input_charset=GBK").unwrap();
/// assert_eq!(declared_charset(&raw), Ok(Some(Charset::Gbk)));
/// assert_eq!(declared_charset(&split(b"a=1").unwrap()), Ok(None));
/// ```
pub fn declared_charset(
    raw: &[(Vec<u8>, Vec<u8>)],
) -> Result<Option<Charset>, DeclaredCharsetError> {
    const INPUT_CHARSET: &str = "_input_charset";
    const CHARSET: &str = "charset";
    let cut = |bytes: &[u8]| crate::sign::truncated_to(&String::from_utf8_lossy(bytes), 64);
    let mut input_charset: Option<&[u8]> = None;
    let mut charset: Option<&[u8]> = None;
    for (name, value) in raw {
        let (param, slot) = match name.as_slice() {
            b"_input_charset" => (INPUT_CHARSET, &mut input_charset),
            b"charset" => (CHARSET, &mut charset),
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(DeclaredCharsetError::Repeated { name: param });
        }
    }
    let parse = |param: &'static str, label: &[u8]| {
        let unknown = || DeclaredCharsetError::Unsupported {
            param,
            source: CharsetError::Unknown { label: cut(label) },
        };
        let text = std::str::from_utf8(label).map_err(|_| unknown())?;
        Charset::from_label(text).map_err(|_| unknown())
    };
    let input = input_charset.map(|l| parse(INPUT_CHARSET, l)).transpose()?;
    let other = charset.map(|l| parse(CHARSET, l)).transpose()?;
    match (input, other) {
        (Some(a), Some(b)) if a != b => Err(DeclaredCharsetError::Conflicting {
            input_charset: cut(input_charset.unwrap_or_default()),
            charset: cut(charset.unwrap_or_default()),
        }),
        (a, b) => Ok(a.or(b)),
    }
}

/// Undoes `+` and `%XX` in one form component; `base` is its offset in the whole input.
fn unescape(bytes: &[u8], base: usize) -> Result<Vec<u8>, FormError> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (
                    bytes.get(i + 1).and_then(|&b| hex(b)),
                    bytes.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
                    _ => return Err(FormError::BadPercent { offset: base + i }),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_round_trip() {
        let params = [("logistics_name", "申通快递"), ("v", "a b+c%d&e=f")];
        let s = encode(&params, Charset::Utf8).unwrap();
        // python3 -c "import urllib.parse as u; print(u.urlencode({'logistics_name':'申通快递','v':'a b+c%d&e=f'}, quote_via=u.quote))"
        assert_eq!(
            s,
            "logistics_name=%E7%94%B3%E9%80%9A%E5%BF%AB%E9%80%92&v=a%20b%2Bc%25d%26e%3Df"
        );
        let back = decode(s.as_bytes(), Charset::Utf8).unwrap();
        assert_eq!(back[0], ("logistics_name".into(), "申通快递".into()));
        assert_eq!(back[1], ("v".into(), "a b+c%d&e=f".into()));
        // `+` from other encoders is a space too.
        assert_eq!(decode(b"v=a+b", Charset::Utf8).unwrap()[0].1, "a b");
    }

    #[test]
    fn every_byte_as_python_quotes_it() {
        // python3 -c "import urllib.parse as u; print(u.quote(bytes(range(256)), safe=''))"
        const PYTHON: &str = "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F%80%81%82%83%84%85%86%87%88%89%8A%8B%8C%8D%8E%8F%90%91%92%93%94%95%96%97%98%99%9A%9B%9C%9D%9E%9F%A0%A1%A2%A3%A4%A5%A6%A7%A8%A9%AA%AB%AC%AD%AE%AF%B0%B1%B2%B3%B4%B5%B6%B7%B8%B9%BA%BB%BC%BD%BE%BF%C0%C1%C2%C3%C4%C5%C6%C7%C8%C9%CA%CB%CC%CD%CE%CF%D0%D1%D2%D3%D4%D5%D6%D7%D8%D9%DA%DB%DC%DD%DE%DF%E0%E1%E2%E3%E4%E5%E6%E7%E8%E9%EA%EB%EC%ED%EE%EF%F0%F1%F2%F3%F4%F5%F6%F7%F8%F9%FA%FB%FC%FD%FE%FF";
        let all: Vec<u8> = (0..=255).collect();
        let mut out = Vec::new();
        push_component(&mut out, &all);
        assert_eq!(ascii_string(out), PYTHON);
    }

    #[test]
    fn unreserved_set_is_rfc3986() {
        // python3 -c "import urllib.parse as u; print(u.quote('AZaz09-._~ !*()/:+', safe=''))"
        let s = encode(&[("k", "AZaz09-._~ !*()/:+")], Charset::Utf8).unwrap();
        assert_eq!(s, "k=AZaz09-._~%20%21%2A%28%29%2F%3A%2B");
    }

    #[test]
    fn gbk_round_trip() {
        // python3 -c "import urllib.parse as u; print(u.urlencode({'n':'申通快递'}, encoding='gbk'))"
        let s = encode(&[("n", "申通快递")], Charset::Gbk).unwrap();
        assert_eq!(s, "n=%C9%EA%CD%A8%BF%EC%B5%DD");
        assert_eq!(decode(s.as_bytes(), Charset::Gbk).unwrap()[0].1, "申通快递");
    }

    #[test]
    fn strict_decode() {
        assert_eq!(
            decode(b"a=1&b=%zz", Charset::Utf8),
            Err(FormError::BadPercent { offset: 6 })
        );
        assert!(matches!(
            decode(b"a=%FF", Charset::Utf8),
            Err(FormError::Charset { .. })
        ));
        assert_eq!(decode(b"a&&b=", Charset::Utf8).unwrap().len(), 2);
    }
}
