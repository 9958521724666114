//! Turning parameters into a signed request: the canonical string, its signature, and the wire form.
//!
//! [`prepare`] is the one pipeline every caller (the derive, the client, the CLI) goes through:
//! canonical string ([`crate::canonical`]) → bytes in the request charset ([`Charset`]) → signature
//! ([`Signer`]) → percent-encoded parameters ([`crate::form`]). What is signed is exactly what is sent:
//! the same parameters, empty values dropped from both, plus `sign_type` and `sign`.

use std::borrow::Cow;

use crate::canonical::SignedParams;
use crate::charset::{Charset, CharsetError};
use crate::form;
use crate::service::{CommonParams, Request, ValidationErrors};
use crate::sign::{SignError, SignType, Signer};

/// A request signed and encoded, ready for the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    /// The request charset (`_input_charset`).
    pub charset: Charset,
    /// The sign type used.
    pub sign_type: SignType,
    /// The canonical string that was signed, before charset encoding. Log this (it holds no secret
    /// of the partner) when the gateway answers `ILLEGAL_SIGN`.
    pub string_to_sign: String,
    /// The signature (`sign`).
    pub sign: String,
    /// Every parameter sent, percent-encoded in the charset: the signed ones in signing order, then
    /// `sign_type` and `sign`. This is the GET query string and the POST body.
    pub encoded: String,
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
    /// The signer failed.
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The request breaks its service's rules (every violation is listed).
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
}

impl SignedRequest {
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
}

/// Validates a declared service request, then signs and encodes it with the common parameters
/// (`service`, `partner`, `_input_charset`) merged in.
///
/// ```
/// use alipay_core::{Charset, request::prepare_request, sign::{Md5Key, Signer}};
/// use alipay_core::services::sns_create_goods::CreateGoods;
///
/// let signer = Signer::md5(Md5Key::new("demo-key"));
/// let signed = prepare_request(&CreateGoods::example(), "2088002464631181", Charset::Utf8, &signer)?;
/// assert!(signed.string_to_sign.starts_with("_input_charset=utf-8&buy_max_num=100&"));
/// assert!(signed.encoded.ends_with(&format!("&sign_type=MD5&sign={}", signed.sign)));
/// # Ok::<(), alipay_core::request::PrepareError>(())
/// ```
pub fn prepare_request<R: Request>(
    request: &R,
    partner: &str,
    charset: Charset,
    signer: &Signer,
) -> Result<SignedRequest, PrepareError> {
    request.validate()?;
    let mut params: Vec<(&'static str, Cow<'_, str>)> = Vec::with_capacity(R::PARAMS.len() + 3);
    request.signing_params(&CommonParams { partner, charset }, &mut params);
    prepare(&params, charset, signer)
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
    let signed = SignedParams::new(params);
    let string_to_sign = signed.to_signing_string();
    let bytes = charset
        .encode(&string_to_sign)
        .map_err(|source| charset_error(params, charset, source))?;
    let sign = signer.sign(&bytes)?;
    let sign_type = signer.sign_type();

    let mut encoded = Vec::with_capacity(string_to_sign.len() * 2 + sign.len() + 32);
    let mut first = true;
    let mut push = |k: &[u8], v: &[u8]| {
        if !first {
            encoded.push(b'&');
        }
        first = false;
        form::push_component(&mut encoded, k);
        encoded.push(b'=');
        form::push_component(&mut encoded, v);
    };
    // The same list as the canonical string: the wire carries exactly what was signed.
    // Names and values were proven encodable above (they are parts of the signed string), so
    // encoding them again cannot fail; the error arm only keeps that promise checked.
    for &(k, v) in signed.pairs() {
        match (charset.encode(k), charset.encode(v)) {
            (Ok(name), Ok(value)) => push(&name, &value),
            (Err(source), _) | (_, Err(source)) => {
                return Err(PrepareError::Charset {
                    param: k.to_owned(),
                    source,
                });
            }
        }
    }
    push(b"sign_type", sign_type.as_str().as_bytes());
    push(b"sign", sign.as_bytes());

    Ok(SignedRequest {
        charset,
        sign_type,
        string_to_sign,
        sign,
        encoded: form::ascii_string(encoded),
    })
}

/// Names the first parameter whose name or value the charset cannot encode.
fn charset_error<K: AsRef<str>, V: AsRef<str>>(
    params: &[(K, V)],
    charset: Charset,
    fallback: CharsetError,
) -> PrepareError {
    for (k, v) in params {
        for text in [k.as_ref(), v.as_ref()] {
            if let Err(source) = charset.encode(text) {
                return PrepareError::Charset {
                    param: k.as_ref().to_owned(),
                    source,
                };
            }
        }
    }
    PrepareError::Charset {
        param: String::new(),
        source: fallback,
    }
}
