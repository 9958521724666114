//! Asynchronous notifications: decoding a body Alipay POSTs to `notify_url` and verifying its
//! signature, without any network call.
//!
//! This is the network-free half of accepting a notification (docs/protocol.md, "Asynchronous
//! notifications"): [`decode_notification`] decodes the form strictly within [`NotifyLimits`],
//! [`verify_notification_signature`] checks `sign` over *every* received parameter but `sign` and
//! `sign_type` (never a fixed list: Alipay adds fields). Confirming the `notify_id` with
//! `notify_verify` and running the business step once are the client's job. Whatever the outcome,
//! answer Alipay with exactly [`ACK_SUCCESS`] once the notification is handled, or [`ACK_FAIL`] to
//! have it delivered again.
//!
//! ```
//! use alipay_core::notify::{ACK_SUCCESS, NotifyLimits, decode_notification, verify_notification_signature};
//! use alipay_core::sign::{Md5Key, Verifier};
//! use alipay_core::types::TradeStatus;
//!
//! // python3 -c "import hashlib; print(hashlib.md5(b'notify_id=ab%2Fc+d&trade_status=TRADE_FINISHED' + b'0123456789abcdef0123456789abcdef').hexdigest())"
//! let body = b"notify_id=ab%252Fc%2Bd&trade_status=TRADE_FINISHED\
//!              &sign_type=MD5&sign=90e345abf06e92d16c28d3d9a5aa5b07";
//! let n = decode_notification(body, None, &NotifyLimits::DEFAULT)?;
//! assert_eq!(n.notify_id(), "ab%2Fc+d"); // decoded once: the id itself may contain `%2F`
//! assert_eq!(n.trade_status(), Some(TradeStatus::TradeFinished));
//!
//! let verifier = Verifier::md5(Md5Key::new("0123456789abcdef0123456789abcdef"));
//! verify_notification_signature(&n, &verifier)?;
//! assert_eq!(ACK_SUCCESS, "success");
//! # Ok::<(), alipay_core::notify::NotifyError>(())
//! ```
//!
//! # The charset rule
//!
//! Alipay POSTs a notification in the merchant's `_input_charset` (UTF-8 or GBK). The body itself is
//! percent-encoded ASCII, so the charset is found before decoding the rest:
//! 1. the body's own `_input_charset` parameter, when present;
//! 2. otherwise its `charset` parameter, when present (both present and different is an error);
//! 3. otherwise the caller's hint (the `_input_charset` the merchant uses with Alipay);
//! 4. otherwise UTF-8.
//!
//! The same charset decodes the body and encodes the signing string for verification.

use std::collections::HashSet;
use std::fmt;

use crate::canonical::{self, SignedParams};
use crate::charset::{Charset, CharsetError};
use crate::form::{self, DeclaredCharsetError, FormError};
use crate::sign::{self, SignType, Verifier, VerifyError, VerifyParamsError};
use crate::types::{Amount, TradeStatus, WireValue, WireValueError};

/// The body that acknowledges a notification: exactly these 7 bytes, nothing around them. Anything
/// else makes Alipay deliver the notification again (8 times within 25 hours).
pub const ACK_SUCCESS: &str = "success";

/// A body that asks Alipay to deliver the notification again (any body but [`ACK_SUCCESS`] does;
/// this is the conventional one).
pub const ACK_FAIL: &str = "fail";

/// `notify_verify`'s plain-text answer to "did Alipay send notification `notify_id` to this
/// partner?": the [`Response`](crate::Response) of the catalog's `notify_verify` service, and what
/// a client's own confirmation step reads.
///
/// The answer is not an XML envelope but one of three words
/// ([`Response::TEXT`](crate::Response::TEXT)):
///
/// ```
/// use alipay_core::Response as _;
/// use alipay_core::notify::NotifyVerify;
///
/// assert_eq!(NotifyVerify::from_text(b"true"), Ok(NotifyVerify::True));
/// assert!(NotifyVerify::from_text(b"<alipay>").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum NotifyVerify {
    /// `true`: Alipay sent this notification to this partner (within about the last minute).
    True,
    /// `false`: not sent by Alipay, or expired.
    False,
    /// `invalid`: the verification request's parameters were wrong (partner, notify_id).
    Invalid,
}

impl NotifyVerify {
    /// The answer as the gateway writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::True => "true",
            Self::False => "false",
            Self::Invalid => "invalid",
        }
    }
}

