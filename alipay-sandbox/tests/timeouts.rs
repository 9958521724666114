//! The escrow timeouts on the sandbox's scaled clock: an unpaid page trade closes after its
//! `it_b_pay` (else 15 days); a shipped trade the buyer does not confirm finishes after 10 days
//! (express) or its `t_b_rec_post` / 30 days (`POST`); each change is notified.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use alipay_core::types::{HttpUrl, TradeStatus, TransportType};
use alipay_sandbox::{Sandbox, SandboxConfig};
use alipay_services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyer, CreatePartnerTradeByBuyerNotify,
};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use support::*;

/// A sandbox whose clock runs `factor` times real time, notify ids valid a real minute.
async fn fast(factor: f64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        time_factor: factor,
        notify_id_factor: Some(1.0),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// Opens a page trade (`it_b_pay`, `t_b_rec_post` as given) and returns its number.
async fn open(
    sandbox: &Sandbox,
    out: &str,
    notify_url: &str,
    it_b_pay: Option<&str>,
    t_b_rec_post: Option<&str>,
) -> String {
    let order = CreatePartnerTradeByBuyer {
        out_trade_no: out.into(),
        notify_url: Some(HttpUrl::parse(notify_url).unwrap()),
        return_url: None,
        it_b_pay: it_b_pay.map(str::to_owned),
        t_b_rec_post: t_b_rec_post.map(str::to_owned),
        t_s_send_1: None,
        t_s_send_2: None,
        ..CreatePartnerTradeByBuyer::example()
    };
    let url = md5_client(sandbox).page_url(&order).unwrap();
    assert_eq!(http().get(url).send().await.unwrap().status(), 200);
    sandbox
        .admin()
        .trade_by_out(&sandbox.first_partner().partner, out)
        .unwrap()
        .trade_no
}

/// Waits until trade `trade_no` is `status`; returns how long that took.
async fn until(sandbox: &Sandbox, trade_no: &str, status: TradeStatus) -> Duration {
    let started = Instant::now();
    while sandbox.admin().trade(trade_no).unwrap().status != status {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{trade_no} never became {status}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpaid_trade_closes_after_it_b_pay() {
    // A minute is 60 ms.
    let sandbox = fast(0.001).await;
    let receiver = Receiver::start(&[], "success").await;
    let soon = open(&sandbox, "T-1", &receiver.url, Some("1m"), None).await;
    let later = open(&sandbox, "T-2", &receiver.url, None, None).await;
    until(&sandbox, &soon, TradeStatus::TradeClosed).await;
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let closed = md5_client(&sandbox)
        .verify_notification_as::<CreatePartnerTradeByBuyerNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(closed.trade_no, soon);
    assert_eq!(closed.trade_status, TradeStatus::TradeClosed);
    // Periods that are not one (a multi-byte unit, one too long for the clock) open the trade
    // like no period at all: no panic, no lost answer.
    for (out, period) in [("T-3", "1天"), ("T-4", "200000000000000000m")] {
        let no = open(&sandbox, out, &receiver.url, Some(period), None).await;
        assert_eq!(
            sandbox.admin().trade(&no).unwrap().status,
            TradeStatus::WaitBuyerPay
        );
    }
    // An absolute Beijing time already past (the mobile document's form): closed at once.
    let past = open(
        &sandbox,
        "T-5",
        &receiver.url,
        Some("2020-01-01 00:00"),
        None,
    )
    .await;
    until(&sandbox, &past, TradeStatus::TradeClosed).await;
    // Without it_b_pay: 15 days (21.6 minutes here), so still waiting.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        sandbox.admin().trade(&later).unwrap().status,
        TradeStatus::WaitBuyerPay
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shipped_trade_the_buyer_does_not_confirm_finishes() {
    // A day is 86.4 ms: 10 days 0.86 s, 30 days 2.6 s, 2 days 0.17 s.
    let sandbox = fast(0.000_001).await;
    let receiver = Receiver::start(&[], "success").await;
    let client = md5_client(&sandbox);
    let mut shipped = Vec::new();
    for (out, transport, t_b_rec_post) in [
        ("R-EXPRESS", TransportType::Express, None),
        ("R-POST", TransportType::Post, None),
        ("R-POST-2D", TransportType::Post, Some("2d")),
    ] {
        let trade_no = open(&sandbox, out, &receiver.url, None, t_b_rec_post).await;
        sandbox.admin().pay(&trade_no).unwrap();
        client
            .execute(&SendGoodsConfirm {
                trade_no: trade_no.clone(),
                logistics_name: "EMS".into(),
                invoice_no: None,
                transport_type: Some(transport),
                create_transport_type: None,
                seller_ip: None,
            })
            .await
            .unwrap();
        shipped.push((trade_no, Instant::now()));
    }
    // When each trade was first seen finished, all watched together.
    let mut waited: Vec<Option<Duration>> = vec![None; shipped.len()];
    let started = Instant::now();
    while waited.iter().any(Option::is_none) {
        assert!(started.elapsed() < Duration::from_secs(20), "{waited:?}");
        for (i, (trade_no, at)) in shipped.iter().enumerate() {
            if waited[i].is_none()
                && sandbox.admin().trade(trade_no).unwrap().status == TradeStatus::TradeFinished
            {
                waited[i] = Some(at.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let waited: Vec<Duration> = waited.into_iter().flatten().collect();
    // Express: about 10 days (0.86 s); POST: 30 days (2.6 s); POST with t_b_rec_post=2d: 0.17 s.
    assert!(
        waited[0] >= Duration::from_millis(800) && waited[0] < Duration::from_millis(2000),
        "{waited:?}"
    );
    assert!(waited[1] >= Duration::from_millis(2500), "{waited:?}");
    assert!(waited[2] < Duration::from_millis(800), "{waited:?}");
    // Each finish was notified: paid, shipped, finished for each trade.
    let hits = receiver.wait_for(9, Duration::from_secs(10)).await;
    let mut finished = 0;
    for hit in &hits {
        let n = client
            .verify_notification_as::<CreatePartnerTradeByBuyerNotify>(&hit.body)
            .await
            .unwrap();
        if n.trade_status == TradeStatus::TradeFinished {
            finished += 1;
        }
    }
    assert_eq!(finished, 3);
}
