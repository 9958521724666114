//! The buyer pays a trade waiting for payment, as the cashier's pay button does (`POST
//! /cashier/pay`) and as [`crate::Admin::pay`] does for a test without a browser: the trade moves to
//! the state its kind defines (escrow and COD: `WAIT_SELLER_SEND_GOODS`; instant payment:
//! `TRADE_SUCCESS`; dual: escrow, or `TRADE_FINISHED` when the buyer chose instant payment), the
//! `trade_status_sync` notification goes to the trade's `notify_url`, and the browser's way back is
//! `return_url` with the signed return parameters.

use alipay_core::Charset;
use alipay_core::form;
use alipay_core::sign::SignType;
use alipay_core::types::{DateTime, TradeStatus};

use crate::error::SandboxError;
use crate::model::{SandboxTrade, TradeKind};
use crate::notification;
use crate::notify_sender::{new_notify_id, queue_status_change, sign_as};
use crate::world::World;

/// A paid trade and where its buyer's browser goes next.
#[derive(Debug)]
pub(crate) struct Paid {
    /// The trade, paid.
    pub(crate) trade: SandboxTrade,
    /// `return_url` with the signed return appended, when the order gave a `return_url`.
    pub(crate) return_to: Option<String>,
}

/// Why a trade was not paid.
#[derive(Debug)]
pub(crate) enum PayError {
    /// No trade of that number.
    NoTrade,
    /// The trade does not wait for payment (its status): nothing changed.
    NotWaiting(TradeStatus),
    /// The state could not be written: nothing changed.
    State(SandboxError),
}

/// How the buyer pays: the charset and sign type of the return and the notification (the page
/// request's), the `return_url`, and, for a dual trade, instant payment rather than escrow.
pub(crate) struct HowPaid<'a> {
    pub(crate) charset: Charset,
    pub(crate) sign_type: SignType,
    pub(crate) return_url: Option<&'a str>,
    pub(crate) instant: bool,
}

/// Pays trade `trade_no`.
pub(crate) fn pay(world: &World, trade_no: &str, how: &HowPaid<'_>) -> Result<Paid, PayError> {
    let now = DateTime::now();
    let paid = world.state.update_trade(trade_no, |t| {
        if t.status != TradeStatus::WaitBuyerPay {
            return Err(t.status.clone());
        }
        t.status = match t.kind {
            TradeKind::Instant => TradeStatus::TradeSuccess,
            // 标准双接口: the buyer's choice. Instant payment (普通即时到账) finishes the trade.
            TradeKind::Dual if how.instant => {
                t.kind = TradeKind::Instant;
                TradeStatus::TradeFinished
            }
            TradeKind::Dual => {
                t.kind = TradeKind::Escrow;
                TradeStatus::WaitSellerSendGoods
            }
            TradeKind::Forex => TradeStatus::TradeFinished,
            _ => TradeStatus::WaitSellerSendGoods,
        };
        t.last_modified_time = now;
        Ok((t.clone(), true))
    });
    let trade = match paid {
        None => return Err(PayError::NoTrade),
        Some(Err(e)) => return Err(PayError::State(e)),
        Some(Ok(Err(status))) => return Err(PayError::NotWaiting(status)),
        Some(Ok(Ok(trade))) => trade,
    };
    // The trade is paid from here on: what fails next is logged, never reported as "not paid".
    queue_status_change(world, &trade, how.charset, how.sign_type);
    let order = world.order_rows(&trade);
    // A return that cannot be signed or encoded (a value the charset cannot hold): the buyer
    // sees the payment done, without the way back.
    let return_to = how.return_url.and_then(|url| {
        return_url(world, &trade, &order, url, how.charset, how.sign_type)
            .inspect_err(|e| {
                tracing::error!(target: "alipay_sandbox", trade_no, error = %e, "the trade is paid, but its return could not be built");
            })
            .ok()
    });
    Ok(Paid { trade, return_to })
}

/// `return_url` with the signed return parameters of the paid `trade` appended.
fn return_url(
    world: &World,
    trade: &SandboxTrade,
    order: &[(String, String)],
    url: &str,
    charset: Charset,
    sign_type: SignType,
) -> Result<String, String> {
    let notify_id = new_notify_id(world);
    let mut params = vec![
        ("is_success".to_owned(), "T".to_owned()),
        ("notify_id".to_owned(), notify_id.clone()),
        ("notify_time".to_owned(), DateTime::now().to_string()),
    ];
    params.extend(notification::trade_rows(trade));
    params.push(("partnerId".into(), trade.partner.clone()));
    params.extend(order.iter().cloned());
    sign_as(world, &trade.partner, charset, sign_type, &mut params)?;
    let query = form::encode(&params, charset).map_err(|e| e.to_string())?;
    world.state.register_notify_id(
        &notify_id,
        &trade.partner,
        std::time::SystemTime::now(),
        world.notify_id_validity(),
    );
    let separator = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{separator}{query}"))
}
