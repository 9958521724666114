//! The `sandbox_request` fuzz target's check, shared with `alipay-sandbox/tests/fuzz_corpus.rs`.
//!
//! The first byte picks a mode:
//! - raw: the rest is split at the first 0xFF into a query and a body, sent as GET or POST;
//! - signed: the rest is decoded as form parameters, completed with the partner, the charset and a
//!   service, signed with the partner's MD5 key, so the request passes the gateway checks and
//!   reaches the table rules and the services.
//!
//! Whatever the input: no panic; the answer is HTTP 200 with an envelope (or `notify_verify`'s
//! plain text), or a 4xx; an envelope that says `F` carries a known error code; a `T` envelope's
//! signature verifies with the partner's key.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::sync::OnceLock;

use alipay_core::charset::Charset;
use alipay_core::sign::{Md5Key, Signer, Verifier};
use alipay_core::xml;
use alipay_sandbox::fuzz::Gateway;
use alipay_sandbox::{NewTrade, TradeStatus};

const SERVICES: [&str; 8] = [
    "sns.create.goods.ws",
    "send_goods_confirm_by_platform",
    "single_trade_query",
    "close_trade",
    "create_direct_pay_by_user",
    "create_partner_trade_by_buyer",
    "notify_verify",
    "no.such.service",
];

fn gateway() -> &'static Gateway {
    static GW: OnceLock<Gateway> = OnceLock::new();
    GW.get_or_init(|| {
        let gw = Gateway::new().unwrap();
        gw.admin().create_sns_user(&gw.partner.partner, "u1", "k1");
        gw
    })
}

pub fn sandbox_request(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let gw = gateway();
    let method = if mode & 0x80 == 0 { "GET" } else { "POST" };
    let (status, body) = if mode & 1 == 0 {
        let cut = rest.iter().position(|&b| b == 0xFF).unwrap_or(rest.len());
        let (query, body) = rest.split_at(cut);
        gw.handle(method, query, body.get(1..).unwrap_or_default())
    } else {
        let Ok(mut params) = alipay_core::form::decode(rest, Charset::Utf8) else {
            return;
        };
        let service = SERVICES[usize::from(mode >> 1) % SERVICES.len()];
        params.retain(|(k, _)| !matches!(k.as_str(), "service" | "partner" | "_input_charset"));
        params.push(("service".into(), service.into()));
        params.push(("partner".into(), gw.partner.partner.clone()));
        if mode & 2 != 0 {
            params.push(("sns_user_id".into(), "u1".into()));
            params.push(("key".into(), "k1".into()));
        }
        let signer = Signer::md5(Md5Key::new(gw.partner.md5_key.as_str()));
        let Ok(signed) = alipay_core::request::prepare(&params, Charset::Utf8, &signer) else {
            return;
        };
        if method == "GET" {
            gw.handle(method, signed.encoded().as_bytes(), b"")
        } else {
            gw.handle(method, b"_input_charset=utf-8", signed.encoded().as_bytes())
        }
    };
    assert!(
        status == 200 || (400..500).contains(&status),
        "status {status}"
    );
    if status != 200 || matches!(body.as_slice(), b"true" | b"false" | b"invalid") {
        return;
    }
    if body.starts_with(b"<!DOCTYPE html>") || body.starts_with(b"<html") {
        // A page service's cashier page or error page, for the buyer's browser.
        return;
    }
    let env = xml::parse(&body).expect("the sandbox answers a valid envelope");
    if env.is_success {
        if env.sign.is_some() {
            let verifier = Verifier::md5(Md5Key::new(gw.partner.md5_key.as_str()));
            env.verify_signature(&verifier)
                .expect("the sandbox's answer verifies");
        }
    } else {
        let code = env.error.expect("F carries a code");
        assert!(code.is_known(), "unknown code {code}");
    }
}