impl fmt::Display for NotifyVerify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl crate::Response for NotifyVerify {
    const ELEMENT: &'static str = "";
    const FIELDS: &'static [crate::service::FieldSpec] = &[];
    const TEXT: &'static [&'static str] = &["true", "false", "invalid"];

    /// Never called: the answer is text (`from_text`).
    fn from_payload(_: &crate::xml::Payload) -> Result<Self, crate::service::ResponseFieldError> {
        Err(crate::service::ResponseFieldError::new(
            "",
            None,
            crate::service::ResponseErrorKind::UnexpectedText {
                found: "<an XML payload>".to_owned(),
                expected: Self::TEXT,
            },
        ))
    }

    /// The answer as one field, `notify_verify` (what a tool prints).
    fn write_fields<'a>(&'a self, out: &mut Vec<(&'static str, std::borrow::Cow<'a, str>)>) {
        out.push(("notify_verify", std::borrow::Cow::Borrowed(self.as_str())));
    }

    /// `true`, `false` or `invalid`, surrounding ASCII whitespace ignored; any other text is
    /// [`UnexpectedText`](crate::service::ResponseErrorKind::UnexpectedText).
    fn from_text(text: &[u8]) -> Result<Self, crate::service::ResponseFieldError> {
        match text.trim_ascii() {
            b"true" => Ok(Self::True),
            b"false" => Ok(Self::False),
            b"invalid" => Ok(Self::Invalid),
            other => Err(crate::service::ResponseFieldError::new(
                "",
                None,
                crate::service::ResponseErrorKind::UnexpectedText {
                    found: truncated(&String::from_utf8_lossy(other)),
                    expected: Self::TEXT,
                },
            )),
        }
    }
}

/// At most this many characters of a received value are echoed in an error.
const ECHO_LIMIT: usize = 64;

/// Size limits applied before and while decoding a notification body.
///
/// The defaults ([`NotifyLimits::DEFAULT`]) leave ample room for real notifications (about 1–2 KiB,
/// 20–40 parameters) while bounding the work an unauthenticated POST can cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotifyLimits {
    /// The largest body accepted, in bytes (default 64 KiB). Checked before anything is decoded.
    pub max_body_bytes: usize,
    /// The most parameters accepted (default 256). Checked before anything is decoded.
    pub max_params: usize,
    /// The longest decoded value accepted, in bytes of its UTF-8 text (default 16 KiB).
    pub max_value_bytes: usize,
}

impl NotifyLimits {
    /// 64 KiB of body, 256 parameters, 16 KiB per value.
    pub const DEFAULT: Self = Self {
        max_body_bytes: 64 * 1024,
        max_params: 256,
        max_value_bytes: 16 * 1024,
    };
}

impl Default for NotifyLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why a notification was not accepted. Messages name the parameter and the rule; none contains a
/// key. Received values are echoed cut to 64 characters, except the signing string of
/// [`NotifyError::BadSignature`], which is given whole on purpose.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotifyError {
    /// The body is larger than [`NotifyLimits::max_body_bytes`].
    #[error("notification body of {len} bytes exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The body's length in bytes.
        len: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The body has more parameters than [`NotifyLimits::max_params`].
    #[error("notification has {count} parameters, more than the limit of {limit}")]
    TooManyParameters {
        /// The number of (non-empty) `&`-separated segments.
        count: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A decoded value is longer than [`NotifyLimits::max_value_bytes`].
    #[error("notification parameter {name:?} is {len} bytes long, more than the limit of {limit}")]
    ValueTooLong {
        /// The parameter (cut to 64 characters).
        name: String,
        /// The value's length in bytes (UTF-8).
        len: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The body is not a well-formed form in its charset (a broken `%` escape, or bytes invalid in
    /// the charset: check the charset hint against the merchant's `_input_charset`).
    #[error("malformed notification body (decoded as {charset}): {source}")]
    Form {
        /// The charset the body was decoded in.
        charset: Charset,
        /// The decoding failure.
        #[source]
        source: FormError,
    },
    /// The body declares a charset this crate does not support.
    #[error("notification parameter {param}: {source}")]
    UnsupportedCharset {
        /// `_input_charset` or `charset`.
        param: &'static str,
        /// The unknown label.
        #[source]
        source: CharsetError,
    },
    /// The body's `_input_charset` and `charset` parameters name different charsets.
    #[error(
        "notification declares _input_charset={input_charset:?} but charset={charset:?}: \
         the body has one charset"
    )]
    ConflictingCharset {
        /// The `_input_charset` value (cut to 64 characters).
        input_charset: String,
        /// The `charset` value (cut to 64 characters).
        charset: String,
    },
    /// A parameter name appears more than once. Refused: the signed view and the typed view of the
    /// notification could otherwise disagree on its value.
    #[error("notification parameter {name:?} appears more than once (refused: possible forgery)")]
    DuplicateParameter {
        /// The repeated name (cut to 64 characters).
        name: String,
    },
    /// A parameter has an empty name (`=value`).
    #[error("notification has a parameter with an empty name")]
    EmptyParameterName,
    /// `notify_id` is missing or empty; without it the notification cannot be confirmed with
    /// `notify_verify`, so it is not from Alipay.
    #[error("notification has no notify_id (required to confirm it with notify_verify)")]
    MissingNotifyId,
    /// `sign` is missing or empty.
    #[error("notification has no sign parameter: an unsigned notification is never accepted")]
    MissingSign,
    /// `sign_type` is missing or empty.
    #[error("notification has no sign_type parameter")]
    MissingSignType,
    /// The notification's `sign_type` is not the configured one (an `MD5` notification against an
    /// `RSA` verifier, or the other way round).
    #[error(
        "notification sign_type {received:?} does not match the configured sign type {expected}"
    )]
    SignTypeMismatch {
        /// The verifier's sign type.
        expected: SignType,
        /// The received `sign_type` (cut to 32 characters).
        received: String,
    },
    /// The signing string cannot be encoded in the notification's charset.
    #[error("the notification's signing string cannot be encoded in {charset}: {source}")]
    Unencodable {
        /// The notification's charset.
        charset: Charset,
        /// The encoding failure.
        #[source]
        source: CharsetError,
    },
    /// The signature does not verify. `signing_string` is exactly what was expected to be signed
    /// (every received parameter but `sign`/`sign_type`, empty values dropped, sorted by name),
    /// encoded in `charset`: compare it with what Alipay's tools show. It contains no key.
    #[error(
        "notification signature rejected: {source}; expected signed string ({charset}): {signing_string:?}"
    )]
    BadSignature {
        /// The string that was verified.
        signing_string: String,
        /// The charset its bytes were taken in.
        charset: Charset,
        /// Why verification failed (mismatch, malformed signature, empty key).
        #[source]
        source: VerifyError,
    },
}

