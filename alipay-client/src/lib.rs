//! The client: declared services turned into gateway calls, notifications accepted exactly once,
//! and every call logged.
//!
//! ```no_run
//! use alipay_client::{Client, Config};
//! use alipay_services::sns_create_goods_ws::CreateGoods;
//! use alipay_core::sign::Md5Key;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::md5("2088002464631181".parse()?, Md5Key::new("your md5 key")).build()?;
//! let client = Client::new(config)?; // cheap to clone; share one per process
//! let goods = client.execute(&CreateGoods::example()).await?; // validate → sign → send → verify → typed
//! println!("goods {} valid until {}", goods.goods_id, goods.valid_time);
//! # Ok(()) }
//! ```
//!
//! [`Client::execute`] runs the whole pipeline of a call: validate → sign → send (the service's
//! method; a POST carries `_input_charset` in the query too) → read the body, bounded in size →
//! envelope → error code → response signature (per [`SignaturePolicy`]) → typed response. Failures
//! come back in the stage a caller can act on ([`Error`], [`Stage`]); retryable ones are retried
//! per the [`RetryPolicy`].
//!
//! - [`Client::verify_notification`] and [`NotificationHandler`]: notifications, exactly once.
//! - [`Client::execute_batch`]: many calls of one service, kept apart, already done ones skipped.
//! - [`store`]: the de-duplication store and call log traits, in memory; [`sqlite`]: in SQLite;
//!   `postgres` (feature `postgres`): on a PostgreSQL server shared by several instances.
//! - [`blocking`] (feature `blocking`): the same calls without async.
//! - `web` (feature `axum`): the notification handler as an axum route.
//! - [`settings`]: configuration from flags and `ALIPAY_*` environment variables.
//!
//! Every attempt is reported through `tracing` (target `alipay::call`, secrets redacted) and, when
//! a [`CallLog`] is attached, recorded there before `execute` returns.

mod batch;
#[cfg(feature = "blocking")]
pub mod blocking;
mod config;
mod error;
mod handler;
mod notification;
#[cfg(feature = "postgres")]
pub mod postgres;
mod retry;
pub mod settings;
#[cfg(feature = "sqlite")]
pub mod sqlite;
pub mod store;
#[cfg(feature = "axum")]
pub mod web;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::CONTENT_TYPE;

pub use batch::{BatchOptions, BatchOutcome, BatchResult};
pub use config::{Config, ConfigBuilder, ConfigError, Gateway, SignaturePolicy};
pub use error::{
    BadResponse, BadResponseKind, Error, ServiceError, Stage, TransportError, TransportKind,
};
pub use handler::{Handled, KeyFn, NotificationHandler, default_key};
pub use notification::{NotificationError, NotifyVerify, Verified, VerifiedNotification};
pub use retry::RetryPolicy;
use store::{CallLog, CallRecord, RecordKind};

use alipay_core::error::ErrorCode;
use alipay_core::request::{SignedRequest, prepare_request};
use alipay_core::service::{
    ApiService, CommonParams, Method, PageService, Repeat, Request, Response,
};
use alipay_core::xml::{self, Envelope, SignatureStatus};

/// An Alipay MAPI client: one [`Config`], one HTTP connection pool, an optional [`CallLog`].
///
/// Cheap to clone (the state is shared); build one per process and clone it where needed.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    http: reqwest::Client,
    log: Option<Arc<dyn CallLog>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .field("call_log", &self.inner.log.is_some())
            .finish_non_exhaustive()
    }
}

/// A successful call with everything that came with it.
#[derive(Clone, Debug)]
pub struct Reply<T> {
    /// The typed payload.
    pub response: T,
    /// The whole envelope (request echo, raw payload, signature). For a service that answers in
    /// plain text ([`Response::TEXT`], `notify_verify`), an envelope
    /// with `is_success` and nothing else.
    pub envelope: Envelope,
    /// Whether the response signature was verified or absent.
    pub signature: SignatureStatus,
    /// The attempt that succeeded (from 1).
    pub attempts: u32,
}

