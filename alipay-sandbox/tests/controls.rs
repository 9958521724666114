//! Controls for the hard cases: scripted faults scoped to a service or a trade, before or after
//! the handler (the change applied, then the answer lost or replaced); a notification re-delivered
//! on demand; notify ids that outlive a fast re-send schedule.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_client::{Client, Config, Error, RetryPolicy, SignaturePolicy};
use alipay_core::ErrorCode;
use alipay_core::sign::Md5Key;
use alipay_core::types::{TradeStatus, TransportType};
use alipay_sandbox::{
    FaultAction, FaultRule, FaultWhen, NewTrade, Sandbox, SandboxConfig, SandboxTrade, TradeKind,
};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use support::*;

const SHIP: &str = "send_goods_confirm_by_platform";

fn ship(trade_no: &str) -> SendGoodsConfirm {
    SendGoodsConfirm {
        trade_no: trade_no.into(),
        logistics_name: "申通快递".into(),
        invoice_no: Some("TS00000001212".into()),
        transport_type: Some(TransportType::Express),
        create_transport_type: None,
        seller_ip: None,
    }
}

fn paid_trade(sandbox: &Sandbox, notify_url: Option<&str>) -> SandboxTrade {
    sandbox.admin().create_trade(NewTrade {
        partner: sandbox.first_partner().partner.clone(),
        out_trade_no: format!("ORDER-{}", fastrand::u32(..)),
        total_fee: "0.01".parse().unwrap(),
        kind: TradeKind::Escrow,
        notify_url: notify_url.map(str::to_owned),
        ..NewTrade::default()
    })
}

/// An MD5 client without retries and with a short timeout.
fn once(sandbox: &Sandbox) -> Client {
    let me = sandbox.first_partner();
    let config = Config::md5(
        me.partner.parse().unwrap(),
        Md5Key::new(me.md5_key.as_str()),
    )
    .gateway(sandbox.gateway_url())
    .signature_policy(SignaturePolicy::Require)
    .timeout(Duration::from_millis(800))
    .retry(RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    })
    .build()
    .unwrap();
    Client::new(config).unwrap()
}

