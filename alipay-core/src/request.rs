//! Turning parameters into a signed request: the canonical string, its signature, and the wire form.
//!
//! [`prepare`] is the one pipeline every caller (the derive, the client, the CLI) goes through:
//! canonical string ([`crate::canonical`]) → bytes in the request charset ([`Charset`]) → signature
//! ([`Signer`]) → percent-encoded parameters ([`crate::form`]). What is signed is exactly what is sent:
//! the same parameters, empty values dropped from both, plus `sign_type` and `sign`.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::canonical::SignedParams;
use crate::charset::{Charset, CharsetError};
use crate::form;
use crate::service::{CommonParams, Request, ValidationErrors};
use crate::sign::{self, SignError, SignParamsError, SignType, Signature, Signer};
use crate::types::Partner;

/// A request signed and encoded, ready for the gateway.
///
/// `Debug` shows the values of parameters declared `secret` (e.g. the SNS user `key`) as
/// `<secret>`; so do [`redacted_string_to_sign`](Self::redacted_string_to_sign) and
/// [`redacted_encoded`](Self::redacted_encoded), which are what to log. The accessors give the
/// exact text that was signed and sent; it cannot be changed after signing (the redaction ranges
/// and the signature are only right for the text they were made from).
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    charset: Charset,
    sign_type: SignType,
    string_to_sign: String,
    sign: String,
    encoded: String,
    /// Byte ranges of secret values: in `string_to_sign`, then in `encoded`.
    secrets: Vec<(Range<usize>, Range<usize>)>,
}

/// Why a request could not be prepared. Nothing was sent.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    /// A parameter cannot be represented in the request charset.
    #[error("parameter {param:?}: {source}")]
    Charset {
        /// The wire name of the parameter.
        param: String,
        /// The charset failure.
        #[source]
        source: CharsetError,
    },
    /// A secret parameter's value cannot be represented in the request charset (the value, and so
    /// the offending character, is not shown).
    #[error("parameter {param:?} (secret, value hidden) cannot be encoded in {charset}")]
    SecretCharset {
        /// The wire name of the parameter.
        param: String,
        /// The request charset.
        charset: Charset,
    },
    /// `_input_charset` among the parameters names another charset than the one encoding them.
    #[error(
        "_input_charset is {found:?} but the request is encoded in {charset}: pass the same charset"
    )]
    CharsetMismatch {
        /// The `_input_charset` value found.
        found: String,
        /// The charset the request is encoded in.
        charset: Charset,
    },
    /// The signer failed.
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The request breaks its service's rules (every violation is listed).
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
}

impl SignedRequest {
    /// The request charset (`_input_charset`).
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The sign type used.
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// The canonical string that was signed, before charset encoding: what to compare with the
    /// gateway's view when it answers `ILLEGAL_SIGN`. It never holds the partner's MD5 key, but it
    /// does hold the values of secret business parameters: log
    /// [`redacted_string_to_sign`](Self::redacted_string_to_sign).
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The signature (`sign`).
    pub fn sign(&self) -> &str {
        &self.sign
    }

    /// Every parameter sent, percent-encoded in the charset: the signed ones in signing order, then
    /// `sign_type` and `sign`. This is the GET query string and the POST body. It holds secret
    /// values: log [`redacted_encoded`](Self::redacted_encoded).
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// [`encoded`](Self::encoded), taken out of the request (no copy).
    pub fn into_encoded(self) -> String {
        self.encoded
    }

    /// The URL of a GET request: `gateway?<all parameters>`.
    pub fn get_url(&self, gateway: &str) -> String {
        let mut url = String::with_capacity(gateway.len() + 1 + self.encoded.len());
        url.push_str(gateway);
        url.push(if gateway.contains('?') { '&' } else { '?' });
        url.push_str(&self.encoded);
        url
    }

    /// The URL a POST goes to: `gateway?_input_charset=…`, so the gateway can decode the body.
    pub fn post_url(&self, gateway: &str) -> String {
        let sep = if gateway.contains('?') { '&' } else { '?' };
        format!("{gateway}{sep}_input_charset={}", self.charset.as_str())
    }

