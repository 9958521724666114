//! The client's errors, in the stage a caller can act on.

use std::fmt;

use alipay_core::error::{CodeSpec, Described, ErrorCode, ErrorKind};
use alipay_core::request::PrepareError;
use alipay_core::service::ResponseFieldError;
use alipay_core::xml::{EnvelopeError, ResponseSignatureError};

/// The stage a call failed in, which says what the caller can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The request was refused before anything was sent: fix the input.
    Invalid,
    /// The gateway could not be reached, or did not answer in time. The request may or may not
    /// have reached Alipay ([`TransportError::may_have_reached_alipay`]).
    Transport,
    /// The gateway answered with something that is not a valid, authentic response.
    BadResponse,
    /// Alipay answered `is_success=F` with an error code.
    Service,
}

impl Stage {
    /// `invalid`, `transport`, `bad_response` or `service` (for logs and JSON).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::Transport => "transport",
            Self::BadResponse => "bad_response",
            Self::Service => "service",
        }
    }
}

impl fmt::Display for Stage {
    /// The stage in words, e.g. `service error (Alipay answered an error code)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Invalid => "invalid request (nothing was sent)",
            Self::Transport => "transport failure (the gateway was not reached or did not answer)",
            Self::BadResponse => "bad response (not a valid, authentic answer)",
            Self::Service => "service error (Alipay answered an error code)",
        })
    }
}

/// Why a call failed. [`Error::stage`] groups the variants; [`Error::is_retryable`] says whether
/// calling again (unchanged) is the remedy. No variant's `Display` or `Debug` holds a key or a
/// secret parameter value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks its service's rules or cannot be signed; nothing was sent.
    #[error("{service}: request not sent: {source}")]
    Invalid {
        /// The service.
        service: &'static str,
        /// Why (every violated rule, a charset failure, a signer failure).
        #[source]
        source: PrepareError,
    },
    /// The gateway could not be reached or did not answer in time.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The gateway's answer is not a valid, authentic response.
    #[error(transparent)]
    BadResponse(#[from] BadResponse),
    /// Alipay refused the call with an error code.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The blocking client was called from inside an async runtime (use the async client there).
    #[error(
        "the blocking client cannot be used inside an async runtime: use alipay_client::Client"
    )]
    BlockingInAsync,
}

impl Error {
    /// The stage the call failed in.
    pub fn stage(&self) -> Stage {
        match self {
            Self::Invalid { .. } | Self::BlockingInAsync => Stage::Invalid,
            Self::Transport(_) => Stage::Transport,
            Self::BadResponse(_) => Stage::BadResponse,
            Self::Service(_) => Stage::Service,
        }
    }

    /// Whether calling again, unchanged, may succeed: connection failures, timeouts, and the codes
    /// of [`ErrorKind::Retry`](alipay_core::error::ErrorKind::Retry) (`RETRY`, `SYSTEM_ERROR`…). Never
    /// for `TRADE_STATUS_NOT_AVAILD`, caller or configuration errors, or a bad response.
    pub fn is_retryable(&self) -> bool {
        match self {
            // Every transport failure: whether repeating is *safe* after one that may have
            // reached Alipay (a timeout, a connection lost after sending) is the service's
            // `Request::REPEAT` to say, not the failure's.
            Self::Transport(_) => true,
            Self::Service(s) => !s.possibly_applied && s.kind().is_retryable(),
            _ => false,
        }
    }

    /// The error code, for a service error (or an HTML error page that named one).
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Self::Service(s) => Some(&s.code),
            Self::BadResponse(BadResponse {
                kind: BadResponseKind::Envelope(EnvelopeError::HtmlPage { code }),
                ..
            }) => code.as_ref(),
            _ => None,
        }
    }

    /// The number of attempts made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Invalid { .. } | Self::BlockingInAsync => 0,
            Self::Transport(t) => t.attempts,
            Self::BadResponse(b) => b.attempts,
            Self::Service(s) => s.attempts,
        }
    }

    /// The service error, if that is what this is.
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(s) => Some(s),
            _ => None,
        }
    }
}

/// How the transport failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection could be made: the request did not reach Alipay.
    Connect,
    /// The attempt ran out of time (its timeout, or the call's deadline): the request may have
    /// reached Alipay.
    Timeout,
    /// The connection was lost after the request was sent, or while reading the response: the
    /// request may have reached Alipay (as uncertain as a timeout).
    Other,
}

