//! Batch refunds (`refund_fastpay_by_platform_pwd`): the seller's browser opens the batch's page,
//! confirms it with the payment password, and the outcome comes to `notify_url` as
//! `batch_refund_notify`, verified by the client into the catalog's table. Partial refunds, the
//! refundable remainder, a full refund closing the trade, never more than was paid, and each
//! refusal code the sandbox gives, on the page or per item.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::types::{Amount, DateTime, HttpUrl, Items, TradeStatus};
use alipay_sandbox::{NewTrade, TradeKind};
use alipay_services::refund_fastpay_by_platform_pwd::{
    BatchRefundNotify, RefundDetail, RefundFastpayByPlatformPwd,
};
use support::*;

/// Today in Beijing, `yyyyMMdd` (what a batch number starts with).
fn today() -> String {
    DateTime::now().to_string()[..10].replace('-', "")
}

fn batch(
    seller: &str,
    batch_no: &str,
    notify_url: &str,
    items: &[(&str, &str, &str)],
) -> RefundFastpayByPlatformPwd {
    let items = items
        .iter()
        .map(|(trade_no, amount, reason)| RefundDetail {
            trade_no: (*trade_no).to_owned(),
            amount: amount.parse().unwrap(),
            reason: (*reason).to_owned(),
        })
        .collect::<Vec<_>>();
    RefundFastpayByPlatformPwd {
        notify_url: Some(HttpUrl::parse(notify_url).unwrap()),
        seller_email: None,
        seller_user_id: Some(seller.to_owned()),
        refund_date: DateTime::now(),
        batch_no: batch_no.to_owned(),
        batch_num: items.len() as u32,
        detail_data: Items::new(items).unwrap(),
    }
}

/// The error code an Alipay error page names, if it is one.
fn error_code(html: &str) -> Option<String> {
    let at = html.find("<span id=\"error\">")? + "<span id=\"error\">".len();
    Some(html[at..at + html[at..].find('<')?].to_owned())
}

/// Opens `request`'s page as the seller's browser does (GET of the signed URL).
async fn open(http: &reqwest::Client, url: &str) -> (u16, String) {
    let page = http.get(url).send().await.unwrap();
    (page.status().as_u16(), page.text().await.unwrap())
}

