//! The client end to end against a loopback gateway (tests/support/gateway.rs): every stage of
//! `execute`, retries, deadlines, size limits, signatures, page services, the call log and batch
//! shipping. Notifications are in tests/client_notify.rs.

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_client::store::{CallLog, MemoryStore, RecordKind};
use alipay_client::{
    BadResponseKind, BatchOptions, BatchOutcome, Client, Config, ConfigError, Error, RetryPolicy,
    SignaturePolicy, Stage, TransportKind,
};
use alipay_core::error::ErrorCode;
use alipay_core::service::Method;
use alipay_core::sign::Md5Key;
use alipay_core::types::TransportType;
use alipay_core::{Charset, Request};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay_services::sns_create_goods_ws::CreateGoods;
use futures_util::StreamExt;
use support::{
    GOODS_FIELDS, Gateway, Reply, check_md5_request, envelope, error_envelope, signed_envelope,
    signed_envelope_gbk,
};

const KEY: &str = "0123456789abcdef0123456789abcdef";
const PARTNER: &str = "2088002464631181";
const GOODS: &str = "sns.create.goods.ws";
const SHIP: &str = "send_goods_confirm_by_platform";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        multiplier: 2,
        deadline: Duration::from_secs(5),
    }
}

fn config(gw: &Gateway) -> alipay_client::ConfigBuilder {
    Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(gw.url())
        .retry(fast_retry())
        .timeout(Duration::from_secs(2))
}

fn client(gw: &Gateway) -> Client {
    Client::new(config(gw).build().unwrap()).unwrap()
}

fn goods_ok() -> Reply {
    Reply::Xml(signed_envelope("goods", GOODS_FIELDS, KEY))
}

fn shipment(trade_no: &str) -> SendGoodsConfirm {
    SendGoodsConfirm {
        trade_no: trade_no.to_owned(),
        logistics_name: "申通快递".to_owned(),
        invoice_no: Some("TS00000001212".to_owned()),
        transport_type: Some(TransportType::Express),
        create_transport_type: None,
        seller_ip: None,
    }
}

fn trade_fields(trade_no: &str) -> Vec<(&'static str, String)> {
    vec![
        ("trade_no", trade_no.to_owned()),
        ("trade_status", "WAIT_BUYER_CONFIRM_GOODS".to_owned()),
        ("total_fee", "0.01".to_owned()),
        ("out_trade_no", "61433c7e".to_owned()),
    ]
}

fn ship_ok(trade_no: &str) -> Reply {
    let fields = trade_fields(trade_no);
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Reply::Xml(signed_envelope("tradeBase", &borrowed, KEY))
}

#[tokio::test]
async fn success_is_typed_and_what_was_sent_is_signed_with_the_key() {
    let gw = Gateway::start().await;
    gw.push(GOODS, goods_ok());
    let goods = client(&gw).execute(&CreateGoods::example()).await.unwrap();
    assert_eq!(goods.goods_id, "2011092300022596");
    assert_eq!(goods.goods_name, "二手围巾");
    assert_eq!(goods.goods_fee.fen(), 21300);

    let sent = gw.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "GET");
    assert_eq!(sent[0].param("service"), Some(GOODS));
    assert_eq!(sent[0].param("partner"), Some(PARTNER));
    assert_eq!(sent[0].param("_input_charset"), Some("utf-8"));
    assert_eq!(sent[0].param("sign_type"), Some("MD5"));
    check_md5_request(&sent[0], KEY).expect("the gateway's independent MD5 check");
}