/// The gateway could not be reached, or did not answer in time.
#[derive(Debug, thiserror::Error)]
pub struct TransportError {
    /// The service.
    pub service: &'static str,
    /// How it failed.
    pub kind: TransportKind,
    /// The gateway URL (without the request's parameters).
    pub gateway: String,
    /// The number of attempts made.
    pub attempts: u32,
    /// The HTTP client's error (its chain says what failed: DNS, connect, TLS…), with the request
    /// URL removed (it would carry the parameters); `None` when the attempt's time ran out. Boxed,
    /// so that no type of the HTTP client this crate uses is part of its API.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {} (attempt {})",
            self.service,
            self.kind_text(),
            self.gateway,
            self.attempts
        )?;
        // reqwest's own text is only "error sending request": the cause chain says why
        // (e.g. "tcp connect error: Connection refused").
        let mut cause: Option<&(dyn std::error::Error + 'static)> = self
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static));
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        Ok(())
    }
}

impl TransportError {
    /// False only when no connection was made; otherwise Alipay may have received and acted on
    /// the request.
    pub fn may_have_reached_alipay(&self) -> bool {
        self.kind != TransportKind::Connect
    }

    fn kind_text(&self) -> &'static str {
        match self.kind {
            TransportKind::Connect => "cannot connect to",
            TransportKind::Timeout => "timed out waiting for",
            TransportKind::Other => "lost the connection, after sending the request, to",
        }
    }
}

/// What was wrong with the gateway's answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum BadResponseKind {
    /// The body is larger than the configured limit; it was not read whole.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// The declared `Content-Length`, if any.
        content_length: Option<u64>,
    },
    /// A non-2xx HTTP status without an envelope.
    Status(u16),
    /// The body is not a valid envelope ([`EnvelopeError::HtmlPage`] for an HTML error page, with
    /// the error code recovered from it when the page names one).
    Envelope(EnvelopeError),
    /// `is_success` is `F` but there is no `<error>` code.
    MissingErrorCode,
    /// The response signature does not verify (a forged or tampered response, a wrong key, or a
    /// `sign_type` other than the configured one).
    Signature(ResponseSignatureError),
    /// The response is unsigned while [`SignaturePolicy::Require`](super::SignaturePolicy::Require)
    /// is set.
    Unsigned,
    /// The payload does not match the service's response table.
    Payload(ResponseFieldError),
    /// The plain-text answer of `notify_verify` is not `true`, `false` or `invalid` (cut to 64
    /// characters).
    NotifyVerifyAnswer(String),
    /// The payload is about something else than the request: a field the service declares as
    /// identifying ([`Request::IDENTIFIERS`](alipay_core::service::Request::IDENTIFIERS), e.g.
    /// `trade_no`) carries another value than the request's (a replayed or substituted answer).
    NotAboutRequest {
        /// The identifying field.
        field: &'static str,
        /// The request's value.
        requested: String,
        /// The response's value (cut to 64 characters).
        answered: String,
    },
}

/// The gateway's answer is not a valid, authentic response.
#[derive(Debug, thiserror::Error)]
#[error("{service}: bad response (HTTP {status}, attempt {attempts}): {kind}")]
pub struct BadResponse {
    /// The service.
    pub service: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The number of attempts made.
    pub attempts: u32,
    /// What was wrong.
    pub kind: BadResponseKind,
}

impl fmt::Display for BadResponseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge {
                limit,
                content_length: Some(len),
            } => write!(f, "body of {len} bytes exceeds the limit of {limit} bytes"),
            Self::TooLarge { limit, .. } => {
                write!(
                    f,
                    "body exceeds the limit of {limit} bytes (not read further)"
                )
            }
            Self::Status(status) => write!(f, "HTTP status {status} without an XML envelope"),
            Self::Envelope(e) => e.fmt(f),
            Self::MissingErrorCode => f.write_str("is_success is F but there is no <error> code"),
            Self::Signature(e) => write!(f, "forged or tampered response: {e}"),
            Self::Unsigned => {
                f.write_str("the response is unsigned and the policy requires a signature")
            }
            Self::Payload(e) => e.fmt(f),
            Self::NotifyVerifyAnswer(text) => {
                write!(f, "notify_verify answered {text:?}, not true/false/invalid")
            }
            Self::NotAboutRequest {
                field,
                requested,
                answered,
            } => write!(
                f,
                "the response is about another {field} ({answered:?}) than the request's \
                 ({requested:?}): replayed or substituted, refused"
            ),
        }
    }
}

/// Alipay refused the call with an error code.
#[derive(thiserror::Error)]
pub struct ServiceError {
    /// The service.
    pub service: &'static str,
    /// The code (unknown codes are kept verbatim).
    pub code: ErrorCode,
    /// The number of attempts made.
    pub attempts: u32,
    /// Whether an earlier attempt, whose outcome is unknown (a timeout, `RETRY`, `SYSTEM_ERROR`),
    /// may already have done what this one was refused for: e.g. `GOODS_EXISTS_ERROR` after a
    /// retried `sns.create.goods.ws` means the goods were possibly created by the earlier attempt.
    pub possibly_applied: bool,
    /// The service's error table (its `Request::ERROR_CODES`).
    codes: &'static [CodeSpec],
    signed: Option<Signed>,
}

