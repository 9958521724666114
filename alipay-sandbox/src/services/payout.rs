//! `batch_trans_notify` (批量付款到支付宝账户有密): the partner pays many sandbox accounts in one
//! batch, confirming it with the payment password on Alipay's page.
//!
//! Accounts: the payer is the account named by `buyer_account_name`, else `email`. A login the
//! sandbox does not know yet becomes the partner's own account on first use (holder
//! `account_name`, user id the partner's, an opening balance of [`OPENING_BALANCE_FEN`] fen);
//! another partner's account, or a partner id as the login, is refused (`PAYER_USERINFO_NOT_EXIST`). Receivers are the accounts
//! created with [`Admin::create_account`](crate::Admin::create_account).
//!
//! The page request is checked before the page is shown (the declaration checked the table's
//! rules: the count and the total against the items, the formats): the batch number is new for the
//! partner (`BATCH_OUT_BIZ_NO_DUPLICATE`), `pay_date` is today in Beijing (`ILLEGAL_ARGUMENT`: no
//! source names the code), no two items share a serial number (`DETAIL_OUT_BIZ_NO_REPEATE`).
//! Confirming (`POST /cashier/payout`, the same password as refunds) pays item by item: an unknown
//! receiver is `RECEIVE_USER_NOT_EXIST`, a name that is not the holder's `ACCOUN_NAME_NOT_MATCH`
//! (Alipay's spelling), the payer itself `TXN_RESULT_TRANSFER_OUT_CAN_NOT_EQUAL_IN`, a payer short of
//! the amount `TRANSFER_AMOUNT_NOT_ENOUGH`; the others move the amount from the payer to the
//! receiver (money is conserved). The outcome goes to `notify_url` as `batch_trans_notify`
//! (`success_details` / `fail_details`, each item followed by `|`).

use alipay_core::types::{CompactTime, DateTime, WireValue as _};
use alipay_core::{Charset, ErrorCode};
use alipay_services::batch_trans_notify::BatchTransNotify;

use super::page::{escape, hidden_inputs, html};
use crate::notify_sender::queue;
use crate::registry::{Call, Outcome, Reply};
use crate::state::{Account, Job, PayoutBatch, PayoutItem};
use crate::world::World;

/// The opening balance of a partner's paying account, in fen (1,000,000.00 yuan).
pub(crate) const OPENING_BALANCE_FEN: u64 = 100_000_000;

fn code(name: &str) -> ErrorCode {
    ErrorCode::from_code(name)
}

/// The page request: checks the batch, stores it waiting for the payer's password, and shows the
/// confirmation page.
pub(crate) fn open(call: &Call<'_>, req: BatchTransNotify) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let state = &call.world.state;
    let today = &DateTime::now().to_string()[..10].replace('-', "");
    if &req.pay_date != today {
        return Err(ErrorCode::IllegalArgument);
    }
    let items = req.detail_data.items();
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|x| x.serial == item.serial) {
            return Err(code("DETAIL_OUT_BIZ_NO_REPEATE"));
        }
    }
    let payer = req
        .buyer_account_name
        .clone()
        .or_else(|| req.email.clone())
        .ok_or(ErrorCode::IllegalArgument)?;
    // A partner id names a partner's own account in the account log, never a payout account.
    if state.partner(&payer).is_some() {
        return Err(code("PAYER_USERINFO_NOT_EXIST"));
    }
    match state.account(&payer) {
        Some(account) if account.user_id != partner => {
            return Err(code("PAYER_USERINFO_NOT_EXIST"));
        }
        Some(_) => {}
        None => {
            let account = Account {
                logon: payer.clone(),
                name: req.account_name.clone(),
                user_id: partner.to_owned(),
                balance_fen: OPENING_BALANCE_FEN,
            };
            state.put_account(account).map_err(|e| {
                tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the account");
                ErrorCode::SystemError
            })?;
        }
    }
    let batch = PayoutBatch {
        partner: partner.to_owned(),
        batch_no: req.batch_no.clone(),
        payer,
        notify_url: req.notify_url.as_ref().map(|u| u.to_wire().into_owned()),
        detail: req.detail_data.to_wire().into_owned(),
        charset: call.charset,
        sign_type: call.sign_type,
        outcome: None,
    };
    match state.open_payout_batch(batch.clone()) {
        Ok(None) => {}
        Ok(Some(existing)) if existing.outcome.is_none() && existing.detail == batch.detail => {}
        Ok(Some(_)) => return Err(code("BATCH_OUT_BIZ_NO_DUPLICATE")),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the payout batch");
            return Err(ErrorCode::SystemError);
        }
    }
    Ok(Reply::Page(confirm_page(call.charset, partner, &req)).into())
}