#[tokio::test]
async fn a_post_service_posts_the_form_with_the_charset_in_the_query() {
    let gw = Gateway::start().await;
    gw.push(SHIP, ship_ok("2013102226991504"));
    let trade = client(&gw)
        .execute(&shipment("2013102226991504"))
        .await
        .unwrap()
        .expect("a tradeBase payload");
    assert_eq!(trade.trade_no, "2013102226991504");

    let sent = &gw.requests()[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.query, "_input_charset=utf-8");
    assert_eq!(
        sent.content_type.as_deref(),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    assert_eq!(sent.param("logistics_name"), Some("申通快递"));
    check_md5_request(sent, KEY).unwrap();
}

#[tokio::test]
async fn gbk_requests_and_responses() {
    let gw = Gateway::start().await;
    gw.push(
        GOODS,
        Reply::Xml(signed_envelope_gbk("goods", GOODS_FIELDS, KEY)),
    );
    let client = Client::new(config(&gw).charset(Charset::Gbk).build().unwrap()).unwrap();
    let goods = client.execute(&CreateGoods::example()).await.unwrap();
    assert_eq!(goods.goods_name, "二手围巾");
    let sent = &gw.requests()[0];
    assert_eq!(sent.param("_input_charset"), Some("gbk"));
    // 二 in GBK is 0xB6FE: the query carries GBK bytes, not UTF-8.
    assert!(sent.query.contains("goods_name=%B6%FE"), "{}", sent.query);
    check_md5_request(sent, KEY).unwrap();
}

#[tokio::test]
async fn an_invalid_request_is_refused_before_anything_is_sent() {
    let gw = Gateway::start().await;
    let mut goods = CreateGoods::example();
    goods.goods_name = String::new();
    let err = client(&gw).execute(&goods).await.unwrap_err();
    assert_eq!(err.stage(), Stage::Invalid);
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 0);
    let text = err.to_string();
    assert!(
        text.contains(GOODS) && text.contains("goods_name"),
        "{text}"
    );
    assert!(gw.requests().is_empty());
}

#[tokio::test]
async fn retry_then_success_is_exactly_two_calls() {
    for code in ["RETRY", "SYSTEM_ERROR"] {
        let gw = Gateway::start().await;
        gw.push(SHIP, Reply::Xml(error_envelope(code)));
        gw.push(SHIP, ship_ok("1"));
        let reply = client(&gw).execute_detailed(&shipment("1")).await.unwrap();
        assert_eq!(reply.attempts, 2, "{code}");
        assert_eq!(gw.count(SHIP), 2, "{code}");
    }
}

#[tokio::test]
async fn trade_status_not_availd_is_exactly_one_call() {
    let gw = Gateway::start().await;
    gw.set_default(SHIP, Reply::Xml(error_envelope("TRADE_STATUS_NOT_AVAILD")));
    let err = client(&gw).execute(&shipment("1")).await.unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::TradeStatusNotAvaild));
    assert_eq!(err.stage(), Stage::Service);
    assert!(!err.is_retryable());
    assert_eq!(gw.count(SHIP), 1);
}

/// A code means what the service's own table says: `TRADE_STATUS_NOT_AVAILD` from a close is not
/// the shipping advice; a code the shared table does not know gets the service's kind (here a
/// retryable one, so a close is repeated), meaning and advice; a shared code keeps the shared ones.
#[tokio::test]
async fn a_code_means_what_the_service_declares() {
    use alipay_core::error::ErrorKind;
    use alipay_services::close_trade::CloseTrade;

    let gw = Gateway::start().await;
    gw.set_default(SHIP, Reply::Xml(error_envelope("TRADE_STATUS_NOT_AVAILD")));
    gw.set_default(
        "close_trade",
        Reply::Xml(error_envelope("TRADE_STATUS_NOT_AVAILD")),
    );
    let client = client(&gw);
    let ship = client.execute(&shipment("1")).await.unwrap_err();
    let close = client.execute(&CloseTrade::example()).await.unwrap_err();
    let (ship, close) = (ship.as_service().unwrap(), close.as_service().unwrap());
    assert!(
        ship.meaning().contains("WAIT_SELLER_SEND_GOODS"),
        "{}",
        ship.meaning()
    );
    assert!(
        close.advice().contains("TRADE_CLOSED"),
        "{}",
        close.advice()
    );
    assert_ne!(ship.advice(), close.advice());
    assert_eq!(close.described().text(), "交易状态不符合");
    assert!(close.to_string().contains(close.meaning()));

    gw.set_default(
        "close_trade",
        Reply::Xml(error_envelope("ILLEGAL_SWITCH_SYSTEM")),
    );
    let err = client.execute(&CloseTrade::example()).await.unwrap_err();
    let s = err.as_service().unwrap();
    assert!(!s.code.is_known());
    assert_eq!(s.kind(), ErrorKind::Retry);
    assert_eq!(s.described().text(), "切换系统异常");
    assert_eq!(
        gw.count("close_trade"),
        1 + 3,
        "repeated as a retryable code"
    );

    gw.set_default("close_trade", Reply::Xml(error_envelope("ILLEGAL_PARTNER")));
    let err = client.execute(&CloseTrade::example()).await.unwrap_err();
    let s = err.as_service().unwrap();
    assert_eq!(s.meaning(), ErrorCode::IllegalPartner.meaning());
    assert_eq!(s.described().text(), "合作伙伴ID不正确");
}

