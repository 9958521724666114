//! The request log is bounded in bytes, whatever the requests hold: 0xFF bytes, which become
//! 3-byte U+FFFD when the log shows them, cannot grow it beyond its bound.

#![allow(clippy::unwrap_used)]

use alipay_sandbox::fuzz::Gateway;

/// The documented bound of `GET /admin/requests`: 8 MiB of text.
const LOG_BYTES: usize = 8 << 20;

#[test]
fn invalid_bytes_cannot_grow_the_request_log_beyond_its_bound() {
    let gw = Gateway::new().unwrap();
    // 128 parameters of 160 bytes 0xFF each: a 62 KB body, under the 64 KiB limit, whose log
    // entry (as UTF-8 with replacement characters) is about 62 KB of text.
    let body: String = (0..128)
        .map(|i| format!("p{i}={}", "%FF".repeat(160)))
        .collect::<Vec<_>>()
        .join("&");
    assert!(body.len() < 64 * 1024);
    for _ in 0..300 {
        let (status, _) = gw.handle("POST", b"_input_charset=utf-8", body.as_bytes());
        assert_eq!(status, 200);
    }
    let (status, _) = gw.handle("GET", b"service=last", b"");
    assert_eq!(status, 200);
    let log = gw.admin().requests();
    let bytes: usize = log.iter().map(|r| r.text_bytes()).sum();
    assert!(bytes <= LOG_BYTES, "{bytes} bytes in the log");
    // The newest request is kept, the oldest dropped (300 entries would be about 19 MB).
    assert_eq!(log.last().unwrap().service.as_deref(), Some("last"));
    assert!(log.len() < 300, "{} entries", log.len());
    // Each value is cut to 1024 bytes at most (plus `…`).
    assert!(
        log.iter()
            .flat_map(|r| &r.params)
            .all(|(k, v)| k.len() <= 1024 + 3 && v.len() <= 1024 + 3)
    );
}
