//! A scriptable MAPI gateway on loopback for the client's integration tests and benchmarks.
//!
//! [`Gateway::start`] serves `http://127.0.0.1:PORT/gateway.do` (any path answers) until the
//! [`Gateway`] is dropped. Every request is recorded as a [`Received`], its parameters decoded from
//! the query and the form body in the request's `_input_charset`. Replies are scripted per service
//! (the `service` parameter): queued ones first ([`Gateway::push`], FIFO), then the default
//! ([`Gateway::set_default`]), else a 500.
//!
//! The envelope and signature helpers compute MD5 with the `md-5` crate directly, never with the
//! crate's signer, so a test of the client's signing rule does not check the code against itself.

#![allow(dead_code, unreachable_pub)] // each test binary (and the benchmark) uses a part

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use alipay_core::Charset;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use md5::{Digest, Md5};

/// A loopback gateway; serves until dropped.
pub struct Gateway {
    addr: SocketAddr,
    shared: Arc<Mutex<Script>>,
    task: tokio::task::JoinHandle<()>,
}

/// The replies to give and the requests seen.
#[derive(Default)]
struct Script {
    queued: HashMap<String, VecDeque<Reply>>,
    defaults: HashMap<String, Reply>,
    received: Vec<Received>,
}

/// One request as the gateway received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// `GET`, `POST`, …
    pub method: String,
    /// The raw query string (empty when there is none).
    pub query: String,
    /// The raw body.
    pub body: Vec<u8>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// Query parameters not repeated in the body, then the body's, decoded in `_input_charset`. Empty when
    /// decoding failed (the gateway then answered `ILLEGAL_ENCODING`).
    pub params: Vec<(String, String)>,
    /// When the request arrived.
    pub at: Instant,
}

impl Received {
    /// The first value of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A scripted answer.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with `Content-Type: text/xml; charset=…` (the charset of the XML declaration, else
    /// `utf-8`) and this body.
    Xml(Vec<u8>),
    /// Any status, content type and body.
    Raw {
        /// HTTP status.
        status: u16,
        /// `Content-Type` header.
        content_type: String,
        /// Body.
        body: Vec<u8>,
    },
    /// Wait, then answer with the inner reply.
    Delay(Duration, Box<Reply>),
    /// 200 `text/xml` with `len` bytes of `x`, produced lazily in 16 KiB chunks; without
    /// `content_length` it is sent chunked with no `Content-Length`.
    Huge {
        /// Body length in bytes.
        len: usize,
        /// Whether to announce the length.
        content_length: bool,
    },
    /// 200 `text/plain; charset=utf-8` (notify_verify answers `true`, `false`, `invalid`).
    Text(String),
    /// 302 to this location.
    Redirect(String),
}