/// `multipart/form-data` bodies. The first byte picks a mode:
/// - raw: the rest is a body with the boundary `B`; whatever it holds, reading it gives a form or
///   a refusal, and the gateway answers that form with an envelope;
/// - built: the rest is decoded as form pairs (raw bytes), written as a multipart body with a
///   boundary found nowhere in them, and read back: the same pairs, byte for byte.
pub fn multipart(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        let Ok(form) = alipay_sandbox::fuzz::multipart_form(rest, "B") else {
            return;
        };
        let (status, body) = gateway().handle("POST", b"_input_charset=utf-8", &form);
        assert_eq!(status, 200);
        if !matches!(body.as_slice(), b"true" | b"false" | b"invalid")
            && !body.starts_with(b"<!DOCTYPE html>")
        {
            xml::parse(&body).expect("an envelope");
        }
        return;
    }
    let pairs = raw_pairs(rest);
    let mut boundary = String::from("b0");
    while pairs
        .iter()
        .any(|(k, v)| contains(k, boundary.as_bytes()) || contains(v, boundary.as_bytes()))
    {
        boundary.push('x');
    }
    let mut body = Vec::new();
    for (name, value) in &pairs {
        // A part's name is a quoted header parameter: skip names a header cannot carry (a
        // control character, a quote, a backslash).
        if name
            .iter()
            .any(|&b| b < 0x20 || b == 0x7f || b == b'"' || b == b'\\')
            || std::str::from_utf8(name).is_err()
        {
            return;
        }
        body.extend_from_slice(
            format!("--{boundary}\r\ncontent-disposition: form-data; name=\"").as_bytes(),
        );
        body.extend_from_slice(name);
        body.extend_from_slice(b"\"\r\n\r\n");
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let form = alipay_sandbox::fuzz::multipart_form(&body, &boundary)
        .unwrap_or_else(|why| panic!("a well-formed multipart body refused: {why}"));
    let mut expected = Vec::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            expected.push(b'&');
        }
        alipay_core::form::push_component(&mut expected, name);
        expected.push(b'=');
        alipay_core::form::push_component(&mut expected, value);
    }
    assert_eq!(
        form, expected,
        "multipart and url-encoded forms of the same pairs differ"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `k=v&k=v` split as bytes (no decoding), empty names skipped.
fn raw_pairs(data: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    data.split(|&b| b == b'&')
        .filter_map(|pair| {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let name = it.next()?.to_vec();
            let value = it.next().unwrap_or_default().to_vec();
            (!name.is_empty()).then_some((name, value))
        })
        .collect()
}

/// The cashier's buttons. The first byte picks pay or cancel, and whether the form is aimed at a
/// real trade waiting for payment (`trade_no=` of it first, then the input). Whatever the form:
/// no panic, no server error; aimed at a waiting trade, the pay button answers a redirect or a
/// page exactly when it paid the trade, once.
pub fn cashier(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let gw = gateway();
    let cancel = mode & 1 != 0;
    let aimed = mode & 2 != 0;
    let trade_no = waiting_trade();
    let mut body = Vec::new();
    if aimed {
        gw.admin()
            .set_trade_status(trade_no, TradeStatus::WaitBuyerPay);
        body.extend_from_slice(format!("trade_no={trade_no}&").as_bytes());
    }
    body.extend_from_slice(rest);
    let (status, _) = gw.cashier(cancel, &body);
    assert!(
        matches!(status, 200 | 302 | 400 | 404 | 409),
        "status {status}"
    );
    if aimed {
        let after = gw.admin().trade(trade_no).expect("the trade").status;
        let paid = after == TradeStatus::WaitSellerSendGoods;
        if cancel {
            assert_eq!(after, TradeStatus::WaitBuyerPay, "cancel changed the trade");
        } else {
            assert_eq!(
                paid,
                matches!(status, 200 | 302),
                "status {status}, trade {after}"
            );
            // A second press changes nothing.
            let (again, _) = gw.cashier(false, &body);
            if paid {
                assert_eq!(again, 409, "paid twice");
            }
        }
    }
}

/// One escrow trade of the fuzz partner, made once and reset to waiting before each input.
fn waiting_trade() -> &'static str {
    static TRADE: OnceLock<String> = OnceLock::new();
    TRADE.get_or_init(|| {
        let gw = gateway();
        gw.admin()
            .create_trade(NewTrade {
                partner: gw.partner.partner.clone(),
                out_trade_no: "fuzz-cashier".into(),
                total_fee: "1.00".parse().unwrap(),
                ..NewTrade::default()
            })
            .trade_no
    })
}
