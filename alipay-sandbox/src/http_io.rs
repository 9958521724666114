//! HTTP pieces the server and the admin API share: bounded body reading and responses.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};

/// The largest body accepted (gateway and admin API).
pub(crate) const MAX_BODY: usize = 64 * 1024;
/// Bodies up to this size are read and discarded before a 413, so the client sees the answer.
const DRAIN_LIMIT: usize = 1024 * 1024;
/// Time allowed for a request head, and for a body.
pub(crate) const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The response type of every handler.
pub(crate) type HttpResponse = Response<Full<Bytes>>;

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Over [`MAX_BODY`].
    TooLarge,
    /// Not received within [`READ_TIMEOUT`].
    Timeout,
    /// The connection failed while reading it.
    Broken,
}

/// Reads the body, at most [`MAX_BODY`] bytes.
pub(crate) async fn read_body(request: Request<Incoming>) -> Result<Vec<u8>, BodyError> {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > DRAIN_LIMIT as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut body = request.into_body();
    let read = async {
        let mut buf = Vec::new();
        let mut total = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| BodyError::Broken)?;
            if let Ok(data) = frame.into_data() {
                total += data.len();
                if total > DRAIN_LIMIT {
                    return Err(BodyError::TooLarge);
                }
                if total <= MAX_BODY {
                    buf.extend_from_slice(&data);
                }
            }
        }
        if total > MAX_BODY {
            Err(BodyError::TooLarge)
        } else {
            Ok(buf)
        }
    };
    tokio::time::timeout(READ_TIMEOUT, read)
        .await
        .unwrap_or(Err(BodyError::Timeout))
}

/// A response with a body.
pub(crate) fn response(
    status: StatusCode,
    content_type: &str,
    body: impl Into<Bytes>,
) -> HttpResponse {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// A plain-text response.
pub(crate) fn text(status: StatusCode, message: &'static str) -> HttpResponse {
    response(status, "text/plain; charset=utf-8", message)
}