/// A decoded notification: every parameter raw, in the order received, plus typed accessors for
/// the well-known ones.
///
/// Built only by [`decode_notification`], so its parameter names are unique and `notify_id` is
/// present and non-empty. Decoding does not verify anything: call
/// [`verify_notification_signature`] before trusting a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    charset: Charset,
    params: Vec<(String, String)>,
}

impl Notification {
    /// Every parameter as received (decoded once), in order, including `sign` and `sign_type`.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The value of parameter `name`, exactly as received (possibly empty).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name` when present and non-empty (an empty value means "not set").
    fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// The charset the body was decoded in (see the module's charset rule).
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// `notify_id`, decoded once: it may itself contain `%2F`, which must be re-encoded when it is
    /// sent to `notify_verify`.
    pub fn notify_id(&self) -> &str {
        // decode_notification refuses notifications without a non-empty notify_id.
        self.non_empty("notify_id").unwrap_or_default()
    }

    /// `notify_type`, e.g. `trade_status_sync`.
    pub fn notify_type(&self) -> Option<&str> {
        self.non_empty("notify_type")
    }

    /// `trade_no`: Alipay's trade number.
    pub fn trade_no(&self) -> Option<&str> {
        self.non_empty("trade_no")
    }

    /// `out_trade_no`: the merchant's own order number.
    pub fn out_trade_no(&self) -> Option<&str> {
        self.non_empty("out_trade_no")
    }

    /// `trade_status`, typed. `None` when absent or empty; a state this version does not know is
    /// [`TradeStatus::Other`] with the text as received (the signature covered it).
    pub fn trade_status(&self) -> Option<TradeStatus> {
        self.non_empty("trade_status").map(TradeStatus::from_wire)
    }

    /// `total_fee` in fen. `None` when absent or empty; `Some(Err(_))` when it is not an amount.
    pub fn total_fee(&self) -> Option<Result<Amount, WireValueError>> {
        self.non_empty("total_fee").map(Amount::parse_wire)
    }

    /// Any amount parameter in fen (`price`, `refund_fee`, `coupon_discount`…). `None` when absent
    /// or empty; `Some(Err(_))` when it is not an amount.
    pub fn amount(&self, name: &str) -> Option<Result<Amount, WireValueError>> {
        self.non_empty(name).map(Amount::parse_wire)
    }

    /// `sign`, when present and non-empty.
    pub fn sign(&self) -> Option<&str> {
        self.non_empty("sign")
    }

