//! `refund_fastpay_by_platform_pwd` (即时到账批量退款有密): the seller refunds paid instant-payment
//! trades in a batch, confirming it with the payment password on Alipay's page.
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

use alipay_core::types::{Amount, DateTime, TradeStatus, WireValue as _};
use alipay_core::{Charset, ErrorCode, SignType};
use alipay_services::refund_fastpay_by_platform_pwd::RefundFastpayByPlatformPwd;

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

/// The page request: checks it as Alipay does, stores the batch waiting for the seller's
/// password, and shows the confirmation page.
pub(crate) fn open(call: &Call<'_>, req: RefundFastpayByPlatformPwd) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let state = &call.world.state;
    if req
        .seller_user_id
        .as_deref()
        .is_some_and(|id| id != partner)
    {
        return Err(code("PARTNER_NOT_SIGN_PROTOCOL"));
    }
    let date = req.batch_no.get(..8).unwrap_or_default();
    if date != ymd(&DateTime::now()) {
        return Err(code("BATCH_NO_FORMAT_ERROR"));
    }
    if ymd(&req.refund_date) != date {
        return Err(code("REFUND_DATE_ERROR"));
    }
    let items = req.detail_data.items();
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|x| x.trade_no == item.trade_no) {
            return Err(code("DUBL_TRADE_NO_IN_SAME_BATCH"));
        }
        if let Some(trade) = state.trade(&item.trade_no)
            && trade.partner == partner
            && trade.status != TradeStatus::TradeSuccess
        {
            return Err(code("TRADE_STATUS_ERROR"));
        }
    }
    let detail = req.detail_data.to_wire().into_owned();
    let batch = RefundBatch {
        partner: partner.to_owned(),
        batch_no: req.batch_no.clone(),
        notify_url: req.notify_url.as_ref().map(|u| u.to_wire().into_owned()),
        detail: detail.clone(),
        charset: call.charset,
        sign_type: call.sign_type,
        outcome: None,
    };
    match state.open_refund_batch(batch.clone()) {
        Ok(None) => {}
        // The seller's browser opened the same pending batch again: the same page.
        Ok(Some(existing)) if existing.outcome.is_none() && existing.detail == detail => {}
        Ok(Some(_)) => return Err(code("DUPLICATE_BATCH_NO")),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the refund batch");
            return Err(ErrorCode::SystemError);
        }
    }
    Ok(Reply::Page(confirm_page(call.charset, &batch, &req)).into())
}

/// The page asking the seller to confirm the batch with the payment password.
fn confirm_page(charset: Charset, batch: &RefundBatch, req: &RefundFastpayByPlatformPwd) -> String {
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
        ("partner", batch.partner.as_str()),
        ("batch_no", batch.batch_no.as_str()),
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
            escape(&batch.batch_no),
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

/// The seller confirmed batch `batch_no` of `partner`: carries it out and schedules its
/// notifications.
pub(crate) fn confirm(world: &World, partner: &str, batch_no: &str) -> Confirmed {
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
        let trade = trade
            .filter(|t| t.partner == partner)
            .ok_or("NOT_THIS_PARTNERS_TRADE")?;
        if trade.status != TradeStatus::TradeSuccess {
            return Err("TRADE_STATUS_ERROR");
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
            Job {
                id: 0,
                partner: batch.partner.clone(),
                trade_no: batch.batch_no.clone(),
                notify_url: url.clone(),
                charset,
                sign_type,
                params: params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                attempts: 0,
                next_due: std::time::SystemTime::now(),
                done: false,
            },
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
