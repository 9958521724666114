//! The account log (`account.page.query`): every payment that reaches the seller, its fee, every
//! refund (with the fee returned in proportion) and every payout item is one record, read through
//! the client as `Records<AccountLog>` out of a signed answer; and each code the service answers.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::types::{Amount, DateTime, HttpUrl, Items, TradeStatus};
use alipay_sandbox::{Movement, NewTrade, TradeKind};
use alipay_services::account_page_query::{AccountLog, AccountPageQuery, HasNextPage};
use alipay_services::batch_trans_notify::{BatchTransNotify, PayoutDetail};
use alipay_services::refund_fastpay_by_platform_nopwd::RefundFastpayByPlatformNopwd;
use alipay_services::refund_fastpay_by_platform_pwd::RefundDetail;
use support::*;

/// A range around now that holds everything this test does (at most a day, as the service
/// requires).
fn around_now() -> (DateTime, DateTime) {
    let now = DateTime::now().to_offset_date_time();
    let at = |t: time::OffsetDateTime| DateTime::from_offset_date_time(t).unwrap();
    (
        at(now - time::Duration::hours(1)),
        at(now + time::Duration::minutes(10)),
    )
}

fn query(page_no: u32) -> AccountPageQuery {
    let (start, end) = around_now();
    AccountPageQuery {
        page_no,
        gmt_start_time: Some(start),
        gmt_end_time: Some(end),
        logon_id: None,
        iw_account_log_id: None,
        trade_no: None,
        merchant_out_order_no: None,
        deposit_bank_no: None,
        page_size: None,
        trans_code: None,
    }
}

fn today() -> String {
    DateTime::now().to_string()[..10].replace('-', "")
}

