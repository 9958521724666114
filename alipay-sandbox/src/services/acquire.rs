//! Face-to-face payment (当面付, `alipay.acquire.*`): the sandbox plays the cashier's scanner, the
//! buyer's phone and Alipay.
//!
//! - `alipay.acquire.createandpay`: the buyer's payment code (`dynamic_id`) pays at once
//!   (`ORDER_SUCCESS_PAY_SUCCESS`, the trade `TRADE_SUCCESS`), except the sandbox's test codes,
//!   told by their last four digits: `…1111` waits for the buyer to confirm in the wallet
//!   (`ORDER_SUCCESS_PAY_INPROCESS`, the trade `WAIT_BUYER_PAY` until its QR page is paid or it
//!   times out), `…2222` is a buyer whose bank card is short (`ORDER_SUCCESS_PAY_FAIL`,
//!   `BUYER_BANKCARD_BALANCE_NOT_ENOUGH`, the trade closed), `…3333` is no buyer (`ORDER_FAIL`,
//!   `BUYER_NOT_EXIST`, no trade). A `product_code` outside the document's list is
//!   `UN_SUPPORT_BIZ_TYPE`.
//! - `alipay.acquire.precreate`: a trade waiting for payment and its QR code, a URL of the sandbox
//!   (`/cashier/scan?trade_no=…`) whose page plays the buyer's phone: its button pays the trade
//!   (`POST /cashier/pay`).
//! - A repeat of an `out_trade_no`: with other parameters (`total_fee`, `subject`),
//!   `CONTEXT_INCONSISTENT`; of a paid trade, `TRADE_HAS_SUCCESS`; of a closed one,
//!   `TRADE_HAS_CLOSE`; of a trade still waiting, the same answer again (the same QR code).
//! - `alipay.acquire.query`: the trade by `trade_no` (which wins) or `out_trade_no`, else `FAIL`
//!   with `TRADE_NOT_EXIST`.
//! - `alipay.acquire.cancel`: no trade, or a closed one: `SUCCESS`; waiting: closed; paid: refunded
//!   in full (the fee returned) and closed; finished or in another state: `FAIL`, `retry_flag=N`.
//! - `alipay.acquire.refund`: at most what is left of a paid trade (else `INVALID_PARAMETER`, also
//!   the answer for a trade not paid yet: the sources give no other code); a closed trade is
//!   `TRADE_HAS_CLOSE`, an unknown one `TRADE_NOT_EXIST`. `out_request_no` names
//!   the refund: a repeat answers the first result with `fund_change=N`; without it the refund
//!   must be the whole trade. A refund of the rest closes the trade.
//!
//! Every trade here is an instant payment: paying it notifies `trade_status_sync` to its
//! `notify_url` and enters the account log, as any payment does.

use alipay_core::types::{Amount, DateTime, Records, TradeStatus};
use alipay_core::{ErrorCode, Request as _};
use alipay_services::alipay_acquire_cancel::{self as cancel, AcquireCancel, CancelResult};
use alipay_services::alipay_acquire_createandpay::{
    self as pay, AcquireCreateAndPay, CreateAndPayResult, TradeFundBill,
};
use alipay_services::alipay_acquire_precreate::{self as pre, AcquirePrecreate, PrecreateResult};
use alipay_services::alipay_acquire_query::{self as query, AcquireQuery, QueryResult};
use alipay_services::alipay_acquire_refund::{self as refund, AcquireRefund, RefundResult};

use crate::model::{SandboxTrade, TradeKind};
use crate::payment::{HowPaid, pay as pay_trade};
use crate::registry::{Call, Outcome, Payload, Refusal, Reply, param};
use crate::state::{RefundBatch, TradeConflict};

/// The `product_code`s of `alipay.acquire.createandpay` the sources list.
const PRODUCT_CODES: &[&str] = &[
    "BARCODE_PAY_OFFLINE",
    "SOUNDWAVE_PAY_OFFLINE",
    "MEMBER_CARD_QR_OFFLINE",
    "FUND_TRADE_FAST_PAY",
    "FINGERPRINT_FAST_PAY",
    "GENERAL_WITHHOLDING",
];

