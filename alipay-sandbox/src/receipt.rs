//! The buyer's confirmation of receipt (确认收货): an escrow or COD trade the seller shipped
//! (`WAIT_BUYER_CONFIRM_GOODS`) becomes `TRADE_FINISHED`, and the change is notified to the
//! trade's `notify_url` like any other (`trade_status_sync`, on Alipay's schedule). The buyer does
//! it at the cashier (`POST /cashier/confirm`), a test through [`crate::Admin::confirm_receipt`]
//! or `POST /admin/trades/{trade_no}/confirm`.
//!
//! The notification is signed and encoded as the trade's earlier notifications were (the merchant
//! verifies one sign type), else MD5 in UTF-8.

use alipay_core::types::{DateTime, TradeStatus};

use crate::error::SandboxError;
use crate::model::{SandboxTrade, TradeKind};
use crate::notify_sender::{queue_status_change, trade_form};
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
    let (charset, sign_type) = trade_form(world, &trade.trade_no);
    queue_status_change(world, &trade, charset, sign_type);
    Ok(trade)
}

/// What [`confirm`] can fail with.
#[derive(Debug)]
pub(crate) enum ConfirmError {
    /// The trade cannot be confirmed.
    Refused(Refused),
    /// The trade could not be stored.
    State(SandboxError),
}