/// `(sub_trans_code_msg, income, outcome, balance)` of each record.
fn moves(records: &[AccountLog]) -> Vec<(String, String, String, String)> {
    records
        .iter()
        .map(|r| {
            (
                r.sub_trans_code_msg.clone().unwrap(),
                r.income.unwrap().to_string(),
                r.outcome.unwrap().to_string(),
                r.balance.unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn payments_fees_refunds_and_payouts_are_each_one_record() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let admin = sandbox.admin();

    // Paid: 100.00, the fee 6‰ = 0.60.
    let trade = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "LEDGER-1".into(),
        total_fee: Amount::from_fen(10_000),
        kind: TradeKind::Instant,
        status: TradeStatus::WaitBuyerPay,
        notify_url: None,
        trade_no: None,
    });
    let answer = client.execute(&query(1)).await.unwrap();
    assert!(answer.account_log_list.is_none(), "nothing moved yet");
    assert_eq!(answer.has_next_page, HasNextPage::F);
    admin.pay(&trade.trade_no).unwrap();

    // Refunded 25.00 without a password: the fee returned in proportion, 0.15, then the refund.
    let receiver = Receiver::start(&[], "success").await;
    let refund = RefundFastpayByPlatformNopwd {
        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
        dback_notify_url: None,
        batch_no: format!("{}301", today()),
        refund_date: DateTime::now(),
        batch_num: 1,
        detail_data: Items::new(vec![RefundDetail {
            trade_no: trade.trade_no.clone(),
            amount: Amount::from_fen(2_500),
            reason: "退货".into(),
        }])
        .unwrap(),
        use_freeze_amount: None,
        return_type: None,
    };
    client.execute(&refund).await.unwrap();

    let answer = client.execute(&query(1)).await.unwrap();
    assert_eq!(answer.has_next_page, HasNextPage::F);
    assert_eq!(answer.page_no, Some(1));
    assert_eq!(answer.page_size, Some(5000));
    let records = answer.account_log_list.unwrap().into_records();
    assert_eq!(
        moves(&records),
        [
            ("交易付款", "100.00", "0.00", "100.00"),
            ("交易服务费", "0.00", "0.60", "99.40"),
            ("退还交易服务费", "0.15", "0.00", "99.55"),
            ("交易退款", "0.00", "25.00", "74.55"),
        ]
        .map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()))
    );
    let first = &records[0];
    assert_eq!(first.trans_code_msg.as_deref(), Some("在线支付"));
    assert_eq!(first.trade_no.as_deref(), Some(trade.trade_no.as_str()));
    assert_eq!(first.merchant_out_order_no.as_deref(), Some("LEDGER-1"));
    assert_eq!(first.total_fee, Some(Amount::from_fen(10_000)));
    assert_eq!(
        first.seller_account.as_deref(),
        Some(format!("{}0156", me.partner).as_str())
    );
    assert_eq!(records[1].rate.as_deref(), Some("0.006"));
    let ids: Vec<u64> = records
        .iter()
        .map(|r| r.iw_account_log_id.as_deref().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");

    // Pages of one record; filters by id, by trade, by type code.
    let mut paged = Vec::new();
    for page_no in 1.. {
        let answer = client
            .execute(&AccountPageQuery {
                page_size: Some(1),
                ..query(page_no)
            })
            .await
            .unwrap();
        paged.extend(answer.account_log_list.unwrap().into_records());
        if answer.has_next_page == HasNextPage::F {
            break;
        }
    }
    assert_eq!(paged, records);
    let by_id = client
        .execute(&AccountPageQuery {
            iw_account_log_id: Some(ids[2].to_string()),
            gmt_start_time: None,
            gmt_end_time: None,
            ..query(1)
        })
        .await
        .unwrap();
    assert_eq!(by_id.account_log_list.unwrap().records(), &records[2..3]);
    let fees = client
        .execute(&AccountPageQuery {
            trade_no: Some(trade.trade_no.clone()),
            trans_code: Some("3012".into()),
            ..query(1)
        })
        .await
        .unwrap();
    assert_eq!(fees.account_log_list.unwrap().len(), 2);

    // A payout: one record on the payer's account, one on the receiver's.
    admin
        .create_account("zhangsan@example.com", "张三", Amount::ZERO, None)
        .unwrap();
    let item = PayoutDetail {
        serial: "7".into(),
        account: "zhangsan@example.com".into(),
        name: "张三".into(),
        amount: Amount::from_fen(1_234),
        remark: "佣金".into(),
    };
    let batch_no = format!("{}0001", today());
    let payout = BatchTransNotify {
        notify_url: None,
        account_name: "沙箱商户".into(),
        batch_num: 1,
        detail_data: Items::new(vec![item]).unwrap(),
        batch_no: batch_no.clone(),
        batch_fee: Amount::from_fen(1_234),
        pay_date: today(),
        email: Some("payer@shop.example".into()),
        buyer_account_name: None,
        extend_param: None,
    };
    let http = http();
    http.get(client.page_url(&payout).unwrap())
        .send()
        .await
        .unwrap();
    let confirmed = confirm_batch(&http, &sandbox, "/cashier/payout", &me.partner, &batch_no);
    assert_eq!(confirmed.await, 200);
    let payer = client
        .execute(&AccountPageQuery {
            logon_id: Some("payer@shop.example".into()),
            ..query(1)
        })
        .await
        .unwrap();
    let sent = payer.account_log_list.unwrap().into_records();
    assert_eq!(
        moves(&sent),
        [(
            "批量付款".to_owned(),
            "0.00".to_owned(),
            "12.34".to_owned(),
            "999987.66".to_owned()
        )]
    );
    assert_eq!(sent[0].trade_no.as_deref(), Some(batch_no.as_str()));
    assert_eq!(sent[0].merchant_out_order_no.as_deref(), Some("7"));
    assert_eq!(sent[0].memo.as_deref(), Some("佣金"));
    assert_eq!(
        sent[0].other_account_email.as_deref(),
        Some("zhangsan@example.com")
    );
    // The partner's own log did not change; the receiver's account is not the partner's.
    let own = client.execute(&query(1)).await.unwrap();
    assert_eq!(own.account_log_list.unwrap().len(), 4);
    let ledger = admin.ledger();
    assert_eq!(ledger.len(), 6);
    assert_eq!(ledger[5].movement, Movement::PayoutReceived);
    assert_eq!(ledger[5].account, "zhangsan@example.com");
    assert_eq!(ledger[5].balance_fen, 1_234);
    let code = |e: alipay_client::Error| e.code().map(|c| c.as_str().to_owned());
    let denied = client
        .execute(&AccountPageQuery {
            logon_id: Some("zhangsan@example.com".into()),
            ..query(1)
        })
        .await
        .unwrap_err();
    assert_eq!(code(denied).as_deref(), Some("ACCESS_ACCOUNT_DENIED"));
    drop(receiver.wait_for(1, Duration::from_secs(10)).await);
}