#[tokio::test]
async fn caller_and_configuration_errors_are_never_retried() {
    for code in [
        "ILLEGAL_ARGUMENT",
        "ILLEGAL_PARTNER",
        "TRADE_NOT_EXIST",
        "SOME_NEW_CODE",
    ] {
        let gw = Gateway::start().await;
        gw.set_default(SHIP, Reply::Xml(error_envelope(code)));
        let err = client(&gw).execute(&shipment("1")).await.unwrap_err();
        assert_eq!(err.code().map(ErrorCode::as_str), Some(code));
        assert_eq!(gw.count(SHIP), 1, "{code}");
    }
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    let gw = Gateway::start().await;
    gw.set_default(SHIP, Reply::Xml(error_envelope("RETRY")));
    let err = client(&gw).execute(&shipment("1")).await.unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::Retry));
    assert_eq!(err.attempts(), 3);
    assert_eq!(gw.count(SHIP), 3);
}

#[tokio::test]
async fn illegal_sign_carries_the_exact_string_that_was_signed() {
    let gw = Gateway::start().await;
    gw.set_default(GOODS, Reply::Xml(error_envelope("ILLEGAL_SIGN")));
    let err = client(&gw)
        .execute(&CreateGoods::example())
        .await
        .unwrap_err();
    assert_eq!(gw.count(GOODS), 1);
    let service = err.as_service().unwrap();
    let gateway_view = check_md5_request(&gw.requests()[0], KEY).unwrap();
    assert_eq!(service.string_to_sign(), Some(gateway_view.as_str()));
    // The SNS document sample's `key` parameter (the SNS user key) is secret: shown redacted.
    let secret = CreateGoods::example().key;
    assert!(gateway_view.contains(&secret));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(&secret), "{shown}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("key=<secret>"), "{shown}");
}

#[tokio::test]
async fn goods_exists_after_a_retry_is_possibly_created_by_the_earlier_attempt() {
    let gw = Gateway::start().await;
    gw.push(GOODS, Reply::Xml(error_envelope("SYSTEM_ERROR")));
    gw.push(GOODS, Reply::Xml(error_envelope("GOODS_EXISTS_ERROR")));
    let err = client(&gw)
        .execute(&CreateGoods::example())
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(service.code, ErrorCode::GoodsExistsError);
    assert!(service.possibly_applied);
    assert!(
        err.to_string()
            .contains("possibly done by an earlier attempt"),
        "{err}"
    );
    assert_eq!(gw.count(GOODS), 2);

    // On a first attempt it is a plain failure.
    let gw = Gateway::start().await;
    gw.push(GOODS, Reply::Xml(error_envelope("GOODS_EXISTS_ERROR")));
    let err = client(&gw)
        .execute(&CreateGoods::example())
        .await
        .unwrap_err();
    assert!(!err.as_service().unwrap().possibly_applied);
}

#[tokio::test]
async fn a_timeout_is_retried_within_the_deadline() {
    let gw = Gateway::start().await;
    gw.push(
        SHIP,
        Reply::Delay(Duration::from_secs(3), Box::new(ship_ok("1"))),
    );
    gw.push(SHIP, ship_ok("1"));
    let client = Client::new(
        config(&gw)
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = Instant::now();
    let reply = client.execute_detailed(&shipment("1")).await.unwrap();
    assert_eq!(reply.attempts, 2);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    let gw = Gateway::start().await;
    gw.set_default(
        SHIP,
        Reply::Delay(Duration::from_secs(10), Box::new(ship_ok("1"))),
    );
    let retry = RetryPolicy {
        max_attempts: 10,
        deadline: Duration::from_millis(700),
        ..fast_retry()
    };
    let client = Client::new(
        config(&gw)
            .timeout(Duration::from_millis(300))
            .retry(retry)
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = Instant::now();
    let err = client.execute(&shipment("1")).await.unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportKind::Timeout),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert!(took < Duration::from_millis(1200), "{took:?}");
    assert!(gw.count(SHIP) >= 2, "retried within the deadline");
}

#[tokio::test]
async fn a_connection_refused_is_a_transport_error_that_did_not_reach_alipay() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(format!("http://127.0.0.1:{port}/gateway.do"))
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .execute(&shipment("1"))
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportKind::Connect);
    assert!(!t.may_have_reached_alipay());
    assert_eq!(t.attempts, 3);
    // The URL (with the parameters) is not in the error.
    assert!(!err.to_string().contains("trade_no"), "{err}");
}

