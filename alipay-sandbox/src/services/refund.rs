//! Batch refunds: `refund_fastpay_by_platform_pwd` (即时到账批量退款有密), where the seller confirms
//! the batch with the payment password on Alipay's page, and `refund_fastpay_by_platform_nopwd`
//! (无密), carried out at once and answered `T` (its refusals are `F` envelopes; its items'
//! codes differ where its table has its own: `TRADE_NOT_EXISTS` for an unknown trade,
//! `TRADE_HAS_CLOSED` / `TRADE_HAS_FINISHED`, and a trade's state is never refused for the whole
//! batch).
//!
//! The page request is checked as Alipay's usage rules say, and a refusal is Alipay's error page
//! (HTML): the seller must be the partner (`seller_user_id`, when given; else `seller_email` is
//! taken as the partner's), `batch_no` starts with today's date in Beijing
//! (`BATCH_NO_FORMAT_ERROR`), `refund_date` is on that date (`REFUND_DATE_ERROR`), the batch
//! refunds each trade once (`DUBL_TRADE_NO_IN_SAME_BATCH`), each of the partner's trades it names
//! may be refunded (`TRADE_SUCCESS`, else `TRADE_STATUS_ERROR`), and the partner has not used the
//! batch number (`DUPLICATE_BATCH_NO`; opening the same pending batch again shows its page again).
//! The table's own rules (the batch number's shape, `batch_num` = the item count, the reasons'
//! characters) were checked before, by the declaration.
//!
//! The page lists the batch and asks for the seller's payment password ([`SELLER_PASSWORD`] for
//! every sandbox seller). Confirming (`POST /cashier/refund`) carries the batch out at once, item by
//! item: a trade that is not the partner's is `NOT_THIS_PARTNERS_TRADE`, one no longer refundable
//! `TRADE_STATUS_ERROR`, an amount of zero or more than what is left to refund
//! `REFUND_AMOUNT_NOT_VALID` (never more than was paid, over any number of batches); the others
//! are refunded. A trade refunded in full is closed (`TRADE_CLOSED`); a part leaves it
//! `TRADE_SUCCESS`. The outcome goes to `notify_url` as `batch_refund_notify` (`batch_no`,
//! `success_num`, `result_details` = `trade_no^amount^SUCCESS` or the item's code, joined by `#`),
//! and each refunded trade's `trade_status_sync` notification carries `refund_status=REFUND_SUCCESS`
//! and `gmt_refund`, as Alipay's usage rules say. A batch is carried out once: confirming it again
//! shows its outcome.

use alipay_core::types::{Amount, DateTime, HttpUrl, Items, TradeStatus, WireValue as _};
use alipay_core::{Charset, ErrorCode, SignType};
use alipay_services::refund_fastpay_by_platform_nopwd::RefundFastpayByPlatformNopwd;
use alipay_services::refund_fastpay_by_platform_pwd::{RefundDetail, RefundFastpayByPlatformPwd};

use super::page::{escape, hidden_inputs, html};
use crate::model::SandboxTrade;
use crate::notify_sender::queue;
use crate::registry::{Call, Outcome, Reply};
use crate::state::{Job, RefundBatch};
use crate::world::World;

/// The payment password of every sandbox seller, typed on the refund page.
pub(crate) const SELLER_PASSWORD: &str = "123456";

fn code(name: &str) -> ErrorCode {
    ErrorCode::from_code(name)
}

/// `yyyyMMdd` of a date-time.
fn ymd(time: &DateTime) -> String {
    time.to_string()[..10].replace('-', "")
}

/// What a batch request says, whichever service sent it.
struct BatchRequest<'a> {
    seller_user_id: Option<&'a str>,
    batch_no: &'a str,
    refund_date: &'a DateTime,
    detail: &'a Items<RefundDetail, '#'>,
    notify_url: Option<&'a HttpUrl>,
}

