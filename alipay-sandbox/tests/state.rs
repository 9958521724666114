//! The SQLite state file: everything survives a restart, the first partner stays the same, and
//! pending notifications resume.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_client::Error;
use alipay_core::sign::SignType;
use alipay_core::types::TransportType;
use alipay_core::{Charset, ErrorCode};
use alipay_sandbox::{Faults, NewTrade, Sandbox, SandboxConfig, TradeStatus};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay_services::sns_create_goods_ws::CreateGoods;
use support::*;

fn ship(trade_no: &str) -> SendGoodsConfirm {
    SendGoodsConfirm {
        trade_no: trade_no.into(),
        logistics_name: "顺丰".into(),
        invoice_no: None,
        transport_type: None,
        create_transport_type: Some(TransportType::Express),
        seller_ip: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_survives_a_restart() {
    let dir = state_dir("restart");
    let path = dir.join("sandbox.db");
    let first = start_with_state(&path, 1.0).await;
    let me = first.first_partner().clone();
    let admin = first.admin();
    let example = CreateGoods::example();
    admin.create_sns_user(&me.partner, &example.sns_user_id, &example.key);
    let second_partner = admin.create_partner();
    add_known_partner(&first);
    admin
        .register_dsa_key(KNOWN_PARTNER, KNOWN_DSA_PUBLIC)
        .unwrap();
    let goods = md5_client(&first).execute(&example).await.unwrap();
    let trade = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "持久".into(),
        total_fee: "88.80".parse().unwrap(),
        ..NewTrade::default()
    });
    let closed = admin.create_trade(NewTrade {
        partner: second_partner.partner.clone(),
        out_trade_no: "closed".into(),
        total_fee: "1".parse().unwrap(),
        status: TradeStatus::TradeClosed,
        ..NewTrade::default()
    });
    let rsa2 = client(&first, &me, SignType::Rsa2, Charset::Gbk);
    rsa2.execute(&ship(&trade.trade_no)).await.unwrap();
    let shipped = admin.trade(&trade.trade_no).unwrap();
    // A settled trade: its payment and fee in the account log.
    let settled = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "settled".into(),
        total_fee: "50.00".parse().unwrap(),
        status: TradeStatus::TradeSuccess,
        ..NewTrade::default()
    });
    let ledger = admin.ledger();
    assert_eq!(ledger.len(), 2);
    first.shutdown().await;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the state file holds keys");
    }

    let again = start_with_state(&path, 1.0).await;
    // The same first partner, keys included, and the same Alipay key.
    assert_eq!(again.first_partner(), &me);
    let admin = again.admin();
    assert_eq!(
        admin.partner(&second_partner.partner).unwrap(),
        second_partner
    );
    // Goods: a repeat is refused; the stored answer is the one given.
    let md5 = md5_client(&again);
    match md5.execute(&example).await {
        Err(Error::Service(e)) => assert_eq!(e.code, ErrorCode::GoodsExistsError),
        other => panic!("{other:?}"),
    }
    let stored = admin.goods(&me.partner, &example.outer_goods_id).unwrap();
    assert_eq!(param(&stored, "goods_id"), Some(goods.goods_id.as_str()));
    // The SNS user still works for new goods.
    let more = CreateGoods {
        outer_goods_id: "after-restart".into(),
        ..CreateGoods::example()
    };
    md5.execute(&more).await.unwrap();
    // Trades, with their shipment; the repeat still answers T, signed with the same Alipay key.
    assert_eq!(admin.trade(&trade.trade_no).unwrap(), shipped);
    assert_eq!(admin.trade(&closed.trade_no).unwrap(), closed);
    // The account log, and what it implies: the trade is not paid in a second time.
    assert_eq!(admin.ledger(), ledger);
    admin.set_trade_status(&settled.trade_no, TradeStatus::TradeFinished);
    assert_eq!(admin.ledger(), ledger);
    let rsa2 = client_again(&again, &me);
    let base = rsa2.execute(&ship(&trade.trade_no)).await.unwrap().unwrap();
    assert_eq!(base.trade_status, TradeStatus::WaitBuyerConfirmGoods);
    // The DSA key registered before the restart still verifies.
    let known = admin.partner(KNOWN_PARTNER).unwrap();
    let dsa = client(&again, &known, SignType::Dsa, Charset::Utf8);
    let known_trade = admin.create_trade(NewTrade {
        partner: KNOWN_PARTNER.into(),
        out_trade_no: "dsa".into(),
        total_fee: "2".parse().unwrap(),
        ..NewTrade::default()
    });
    dsa.execute(&ship(&known_trade.trade_no)).await.unwrap();
    again.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

fn client_again(
    sandbox: &Sandbox,
    me: &alipay_sandbox::PartnerCredentials,
) -> alipay_client::Client {
    client(sandbox, me, SignType::Rsa2, Charset::Utf8)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_notifications_resume_after_a_restart() {
    let dir = state_dir("resume");
    let path = dir.join("sandbox.db");
    // The first re-send is due 240 ms after the first delivery (time factor 0.001).
    let first = start_with_state(&path, 0.001).await;
    let me = first.first_partner().clone();
    let receiver = Receiver::start(&["fail"], "success").await;
    let trade = first.admin().create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "resume".into(),
        total_fee: "0.01".parse().unwrap(),
        notify_url: Some(receiver.url.clone()),
        ..NewTrade::default()
    });
    md5_client(&first)
        .execute(&ship(&trade.trade_no))
        .await
        .unwrap();
    receiver.wait_for(1, Duration::from_secs(5)).await;
    // The receiver has the request before the sandbox has read the answer and recorded the
    // delivery; a shutdown in between would abort the job before its record (the restarted
    // sandbox would then, rightly, deliver attempt 1 again). Wait for the record.
    let recorded = tokio::time::Instant::now() + Duration::from_secs(5);
    while first.admin().notifications().is_empty() && tokio::time::Instant::now() < recorded {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.shutdown().await;
    // Stopped: the re-send falls due while the sandbox is down, and is not made.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(receiver.hits().len(), 1);

    // Restarted with a slower clock, so that the resumed delivery's id stays valid for 3 s.
    let again = start_with_state(&path, 0.05).await;
    let hits = receiver.wait_for(2, Duration::from_secs(5)).await;
    // The resumed delivery verifies against the restarted sandbox (same keys, same partner).
    let verified = md5_client(&again)
        .verify_notification(&hits[1].body)
        .await
        .unwrap();
    assert_eq!(verified.trade_no(), Some(trade.trade_no.as_str()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.hits().len(), 2, "acknowledged: no third delivery");
    let sent = again.admin().notifications();
    let attempts: Vec<(u32, bool)> = sent.iter().map(|s| (s.attempt, s.acknowledged)).collect();
    assert_eq!(attempts, [(1, false), (2, true)]);
    assert_ne!(sent[0].notify_id, sent[1].notify_id);
    // Faults are configuration, not state.
    assert_eq!(again.admin().faults(), Faults::default());
    again.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_state_file_is_an_error() {
    let dir = state_dir("broken");
    let path = dir.join("not-a-database.db");
    std::fs::write(
        &path,
        b"this is not SQLite, just some text long enough to fail",
    )
    .unwrap();
    let result = Sandbox::start(SandboxConfig {
        state: Some(path),
        ..SandboxConfig::default()
    })
    .await;
    assert!(result.is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