/// The detail code's text, from the service's table.
fn text_of(table: &[alipay_core::error::CodeSpec], code: &str) -> Option<String> {
    table
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.text.to_owned())
        .filter(|t| !t.is_empty())
}

fn reply<T: alipay_core::Response>(result: &T) -> Result<Outcome, Refusal> {
    Ok(Reply::Payload(Payload::typed(result)).into())
}

/// The partner's trade by `trade_no` (which wins) or `out_trade_no`.
fn find(call: &Call<'_>, trade_no: Option<&str>, out: Option<&str>) -> Option<SandboxTrade> {
    let state = &call.world.state;
    match (trade_no, out) {
        (Some(no), _) => state.trade(no),
        (None, Some(out)) => state.trade_by_out(call.partner_id(), out),
        (None, None) => None,
    }
    .filter(|t| t.partner == call.partner_id())
}

/// The buyer's logon id as Alipay shows it, masked (`2088****1234`).
fn masked(user_id: &str) -> String {
    let tail = &user_id[user_id.len().saturating_sub(4)..];
    format!("{}****{tail}", &user_id[..user_id.len().min(4)])
}

/// What a repeat of `out_trade_no` is refused with, if it is.
fn repeat(
    existing: &SandboxTrade,
    total_fee: Amount,
    subject: &str,
    world: &crate::world::World,
) -> Option<&'static str> {
    let order = world.order(&existing.trade_no);
    let same_subject = param(&order, "subject").is_none_or(|s| s == subject);
    if existing.total_fee != total_fee || !same_subject {
        return Some("CONTEXT_INCONSISTENT");
    }
    match existing.status {
        TradeStatus::WaitBuyerPay => None,
        TradeStatus::TradeClosed => Some("TRADE_HAS_CLOSE"),
        _ => Some("TRADE_HAS_SUCCESS"),
    }
}

/// Opens a trade waiting for payment, keeping the order's rows for its notifications.
fn open(
    call: &Call<'_>,
    params: &[(String, String)],
    out_trade_no: &str,
    total_fee: Amount,
    notify_url: Option<String>,
) -> Result<Result<SandboxTrade, SandboxTrade>, Refusal> {
    let world = call.world;
    let now = DateTime::now();
    let trade = SandboxTrade {
        trade_no: String::new(),
        out_trade_no: out_trade_no.to_owned(),
        partner: call.partner_id().to_owned(),
        total_fee,
        kind: TradeKind::Instant,
        status: TradeStatus::WaitBuyerPay,
        notify_url,
        buyer_user_id: world.buyer_user_id(),
        create_time: now,
        last_modified_time: now,
        shipment: None,
    };
    match world
        .state
        .insert_trade(trade, false, || world.dated_number())
    {
        Ok(Ok(trade)) => {
            let order = params
                .iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "sign" | "service" | "partner" | "dynamic_id")
                })
                .cloned()
                .collect();
            world.remember_order(&trade.trade_no, order);
            crate::timeouts::opened(world, &trade.trade_no, params);
            Ok(Ok(trade))
        }
        // A concurrent request with the same out_trade_no won: that trade.
        Ok(Err(TradeConflict::OutTradeNo | TradeConflict::TradeNo)) => world
            .state
            .trade_by_out(call.partner_id(), out_trade_no)
            .map(Err)
            .ok_or_else(|| ErrorCode::SystemError.into()),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            Err(ErrorCode::SystemError.into())
        }
    }
}