    /// The `application/x-www-form-urlencoded` body of a POST (the same text as the GET query).
    pub fn post_body(&self) -> &str {
        &self.encoded
    }

    /// Every parameter sent, as raw (unencoded) `(name, value)` pairs in wire order: the signed ones
    /// in signing order (what [`string_to_sign`](Self::string_to_sign) joins), then `sign_type` and
    /// `sign`. These are the hidden inputs of a page form ([`crate::page`]).
    ///
    /// Secret values are included: they are sent. Do not log these pairs; log
    /// [`redacted_encoded`](Self::redacted_encoded).
    ///
    /// ```
    /// use alipay_core::{Charset, request::prepare, sign::{Md5Key, Signer}};
    ///
    /// let signer = Signer::md5(Md5Key::new("demo-key"));
    /// let signed = prepare(&[("service", "x"), ("a", "1&b=2")], Charset::Utf8, &signer)?;
    /// let pairs = signed.pairs();
    /// let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    /// assert_eq!(pairs[..3], [("_input_charset", "utf-8"), ("a", "1&b=2"), ("service", "x")]);
    /// assert_eq!(pairs[3..], [("sign_type", "MD5"), ("sign", signed.sign())]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pairs(&self) -> Vec<(String, String)> {
        // Decoded from the wire form, where `&` and `=` inside values are percent-encoded, so
        // nothing per pair is kept on the hot path for this rarely used view. `encoded` was
        // produced from text valid in `charset`, so decoding it cannot fail.
        match form::decode(self.encoded.as_bytes(), self.charset) {
            Ok(pairs) => pairs,
            Err(e) => unreachable!("prepare's own encoding decodes: {e}"),
        }
    }

    /// [`string_to_sign`](Self::string_to_sign) with secret values replaced by `<secret>`: the
    /// form to log.
    pub fn redacted_string_to_sign(&self) -> Cow<'_, str> {
        redact(
            &self.string_to_sign,
            self.secrets.iter().map(|(s, _)| s.clone()),
        )
    }

    /// [`encoded`](Self::encoded) with secret values replaced by `<secret>`: the form to log.
    pub fn redacted_encoded(&self) -> Cow<'_, str> {
        redact(&self.encoded, self.secrets.iter().map(|(_, e)| e.clone()))
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedRequest")
            .field("charset", &self.charset)
            .field("sign_type", &self.sign_type)
            .field("string_to_sign", &self.redacted_string_to_sign())
            .field("sign", &self.sign)
            .field("encoded", &self.redacted_encoded())
            .finish()
    }
}