#[tokio::test]
async fn malformed_and_html_bodies_are_bad_responses() {
    let gw = Gateway::start().await;
    gw.push(SHIP, Reply::Xml(b"<alipay><is_success>T</is_succ".to_vec()));
    gw.push(
        SHIP,
        Reply::Raw {
            status: 200,
            content_type: "text/html".into(),
            body: b"<html><body>error: ILLEGAL_PARTNER</body></html>".to_vec(),
        },
    );
    gw.push(
        SHIP,
        Reply::Raw {
            status: 502,
            content_type: "text/plain".into(),
            body: b"Bad Gateway".to_vec(),
        },
    );
    let client = client(&gw);
    let e = client.execute(&shipment("1")).await.unwrap_err();
    assert!(
        matches!(&e, Error::BadResponse(b) if matches!(b.kind, BadResponseKind::Envelope(_))),
        "{e:?}"
    );
    let e = client.execute(&shipment("1")).await.unwrap_err();
    assert_eq!(e.stage(), Stage::BadResponse);
    assert_eq!(e.code(), Some(&ErrorCode::IllegalPartner), "{e:?}");
    assert!(e.to_string().contains("HTML"), "{e}");
    let e = client.execute(&shipment("1")).await.unwrap_err();
    assert!(
        matches!(&e, Error::BadResponse(b) if matches!(b.kind, BadResponseKind::Status(502))),
        "{e:?}"
    );
    assert!(!e.is_retryable());
    assert_eq!(gw.count(SHIP), 3, "bad responses are not retried");
}

#[tokio::test]
async fn a_forged_response_signature_is_refused() {
    let gw = Gateway::start().await;
    // Signed with another key.
    gw.push(
        GOODS,
        Reply::Xml(signed_envelope("goods", GOODS_FIELDS, "another key")),
    );
    // Tampered after signing: the fee changed.
    let mut tampered = String::from_utf8(signed_envelope("goods", GOODS_FIELDS, KEY)).unwrap();
    tampered = tampered.replace(
        "<goods_fee>213.00</goods_fee>",
        "<goods_fee>2.13</goods_fee>",
    );
    gw.push(GOODS, Reply::Xml(tampered.into_bytes()));
    let client = client(&gw);
    for _ in 0..2 {
        let e = client.execute(&CreateGoods::example()).await.unwrap_err();
        assert!(
            matches!(&e, Error::BadResponse(b) if matches!(b.kind, BadResponseKind::Signature(_))),
            "{e:?}"
        );
        assert!(!e.to_string().contains(KEY));
    }
}

