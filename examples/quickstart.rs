//! The whole merchant flow against the embedded sandbox, printing each step: create goods; take a
//! payment with a page service (the buyer opens the cashier and pays; the return is verified);
//! receive Alipay's notifications on a real HTTP endpoint, verify each and run its business step
//! exactly once; ship; the buyer confirms receipt; query the finished trade; show the call log.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! No account and no network beyond loopback: the sandbox (`alipay-sandbox`) plays Alipay, and its
//! admin API stands in for the buyer (paying at the cashier, confirming receipt), which a browser
//! does in `examples/merchant/tests/browser.rs`. The quickstart always uses the sandbox;
//! `create_goods`, `send_goods` and `notify_server` use `ALIPAY_*` when set.
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use alipay::client::sqlite::Database;
use alipay::client::{Handled, NotificationHandler};
use alipay::services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyer, CreatePartnerTradeByBuyerReturn,
};
use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay::services::single_trade_query::SingleTradeQuery;
use alipay::services::sns_create_goods_ws::CreateGoods;
use alipay::types::{HttpUrl, TransportType};
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

    // A payment: the escrow page service, which the buyer's browser carries to Alipay's cashier.
    let order = CreatePartnerTradeByBuyer {
        out_trade_no: "QUICKSTART-0001".into(),
        notify_url: Some(HttpUrl::parse(&notify_url)?),
        return_url: Some(HttpUrl::parse("https://shop.example/alipay/return")?),
        ..CreatePartnerTradeByBuyer::example()
    };
    let cashier = client.page_url(&order)?;
    let page = reqwest::get(&cashier).await?;
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, &order.out_trade_no)
        .ok_or("the cashier opened no trade")?;
    println!(
        "4. create_partner_trade_by_buyer: the buyer's browser opened the cashier (HTTP {}): trade {} ({} yuan) {}",
        page.status().as_u16(),
        trade.trade_no,
        trade.total_fee,
        trade.status
    );

    // The buyer pays (the sandbox's admin API presses the cashier's button) and comes back to
    // return_url with a signed return: verified, shown to the buyer, not acted on.
    let paid = sandbox.admin().pay(&trade.trade_no)?;
    let back_to = paid.return_url.ok_or("no return URL")?;
    let back = client.verify_return::<CreatePartnerTradeByBuyerReturn>(&back_to)?;
    println!(
        "5. the buyer paid and came back to return_url: return verified, trade {} is {}",
        back.trade_no, back.trade_status
    );
    let handled = next(&mut done_rx).await?;
    println!("6. notification: {handled}");

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
        "7. send_goods_confirm_by_platform: shipped, trade is now {}",
        status.as_deref().unwrap_or("(no tradeBase in the answer)")
    );
    println!("8. notification: {}", next(&mut done_rx).await?);

    // The buyer confirms receipt at Alipay (the sandbox's admin API again): the trade finishes.
    let finished = sandbox.admin().confirm_receipt(&trade.trade_no)?;
    println!(
        "9. the buyer confirmed receipt: trade {} is {}",
        finished.trade_no, finished.status
    );
    println!("10. notification: {}", next(&mut done_rx).await?);
    let queried = client
        .execute(&SingleTradeQuery {
            trade_no: Some(trade.trade_no.clone()),
            out_trade_no: None,
        })
        .await?;
    println!(
        "11. single_trade_query: trade {} is {} ({} yuan)",
        queried.trade_no,
        queried.trade_status,
        queried.total_fee.map(|f| f.to_string()).unwrap_or_default()
    );

    println!("12. call log ({} records):", db.records()?.len());
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
        "quickstart done: goods created; a trade paid, shipped, received and finished; each notification verified and handled once"
    );
    Ok(())
}

type AppState = (Arc<NotificationHandler>, mpsc::UnboundedSender<String>);

/// The next notification the endpoint handled, within 15 s.
async fn next(done: &mut mpsc::UnboundedReceiver<String>) -> Result<String, BoxError> {
    Ok(tokio::time::timeout(Duration::from_secs(15), done.recv())
        .await
        .map_err(|_| "no notification within 15 s")?
        .ok_or("notification endpoint stopped")?)
}

/// `POST /alipay/notify`: the body is handed to the handler as received.
async fn notify(State((handler, done)): State<AppState>, body: Bytes) -> &'static str {
    let handled = handler
        .handle(&body, |n| {
            let line = format!(
                "trade {} is {} ({} yuan): business step ran once (e.g. update the order)",
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
