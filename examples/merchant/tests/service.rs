//! The example merchant service against the sandbox, through its HTTP routes: the hard cases a
//! merchant must get right.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay::client::NotificationHandler;
use alipay::client::sqlite::Database;
use alipay::sandbox::{
    FaultAction, FaultRule, NewTrade, Sandbox, SandboxConfig, SandboxTrade, TradeKind,
};
use alipay::types::TradeStatus;
use alipay_example_merchant::{Shop, app, rsa2_client};

const SHIP: &str = "send_goods_confirm_by_platform";

struct World {
    sandbox: Sandbox,
    shop: Arc<Shop>,
    base: String,
    http: reqwest::Client,
}

impl World {
    async fn start() -> Self {
        let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
        let client = rsa2_client(sandbox.first_partner(), &sandbox.gateway_url()).unwrap();
        let shop = Shop::new(client.clone());
        let handler = Arc::new(NotificationHandler::new(
            client,
            Arc::new(Database::in_memory().unwrap()),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(axum::serve(listener, app(Arc::clone(&shop), handler)).into_future());
        Self {
            sandbox,
            shop,
            base,
            http: reqwest::Client::new(),
        }
    }

    fn paid_trade(&self) -> SandboxTrade {
        self.sandbox.admin().create_trade(NewTrade {
            partner: self.sandbox.first_partner().partner.clone(),
            out_trade_no: format!("ORDER-{}", unique()),
            total_fee: "0.01".parse().unwrap(),
            kind: TradeKind::Escrow,
            notify_url: Some(format!("{}/alipay/notify", self.base)),
            ..NewTrade::default()
        })
    }

    async fn ship(&self, trade: &SandboxTrade) -> (u16, String) {
        let answer = self
            .http
            .post(format!("{}/orders/{}/ship", self.base, trade.trade_no))
            .send()
            .await
            .unwrap();
        (answer.status().as_u16(), answer.text().await.unwrap())
    }

    /// Waits until the sandbox has made `n` deliveries for `trade`, each answered.
    async fn deliveries(&self, trade: &SandboxTrade, n: usize) {
        self.sandbox
            .admin()
            .wait_for_deliveries(&trade.trade_no, n, Duration::from_secs(10))
            .await
            .unwrap();
    }

    fn steps(&self, trade: &SandboxTrade) -> usize {
        self.shop
            .order(&trade.trade_no)
            .map_or(0, |o| o.notification_steps)
    }
}

/// A distinct number per call (the time in nanoseconds), for order numbers.
fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_lost_after_shipping_is_retried_safely_and_the_step_runs_once() {
    let w = World::start().await;
    let trade = w.paid_trade();
    // Alipay ships the trade, then the connection drops before the answer.
    w.sandbox.admin().add_fault(
        FaultRule::after(FaultAction::Drop)
            .service(SHIP)
            .trade(&trade.trade_no),
    );
    let (status, body) = w.ship(&trade).await;
    assert_eq!((status, body.as_str()), (200, "WAIT_BUYER_CONFIRM_GOODS"));
    let answers: Vec<String> = w
        .sandbox
        .admin()
        .requests()
        .into_iter()
        .filter(|r| r.service.as_deref() == Some(SHIP))
        .map(|r| r.answer)
        .collect();
    assert_eq!(answers, ["T then DROPPED", "T"]);
    w.deliveries(&trade, 1).await;
    assert_eq!(w.steps(&trade), 1);
    assert_eq!(w.shop.steps(), 1);
    assert_eq!(
        w.shop.order(&trade.trade_no).unwrap().status,
        Some(TradeStatus::WaitBuyerConfirmGoods)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivery_forced_on_demand_is_acknowledged_without_running_the_step_again() {
    let w = World::start().await;
    let trade = w.paid_trade();
    assert_eq!(w.ship(&trade).await.0, 200);
    w.deliveries(&trade, 1).await;
    assert_eq!(w.steps(&trade), 1);
    for n in 2..=3 {
        w.sandbox.admin().redeliver(&trade.trade_no).unwrap();
        w.deliveries(&trade, n).await;
    }
    let sent = w.sandbox.admin().notifications();
    assert_eq!(sent.len(), 3);
    assert!(
        sent.iter()
            .all(|d| d.acknowledged && d.answer.as_deref() == Some("success")),
        "{sent:?}"
    );
    // Three genuine deliveries, each with its own notify_id: one business step.
    assert_eq!(w.steps(&trade), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_arriving_before_execute_returns_is_not_undone() {
    let w = World::start().await;
    let trade = w.paid_trade();
    // The sandbox ships, notifies at once, and answers a second late: the notification is
    // handled while `execute` is still waiting.
    w.sandbox.admin().add_fault(
        FaultRule::after(FaultAction::Slow)
            .service(SHIP)
            .trade(&trade.trade_no),
    );
    let shipping = {
        let (http, url) = (
            w.http.clone(),
            format!("{}/orders/{}/ship", w.base, trade.trade_no),
        );
        tokio::spawn(async move { http.post(url).send().await.unwrap().status().as_u16() })
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while w.steps(&trade) == 0 {
        assert!(Instant::now() < deadline, "no notification");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(!shipping.is_finished(), "the notification came first");
    assert_eq!(shipping.await.unwrap(), 200);
    // Now the late answer has been written too, and it did not undo the notification's state.
    let order = w.shop.order(&trade.trade_no).unwrap();
    assert_eq!(order.status, Some(TradeStatus::WaitBuyerConfirmGoods));
    assert_eq!(order.notification_steps, 1);
    // A later state from a notification is not undone by an older answer either.
    w.shop.advance(&trade.trade_no, TradeStatus::TradeFinished);
    w.shop
        .advance(&trade.trade_no, TradeStatus::WaitBuyerConfirmGoods);
    assert_eq!(
        w.shop.order(&trade.trade_no).unwrap().status,
        Some(TradeStatus::TradeFinished)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_notification_is_answered_fail_and_runs_nothing() {
    let w = World::start().await;
    let answer = w
        .http
        .post(format!("{}/alipay/notify", w.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("notify_id=x&notify_type=trade_status_sync&trade_no=1&trade_status=TRADE_FINISHED&sign_type=RSA2&sign=AAAA")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.text().await.unwrap(), "fail");
    assert_eq!(w.shop.steps(), 0);
}