#[tokio::test]
async fn the_signature_policy() {
    let gw = Gateway::start().await;
    gw.set_default(GOODS, Reply::Xml(envelope("goods", GOODS_FIELDS)));
    // Default: verify if present; unsigned is accepted.
    client(&gw).execute(&CreateGoods::example()).await.unwrap();
    // Require: unsigned is refused.
    let strict = Client::new(
        config(&gw)
            .signature_policy(SignaturePolicy::Require)
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = strict.execute(&CreateGoods::example()).await.unwrap_err();
    assert!(
        matches!(&e, Error::BadResponse(b) if matches!(b.kind, BadResponseKind::Unsigned)),
        "{e:?}"
    );
    // Require, for a service without payload (close_trade): its bare `T` has nothing to sign.
    gw.set_default(
        "close_trade",
        Reply::Xml(
            br#"<?xml version="1.0" encoding="utf-8"?><alipay><is_success>T</is_success></alipay>"#
                .to_vec(),
        ),
    );
    strict
        .execute(&alipay_services::close_trade::CloseTrade::example())
        .await
        .unwrap();
    // Off: a bad signature is not looked at.
    gw.push(
        GOODS,
        Reply::Xml(signed_envelope("goods", GOODS_FIELDS, "wrong")),
    );
    let off = Client::new(
        config(&gw)
            .signature_policy(SignaturePolicy::Off)
            .build()
            .unwrap(),
    )
    .unwrap();
    off.execute(&CreateGoods::example()).await.unwrap();
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_without_reading_it_all() {
    for content_length in [true, false] {
        let gw = Gateway::start().await;
        gw.push(
            GOODS,
            Reply::Huge {
                len: 1 << 30,
                content_length,
            },
        );
        let client =
            Client::new(config(&gw).max_response_bytes(64 * 1024).build().unwrap()).unwrap();
        let started = Instant::now();
        let e = client.execute(&CreateGoods::example()).await.unwrap_err();
        assert!(
            matches!(&e, Error::BadResponse(b) if matches!(b.kind, BadResponseKind::TooLarge { limit: 65536, .. })),
            "{e:?}"
        );
        // 1 GiB over loopback would take seconds; stopping at 64 KiB takes milliseconds.
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
    }
}

#[test]
fn gateways_must_be_https_except_on_loopback() {
    let build = |url: &str| {
        Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
            .gateway(url)
            .build()
            .map(|c| c.gateway().to_string())
    };
    assert!(build("https://mapi.alipay.com/gateway.do").is_ok());
    for ok in [
        "http://127.0.0.1:8080/gateway.do",
        "http://127.1.2.3/gateway.do",
        "http://[::1]:9/gateway.do",
        "http://localhost:8080/gateway.do",
    ] {
        assert!(build(ok).is_ok(), "{ok}");
    }
    for insecure in [
        "http://mapi.alipay.com/gateway.do",
        "http://10.0.0.1/gateway.do",
        "http://localhost.evil.com/gateway.do",
    ] {
        assert!(
            matches!(build(insecure), Err(ConfigError::InsecureGateway { .. })),
            "{insecure}"
        );
    }
    assert!(matches!(
        build("ftp://x/"),
        Err(ConfigError::GatewayUrl { .. })
    ));
    assert!(matches!(
        build("https://mapi.alipay.com/gateway.do?x=1"),
        Err(ConfigError::GatewayParts { .. })
    ));
    assert!(matches!(
        build("https://u:p@mapi.alipay.com/gateway.do"),
        Err(ConfigError::GatewayParts { .. })
    ));
}

#[test]
fn an_rsa_merchant_needs_alipay_s_public_key_unless_verification_is_off() {
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem"
    ))
    .unwrap();
    let key = alipay_core::sign::PrivateKey::parse(&pem).unwrap();
    let signer = alipay_core::sign::Signer::rsa2(key.clone()).unwrap();
    let missing = Config::builder(PARTNER.parse().unwrap(), signer.clone()).build();
    assert_eq!(missing.unwrap_err(), ConfigError::MissingVerifier);
    let ok = Config::builder(PARTNER.parse().unwrap(), signer.clone())
        .alipay_public_key(key.public_key())
        .build()
        .unwrap();
    assert_eq!(
        ok.verifier().unwrap().sign_type(),
        alipay_core::SignType::Rsa2
    );
    let md5_verifier = alipay_core::sign::Verifier::md5(Md5Key::new(KEY));
    assert!(matches!(
        Config::builder(PARTNER.parse().unwrap(), signer)
            .verifier(md5_verifier)
            .build(),
        Err(ConfigError::SignTypeMismatch { .. })
    ));
}

/// A small declared page service (a buyer's browser visits it): `create_direct_pay_by_user`-shaped.
#[derive(Clone, PartialEq, Eq, alipay_core::Request)]
#[alipay(service = "create_direct_pay_by_user", page, method = GET)]
pub struct DirectPay {
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)")]
    pub out_trade_no: String,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)")]
    pub subject: String,
    /// 交易金额
    #[alipay(label = "交易金额", ty = "String(12)")]
    pub total_fee: alipay_core::types::Amount,
}

#[tokio::test]
async fn page_services_build_urls_and_forms_without_sending() {
    let gw = Gateway::start().await;
    let client = client(&gw);
    let pay = DirectPay {
        out_trade_no: "A&B\"<1>".into(),
        subject: "二手围巾".into(),
        total_fee: "0.01".parse().unwrap(),
    };
    let url = client.page_url(&pay).unwrap();
    assert!(url.starts_with(&format!("{}?", gw.url())), "{url}");
    assert!(url.contains("out_trade_no=A%26B%22%3C1%3E"), "{url}");
    for method in [Method::Get, Method::Post] {
        let form = client.page_form(&pay, method).unwrap();
        let action = format!("action=\"{}?_input_charset=utf-8\"", gw.url());
        assert!(form.contains(&action), "{form}");
        assert!(form.contains("value=\"A&amp;B&quot;&lt;1&gt;\""), "{form}");
        assert_eq!(form.matches("<input type=\"hidden\"").count(), 8, "{form}");
        assert!(!form.contains("<script>"));
    }
    let auto = client.page_form_with(&pay, Method::Post, true).unwrap();
    assert!(auto.ends_with("].submit();</script>"), "{auto}");
    // An invalid page request is refused like any other.
    let bad = DirectPay {
        subject: String::new(),
        ..pay
    };
    assert_eq!(client.page_url(&bad).unwrap_err().stage(), Stage::Invalid);
    assert!(
        gw.requests().is_empty(),
        "page services are not sent by the merchant's server"
    );
}