/// Each code the service answers: through the client where it lets the request go, else as a
/// signed request made by hand (the client refuses a page number of 0 before sending).
#[tokio::test]
async fn each_code_of_the_service() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let code = |e: alipay_client::Error| e.code().map(|c| c.as_str().to_owned());
    let at = |s: &str| DateTime::parse(s).unwrap();
    let now = DateTime::now().to_offset_date_time();
    let shifted = |d: time::Duration| DateTime::from_offset_date_time(now + d).unwrap();
    let cases = [
        (
            AccountPageQuery {
                gmt_start_time: Some(shifted(time::Duration::hours(-30))),
                gmt_end_time: Some(shifted(time::Duration::hours(-1))),
                ..query(1)
            },
            "ILLEGAL_DATE_TOO_LONG",
        ),
        (
            AccountPageQuery {
                gmt_start_time: Some(shifted(time::Duration::hours(1))),
                gmt_end_time: Some(shifted(time::Duration::hours(2))),
                ..query(1)
            },
            "START_DATE_AFTER_NOW",
        ),
        (
            AccountPageQuery {
                gmt_start_time: Some(shifted(time::Duration::hours(-1))),
                gmt_end_time: Some(shifted(time::Duration::hours(-2))),
                ..query(1)
            },
            "START_DATE_AFTER_END_DATE",
        ),
        (
            AccountPageQuery {
                gmt_start_time: Some(at("2010-09-25 00:00:00")),
                gmt_end_time: Some(at("2010-09-26 00:00:00")),
                ..query(1)
            },
            "START_DATE_OUT_OF_RANGE",
        ),
        (
            AccountPageQuery {
                trans_code: Some("6001,7777".into()),
                ..query(1)
            },
            "ILLEGAL_TRANS_CODE",
        ),
        (
            AccountPageQuery {
                logon_id: Some("nobody@example.com".into()),
                ..query(1)
            },
            "ACCOUNT_NOT_EXIST",
        ),
    ];
    for (request, expected) in cases {
        let refused = client.execute(&request).await.unwrap_err();
        assert_eq!(code(refused).as_deref(), Some(expected));
    }

    let http = http();
    let base = [
        ("service", "account.page.query"),
        ("partner", me.partner.as_str()),
        ("_input_charset", "utf-8"),
    ];
    let by_hand = [
        (vec![("page_no", "0"), ("trade_no", "1")], "ILLEGAL_PAGE_NO"),
        (
            vec![("page_no", "1"), ("page_size", "0"), ("trade_no", "1")],
            "ILLEGAL_PAGE_SIZE",
        ),
        (
            vec![("page_no", "1"), ("iw_account_log_id", "0")],
            "ILLEGAL_ACCOUNT_LOG_ID",
        ),
        (vec![("page_no", "1")], "REQUIRED_DATE"),
        (
            vec![
                ("page_no", "1"),
                ("gmt_start_time", "2026/12/05"),
                ("gmt_end_time", "2026/12/06"),
            ],
            "ILLEGAL_DATE_FORMAT",
        ),
        // The table's own rule: a log id of 17 digits is over its String(16).
        (
            vec![("page_no", "1"), ("iw_account_log_id", "12345678901234567")],
            "ILLEGAL_ARGUMENT",
        ),
    ];
    for (pairs, expected) in by_hand {
        let all: Vec<(&str, &str)> = base.iter().copied().chain(pairs).collect();
        let signed = md5_signed(&all, &me.md5_key, false);
        let answer = post(&http, &sandbox, "", &encode(&signed, false)).await;
        assert_eq!(answer.code(), expected, "{all:?}");
    }
}