    /// `sign_type` as received (`MD5`, `RSA`, `RSA2`, `DSA`, or anything else), when non-empty.
    pub fn sign_type(&self) -> Option<&str> {
        self.non_empty("sign_type")
    }

    /// The canonical signing string over every received parameter except `sign` and `sign_type`
    /// (the one rule in [`canonical`]).
    pub fn signing_string(&self) -> String {
        canonical::signing_string(&self.params)
    }
}

impl fmt::Display for Notification {
    /// A one-line summary for logs: the notification id, type, trade and status.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "notification {}", self.notify_id())?;
        for name in ["notify_type", "trade_no", "out_trade_no", "trade_status"] {
            if let Some(v) = self.non_empty(name) {
                write!(f, " {name}={}", truncated(v))?;
            }
        }
        Ok(())
    }
}

/// Decodes a notification body within `limits`, in the charset chosen by the module's rule
/// (the body's `_input_charset` or `charset`, else `charset_hint`, else UTF-8).
///
/// Strict: a broken `%` escape, bytes invalid in the charset, a repeated or empty parameter name,
/// or a missing `notify_id` are errors. Nothing is verified here.
pub fn decode_notification(
    body: &[u8],
    charset_hint: Option<Charset>,
    limits: &NotifyLimits,
) -> Result<Notification, NotifyError> {
    if body.len() > limits.max_body_bytes {
        return Err(NotifyError::BodyTooLarge {
            len: body.len(),
            limit: limits.max_body_bytes,
        });
    }
    let count = body.split(|&b| b == b'&').filter(|s| !s.is_empty()).count();
    if count > limits.max_params {
        return Err(NotifyError::TooManyParameters {
            count,
            limit: limits.max_params,
        });
    }
    let raw = form::split(body).map_err(|source| NotifyError::Form {
        charset: charset_hint.unwrap_or_default(),
        source,
    })?;
    let declared = form::declared_charset(&raw).map_err(|e| match e {
        DeclaredCharsetError::Repeated { name } => NotifyError::DuplicateParameter {
            name: name.to_owned(),
        },
        DeclaredCharsetError::Unsupported { param, source } => {
            NotifyError::UnsupportedCharset { param, source }
        }
        DeclaredCharsetError::Conflicting {
            input_charset,
            charset,
        } => NotifyError::ConflictingCharset {
            input_charset,
            charset,
        },
    })?;
    let charset = declared.or(charset_hint).unwrap_or_default();
    let params = form::decode_pairs(&raw, charset)
        .map_err(|source| NotifyError::Form { charset, source })?;

    let mut seen = HashSet::with_capacity(params.len());
    for (name, value) in &params {
        if name.is_empty() {
            return Err(NotifyError::EmptyParameterName);
        }
        if !seen.insert(name.as_str()) {
            return Err(NotifyError::DuplicateParameter {
                name: truncated(name),
            });
        }
        if value.len() > limits.max_value_bytes {
            return Err(NotifyError::ValueTooLong {
                name: truncated(name),
                len: value.len(),
                limit: limits.max_value_bytes,
            });
        }
    }
    let n = Notification { charset, params };
    if n.non_empty("notify_id").is_none() {
        return Err(NotifyError::MissingNotifyId);
    }
    Ok(n)
}

/// Verifies the notification's `sign` with `verifier`: the signing string
/// ([`Notification::signing_string`]) encoded in the notification's charset, and the received
/// `sign_type`, which must equal the verifier's ([`Verifier::verify_typed`]).
///
/// On a bad signature the error carries the exact string that was expected to be signed.
pub fn verify_notification_signature(
    n: &Notification,
    verifier: &Verifier,
) -> Result<(), NotifyError> {
    let sign = n.sign().ok_or(NotifyError::MissingSign)?;
    let sign_type = n.sign_type().ok_or(NotifyError::MissingSignType)?;
    let signed = SignedParams::new(&n.params);
    match sign::verify_params(&signed, n.charset, verifier, Some(sign_type), sign) {
        Ok(_) => Ok(()),
        Err(VerifyParamsError::Charset {
            charset, source, ..
        }) => Err(NotifyError::Unencodable { charset, source }),
        Err(VerifyParamsError::Signature {
            source: VerifyError::SignTypeMismatch { expected, received },
            ..
        }) => Err(NotifyError::SignTypeMismatch { expected, received }),
        Err(VerifyParamsError::Signature {
            string_to_sign,
            source,
        }) => Err(NotifyError::BadSignature {
            charset: n.charset,
            source,
            signing_string: string_to_sign,
        }),
    }
}

/// A received value cut for a message.
fn truncated(s: &str) -> String {
    crate::sign::truncated_to(s, ECHO_LIMIT)
}