/// Confirms the batch with `password` (`POST /cashier/refund`).
async fn confirm(
    http: &reqwest::Client,
    sandbox: &alipay_sandbox::Sandbox,
    partner: &str,
    batch_no: &str,
    password: &str,
) -> (u16, String) {
    let body = encode(
        &[
            ("partner".to_owned(), partner.to_owned()),
            ("batch_no".to_owned(), batch_no.to_owned()),
            ("_input_charset".to_owned(), "utf-8".to_owned()),
            ("password".to_owned(), password.to_owned()),
        ],
        false,
    );
    let answer = http
        .post(format!("http://{}/cashier/refund", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.text().await.unwrap())
}

#[tokio::test]
async fn a_seller_refunds_in_batches_never_more_than_was_paid() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let http = http();
    let admin = sandbox.admin();
    let paid = |out: &str, fen: u64| {
        admin.create_trade(NewTrade {
            partner: me.partner.clone(),
            out_trade_no: out.into(),
            total_fee: Amount::from_fen(fen),
            kind: TradeKind::Instant,
            status: TradeStatus::TradeSuccess,
            notify_url: Some(receiver.url.clone()),
            trade_no: None,
        })
    };
    let a = paid("REFUND-A", 1000);
    let b = paid("REFUND-B", 500);
    let day = today();

    // Batch 1: part of A, all of B. The page lists the batch and asks for the password.
    let first = format!("{day}001");
    let request = batch(
        &me.partner,
        &first,
        &receiver.url,
        &[
            (&a.trade_no, "3.00", "部分退款"),
            (&b.trade_no, "5", "全额退款"),
        ],
    );
    let url = client.page_url(&request).unwrap();
    let (status, page) = open(&http, &url).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<form id=\"refund\""), "{page}");
    assert!(
        page.contains(&a.trade_no) && page.contains("3.00"),
        "{page}"
    );

    // A wrong password changes nothing.
    let (status, _) = confirm(&http, &sandbox, &me.partner, &first, "000000").await;
    assert_eq!(status, 403);
    assert_eq!(
        admin.trade(&b.trade_no).unwrap().status,
        TradeStatus::TradeSuccess
    );

    let (status, done) = confirm(&http, &sandbox, &me.partner, &first, "123456").await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        admin.trade(&a.trade_no).unwrap().status,
        TradeStatus::TradeSuccess
    );
    assert_eq!(
        admin.trade(&b.trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );

    // The batch's notification (and one trade_status_sync per refunded trade).
    let hits = receiver.wait_for(3, Duration::from_secs(10)).await;
    let batches: Vec<_> = hits
        .iter()
        .filter(|h| String::from_utf8_lossy(&h.body).contains("batch_refund_notify"))
        .collect();
    assert_eq!(batches.len(), 1);
    let n = client
        .verify_notification_as::<BatchRefundNotify>(&batches[0].body)
        .await
        .unwrap();
    assert_eq!(n.batch_no, first);
    assert_eq!(n.success_num, 2);
    let results = n.result_details.clone().unwrap();
    let items = results.items();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].trade.trade_no, a.trade_no);
    assert_eq!(items[0].trade.amount.fen(), 300);
    assert!(items[0].trade.is_success() && items[1].trade.is_success());
    let refund_syncs = hits
        .iter()
        .filter(|h| String::from_utf8_lossy(&h.body).contains("refund_status=REFUND_SUCCESS"))
        .count();
    assert_eq!(refund_syncs, 2);

    // Confirming again carries nothing out twice.
    let (status, _) = confirm(&http, &sandbox, &me.partner, &first, "123456").await;
    assert_eq!(status, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.hits().len(), 3);

    // Batch 2: more than A's remainder (7.00) and a trade that is not the partner's: per item.
    let second = format!("{day}002");
    let url = client
        .page_url(&batch(
            &me.partner,
            &second,
            &receiver.url,
            &[
                (&a.trade_no, "7.01", "多退"),
                ("2011011201037066", "1", "不是我的"),
            ],
        ))
        .unwrap();
    assert_eq!(open(&http, &url).await.0, 200);
    confirm(&http, &sandbox, &me.partner, &second, "123456").await;
    let hits = receiver.wait_for(4, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<BatchRefundNotify>(&hits[3].body)
        .await
        .unwrap();
    assert_eq!(n.success_num, 0);
    let results: Vec<String> = n
        .result_details
        .as_ref()
        .unwrap()
        .items()
        .iter()
        .map(|r| r.trade.result.clone())
        .collect();
    assert_eq!(
        results,
        ["REFUND_AMOUNT_NOT_VALID", "NOT_THIS_PARTNERS_TRADE"]
    );
    assert_eq!(
        admin.trade(&a.trade_no).unwrap().status,
        TradeStatus::TradeSuccess
    );

    // Batch 3: exactly the remainder closes A.
    let third = format!("{day}003");
    let url = client
        .page_url(&batch(
            &me.partner,
            &third,
            &receiver.url,
            &[(&a.trade_no, "7.00", "余款")],
        ))
        .unwrap();
    assert_eq!(open(&http, &url).await.0, 200);
    confirm(&http, &sandbox, &me.partner, &third, "123456").await;
    assert_eq!(
        admin.trade(&a.trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );
    assert_eq!(admin.refunded(&a.trade_no), Amount::from_fen(1000));
    assert_eq!(admin.refunded(&b.trade_no), Amount::from_fen(500));
}

#[tokio::test]
async fn the_page_refuses_with_alipays_codes() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let http = http();
    let admin = sandbox.admin();
    let trade = |out: &str, status| {
        admin.create_trade(NewTrade {
            partner: me.partner.clone(),
            out_trade_no: out.into(),
            total_fee: Amount::from_fen(100),
            kind: TradeKind::Instant,
            status,
            notify_url: None,
            trade_no: None,
        })
    };
    let paid = trade("PAGE-PAID", TradeStatus::TradeSuccess);
    let waiting = trade("PAGE-WAITING", TradeStatus::WaitBuyerPay);
    let day = today();
    let notify = "http://127.0.0.1:9/notify";
    let refused = |request: RefundFastpayByPlatformPwd| {
        let url = client.page_url(&request).unwrap();
        let http = http.clone();
        async move {
            let (_, page) = open(&http, &url).await;
            error_code(&page)
        }
    };

    // Accepted once; the number is then the partner's, used.
    let used = format!("{day}100");
    let ok = batch(&me.partner, &used, notify, &[(&paid.trade_no, "0.50", "r")]);
    assert_eq!(refused(ok.clone()).await, None);
    confirm(&http, &sandbox, &me.partner, &used, "123456").await;
    assert_eq!(refused(ok).await.as_deref(), Some("DUPLICATE_BATCH_NO"));

    // A trade that may not be refunded (not paid).
    let r = batch(
        &me.partner,
        &format!("{day}101"),
        notify,
        &[(&waiting.trade_no, "1", "r")],
    );
    assert_eq!(refused(r).await.as_deref(), Some("TRADE_STATUS_ERROR"));

    // Not today's number; a refund date on another day.
    let r = batch(
        &me.partner,
        "20110112001",
        notify,
        &[(&paid.trade_no, "0.10", "r")],
    );
    assert_eq!(refused(r).await.as_deref(), Some("BATCH_NO_FORMAT_ERROR"));
    let mut r = batch(
        &me.partner,
        &format!("{day}102"),
        notify,
        &[(&paid.trade_no, "0.10", "r")],
    );
    r.refund_date = "2011-01-12 11:21:00".parse().unwrap();
    assert_eq!(refused(r).await.as_deref(), Some("REFUND_DATE_ERROR"));

    // The same trade twice in one batch.
    let r = batch(
        &me.partner,
        &format!("{day}103"),
        notify,
        &[(&paid.trade_no, "0.10", "r"), (&paid.trade_no, "0.10", "s")],
    );
    assert_eq!(
        refused(r).await.as_deref(),
        Some("DUBL_TRADE_NO_IN_SAME_BATCH")
    );

    // Another seller.
    let mut r = batch(
        &me.partner,
        &format!("{day}104"),
        notify,
        &[(&paid.trade_no, "0.10", "r")],
    );
    r.seller_user_id = Some("2088000000000999".into());
    assert_eq!(
        refused(r).await.as_deref(),
        Some("PARTNER_NOT_SIGN_PROTOCOL")
    );

    // The table's own rules, sent as a hand-made request: batch_num is not the item count.
    let signed = md5_signed(
        &[
            ("service", "refund_fastpay_by_platform_pwd"),
            ("partner", &me.partner),
            ("_input_charset", "utf-8"),
            ("seller_user_id", &me.partner),
            ("refund_date", &DateTime::now().to_string()),
            ("batch_no", &format!("{day}105")),
            ("batch_num", "2"),
            ("detail_data", &format!("{}^0.10^r", paid.trade_no)),
        ],
        &me.md5_key,
        false,
    );
    let answer = get(&http, &sandbox, &encode(&signed, false)).await;
    assert_eq!(
        error_code(&answer.text()).as_deref(),
        Some("ILLEGAL_ARGUMENT")
    );
    assert_eq!(admin.refunded(&paid.trade_no), Amount::from_fen(50));
}