/// The page asking the payer to confirm the batch with the payment password.
fn confirm_page(charset: Charset, partner: &str, req: &BatchTransNotify) -> String {
    let rows: String = req
        .detail_data
        .items()
        .iter()
        .map(|item| {
            format!(
                "<tr><td>{}</td><td class=\"account\">{}</td><td>{}</td><td class=\"amount\">{}</td><td>{}</td></tr>\n",
                escape(&item.serial),
                escape(&item.account),
                escape(&item.name),
                item.amount,
                escape(&item.remark)
            )
        })
        .collect();
    let hidden = hidden_inputs(&[
        ("partner", partner),
        ("batch_no", req.batch_no.as_str()),
        ("_input_charset", charset.as_str()),
    ]);
    html(
        charset.as_str(),
        "支付宝沙箱 - 批量付款",
        &format!(
            "<h1>批量付款</h1>\n<p class=\"service\">批次号 <code id=\"batch_no\">{}</code>，\
             共 <span id=\"batch_num\">{}</span> 笔，<span id=\"batch_fee\">{}</span> 元</p>\n\
             <table id=\"detail\"><tr><th>流水号</th><th>收款账号</th><th>姓名</th><th>金额</th><th>备注</th></tr>\n{rows}</table>\n\
             <form id=\"payout\" method=\"post\" action=\"/cashier/payout\">{hidden}\
             <label>支付密码 <input type=\"password\" name=\"password\" id=\"password\"/></label>\
             <div class=\"actions\"><button type=\"submit\" class=\"primary\">确认付款</button></div></form>\n\
             <p class=\"service\">沙箱付款账户的支付密码是 {}。</p>",
            escape(&req.batch_no),
            req.detail_data.len(),
            req.batch_fee,
            super::refund::SELLER_PASSWORD
        ),
    )
}

/// What confirming a payout batch did.
#[derive(Debug)]
pub(crate) enum PaidOut {
    /// Carried out now, or before: `success_details` and `fail_details`.
    Done(String, String),
    /// No such pending or finished batch of the partner.
    NoBatch,
    /// The state could not be written: nothing changed.
    Failed,
}

/// The payer confirmed batch `batch_no` of `partner`: pays it and schedules its notification.
pub(crate) fn confirm(world: &World, partner: &str, batch_no: &str) -> PaidOut {
    let Some(batch) = world.state.payout_batch(partner, batch_no) else {
        return PaidOut::NoBatch;
    };
    if let Some((success, fail)) = batch.outcome {
        return PaidOut::Done(success, fail);
    }
    // The detail was checked by the declaration when the batch was opened.
    let Ok(items) = batch
        .detail
        .parse::<alipay_core::types::Items<alipay_services::batch_trans_notify::PayoutDetail, '|'>>(
        )
    else {
        return PaidOut::Failed;
    };
    let items = items.into_items();
    let moves: Vec<PayoutItem> = items
        .iter()
        .map(|i| PayoutItem {
            receiver: i.account.clone(),
            serial: i.serial.clone(),
            remark: i.remark.clone(),
        })
        .collect();
    let finished = CompactTime::now().to_string();
    let decide = |i: usize, payer: &Account, receiver: Option<&Account>| {
        let item = &items[i];
        let receiver = receiver.ok_or("RECEIVE_USER_NOT_EXIST")?;
        if receiver.name != item.name {
            return Err("ACCOUN_NAME_NOT_MATCH");
        }
        if receiver.logon == payer.logon {
            return Err("TXN_RESULT_TRANSFER_OUT_CAN_NOT_EQUAL_IN");
        }
        let fen = item.amount.fen();
        if payer.balance_fen < fen {
            return Err("TRANSFER_AMOUNT_NOT_ENOUGH");
        }
        Ok(fen)
    };
    let write = |i: usize, result: Result<(), &'static str>| {
        let item = &items[i];
        let (flag, reason) = match result {
            Ok(()) => ("S", ""),
            Err(code) => ("F", code),
        };
        format!(
            "{}^{}^{}^{}^{flag}^{reason}^{}^{finished}|",
            item.serial,
            item.account,
            item.name,
            item.amount,
            world.dated_number()
        )
    };
    match world
        .state
        .confirm_payout_batch(partner, batch_no, &moves, decide, write)
    {
        Ok(Some(done)) => {
            notify(world, &done);
            let (success, fail) = done.outcome.unwrap_or_default();
            PaidOut::Done(success, fail)
        }
        // Confirmed meanwhile by another request: its outcome.
        Ok(None) => match world.state.payout_batch(partner, batch_no) {
            Some(PayoutBatch {
                outcome: Some((success, fail)),
                ..
            }) => PaidOut::Done(success, fail),
            _ => PaidOut::NoBatch,
        },
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", batch_no, error = %e, "cannot carry out the payout batch");
            PaidOut::Failed
        }
    }
}

/// Schedules `batch_trans_notify` to the batch's `notify_url`.
fn notify(world: &World, batch: &PayoutBatch) {
    let (Some(url), Some((success, fail))) = (&batch.notify_url, &batch.outcome) else {
        return;
    };
    let payer = world.state.account(&batch.payer);
    let (user_id, name) = payer
        .map(|a| (a.user_id, a.name))
        .unwrap_or_else(|| (batch.partner.clone(), String::new()));
    let mut params = vec![
        ("notify_type".to_owned(), "batch_trans_notify".to_owned()),
        ("batch_no".to_owned(), batch.batch_no.clone()),
        ("pay_user_id".to_owned(), user_id.clone()),
        ("pay_user_name".to_owned(), name),
        ("pay_account_no".to_owned(), format!("{user_id}0156")),
    ];
    if !success.is_empty() {
        params.push(("success_details".to_owned(), success.clone()));
    }
    if !fail.is_empty() {
        params.push(("fail_details".to_owned(), fail.clone()));
    }
    queue(
        world,
        Job::due_now(
            &batch.partner,
            &batch.batch_no,
            url,
            (batch.charset, batch.sign_type),
            params,
        ),
    );
}