/// `alipay.acquire.precreate`: a waiting trade and its QR code.
pub(crate) fn precreate(call: &Call<'_>, params: &[(String, String)]) -> Result<Outcome, Refusal> {
    let req = AcquirePrecreate::from_params(params).map_err(Refusal::Invalid)?;
    let failed = |code: &str| {
        reply(&PrecreateResult {
            result_code: pre::ResultCode::Fail,
            trade_no: None,
            out_trade_no: Some(req.out_trade_no.clone()),
            voucher_type: None,
            qr_code: None,
            pic_url: None,
            detail_error_code: Some(code.to_owned()),
            detail_error_des: text_of(pre::ERROR_CODES, code),
        })
    };
    let existing = call
        .world
        .state
        .trade_by_out(call.partner_id(), &req.out_trade_no);
    let trade = match existing {
        Some(t) => match repeat(&t, req.total_fee, &req.subject, call.world) {
            Some(code) => return failed(code),
            None => t,
        },
        None => {
            let url = req.notify_url.as_ref().map(|u| u.as_str().to_owned());
            match open(call, params, &req.out_trade_no, req.total_fee, url)? {
                Ok(t) | Err(t) => t,
            }
        }
    };
    reply(&PrecreateResult {
        result_code: pre::ResultCode::Success,
        trade_no: Some(trade.trade_no.clone()),
        out_trade_no: Some(trade.out_trade_no.clone()),
        voucher_type: Some("qrcode".to_owned()),
        qr_code: Some(scan_url(call, &trade.trade_no)),
        pic_url: None,
        detail_error_code: None,
        detail_error_des: None,
    })
}

/// The URL of the page that plays the buyer's phone for `trade_no`.
fn scan_url(call: &Call<'_>, trade_no: &str) -> String {
    format!(
        "http://{}/cashier/scan?trade_no={trade_no}",
        call.world.config.addr
    )
}

/// `alipay.acquire.createandpay`: the order, paid with the buyer's code.
pub(crate) fn createandpay(
    call: &Call<'_>,
    params: &[(String, String)],
) -> Result<Outcome, Refusal> {
    let req = AcquireCreateAndPay::from_params(params).map_err(Refusal::Invalid)?;
    let answer = |result_code, trade: Option<&SandboxTrade>, code: Option<&str>| {
        let paid = trade.filter(|t| t.status == TradeStatus::TradeSuccess);
        reply(&CreateAndPayResult {
            result_code,
            trade_no: trade.map(|t| t.trade_no.clone()),
            out_trade_no: Some(req.out_trade_no.clone()),
            buyer_user_id: trade.map(|t| t.buyer_user_id.clone()),
            buyer_logon_id: trade.map(|t| masked(&t.buyer_user_id)),
            total_fee: trade.map(|t| t.total_fee),
            gmt_payment: paid.map(|t| t.last_modified_time),
            detail_error_code: code.map(str::to_owned),
            detail_error_des: code.and_then(|c| text_of(pay::ERROR_CODES, c)),
            extend_info: None,
            fund_bill_list: paid.map(|t| {
                Records::from(vec![TradeFundBill {
                    amount: t.total_fee,
                    fund_channel: "00".to_owned(),
                }])
            }),
        })
    };
    if !PRODUCT_CODES.contains(&req.product_code.as_str()) {
        return answer(
            pay::ResultCode::OrderFail,
            None,
            Some("UN_SUPPORT_BIZ_TYPE"),
        );
    }
    let existing = call
        .world
        .state
        .trade_by_out(call.partner_id(), &req.out_trade_no);
    if let Some(t) = &existing {
        return match repeat(t, req.total_fee, &req.subject, call.world) {
            Some(code) => answer(pay::ResultCode::OrderFail, None, Some(code)),
            None => answer(pay::ResultCode::OrderSuccessPayInprocess, Some(t), None),
        };
    }
    let code = req.dynamic_id.as_deref().unwrap_or_default();
    if code.is_empty() || code.ends_with("3333") {
        return answer(pay::ResultCode::OrderFail, None, Some("BUYER_NOT_EXIST"));
    }
    let url = req.notify_url.as_ref().map(|u| u.as_str().to_owned());
    let trade = match open(call, params, &req.out_trade_no, req.total_fee, url)? {
        Ok(t) => t,
        // Opened meanwhile by a concurrent request: answered as a repeat.
        Err(t) => return answer(pay::ResultCode::OrderSuccessPayInprocess, Some(&t), None),
    };
    if code.ends_with("1111") {
        return answer(
            pay::ResultCode::OrderSuccessPayInprocess,
            Some(&trade),
            None,
        );
    }
    if code.ends_with("2222") {
        let now = DateTime::now();
        let closed = call
            .world
            .state
            .set_trade_status(&trade.trade_no, TradeStatus::TradeClosed, now)
            .map_err(|_| ErrorCode::SystemError)?;
        debug_assert!(closed);
        let trade = call.world.state.trade(&trade.trade_no).unwrap_or(trade);
        return answer(
            pay::ResultCode::OrderSuccessPayFail,
            Some(&trade),
            Some("BUYER_BANKCARD_BALANCE_NOT_ENOUGH"),
        );
    }
    let how = HowPaid {
        charset: call.charset,
        sign_type: call.sign_type,
        return_url: None,
        instant: false,
    };
    match pay_trade(call.world, &trade.trade_no, &how) {
        Ok(paid) => answer(
            pay::ResultCode::OrderSuccessPaySuccess,
            Some(&paid.trade),
            None,
        ),
        // Paid or timed out meanwhile: what it is now.
        Err(_) => match call.world.state.trade(&trade.trade_no) {
            Some(t) if t.status == TradeStatus::TradeSuccess => {
                answer(pay::ResultCode::OrderSuccessPaySuccess, Some(&t), None)
            }
            _ => answer(pay::ResultCode::Unknown, Some(&trade), None),
        },
    }
}