#[tokio::test]
async fn every_attempt_is_in_the_call_log_with_secrets_removed() {
    let gw = Gateway::start().await;
    gw.push(GOODS, Reply::Xml(error_envelope("RETRY")));
    gw.push(GOODS, goods_ok());
    let log = Arc::new(MemoryStore::new());
    let client = client(&gw).with_call_log(log.clone());
    client.execute(&CreateGoods::example()).await.unwrap();

    let records = log.records();
    assert_eq!(records.len(), 2);
    let outcomes: Vec<(&str, u32, bool)> = records
        .iter()
        .map(|r| (r.outcome.as_str(), r.attempt, r.success))
        .collect();
    assert_eq!(outcomes, [("RETRY", 1, false), ("T", 2, true)]);
    for r in &records {
        assert_eq!(r.kind, RecordKind::Call);
        assert_eq!(r.service, GOODS);
        assert_eq!(r.param("key"), Some("<secret>"));
        assert_eq!(r.param("goods_name"), Some("二手围巾"));
        assert_eq!(r.param("sign"), None);
        assert!(r.latency > Duration::ZERO);
    }
    assert!(
        log.succeeded(GOODS, "outer_goods_id", "id2011434535743854")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn batch_shipping_keeps_calls_apart_and_skips_what_the_log_shows_shipped() {
    let gw = Gateway::start().await;
    // Each answer is about the trade its call ships (an answer about another trade is refused).
    for t in ["A2", "A1", "A3"] {
        gw.push(SHIP, ship_ok(t));
    }
    gw.push(SHIP, Reply::Xml(error_envelope("RETRY")));
    gw.push(SHIP, ship_ok("A4"));
    let log = Arc::new(MemoryStore::new());
    let client = client(&gw).with_call_log(log.clone());
    // A2 was shipped by an earlier run.
    client.execute(&shipment("A2")).await.unwrap();
    gw.push(SHIP, ship_ok("unused"));
    let before = gw.count(SHIP);

    let interval = Duration::from_millis(250);
    let trades = ["A1", "A2", "A3", "A4"].map(shipment);
    let options = BatchOptions::spaced(interval).skip_succeeded_by("trade_no");
    let results: Vec<_> = client.execute_batch(trades, options).collect().await;
    let summary: Vec<(&str, &str)> = results
        .iter()
        .map(|r| {
            let what = match &r.result {
                Ok(BatchOutcome::Done(_)) => "shipped",
                Ok(BatchOutcome::AlreadyDone) => "skipped",
                Err(_) => "failed",
            };
            (r.key.as_deref().unwrap(), what)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("A1", "shipped"),
            ("A2", "skipped"),
            ("A3", "shipped"),
            ("A4", "shipped")
        ]
    );
    // A1, A3, A4 (RETRY), A4 again: four calls, each at least `interval` after the previous.
    let calls: Vec<Instant> = gw.requests()[before..].iter().map(|r| r.at).collect();
    assert_eq!(calls.len(), 4);
    for pair in calls.windows(2) {
        assert!(pair[1] - pair[0] >= interval, "{:?}", pair[1] - pair[0]);
    }
    // Running the batch again sends nothing.
    let again: Vec<_> = client
        .execute_batch(["A1", "A3", "A4"].map(shipment), options)
        .collect()
        .await;
    assert!(
        again
            .iter()
            .all(|r| matches!(r.result, Ok(BatchOutcome::AlreadyDone)))
    );
    assert_eq!(gw.requests().len(), before + 4);
}

#[test]
fn the_blocking_client_makes_the_same_calls() {
    // The gateway runs on its own runtime thread; the blocking client has its own.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let gw = rt.block_on(Gateway::start());
    gw.push(GOODS, Reply::Xml(error_envelope("RETRY")));
    gw.push(GOODS, goods_ok());
    let client = alipay_client::blocking::Client::new(config(&gw).build().unwrap()).unwrap();
    let goods = client.execute(&CreateGoods::example()).unwrap();
    assert_eq!(goods.goods_id, "2011092300022596");
    assert_eq!(gw.count(GOODS), 2);
    // Inside a runtime it refuses instead of deadlocking.
    let err = rt.block_on(async { client.execute(&CreateGoods::example()) });
    assert!(matches!(err, Err(Error::BlockingInAsync)));
    assert_eq!(CreateGoods::SERVICE, GOODS);
}

/// A genuine, signed answer about another trade (a replayed `single_trade_query` answer, or a
/// `send_goods_confirm_by_platform` answer whose `<tradeBase>` was renamed `<trade>`: the element
/// name is not signed) is refused: the response must be about what was asked.
#[tokio::test]
async fn an_answer_about_another_trade_is_refused() {
    use alipay_services::single_trade_query::SingleTradeQuery;

    const QUERY: &str = "single_trade_query";
    let gw = Gateway::start().await;
    let about_b = trade_fields("2013102226991504");
    let borrowed: Vec<(&str, &str)> = about_b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    gw.push(QUERY, Reply::Xml(signed_envelope("trade", &borrowed, KEY)));
    let ask_a = SingleTradeQuery {
        trade_no: Some("2010073000030344".to_owned()),
        out_trade_no: None,
    };
    let err = client(&gw).execute(&ask_a).await.unwrap_err();
    assert_eq!(err.stage(), Stage::BadResponse, "{err}");
    let Error::BadResponse(bad) = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(&bad.kind, BadResponseKind::NotAboutRequest { field: "trade_no", requested, answered }
            if requested == "2010073000030344" && answered == "2013102226991504"),
        "{err}"
    );
    assert!(!err.is_retryable());
    // The same answer for the trade that was asked is accepted.
    gw.push(QUERY, Reply::Xml(signed_envelope("trade", &borrowed, KEY)));
    let ask_b = SingleTradeQuery {
        trade_no: Some("2013102226991504".to_owned()),
        out_trade_no: None,
    };
    let trade = client(&gw).execute(&ask_b).await.unwrap();
    assert_eq!(trade.trade_no, "2013102226991504");
}

/// A redirect is not followed: the gateway's 302 is a bad response (a redirect to another host
/// would send the signed parameters there).
#[tokio::test]
async fn redirects_are_not_followed() {
    let gw = Gateway::start().await;
    let elsewhere = format!("{}?moved=1", gw.url());
    gw.push(GOODS, Reply::Redirect(elsewhere));
    gw.push(GOODS, goods_ok());
    let err = client(&gw)
        .execute(&CreateGoods::example())
        .await
        .unwrap_err();
    assert_eq!(err.stage(), Stage::BadResponse, "{err}");
    assert!(err.to_string().contains("302"), "{err}");
    // Only the first request reached the gateway: nothing followed the Location.
    assert_eq!(gw.count(GOODS), 1);
}

/// Feature `serde`: an error is a JSON report a web handler can return as it is.
#[cfg(feature = "serde")]
#[tokio::test]
async fn an_error_serializes_as_a_report() {
    let gw = Gateway::start().await;
    gw.push(SHIP, Reply::Xml(error_envelope("TRADE_STATUS_NOT_AVAILD")));
    let err = client(&gw)
        .execute(&shipment("2013102226991504"))
        .await
        .unwrap_err();
    let report = serde_json::to_value(&err).unwrap();
    assert_eq!(report["stage"], "service");
    assert_eq!(report["code"], "TRADE_STATUS_NOT_AVAILD");
    assert_eq!(report["retryable"], false);
    assert_eq!(report["attempts"], 1);
    assert_eq!(report["message"], err.to_string());
    let service = &report["service_error"];
    assert_eq!(service["service"], SHIP);
    assert_eq!(service["kind"], "query_trade_state");
    assert_eq!(service["possibly_applied"], false);
    assert!(!service["meaning"].as_str().unwrap().is_empty());
    // A transport failure has no code and no service error.
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway("http://127.0.0.1:1/gateway.do")
        .retry(RetryPolicy::never(Duration::from_secs(2)))
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .execute(&shipment("2013102226991504"))
        .await
        .unwrap_err();
    let report = serde_json::to_value(&err).unwrap();
    assert_eq!(report["stage"], "transport");
    assert!(report["code"].is_null() && report["service_error"].is_null());
}
