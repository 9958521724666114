//! Properties over random sequences of payments, refunds and payouts in the sandbox, each checked
//! against a model written here, independently of the sandbox's code:
//! - a trade is never refunded more than was paid, and exactly the refunds the model accepts are
//!   made (the rest come back with the item's code);
//! - account balances are conserved by payouts, and each balance is the model's;
//! - every batch is notified once, and the notification's business step (a `NotificationHandler`
//!   with its exactly-once store) runs once per batch;
//! - every movement (payment, fee, refund, fee returned, payout sent and received) appears exactly
//!   once in `account.page.query`, paged through by the client, and nothing else does.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::HashMap;
use std::time::Duration;

use alipay_client::store::MemoryStore;
use alipay_client::{Handled, NotificationHandler};
use alipay_core::types::{Amount, DateTime, HttpUrl, Items, TradeStatus};
use alipay_sandbox::{NewTrade, TradeKind};
use alipay_services::account_page_query::{AccountPageQuery, HasNextPage};
use alipay_services::batch_trans_notify::{BatchTransNotify, PayoutDetail};
use alipay_services::refund_fastpay_by_platform_nopwd::RefundFastpayByPlatformNopwd;
use alipay_services::refund_fastpay_by_platform_pwd::RefundDetail;
use proptest::prelude::*;
use support::*;

/// One step of a sequence.
#[derive(Clone, Debug)]
enum Op {
    /// A paid instant trade of this many fen.
    Pay(u64),
    /// Refund trade `n % trades` by this many fen (the password-less service).
    Refund(usize, u64),
    /// Refund trade `n % trades` by what is left of it, plus -1, 0 or 1 fen (the edges).
    RefundRest(usize, i64),
    /// Pay receiver `n % 3` this many fen (a one-item payout batch).
    Payout(usize, u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u64..=5_000).prop_map(Op::Pay),
        (0usize..8, 1u64..=3_000).prop_map(|(t, fen)| Op::Refund(t, fen)),
        (0usize..8, -1i64..=1).prop_map(|(t, d)| Op::RefundRest(t, d)),
        (0usize..8, 1u64..=60_000_000).prop_map(|(r, fen)| Op::Payout(r, fen)),
    ]
}

fn today() -> String {
    DateTime::now().to_string()[..10].replace('-', "")
}

const RECEIVERS: [(&str, &str); 3] = [
    ("r0@example.com", "甲"),
    ("r1@example.com", "乙"),
    ("r2@example.com", "丙"),
];
const PAYER: &str = "payer@shop.example";
/// The payer account's opening balance (the sandbox's documented one), in fen.
const OPENING: u64 = 100_000_000;

