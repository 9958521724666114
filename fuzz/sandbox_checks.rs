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

const SERVICES: [&str; 5] = [
    "sns.create.goods.ws",
    "send_goods_confirm_by_platform",
    "single_trade_query",
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
