//! Garbage in, Alipay errors out: more than 10,000 random and mutated requests (fixed seed) —
//! random queries and bodies, truncated and mutated valid requests, broken `%`, invalid UTF-8 and
//! GBK, huge bodies, too many parameters, and raw bytes that are not HTTP at all. Every answer
//! must be an Alipay envelope with a gateway or business code (or `T` for a mutation that left a
//! request valid), a `notify_verify` word, or a 4xx; nothing may panic; and valid calls succeed
//! afterwards.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use alipay_core::types::TransportType;
use alipay_sandbox::{NewTrade, Sandbox, SandboxConfig};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay_services::single_trade_query::SingleTradeQuery;
use alipay_services::sns_create_goods_ws::CreateGoods;
use support::*;

const SEED: u64 = 0x5EED_2026;
/// Requests through HTTP clients, and raw-socket exchanges on top of them.
const HTTP_REQUESTS: usize = 10_000;
const RAW_EXCHANGES: usize = 400;
const WORKERS: usize = 8;

/// The codes a garbage request may get.
const CODES: &[&str] = &[
    "ILLEGAL_SERVICE",
    "ILLEGAL_PARTNER",
    "ILLEGAL_SIGN_TYPE",
    "ILLEGAL_CHARSET",
    "ILLEGAL_ENCODING",
    "ILLEGAL_SIGN",
    "ILLEGAL_ARGUMENT",
    "GOODS_EXISTS_ERROR",
    "ILLEGAL_USER_KEY",
    "TRADE_NOT_EXIST",
    "TRADE_STATUS_NOT_AVAILD",
];

/// Characters a query may hold (the http crate refuses the others in a URI).
const QUERY_CHARS: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*,;:@/?%&=+";

/// Byte sequences invalid in UTF-8, in GBK, or in both, percent-encoded.
const BAD_BYTES: &[&str] = &[
    "%FF",
    "%C0%AF",
    "%E4%B8",
    "%81%20",
    "%81%30%81%30",
    "%FF%FE",
    "%80",
    "%ED%A0%80",
    "%B6",
];

/// A valid request: method, query, body.
#[derive(Clone)]
struct Template {
    post: bool,
    query: String,
    body: String,
}

fn templates(sandbox: &Sandbox, trade_no: &str) -> Vec<Template> {
    let me = sandbox.first_partner();
    let example = CreateGoods::example();
    let goods_utf8 = goods_params(
        &me.partner,
        "utf-8",
        &example.sns_user_id,
        &example.key,
        "garbage-utf8",
    );
    let goods_gbk = goods_params(
        &me.partner,
        "gbk",
        &example.sns_user_id,
        &example.key,
        "garbage-gbk",
    );
    let ship = [
        ("service", "send_goods_confirm_by_platform"),
        ("partner", me.partner.as_str()),
        ("_input_charset", "utf-8"),
        ("trade_no", trade_no),
        ("logistics_name", "申通快递"),
        ("transport_type", "EXPRESS"),
    ];
    let query = [
        ("service", "single_trade_query"),
        ("partner", me.partner.as_str()),
        ("_input_charset", "gbk"),
        ("trade_no", trade_no),
    ];
    let key = &me.md5_key;
    vec![
        Template {
            post: false,
            query: encode(&md5_signed(&goods_utf8, key, false), false),
            body: String::new(),
        },
        Template {
            post: true,
            query: "_input_charset=gbk".into(),
            body: encode(&md5_signed(&goods_gbk, key, true), true),
        },
        Template {
            post: true,
            query: "_input_charset=utf-8".into(),
            body: encode(&md5_signed(&ship, key, false), false),
        },
        Template {
            post: false,
            query: encode(&md5_signed(&query, key, true), true),
            body: String::new(),
        },
        Template {
            post: false,
            query: format!(
                "service=notify_verify&partner={}&notify_id=abc%252Fdef",
                me.partner
            ),
            body: String::new(),
        },
    ]
}