/// `alipay.acquire.query`.
pub(crate) fn query(call: &Call<'_>, req: AcquireQuery) -> Result<Outcome, ErrorCode> {
    let Some(t) = find(call, req.trade_no.as_deref(), req.out_trade_no.as_deref()) else {
        return Ok(Reply::Payload(Payload::typed(&QueryResult {
            result_code: query::ResultCode::Fail,
            trade_no: req.trade_no.clone(),
            out_trade_no: req.out_trade_no.clone(),
            buyer_user_id: None,
            buyer_logon_id: None,
            partner: None,
            trade_status: None,
            detail_error_code: Some("TRADE_NOT_EXIST".to_owned()),
            detail_error_des: None,
            fund_bill_list: None,
            total_fee: None,
            send_pay_date: None,
            extend_info_list: None,
        }))
        .into());
    };
    let status = match t.status {
        TradeStatus::WaitBuyerPay => query::TradeStatus::WaitBuyerPay,
        TradeStatus::TradeClosed => query::TradeStatus::TradeClosed,
        TradeStatus::TradeSuccess => query::TradeStatus::TradeSuccess,
        TradeStatus::TradeFinished => query::TradeStatus::TradeFinished,
        _ => query::TradeStatus::TradePending,
    };
    let paid = matches!(
        t.status,
        TradeStatus::TradeSuccess | TradeStatus::TradeFinished
    );
    Ok(Reply::Payload(Payload::typed(&QueryResult {
        result_code: query::ResultCode::Success,
        trade_no: Some(t.trade_no.clone()),
        out_trade_no: Some(t.out_trade_no.clone()),
        buyer_user_id: Some(t.buyer_user_id.clone()),
        buyer_logon_id: Some(masked(&t.buyer_user_id)),
        partner: Some(t.partner.clone()),
        trade_status: Some(status),
        detail_error_code: None,
        detail_error_des: None,
        fund_bill_list: paid.then(|| {
            Records::from(vec![TradeFundBill {
                amount: t.total_fee,
                fund_channel: "00".to_owned(),
            }])
        }),
        total_fee: Some(t.total_fee),
        send_pay_date: None,
        extend_info_list: None,
    }))
    .into())
}

