//! HTTP: the accept loop, one hyper HTTP/1.1 connection per task, routing, bounded bodies, and
//! faults (a dropped connection is a connection task that stops serving).
//!
//! - `/gateway.do` (GET or POST): the gateway ([`crate::gateway`]).
//! - `/admin/…`: the admin API ([`crate::admin`]), for loopback peers only (403 otherwise).
//! - Anything else: 404.
//!
//! Limits: a query longer than 32 KiB is 414 (hyper refuses URIs over 64 KiB with 414), a request
//! head (request line and headers) over 80 KiB is 431 (counted here: hyper's own refusal, with an
//! 80 KiB read buffer, only starts at about 110 KiB), a body longer than 64 KiB is 413 (up to 1 MiB is read and discarded first so that
//! the client can read the answer; a larger declared `Content-Length` is refused at once and the
//! connection closed), a POST body that is neither `application/x-www-form-urlencoded` nor
//! `multipart/form-data` is not read (the query's parameters alone are the request, and the log says
//! so), a broken multipart body or more than 256 parameters is the `ILLEGAL_ARGUMENT` envelope, a
//! request head or body not received within 30 s ends the connection or answers 408.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use alipay_core::{Charset, ErrorCode};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::cashier::{self, Cashier};
use crate::config::{FaultAction, FaultWhen};
use crate::envelope;
use crate::faults::{self, Fault};
use crate::gateway::{self, Answer, Gateway};
use crate::http_io::{BodyError, HttpResponse, READ_TIMEOUT, read_body, response, text};

/// The longest query string accepted (hyper itself refuses URIs over 64 KiB with 414).
const MAX_QUERY: usize = 32 * 1024;
/// hyper's buffer for a request head.
const MAX_HEAD: usize = 80 * 1024;
/// Accepts connections until the task is aborted; aborting it aborts every connection.
pub(crate) async fn accept_loop(listener: TcpListener, gw: Arc<Gateway>) {
    let mut connections = JoinSet::new();
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                tracing::warn!(target: "alipay_sandbox", error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        connections.spawn(serve_connection(stream, peer, Arc::clone(&gw)));
    }
}

/// Serves one connection until it closes, or until a handler asks for it to be dropped.
async fn serve_connection(stream: TcpStream, peer: SocketAddr, gw: Arc<Gateway>) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let service = {
        let kill = Arc::clone(&kill);
        hyper::service::service_fn(move |request| {
            let gw = Arc::clone(&gw);
            let kill = Arc::clone(&kill);
            async move { Ok::<_, Infallible>(route(&gw, peer, request, &kill).await) }
        })
    };
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(READ_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = connection => {
            if let Err(e) = result {
                tracing::debug!(target: "alipay_sandbox", error = %e, %peer, "connection ended");
            }
        }
        () = kill.notified() => {
            tracing::debug!(target: "alipay_sandbox", %peer, "connection dropped (fault)");
        }
    }
}

async fn route(
    gw: &Arc<Gateway>,
    peer: SocketAddr,
    request: Request<Incoming>,
    kill: &Notify,
) -> HttpResponse {
    if head_bytes(&request) > MAX_HEAD {
        return text(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "the request head is over 80 KiB",
        );
    }
    let path = request.uri().path();
    if path == "/gateway.do" {
        gateway_request(gw, request, kill).await
    } else if path == "/cashier/pay"
        || path == "/cashier/cancel"
        || path == "/cashier/confirm"
        || path == "/cashier/refund"
        || path == "/cashier/payout"
    {
        cashier_request(gw, request).await
    } else if path == "/cashier/trade" {
        let query = request.uri().query().unwrap_or("").as_bytes().to_vec();
        cashier_answer(cashier::trade_page(gw, &query))
    } else if path == "/cashier/scan" {
        let query = request.uri().query().unwrap_or("").as_bytes().to_vec();
        cashier_answer(cashier::scan_page(gw, &query))
    } else if path == "/admin" || path.starts_with("/admin/") {
        if peer.ip().is_loopback() {
            crate::admin::http::handle(&gw.world, request).await
        } else {
            text(
                StatusCode::FORBIDDEN,
                "the admin API answers loopback clients only",
            )
        }
    } else {
        text(
            StatusCode::NOT_FOUND,
            "not found: the gateway is /gateway.do",
        )
    }
}

/// `POST /cashier/pay` and `/cashier/cancel`: the buyer's browser at the cashier (see
/// [`crate::cashier`]).
async fn cashier_request(gw: &Arc<Gateway>, request: Request<Incoming>) -> HttpResponse {
    let path = request.uri().path().to_owned();
    if request.method() != Method::POST {
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            "the cashier's buttons are POST forms",
        );
    }
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(_) => {
            return text(
                StatusCode::BAD_REQUEST,
                "the cashier form could not be read",
            );
        }
    };
    let answer = match path.as_str() {
        "/cashier/cancel" => cashier::cancel(gw, &body),
        "/cashier/confirm" => cashier::confirm(gw, &body),
        "/cashier/refund" => cashier::refund(gw, &body),
        "/cashier/payout" => cashier::payout(gw, &body),
        _ => cashier::pay(gw, &body),
    };
    cashier_answer(answer)
}

