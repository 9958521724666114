//! The whole merchant flow against the embedded sandbox, printing each step: create goods, ship a
//! trade, receive Alipay's notification on a real HTTP endpoint, verify it and run the business
//! step exactly once, then show the call log.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! No account and no network beyond loopback: the sandbox (`alipay-sandbox`) plays Alipay. The
//! quickstart always uses it, since it also creates the SNS user and the paid trade through the
//! sandbox's admin API; `create_goods`, `send_goods` and `notify_server` use `ALIPAY_*` when set.
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use alipay::client::sqlite::Database;
use alipay::client::{Handled, NotificationHandler};
use alipay::sandbox::NewTrade;
use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay::services::sns_create_goods_ws::CreateGoods;
use alipay::types::TransportType;
use alipay_examples::{BoxError, Setup};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use tokio::sync::mpsc;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let db = Arc::new(Database::in_memory()?);
    let setup = Setup::sandbox(db.clone()).await?;
    let sandbox = setup.sandbox.as_ref().ok_or("no sandbox")?;
    let client = setup.client.clone();
    let me = sandbox.first_partner();
    println!("1. started {}", setup.describe());

    // Goods: the SNS document's sample request, for an SNS user the sandbox knows.
    let goods = CreateGoods::example();
    sandbox
        .admin()
        .create_sns_user(&me.partner, &goods.sns_user_id, &goods.key);
    let created = client.execute(&goods).await?;
    println!(
        "2. sns.create.goods.ws: goods {} \"{}\" at {} yuan, valid until {}, buyers confirm within {} days",
        created.goods_id,
        created.goods_name,
        created.goods_fee,
        created.valid_time,
        created.rec_days
    );

    // The notification endpoint: verify, run the business step once, answer exactly.
    let handler = Arc::new(NotificationHandler::new(client.clone(), db.clone()));
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<String>();
    let app = Router::new()
        .route("/alipay/notify", post(notify))
        .with_state((handler, done_tx));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let notify_url = format!("http://{}/alipay/notify", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("3. listening for notifications at {notify_url}");

    // A paid escrow trade waiting to be shipped (the buyer's side, played by the sandbox).
    let trade = sandbox.admin().create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "QUICKSTART-0001".into(),
        total_fee: "100.40".parse()?,
        notify_url: Some(notify_url),
        ..NewTrade::default()
    });
    println!(
        "4. buyer paid trade {} ({} yuan): {}",
        trade.trade_no, trade.total_fee, trade.status
    );

    let shipped = client
        .execute(&SendGoodsConfirm {
            trade_no: trade.trade_no.clone(),
            logistics_name: "申通快递".into(),
            invoice_no: Some("TS00000001212".into()),
            transport_type: Some(TransportType::Express),
            create_transport_type: None,
            seller_ip: None,
        })
        .await?;
    let status = shipped.map(|t| t.trade_status.to_string());
    println!(
        "5. send_goods_confirm_by_platform: shipped, trade is now {}",
        status.as_deref().unwrap_or("(no tradeBase in the answer)")
    );

    let handled = tokio::time::timeout(Duration::from_secs(15), done_rx.recv())
        .await
        .map_err(|_| "no notification within 15 s")?
        .ok_or("notification endpoint stopped")?;
    println!("6. notification: {handled}");

    println!("7. call log ({} records):", db.records()?.len());
    for r in db.records()? {
        println!(
            "   {} {} attempt {} -> {} in {} µs",
            r.kind.as_str(),
            r.service,
            r.attempt,
            r.outcome,
            r.latency.as_micros()
        );
    }
    println!(
        "quickstart done: goods created, trade shipped, notification verified and handled once"
    );
    Ok(())
}

type AppState = (Arc<NotificationHandler>, mpsc::UnboundedSender<String>);

/// `POST /alipay/notify`: the body is handed to the handler as received.
async fn notify(State((handler, done)): State<AppState>, body: Bytes) -> &'static str {
    let handled = handler
        .handle(&body, |n| {
            let line = format!(
                "trade {} is {} ({} yuan): business step ran (e.g. mark the order shipped)",
                n.trade_no().unwrap_or("?"),
                n.get("trade_status").unwrap_or("?"),
                n.get("total_fee").unwrap_or("?"),
            );
            let done = done.clone();
            async move {
                let _ = done.send(line);
                Ok::<(), String>(())
            }
        })
        .await;
    if !matches!(handled, Handled::Processed | Handled::Duplicate) {
        println!("   notification not accepted: {handled:?}");
    }
    handled.ack()
}
