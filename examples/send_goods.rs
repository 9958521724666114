//! `send_goods_confirm_by_platform`: ship trades one by one, at least the usage rules' 10 s apart
//! (1 s against the sandbox), skipping trades the call log shows as already shipped.
//!
//! ```sh
//! cargo run --example send_goods                                  # three sandbox trades
//! ALIPAY_PARTNER=2088… ALIPAY_KEY=… ALIPAY_EXAMPLE_DB=ship.db \
//!     cargo run --example send_goods -- 2013102226991504 …        # your trades
//! ```
//!
//! The batch runs twice: the second run finds every trade already shipped in the call log
//! (`ALIPAY_EXAMPLE_DB` keeps it across runs) and sends nothing.
#![allow(clippy::print_stdout)]

use std::time::Duration;

use alipay::client::{BatchOptions, BatchOutcome};
use alipay::sandbox::NewTrade;
use alipay::services::send_goods_confirm_by_platform::{SHIP_INTERVAL, SendGoodsConfirm};
use alipay::types::TransportType;
use alipay_examples::{BoxError, Setup};
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let setup = Setup::new().await?;
    println!("calling {}", setup.describe());
    let mut trade_nos: Vec<String> = std::env::args().skip(1).collect();
    let interval = match &setup.sandbox {
        Some(sandbox) => {
            let partner = sandbox.first_partner().partner.clone();
            for i in 1..=3 {
                let trade = sandbox.admin().create_trade(NewTrade {
                    partner: partner.clone(),
                    out_trade_no: format!("ORDER-{i}"),
                    total_fee: "0.01".parse()?,
                    ..NewTrade::default()
                });
                trade_nos.push(trade.trade_no);
            }
            Duration::from_secs(1)
        }
        None if trade_nos.is_empty() => return Err("pass the trade numbers to ship".into()),
        None => SHIP_INTERVAL,
    };

    for run in ["first run", "second run"] {
        println!("{run}: {} trades, {interval:?} apart", trade_nos.len());
        let trades = trade_nos.iter().map(|t| SendGoodsConfirm {
            trade_no: t.clone(),
            logistics_name: "申通快递".into(),
            invoice_no: Some(format!("TS{t}")),
            transport_type: Some(TransportType::Express),
            create_transport_type: None,
            seller_ip: None,
        });
        let options = BatchOptions::spaced(interval).skip_succeeded_by("trade_no");
        let mut results = std::pin::pin!(
            setup
                .client
                .execute_batch(trades.collect::<Vec<_>>(), options)
        );
        while let Some(r) = results.next().await {
            let trade_no = r.key.as_deref().unwrap_or("?");
            match r.result {
                Ok(BatchOutcome::Done(Some(t))) => {
                    println!("  {trade_no}: shipped, now {}", t.trade_status);
                }
                Ok(BatchOutcome::Done(None)) => println!("  {trade_no}: shipped"),
                Ok(BatchOutcome::AlreadyDone) => {
                    println!("  {trade_no}: already shipped (call log), not sent");
                }
                Err(e) => println!("  {trade_no}: failed: {e}"),
            }
        }
    }
    Ok(())
}
