//! The gateway proper: from the bytes of one request to its answer, with Alipay's checks in
//! Alipay's order.
//!
//! 0. The query (and a POST's form body) is split and percent-decoded to bytes: a broken `%`
//!    escape is `ILLEGAL_ENCODING`. A POST carries `_input_charset` in the query and in the body;
//!    a query parameter repeated in the body with the same value is one parameter.
//! 1. `service`: exactly one, registered (or `notify_verify`), else `ILLEGAL_SERVICE`.
//! 2. `partner`: exactly one, registered, else `ILLEGAL_PARTNER`.
//! 3. `sign_type`: exactly one of `MD5`, `RSA`, `RSA2`, `DSA` (case-sensitive), else
//!    `ILLEGAL_SIGN_TYPE`.
//! 4. `_input_charset`: exactly one of `utf-8`, `gbk`, `gb2312` (any case), else `ILLEGAL_CHARSET`.
//! 5. Every name and value is decoded in that charset: invalid bytes are `ILLEGAL_ENCODING`.
//! 6. `sign` over every received parameter but `sign`/`sign_type` (the canonical rule, the string
//!    encoded in the charset), with the partner's MD5 key, RSA public key or registered DSA key:
//!    else `ILLEGAL_SIGN`. An MD5 `sign` must be lower-case hex, and no `sign` may carry
//!    surrounding whitespace.
//! 7. Characters XML cannot carry, then the service's table (`Request::from_params`: required and
//!    empty values, formats, lengths, closed sets, cross-field rules; names it does not declare
//!    only in strict mode, else they are ignored and noted in the log): else `ILLEGAL_ARGUMENT`.
//! 8. The service's business logic, which answers a success or its own error code.
//!
//! The service, partner, sign type and charset are read from the percent-decoded bytes, before the
//! charset is known (their valid values are ASCII). A parameter repeated with different values
//! fails the check that reads it. Every answer but a dropped connection is recorded.

use std::sync::Arc;
use std::time::SystemTime;

use alipay_core::canonical::{self, SignedParams};
use alipay_core::service::Kind;
use alipay_core::sign::{self, SignType};
use alipay_core::{Charset, ErrorCode, form};

use crate::envelope;
use crate::model::ReceivedRequest;
use crate::notify_sender::Deliveries;
use crate::registry::{Call, Refusal, Registered, Registry, Reply};
use crate::request::{Given, RawError, RawParams, one, one_str, raw_params};
use crate::services;
use crate::world::World;

/// The common parameters every service takes (never in a service's table).
const COMMON_PARAMS: [&str; 5] = ["service", "partner", "_input_charset", "sign_type", "sign"];

/// Received names and values are cut to this many bytes in the request log (at a character
/// boundary): bytes, not characters, since an invalid byte becomes a 3-byte U+FFFD.
const LOG_VALUE_BYTES: usize = 1024;
/// The request log keeps at most this many parameters of a request.
const LOG_PARAMS: usize = 128;

/// What the gateway answers with: the world, the registered services, and the deliveries the
/// services' notifications are handed to.
pub(crate) struct Gateway {
    /// The sandbox's world.
    pub(crate) world: Arc<World>,
    /// The services it plays.
    pub(crate) registry: Registry,
    /// Running notification deliveries.
    pub(crate) deliveries: Deliveries,
}

impl Gateway {
    /// The gateway over `world` with the services of `registry`, delivering with `http`.
    pub(crate) fn new(world: Arc<World>, registry: Registry, http: reqwest::Client) -> Self {
        Self {
            deliveries: Deliveries::new(Arc::clone(&world), http),
            registry,
            world,
        }
    }
}