async fn run(ops: Vec<Op>) {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let http = http();
    let admin = sandbox.admin();
    for (logon, name) in RECEIVERS {
        admin
            .create_account(logon, name, Amount::ZERO, None)
            .unwrap();
    }
    let day = today();
    // The model: each trade's total and refunded fen; each account's balance.
    let mut trades: Vec<(String, u64, u64)> = Vec::new();
    let mut balances: HashMap<&str, u64> = RECEIVERS.iter().map(|(l, _)| (*l, 0)).collect();
    let mut batches = 0usize;
    // The movements the model expects: (account, business number, what, income, outcome). The
    // fee is the documented 6‰ rounded half up; a refund returns ceil(fee × refunded ÷ total)
    // of it, less what was returned before.
    let own = me.partner.clone();
    let mut movements: Vec<(String, String, &str, u64, u64)> = Vec::new();
    let mut fees: HashMap<String, (u64, u64)> = HashMap::new();
    for (step, op) in ops.into_iter().enumerate() {
        match op {
            Op::Pay(fen) => {
                let t = admin.create_trade(NewTrade {
                    partner: me.partner.clone(),
                    out_trade_no: format!("MONEY-{step}"),
                    total_fee: Amount::from_fen(fen),
                    kind: TradeKind::Instant,
                    status: TradeStatus::TradeSuccess,
                    notify_url: None,
                    trade_no: None,
                });
                let fee = (fen * 6 + 500) / 1000;
                movements.push((own.clone(), t.trade_no.clone(), "交易付款", fen, 0));
                if fee > 0 {
                    movements.push((own.clone(), t.trade_no.clone(), "交易服务费", 0, fee));
                }
                fees.insert(t.trade_no.clone(), (fee, 0));
                trades.push((t.trade_no, fen, 0));
            }
            Op::Refund(_, _) | Op::RefundRest(_, _) if trades.is_empty() => {}
            Op::Refund(_, _) | Op::RefundRest(_, _) => {
                let (i, fen) = match op {
                    Op::Refund(t, fen) => (t % trades.len(), fen),
                    Op::RefundRest(t, d) => {
                        let i = t % trades.len();
                        let left = trades[i].1 - trades[i].2;
                        (i, left.saturating_add_signed(d).max(1))
                    }
                    Op::Pay(_) | Op::Payout(..) => unreachable!(),
                };
                let detail = Items::new(vec![RefundDetail {
                    trade_no: trades[i].0.clone(),
                    amount: Amount::from_fen(fen),
                    reason: "退款".into(),
                }])
                .unwrap();
                client
                    .execute(&RefundFastpayByPlatformNopwd {
                        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
                        dback_notify_url: None,
                        batch_no: format!("{day}{step:03}"),
                        refund_date: DateTime::now(),
                        batch_num: 1,
                        detail_data: detail,
                        use_freeze_amount: None,
                        return_type: None,
                    })
                    .await
                    .unwrap();
                batches += 1;
                let (trade_no, total, refunded) = &mut trades[i];
                if *refunded + fen <= *total {
                    *refunded += fen;
                    let (fee, returned) = fees.get_mut(trade_no.as_str()).unwrap();
                    let owed = (*fee * *refunded).div_ceil(*total);
                    if owed > *returned {
                        movements.push((
                            own.clone(),
                            trade_no.clone(),
                            "退还交易服务费",
                            owed - *returned,
                            0,
                        ));
                        *returned = owed;
                    }
                    movements.push((own.clone(), trade_no.clone(), "交易退款", 0, fen));
                }
            }
            Op::Payout(r, fen) => {
                let (logon, name) = RECEIVERS[r % RECEIVERS.len()];
                let batch_no = format!("{day}P{step:03}");
                let request = BatchTransNotify {
                    notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
                    account_name: "沙箱商户".into(),
                    detail_data: Items::new(vec![PayoutDetail {
                        serial: "1".into(),
                        account: logon.into(),
                        name: name.into(),
                        amount: Amount::from_fen(fen),
                        remark: "付款".into(),
                    }])
                    .unwrap(),
                    batch_no: batch_no.clone(),
                    batch_num: 1,
                    batch_fee: Amount::from_fen(fen),
                    pay_date: day.clone(),
                    email: Some(PAYER.into()),
                    buyer_account_name: None,
                    extend_param: None,
                };
                let page = http
                    .get(client.page_url(&request).unwrap())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(page.status(), 200);
                let done =
                    confirm_batch(&http, &sandbox, "/cashier/payout", &me.partner, &batch_no);
                assert_eq!(done.await, 200);
                batches += 1;
                let payer = balances.entry(PAYER).or_insert(OPENING);
                if *payer >= fen {
                    *payer -= fen;
                    *balances.get_mut(logon).unwrap() += fen;
                    let batch_no = format!("{day}P{step:03}");
                    movements.push((PAYER.into(), batch_no.clone(), "批量付款", 0, fen));
                    movements.push((logon.into(), batch_no, "批量付款收款", fen, 0));
                }
            }
        }
        // After every step: the sandbox agrees with the model.
        for (trade_no, total, refunded) in &trades {
            let done = admin.refunded(trade_no).fen();
            assert!(done <= *total, "{trade_no}: refunded {done} of {total}");
            assert_eq!(done, *refunded, "{trade_no}");
            let status = admin.trade(trade_no).unwrap().status;
            let closed = refunded == total;
            assert_eq!(status == TradeStatus::TradeClosed, closed, "{trade_no}");
        }
        for account in admin.accounts() {
            assert_eq!(
                Some(&account.balance_fen),
                balances.get(account.logon.as_str())
            );
        }
        let sum: u64 = admin.accounts().iter().map(|a| a.balance_fen).sum();
        let opened = if balances.contains_key(PAYER) {
            OPENING
        } else {
            0
        };
        assert_eq!(sum, opened, "money is conserved");
    }

    // Every movement once in the account log, as account.page.query pages through it (the
    // partner's own account and its payer account; the receivers are not the partner's), and
    // in the sandbox's whole log.
    let mut logged: Vec<(String, String, String, u64, u64)> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    // (The payer's account exists once a payout page was opened.)
    let mut accounts = vec![None];
    if balances.contains_key(PAYER) {
        accounts.push(Some(PAYER));
    }
    for logon in accounts {
        for page_no in 1.. {
            let (start, end) = (
                DateTime::from_offset_date_time(
                    DateTime::now().to_offset_date_time() - time::Duration::hours(2),
                )
                .unwrap(),
                DateTime::from_offset_date_time(
                    DateTime::now().to_offset_date_time() + time::Duration::hours(1),
                )
                .unwrap(),
            );
            let page = client
                .execute(&AccountPageQuery {
                    page_no,
                    gmt_start_time: Some(start),
                    gmt_end_time: Some(end),
                    logon_id: logon.map(str::to_owned),
                    iw_account_log_id: None,
                    trade_no: None,
                    merchant_out_order_no: None,
                    deposit_bank_no: None,
                    page_size: Some(3),
                    trans_code: None,
                })
                .await
                .unwrap();
            for r in page
                .account_log_list
                .map(|l| l.into_records())
                .unwrap_or_default()
            {
                assert!(
                    ids.insert(r.iw_account_log_id.clone().unwrap()),
                    "{r:?} twice"
                );
                logged.push((
                    logon.map_or(own.clone(), str::to_owned),
                    r.trade_no.unwrap(),
                    r.sub_trans_code_msg.unwrap(),
                    r.income.unwrap().fen(),
                    r.outcome.unwrap().fen(),
                ));
            }
            if page.has_next_page == HasNextPage::F {
                break;
            }
        }
    }
    let expected: Vec<(String, String, String, u64, u64)> = movements
        .iter()
        .filter(|m| m.0 == own || m.0 == PAYER)
        .map(|(a, n, w, i, o)| (a.clone(), n.clone(), (*w).to_owned(), *i, *o))
        .collect();
    let sorted = |mut v: Vec<(String, String, String, u64, u64)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(logged), sorted(expected.clone()));
    let whole: Vec<(String, String, String, u64, u64)> = admin
        .ledger()
        .into_iter()
        .map(|e| {
            (
                e.account,
                e.trade_no,
                e.movement.sub_trans_code_msg().to_owned(),
                e.income_fen,
                e.outcome_fen,
            )
        })
        .collect();
    let all: Vec<(String, String, String, u64, u64)> = movements
        .iter()
        .map(|(a, n, w, i, o)| (a.clone(), n.clone(), (*w).to_owned(), *i, *o))
        .collect();
    assert_eq!(whole, all, "the log is in the order things happened");

    // Each batch is notified once; the business step runs once per batch, even when a
    // notification is handled twice.
    let hits = receiver.wait_for(batches, Duration::from_secs(20)).await;
    assert_eq!(hits.len(), batches);
    let handler = NotificationHandler::new(client.clone(), std::sync::Arc::new(MemoryStore::new()));
    let mut steps: HashMap<String, usize> = HashMap::new();
    for hit in hits.iter().chain(hits.iter()) {
        let pairs = decode_form(&hit.body, false);
        let batch_no = param(&pairs, "batch_no").unwrap().to_owned();
        let handled = handler
            .handle(&hit.body, |_| async {
                *steps.entry(batch_no.clone()).or_default() += 1;
                Ok::<(), std::convert::Infallible>(())
            })
            .await;
        assert!(
            matches!(handled, Handled::Processed | Handled::Duplicate),
            "{handled:?}"
        );
    }
    assert_eq!(steps.len(), batches);
    assert!(steps.values().all(|&n| n == 1), "{steps:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn refunds_and_payouts_keep_the_books(ops in proptest::collection::vec(op(), 1..12)) {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
            .block_on(run(ops));
    }
}
