//! Cross-border payments (`create_forex_trade`, `forex_refund`) and the sandbox's fixed exchange
//! rates.
//!
//! A forex trade is priced in its `currency`: `total_fee` in that currency, or `rmb_fee` in RMB,
//! converted at [`RATES`] (rounded down to the currency's cent). Paying it makes it
//! `TRADE_FINISHED`. `forex_refund` refunds it by `out_trade_no`, in the trade's currency
//! (`return_amount`) or in RMB (`return_rmb_amount`, converted the same way), never more than what
//! is left (`RETURN_AMOUNT_EXCEED`); a refund of the rest closes the trade. Its other codes: no paid
//! trade of that `out_trade_no` (`PURCHASE_TRADE_NOT_EXIST`), another currency than the trade's
//! (`CURRENCY_NOT_SAME`), an `out_return_no` used before (`REPEATED_REFUNDMENT_REQUEST`). The
//! outcome goes to `notify_url` (`refund_status_sync`, `refund_status=REFUND_SUCCESS`). The
//! trade's currency is kept with the order that opened it, in the state (and its file, across
//! restarts).

use alipay_core::ErrorCode;
use alipay_core::types::{Amount, DateTime, TradeStatus, WireValue as _};
use alipay_services::forex_refund::ForexRefund;

use crate::model::{SandboxTrade, TradeKind};
use crate::notify_sender::queue;
use crate::registry::{Call, Outcome, Reply, param};
use crate::state::{Job, RefundBatch};

/// The sandbox's exchange rates: RMB per unit of the currency, in ten-thousandths (USD 7.1000).
/// Fixed, so tests can compute what the sandbox does.
pub const RATES: &[(&str, u64)] = &[
    ("USD", 71_000),
    ("EUR", 78_000),
    ("GBP", 90_000),
    ("HKD", 9_100),
    ("JPY", 480),
    ("AUD", 47_000),
    ("CAD", 52_000),
    ("SGD", 53_000),
    ("KRW", 52),
];

/// The rate of `currency`, if the sandbox settles in it.
pub(crate) fn rate(currency: &str) -> Option<u64> {
    RATES.iter().find(|(c, _)| *c == currency).map(|&(_, r)| r)
}

/// `rmb_fen` in the currency of `rate`, in its cents, rounded down.
pub(crate) fn to_foreign(rmb_fen: u64, rate: u64) -> u64 {
    (u128::from(rmb_fen) * 10_000 / u128::from(rate.max(1))) as u64
}

fn code(name: &str) -> ErrorCode {
    ErrorCode::from_code(name)
}

/// `forex_refund`: checks the refund against the trade and carries it out at once (`T`).
pub(crate) fn refund(call: &Call<'_>, req: ForexRefund) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let world = call.world;
    let state = &world.state;
    let trade = state
        .trade_by_out(partner, &req.out_trade_no)
        .filter(|t| t.kind == TradeKind::Forex && t.status == TradeStatus::TradeFinished)
        .ok_or_else(|| code("PURCHASE_TRADE_NOT_EXIST"))?;
    let order = world.order(&trade.trade_no);
    if let Some(currency) = param(&order, "currency")
        && currency != req.currency
    {
        return Err(code("CURRENCY_NOT_SAME"));
    }
    let fen = match (&req.return_amount, &req.return_rmb_amount) {
        (Some(amount), _) => amount.fen(),
        (None, Some(rmb)) => {
            let rate = rate(&req.currency).ok_or_else(|| code("CURRENCY_NOT_SAME"))?;
            to_foreign(rmb.fen(), rate)
        }
        (None, None) => return Err(ErrorCode::IllegalArgument),
    };
    let left = trade
        .total_fee
        .fen()
        .saturating_sub(state.refunded(&trade.trade_no));
    if fen == 0 || fen > left {
        return Err(code("RETURN_AMOUNT_EXCEED"));
    }
    // A refund is a one-item batch named by its out_return_no (`:` never occurs in a batch_no).
    let batch_no = format!("forex:{}", req.out_return_no);
    let batch = RefundBatch {
        partner: partner.to_owned(),
        batch_no: batch_no.clone(),
        notify_url: req.notify_url.as_ref().map(|u| u.to_wire().into_owned()),
        detail: format!(
            "{}^{}^{}",
            trade.trade_no,
            Amount::from_fen(fen),
            req.reason
        ),
        charset: call.charset,
        sign_type: call.sign_type,
        outcome: None,
    };
    match state.open_refund_batch(batch) {
        Ok(None) => {}
        Ok(Some(_)) => return Err(code("REPEATED_REFUNDMENT_REQUEST")),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the refund");
            return Err(code("SYSTEM_EXCEPTION"));
        }
    }
    let decide = |t: Option<&SandboxTrade>, done: u64, fen: u64| {
        let t = t.ok_or("PURCHASE_TRADE_NOT_EXIST")?;
        if t.status != TradeStatus::TradeFinished {
            return Err("PURCHASE_TRADE_NOT_EXIST");
        }
        let left = t.total_fee.fen().saturating_sub(done);
        if fen > left {
            return Err("RETURN_AMOUNT_EXCEED");
        }
        Ok(if fen == left {
            TradeStatus::TradeClosed
        } else {
            TradeStatus::TradeFinished
        })
    };
    let items = [(trade.trade_no.clone(), fen)];
    let done = state
        .confirm_refund_batch(partner, &batch_no, &items, decide, DateTime::now())
        .map_err(|e| {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot carry out the refund");
            code("SYSTEM_EXCEPTION")
        })?;
    let Ok((batch, _)) = done else {
        return Err(code("REPEATED_REFUNDMENT_REQUEST"));
    };
    match batch.outcome.as_ref().map(|(_, n)| *n) {
        Some(1) => {}
        // Refused at the last moment (a concurrent refund took the rest).
        _ => return Err(code("RETURN_AMOUNT_EXCEED")),
    }
    if let Some(url) = &batch.notify_url {
        let currency = param(&order, "currency")
            .unwrap_or(&req.currency)
            .to_owned();
        let params = [
            ("notify_type", "refund_status_sync".to_owned()),
            ("out_trade_no", req.out_trade_no.clone()),
            ("out_return_no", req.out_return_no.clone()),
            ("refund_status", "REFUND_SUCCESS".to_owned()),
            ("return_amount", Amount::from_fen(fen).to_string()),
            ("currency", currency),
        ];
        queue(
            world,
            Job::due_now(
                partner,
                &trade.trade_no,
                url,
                (call.charset, call.sign_type),
                params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            ),
        );
    }
    Ok(Reply::Plain.into())
}
