//! Runs the example merchant service against the embedded sandbox: a paid escrow trade is shipped
//! through the service's own route, Alipay's notification reaches its notify route, and the
//! order's state is printed. `ALIPAY_DATABASE_URL=postgres://…` shares the notification store
//! between instances; by default it is an SQLite file in the temp directory.
//!
//! ```sh
//! cargo run -p alipay-example-merchant
//! ```
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay::client::NotificationHandler;
use alipay::client::postgres::PgStore;
use alipay::client::sqlite::Database;
use alipay::client::store::DedupStore;
use alipay::sandbox::{NewTrade, Sandbox, SandboxConfig, TradeKind};
use alipay_example_merchant::{Shop, app, rsa2_client};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let sandbox = Sandbox::start(SandboxConfig::default()).await?;
    let me = sandbox.first_partner().clone();
    let client = rsa2_client(&me, &sandbox.gateway_url())?;
    let file = std::env::temp_dir().join(format!("alipay-merchant-{}.db", std::process::id()));
    let store: Arc<dyn DedupStore> = match std::env::var("ALIPAY_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Arc::new(PgStore::connect(&url).await?),
        _ => Arc::new(Database::open(&file)?),
    };
    let shop = Shop::new(client.clone());
    let handler = Arc::new(NotificationHandler::new(client, store));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(axum::serve(listener, app(Arc::clone(&shop), handler)).into_future());
    println!(
        "merchant service at {base}, RSA2, against the sandbox at {}",
        sandbox.gateway_url()
    );

    let trade = sandbox.admin().create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: format!("ORDER-{}", std::process::id()),
        total_fee: "0.01".parse()?,
        kind: TradeKind::Escrow,
        notify_url: Some(format!("{base}/alipay/notify")),
        ..NewTrade::default()
    });
    println!("paid trade {} ({})", trade.trade_no, trade.status);
    let status = shop.ship(&trade.trade_no).await?;
    println!("shipped: Alipay says {status}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while shop
        .order(&trade.trade_no)
        .is_none_or(|o| o.notification_steps == 0)
    {
        if Instant::now() > deadline {
            return Err("no notification within 10 s".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let order = shop.order(&trade.trade_no).unwrap_or_default();
    println!(
        "notification handled: order {} is {:?}, business step ran {} time(s)",
        trade.trade_no,
        order.status.map(|s| s.to_string()),
        order.notification_steps
    );
    for suffix in ["", "-wal", "-shm"] {
        let mut path = file.clone().into_os_string();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}