/// The HTTP response of a cashier answer: a redirect or a page.
fn cashier_answer(answer: Cashier) -> HttpResponse {
    match answer {
        Cashier::Redirect(to) => {
            let mut answer = response(StatusCode::FOUND, "text/plain; charset=utf-8", "");
            if let Ok(value) = HeaderValue::from_str(&to) {
                answer.headers_mut().insert(hyper::header::LOCATION, value);
            }
            answer
        }
        Cashier::Page {
            status,
            charset,
            html,
        } => {
            let body = charset
                .encode(&html)
                .map(|b| b.into_owned())
                .unwrap_or_else(|_| html.into_bytes());
            response(
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                &format!("text/html; charset={}", charset.as_str()),
                body,
            )
        }
    }
}

/// The size of the request head as sent: the request line and every header line.
fn head_bytes<B>(request: &Request<B>) -> usize {
    let line = request.method().as_str().len() + request.uri().to_string().len() + 11;
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    line + headers + 2
}

async fn gateway_request(
    gw: &Arc<Gateway>,
    request: Request<Incoming>,
    kill: &Notify,
) -> HttpResponse {
    let method = request.method().clone();
    let query = request.uri().query().unwrap_or("").as_bytes().to_vec();
    let refuse = |status: StatusCode, message: &'static str, body: &[u8]| {
        let q = &query[..query.len().min(MAX_QUERY)];
        gw.world.record(gateway::describe(
            method.as_str(),
            q,
            body,
            format!("HTTP {}", status.as_u16()),
        ));
        text(status, message)
    };
    if method != Method::GET && method != Method::POST {
        let mut response = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "the gateway takes GET and POST",
            b"",
        );
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, POST"));
        return response;
    }
    if query.len() > MAX_QUERY {
        return refuse(StatusCode::URI_TOO_LONG, "query string too long", b"");
    }
    let form = is_form(request.headers().get(CONTENT_TYPE));
    let request_content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .map(|ct| String::from_utf8_lossy(ct.as_bytes()).into_owned());
    let boundary = multipart_boundary(request.headers().get(CONTENT_TYPE));
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body too large (64 KiB at most)",
                b"",
            );
        }
        Err(BodyError::Timeout) => {
            return refuse(
                StatusCode::REQUEST_TIMEOUT,
                "body not received in time",
                b"",
            );
        }
        Err(BodyError::Broken) => return refuse(StatusCode::BAD_REQUEST, "broken body", b""),
    };
    // A GET's body is ignored. A POST's parameters come from a form body: url-encoded, or
    // multipart (as the official demo's `buildRequestHttp` posts it), read as the same
    // parameters. A body of another type is not read (as a servlet's parameters leave it): the
    // request is the query's parameters alone, and the request log says the body was ignored.
    let mut ignored = None;
    let body: Vec<u8> = match (&boundary, method == Method::POST) {
        (_, false) => Vec::new(),
        (Some(boundary), true) => match multipart_form(body, boundary).await {
            Ok(form) => form,
            Err(why) => {
                let mut log = gateway::describe(method.as_str(), &query, b"", String::new());
                log.detail = Some(why.into());
                let (answer, code) = gateway::error(Charset::Utf8, ErrorCode::IllegalArgument);
                log.answer = code;
                gw.world.record(log);
                return http_answer(answer);
            }
        },
        (None, true) if form || body.is_empty() => body,
        (None, true) => {
            let content_type = request_content_type.unwrap_or_default();
            ignored = Some(format!(
                "a body of {} bytes of type {content_type:?} was not read: the gateway reads \
                 parameters from the query and from application/x-www-form-urlencoded or \
                 multipart/form-data bodies",
                body.len()
            ));
            Vec::new()
        }
    };
    let body: &[u8] = &body;

    // Scripted faults first (their scope needs the request's service and trade), else the
    // random ones.
    let mut seen = None;
    let scripted = if gw.world.has_fault_rules() {
        let described = seen.insert(gateway::describe(
            method.as_str(),
            &query,
            body,
            String::new(),
        ));
        gw.world
            .take_fault_rule(described.service.as_deref(), &described.params)
    } else {
        None
    };
    let current = gw.world.faults();
    let drawn = match scripted {
        Some(_) => None,
        None => faults::draw(&current, &mut gw.world.rng()),
    };
    if !current.latency.is_zero() {
        tokio::time::sleep(current.latency).await;
    }
    let (before, after) = match scripted {
        Some((FaultWhen::Before, action)) => (Some(action), None),
        Some((FaultWhen::After, action)) => (None, Some(action)),
        None => (drawn.map(Fault::action), None),
    };
    if let Some(lost @ (FaultAction::Drop | FaultAction::Timeout)) = before {
        let mut log =
            seen.unwrap_or_else(|| gateway::describe(method.as_str(), &query, body, String::new()));
        log.answer = lost_label(lost).into();
        gw.world.record(log);
        return lose_answer(lost, kill).await;
    }
    if before == Some(FaultAction::Slow) {
        tokio::time::sleep(FaultAction::SLOW).await;
    }
    let injected = before.and_then(FaultAction::code);
    let (mut answer, mut log) = gateway::handle(gw, method.as_str(), &query, body, injected);
    if let Some(ignored) = ignored {
        log.detail = Some(match log.detail.take() {
            Some(detail) => format!("{ignored}; {detail}"),
            None => ignored,
        });
    }
    if after == Some(FaultAction::Slow) {
        log.detail = Some("answered late (fault after the handler: slow)".into());
        gw.world.record(log);
        tokio::time::sleep(FaultAction::SLOW).await;
        return http_answer(answer);
    }
    if let Some(action) = after {
        log.detail = Some(match log.detail.take() {
            Some(detail) => format!(
                "{detail}; then the fault after the handler: {}",
                action.as_str()
            ),
            None => format!("the fault after the handler: {}", action.as_str()),
        });
        match action.code() {
            Some(code) => {
                log.answer = format!("{} then {}", log.answer, code.as_str());
                answer = Answer::Xml {
                    charset: Charset::Utf8,
                    body: envelope::error(Charset::Utf8, &code),
                };
            }
            None => {
                log.answer = format!("{} then {}", log.answer, lost_label(action));
                gw.world.record(log);
                return lose_answer(action, kill).await;
            }
        }
    }
    gw.world.record(log);
    http_answer(answer)
}