struct Signed {
    exact: String,
    redacted: String,
}

impl ServiceError {
    pub(crate) fn new(
        service: &'static str,
        codes: &'static [CodeSpec],
        code: ErrorCode,
        attempts: u32,
    ) -> Self {
        Self {
            service,
            code,
            attempts,
            possibly_applied: false,
            codes,
            signed: None,
        }
    }

    /// The code as this service describes it: the service's own text, meaning, advice and kind
    /// where its error table (`#[alipay(error_codes = …)]`) declares them, the shared table's
    /// otherwise (see [`ErrorCode::described_by`]).
    pub fn described(&self) -> Described<'_> {
        self.code.described_by(self.codes)
    }

    /// What the code means for this service ([`described`](Self::described)).
    pub fn meaning(&self) -> &'static str {
        self.described().meaning()
    }

    /// What to do about the code from this service ([`described`](Self::described)).
    pub fn advice(&self) -> &'static str {
        self.described().advice()
    }

    /// How a client should react to the code from this service ([`described`](Self::described)).
    pub fn kind(&self) -> ErrorKind {
        self.described().kind()
    }

    pub(crate) fn with_signed(mut self, exact: &str, redacted: &str) -> Self {
        self.signed = Some(Signed {
            exact: exact.to_owned(),
            redacted: redacted.to_owned(),
        });
        self
    }

    /// For `ILLEGAL_SIGN`: the exact string this client signed (the canonical string, before the
    /// MD5 key is appended; never the key). Compare it with what the gateway expects. It holds the
    /// values of secret business parameters, if the service has any: `Display` and `Debug` show
    /// [`redacted_string_to_sign`](Self::redacted_string_to_sign) instead.
    pub fn string_to_sign(&self) -> Option<&str> {
        self.signed.as_ref().map(|s| s.exact.as_str())
    }

    /// [`string_to_sign`](Self::string_to_sign) with secret values replaced by `<secret>`.
    pub fn redacted_string_to_sign(&self) -> Option<&str> {
        self.signed.as_ref().map(|s| s.redacted.as_str())
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.service, self.code, self.meaning())?;
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        if self.possibly_applied {
            f.write_str(
                "; possibly done by an earlier attempt whose outcome was unknown: \
                 query the state before calling again",
            )?;
        }
        if let Some(signed) = self.redacted_string_to_sign() {
            write!(f, "; the string signed was {signed:?}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("service", &self.service)
            .field("code", &self.code)
            .field("attempts", &self.attempts)
            .field("possibly_applied", &self.possibly_applied)
            .field("string_to_sign", &self.redacted_string_to_sign())
            .finish()
    }
}

/// An error report (feature `serde`): `{"stage", "code", "retryable", "attempts", "message"}`,
/// plus `"service_error"` (the [`ServiceError`] report) when Alipay answered a code. The message
/// is the `Display` text (secrets already redacted; a request's parameters never in it).
#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut report = serializer.serialize_struct("Error", 6)?;
        report.serialize_field("stage", self.stage().as_str())?;
        report.serialize_field("code", &self.code())?;
        report.serialize_field("retryable", &self.is_retryable())?;
        report.serialize_field("attempts", &self.attempts())?;
        report.serialize_field("message", &self.to_string())?;
        report.serialize_field("service_error", &self.as_service())?;
        report.end()
    }
}

/// A service error report (feature `serde`): `{"service", "code", "meaning", "advice", "kind",
/// "attempts", "possibly_applied"}`, with the service's own meaning and advice when it declares
/// the code.
#[cfg(feature = "serde")]
impl serde::Serialize for ServiceError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut report = serializer.serialize_struct("ServiceError", 7)?;
        report.serialize_field("service", self.service)?;
        report.serialize_field("code", &self.code)?;
        report.serialize_field("meaning", self.meaning())?;
        report.serialize_field("advice", self.advice())?;
        report.serialize_field("kind", &self.kind())?;
        report.serialize_field("attempts", &self.attempts)?;
        report.serialize_field("possibly_applied", &self.possibly_applied)?;
        report.end()
    }
}

#[cfg(test)]
mod stage_tests {
    use super::Stage;

    #[test]
    fn stages_display_in_words_and_name_themselves() {
        assert_eq!(Stage::Service.as_str(), "service");
        assert_eq!(Stage::BadResponse.as_str(), "bad_response");
        assert!(
            Stage::Transport
                .to_string()
                .starts_with("transport failure")
        );
        assert!(Stage::Invalid.to_string().contains("nothing was sent"));
    }
}
