//! `account.page.query`: one page of the calling partner's account log ([`crate::LedgerEntry`],
//! kept by the state for every payment, fee, refund and payout).
//!
//! Which log: the partner's own account (named by the partner id), or with `logon_id` a payout
//! account the partner holds (`ACCOUNT_NOT_EXIST` for an unknown login, `ACCESS_ACCOUNT_DENIED`
//! for another holder's). Which entries: the one with `iw_account_log_id`, else those of
//! `trade_no` (a trade, or a payout batch number), else of `merchant_out_order_no` (an order
//! number, or a payout item's serial), else of `deposit_bank_no` (never: the sandbox has no bank
//! top-ups), else those in `[gmt_start_time, gmt_end_time)`; then of the `trans_code`s given; in
//! the order they were made. `page_size` is 5000 when absent or larger.
//!
//! Alipay's own codes come before the table's checks, in this order (the document does not give
//! one): `ILLEGAL_PAGE_NO`, `ILLEGAL_PAGE_SIZE`, `ILLEGAL_ACCOUNT_LOG_ID`, `ILLEGAL_TRANS_CODE`
//! (a code outside the document's six), then, without an id: `REQUIRED_DATE`,
//! `ILLEGAL_DATE_FORMAT`, `START_DATE_AFTER_END_DATE`, `ILLEGAL_DATE_TOO_LONG` (more than a day),
//! `START_DATE_AFTER_NOW`, `START_DATE_OUT_OF_RANGE` (more than three years back).

use alipay_core::ErrorCode;
use alipay_core::service::Request as _;
use alipay_core::types::{Amount, DateTime, Records};
use alipay_services::account_page_query::{
    AccountLog, AccountPageQuery, AccountPageQueryResult, HasNextPage,
};

use crate::registry::{Call, Outcome, Payload, Refusal, Reply, param};
use crate::state::{LedgerEntry, Movement};

/// The transaction type codes of the document's §7.3.
const TRANS_CODES: &[&str] = &["3011", "3012", "4003", "5004", "5103", "6001"];

/// The most records a page holds, and the page size when none or a larger one is asked.
const MAX_PAGE_SIZE: u32 = 5000;

fn code(name: &str) -> ErrorCode {
    ErrorCode::from_code(name)
}

/// The service: Alipay's own checks, the table's, then the page.
pub(crate) fn query(call: &Call<'_>, params: &[(String, String)]) -> Result<Outcome, Refusal> {
    precheck(params, DateTime::now())?;
    let request = AccountPageQuery::from_params(params).map_err(Refusal::Invalid)?;
    page(call, &request).map_err(Refusal::Code)
}

fn positive(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.bytes().any(|b| b != b'0')
}

/// The checks Alipay answers with the service's own codes (module docs).
fn precheck(params: &[(String, String)], now: DateTime) -> Result<(), ErrorCode> {
    let get = |name: &str| param(params, name).filter(|v| !v.is_empty());
    if !get("page_no").is_some_and(positive) {
        return Err(code("ILLEGAL_PAGE_NO"));
    }
    if get("page_size").is_some_and(|s| !positive(s)) {
        return Err(code("ILLEGAL_PAGE_SIZE"));
    }
    if get("iw_account_log_id").is_some_and(|s| !positive(s)) {
        return Err(code("ILLEGAL_ACCOUNT_LOG_ID"));
    }
    if get("trans_code").is_some_and(|s| s.split(',').any(|c| !TRANS_CODES.contains(&c))) {
        return Err(code("ILLEGAL_TRANS_CODE"));
    }
    let by_id = [
        "iw_account_log_id",
        "trade_no",
        "merchant_out_order_no",
        "deposit_bank_no",
    ]
    .iter()
    .any(|n| get(n).is_some());
    if by_id {
        return Ok(());
    }
    let (Some(start), Some(end)) = (get("gmt_start_time"), get("gmt_end_time")) else {
        return Err(code("REQUIRED_DATE"));
    };
    let (Ok(start), Ok(end)) = (DateTime::parse(start), DateTime::parse(end)) else {
        return Err(code("ILLEGAL_DATE_FORMAT"));
    };
    let seconds = |t: DateTime| t.to_offset_date_time().unix_timestamp();
    if start > end {
        return Err(code("START_DATE_AFTER_END_DATE"));
    }
    if seconds(end) - seconds(start) > 24 * 3600 {
        return Err(code("ILLEGAL_DATE_TOO_LONG"));
    }
    if start > now {
        return Err(code("START_DATE_AFTER_NOW"));
    }
    // Three years of 365 days and a leap day.
    if seconds(now) - seconds(start) > (3 * 365 + 1) * 24 * 3600 {
        return Err(code("START_DATE_OUT_OF_RANGE"));
    }
    Ok(())
}

