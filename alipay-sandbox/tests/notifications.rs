//! Asynchronous notifications end to end: delivered to a merchant's receiver, verified by the
//! client (signature and `notify_verify`), re-sent on Alipay's schedule (scaled) until the answer
//! is exactly `success`, and `notify_verify` expiring after its (scaled) minute.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_client::{NotificationError, NotifyVerify};
use alipay_core::Charset;
use alipay_core::sign::SignType;
use alipay_core::types::TransportType;
use alipay_sandbox::{NewTrade, Sandbox, SandboxTrade, SentNotification, TradeKind};
use alipay_services::notify_verify::ConfirmNotification;
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use support::*;

/// Alipay's waits between deliveries, in seconds: 4m, 10m, 10m, 1h, 2h, 6h, 15h.
const SCHEDULE: [f64; 7] = [240.0, 600.0, 600.0, 3600.0, 7200.0, 21600.0, 54000.0];

fn ship(trade_no: &str) -> SendGoodsConfirm {
    SendGoodsConfirm {
        trade_no: trade_no.into(),
        logistics_name: "申通快递".into(),
        invoice_no: Some("TS00000001212".into()),
        transport_type: Some(TransportType::Post),
        create_transport_type: None,
        seller_ip: None,
    }
}

fn trade_for(sandbox: &Sandbox, partner: &str, notify_url: &str, kind: TradeKind) -> SandboxTrade {
    sandbox.admin().create_trade(NewTrade {
        partner: partner.into(),
        out_trade_no: format!("订单-{}", fastrand::u32(..)),
        total_fee: "0.01".parse().unwrap(),
        kind,
        notify_url: Some(notify_url.into()),
        ..NewTrade::default()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delivered_verified_once_then_expired() {
    // Notify ids are valid for 60 s × 0.02 = 1.2 s; the first re-send would come after 4.8 s.
    let sandbox = start_scaled(0.02).await;
    let me = sandbox.first_partner().clone();
    let receiver = Receiver::start(&[], "success").await;
    let trade = trade_for(&sandbox, &me.partner, &receiver.url, TradeKind::Escrow);
    let client = md5_client(&sandbox);
    client.execute(&ship(&trade.trade_no)).await.unwrap();

    let hit = receiver.wait_for(1, Duration::from_secs(5)).await.remove(0);
    assert_eq!(
        hit.content_type.as_deref(),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    // The client accepts it: signature over every parameter, then notify_verify says true.
    let verified = client.verify_notification(&hit.body).await.unwrap();
    assert_eq!(verified.trade_no(), Some(trade.trade_no.as_str()));
    assert_eq!(verified.out_trade_no(), Some(trade.out_trade_no.as_str()));
    assert_eq!(verified.notify_type(), Some("trade_status_sync"));
    assert_eq!(
        verified.get("trade_status"),
        Some("WAIT_BUYER_CONFIRM_GOODS")
    );
    assert_eq!(verified.total_fee().unwrap().unwrap(), trade.total_fee);
    assert_eq!(verified.get("seller_id"), Some(me.partner.as_str()));
    assert_eq!(verified.get("logistics_type"), Some("POST"));
    // The notify id is base64 text with `/` and `+`, as Alipay's: the client encoded it once for
    // notify_verify.
    let notify_id = verified.notify_id().to_owned();
    assert!(
        notify_id.contains('/') && notify_id.contains('+'),
        "{notify_id}"
    );

    // Independently: our own form decoding and MD5 over the signing string.
    let pairs = decode_form(&hit.body, false);
    assert_eq!(param(&pairs, "notify_id"), Some(notify_id.as_str()));
    assert_eq!(param(&pairs, "sign_type"), Some("MD5"));
    let expected = md5_hex(signing_string(&pairs).as_bytes(), &me.md5_key);
    assert_eq!(param(&pairs, "sign"), Some(expected.as_str()));
    // A tampered notification is rejected before notify_verify is asked.
    let tampered = String::from_utf8(hit.body.clone())
        .unwrap()
        .replace("total_fee=0.01", "total_fee=9.99");
    assert!(matches!(
        client.verify_notification(tampered.as_bytes()).await,
        Err(NotificationError::Rejected(_))
    ));

    // notify_verify: true for this partner only; invalid for bad parameters.
    let http = http();
    let ask = |partner: &str, id: Option<&str>| {
        let mut query = format!("service=notify_verify&partner={partner}");
        if let Some(id) = id {
            query.push_str(&format!("&notify_id={}", percent(id.as_bytes())));
        }
        let http = http.clone();
        let sandbox = &sandbox;
        async move { get(&http, sandbox, &query).await.text() }
    };
    assert_eq!(ask(&me.partner, Some(&notify_id)).await, "true");
    let other = sandbox.admin().create_partner();
    assert_eq!(ask(&other.partner, Some(&notify_id)).await, "false");
    assert_eq!(ask(&me.partner, Some("unknown-id")).await, "false");
    // Raw in the URL, as Alipay's demo sends it (`+` arrives as a space): also recognised.
    let raw = format!(
        "service=notify_verify&partner={}&notify_id={notify_id}",
        me.partner
    );
    assert_eq!(get(&http, &sandbox, &raw).await.text(), "true");
    // Encoded twice is another text: unknown, `false` (not `invalid`).
    let twice = percent(notify_id.as_bytes());
    assert_eq!(ask(&me.partner, Some(&twice)).await, "false");
    assert_eq!(ask(&me.partner, Some("mis encoded\u{1}")).await, "false");
    assert_eq!(ask(&me.partner, None).await, "invalid");
    assert_eq!(ask(&me.partner, Some("")).await, "invalid");
    assert_eq!(ask(&me.partner, Some(&"x".repeat(129))).await, "invalid");
    assert_eq!(ask("2088", Some(&notify_id)).await, "invalid");
    assert_eq!(ask("", Some(&notify_id)).await, "invalid");

    // The catalog's declared notify_verify, signed and sent by `execute`: the sandbox ignores the
    // signature parameters as Alipay ignores names a service does not use, and answers the word.
    let confirm = |id: &str| ConfirmNotification {
        notify_id: id.into(),
    };
    assert_eq!(
        client.execute(&confirm(&notify_id)).await.unwrap(),
        NotifyVerify::True
    );
    assert_eq!(
        client.execute(&confirm("unknown-id")).await.unwrap(),
        NotifyVerify::False
    );
    assert_eq!(
        client.execute(&confirm(&"x".repeat(129))).await.unwrap(),
        NotifyVerify::Invalid
    );

    // Acknowledged: recorded once, nothing else pending.
    let sent = sandbox.admin().notifications();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].acknowledged);
    assert_eq!(sent[0].attempt, 1);
    assert_eq!(sent[0].answer.as_deref(), Some("success"));
    assert_eq!(sent[0].status, Some(200));

    // After the (scaled) minute, the id no longer verifies.
    let sent_at = sandbox.admin().notifications()[0].time;
    let expiry = sent_at + Duration::from_millis(1250);
    if let Ok(wait) = expiry.duration_since(std::time::SystemTime::now()) {
        tokio::time::sleep(wait).await;
    }
    assert_eq!(
        client
            .notify_verify(&notify_id, Charset::Utf8)
            .await
            .unwrap(),
        NotifyVerify::False
    );
    assert!(matches!(
        client.verify_notification(&hit.body).await,
        Err(NotificationError::NotFromAlipay { .. })
    ));
    // Shipping again answers T but notifies nothing new.
    client.execute(&ship(&trade.trade_no)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(receiver.hits().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_with_the_request_sign_type_in_the_request_charset() {
    let sandbox = start_scaled(0.05).await; // ids valid 3 s; every delivery is acknowledged
    add_known_partner(&sandbox);
    sandbox
        .admin()
        .register_dsa_key(KNOWN_PARTNER, KNOWN_DSA_PUBLIC)
        .unwrap();
    let me = sandbox.first_partner().clone();
    let known = sandbox.admin().partner(KNOWN_PARTNER).unwrap();
    let receiver = Receiver::start(&[], "success").await;
    let cases = [
        (SignType::Rsa2, Charset::Gbk, "RSA2"),
        (SignType::Rsa, Charset::Utf8, "RSA"),
        (SignType::Md5, Charset::Gbk, "MD5"),
        // The sandbox has no DSA key: DSA merchants get MD5-signed notifications.
        (SignType::Dsa, Charset::Utf8, "MD5"),
    ];
    for (i, (sign_type, charset, signed_as)) in cases.into_iter().enumerate() {
        let partner = if sign_type == SignType::Dsa {
            &known
        } else {
            &me
        };
        let client = client(&sandbox, partner, sign_type, charset);
        let trade = trade_for(&sandbox, &partner.partner, &receiver.url, TradeKind::Cod);
        client.execute(&ship(&trade.trade_no)).await.unwrap();
        let hit = receiver
            .wait_for(i + 1, Duration::from_secs(5))
            .await
            .remove(i);
        let gbk_bytes = charset == Charset::Gbk;
        assert_eq!(
            hit.content_type.unwrap(),
            format!(
                "application/x-www-form-urlencoded; charset={}",
                charset.as_str()
            )
        );
        let pairs = decode_form(&hit.body, gbk_bytes);
        assert_eq!(param(&pairs, "sign_type"), Some(signed_as), "{sign_type}");
        assert_eq!(
            param(&pairs, "out_trade_no"),
            Some(trade.out_trade_no.as_str())
        );
        if signed_as == "MD5" {
            let string = signing_string(&pairs);
            let bytes = if gbk_bytes {
                gbk(&string)
            } else {
                string.into_bytes()
            };
            let expected = md5_hex(&bytes, &partner.md5_key);
            assert_eq!(param(&pairs, "sign"), Some(expected.as_str()));
        }
        if sign_type != SignType::Dsa {
            // The client verifies the signature with the sandbox's Alipay key (or the MD5 key)
            // and confirms the id.
            let verified = client.verify_notification(&hit.body).await.unwrap();
            assert_eq!(verified.out_trade_no(), Some(trade.out_trade_no.as_str()));
            assert_eq!(verified.charset(), charset);
        }
    }
}

/// Asserts that the deliveries of `trade_no` started after the scaled waits of the schedule (the
/// sandbox's own start times: exact), and reached the receiver not much later.
fn assert_schedule(sent: &[SentNotification], hits: &[Hit], time_factor: f64) {
    assert_eq!(sent.len(), hits.len());
    for (i, pair) in sent.windows(2).enumerate() {
        let gap = pair[1]
            .time
            .duration_since(pair[0].time)
            .unwrap()
            .as_secs_f64();
        let expected = SCHEDULE[i] * time_factor;
        assert!(
            gap >= expected - 0.001 && gap <= expected + 1.0,
            "delivery {} started {gap:.4} s after the previous one; expected {expected:.4} s",
            i + 2
        );
        let arrived = hits[i + 1].at.duration_since(hits[i].at).as_secs_f64();
        assert!(
            (arrived - gap).abs() < 1.0,
            "delivery {} arrived {arrived:.4} s after the previous one",
            i + 2
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resent_on_schedule_until_exactly_success() {
    const FACTOR: f64 = 0.0001; // 24 ms, 60 ms, 60 ms, 360 ms, 720 ms, …
    let sandbox = start_scaled(FACTOR).await;
    let me = sandbox.first_partner().clone();
    // Near misses are not acknowledgements.
    let receiver = Receiver::start(
        &["fail", "success\n", "SUCCESS", " success", "success "],
        "success",
    )
    .await;
    let trade = trade_for(&sandbox, &me.partner, &receiver.url, TradeKind::Escrow);
    md5_client(&sandbox)
        .execute(&ship(&trade.trade_no))
        .await
        .unwrap();
    let hits = receiver.wait_for(6, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(50)).await; // the 6th delivery is recorded
    assert_schedule(&sandbox.admin().notifications(), &hits, FACTOR);
    // Stopped by `success`: nothing after the 6th, though the next wait (2.16 s) has passed.
    tokio::time::sleep(Duration::from_millis(2600)).await;
    assert_eq!(receiver.hits().len(), 6);

    // Each delivery has its own notify id; the content is otherwise the same.
    let pairs: Vec<Vec<(String, String)>> =
        hits.iter().map(|h| decode_form(&h.body, false)).collect();
    let mut ids: Vec<&str> = pairs
        .iter()
        .map(|p| param(p, "notify_id").unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 6);
    for p in &pairs[1..] {
        assert_eq!(content(p), content(&pairs[0]));
    }
    let sent = sandbox.admin().notifications();
    let attempts: Vec<u32> = sent.iter().map(|s| s.attempt).collect();
    assert_eq!(attempts, [1, 2, 3, 4, 5, 6]);
    let acknowledged: Vec<bool> = sent.iter().map(|s| s.acknowledged).collect();
    assert_eq!(acknowledged, [false, false, false, false, false, true]);
    assert_eq!(sent[1].answer.as_deref(), Some("success\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_deliveries_at_most() {
    const FACTOR: f64 = 0.00005; // the whole schedule in 4.4 s
    let sandbox = start_scaled(FACTOR).await;
    let me = sandbox.first_partner().clone();
    let receiver = Receiver::start(&[], "fail").await;
    let trade = trade_for(&sandbox, &me.partner, &receiver.url, TradeKind::Escrow);
    // And one to a port nobody listens on: retried on the same schedule, errors recorded.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_url = format!("http://{}/notify", closed.local_addr().unwrap());
    drop(closed);
    let dead = trade_for(&sandbox, &me.partner, &dead_url, TradeKind::Escrow);
    let client = md5_client(&sandbox);
    client.execute(&ship(&trade.trade_no)).await.unwrap();
    client.execute(&ship(&dead.trade_no)).await.unwrap();
    let hits = receiver.wait_for(8, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(receiver.hits().len(), 8, "8 deliveries in all");
    let sent = sandbox.admin().notifications();
    let live: Vec<SentNotification> = sent
        .iter()
        .filter(|s| s.trade_no == trade.trade_no)
        .cloned()
        .collect();
    assert_schedule(&live, &hits, FACTOR);
    let to_dead: Vec<_> = sent
        .iter()
        .filter(|s| s.trade_no == dead.trade_no)
        .collect();
    assert_eq!(to_dead.len(), 8);
    assert!(
        to_dead
            .iter()
            .all(|s| s.error.is_some() && s.status.is_none())
    );
    let to_live: Vec<_> = sent
        .iter()
        .filter(|s| s.trade_no == trade.trade_no)
        .collect();
    assert!(
        to_live
            .iter()
            .all(|s| s.answer.as_deref() == Some("fail") && !s.acknowledged)
    );
}