fn status(sandbox: &Sandbox, trade: &SandboxTrade) -> TradeStatus {
    sandbox.admin().trade(&trade.trade_no).unwrap().status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_handler_the_change_is_applied_and_the_answer_lost_or_replaced() {
    let sandbox = start().await;
    let client = once(&sandbox);
    for action in [
        FaultAction::Drop,
        FaultAction::Timeout,
        FaultAction::SystemError,
        FaultAction::Retry,
    ] {
        let trade = paid_trade(&sandbox, None);
        sandbox.admin().add_fault(
            FaultRule::after(action)
                .service(SHIP)
                .trade(&trade.trade_no),
        );
        let err = client.execute(&ship(&trade.trade_no)).await.unwrap_err();
        match action {
            FaultAction::SystemError => {
                assert_eq!(err.code(), Some(&ErrorCode::SystemError), "{err}");
            }
            FaultAction::Retry => assert_eq!(err.code(), Some(&ErrorCode::Retry), "{err}"),
            _ => assert!(matches!(err, Error::Transport(_)), "{action:?}: {err}"),
        }
        // The change was applied all the same: the trade is shipped.
        assert_eq!(
            status(&sandbox, &trade),
            TradeStatus::WaitBuyerConfirmGoods,
            "{action:?}"
        );
        // The request log says what happened.
        let logged = sandbox.admin().requests().pop().unwrap();
        assert!(
            logged.answer.starts_with('T') && logged.answer.contains("then"),
            "{action:?}: {}",
            logged.answer
        );
        // The rule struck once: shipping again is answered (already shipped: the retry is safe).
        client.execute(&ship(&trade.trade_no)).await.unwrap();
    }
    assert!(sandbox.admin().fault_rules().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_the_handler_nothing_changes() {
    let sandbox = start().await;
    let client = once(&sandbox);
    for action in [FaultAction::Drop, FaultAction::Timeout, FaultAction::Retry] {
        let trade = paid_trade(&sandbox, None);
        sandbox
            .admin()
            .add_fault(FaultRule::before(action).trade(&trade.trade_no));
        client.execute(&ship(&trade.trade_no)).await.unwrap_err();
        assert_eq!(
            status(&sandbox, &trade),
            TradeStatus::WaitSellerSendGoods,
            "{action:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_strikes_only_its_scope_and_only_its_count() {
    let sandbox = start().await;
    let client = once(&sandbox);
    let (a, b) = (paid_trade(&sandbox, None), paid_trade(&sandbox, None));
    sandbox.admin().add_fault(
        FaultRule::before(FaultAction::SystemError)
            .service(SHIP)
            .trade(&a.trade_no)
            .times(2),
    );
    // Another trade, and another service about the same trade, are not struck.
    client.execute(&ship(&b.trade_no)).await.unwrap();
    let query = alipay_services::single_trade_query::SingleTradeQuery {
        trade_no: Some(a.trade_no.clone()),
        out_trade_no: None,
    };
    client.execute(&query).await.unwrap();
    for left in [1, 0] {
        let err = client.execute(&ship(&a.trade_no)).await.unwrap_err();
        assert_eq!(err.code(), Some(&ErrorCode::SystemError));
        assert_eq!(
            sandbox.admin().fault_rules().first().map_or(0, |r| r.times),
            left
        );
    }
    client.execute(&ship(&a.trade_no)).await.unwrap();
    // clear_faults forgets the rest.
    sandbox
        .admin()
        .add_fault(FaultRule::before(FaultAction::Drop).times(5));
    sandbox.admin().clear_faults();
    client.execute(&ship(&a.trade_no)).await.unwrap();
}

#[test]
fn rules_are_written_and_read_as_text() {
    let rule: FaultRule = "after:timeout:service=close_trade:trade=2026:times=3"
        .parse()
        .unwrap();
    assert_eq!(rule.when, FaultWhen::After);
    assert_eq!(rule.action, FaultAction::Timeout);
    assert_eq!(rule.service.as_deref(), Some("close_trade"));
    assert_eq!(rule.trade.as_deref(), Some("2026"));
    assert_eq!(rule.times, 3);
    assert_eq!(
        "before:drop".parse::<FaultRule>().unwrap(),
        FaultRule::before(FaultAction::Drop)
    );
    for bad in [
        "",
        "later:drop",
        "after:explode",
        "after:drop:times=0",
        "after:drop:colour=red",
        "after:drop:service=",
    ] {
        let err = bad.parse::<FaultRule>().unwrap_err().to_string();
        assert!(err.contains("before|after"), "{bad:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_http_api_scripts_faults() {
    let sandbox = start().await;
    let http = http();
    let url = format!("http://{}/admin/faults/rules", sandbox.addr());
    let added = http
        .post(&url)
        .body(r#"{"when": "after", "action": "drop", "service": "send_goods_confirm_by_platform", "times": 2}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let listed = http.get(&url).send().await.unwrap().bytes().await.unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
    assert_eq!(
        listed,
        serde_json::json!([{"when": "after", "action": "drop",
            "service": "send_goods_confirm_by_platform", "times": 2}])
    );
    assert_eq!(
        sandbox.admin().fault_rules(),
        [FaultRule::after(FaultAction::Drop).service(SHIP).times(2)]
    );
    for bad in [
        r#"{"when": "later", "action": "drop"}"#,
        r#"{"when": "after", "action": "drop", "trade": "a:b"}"#,
        r#"{"when": "after", "action": "drop", "colour": "red"}"#,
    ] {
        let refused = http.post(&url).body(bad).send().await.unwrap();
        assert_eq!(refused.status(), 400, "{bad}");
    }
    let cleared = http.delete(&url).send().await.unwrap();
    assert_eq!(cleared.status(), 204);
    assert!(sandbox.admin().fault_rules().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configured_rules_strike_from_the_start() {
    let sandbox = Sandbox::start(SandboxConfig {
        fault_rules: vec![FaultRule::after(FaultAction::SystemError).service(SHIP)],
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let trade = paid_trade(&sandbox, None);
    let err = once(&sandbox)
        .execute(&ship(&trade.trade_no))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::SystemError));
    assert_eq!(status(&sandbox, &trade), TradeStatus::WaitBuyerConfirmGoods);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_is_redelivered_on_demand() {
    let sandbox = start().await;
    let receiver = Receiver::start(&[], "success").await;
    let trade = paid_trade(&sandbox, Some(&receiver.url));
    // Nothing to re-deliver before the trade has a notification.
    assert!(sandbox.admin().redeliver(&trade.trade_no).is_err());
    let client = md5_client(&sandbox);
    client.execute(&ship(&trade.trade_no)).await.unwrap();
    let first = receiver.wait_for(1, Duration::from_secs(5)).await.remove(0);
    let sent = sandbox
        .admin()
        .wait_for_deliveries(&trade.trade_no, 1, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(sent[0].acknowledged);
    // Waiting for more than will come says so, naming the trade.
    let err = sandbox
        .admin()
        .wait_for_deliveries(&trade.trade_no, 2, Duration::from_millis(50))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&trade.trade_no) && err.contains("1 of 2"),
        "{err}"
    );
    // Acknowledged: Alipay would not send it again; the admin makes it.
    sandbox.admin().redeliver(&trade.trade_no).unwrap();
    let hits = receiver.wait_for(2, Duration::from_secs(5)).await;
    let again = &hits[1];
    let (a, b) = (
        decode_form(&first.body, false),
        decode_form(&again.body, false),
    );
    assert_ne!(param(&a, "notify_id"), param(&b, "notify_id"));
    assert_eq!(content(&a), content(&b));
    // A genuine notification: it verifies, with a live notify id.
    client.verify_notification(&again.body).await.unwrap();
    let sent = sandbox.admin().notifications();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].attempt, 2);
    assert!(sent[1].acknowledged);

    // Through the HTTP admin API too.
    let http = http();
    let url = |trade_no: &str| {
        format!(
            "http://{}/admin/trades/{trade_no}/redeliver",
            sandbox.addr()
        )
    };
    let asked = http.post(url(&trade.trade_no)).send().await.unwrap();
    assert_eq!(asked.status(), 202);
    receiver.wait_for(3, Duration::from_secs(5)).await;
    let missing = http.post(url("20261204000000000000")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_ids_can_outlive_a_fast_schedule() {
    // Re-sends 100 times faster (the first after 2.4 s), ids valid for a real minute.
    let sandbox = Sandbox::start(SandboxConfig {
        time_factor: 0.01,
        notify_id_factor: Some(1.0),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let receiver = Receiver::start(&[], "fail").await;
    let trade = paid_trade(&sandbox, Some(&receiver.url));
    let client = md5_client(&sandbox);
    client.execute(&ship(&trade.trade_no)).await.unwrap();
    let hits = receiver.wait_for(2, Duration::from_secs(10)).await;
    // The first id, 2.4 s old, is still valid: the schedule was scaled, its lifetime was not.
    client.verify_notification(&hits[0].body).await.unwrap();
    // A zero or negative factor is refused.
    for bad in [0.0, -1.0, f64::NAN] {
        let refused = Sandbox::start(SandboxConfig {
            notify_id_factor: Some(bad),
            ..SandboxConfig::default()
        })
        .await;
        assert!(refused.is_err(), "{bad}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idempotent_call_whose_answer_was_lost_is_repeated_safely() {
    let sandbox = start().await;
    let trade = paid_trade(&sandbox, None);
    sandbox.admin().add_fault(
        FaultRule::after(FaultAction::Drop)
            .service(SHIP)
            .trade(&trade.trade_no),
    );
    // The client's default retry rule: shipping is idempotent, so the lost answer is asked again.
    let me = sandbox.first_partner();
    let config = Config::md5(
        me.partner.parse().unwrap(),
        Md5Key::new(me.md5_key.as_str()),
    )
    .gateway(sandbox.gateway_url())
    .retry(RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    })
    .build()
    .unwrap();
    let reply = Client::new(config)
        .unwrap()
        .execute_detailed(&ship(&trade.trade_no))
        .await
        .unwrap();
    assert_eq!(reply.attempts, 2);
    assert_eq!(
        reply.response.unwrap().trade_status,
        TradeStatus::WaitBuyerConfirmGoods
    );
    let answers: Vec<String> = sandbox
        .admin()
        .requests()
        .iter()
        .map(|r| r.answer.clone())
        .collect();
    assert_eq!(answers, ["T then DROPPED", "T"]);
}