/// One mutation of an encoded query or body.
fn mutate(rng: &mut fastrand::Rng, text: &mut Vec<u8>, query: bool) {
    let pick = |rng: &mut fastrand::Rng| {
        if query {
            QUERY_CHARS[rng.usize(..QUERY_CHARS.len())]
        } else {
            rng.u8(..)
        }
    };
    let len = text.len();
    match rng.u8(0..10) {
        0 if len > 0 => {
            let at = rng.usize(..len);
            text[at] = pick(rng);
        }
        1 if len > 0 => {
            let start = rng.usize(..len);
            let end = (start + rng.usize(1..20)).min(len);
            text.drain(start..end);
        }
        2 => text.truncate(rng.usize(..=len)),
        3 => {
            let at = rng.usize(..=len);
            let insert: &[u8] = [&b"%"[..], b"%G", b"%4", b"%%", b"%zz"][rng.usize(..5)];
            text.splice(at..at, insert.iter().copied());
        }
        4 => {
            // Repeat a segment.
            let segments: Vec<Vec<u8>> = text.split(|&b| b == b'&').map(<[u8]>::to_vec).collect();
            let segment = segments[rng.usize(..segments.len())].clone();
            text.push(b'&');
            text.extend(segment);
        }
        5 => {
            // Swap two segments (a permutation can leave the request valid).
            let mut segments: Vec<Vec<u8>> =
                text.split(|&b| b == b'&').map(<[u8]>::to_vec).collect();
            let (a, b) = (rng.usize(..segments.len()), rng.usize(..segments.len()));
            segments.swap(a, b);
            *text = segments.join(&b'&');
        }
        6 => {
            // Invalid bytes in a value.
            let bad = BAD_BYTES[rng.usize(..BAD_BYTES.len())].as_bytes();
            match text.iter().position(|&b| b == b'=') {
                Some(eq) if rng.bool() => {
                    text.splice(eq + 1..eq + 1, bad.iter().copied());
                }
                _ => {
                    text.extend_from_slice(b"&goods_name=");
                    text.extend_from_slice(bad);
                }
            }
        }
        7 if len > 0 => {
            let at = rng.usize(..len);
            text[at] = text[at].to_ascii_uppercase();
        }
        8 => {
            // Drop or blank a segment.
            let segments: Vec<Vec<u8>> = text.split(|&b| b == b'&').map(<[u8]>::to_vec).collect();
            let drop = rng.usize(..segments.len());
            let kept: Vec<Vec<u8>> = segments
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, s)| s)
                .collect();
            *text = kept.join(&b'&');
        }
        _ => {
            let at = rng.usize(..=len);
            let n = rng.usize(1..8);
            let noise: Vec<u8> = (0..n).map(|_| pick(rng)).collect();
            text.splice(at..at, noise);
        }
    }
}

/// The kinds of garbage, for the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    RandomQuery,
    RandomBody,
    Mutated,
    BadBytes,
    Huge,
    ManyParams,
}

struct Sent {
    kind: Kind,
    post: bool,
    query: String,
    body: Vec<u8>,
    content_type: Option<&'static str>,
}

fn garbage(rng: &mut fastrand::Rng, templates: &[Template]) -> Sent {
    let roll = rng.u32(0..1000);
    let template = &templates[rng.usize(..templates.len())];
    let form = Some("application/x-www-form-urlencoded");
    if roll < 150 {
        let n = rng.usize(0..300);
        let query = (0..n)
            .map(|_| char::from(QUERY_CHARS[rng.usize(..QUERY_CHARS.len())]))
            .collect();
        return Sent {
            kind: Kind::RandomQuery,
            post: rng.bool(),
            query,
            body: Vec::new(),
            content_type: form,
        };
    }
    if roll < 300 {
        let n = rng.usize(0..2000);
        let body = (0..n).map(|_| rng.u8(..)).collect();
        let content_type =
            [form, None, Some("text/plain"), Some("application/json")][rng.usize(..4)];
        return Sent {
            kind: Kind::RandomBody,
            post: true,
            query: String::new(),
            body,
            content_type,
        };
    }
    if roll < 310 {
        let n = rng.usize(64 * 1024 + 1..300 * 1024);
        let body = (0..n).map(|_| b'a' + rng.u8(0..26)).collect();
        return Sent {
            kind: Kind::Huge,
            post: true,
            query: template.query.clone(),
            body,
            content_type: form,
        };
    }
    if roll < 320 {
        let n = rng.usize(257..400);
        let query = (0..n)
            .map(|i| format!("p{i}=v"))
            .collect::<Vec<_>>()
            .join("&");
        return Sent {
            kind: Kind::ManyParams,
            post: false,
            query,
            body: Vec::new(),
            content_type: form,
        };
    }
    let mut query = template.query.clone().into_bytes();
    let mut body = template.body.clone().into_bytes();
    let kind = if roll < 450 {
        // Invalid bytes only: the rest of the request is valid.
        let target = if template.post { &mut body } else { &mut query };
        let bad = BAD_BYTES[rng.usize(..BAD_BYTES.len())];
        target.extend_from_slice(format!("&goods_info={bad}").as_bytes());
        Kind::BadBytes
    } else {
        for _ in 0..rng.usize(1..4) {
            if template.post && rng.u8(0..4) > 0 {
                mutate(rng, &mut body, false);
            } else {
                mutate(rng, &mut query, true);
            }
        }
        Kind::Mutated
    };
    Sent {
        kind,
        post: template.post,
        // Query mutations only use URI characters.
        query: String::from_utf8(query).unwrap(),
        body,
        content_type: form,
    }
}

