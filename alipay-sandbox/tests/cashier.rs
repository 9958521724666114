//! The cashier: a page service opens the trade and its cashier page; the buyer pays with the page's
//! form (plain HTML, no script); the browser is sent back to `return_url` with a signed return the
//! client verifies into the catalog's return table; the notification reaches `notify_url` and
//! verifies into the notification table; paying again changes nothing.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::service::Method;
use alipay_core::types::{HttpUrl, TradeStatus};
use alipay_services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyer, CreatePartnerTradeByBuyerNotify, CreatePartnerTradeByBuyerReturn,
};
use support::*;

/// The `name`/`value` pairs of the hidden inputs inside the form with id `form_id`.
fn hidden_inputs(html: &str, form_id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("<form id=\"{form_id}\""))
        .unwrap_or_else(|| panic!("no form {form_id} in {html}"));
    let end = start + html[start..].find("</form>").unwrap();
    let attr = |input: &str, name: &str| {
        let at = input.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let len = input[at..].find('"').unwrap();
        input[at..at + len].replace("&amp;", "&")
    };
    html[start..end]
        .split("<input ")
        .skip(1)
        .map(|input| (attr(input, "name"), attr(input, "value")))
        .collect()
}

#[tokio::test]
async fn the_buyer_pays_at_the_cashier_and_comes_back_with_a_signed_return() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let order = CreatePartnerTradeByBuyer {
        out_trade_no: "CASHIER-1".into(),
        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
        return_url: Some(HttpUrl::parse("https://shop.example/return").unwrap()),
        ..CreatePartnerTradeByBuyer::example()
    };
    let http = http();

    // The page form, posted as a browser posts it, opens the trade and shows the cashier.
    let form = client.page_form(&order, Method::Post).unwrap();
    let body = encode(&hidden_inputs(&form, "alipaysubmit"), false);
    let cashier = post(&http, &sandbox, "_input_charset=utf-8", &body).await;
    assert_eq!(cashier.status, 200);
    let page = cashier.text();
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "CASHIER-1")
        .unwrap();
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);

    // Cancel: nothing changes, back to the order's show_url.
    let cancel = encode(&hidden_inputs(&page, "cancel"), false);
    let left = http
        .post(format!("http://{}/cashier/cancel", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(cancel)
        .send()
        .await
        .unwrap();
    assert_eq!(left.status(), 302);
    assert_eq!(
        left.headers()["location"].to_str().unwrap(),
        order.show_url.as_ref().unwrap().as_str()
    );
    assert_eq!(
        sandbox.admin().trade(&trade.trade_no).unwrap().status,
        TradeStatus::WaitBuyerPay
    );

    // Pay: 302 to return_url with the signed return, which verifies into the return table.
    let pay = encode(&hidden_inputs(&page, "pay"), false);
    let paid = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(pay.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 302);
    let location = paid.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("https://shop.example/return?"),
        "{location}"
    );
    let back = client
        .verify_return::<CreatePartnerTradeByBuyerReturn>(&location)
        .unwrap();
    assert_eq!(back.trade_no, trade.trade_no);
    assert_eq!(back.trade_status, TradeStatus::WaitSellerSendGoods);
    assert_eq!(back.is_success, "T");
    assert_eq!(back.subject, order.subject);
    assert_eq!(back.total_fee, trade.total_fee);
    assert_eq!(
        sandbox.admin().trade(&trade.trade_no).unwrap().status,
        TradeStatus::WaitSellerSendGoods
    );

    // The notification reaches notify_url and verifies into the notification table.
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<CreatePartnerTradeByBuyerNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.trade_no, trade.trade_no);
    assert_eq!(n.trade_status, TradeStatus::WaitSellerSendGoods);
    assert_eq!(n.quantity, order.quantity);

    // Paying again: nothing changes, "already paid", no second notification.
    let again = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(pay)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("不会再次付款"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.hits().len(), 1);
    // The cashier page of a paid trade has no pay button.
    let reopened = post(&http, &sandbox, "_input_charset=utf-8", &body)
        .await
        .text();
    assert!(!reopened.contains("id=\"pay\""), "{reopened}");
}

/// Instant payment: paying makes the trade `TRADE_SUCCESS`, and the return verifies into
/// `create_direct_pay_by_user`'s return table.
#[tokio::test]
async fn an_instant_payment_succeeds_at_once() {
    use alipay_services::create_direct_pay_by_user::{
        CreateDirectPayByUser, CreateDirectPayByUserReturn,
    };
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let order = CreateDirectPayByUser {
        out_trade_no: "DIRECT-1".into(),
        return_url: Some(HttpUrl::parse("https://shop.example/done").unwrap()),
        notify_url: None,
        ..CreateDirectPayByUser::example()
    };
    let http = http();
    let url = client.page_url(&order).unwrap();
    let page = http.get(&url).send().await.unwrap().text().await.unwrap();
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "DIRECT-1")
        .unwrap_or_else(|| panic!("no trade; the page said {page}"));
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);
    let paid = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&hidden_inputs(&page, "pay"), false))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 302);
    let location = paid.headers()["location"].to_str().unwrap().to_owned();
    let back = client
        .verify_return::<CreateDirectPayByUserReturn>(&location)
        .unwrap();
    assert_eq!(back.trade_status, Some(TradeStatus::TradeSuccess));
    assert_eq!(back.trade_no.as_deref(), Some(trade.trade_no.as_str()));
}