/// `text` with each of `ranges` (in increasing order, not overlapping) replaced by `<secret>`.
fn redact(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    for r in ranges {
        out.push_str(&text[last..r.start]);
        out.push_str("<secret>");
        last = r.end;
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// Validates a declared service request, then signs and encodes it with the common parameters
/// (`service`, `partner`, `_input_charset`) merged in.
///
/// ```
/// use alipay_core::{Charset, request::prepare_request, sign::{Md5Key, Signer}};
/// use alipay_services::sns_create_goods_ws::CreateGoods;
///
/// let signer = Signer::md5(Md5Key::new("demo-key"));
/// let partner = "2088002464631181".parse()?;
/// let signed = prepare_request(&CreateGoods::example(), &partner, Charset::Utf8, &signer)?;
/// assert!(signed.string_to_sign().starts_with("_input_charset=utf-8&buy_max_num=100&"));
/// assert!(signed.encoded().ends_with(&format!("&sign_type=MD5&sign={}", signed.sign())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prepare_request<R: Request>(
    request: &R,
    partner: &Partner,
    charset: Charset,
    signer: &Signer,
) -> Result<SignedRequest, PrepareError> {
    request.validate()?;
    let mut params: Vec<(&'static str, Cow<'_, str>)> = Vec::with_capacity(R::PARAMS.len() + 3);
    let common = CommonParams {
        partner: partner.as_str(),
        charset,
    };
    request.signing_params(&common, &mut params);
    let secrets: Vec<&str> = R::PARAMS
        .iter()
        .filter(|p| p.secret)
        .map(|p| p.name)
        .collect();
    sign_and_encode(SignedParams::new(&params), charset, signer, &secrets)
}

/// Signs `params` (every signed parameter, including `service`, `partner` and `_input_charset`) and
/// encodes them for the wire.
///
/// `sign` and `sign_type` in `params` are ignored (the signer's own are added); empty values are
/// neither signed nor sent. The order of `params` does not matter, but callers that pass them already
/// sorted by name (the derive does) skip the sort.
pub fn prepare<K: AsRef<str>, V: AsRef<str>>(
    params: &[(K, V)],
    charset: Charset,
    signer: &Signer,
) -> Result<SignedRequest, PrepareError> {
    match params.iter().find(|(k, _)| k.as_ref() == "_input_charset") {
        Some((_, v)) if Charset::from_label(v.as_ref()) == Ok(charset) => {
            sign_and_encode(SignedParams::new(params), charset, signer, &[])
        }
        Some((_, v)) => Err(PrepareError::CharsetMismatch {
            found: v.as_ref().to_owned(),
            charset,
        }),
        None => {
            let with = params
                .iter()
                .map(|(k, v)| (k.as_ref(), v.as_ref()))
                .chain([("_input_charset", charset.as_str())]);
            sign_and_encode(SignedParams::from_pairs(with), charset, signer, &[])
        }
    }
}

/// The pipeline proper: canonical string → bytes → signature → wire form. `secrets` names the
/// parameters whose values are redacted in logs and errors.
fn sign_and_encode(
    signed: SignedParams<'_>,
    charset: Charset,
    signer: &Signer,
    secrets: &[&str],
) -> Result<SignedRequest, PrepareError> {
    let Signature {
        string_to_sign,
        sign,
    } = sign::sign_params(&signed, charset, signer).map_err(|e| match e {
        SignParamsError::Charset { param, source, .. } => {
            charset_error(param, source, charset, secrets)
        }
        SignParamsError::Sign(e) => PrepareError::Sign(e),
    })?;
    let sign_type = signer.sign_type();

    // Room for every byte percent-encoded: growing the buffer midway costs more than the slack.
    let mut encoded = Vec::with_capacity(string_to_sign.len() * 3 + sign.len() * 3 + 32);
    let mut secret_spans = Vec::new();
    // Offset of the current pair in `string_to_sign` (which is exactly the pairs joined).
    let mut at = 0;
    // The same list as the canonical string: the wire carries exactly what was signed.
    for &(k, v) in signed.pairs() {
        // Names and values were proven encodable above (they are parts of the signed string), so
        // encoding them again cannot fail; the error arm only keeps that promise checked.
        let (name, value) = match (charset.encode(k), charset.encode(v)) {
            (Ok(name), Ok(value)) => (name, value),
            (Err(e), _) | (_, Err(e)) => {
                return Err(charset_error(k.to_owned(), e, charset, secrets));
            }
        };
        if !encoded.is_empty() {
            encoded.push(b'&');
        }
        form::push_component(&mut encoded, &name);
        encoded.push(b'=');
        let value_start = encoded.len();
        form::push_component(&mut encoded, &value);
        if secrets.contains(&k) {
            let start = at + k.len() + 1;
            secret_spans.push((start..start + v.len(), value_start..encoded.len()));
        }
        at += k.len() + v.len() + 2;
    }
    for (k, v) in [("sign_type", sign_type.as_str()), ("sign", &sign)] {
        if !encoded.is_empty() {
            encoded.push(b'&');
        }
        form::push_component(&mut encoded, k.as_bytes());
        encoded.push(b'=');
        form::push_component(&mut encoded, v.as_bytes());
    }

    Ok(SignedRequest {
        charset,
        sign_type,
        string_to_sign,
        sign,
        encoded: form::ascii_string(encoded),
        secrets: secret_spans,
    })
}

/// The error for parameter `param`, which the charset cannot encode (hiding the value, and so the
/// offending character, of a secret one).
fn charset_error(
    param: String,
    source: CharsetError,
    charset: Charset,
    secrets: &[&str],
) -> PrepareError {
    if secrets.contains(&param.as_str()) {
        PrepareError::SecretCharset { param, charset }
    } else {
        PrepareError::Charset { param, source }
    }
}