/// `Ok(answer class)` when the answer is acceptable.
fn judge(kind: Kind, status: u16, content_type: &str, body: &[u8]) -> Result<String, String> {
    match status {
        200 if content_type.starts_with("text/plain") => {
            let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
            match text {
                "true" | "false" | "invalid" => Ok(format!("notify_verify {text}")),
                other => Err(format!("plain text {other:?}")),
            }
        }
        200 => {
            let envelope = alipay_core::xml::parse(body).map_err(|e| e.to_string())?;
            if envelope.is_success {
                // Only a mutation that left the request valid (a permutation, a repeat) succeeds.
                return match kind {
                    Kind::Mutated => Ok("T".into()),
                    other => Err(format!("{other:?} answered T")),
                };
            }
            let code = envelope.error.ok_or("F without a code")?;
            if kind == Kind::ManyParams && code.as_str() != "ILLEGAL_ARGUMENT" {
                return Err(format!("too many parameters answered {code}"));
            }
            if CODES.contains(&code.as_str()) {
                Ok(code.as_str().to_owned())
            } else {
                Err(format!("unexpected code {code}"))
            }
        }
        // Only the front server's limits (size, method, path) are HTTP refusals.
        400 if kind == Kind::ManyParams => Err("too many parameters answered HTTP 400".into()),
        400..=499 => Ok(format!("HTTP {status}")),
        other => Err(format!("HTTP {other}")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_garbage_requests() {
    // A panic anywhere (a connection task included) is a failure.
    let panics = Arc::new(AtomicUsize::new(0));
    let hook_panics = Arc::clone(&panics);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        hook_panics.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));

    // Strict: a mutation that leaves an undeclared, empty (so unsigned) parameter is refused
    // with ILLEGAL_ARGUMENT instead of ignored, so that code stays reachable here.
    let sandbox = Sandbox::start(SandboxConfig {
        strict: true,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let me = sandbox.first_partner().clone();
    let admin = sandbox.admin();
    let example = CreateGoods::example();
    admin.create_sns_user(&me.partner, &example.sns_user_id, &example.key);
    let trade = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "garbage".into(),
        total_fee: "1.00".parse().unwrap(),
        ..NewTrade::default()
    });
    let templates = Arc::new(templates(&sandbox, &trade.trade_no));
    // The templates are valid.
    let http = http();
    for t in templates.iter() {
        let answer = if t.post {
            post(&http, &sandbox, &t.query, &t.body).await
        } else {
            get(&http, &sandbox, &t.query).await
        };
        let class = judge(
            Kind::Mutated,
            answer.status,
            &answer.content_type,
            &answer.body,
        );
        assert!(
            matches!(class.as_deref(), Ok("T" | "notify_verify false")),
            "{class:?}"
        );
    }

    let url = sandbox.gateway_url();
    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        let templates = Arc::clone(&templates);
        let url = url.clone();
        workers.push(tokio::spawn(async move {
            let mut rng = fastrand::Rng::with_seed(SEED + worker as u64);
            let http = support::http();
            let mut seen: BTreeMap<(Kind, String), usize> = BTreeMap::new();
            for _ in 0..HTTP_REQUESTS / WORKERS {
                let sent = garbage(&mut rng, &templates);
                let target = if sent.query.is_empty() {
                    url.clone()
                } else {
                    format!("{url}?{}", sent.query)
                };
                let mut request = if sent.post {
                    http.post(&target).body(sent.body.clone())
                } else {
                    http.get(&target)
                };
                if let Some(ct) = sent.content_type {
                    request = request.header("content-type", ct);
                }
                let response = request
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{:?} {:?}: {e}", sent.kind, sent.query));
                let status = response.status().as_u16();
                let content_type = response
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let body = response.bytes().await.unwrap();
                match judge(sent.kind, status, &content_type, &body) {
                    Ok(class) => *seen.entry((sent.kind, class)).or_default() += 1,
                    Err(why) => panic!(
                        "{:?} (post: {}) {:?} / {:?}: {why}",
                        sent.kind,
                        sent.post,
                        sent.query,
                        String::from_utf8_lossy(&sent.body[..sent.body.len().min(200)])
                    ),
                }
            }
            seen
        }));
    }

    // Raw bytes that are not (all) HTTP: the server answers 400 or closes; never anything else.
    let addr = sandbox.addr();
    let raw = tokio::spawn(async move {
        let mut rng = fastrand::Rng::with_seed(SEED ^ 0xFFFF);
        let mut answered = 0;
        for i in 0..RAW_EXCHANGES {
            let bytes: Vec<u8> = if i % 2 == 0 {
                (0..rng.usize(0..500)).map(|_| rng.u8(..)).collect()
            } else {
                let mut head =
                    b"GET /gateway.do?service=single_trade_query HTTP/1.1\r\nhost: x\r\n\r\n"
                        .to_vec();
                let mut head_mut = head.clone();
                for _ in 0..rng.usize(1..4) {
                    let at = rng.usize(..head_mut.len());
                    head_mut[at] = rng.u8(..);
                }
                std::mem::swap(&mut head, &mut head_mut);
                head
            };
            let answer = raw_exchange_closing(addr, &bytes).await;
            if !answer.is_empty() {
                let line = String::from_utf8_lossy(&answer[..answer.len().min(12)]).into_owned();
                assert!(
                    line.starts_with("HTTP/1.1 4") || line.starts_with("HTTP/1.1 200"),
                    "{line:?} for {bytes:?}"
                );
                answered += 1;
            }
        }
        answered
    });

    let mut totals: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    for worker in workers {
        for (key, n) in worker.await.unwrap() {
            *totals.entry(key).or_default() += n;
        }
    }
    let raw_answered = raw.await.unwrap();
    let sent: usize = totals.values().sum();
    assert_eq!(sent, HTTP_REQUESTS);
    eprintln!("{sent} HTTP requests, {RAW_EXCHANGES} raw exchanges ({raw_answered} answered):");
    for ((kind, class), n) in &totals {
        eprintln!("  {kind:?} → {class}: {n}");
    }
    // Every kind was exercised, and the classes that matter were reached.
    let classes: Vec<&str> = totals.keys().map(|(_, c)| c.as_str()).collect();
    for expected in [
        "ILLEGAL_SERVICE",
        "ILLEGAL_SIGN",
        "ILLEGAL_ENCODING",
        "ILLEGAL_ARGUMENT",
        "HTTP 413",
    ] {
        assert!(classes.contains(&expected), "{expected} never answered");
    }

    // The sandbox still answers valid calls correctly.
    let client = md5_client(&sandbox);
    let goods = CreateGoods {
        outer_goods_id: "after-the-storm".into(),
        ..CreateGoods::example()
    };
    assert_eq!(
        client.execute(&goods).await.unwrap().outer_goods_id,
        "after-the-storm"
    );
    let other = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "after".into(),
        total_fee: "2.00".parse().unwrap(),
        ..NewTrade::default()
    });
    let ship = SendGoodsConfirm {
        trade_no: other.trade_no.clone(),
        logistics_name: "x".into(),
        invoice_no: None,
        transport_type: Some(TransportType::Direct),
        create_transport_type: None,
        seller_ip: None,
    };
    client.execute(&ship).await.unwrap();
    let queried = client
        .execute(&SingleTradeQuery {
            trade_no: Some(other.trade_no),
            out_trade_no: None,
        })
        .await
        .unwrap();
    assert_eq!(queried.trade_status, "WAIT_BUYER_CONFIRM_GOODS");
    assert_eq!(panics.load(Ordering::SeqCst), 0, "something panicked");
    let _ = std::panic::take_hook();
}

/// Writes `bytes`, closes the writing half, and reads the answer until the server closes.
async fn raw_exchange_closing(addr: std::net::SocketAddr, bytes: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(bytes).await;
    let _ = stream.shutdown().await;
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(
        read.is_ok(),
        "the server neither answered nor closed within 5 s"
    );
    answer
}