#[tokio::test]
async fn the_password_less_service_refunds_at_once_and_answers_each_code() {
    use alipay_services::refund_fastpay_by_platform_nopwd::{
        BatchRefundNopwdNotify, RefundFastpayByPlatformNopwd,
    };
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let admin = sandbox.admin();
    let trade = |out: &str, status| {
        admin.create_trade(NewTrade {
            partner: me.partner.clone(),
            out_trade_no: out.into(),
            total_fee: Amount::from_fen(200),
            kind: TradeKind::Instant,
            status,
            notify_url: None,
            trade_no: None,
        })
    };
    let paid = trade("NOPWD-PAID", TradeStatus::TradeSuccess);
    let closed = trade("NOPWD-CLOSED", TradeStatus::TradeClosed);
    let finished = trade("NOPWD-FINISHED", TradeStatus::TradeFinished);
    let day = today();
    let request = |batch_no: String, items: &[(&str, &str)]| {
        let pwd = batch(
            &me.partner,
            &batch_no,
            &receiver.url,
            &items
                .iter()
                .map(|(t, a)| (*t, *a, "退款"))
                .collect::<Vec<_>>(),
        );
        RefundFastpayByPlatformNopwd {
            notify_url: pwd.notify_url,
            dback_notify_url: None,
            batch_no: pwd.batch_no,
            refund_date: pwd.refund_date,
            batch_num: pwd.batch_num,
            detail_data: pwd.detail_data,
            use_freeze_amount: None,
            return_type: None,
        }
    };

    // T: taken and carried out; each item's code in the notification.
    let first = request(
        format!("{day}201"),
        &[
            (&paid.trade_no, "1.50"),
            (&closed.trade_no, "1"),
            (&finished.trade_no, "1"),
            ("2099010100000001", "1"),
        ],
    );
    client.execute(&first).await.unwrap();
    assert_eq!(admin.refunded(&paid.trade_no), Amount::from_fen(150));
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<BatchRefundNopwdNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.success_num, 1);
    let codes: Vec<String> = n
        .result_details
        .items()
        .iter()
        .map(|r| r.trade.result.clone())
        .collect();
    assert_eq!(
        codes,
        [
            "SUCCESS",
            "TRADE_HAS_CLOSED",
            "TRADE_HAS_FINISHED",
            "TRADE_NOT_EXISTS"
        ]
    );

    // F for the whole batch, with Alipay's code, and no notification.
    let code = |e: alipay_client::Error| e.code().map(|c| c.as_str().to_owned());
    let again = client.execute(&first).await.unwrap_err();
    assert_eq!(code(again).as_deref(), Some("DUPLICATE_BATCH_NO"));
    let twice = request(
        format!("{day}202"),
        &[(&paid.trade_no, "0.10"), (&paid.trade_no, "0.10")],
    );
    let refused = client.execute(&twice).await.unwrap_err();
    assert_eq!(
        code(refused).as_deref(),
        Some("DUBL_TRADE_NO_IN_SAME_BATCH")
    );
    let mut stale = request(format!("{day}203"), &[(&paid.trade_no, "0.10")]);
    stale.refund_date = "2011-01-12 11:21:00".parse().unwrap();
    let refused = client.execute(&stale).await.unwrap_err();
    assert_eq!(code(refused).as_deref(), Some("REFUND_DATE_ERROR"));
    let old = request("20110112204".into(), &[(&paid.trade_no, "0.10")]);
    let refused = client.execute(&old).await.unwrap_err();
    assert_eq!(code(refused).as_deref(), Some("BATCH_NO_FORMAT_ERROR"));

    // Over the remainder (0.50 left): per item, nothing refunded.
    client
        .execute(&request(format!("{day}205"), &[(&paid.trade_no, "0.51")]))
        .await
        .unwrap();
    let hits = receiver.wait_for(2, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<BatchRefundNopwdNotify>(&hits[1].body)
        .await
        .unwrap();
    assert_eq!(
        n.result_details.items()[0].trade.result,
        "REFUND_AMOUNT_NOT_VALID"
    );
    assert_eq!(admin.refunded(&paid.trade_no), Amount::from_fen(150));
    assert_eq!(receiver.hits().len(), 2);
}