/// Checks a batch as Alipay does before taking it, and stores it pending. `Ok(false)`: the same
/// pending batch was opened before (the password page shows it again).
fn take(call: &Call<'_>, req: &BatchRequest<'_>, password: bool) -> Result<bool, ErrorCode> {
    let partner = call.partner_id();
    let state = &call.world.state;
    if req.seller_user_id.is_some_and(|id| id != partner) {
        return Err(code("PARTNER_NOT_SIGN_PROTOCOL"));
    }
    let date = req.batch_no.get(..8).unwrap_or_default();
    if date != ymd(&DateTime::now()) {
        return Err(code("BATCH_NO_FORMAT_ERROR"));
    }
    if ymd(req.refund_date) != date {
        return Err(code("REFUND_DATE_ERROR"));
    }
    let items = req.detail.items();
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|x| x.trade_no == item.trade_no) {
            return Err(code("DUBL_TRADE_NO_IN_SAME_BATCH"));
        }
        // The password service refuses on its page; the other one answers per item.
        if password
            && let Some(trade) = state.trade(&item.trade_no)
            && trade.partner == partner
            && trade.status != TradeStatus::TradeSuccess
        {
            return Err(code("TRADE_STATUS_ERROR"));
        }
    }
    let detail = req.detail.to_wire().into_owned();
    let batch = RefundBatch {
        partner: partner.to_owned(),
        batch_no: req.batch_no.to_owned(),
        notify_url: req.notify_url.map(|u| u.to_wire().into_owned()),
        detail: detail.clone(),
        charset: call.charset,
        sign_type: call.sign_type,
        outcome: None,
    };
    match state.open_refund_batch(batch) {
        Ok(None) => Ok(true),
        Ok(Some(existing))
            if password && existing.outcome.is_none() && existing.detail == detail =>
        {
            Ok(false)
        }
        Ok(Some(_)) => Err(code("DUPLICATE_BATCH_NO")),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the refund batch");
            Err(ErrorCode::SystemError)
        }
    }
}

/// `refund_fastpay_by_platform_pwd`: checks the batch as Alipay does, stores it waiting for the
/// seller's password, and shows the confirmation page.
pub(crate) fn open(call: &Call<'_>, req: RefundFastpayByPlatformPwd) -> Result<Outcome, ErrorCode> {
    take(
        call,
        &BatchRequest {
            seller_user_id: req.seller_user_id.as_deref(),
            batch_no: &req.batch_no,
            refund_date: &req.refund_date,
            detail: &req.detail_data,
            notify_url: req.notify_url.as_ref(),
        },
        true,
    )?;
    Ok(Reply::Page(confirm_page(call.charset, call.partner_id(), &req)).into())
}

/// `refund_fastpay_by_platform_nopwd`: checks the batch as Alipay does and carries it out at once
/// (`T`: taken; the items' outcome is in the notification).
pub(crate) fn nopwd(
    call: &Call<'_>,
    req: RefundFastpayByPlatformNopwd,
) -> Result<Outcome, ErrorCode> {
    take(
        call,
        &BatchRequest {
            seller_user_id: None,
            batch_no: &req.batch_no,
            refund_date: &req.refund_date,
            detail: &req.detail_data,
            notify_url: req.notify_url.as_ref(),
        },
        false,
    )?;
    match confirm(call.world, call.partner_id(), &req.batch_no, false) {
        Confirmed::Done(..) | Confirmed::Already(..) => Ok(Reply::Plain.into()),
        Confirmed::NoBatch | Confirmed::Failed => Err(ErrorCode::SystemError),
    }
}

/// The page asking the seller to confirm the batch with the payment password.
fn confirm_page(charset: Charset, partner: &str, req: &RefundFastpayByPlatformPwd) -> String {
    let mut rows = String::new();
    for item in req.detail_data.items() {
        rows += &format!(
            "<tr><td class=\"trade_no\">{}</td><td class=\"amount\">{}</td><td>{}</td></tr>\n",
            escape(&item.trade_no),
            item.amount,
            escape(&item.reason)
        );
    }
    let hidden = hidden_inputs(&[
        ("partner", partner),
        ("batch_no", req.batch_no.as_str()),
        ("_input_charset", charset.as_str()),
    ]);
    html(
        charset.as_str(),
        "支付宝沙箱 - 批量退款",
        &format!(
            "<h1>批量退款</h1>\n<p class=\"service\">批次号 <code id=\"batch_no\">{}</code>，\
             共 <span id=\"batch_num\">{}</span> 笔</p>\n\
             <table id=\"detail\"><tr><th>交易号</th><th>退款金额</th><th>退款理由</th></tr>\n{rows}</table>\n\
             <form id=\"refund\" method=\"post\" action=\"/cashier/refund\">{hidden}\
             <label>支付密码 <input type=\"password\" name=\"password\" id=\"password\"/></label>\
             <div class=\"actions\"><button type=\"submit\" class=\"primary\">确认退款</button></div></form>\n\
             <p class=\"service\">沙箱卖家的支付密码是 {SELLER_PASSWORD}。</p>",
            escape(&req.batch_no),
            req.detail_data.len()
        ),
    )
}