/// The HTTP response carrying a gateway answer.
fn http_answer(answer: Answer) -> HttpResponse {
    match answer {
        Answer::Xml { charset, body } => {
            let content_type = format!("text/xml; charset={}", envelope::xml_encoding(charset));
            response(StatusCode::OK, &content_type, body)
        }
        Answer::Html { charset, body } => {
            let content_type = format!("text/html; charset={}", charset.as_str());
            response(StatusCode::OK, &content_type, body)
        }
        Answer::Text(answer) => response(StatusCode::OK, "text/plain; charset=utf-8", answer),
    }
}

/// What the request log says of an answer a fault lost: `DROPPED` or `TIMEOUT`.
fn lost_label(action: FaultAction) -> &'static str {
    match action {
        FaultAction::Timeout => "TIMEOUT",
        _ => "DROPPED",
    }
}

/// How long a `timeout` fault holds a connection without answering before closing it (a client
/// gives up long before).
const TIMEOUT_HOLD: Duration = Duration::from_secs(120);

/// Loses the answer: `Drop` closes the connection now, `Timeout` holds it unanswered (for
/// [`TIMEOUT_HOLD`], then closes it). The connection task drops this future with the connection.
async fn lose_answer(action: FaultAction, kill: &Notify) -> HttpResponse {
    if action == FaultAction::Timeout {
        tokio::time::sleep(TIMEOUT_HOLD).await;
    }
    kill.notify_one();
    std::future::pending().await
}

/// The boundary of a `multipart/form-data` body.
fn multipart_boundary(content_type: Option<&HeaderValue>) -> Option<String> {
    let ct = content_type?.to_str().ok()?;
    let mime = ct.split(';').next()?.trim();
    if !mime.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    multer::parse_boundary(ct).ok()
}

/// A `multipart/form-data` body (already bounded by [`read_body`]) as the url-encoded form of the
/// same parameters: each part's name and bytes percent-encoded as they are (their charset is the
/// request's `_input_charset`, read later like a url-encoded body's).
pub(crate) async fn multipart_form(body: Vec<u8>, boundary: &str) -> Result<Vec<u8>, &'static str> {
    let stream = futures_util::stream::once(async move {
        Ok::<_, std::convert::Infallible>(bytes::Bytes::from(body))
    });
    let mut parts = multer::Multipart::new(stream, boundary);
    let mut form = Vec::new();
    loop {
        let field = match parts.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(form),
            Err(_) => return Err("broken multipart body"),
        };
        let name = field
            .name()
            .ok_or("a multipart part without a name")?
            .to_owned();
        let value = field.bytes().await.map_err(|_| "broken multipart body")?;
        if !form.is_empty() {
            form.push(b'&');
        }
        alipay_core::form::push_component(&mut form, name.as_bytes());
        form.push(b'=');
        alipay_core::form::push_component(&mut form, &value);
    }
}

/// A body without a content type, or `application/x-www-form-urlencoded` (any parameters).
fn is_form(content_type: Option<&HeaderValue>) -> bool {
    match content_type.map(HeaderValue::to_str) {
        None => true,
        Some(Ok(ct)) => ct.split(';').next().is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        }),
        Some(Err(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_content_types() {
        assert!(is_form(None));
        let v = |s: &'static str| HeaderValue::from_static(s);
        assert!(is_form(Some(&v("application/x-www-form-urlencoded"))));
        assert!(is_form(Some(&v(
            "Application/X-WWW-Form-Urlencoded; charset=GBK"
        ))));
        assert!(!is_form(Some(&v("text/plain"))));
        assert!(!is_form(Some(&v("multipart/form-data; boundary=x"))));
    }
}