impl Client {
    /// A client with its own connection pool: HTTPS only (plain http only for a loopback
    /// gateway), no redirects followed, `rustls` with the platform's certificate verifier.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("alipay-rs/", env!("CARGO_PKG_VERSION")));
        if !config.gateway.is_loopback_http() {
            builder = builder.https_only(true);
        }
        let http = builder
            .build()
            .map_err(|e| ConfigError::Http(e.to_string()))?;
        Ok(Self::with_http_client(config, http))
    }

    /// A client that uses `http` (e.g. a pool shared with the rest of the application). The
    /// gateway check of [`Config`] still applies; the caller owns the client's TLS settings.
    pub fn with_http_client(config: Config, http: reqwest::Client) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                http,
                log: None,
            }),
        }
    }

    /// Records every call and notification in `log` (e.g. an [`sqlite::Database`]).
    #[must_use]
    pub fn with_call_log(self, log: Arc<dyn CallLog>) -> Self {
        Self {
            inner: Arc::new(Inner {
                config: self.inner.config.clone(),
                http: self.inner.http.clone(),
                log: Some(log),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The HTTP client (connection pool) calls go through.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The call log, if one is attached.
    pub fn call_log(&self) -> Option<&Arc<dyn CallLog>> {
        self.inner.log.as_ref()
    }

    /// Validates and signs `request` without sending it.
    pub fn prepare<R: Request>(&self, request: &R) -> Result<SignedRequest, Error> {
        let c = &self.inner.config;
        prepare_request(request, &c.partner, c.charset, &c.signer).map_err(|source| {
            Error::Invalid {
                service: R::SERVICE,
                source,
            }
        })
    }

    /// The values of the request's identifying parameters ([`Request::IDENTIFIERS`]), which a
    /// response must echo unchanged when it carries them.
    fn identity<R: Request>(&self, request: &R) -> Vec<(&'static str, String)> {
        if R::IDENTIFIERS.is_empty() {
            return Vec::new();
        }
        let c = &self.inner.config;
        let common = CommonParams {
            partner: c.partner.as_str(),
            charset: c.charset,
        };
        let mut params = Vec::new();
        request.signing_params(&common, &mut params);
        params
            .into_iter()
            .filter(|(k, _)| R::IDENTIFIERS.contains(k))
            .map(|(k, v)| (k, v.into_owned()))
            .collect()
    }

    /// The URL to send a buyer's browser to for a page service (see [`alipay_core::page`]).
    pub fn page_url<R: PageService>(&self, request: &R) -> Result<String, Error> {
        let signed = self.prepare(request)?;
        Ok(alipay_core::page::page_url(
            &signed,
            self.inner.config.gateway.as_str(),
        ))
    }

    /// The HTML form for a page service, posting to `gateway?_input_charset=…` with one hidden
    /// input per parameter (see [`alipay_core::page::page_form`]); not auto-submitted.
    pub fn page_form<R: PageService>(&self, request: &R, method: Method) -> Result<String, Error> {
        self.page_form_with(request, method, false)
    }

    /// [`page_form`](Self::page_form), with a script that submits the form when `auto_submit`.
    pub fn page_form_with<R: PageService>(
        &self,
        request: &R,
        method: Method,
        auto_submit: bool,
    ) -> Result<String, Error> {
        let signed = self.prepare(request)?;
        Ok(alipay_core::page::page_form(
            &signed,
            self.inner.config.gateway.as_str(),
            method,
            auto_submit,
        ))
    }

    /// Calls the service: validate → sign → send → envelope → error code → response signature →
    /// typed response, retrying per the [`RetryPolicy`].
    pub async fn execute<R: ApiService>(&self, request: &R) -> Result<R::Response, Error> {
        self.execute_detailed(request).await.map(|r| r.response)
    }

    /// [`execute`](Self::execute), returning the envelope and the attempt count with the payload.
    pub async fn execute_detailed<R: ApiService>(
        &self,
        request: &R,
    ) -> Result<Reply<R::Response>, Error> {
        let signed = self.prepare(request)?;
        let call = Call::new::<R>(&signed, self.inner.log.is_some(), self.identity(request));
        self.run(&call, &self.inner.config.retry, |_| None).await
    }

    /// [`attempt`](Self::attempt) under the retry rule ([`retry::run`]). `spacing(attempt)` may
    /// impose a minimum wait before the next attempt (batches).
    async fn run<T: Response>(
        &self,
        call: &Call<'_>,
        policy: &RetryPolicy,
        spacing: impl Fn(u32) -> Option<Duration>,
    ) -> Result<Reply<T>, Error> {
        let timeout = self.inner.config.timeout;
        retry::run(policy, call.repeat, spacing, |attempt, left| {
            self.attempt::<T>(call, attempt, timeout.min(left))
        })
        .await
    }

    /// One attempt: send, read, parse, check; logged and traced whatever the outcome.
    async fn attempt<T: Response>(
        &self,
        call: &Call<'_>,
        attempt: u32,
        timeout: Duration,
    ) -> Result<Reply<T>, Error> {
        let time = SystemTime::now();
        let started = Instant::now();
        let result = self.send_and_parse::<T>(call, attempt, timeout).await;
        let latency = started.elapsed();
        let (outcome, success) = match &result {
            Ok(_) => ("T".to_owned(), true),
            Err(e) => (outcome_of(e), false),
        };
        if success {
            tracing::info!(target: "alipay::call", service = call.service, attempt, outcome = %outcome,
                latency_us = latency.as_micros() as u64, params = %call.redacted, "alipay call");
        } else {
            tracing::warn!(target: "alipay::call", service = call.service, attempt, outcome = %outcome,
                latency_us = latency.as_micros() as u64, params = %call.redacted,
                error = %result.as_ref().err().map(ToString::to_string).unwrap_or_default(), "alipay call failed");
        }
        if let Some(log) = &self.inner.log {
            let record = CallRecord {
                time,
                kind: RecordKind::Call,
                service: call.service.to_owned(),
                params: call.log_params.clone(),
                attempt,
                outcome,
                success,
                latency,
            };
            if let Err(e) = log.record(&record).await {
                tracing::error!(target: "alipay::call", service = call.service, error = %e,
                    "cannot write the call log");
            }
        }
        result
    }

    async fn send_and_parse<T: Response>(
        &self,
        call: &Call<'_>,
        attempt: u32,
        timeout: Duration,
    ) -> Result<Reply<T>, Error> {
        let config = &self.inner.config;
        let (status, body) = self.send(call, attempt, timeout).await?;
        let bad = |kind| {
            Error::BadResponse(BadResponse {
                service: call.service,
                status,
                attempts: attempt,
                kind,
            })
        };
        if !T::TEXT.is_empty() {
            // A plain-text answer (`notify_verify`): no envelope, no code, no signature. Markup in
            // its place (an `F` envelope with a code, an error page) is read as on the XML path
            // below, so its code is not lost.
            let markup = body.trim_ascii_start().starts_with(b"<");
            if !(200..300).contains(&status) && !markup {
                return Err(bad(BadResponseKind::Status(status)));
            }
            match T::from_text(&body) {
                Err(e) if !markup => return Err(bad(BadResponseKind::Payload(e))),
                Err(_) => {} // read as an envelope below
                Ok(response) => {
                    return Ok(Reply {
                        response,
                        envelope: Envelope {
                            is_success: true,
                            error: None,
                            request: Default::default(),
                            response: None,
                            sign: None,
                            sign_type: None,
                            charset: call.signed.charset(),
                        },
                        signature: SignatureStatus::Unsigned,
                        attempts: attempt,
                    });
                }
            }
        }
        let limits = xml::Limits {
            max_bytes: config.max_response_bytes,
            ..xml::Limits::default()
        };
        let envelope = match xml::parse_with(&body, &limits) {
            Ok(envelope) => envelope,
            Err(e @ alipay_core::xml::EnvelopeError::HtmlPage { .. }) => {
                return Err(bad(BadResponseKind::Envelope(e)));
            }
            Err(_) if !(200..300).contains(&status) => {
                return Err(bad(BadResponseKind::Status(status)));
            }
            Err(e) => return Err(bad(BadResponseKind::Envelope(e))),
        };
        if !envelope.is_success {
            let Some(code) = envelope.error.clone() else {
                return Err(bad(BadResponseKind::MissingErrorCode));
            };
            let mut error = ServiceError::new(call.service, call.codes, code, attempt);
            if error.code == ErrorCode::IllegalSign {
                error = error.with_signed(call.signed.string_to_sign(), &call.redacted);
            }
            return Err(Error::Service(error));
        }
        let signature = match (config.signature_policy, &config.verifier) {
            (SignaturePolicy::Off, _) | (_, None) => SignatureStatus::Unsigned,
            (policy, Some(verifier)) => match envelope.verify_signature(verifier) {
                Ok(SignatureStatus::Unsigned)
                    if policy == SignaturePolicy::Require && !T::ELEMENT.is_empty() =>
                {
                    return Err(bad(BadResponseKind::Unsigned));
                }
                Ok(status) => status,
                Err(e) => return Err(bad(BadResponseKind::Signature(e))),
            },
        };
        if let Some(payload) = envelope.response.as_ref() {
            for (field, requested) in &call.identity {
                match payload.get(field) {
                    Some(answered) if answered != requested => {
                        return Err(bad(BadResponseKind::NotAboutRequest {
                            field,
                            requested: requested.clone(),
                            answered: alipay_core::__private::truncated_to(answered, 64),
                        }));
                    }
                    _ => {}
                }
            }
        }
        let response = T::from_response(envelope.response.as_ref())
            .map_err(|e| bad(BadResponseKind::Payload(e)))?;
        Ok(Reply {
            response,
            envelope,
            signature,
            attempts: attempt,
        })
    }

    /// Sends the request and reads the body within the size limit.
    async fn send(
        &self,
        call: &Call<'_>,
        attempt: u32,
        timeout: Duration,
    ) -> Result<(u16, Vec<u8>), Error> {
        let config = &self.inner.config;
        let gateway = config.gateway.as_str();
        let builder = match call.method {
            Method::Get => self.inner.http.get(call.signed.get_url(gateway)),
            Method::Post => self
                .inner
                .http
                .post(call.signed.post_url(gateway))
                .header(CONTENT_TYPE, call.content_type())
                .body(call.signed.encoded().to_owned()),
        };
        let transport = |source| transport_error(call.service, gateway, attempt, source);
        // The attempt's time limit is a tokio timeout around the exchange rather than reqwest's
        // per-request timeout, which cost about 20 µs per call on loopback (benches/client_load.rs).
        let exchange = async {
            let mut response = builder.send().await.map_err(transport)?;
            let status = response.status().as_u16();
            match read_bounded(&mut response, config.max_response_bytes).await {
                Ok(body) => Ok((status, body)),
                Err(ReadError::Http(e)) => Err(transport(e)),
                Err(ReadError::TooLarge(content_length)) => Err(Error::BadResponse(BadResponse {
                    service: call.service,
                    status,
                    attempts: attempt,
                    kind: BadResponseKind::TooLarge {
                        limit: config.max_response_bytes,
                        content_length,
                    },
                })),
            }
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| Err(timed_out(call.service, gateway, attempt)))
    }
}

/// A request ready to send, with what the log needs.
pub(crate) struct Call<'a> {
    service: &'static str,
    method: Method,
    repeat: Repeat,
    /// The service's error table.
    codes: &'static [alipay_core::error::CodeSpec],
    /// The request's identifying parameters and values (see [`Client::identity`]).
    identity: Vec<(&'static str, String)>,
    signed: &'a SignedRequest,
    /// The signing string with secret values redacted (for tracing and errors); borrowed when the
    /// request has no secret value.
    redacted: std::borrow::Cow<'a, str>,
    /// The sent parameters with secrets redacted and without `sign` (only when a log is attached).
    log_params: Vec<(String, String)>,
}

impl<'a> Call<'a> {
    pub(crate) fn new<R: Request>(
        signed: &'a SignedRequest,
        with_log: bool,
        identity: Vec<(&'static str, String)>,
    ) -> Self {
        let log_params = if with_log {
            alipay_core::form::decode(signed.redacted_encoded().as_bytes(), signed.charset())
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, _)| k != "sign")
                .collect()
        } else {
            Vec::new()
        };
        Self {
            service: R::SERVICE,
            method: R::METHOD,
            repeat: R::REPEAT,
            codes: R::ERROR_CODES,
            identity,
            signed,
            redacted: signed.redacted_string_to_sign(),
            log_params,
        }
    }

    fn content_type(&self) -> String {
        format!(
            "application/x-www-form-urlencoded; charset={}",
            self.signed.charset().as_str()
        )
    }
}

enum ReadError {
    Http(reqwest::Error),
    TooLarge(Option<u64>),
}

/// Reads the body, refusing it as soon as its declared or actual length passes `max`.
async fn read_bounded(response: &mut reqwest::Response, max: usize) -> Result<Vec<u8>, ReadError> {
    let declared = response.content_length();
    if declared.is_some_and(|len| len > max as u64) {
        return Err(ReadError::TooLarge(declared));
    }
    let mut body = Vec::with_capacity(declared.map_or(8 * 1024, |l| l as usize));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
        if body.len() + chunk.len() > max {
            return Err(ReadError::TooLarge(declared));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A transport failure, classified, with the request URL (and so its parameters) removed.
fn transport_error(
    service: &'static str,
    gateway: &str,
    attempt: u32,
    source: reqwest::Error,
) -> Error {
    let kind = if source.is_connect() {
        TransportKind::Connect
    } else if source.is_timeout() {
        TransportKind::Timeout
    } else {
        TransportKind::Other
    };
    Error::Transport(TransportError {
        service,
        kind,
        gateway: gateway.to_owned(),
        attempts: attempt,
        source: Some(Box::new(source.without_url())),
    })
}

/// The attempt ran out of time.
fn timed_out(service: &'static str, gateway: &str, attempt: u32) -> Error {
    Error::Transport(TransportError {
        service,
        kind: TransportKind::Timeout,
        gateway: gateway.to_owned(),
        attempts: attempt,
        source: None,
    })
}

/// The short outcome class written to the log for a failed attempt.
fn outcome_of(e: &Error) -> String {
    match e {
        Error::Service(s) => s.code.as_str().to_owned(),
        Error::Transport(t) => match t.kind {
            TransportKind::Connect => "transport:connect",
            TransportKind::Timeout => "transport:timeout",
            TransportKind::Other => "transport:other",
        }
        .to_owned(),
        Error::BadResponse(b) => match &b.kind {
            BadResponseKind::TooLarge { .. } => "bad_response:too_large",
            BadResponseKind::Status(_) => "bad_response:status",
            BadResponseKind::Envelope(alipay_core::xml::EnvelopeError::HtmlPage { .. }) => {
                "bad_response:html"
            }
            BadResponseKind::Envelope(_) => "bad_response:malformed",
            BadResponseKind::MissingErrorCode => "bad_response:no_error_code",
            BadResponseKind::Signature(_) => "bad_response:signature",
            BadResponseKind::Unsigned => "bad_response:unsigned",
            BadResponseKind::Payload(_) => "bad_response:payload",
            BadResponseKind::NotifyVerifyAnswer(_) => "bad_response:notify_verify",
            BadResponseKind::NotAboutRequest { .. } => "bad_response:not_about_request",
        }
        .to_owned(),
        Error::Invalid { .. } | Error::BlockingInAsync => "invalid".to_owned(),
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Client>();
    is::<Error>();
}
