//! Every gateway check, in Alipay's order, through real sockets: raw requests built and signed
//! independently (known answers from python3 and openssl), GET and POST, UTF-8 and GBK, and the
//! HTTP-level refusals.

#![allow(clippy::unwrap_used)]

mod support;

use std::process::Command;

use alipay_core::sign::SignType;
use alipay_core::{Charset, Request as _};
use alipay_sandbox::{Amount, NewTrade, Sandbox, SandboxConfig};
use alipay_services::single_trade_query::SingleTradeQuery;
use support::*;

/// A parameter to set (`Some`) or remove (`None`).
type Change<'a> = (&'static str, Option<&'a str>);

/// The known trade of [`KNOWN_PARTNER`].
const TRADE_NO: &str = "2013102226991504";

/// `_input_charset=utf-8&partner=2088000000000001&service=single_trade_query&trade_no=2013102226991504`
/// signed with the known keys:
/// - MD5: `python3 -c "import hashlib,sys; print(hashlib.md5(sys.argv[1].encode()+b'0123456789abcdefghijklmnopqrstuv').hexdigest())" "$S"`
const KNOWN_MD5: &str = "0eecdb95e833b430ab7c89fbd2f87ed2";
/// - RSA2: `printf '%s' "$S" | openssl dgst -sha256 -sign rsa2048_pkcs8.pem | base64 -w0`
const KNOWN_RSA2: &str = "IcUSJcXlAaK/zYzlYztLtfLvRDNQDw0XclCEMownPE9nMHsAgzTztQRi8rFZWMDyb/1ufi+dWKoPYQFiz5yfeb/QPDZCsZJMt6TDNQExinxB+QX7pwV12uCEdDdSmumODrKEpgGHS/ypfGP3Ee/W1jjnEqtahM4M5OMg2b38BmQToT2vIud/KOedVqDpO8oT4IzgzfPqvdPxwo4kAi+tbbBsnOJ5tkWLtKfzhUDw8aqRPE2ysHcbqbIUIEQHu9FCiHqGmk7c0Dvo8GRRj+hSA3lJ1/2qmysr84zNFWcuWICGBrwmw91Y7/oOrwhGtO2gVbOzXE0OKrXQXEYBgP8VaQ==";
/// - RSA: `printf '%s' "$S" | openssl dgst -sha1 -sign rsa2048_pkcs8.pem | base64 -w0`
const KNOWN_RSA: &str = "LecCS9xpGUWEMCYYi9fu3S7T29th5589ZdnDMp8Y2a7+7o57PBhmavC6gOTcO5bip6X2MFIJp0q/443VylbrbuvdE4qz/qu0c5E2nJDEo9Pr7h6rPxo81M2mv0K6fqdhw9WM5thSafI9y2zz4A1Dm4o5KJEI94JIhWZsxnt3Gfcifea1m/r6VNv/enNG8KnxfbPJ7IYU+Udi2UFLeW1u0lJTE90LzP4vagXS3nd5uPA6ziciV9zJfQQ3go1uFIWqclci1QIPm9Fg2LMP1a3JH3FradKeusD+mf3fkCsMGh4GjEvoQoX4iitu94li5hAvqGRy8MGwGBtZtcAD8JlOQQ==";
/// - DSA: `printf '%s' "$S" | openssl dgst -sha1 -sign dsa1024_pkcs8.pem | base64 -w0`
const KNOWN_DSA: &str = "MCwCFBVHp6F8VIOvWAdHfs9NEiV2B9PUAhRYIEcmzLCKwMqTf8jmzrLsY6cBaw==";

/// A sandbox with the known partner and its trade.
async fn known_sandbox() -> Sandbox {
    let sandbox = start().await;
    add_known_partner(&sandbox);
    sandbox.admin().create_trade(NewTrade {
        partner: KNOWN_PARTNER.into(),
        out_trade_no: "order-1".into(),
        total_fee: Amount::from_fen(1),
        trade_no: Some(TRADE_NO.into()),
        ..NewTrade::default()
    });
    sandbox
}

