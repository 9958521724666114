//! A real HTTP endpoint for Alipay's asynchronous notifications: each POST is verified
//! (signature, `notify_id` confirmed with `notify_verify`), the business step runs once per
//! notification (SQLite de-duplication; PostgreSQL when `ALIPAY_DATABASE_URL` is set, so several
//! instances behind a load balancer share it), and the answer is exactly `success` or `fail`.
//!
//! ```sh
//! cargo run --example notify_server                    # embedded sandbox: ships a trade, handles its notification, exits
//! ALIPAY_PARTNER=2088… ALIPAY_KEY=… ALIPAY_EXAMPLE_DB=notify.db \
//!     cargo run --example notify_server -- 0.0.0.0:8080 # your notify_url, served until Ctrl-C
//! ALIPAY_DATABASE_URL=postgres://shop@db/shop …        # instances sharing one PostgreSQL database
//! ```
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use alipay::client::NotificationHandler;
use alipay::sandbox::NewTrade;
use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay::types::TransportType;
use alipay_examples::{BoxError, Setup};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use tokio::sync::mpsc;

type AppState = (Arc<NotificationHandler>, mpsc::UnboundedSender<String>);

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let setup = Setup::new().await?;
    let handler = Arc::new(NotificationHandler::new(
        setup.client.clone(),
        setup.dedup_store(),
    ));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let app = Router::new()
        .route("/alipay/notify", post(notify))
        .with_state((handler, tx));
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let notify_url = format!("http://{}/alipay/notify", listener.local_addr()?);
    println!("verifying with {}", setup.describe());
    println!("notify_url: {notify_url}");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let Some(sandbox) = &setup.sandbox else {
        // A real account: serve until Ctrl-C, printing each notification.
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { while let Some(line) = rx.recv().await { println!("{line}"); } } => {}
        }
        server.abort();
        return Ok(());
    };

    // The sandbox: a paid trade whose notify_url is this server, shipped, so the sandbox notifies.
    let trade = sandbox.admin().create_trade(NewTrade {
        partner: sandbox.first_partner().partner.clone(),
        out_trade_no: "NOTIFY-DEMO".into(),
        total_fee: "0.01".parse()?,
        notify_url: Some(notify_url),
        ..NewTrade::default()
    });
    setup
        .client
        .execute(&SendGoodsConfirm {
            trade_no: trade.trade_no.clone(),
            logistics_name: "EMS".into(),
            invoice_no: None,
            transport_type: Some(TransportType::Ems),
            create_transport_type: None,
            seller_ip: None,
        })
        .await?;
    println!(
        "shipped trade {}; waiting for the notification",
        trade.trade_no
    );
    let line = tokio::time::timeout(Duration::from_secs(15), rx.recv())
        .await
        .map_err(|_| "no notification within 15 s")?
        .ok_or("server stopped")?;
    println!("{line}");
    server.abort();
    Ok(())
}

/// `POST /alipay/notify`.
async fn notify(State((handler, tx)): State<AppState>, body: Bytes) -> &'static str {
    let handled = handler
        .handle(&body, |n| {
            println!(
                "business step: trade {} is {}",
                n.trade_no().unwrap_or("?"),
                n.get("trade_status").unwrap_or("?")
            );
            std::future::ready(Ok::<(), String>(()))
        })
        .await;
    let _ = tx.send(format!(
        "notification {}: answered {:?}",
        handled.as_str(),
        handled.ack()
    ));
    handled.ack()
}
