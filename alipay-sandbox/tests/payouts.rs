//! Batch payouts (`batch_trans_notify`): the payer's browser opens the batch's page, confirms it
//! with the payment password, and the outcome comes to `notify_url`, verified by the client into
//! the catalog's table: paid items in `success_details`, the others with Alipay's reasons in
//! `fail_details`. Money moves from the payer to the receivers and is conserved.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::types::{Amount, DateTime, HttpUrl, Items};
use alipay_services::batch_trans_notify::{BatchTransNotify, BatchTransNotifyNotify, PayoutDetail};
use support::*;

fn today() -> String {
    DateTime::now().to_string()[..10].replace('-', "")
}

fn batch(batch_no: &str, notify_url: &str, items: &[(&str, &str, &str, &str)]) -> BatchTransNotify {
    let items: Vec<PayoutDetail> = items
        .iter()
        .map(|(serial, account, name, amount)| PayoutDetail {
            serial: (*serial).to_owned(),
            account: (*account).to_owned(),
            name: (*name).to_owned(),
            amount: amount.parse().unwrap(),
            remark: "工资".to_owned(),
        })
        .collect();
    let fee = Amount::from_fen(items.iter().map(|i| i.amount.fen()).sum());
    BatchTransNotify {
        notify_url: Some(HttpUrl::parse(notify_url).unwrap()),
        account_name: "沙箱商户".to_owned(),
        batch_num: items.len() as u32,
        detail_data: Items::new(items).unwrap(),
        batch_no: batch_no.to_owned(),
        batch_fee: fee,
        pay_date: today(),
        email: Some("payer@shop.example".to_owned()),
        buyer_account_name: None,
        extend_param: None,
    }
}

fn error_code(html: &str) -> Option<String> {
    let at = html.find("<span id=\"error\">")? + "<span id=\"error\">".len();
    Some(html[at..at + html[at..].find('<')?].to_owned())
}

fn total(sandbox: &alipay_sandbox::Sandbox) -> u64 {
    sandbox
        .admin()
        .accounts()
        .iter()
        .map(|a| a.balance_fen)
        .sum()
}