/// Refunds `fen` of trade `t` at once, as a one-item batch named `batch_no` (closing the trade
/// when nothing is left). `Ok(false)` when the batch name was used before (nothing done),
/// `Err(code)` when the refund was refused.
fn refund_now(
    call: &Call<'_>,
    t: &SandboxTrade,
    batch_no: &str,
    fen: u64,
    reason: &str,
) -> Result<bool, &'static str> {
    let state = &call.world.state;
    let batch = RefundBatch {
        partner: call.partner_id().to_owned(),
        batch_no: batch_no.to_owned(),
        notify_url: None,
        detail: format!("{}^{}^{reason}", t.trade_no, Amount::from_fen(fen)),
        charset: call.charset,
        sign_type: call.sign_type,
        outcome: None,
    };
    match state.open_refund_batch(batch) {
        Ok(None) => {}
        Ok(Some(_)) => return Ok(false),
        Err(_) => return Err("SYSTEM_ERROR"),
    }
    let decide = |t: Option<&SandboxTrade>, done: u64, fen: u64| {
        let t = t.ok_or("TRADE_NOT_EXIST")?;
        match t.status {
            TradeStatus::TradeSuccess => {}
            TradeStatus::TradeClosed => return Err("TRADE_HAS_CLOSE"),
            // Not paid (yet): no source gives a code; the table's INVALID_PARAMETER.
            _ => return Err("INVALID_PARAMETER"),
        }
        let left = t.total_fee.fen().saturating_sub(done);
        if fen == 0 || fen > left {
            return Err("INVALID_PARAMETER");
        }
        Ok(if fen == left {
            TradeStatus::TradeClosed
        } else {
            TradeStatus::TradeSuccess
        })
    };
    let items = [(t.trade_no.clone(), fen)];
    let done = state
        .confirm_refund_batch(call.partner_id(), batch_no, &items, decide, DateTime::now())
        .map_err(|_| "SYSTEM_ERROR")?;
    match done {
        Ok((batch, _)) => match batch.outcome {
            Some((_, 1)) => Ok(true),
            Some((results, _)) => Err(item_code(&results)),
            None => Err("SYSTEM_ERROR"),
        },
        Err(_) => Ok(false),
    }
}

/// The code of a one-item batch's result (`trade^amount^CODE`).
fn item_code(results: &str) -> &'static str {
    let code = results.rsplit('^').next().unwrap_or_default();
    ["TRADE_NOT_EXIST", "TRADE_HAS_CLOSE", "INVALID_PARAMETER"]
        .into_iter()
        .find(|c| *c == code)
        .unwrap_or("SYSTEM_ERROR")
}

/// `alipay.acquire.cancel`.
pub(crate) fn cancel(call: &Call<'_>, req: AcquireCancel) -> Result<Outcome, ErrorCode> {
    let answer = |result_code, trade: Option<&SandboxTrade>, retry: Option<cancel::RetryFlag>| {
        Ok(Reply::Payload(Payload::typed(&CancelResult {
            result_code,
            trade_no: trade
                .map(|t| t.trade_no.clone())
                .or_else(|| req.trade_no.clone()),
            out_trade_no: trade
                .map(|t| t.out_trade_no.clone())
                .or_else(|| req.out_trade_no.clone()),
            retry_flag: retry,
            detail_error_code: None,
            detail_error_des: None,
        }))
        .into())
    };
    let Some(t) = find(call, req.trade_no.as_deref(), req.out_trade_no.as_deref()) else {
        return answer(cancel::ResultCode::Success, None, None);
    };
    match t.status {
        TradeStatus::TradeClosed => answer(cancel::ResultCode::Success, Some(&t), None),
        TradeStatus::WaitBuyerPay => {
            let closed = call
                .world
                .state
                .update_trade(&t.trade_no, |t| {
                    if t.status != TradeStatus::WaitBuyerPay {
                        return Err(t.status.clone());
                    }
                    t.status = TradeStatus::TradeClosed;
                    t.last_modified_time = DateTime::now();
                    Ok((t.clone(), true))
                })
                .ok_or(ErrorCode::SystemError)?
                .map_err(|_| ErrorCode::SystemError)?;
            match closed {
                Ok(t) => {
                    let (charset, sign_type) =
                        crate::notify_sender::trade_form(call.world, &t.trade_no);
                    crate::notify_sender::queue_status_change(call.world, &t, charset, sign_type);
                    answer(cancel::ResultCode::Success, Some(&t), None)
                }
                // Paid meanwhile: cancel again, as a paid trade.
                Err(_) => cancel(call, req.clone()),
            }
        }
        TradeStatus::TradeSuccess => {
            let done = call.world.state.refunded(&t.trade_no);
            let left = t.total_fee.fen().saturating_sub(done);
            // Named by what was refunded before: a refund made meanwhile gives the next try a
            // new batch instead of the refused one.
            let batch_no = format!("acquire-cancel:{}:{done}", t.trade_no);
            // Cancelled when the trade ends closed: refunded now, or by an earlier cancel (a
            // repeat finds its batch). Otherwise (refused, not carried out yet) try again.
            let _ = refund_now(call, &t, &batch_no, left, "撤销");
            let t = call.world.state.trade(&t.trade_no).unwrap_or(t);
            if t.status == TradeStatus::TradeClosed {
                answer(cancel::ResultCode::Success, Some(&t), None)
            } else {
                answer(
                    cancel::ResultCode::Fail,
                    Some(&t),
                    Some(cancel::RetryFlag::Y),
                )
            }
        }
        _ => answer(
            cancel::ResultCode::Fail,
            Some(&t),
            Some(cancel::RetryFlag::N),
        ),
    }
}