/// What confirming a batch did.
#[derive(Debug)]
pub(crate) enum Confirmed {
    /// Carried out now: `result_details` and `success_num`.
    Done(String, u32),
    /// Carried out before: its outcome, unchanged.
    Already(String, u32),
    /// No such batch of the partner.
    NoBatch,
    /// The state could not be written: nothing changed.
    Failed,
}

/// Carries out batch `batch_no` of `partner` (the seller confirmed it with the password, or it
/// came by the password-less service, whose item codes differ) and schedules its notifications.
pub(crate) fn confirm(world: &World, partner: &str, batch_no: &str, password: bool) -> Confirmed {
    let Some(batch) = world.state.refund_batch(partner, batch_no) else {
        return Confirmed::NoBatch;
    };
    if let Some((results, n)) = batch.outcome {
        return Confirmed::Already(results, n);
    }
    // The detail was checked by the declaration when the batch was opened.
    let items: Vec<(String, u64)> = batch
        .detail
        .split('#')
        .filter_map(|item| {
            let mut fields = item.split('^');
            let trade_no = fields.next()?.to_owned();
            let amount = fields.next()?.parse::<Amount>().ok()?;
            Some((trade_no, amount.fen()))
        })
        .collect();
    let now = DateTime::now();
    let decide = |trade: Option<&SandboxTrade>, done: u64, fen: u64| {
        let trade = match trade {
            Some(t) if t.partner == partner => t,
            None if !password => return Err("TRADE_NOT_EXISTS"),
            _ => return Err("NOT_THIS_PARTNERS_TRADE"),
        };
        match trade.status {
            TradeStatus::TradeSuccess => {}
            TradeStatus::TradeClosed if !password => return Err("TRADE_HAS_CLOSED"),
            TradeStatus::TradeFinished if !password => return Err("TRADE_HAS_FINISHED"),
            _ => return Err("TRADE_STATUS_ERROR"),
        }
        let left = trade.total_fee.fen().saturating_sub(done);
        if fen == 0 || fen > left {
            return Err("REFUND_AMOUNT_NOT_VALID");
        }
        Ok(if fen == left {
            TradeStatus::TradeClosed
        } else {
            TradeStatus::TradeSuccess
        })
    };
    match world
        .state
        .confirm_refund_batch(partner, batch_no, &items, decide, now)
    {
        Ok(Ok((batch, refunded))) => {
            let (results, n) = batch.outcome.clone().unwrap_or_default();
            notify(world, &batch, &refunded, &now);
            Confirmed::Done(results, n)
        }
        Ok(Err(Some(other))) => match other.outcome {
            Some((results, n)) => Confirmed::Already(results, n),
            None => Confirmed::Failed,
        },
        Ok(Err(None)) => Confirmed::NoBatch,
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", batch_no, error = %e, "cannot carry out the refund batch");
            Confirmed::Failed
        }
    }
}

/// Schedules `batch_refund_notify` to the batch's `notify_url` and each refunded trade's status
/// notification with its refund rows.
fn notify(world: &World, batch: &RefundBatch, refunded: &[SandboxTrade], now: &DateTime) {
    let (charset, sign_type): (Charset, SignType) = (batch.charset, batch.sign_type);
    if let (Some(url), Some((results, n))) = (&batch.notify_url, &batch.outcome) {
        let params = [
            ("notify_type", "batch_refund_notify".to_owned()),
            ("batch_no", batch.batch_no.clone()),
            ("success_num", n.to_string()),
            ("result_details", results.clone()),
        ];
        queue(
            world,
            Job::due_now(
                &batch.partner,
                &batch.batch_no,
                url,
                (charset, sign_type),
                params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            ),
        );
    }
    for trade in refunded.iter().filter(|t| t.notify_url.is_some()) {
        let mut job =
            crate::notification::status_change(trade, world.order_rows(trade), charset, sign_type);
        job.params
            .push(("refund_status".into(), "REFUND_SUCCESS".into()));
        job.params.push(("gmt_refund".into(), now.to_string()));
        queue(world, job);
    }
}