#[tokio::test]
async fn a_batch_pays_each_receiver_or_says_why_not_and_conserves_money() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let http = http();
    let admin = sandbox.admin();
    admin
        .create_account("zhangsan@example.com", "张三", Amount::ZERO, None)
        .unwrap();
    admin
        .create_account("lisi@example.com", "李四", Amount::from_fen(100), None)
        .unwrap();
    let day = today();

    let first = format!("{day}0001");
    let request = batch(
        &first,
        &receiver.url,
        &[
            ("1", "zhangsan@example.com", "张三", "10.00"),
            ("2", "lisi@example.com", "王五", "1.00"),
            ("3", "nobody@example.com", "赵六", "2.00"),
        ],
    );
    let page = http
        .get(client.page_url(&request).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("<form id=\"payout\""), "{page}");
    // The payer's account exists from the page on, with its opening balance.
    let before = total(&sandbox);
    assert_eq!(
        confirm_batch(&http, &sandbox, "/cashier/payout", &me.partner, &first).await,
        200
    );
    assert_eq!(total(&sandbox), before);
    assert_eq!(
        admin.account("zhangsan@example.com").unwrap().balance_fen,
        1000
    );
    assert_eq!(admin.account("lisi@example.com").unwrap().balance_fen, 100);
    let payer = admin.account("payer@shop.example").unwrap();
    assert_eq!(payer.user_id, me.partner);
    assert_eq!(payer.balance_fen, 100_000_000 - 1000);

    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<BatchTransNotifyNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.batch_no, first);
    assert_eq!(n.pay_user_id, me.partner);
    assert_eq!(n.pay_account_no, format!("{}0156", me.partner));
    let paid = n.success_details.clone().unwrap();
    assert_eq!(paid.len(), 1);
    assert!(paid.items()[0].is_success());
    assert_eq!(paid.items()[0].amount.fen(), 1000);
    let failed: Vec<(String, String)> = n
        .fail_details
        .clone()
        .unwrap()
        .into_items()
        .into_iter()
        .map(|r| (r.serial, r.reason))
        .collect();
    assert_eq!(
        failed,
        [
            ("2".to_owned(), "ACCOUN_NAME_NOT_MATCH".to_owned()),
            ("3".to_owned(), "RECEIVE_USER_NOT_EXIST".to_owned())
        ]
    );
    // Each result item is followed by `|`, as Alipay writes them.
    let body = String::from_utf8_lossy(&hits[0].body).into_owned();
    let fail = decode_form(hits[0].body.as_slice(), false);
    assert!(
        param(&fail, "fail_details").unwrap().ends_with('|'),
        "{body}"
    );

    // Confirming again pays nothing twice.
    assert_eq!(
        confirm_batch(&http, &sandbox, "/cashier/payout", &me.partner, &first).await,
        200
    );
    assert_eq!(
        admin.account("zhangsan@example.com").unwrap().balance_fen,
        1000
    );

    // More than the payer has, and the payer itself: per item.
    let second = format!("{day}0002");
    let request = batch(
        &second,
        &receiver.url,
        &[
            ("1", "lisi@example.com", "李四", "1000000.00"),
            ("2", "payer@shop.example", "沙箱商户", "1.00"),
        ],
    );
    http.get(client.page_url(&request).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        confirm_batch(&http, &sandbox, "/cashier/payout", &me.partner, &second).await,
        200
    );
    let hits = receiver.wait_for(2, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<BatchTransNotifyNotify>(&hits[1].body)
        .await
        .unwrap();
    assert!(n.success_details.is_none());
    let reasons: Vec<String> = n
        .fail_details
        .as_ref()
        .unwrap()
        .items()
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    assert_eq!(
        reasons,
        [
            "TRANSFER_AMOUNT_NOT_ENOUGH",
            "TXN_RESULT_TRANSFER_OUT_CAN_NOT_EQUAL_IN"
        ]
    );
    assert_eq!(total(&sandbox), before);

    // The page's refusals.
    let refused = |request: BatchTransNotify| {
        let url = client.page_url(&request).unwrap();
        let http = http.clone();
        async move { error_code(&http.get(url).send().await.unwrap().text().await.unwrap()) }
    };
    let again = batch(
        &first,
        &receiver.url,
        &[("9", "lisi@example.com", "李四", "1")],
    );
    assert_eq!(
        refused(again).await.as_deref(),
        Some("BATCH_OUT_BIZ_NO_DUPLICATE")
    );
    let twice = batch(
        &format!("{day}0003"),
        &receiver.url,
        &[
            ("1", "lisi@example.com", "李四", "1"),
            ("1", "zhangsan@example.com", "张三", "1"),
        ],
    );
    assert_eq!(
        refused(twice).await.as_deref(),
        Some("DETAIL_OUT_BIZ_NO_REPEATE")
    );
    let mut stale = batch(
        &format!("{day}0004"),
        &receiver.url,
        &[("1", "lisi@example.com", "李四", "1")],
    );
    stale.pay_date = "20080107".into();
    assert_eq!(refused(stale).await.as_deref(), Some("ILLEGAL_ARGUMENT"));
    // Only the partner's own account pays: another holder's login is not the payer.
    let mut foreign = batch(
        &format!("{day}0006"),
        &receiver.url,
        &[("1", "zhangsan@example.com", "张三", "1")],
    );
    foreign.email = Some("lisi@example.com".into());
    assert_eq!(
        refused(foreign).await.as_deref(),
        Some("PAYER_USERINFO_NOT_EXIST")
    );
    assert_eq!(admin.account("lisi@example.com").unwrap().balance_fen, 100);
    // A partner id names the partner's own account in the account log, never a payer's login.
    let mut partner_id = batch(
        &format!("{day}0007"),
        &receiver.url,
        &[("1", "zhangsan@example.com", "张三", "1")],
    );
    partner_id.email = Some(me.partner.clone());
    assert_eq!(
        refused(partner_id).await.as_deref(),
        Some("PAYER_USERINFO_NOT_EXIST")
    );
    assert!(admin.account(&me.partner).is_none());
    assert!(
        admin
            .create_account(&me.partner, "商户", Amount::ZERO, None)
            .is_err()
    );
    assert!(
        admin
            .create_account(
                "rich@example.com",
                "富",
                Amount::from_fen(u64::MAX / 2),
                None
            )
            .is_err()
    );
    // The table's rules, checked by the declaration: the stated total is not the items' sum.
    let mut wrong = batch(
        &format!("{day}0005"),
        &receiver.url,
        &[("1", "lisi@example.com", "李四", "1")],
    );
    wrong.batch_fee = Amount::from_fen(101);
    assert!(client.page_url(&wrong).is_err());
}
