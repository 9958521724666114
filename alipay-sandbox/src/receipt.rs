//! The buyer's confirmation of receipt (确认收货): an escrow or COD trade the seller shipped
//! (`WAIT_BUYER_CONFIRM_GOODS`) becomes `TRADE_FINISHED`, and the change is notified to the
//! trade's `notify_url` like any other (`trade_status_sync`, on Alipay's schedule). The buyer does
//! it at the cashier (`POST /cashier/confirm`), a test through [`crate::Admin::confirm_receipt`]
//! or `POST /admin/trades/{trade_no}/confirm`.
//!
//! The notification is signed and encoded as the trade's earlier notifications were (the merchant
//! verifies one sign type), else MD5 in UTF-8.

use alipay_core::Charset;
use alipay_core::sign::SignType;
use alipay_core::types::{DateTime, TradeStatus};

use crate::error::SandboxError;
use crate::model::{SandboxTrade, TradeKind};
use crate::notification;
use crate::world::World;

/// Why a trade cannot be confirmed received.
#[derive(Debug)]
pub(crate) enum Refused {
    /// No trade of that number.
    NoTrade,
    /// The trade is not waiting for the buyer's confirmation (its status is given).
    NotShipped(TradeStatus),
}

/// Confirms receipt of trade `trade_no`: the finished trade, or why not.
pub(crate) fn confirm(world: &World, trade_no: &str) -> Result<SandboxTrade, ConfirmError> {
    let now = DateTime::now();
    let finished = world.state.update_trade(trade_no, |t| {
        let shippable = matches!(t.kind, TradeKind::Escrow | TradeKind::Cod);
        if !shippable || t.status != TradeStatus::WaitBuyerConfirmGoods {
            return Err(Refused::NotShipped(t.status.clone()));
        }
        t.status = TradeStatus::TradeFinished;
        t.last_modified_time = now;
        Ok((t.clone(), true))
    });
    let trade = match finished {
        None => return Err(ConfirmError::Refused(Refused::NoTrade)),
        Some(Err(e)) => return Err(ConfirmError::State(e)),
        Some(Ok(Err(refused))) => return Err(ConfirmError::Refused(refused)),
        Some(Ok(Ok(trade))) => trade,
    };
    if trade.notify_url.is_some() {
        let (charset, sign_type) = notification_form(world, &trade);
        let job = world
            .state
            .insert_job(notification::status_change(
                &trade,
                world.order_rows(&trade),
                charset,
                sign_type,
            ))
            .map_err(ConfirmError::State)?;
        // Delivered by the running deliveries, as a re-delivery of a job due now.
        if !world.request_redelivery(job.id) {
            tracing::warn!(target: "alipay_sandbox", trade_no, "deliveries are not running: the notification waits in the state");
        }
    }
    Ok(trade)
}

/// What [`confirm`] can fail with.
#[derive(Debug)]
pub(crate) enum ConfirmError {
    /// The trade cannot be confirmed.
    Refused(Refused),
    /// The state could not be written.
    State(SandboxError),
}

/// The charset and sign type of the trade's notifications: those of its latest one (the payment's
/// or the shipment's), else MD5 in UTF-8 (a trade made with the admin API and never notified).
fn notification_form(world: &World, trade: &SandboxTrade) -> (Charset, SignType) {
    world
        .state
        .latest_job(&trade.trade_no)
        .map_or((Charset::Utf8, SignType::Md5), |job| {
            (job.charset, job.sign_type)
        })
}