/// What to send back.
#[derive(Debug)]
pub(crate) enum Answer {
    /// An XML envelope (HTTP 200, `text/xml` in `charset`).
    Xml {
        /// The envelope's charset.
        charset: Charset,
        /// The envelope.
        body: Vec<u8>,
    },
    /// An HTML page (HTTP 200, `text/html` in `charset`): a page service's cashier or error page.
    Html {
        /// The page's charset.
        charset: Charset,
        /// The page.
        body: Vec<u8>,
    },
    /// A plain-text answer (`notify_verify`).
    Text(&'static str),
}

/// Answers one gateway request (`fault`: an injected `RETRY`/`SYSTEM_ERROR`), and describes it
/// for the request log.
pub(crate) fn handle(
    gw: &Gateway,
    method: &str,
    query: &[u8],
    body: &[u8],
    fault: Option<ErrorCode>,
) -> (Answer, ReceivedRequest) {
    let mut log = ReceivedRequest {
        time: SystemTime::now(),
        method: method.to_owned(),
        service: None,
        params: Vec::new(),
        signing_string: None,
        detail: None,
        answer: String::new(),
    };
    let (answer, code) = check(gw, query, body, fault, &mut log);
    log.answer = code;
    (answer, log)
}

/// A request recorded without being answered (a dropped connection, an HTTP-level refusal).
pub(crate) fn describe(method: &str, query: &[u8], body: &[u8], answer: String) -> ReceivedRequest {
    let params = match raw_params(query, body) {
        Ok(raw) => lossy(&raw),
        Err(_) => lossy_undecoded(query, body),
    };
    let service = params
        .iter()
        .find(|(k, _)| k == "service")
        .map(|(_, v)| v.clone());
    ReceivedRequest {
        time: SystemTime::now(),
        method: method.to_owned(),
        service,
        params,
        signing_string: None,
        detail: None,
        answer,
    }
}

/// An HTML page in `charset` (UTF-8 when the text does not encode in it).
fn html(charset: Charset, page: String) -> Answer {
    match charset.encode(&page) {
        Ok(body) => Answer::Html {
            charset,
            body: body.into_owned(),
        },
        Err(_) => Answer::Html {
            charset: Charset::Utf8,
            body: page.into_bytes(),
        },
    }
}

/// A refusal of a registered service: an XML envelope, or an HTML error page for a page service
/// (the buyer's browser shows it).
fn refuse(registered: &Registered, charset: Charset, code: ErrorCode) -> (Answer, String) {
    match registered.kind {
        Kind::Page => {
            let page = services::page::error_page(charset.as_str(), &code);
            (html(charset, page), code.as_str().to_owned())
        }
        Kind::Api => error(charset, code),
    }
}

/// The error envelope of `code` in `charset`, and the request log's text for it.
pub(crate) fn error(charset: Charset, code: ErrorCode) -> (Answer, String) {
    let text = code.as_str().to_owned();
    (
        Answer::Xml {
            charset,
            body: envelope::error(charset, &code),
        },
        text,
    )
}

/// The one service Alipay answers without a signature on the request.
const UNSIGNED_SERVICE: &str = "query_timestamp";

fn check(
    gw: &Gateway,
    query: &[u8],
    body: &[u8],
    fault: Option<ErrorCode>,
    log: &mut ReceivedRequest,
) -> (Answer, String) {
    // 0. The percent layer.
    let raw = match raw_params(query, body) {
        Ok(raw) => raw,
        Err(e) => {
            log.params = lossy_undecoded(query, body);
            return match e {
                RawError::TooMany => {
                    log.detail = Some(format!(
                        "more than {} parameters",
                        crate::request::MAX_PARAMS
                    ));
                    error(Charset::Utf8, ErrorCode::IllegalArgument)
                }
                RawError::BadPercent => {
                    log.detail = Some("broken percent-encoding".into());
                    error(Charset::Utf8, ErrorCode::IllegalEncoding)
                }
            };
        }
    };
    log.params = lossy(&raw);

    // 1. service.
    let service = one(&raw, "service");
    if let Given::Once(name) = service {
        log.service = Some(String::from_utf8_lossy(name).into_owned());
    }
    if service == Given::Once(b"notify_verify") {
        let text = services::notify_verify::answer(&gw.world, &raw);
        return (Answer::Text(text), text.to_owned());
    }
    if let Some(code) = fault {
        log.detail = Some("injected fault".into());
        return error(Charset::Utf8, code);
    }
    let registered = match service {
        Given::Once(name) => gw.registry.get(name),
        _ => None,
    };
    let Some(registered) = registered else {
        return error(Charset::Utf8, ErrorCode::IllegalService);
    };
    log.params = redacted(
        raw.iter().map(|(k, v)| {
            (
                String::from_utf8_lossy(k).into_owned(),
                String::from_utf8_lossy(v).into_owned(),
            )
        }),
        registered,
    );

    // 2. partner.
    let Some(partner) = one_str(&raw, "partner").and_then(|p| gw.world.state.partner(p)) else {
        return refuse(registered, Charset::Utf8, ErrorCode::IllegalPartner);
    };
    // `query_timestamp` is called unsigned by Alipay's own demos (`gateway?service=query_timestamp
    // &partner=…`, with or without `_input_charset`), and answered: without `sign` and `sign_type`
    // it skips the signature checks (its answer is signed with MD5, as Alipay's sample is).
    let unsigned = service == Given::Once(UNSIGNED_SERVICE.as_bytes())
        && one(&raw, "sign") == Given::Missing
        && one(&raw, "sign_type") == Given::Missing;
    // 3. sign_type, exactly as spelled on the wire.
    let sign_type = match one_str(&raw, "sign_type").and_then(|t| t.parse::<SignType>().ok()) {
        Some(sign_type) => sign_type,
        None if unsigned => SignType::Md5,
        None => return refuse(registered, Charset::Utf8, ErrorCode::IllegalSignType),
    };
    // 4. _input_charset: given once, and the form's declared charset (form::declared_charset).
    let charset = match (one(&raw, "_input_charset"), form::declared_charset(&raw)) {
        (Given::Once(_), Ok(Some(charset))) => charset,
        (Given::Missing, _) if unsigned => Charset::Utf8,
        _ => return refuse(registered, Charset::Utf8, ErrorCode::IllegalCharset),
    };
    // 5. Every name and value in the charset.
    let Some(params) = decode_all(&raw, charset) else {
        log.detail = Some(format!("bytes invalid in {charset}"));
        return refuse(registered, charset, ErrorCode::IllegalEncoding);
    };
    log.params = redacted(params.iter().cloned(), registered);

    // 6. The signature.
    log.signing_string = Some(canonical::signing_string(&redacted(
        params.iter().cloned(),
        registered,
    )));
    let sign = match one(&raw, "sign") {
        Given::Once(_) => params
            .iter()
            .find(|(k, _)| k == "sign")
            .map(|(_, v)| v.as_str()),
        _ => None,
    };
    let verified = match (sign, partner.verifier(sign_type)) {
        _ if unsigned => true,
        (Some(sign), Some(verifier)) if exact_form(sign_type, sign) => {
            sign::verify_params(&SignedParams::new(&params), charset, verifier, None, sign).is_ok()
        }
        (_, None) => {
            log.detail = Some("no DSA public key is registered for the partner".into());
            false
        }
        _ => false,
    };
    if !verified {
        return refuse(registered, charset, ErrorCode::IllegalSign);
    }

    // 7 and 8. The service's table, then its business logic.
    if let Some((name, _)) = params
        .iter()
        .find(|(k, v)| k.chars().chain(v.chars()).any(envelope::is_unrepresentable))
    {
        log.detail = Some(format!(
            "parameter {:?} holds a character XML cannot carry",
            cut(name)
        ));
        return refuse(registered, charset, ErrorCode::IllegalArgument);
    }
    // Signed parameters the service does not declare: ignored (noted in the log), as Alipay does,
    // unless the sandbox is strict (then `from_params` refuses them: ILLEGAL_ARGUMENT). The echo
    // keeps every parameter received.
    let undeclared = |k: &str| !COMMON_PARAMS.contains(&k) && !registered.declares(k);
    let ignored: Vec<String> = if gw.world.config.strict {
        Vec::new()
    } else {
        params
            .iter()
            .filter(|(k, _)| undeclared(k))
            .map(|(k, _)| cut(k))
            .collect()
    };
    let accepted: Vec<(String, String)>;
    let business = if ignored.is_empty() {
        &params
    } else {
        log.detail = Some(format!(
            "ignored signed parameters the service does not declare: {}",
            ignored.join(", ")
        ));
        accepted = params
            .iter()
            .filter(|(k, _)| !undeclared(k))
            .cloned()
            .collect();
        &accepted
    };
    let call = Call {
        world: &gw.world,
        partner: &partner,
        charset,
        sign_type,
    };
    let outcome = match registered.run(&call, business) {
        Ok(outcome) => outcome,
        Err(Refusal::Invalid(errors)) => {
            let mut detail = errors.to_string();
            if let Some(warning) = &log.detail {
                detail = format!("{detail}; {warning}");
            }
            log.detail = Some(detail);
            return refuse(registered, charset, ErrorCode::IllegalArgument);
        }
        Err(Refusal::Code(code)) => return refuse(registered, charset, code),
    };
    // The effects first: a notification may reach the merchant before this answer does, as
    // Alipay's may.
    for job in outcome.notifications {
        match gw.world.state.insert_job(job) {
            Ok(job) => gw.deliveries.spawn_job(job),
            Err(e) => {
                tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the notification");
            }
        }
    }
    let reply = outcome.reply;
    let signer = match sign_type {
        SignType::Md5 => Some(&partner.keys.md5_signer),
        SignType::Rsa => Some(&gw.world.alipay.rsa),
        SignType::Rsa2 => Some(&gw.world.alipay.rsa2),
        // The sandbox has no DSA key of its own: DSA callers get unsigned responses.
        SignType::Dsa => None,
    };
    let payload = match &reply {
        Reply::Plain => None,
        Reply::Payload(payload) => Some(payload),
        Reply::Page(page) => return (html(charset, page.clone()), "page".into()),
        Reply::Text(text) => return (Answer::Text(text), (*text).to_owned()),
    };
    match envelope::success(charset, &params, payload, signer) {
        Ok(body) => (Answer::Xml { charset, body }, "T".into()),
        Err(e) => {
            log.detail = Some(format!("cannot write the response: {e:?}"));
            refuse(registered, charset, ErrorCode::SystemError)
        }
    }
}

/// The signature as Alipay writes it: MD5 as 32 lower-case hex digits, the others without
/// surrounding whitespace. (`Verifier::verify` is lenient on both; the gateway is not, so that a
/// client sending upper-case hex or a padded value fails here as it would in production.)
fn exact_form(sign_type: SignType, sign: &str) -> bool {
    match sign_type {
        SignType::Md5 => {
            sign.len() == 32
                && sign
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        SignType::Rsa | SignType::Rsa2 | SignType::Dsa => !sign.is_empty() && sign.trim() == sign,
    }
}

/// Every name and value decoded in `charset` ([`form::decode_pairs`]); `None` when one does not
/// decode.
fn decode_all(raw: &RawParams, charset: Charset) -> Option<Vec<(String, String)>> {
    form::decode_pairs(raw, charset).ok()
}

/// Text cut to [`LOG_VALUE_BYTES`] bytes (at a character boundary, then `…`) for the log.
fn cut(text: &str) -> String {
    if text.len() <= LOG_VALUE_BYTES {
        return text.to_owned();
    }
    let mut at = LOG_VALUE_BYTES;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    format!("{}…", &text[..at])
}

/// Pairs for the log: cut, secret values replaced.
fn redacted(
    pairs: impl Iterator<Item = (String, String)>,
    registered: &Registered,
) -> Vec<(String, String)> {
    pairs
        .take(LOG_PARAMS)
        .map(|(k, v)| {
            let v = if registered.is_secret(&k) {
                "<secret>".to_owned()
            } else {
                cut(&v)
            };
            (cut(&k), v)
        })
        .collect()
}

/// Percent-decoded pairs as UTF-8 with replacement characters, for the log (before the service,
/// hence its secret parameters, is known, values are only cut).
fn lossy(raw: &RawParams) -> Vec<(String, String)> {
    raw.iter()
        .take(LOG_PARAMS)
        .map(|(k, v)| {
            (
                cut(&String::from_utf8_lossy(k)),
                cut(&String::from_utf8_lossy(v)),
            )
        })
        .collect()
}

/// The raw segments of a request whose percent-encoding is broken, undecoded.
fn lossy_undecoded(query: &[u8], body: &[u8]) -> Vec<(String, String)> {
    query
        .split(|&b| b == b'&')
        .chain(body.split(|&b| b == b'&'))
        .filter(|s| !s.is_empty())
        .take(LOG_PARAMS)
        .map(|segment| {
            let text = String::from_utf8_lossy(segment);
            let (k, v) = text.split_once('=').unwrap_or((&text, ""));
            (cut(k), cut(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_short_text() {
        assert_eq!(cut("abc"), "abc");
        // 3 bytes a character: cut at the last boundary within the limit, then `…`.
        let long = "二".repeat(LOG_VALUE_BYTES);
        let cut_long = cut(&long);
        assert!(cut_long.len() <= LOG_VALUE_BYTES + '…'.len_utf8());
        assert_eq!(cut_long.chars().count(), LOG_VALUE_BYTES / 3 + 1);
        assert!(cut_long.ends_with('…'));
    }
}
