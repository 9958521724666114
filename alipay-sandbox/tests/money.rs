//! Properties over random sequences of payments, refunds and payouts in the sandbox, each checked
//! against a model written here, independently of the sandbox's code:
//! - a trade is never refunded more than was paid, and exactly the refunds the model accepts are
//!   made (the rest come back with the item's code);
//! - account balances are conserved by payouts, and each balance is the model's;
//! - every batch is notified once, and the notification's business step (a `NotificationHandler`
//!   with its exactly-once store) runs once per batch.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::HashMap;
use std::time::Duration;

use alipay_client::store::MemoryStore;
use alipay_client::{Handled, NotificationHandler};
use alipay_core::types::{Amount, DateTime, HttpUrl, Items, TradeStatus};
use alipay_sandbox::{NewTrade, TradeKind};
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
                let (_, total, refunded) = &mut trades[i];
                if *refunded + fen <= *total {
                    *refunded += fen;
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
                let body = encode(
                    &[
                        ("partner".to_owned(), me.partner.clone()),
                        ("batch_no".to_owned(), batch_no),
                        ("password".to_owned(), "123456".to_owned()),
                    ],
                    false,
                );
                let done = http
                    .post(format!("http://{}/cashier/payout", sandbox.addr()))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(done.status(), 200);
                batches += 1;
                let payer = balances.entry(PAYER).or_insert(OPENING);
                if *payer >= fen {
                    *payer -= fen;
                    *balances.get_mut(logon).unwrap() += fen;
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