impl Gateway {
    /// Binds 127.0.0.1:0 and serves on the current tokio runtime until dropped.
    pub async fn start() -> Gateway {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Mutex::new(Script::default()));
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("gateway serve");
        });
        Gateway { addr, shared, task }
    }

    /// `http://127.0.0.1:PORT/gateway.do`.
    pub fn url(&self) -> String {
        format!("http://{}/gateway.do", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queues `reply` for the next call of `service` (FIFO per service).
    pub fn push(&self, service: &str, reply: Reply) {
        let mut script = self.lock();
        script
            .queued
            .entry(service.to_owned())
            .or_default()
            .push_back(reply);
    }

    /// The reply for `service` once its queue is empty.
    pub fn set_default(&self, service: &str, reply: Reply) {
        self.lock().defaults.insert(service.to_owned(), reply);
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<Received> {
        self.lock().received.clone()
    }

    /// How many requests named `service`.
    pub fn count(&self, service: &str) -> usize {
        let script = self.lock();
        script
            .received
            .iter()
            .filter(|r| r.param("service") == Some(service))
            .count()
    }

    fn lock(&self) -> MutexGuard<'_, Script> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(shared): State<Arc<Mutex<Script>>>, request: Request) -> Response {
    let at = Instant::now();
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body.to_vec(),
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let query = parts.uri.query().unwrap_or("").to_owned();
    let is_form = content_type
        .as_deref()
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let form_body: &[u8] = if is_form { &body } else { b"" };
    let decoded = decode_params(query.as_bytes(), form_body);
    let received = Received {
        method: parts.method.to_string(),
        query,
        body,
        content_type,
        params: decoded.clone().unwrap_or_default(),
        at,
    };
    let reply = {
        let mut script = shared.lock().unwrap_or_else(PoisonError::into_inner);
        let service = received.param("service").unwrap_or("").to_owned();
        script.received.push(received);
        if decoded.is_err() {
            Some(Reply::Xml(error_envelope("ILLEGAL_ENCODING")))
        } else {
            let queued = script
                .queued
                .get_mut(&service)
                .and_then(VecDeque::pop_front);
            queued.or_else(|| script.defaults.get(&service).cloned())
        }
    };
    match reply {
        Some(reply) => respond(reply).await,
        None => (StatusCode::INTERNAL_SERVER_ERROR, "no reply scripted").into_response(),
    }
}

/// Query then body parameters, in the `_input_charset` found in either (default UTF-8).
fn decode_params(query: &[u8], body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let label = [query, body].into_iter().find_map(|raw| {
        raw.split(|&b| b == b'&')
            .find_map(|seg| seg.strip_prefix(b"_input_charset="))
    });
    let charset = match label {
        Some(label) => std::str::from_utf8(label)
            .ok()
            .and_then(|l| Charset::from_label(l).ok())
            .ok_or_else(|| format!("bad _input_charset {:?}", String::from_utf8_lossy(label)))?,
        None => Charset::Utf8,
    };
    // A POST repeats `_input_charset` in the query so the body can be decoded: a query parameter
    // the body also carries is one parameter, not two.
    let mut params = alipay_core::form::decode(body, charset).map_err(|e| e.to_string())?;
    let query = alipay_core::form::decode(query, charset).map_err(|e| e.to_string())?;
    let mut merged: Vec<(String, String)> = query
        .into_iter()
        .filter(|(k, v)| !params.iter().any(|(bk, bv)| bk == k && bv == v))
        .collect();
    merged.append(&mut params);
    Ok(merged)
}

async fn respond(mut reply: Reply) -> Response {
    while let Reply::Delay(wait, inner) = reply {
        tokio::time::sleep(wait).await;
        reply = *inner;
    }
    match reply {
        Reply::Xml(body) => {
            let content_type = format!("text/xml; charset={}", xml_encoding(&body));
            ([(CONTENT_TYPE, content_type)], body).into_response()
        }
        Reply::Raw {
            status,
            content_type,
            body,
        } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, [(CONTENT_TYPE, content_type)], body).into_response()
        }
        Reply::Text(text) => ([(CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response(),
        Reply::Redirect(location) => (
            StatusCode::FOUND,
            [(axum::http::header::LOCATION, location)],
            "moved",
        )
            .into_response(),
        Reply::Huge {
            len,
            content_length,
        } => {
            static CHUNK: [u8; 16 * 1024] = [b'x'; 16 * 1024];
            let chunks = (0..len).step_by(CHUNK.len()).map(move |start| {
                let n = CHUNK.len().min(len - start);
                Ok::<_, std::convert::Infallible>(Bytes::from_static(&CHUNK[..n]))
            });
            let body = Body::from_stream(futures_util::stream::iter(chunks));
            let mut response = ([(CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response();
            if content_length {
                response.headers_mut().insert(CONTENT_LENGTH, len.into());
            }
            response
        }
        Reply::Delay(..) => unreachable!("delays unwrapped above"),
    }
}

/// The `encoding` of an XML declaration, else `utf-8`.
fn xml_encoding(body: &[u8]) -> String {
    let head = String::from_utf8_lossy(&body[..body.len().min(100)]);
    head.strip_prefix("<?xml")
        .and_then(|decl| decl.split_once("encoding=\"")?.1.split_once('"'))
        .map_or_else(|| "utf-8".to_owned(), |(enc, _)| enc.to_owned())
}

/// Escapes text for an XML element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The signing string: non-empty `k=v` but `sign`/`sign_type`, sorted by name, joined with `&`.
fn signing_string<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut kept: Vec<(&str, &str)> = fields
        .into_iter()
        .filter(|&(k, v)| !v.is_empty() && k != "sign" && k != "sign_type")
        .collect();
    kept.sort_by(|a, b| a.0.cmp(b.0));
    let joined: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={v}")).collect();
    joined.join("&")
}

/// Lowercase hex MD5 of `bytes` followed by `key`.
fn md5_hex(bytes: &[u8], key: &str) -> String {
    let digest = Md5::new()
        .chain_update(bytes)
        .chain_update(key.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn envelope_text(
    element: &str,
    fields: &[(&str, &str)],
    encoding: &str,
    sign: Option<&str>,
) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="{encoding}"?><alipay><is_success>T</is_success><response><{element}>"#
    );
    for (k, v) in fields {
        xml.push_str(&format!("<{k}>{}</{k}>", escape(v)));
    }
    xml.push_str(&format!("</{element}></response>"));
    if let Some(sign) = sign {
        xml.push_str(&format!("<sign>{sign}</sign><sign_type>MD5</sign_type>"));
    }
    xml.push_str("</alipay>");
    xml
}

/// A success envelope with `<response><{element}>` holding `fields`, MD5-signed with `md5_key`.
pub fn signed_envelope(element: &str, fields: &[(&str, &str)], md5_key: &str) -> Vec<u8> {
    let sign = md5_hex(signing_string(fields.iter().copied()).as_bytes(), md5_key);
    envelope_text(element, fields, "utf-8", Some(&sign)).into_bytes()
}

/// The same envelope, unsigned.
pub fn envelope(element: &str, fields: &[(&str, &str)]) -> Vec<u8> {
    envelope_text(element, fields, "utf-8", None).into_bytes()
}

/// `<alipay><is_success>F</is_success><error>{code}</error></alipay>` with a UTF-8 declaration.
pub fn error_envelope(code: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><alipay><is_success>F</is_success><error>{code}</error></alipay>"#
    )
    .into_bytes()
}

/// [`signed_envelope`] in GBK (`encoding="GBK"`), the signing string encoded in GBK before MD5.
pub fn signed_envelope_gbk(element: &str, fields: &[(&str, &str)], md5_key: &str) -> Vec<u8> {
    let sign = md5_hex(&gbk(&signing_string(fields.iter().copied())), md5_key);
    gbk(&envelope_text(element, fields, "GBK", Some(&sign)))
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "text not encodable in GBK: {text:?}");
    bytes.into_owned()
}

/// Checks a request's MD5 signature independently: the signing string of every received parameter
/// (in the request's `_input_charset`) plus `key`. `Ok(signing string)`, or `Err` saying what was
/// expected.
pub fn check_md5_request(received: &Received, key: &str) -> Result<String, String> {
    let string = signing_string(
        received
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let gbk_charset = received
        .param("_input_charset")
        .is_some_and(|c| c.eq_ignore_ascii_case("gbk") || c.eq_ignore_ascii_case("gb2312"));
    let bytes = if gbk_charset {
        gbk(&string)
    } else {
        string.clone().into_bytes()
    };
    let expected = md5_hex(&bytes, key);
    match (received.param("sign_type"), received.param("sign")) {
        (Some("MD5"), Some(sign)) if sign == expected => Ok(string),
        (sign_type, sign) => Err(format!(
            "expected sign_type MD5 and sign {expected} over {string:?}, got {sign_type:?} {sign:?}"
        )),
    }
}
