//! `close_trade`: the partner (or the buyer) closes a trade that has not been paid.
//!
//! Read by parameter name, so any declaration of `close_trade` gets it (the catalog's, or a
//! library author's registered with `SandboxBuilder::service`). The trade is found by `trade_no`,
//! else by `out_order_no` (the partner's own order number); both given must name the same trade.
//! - no such trade, or another partner's: `TRADE_NOT_EXIST`;
//! - `WAIT_BUYER_PAY`, or a COD trade still `WAIT_SELLER_SEND_GOODS` (the closable states of the
//!   document): the trade becomes `TRADE_CLOSED`, the answer is the bare `T` envelope;
//! - any other state (paid, shipped, closed already): `TRADE_STATUS_NOT_AVAILD`.

use alipay_core::ErrorCode;
use alipay_core::types::{DateTime, TradeStatus};

use crate::model::TradeKind;
use crate::registry::{Call, Outcome, Refusal, Reply, param};

/// Closes the trade, or refuses.
pub(crate) fn close(call: &Call<'_>, params: &[(String, String)]) -> Result<Outcome, Refusal> {
    let get = |name| param(params, name);
    let partner = call.partner_id();
    let state = &call.world.state;
    let trade = match (get("trade_no"), get("out_order_no")) {
        (Some(no), out) => state
            .trade(no)
            .filter(|t| out.is_none_or(|out| out == t.out_trade_no)),
        (None, Some(out)) => state.trade_by_out(partner, out),
        (None, None) => return Err(ErrorCode::IllegalArgument.into()),
    };
    let trade = trade
        .filter(|t| t.partner == partner)
        .ok_or(ErrorCode::TradeNotExist)?;
    let now = DateTime::now();
    let outcome = state.update_trade(&trade.trade_no, |t| {
        let closable = t.status == TradeStatus::WaitBuyerPay
            || (t.kind == TradeKind::Cod && t.status == TradeStatus::WaitSellerSendGoods);
        if !closable {
            return Err(ErrorCode::TradeStatusNotAvaild);
        }
        t.status = TradeStatus::TradeClosed;
        t.last_modified_time = now;
        Ok(((), true))
    });
    match outcome {
        None => Err(ErrorCode::TradeNotExist.into()),
        Some(Err(e)) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            Err(ErrorCode::SystemError.into())
        }
        Some(Ok(result)) => {
            result?;
            Ok(Reply::Plain.into())
        }
    }
}