/// `alipay.acquire.refund`.
pub(crate) fn refund(call: &Call<'_>, req: AcquireRefund) -> Result<Outcome, ErrorCode> {
    let answer = |result_code, t: Option<&SandboxTrade>, code: Option<&str>, change| {
        Ok(Reply::Payload(Payload::typed(&RefundResult {
            buyer_logon_id: t.map(|t| masked(&t.buyer_user_id)),
            buyer_user_id: t.map(|t| t.buyer_user_id.clone()),
            detail_error_code: code.map(str::to_owned),
            detail_error_des: code.and_then(|c| text_of(refund::ERROR_CODES, c)),
            fund_change: change,
            gmt_refund_pay: change.map(|_| DateTime::now()),
            out_trade_no: t
                .map(|t| t.out_trade_no.clone())
                .or_else(|| req.out_trade_no.clone()),
            refund_fee: change.map(|_| req.refund_amount),
            result_code,
            trade_no: t
                .map(|t| t.trade_no.clone())
                .or_else(|| req.trade_no.clone()),
        }))
        .into())
    };
    let Some(t) = find(call, req.trade_no.as_deref(), req.out_trade_no.as_deref()) else {
        return answer(
            refund::ResultCode::Fail,
            None,
            Some("TRADE_NOT_EXIST"),
            None,
        );
    };
    // Without out_request_no the refund is of the whole trade, named by its out_trade_no.
    let request_no = match &req.out_request_no {
        Some(no) => no.clone(),
        None if req.refund_amount == t.total_fee => t.out_trade_no.clone(),
        None => {
            return answer(
                refund::ResultCode::Fail,
                Some(&t),
                Some("INVALID_PARAMETER"),
                None,
            );
        }
    };
    let batch_no = format!("acquire-refund:{}:{request_no}", t.trade_no);
    // A repeat of a refund made: its first result, no money moved.
    if let Some(done) = call.world.state.refund_batch(call.partner_id(), &batch_no) {
        return match done.outcome {
            Some((_, 1)) => answer(
                refund::ResultCode::Success,
                Some(&t),
                None,
                Some(refund::FundChange::N),
            ),
            Some((results, _)) => answer(
                refund::ResultCode::Fail,
                Some(&t),
                Some(item_code(&results)),
                None,
            ),
            None => answer(refund::ResultCode::Unknown, Some(&t), None, None),
        };
    }
    let reason = req
        .refund_reason
        .as_deref()
        .unwrap_or("退款")
        .replace(['^', '|', '$', '#'], " ");
    match refund_now(call, &t, &batch_no, req.refund_amount.fen(), &reason) {
        Ok(true) => {
            let t = call.world.state.trade(&t.trade_no).unwrap_or(t);
            answer(
                refund::ResultCode::Success,
                Some(&t),
                None,
                Some(refund::FundChange::Y),
            )
        }
        // Made meanwhile by the same request: its result.
        Ok(false) => refund(call, req.clone()),
        Err(code) => answer(refund::ResultCode::Fail, Some(&t), Some(code), None),
    }
}