/// The known query's parameters, with a sign type and sign.
fn known(sign_type: &str, sign: &str) -> Vec<(String, String)> {
    [
        ("service", "single_trade_query"),
        ("partner", KNOWN_PARTNER),
        ("_input_charset", "utf-8"),
        ("trade_no", TRADE_NO),
        ("sign_type", sign_type),
        ("sign", sign),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// `pairs` with `name` set to `value` (added when missing; removed when `None`).
fn with(pairs: &[(String, String)], name: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != name).cloned().collect();
    if let Some(value) = value {
        out.push((name.to_owned(), value.to_owned()));
    }
    out
}

/// `pairs` re-signed with MD5 and `key` (the string in GBK when `gbk`).
fn resigned(pairs: &[(String, String)], key: &str, gbk_bytes: bool) -> Vec<(String, String)> {
    let unsigned: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(k, _)| k != "sign" && k != "sign_type")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    md5_signed(&unsigned, key, gbk_bytes)
}

#[test]
fn the_tests_own_signing_matches_python() {
    // python3 -c "import hashlib; s='_input_charset=gbk&a1=x&goods_name=二手围巾&partner=2088000000000001&service=sns.create.goods.ws'; print(hashlib.md5(s.encode('gbk')+b'0123456789abcdefghijklmnopqrstuv').hexdigest())"
    let pairs = md5_signed(
        &[
            ("service", "sns.create.goods.ws"),
            ("partner", KNOWN_PARTNER),
            ("_input_charset", "gbk"),
            ("goods_name", "二手围巾"),
            ("a1", "x"),
            ("a", ""),
        ],
        KNOWN_KEY,
        true,
    );
    assert_eq!(
        param(&pairs, "sign"),
        Some("55f432a5460a8648a3b6fd3ba3cdaa23")
    );
    // python3 -c "import urllib.parse as u; print(u.quote('二手 围巾/+%', safe='', encoding='gbk'))"
    assert_eq!(
        percent(&gbk("二手 围巾/+%")),
        "%B6%FE%CA%D6%20%CE%A7%BD%ED%2F%2B%25"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn known_answer_requests_pass_every_check() {
    let sandbox = known_sandbox().await;
    let http = http();
    for (sign_type, sign) in [("MD5", KNOWN_MD5), ("RSA2", KNOWN_RSA2), ("RSA", KNOWN_RSA)] {
        let answer = get(&http, &sandbox, &encode(&known(sign_type, sign), false)).await;
        assert_eq!(answer.code(), "T", "{sign_type}: {}", answer.text());
        assert_eq!(answer.content_type, "text/xml; charset=utf-8");
    }
    // DSA: refused until the partner's DSA key is registered, then accepted, answered unsigned.
    let dsa = encode(&known("DSA", KNOWN_DSA), false);
    assert_eq!(get(&http, &sandbox, &dsa).await.code(), "ILLEGAL_SIGN");
    let last = sandbox.admin().requests().pop().unwrap();
    assert!(last.detail.unwrap().contains("DSA"));
    sandbox
        .admin()
        .register_dsa_key(KNOWN_PARTNER, KNOWN_DSA_PUBLIC)
        .unwrap();
    let answer = get(&http, &sandbox, &dsa).await;
    assert_eq!(answer.code(), "T");
    let envelope = alipay_core::xml::parse(&answer.body).unwrap();
    assert_eq!(envelope.sign, None);
    assert_eq!(envelope.response.unwrap().get("trade_no"), Some(TRADE_NO));

    // The MD5 answer's signature, checked with the test's own rule and md5.
    let answer = get(&http, &sandbox, &encode(&known("MD5", KNOWN_MD5), false)).await;
    let envelope = alipay_core::xml::parse(&answer.body).unwrap();
    let payload = envelope.response.as_ref().unwrap();
    assert_eq!(payload.name, "trade");
    let fields: Vec<(String, String)> = payload
        .fields
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(param(&fields, "total_fee"), Some("0.01"));
    assert_eq!(
        param(&fields, "trade_status"),
        Some("WAIT_SELLER_SEND_GOODS")
    );
    let expected = md5_hex(signing_string(&fields).as_bytes(), KNOWN_KEY);
    assert_eq!(envelope.sign.as_deref(), Some(expected.as_str()));
    assert_eq!(envelope.sign_type.as_deref(), Some("MD5"));
    // The echo carries every parameter but sign and sign_type, as received.
    let echo: Vec<(&str, &str)> = envelope.request.iter().collect();
    assert_eq!(
        echo,
        [
            ("service", "single_trade_query"),
            ("partner", KNOWN_PARTNER),
            ("_input_charset", "utf-8"),
            ("trade_no", TRADE_NO)
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_run_in_alipays_order() {
    let sandbox = known_sandbox().await;
    let http = http();
    // Everything wrong at once; each step fixes the check that failed, revealing the next.
    let good = resigned(&known("MD5", ""), KNOWN_KEY, false);
    let mut request = with(&good, "service", Some("no.such.service"));
    request = with(&request, "partner", Some("2088999999999999"));
    request = with(&request, "sign_type", Some("md5"));
    request = with(&request, "_input_charset", Some("latin1"));
    request = with(&request, "bogus", Some("1"));
    let steps: [(&str, &str, Option<&str>); 5] = [
        ("ILLEGAL_SERVICE", "service", Some("single_trade_query")),
        ("ILLEGAL_PARTNER", "partner", Some(KNOWN_PARTNER)),
        ("ILLEGAL_SIGN_TYPE", "sign_type", Some("MD5")),
        ("ILLEGAL_CHARSET", "_input_charset", Some("utf-8")),
        ("ILLEGAL_SIGN", "", None),
    ];
    for (expected, fix, value) in steps {
        let answer = get(&http, &sandbox, &encode(&request, false)).await;
        assert_eq!(answer.code(), expected, "{}", answer.text());
        request = if fix.is_empty() {
            resigned(&request, KNOWN_KEY, false) // signed, `bogus` included
        } else {
            with(&request, fix, value)
        };
    }
    // A signed parameter the service does not declare is ignored, as Alipay ignores it, and
    // noted in the request log (a strict sandbox refuses it: extra_signed_parameters_…).
    let answer = get(&http, &sandbox, &encode(&request, false)).await;
    assert_eq!(answer.code(), "T", "{}", answer.text());
    let last = sandbox.admin().requests().pop().unwrap();
    assert!(
        last.detail
            .unwrap()
            .contains("ignored signed parameters the service does not declare: bogus"),
        "names the parameter"
    );
    let request = resigned(&with(&request, "bogus", None), KNOWN_KEY, false);
    assert_eq!(
        get(&http, &sandbox, &encode(&request, false)).await.code(),
        "T"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_partner_sign_type_and_charset_checks() {
    let sandbox = known_sandbox().await;
    let http = http();
    let good = resigned(&known("MD5", ""), KNOWN_KEY, false);
    let code = |pairs: Vec<(String, String)>| {
        let http = http.clone();
        let sandbox = &sandbox;
        async move { get(&http, sandbox, &encode(&pairs, false)).await.code() }
    };
    // service: missing, unknown, another case, empty, repeated.
    assert_eq!(code(with(&good, "service", None)).await, "ILLEGAL_SERVICE");
    for bad in ["SINGLE_TRADE_QUERY", "", "single_trade_query "] {
        let request = resigned(&with(&good, "service", Some(bad)), KNOWN_KEY, false);
        assert_eq!(code(request).await, "ILLEGAL_SERVICE", "{bad:?}");
    }
    let mut repeated = good.clone();
    repeated.push(("service".into(), "sns.create.goods.ws".into()));
    assert_eq!(code(repeated).await, "ILLEGAL_SERVICE");
    // partner: missing, unknown, malformed, repeated.
    assert_eq!(code(with(&good, "partner", None)).await, "ILLEGAL_PARTNER");
    for bad in ["2088999999999999", "208800000000000", "x", ""] {
        let request = resigned(&with(&good, "partner", Some(bad)), KNOWN_KEY, false);
        assert_eq!(code(request).await, "ILLEGAL_PARTNER", "{bad:?}");
    }
    let mut repeated = good.clone();
    repeated.push(("partner".into(), KNOWN_PARTNER.into()));
    assert_eq!(code(repeated).await, "ILLEGAL_PARTNER");
    // sign_type: exactly MD5, RSA, RSA2 or DSA (it is not signed, so `good`'s sign stays valid).
    for bad in ["md5", "Md5", "RSA256", "rsa2", "SHA256", ""] {
        let request = with(&good, "sign_type", Some(bad));
        assert_eq!(code(request).await, "ILLEGAL_SIGN_TYPE", "{bad:?}");
    }
    assert_eq!(
        code(with(&good, "sign_type", None)).await,
        "ILLEGAL_SIGN_TYPE"
    );
    // _input_charset: utf-8, gbk or gb2312, any case; it is signed.
    for bad in ["latin1", "utf8", "UTF-16", "big5", ""] {
        let request = resigned(&with(&good, "_input_charset", Some(bad)), KNOWN_KEY, false);
        assert_eq!(code(request).await, "ILLEGAL_CHARSET", "{bad:?}");
    }
    let request = resigned(&with(&good, "_input_charset", None), KNOWN_KEY, false);
    assert_eq!(code(request).await, "ILLEGAL_CHARSET");
    for fine in ["UTF-8", "GBK", "gb2312", "Gb2312", "utf-8"] {
        let request = resigned(&with(&good, "_input_charset", Some(fine)), KNOWN_KEY, true);
        assert_eq!(code(request).await, "T", "{fine:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encoding_and_signature_checks() {
    let sandbox = known_sandbox().await;
    let http = http();
    let good = resigned(&known("MD5", ""), KNOWN_KEY, false);
    let query = encode(&good, false);
    // A broken % escape is refused before anything else, even an unknown service.
    for broken in ["&x=%G1", "&x=%4", "&x=%", "&%zz=1"] {
        let answer = get(&http, &sandbox, &format!("service=nope{broken}")).await;
        assert_eq!(answer.code(), "ILLEGAL_ENCODING", "{broken:?}");
    }
    let answer = get(&http, &sandbox, &format!("{query}&trade_no=%E4%B8")).await;
    assert_eq!(
        answer.code(),
        "ILLEGAL_ENCODING",
        "a truncated UTF-8 sequence"
    );
    // Bytes valid in GBK are not UTF-8, and the other way round.
    let gbk_query = encode(&with(&good, "_input_charset", Some("gbk")), false);
    assert_eq!(
        get(&http, &sandbox, &format!("{query}&x=%B6%FE%CA"))
            .await
            .code(),
        "ILLEGAL_ENCODING"
    );
    assert_eq!(
        get(&http, &sandbox, &format!("{gbk_query}&x=%81%20"))
            .await
            .code(),
        "ILLEGAL_ENCODING",
        "0x81 0x20 is no GBK pair"
    );
    assert_eq!(
        get(&http, &sandbox, &format!("{gbk_query}&x=%81%30%81%30"))
            .await
            .code(),
        "ILLEGAL_ENCODING",
        "a GB18030 four-byte sequence is not GBK"
    );
    // The charset check comes before decoding: unknown charset and bad bytes is ILLEGAL_CHARSET.
    let latin1 = encode(&with(&good, "_input_charset", Some("latin1")), false);
    assert_eq!(
        get(&http, &sandbox, &format!("{latin1}&x=%FF"))
            .await
            .code(),
        "ILLEGAL_CHARSET"
    );

    // Signatures.
    let code = |pairs: Vec<(String, String)>| {
        let http = http.clone();
        let sandbox = &sandbox;
        async move { get(&http, sandbox, &encode(&pairs, false)).await.code() }
    };
    let sign = param(&good, "sign").unwrap().to_owned();
    let flipped = format!(
        "{}{}",
        if sign.starts_with('0') { "1" } else { "0" },
        &sign[1..]
    );
    assert_eq!(
        code(with(&good, "sign", Some(&flipped))).await,
        "ILLEGAL_SIGN"
    );
    assert_eq!(
        code(with(&good, "sign", Some(&sign.to_uppercase()))).await,
        "ILLEGAL_SIGN"
    );
    assert_eq!(
        code(with(&good, "sign", Some(&format!(" {sign}")))).await,
        "ILLEGAL_SIGN"
    );
    let rsa2_padded = format!("{KNOWN_RSA2}\n");
    assert_eq!(code(known("RSA2", &rsa2_padded)).await, "ILLEGAL_SIGN");
    assert_eq!(code(with(&good, "sign", None)).await, "ILLEGAL_SIGN");
    assert_eq!(code(with(&good, "sign", Some(""))).await, "ILLEGAL_SIGN");
    let mut twice = good.clone();
    twice.push(("sign".into(), sign.clone()));
    assert_eq!(code(twice).await, "ILLEGAL_SIGN", "a repeated sign");
    // A parameter changed after signing, or one added.
    assert_eq!(
        code(with(&good, "trade_no", Some("2013102226991505"))).await,
        "ILLEGAL_SIGN"
    );
    assert_eq!(
        code(with(&good, "out_trade_no", Some("x"))).await,
        "ILLEGAL_SIGN"
    );
    // Another partner's key.
    let other = sandbox.first_partner().md5_key.clone();
    assert_eq!(code(resigned(&good, &other, false)).await, "ILLEGAL_SIGN");
    // An RSA2 signature presented as RSA, and the other way round.
    assert_eq!(code(known("RSA", KNOWN_RSA2)).await, "ILLEGAL_SIGN");
    assert_eq!(code(known("RSA2", KNOWN_RSA)).await, "ILLEGAL_SIGN");
    // The MD5 signature of the GBK bytes does not verify for a UTF-8 request with Chinese text.
    let chinese = [
        ("service", "single_trade_query"),
        ("partner", KNOWN_PARTNER),
        ("_input_charset", "utf-8"),
        ("out_trade_no", "订单一"),
    ];
    let signed_gbk = md5_signed(&chinese, KNOWN_KEY, true);
    assert_eq!(code(signed_gbk).await, "ILLEGAL_SIGN");
    let signed_utf8 = md5_signed(&chinese, KNOWN_KEY, false);
    assert_eq!(
        code(signed_utf8).await,
        "TRADE_NOT_EXIST",
        "signature fine, no such order"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn table_checks() {
    let sandbox = known_sandbox().await;
    sandbox
        .admin()
        .create_sns_user(KNOWN_PARTNER, "seller1", "user-key-1");
    let http = http();
    let base = goods_params(KNOWN_PARTNER, "utf-8", "seller1", "user-key-1", "g1");
    let code = |pairs: Vec<(&'static str, String)>| {
        let http = http.clone();
        let sandbox = &sandbox;
        async move {
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let signed = md5_signed(&borrowed, KNOWN_KEY, false);
            let answer = get(&http, sandbox, &encode(&signed, false)).await;
            let detail = sandbox.admin().requests().pop().unwrap().detail;
            (answer.code(), detail.unwrap_or_default())
        }
    };
    let owned = |changes: &[Change]| {
        let mut pairs: Vec<(&'static str, String)> = base
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
            .collect();
        for (k, v) in changes {
            if let Some(v) = v {
                pairs.push((k, (*v).to_owned()));
            }
        }
        pairs
    };
    // The request table, through CreateGoods::from_params: each broken rule is ILLEGAL_ARGUMENT.
    let cases: [(&[Change], &str); 9] = [
        (&[("goods_name", None)], "goods_name"),
        (&[("goods_name", Some(""))], "goods_name"),
        (&[("goods_fee", Some("1.005"))], "goods_fee"),
        (&[("flow_type", Some("3"))], "flow_type"),
        (&[("valid_date", Some("2"))], "valid_date"),
        (&[("buy_max_num", Some("101"))], "buy_max_num"),
        (&[("who_pay", None)], "who_pay"),
        (&[("goods_info", Some(&"x".repeat(251)))], "goods_info"),
        (&[("timestamp", Some("130943733342"))], "timestamp"),
    ];
    for (changes, named) in cases {
        let (code, detail) = code(owned(changes)).await;
        assert_eq!(code, "ILLEGAL_ARGUMENT", "{changes:?}");
        assert!(detail.contains(named), "{changes:?}: {detail}");
    }
    // A control character XML cannot carry.
    let (code_, _) = code(owned(&[("goods_info", Some("a\u{1}b"))])).await;
    assert_eq!(code_, "ILLEGAL_ARGUMENT");
    // A business parameter given twice.
    let mut twice = owned(&[]);
    twice.push(("goods_name", "again".into()));
    assert_eq!(code(twice).await.0, "ILLEGAL_ARGUMENT");
    // The secret key never shows in the request log.
    let logged = sandbox.admin().requests();
    for request in &logged {
        assert!(
            !format!("{request:?}").contains("user-key-1"),
            "{request:?}"
        );
    }
    assert!(
        logged
            .iter()
            .any(|r| param(&r.params, "key") == Some("<secret>"))
    );
    // And the valid request is accepted, with `\t`, `\n` and `\r` that XML can carry.
    let (code_, _) = code(owned(&[("goods_info", Some("a\tb\r\nc<&>"))])).await;
    assert_eq!(code_, "T");
    let stored = sandbox.admin().goods(KNOWN_PARTNER, "g1").unwrap();
    assert_eq!(param(&stored, "goods_info"), Some("a\tb\r\nc<&>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_and_post_in_utf8_and_gbk() {
    let sandbox = known_sandbox().await;
    let http = http();
    let admin = sandbox.admin();
    admin.create_sns_user(KNOWN_PARTNER, "卖家", "k");
    for (charset, gbk_bytes) in [("utf-8", false), ("gbk", true)] {
        let goods_id = format!("post-{charset}");
        let pairs = goods_params(KNOWN_PARTNER, charset, "卖家", "k", &goods_id);
        let signed = md5_signed(&pairs, KNOWN_KEY, gbk_bytes);
        // POST: `_input_charset` in the query too (as the client sends it), the rest in the body.
        let answer = post(
            &http,
            &sandbox,
            &format!("_input_charset={charset}"),
            &encode(&signed, gbk_bytes),
        )
        .await;
        assert_eq!(answer.code(), "T", "{}", answer.text());
        let declared = if gbk_bytes { "GBK" } else { "utf-8" };
        assert_eq!(answer.content_type, format!("text/xml; charset={declared}"));
        let head = format!("<?xml version=\"1.0\" encoding=\"{declared}\"?>");
        assert!(answer.body.starts_with(head.as_bytes()));
        // The body is in the request charset: 二手围巾 as GBK bytes.
        if gbk_bytes {
            let needle = gbk("<goods_name>二手围巾</goods_name>");
            assert!(
                answer
                    .body
                    .windows(needle.len())
                    .any(|w| w == needle.as_slice())
            );
        }
        let envelope = alipay_core::xml::parse(&answer.body).unwrap();
        let fields: Vec<(String, String)> = envelope
            .response
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(param(&fields, "seller_sns_id"), Some("卖家"));
        let string = signing_string(&fields);
        let bytes = if gbk_bytes {
            gbk(&string)
        } else {
            string.into_bytes()
        };
        assert_eq!(envelope.sign.unwrap(), md5_hex(&bytes, KNOWN_KEY));

        // GET with everything in the query; POST with everything in the query and no body.
        let get_id = format!("get-{charset}");
        let pairs = goods_params(KNOWN_PARTNER, charset, "卖家", "k", &get_id);
        let query = encode(&md5_signed(&pairs, KNOWN_KEY, gbk_bytes), gbk_bytes);
        assert_eq!(get(&http, &sandbox, &query).await.code(), "T");
        assert_eq!(
            post(&http, &sandbox, &query, "").await.code(),
            "GOODS_EXISTS_ERROR"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rsa2_answer_verifies_with_openssl() {
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    let admin = sandbox.admin();
    let trade = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "订单-rsa2".into(),
        total_fee: "12.30".parse().unwrap(),
        ..NewTrade::default()
    });
    let client = client(&sandbox, &me, SignType::Rsa2, Charset::Utf8);
    let query = SingleTradeQuery {
        trade_no: Some(trade.trade_no.clone()),
        out_trade_no: None,
    };
    let reply = client.execute_detailed(&query).await.unwrap();
    assert_eq!(reply.response.total_fee.unwrap().to_string(), "12.30");
    let payload = reply.envelope.response.as_ref().unwrap();
    let fields: Vec<(String, String)> = payload
        .fields
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let dir = std::env::temp_dir().join(format!("alipay-sandbox-openssl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (data, sig, key) = (
        dir.join("data"),
        dir.join("sig.b64"),
        dir.join("alipay.pem"),
    );
    std::fs::write(&data, signing_string(&fields)).unwrap();
    std::fs::write(&sig, reply.envelope.sign.as_deref().unwrap()).unwrap();
    std::fs::write(&key, &me.alipay_public_key_pem).unwrap();
    let sig_bin = dir.join("sig.bin");
    let status = Command::new("openssl")
        .args(["base64", "-d", "-A", "-in"])
        .arg(&sig)
        .arg("-out")
        .arg(&sig_bin)
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&key)
        .arg("-signature")
        .arg(&sig_bin)
        .arg(&data)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Verified OK");
    assert_eq!(reply.envelope.sign_type.as_deref(), Some("RSA2"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_level_refusals() {
    let sandbox = known_sandbox().await;
    let http = http();
    let url = sandbox.gateway_url();
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(status(http.put(&url).send().await.unwrap()), 405);
    assert_eq!(status(http.delete(&url).send().await.unwrap()), 405);
    let other = format!("http://{}/cooperate/gateway.do", sandbox.addr());
    assert_eq!(status(http.get(&other).send().await.unwrap()), 404);
    let big_body = "a".repeat(64 * 1024 + 1);
    let response = http
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big_body)
        .send()
        .await
        .unwrap();
    assert_eq!(status(response), 413);
    let just_fits = format!("x={}", "a".repeat(64 * 1024 - 2));
    assert_eq!(
        post(&http, &sandbox, "", &just_fits).await.code(),
        "ILLEGAL_SERVICE"
    );
    let long_query = format!("x={}", "a".repeat(32 * 1024));
    assert_eq!(get(&http, &sandbox, &long_query).await.status, 414);
    // Longer than any URI the http crate (hence reqwest) builds: sent over a raw socket.
    for len in [70 * 1024, 100 * 1024] {
        let head = format!(
            "GET /gateway.do?x={} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
            "a".repeat(len)
        );
        let answer = raw_exchange(sandbox.addr(), head.as_bytes()).await;
        assert!(
            answer.starts_with(b"HTTP/1.1 414") || answer.starts_with(b"HTTP/1.1 431"),
            "{:?}",
            String::from_utf8_lossy(&answer[..answer.len().min(40)])
        );
    }
    // Long headers (not a long URI): a head over 80 KiB is 431, one under it is answered. The
    // 90 KiB head is under hyper's own limit (about 110 KiB with its 80 KiB buffer): the
    // sandbox counts it.
    for (kib, refused) in [(60, false), (90, true), (130, true)] {
        let head = format!(
            "GET /gateway.do?service=x HTTP/1.1\r\nhost: x\r\nx-pad: {}\r\nconnection: close\r\n\r\n",
            "a".repeat(kib * 1024)
        );
        let answer = raw_exchange(sandbox.addr(), head.as_bytes()).await;
        let first = String::from_utf8_lossy(&answer[..answer.len().min(40)]).into_owned();
        assert_eq!(
            first.starts_with("HTTP/1.1 431"),
            refused,
            "{kib} KiB: {first:?}"
        );
        assert!(first.starts_with("HTTP/1.1 "), "{kib} KiB: {first:?}");
    }
    // Refusals of what the request says, not of its size or shape on the wire, are envelopes
    // (HTTP 200) with a code, as Alipay's gateway answers them: a client parsing XML gets a code.
    // A body that is not a form is not read: with nothing in the query, there is no service.
    let not_a_form = answer(
        http.post(&url)
            .header("content-type", "text/plain")
            .body("service=single_trade_query")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (not_a_form.status, not_a_form.code()),
        (200, "ILLEGAL_SERVICE".into())
    );
    let many = "a=1&".repeat(300);
    let many = get(&http, &sandbox, &many).await;
    assert_eq!((many.status, many.code()), (200, "ILLEGAL_ARGUMENT".into()));
    let broken_multipart = answer(
        http.post(&url)
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .body("--XyZ\r\ncontent-disposition: form-data; name=\"service\"\r\n\r\nsingle")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (broken_multipart.status, broken_multipart.code()),
        (200, "ILLEGAL_ARGUMENT".into())
    );
    // The gateway still answers properly afterwards.
    let good = encode(&known("MD5", KNOWN_MD5), false);
    assert_eq!(get(&http, &sandbox, &good).await.code(), "T");
    let answers: Vec<String> = sandbox
        .admin()
        .requests()
        .iter()
        .map(|r| r.answer.clone())
        .collect();
    for expected in [
        "HTTP 405",
        "HTTP 413",
        "HTTP 414",
        "ILLEGAL_SERVICE",
        "ILLEGAL_ARGUMENT",
        "T",
    ] {
        assert!(
            answers.iter().any(|a| a == expected),
            "{expected} in {answers:?}"
        );
    }
}

#[test]
fn services_are_the_declared_ones() {
    // The sandbox serves exactly what the derive declares: names come from the request types.
    assert_eq!(SingleTradeQuery::SERVICE, "single_trade_query");
}

/// Widely used clients add `payment_type=1` and `seller_email` to every call: signed, they are
/// ignored (as Alipay does) and noted in the log; unsigned, the signature fails; a strict sandbox
/// refuses them with ILLEGAL_ARGUMENT, naming them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_signed_parameters_are_ignored_unless_strict() {
    let http = http();
    let extra = |pairs: &[(String, String)]| {
        let with_type = with(pairs, "payment_type", Some("1"));
        with(&with_type, "seller_email", Some("seller@example.com"))
    };
    let good = resigned(&known("MD5", ""), KNOWN_KEY, false);
    let signed_extra = resigned(&extra(&good), KNOWN_KEY, false);
    let unsigned_extra = extra(&good);

    let tolerant = known_sandbox().await;
    let answer = get(&http, &tolerant, &encode(&signed_extra, false)).await;
    assert_eq!(answer.code(), "T", "{}", answer.text());
    // The echo keeps every parameter received.
    assert!(
        answer.text().contains("seller@example.com"),
        "{}",
        answer.text()
    );
    let logged = tolerant.admin().requests().pop().unwrap();
    let detail = logged.detail.unwrap_or_default();
    assert!(
        detail.contains("payment_type") && detail.contains("seller_email"),
        "{detail}"
    );
    let answer = get(&http, &tolerant, &encode(&unsigned_extra, false)).await;
    assert_eq!(answer.code(), "ILLEGAL_SIGN");

    let strict = Sandbox::start(SandboxConfig {
        strict: true,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    add_known_partner(&strict);
    strict.admin().create_trade(NewTrade {
        partner: KNOWN_PARTNER.into(),
        out_trade_no: "order-1".into(),
        total_fee: Amount::from_fen(1),
        trade_no: Some(TRADE_NO.into()),
        ..NewTrade::default()
    });
    assert_eq!(get(&http, &strict, &encode(&good, false)).await.code(), "T");
    let answer = get(&http, &strict, &encode(&signed_extra, false)).await;
    assert_eq!(answer.code(), "ILLEGAL_ARGUMENT");
    let detail = strict
        .admin()
        .requests()
        .pop()
        .unwrap()
        .detail
        .unwrap_or_default();
    assert!(detail.contains("payment_type"), "{detail}");
    let answer = get(&http, &strict, &encode(&unsigned_extra, false)).await;
    assert_eq!(answer.code(), "ILLEGAL_SIGN");
}

/// A POST whose body is not a form (JSON here) is answered from its query's parameters, as a
/// servlet reads them; the request log says the body was not read. With the whole signed request
/// in the query, that is a `T`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_is_not_a_form_is_not_read() {
    let sandbox = known_sandbox().await;
    let http = http();
    let url = format!(
        "{}?{}",
        sandbox.gateway_url(),
        encode(&known("MD5", KNOWN_MD5), false)
    );
    let reply = answer(
        http.post(&url)
            .header("content-type", "application/json")
            .body(r#"{"service":"close_trade"}"#)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(reply.code(), "T", "{}", reply.text());
    let logged = sandbox.admin().requests().pop().unwrap();
    assert_eq!(logged.service.as_deref(), Some("single_trade_query"));
    let detail = logged.detail.unwrap_or_default();
    assert!(
        detail.contains("application/json") && detail.contains("not read"),
        "{detail}"
    );
}