/// The page the request asks for.
fn page(call: &Call<'_>, req: &AccountPageQuery) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let state = &call.world.state;
    let account = match &req.logon_id {
        None => partner.to_owned(),
        Some(logon) => match state.account(logon) {
            None if logon == partner => partner.to_owned(),
            None => return Err(code("ACCOUNT_NOT_EXIST")),
            Some(a) if a.user_id != partner => return Err(code("ACCESS_ACCOUNT_DENIED")),
            Some(a) => a.logon,
        },
    };
    let codes: Option<Vec<&str>> = req.trans_code.as_deref().map(|c| c.split(',').collect());
    let log_id = req
        .iw_account_log_id
        .as_deref()
        .map(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    let selected = |e: &LedgerEntry| {
        let by_id = if let Some(id) = log_id {
            e.id == id
        } else if let Some(no) = &req.trade_no {
            &e.trade_no == no
        } else if let Some(out) = &req.merchant_out_order_no {
            e.merchant_out_order_no.as_ref() == Some(out)
        } else if req.deposit_bank_no.is_some() {
            false
        } else {
            // Both are there: the precheck refused a request without them.
            req.gmt_start_time.is_some_and(|s| e.time >= s)
                && req.gmt_end_time.is_some_and(|end| e.time < end)
        };
        by_id
            && e.account == account
            && codes
                .as_ref()
                .is_none_or(|c| c.contains(&e.movement.trans_code()))
    };
    let entries: Vec<LedgerEntry> = state
        .ledger(Some(partner))
        .into_iter()
        .filter(|e| selected(e))
        .collect();
    let size = req
        .page_size
        .filter(|&s| s <= MAX_PAGE_SIZE)
        .unwrap_or(MAX_PAGE_SIZE);
    let skip = usize::try_from(u64::from(req.page_no.saturating_sub(1)) * u64::from(size))
        .unwrap_or(usize::MAX);
    let records: Vec<AccountLog> = entries
        .iter()
        .skip(skip)
        .take(size as usize)
        .map(|e| record(call, e))
        .collect();
    let has_next = entries.len() > skip.saturating_add(size as usize);
    let result = AccountPageQueryResult {
        account_log_list: (!records.is_empty()).then(|| Records::from(records)),
        has_next_page: if has_next {
            HasNextPage::T
        } else {
            HasNextPage::F
        },
        page_no: Some(req.page_no),
        page_size: Some(size),
    };
    Ok(Reply::Payload(Payload::typed(&result)).into())
}

/// A user id's RMB funds account number (the id and `0156`, as in every answer seen).
fn funds_account(user_id: &str) -> String {
    format!("{user_id}0156")
}

/// The record of entry `e`.
fn record(call: &Call<'_>, e: &LedgerEntry) -> AccountLog {
    let state = &call.world.state;
    let trade = match e.movement {
        Movement::PayoutSent | Movement::PayoutReceived => None,
        _ => state.trade(&e.trade_no),
    };
    let subject = trade.as_ref().and_then(|t| {
        let order = call.world.order_rows(t);
        param(&order, "subject").map(str::to_owned)
    });
    let payout = trade.is_none();
    AccountLog {
        balance: Some(Amount::from_fen(e.balance_fen)),
        income: Some(Amount::from_fen(e.income_fen)),
        outcome: Some(Amount::from_fen(e.outcome_fen)),
        trans_date: Some(e.time),
        sub_trans_code_msg: Some(e.movement.sub_trans_code_msg().to_owned()),
        trans_code_msg: Some(e.movement.trans_code_msg().to_owned()),
        merchant_out_order_no: e.merchant_out_order_no.clone(),
        trans_out_order_no: None,
        bank_name: None,
        bank_account_no: None,
        bank_account_name: None,
        memo: e.memo.clone(),
        buyer_account: trade.as_ref().map(|t| funds_account(&t.buyer_user_id)),
        seller_account: trade.as_ref().map(|t| funds_account(&t.partner)),
        seller_fullname: None,
        currency: Some("156".to_owned()),
        deposit_bank_no: None,
        goods_title: subject,
        iw_account_log_id: Some(e.id.to_string()),
        trans_account: Some(funds_account(&e.owner)),
        other_account_email: e.other.clone().filter(|_| payout),
        other_account_fullname: None,
        other_user_id: e.other.clone().filter(|_| !payout),
        partner_id: Some(call.partner_id().to_owned()),
        service_fee: None,
        service_fee_ratio: None,
        total_fee: e.total_fee_fen.map(Amount::from_fen),
        trade_no: Some(e.trade_no.clone()),
        trade_refund_amount: trade
            .as_ref()
            .map(|t| Amount::from_fen(state.refunded(&t.trade_no))),
        sign_product_name: None,
        rate: (e.movement == Movement::Fee)
            .then(|| format!("{}", crate::FEE_RATE_PER_MILLE as f64 / 1000.0)),
        ext_info: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn prechecks_answer_the_service_s_codes() {
        let now = DateTime::parse("2026-12-05 12:00:00").unwrap();
        let day = [
            ("page_no", "1"),
            ("gmt_start_time", "2026-12-04 12:00:00"),
            ("gmt_end_time", "2026-12-05 12:00:00"),
        ];
        assert_eq!(precheck(&params(&day), now), Ok(()));
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("page_no", "0")], "ILLEGAL_PAGE_NO"),
            (&[("page_no", "x")], "ILLEGAL_PAGE_NO"),
            (&[("page_no", "1"), ("page_size", "0")], "ILLEGAL_PAGE_SIZE"),
            (
                &[("page_no", "1"), ("iw_account_log_id", "-3")],
                "ILLEGAL_ACCOUNT_LOG_ID",
            ),
            (
                &[
                    ("page_no", "1"),
                    ("trade_no", "1"),
                    ("trans_code", "6001,9999"),
                ],
                "ILLEGAL_TRANS_CODE",
            ),
            (&[("page_no", "1")], "REQUIRED_DATE"),
            (
                &[
                    ("page_no", "1"),
                    ("gmt_start_time", "2026-12-04"),
                    ("gmt_end_time", "2026-12-05 00:00:00"),
                ],
                "ILLEGAL_DATE_FORMAT",
            ),
            (
                &[
                    ("page_no", "1"),
                    ("gmt_start_time", "2026-12-05 00:00:01"),
                    ("gmt_end_time", "2026-12-05 00:00:00"),
                ],
                "START_DATE_AFTER_END_DATE",
            ),
            (
                &[
                    ("page_no", "1"),
                    ("gmt_start_time", "2026-12-04 11:59:59"),
                    ("gmt_end_time", "2026-12-05 12:00:00"),
                ],
                "ILLEGAL_DATE_TOO_LONG",
            ),
            (
                &[
                    ("page_no", "1"),
                    ("gmt_start_time", "2026-12-05 12:00:01"),
                    ("gmt_end_time", "2026-12-05 13:00:00"),
                ],
                "START_DATE_AFTER_NOW",
            ),
            (
                &[
                    ("page_no", "1"),
                    ("gmt_start_time", "2023-12-04 11:59:59"),
                    ("gmt_end_time", "2023-12-05 00:00:00"),
                ],
                "START_DATE_OUT_OF_RANGE",
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(
                precheck(&params(pairs), now),
                Err(code(expected)),
                "{pairs:?}"
            );
        }
        // With an id the times are not needed.
        assert_eq!(
            precheck(&params(&[("page_no", "1"), ("trade_no", "2026")]), now),
            Ok(())
        );
    }
}
