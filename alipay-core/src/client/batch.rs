//! Shipping many trades: `send_goods_confirm_by_platform` calls kept apart, results as they come.

use std::time::{Duration, Instant};

use futures_util::Stream;

use super::{Call, Client, Error};
use crate::service::Request;
use crate::services::send_goods_confirm::{SendGoodsConfirm, TradeBase};

/// The spacing the usage rules ask for between batch calls: about 10 s.
pub const SHIP_INTERVAL: Duration = Duration::from_secs(10);

/// How one trade of a batch ended, when it did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShipOutcome {
    /// Alipay confirmed the shipment (with the trade's state, when the response carried it).
    Shipped(Option<Box<TradeBase>>),
    /// The call log already records a successful shipment of this trade: nothing was sent.
    AlreadyShipped,
}

/// The result for one trade of a batch.
#[derive(Debug)]
pub struct ShipResult {
    /// The trade (`trade_no`).
    pub trade_no: String,
    /// What happened.
    pub result: Result<ShipOutcome, Error>,
}

impl Client {
    /// Ships each trade with `send_goods_confirm_by_platform`, yielding each result as it comes.
    ///
    /// - Calls start at least `interval` apart (the usage rules ask for about 10 s:
    ///   [`SHIP_INTERVAL`]), retries
    ///   included: a retryable failure is retried per the [`RetryPolicy`](super::RetryPolicy), but
    ///   never sooner than `interval` after the previous call.
    /// - A trade the call log shows as already shipped (a successful call for its `trade_no`) is
    ///   not sent again: it yields [`ShipOutcome::AlreadyShipped`] at once. Without a call log
    ///   attached, nothing is skipped. Every attempt is logged before the next trade starts, so a
    ///   batch stopped midway and started again resumes where it stopped.
    /// - A failure of one trade does not stop the batch.
    pub fn ship_batch<I>(&self, trades: I, interval: Duration) -> impl Stream<Item = ShipResult>
    where
        I: IntoIterator<Item = SendGoodsConfirm>,
    {
        let state = (self.clone(), trades.into_iter(), None::<Instant>);
        futures_util::stream::unfold(state, move |(client, mut trades, mut last)| async move {
            let trade = trades.next()?;
            let trade_no = trade.trade_no.clone();
            let result = client.ship_one(&trade, interval, &mut last).await;
            Some((ShipResult { trade_no, result }, (client, trades, last)))
        })
    }

    async fn ship_one(
        &self,
        trade: &SendGoodsConfirm,
        interval: Duration,
        last: &mut Option<Instant>,
    ) -> Result<ShipOutcome, Error> {
        if let Some(log) = self.call_log() {
            match log.succeeded(SendGoodsConfirm::SERVICE, "trade_no", &trade.trade_no) {
                Ok(true) => return Ok(ShipOutcome::AlreadyShipped),
                Ok(false) => {}
                // Unknown: sending again is safe (the service is idempotent), so go on.
                Err(e) => tracing::error!(target: "alipay::call", error = %e,
                    "cannot read the call log; shipping anyway"),
            }
        }
        let signed = self.prepare(trade)?;
        if let Some(at) = *last {
            tokio::time::sleep_until((at + interval).into()).await;
        }
        *last = Some(Instant::now());
        let call = Call::new::<SendGoodsConfirm>(&signed, self.call_log().is_some());
        let policy = self.config().retry;
        // Retries wait at least `interval` too; the deadline must leave room for them.
        let policy = super::RetryPolicy {
            deadline: policy.deadline + interval * policy.max_attempts.saturating_sub(1),
            ..policy
        };
        let reply = self
            .run::<<SendGoodsConfirm as Request>::Response>(&call, &policy, |_| Some(interval))
            .await;
        // The last attempt's start is not visible here; spacing from the end of the call is
        // stricter than from its start.
        *last = Some(Instant::now());
        reply.map(|r| ShipOutcome::Shipped(r.response.map(Box::new)))
    }
}
