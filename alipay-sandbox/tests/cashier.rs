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
        // The document's sample key was never issued by this sandbox (see anti_phishing.rs).
        anti_phishing_key: None,
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

/// The buyer confirms receipt after shipping: at the cashier (the buyer's view of the trade has a
/// "confirm receipt" button only while the trade waits for it) and through the admin API; the
/// trade becomes `TRADE_FINISHED` and the change is notified and verifies; confirming twice, or a
/// trade not shipped, changes nothing.
#[tokio::test]
async fn the_buyer_confirms_receipt_and_the_trade_finishes() {
    use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let order = CreatePartnerTradeByBuyer {
        out_trade_no: "RECEIPT-1".into(),
        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
        return_url: None,
        ..CreatePartnerTradeByBuyer::example()
    };
    let http = http();
    let page = http
        .get(client.page_url(&order).unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "RECEIPT-1")
        .unwrap();
    let cashier = |path: &str| format!("http://{}/cashier/{path}", sandbox.addr());
    let view = |trade_no: String| {
        let http = http.clone();
        let url = cashier(&format!("trade?trade_no={trade_no}"));
        async move { http.get(url).send().await.unwrap().text().await.unwrap() }
    };
    // Not shipped yet: no button, and a confirmation is refused.
    assert!(
        !view(trade.trade_no.clone())
            .await
            .contains("id=\"confirm\"")
    );
    let refused = sandbox
        .admin()
        .confirm_receipt(&trade.trade_no)
        .unwrap_err();
    assert!(refused.to_string().contains("WAIT_BUYER_PAY"), "{refused}");
    let paid = http
        .post(cashier("pay"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&hidden_inputs(&page, "pay"), false))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 200);
    let shipped = client
        .execute(&SendGoodsConfirm {
            trade_no: trade.trade_no.clone(),
            logistics_name: "EMS".into(),
            invoice_no: None,
            transport_type: Some(alipay_core::types::TransportType::Ems),
            create_transport_type: None,
            seller_ip: None,
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shipped.trade_status, TradeStatus::WaitBuyerConfirmGoods);

    // The buyer's view now has the button; pressing it finishes the trade.
    let buyer_page = view(trade.trade_no.clone()).await;
    let form = hidden_inputs(&buyer_page, "confirm");
    let confirmed = http
        .post(cashier("confirm"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&form, false))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    assert_eq!(
        sandbox.admin().trade(&trade.trade_no).unwrap().status,
        TradeStatus::TradeFinished
    );
    // Paid, shipped, finished: three notifications; the last says TRADE_FINISHED and verifies.
    let hits = receiver.wait_for(3, Duration::from_secs(10)).await;
    let last = client
        .verify_notification_as::<CreatePartnerTradeByBuyerNotify>(&hits[2].body)
        .await
        .unwrap();
    assert_eq!(last.trade_status, TradeStatus::TradeFinished);
    assert_eq!(last.trade_no, trade.trade_no);

    // Again: refused, nothing changes, nothing more is sent.
    let again = http
        .post(cashier("confirm"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&form, false))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    assert!(
        !view(trade.trade_no.clone())
            .await
            .contains("id=\"confirm\"")
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.hits().len(), 3);

    // The admin API: 404 for no trade, 409 for a trade not shipped, 200 for a shipped one.
    let admin =
        |trade_no: &str| format!("http://{}/admin/trades/{trade_no}/confirm", sandbox.addr());
    assert_eq!(http.post(admin("1")).send().await.unwrap().status(), 404);
    assert_eq!(
        http.post(admin(&trade.trade_no))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    let other = sandbox.admin().create_trade(alipay_sandbox::NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "RECEIPT-2".into(),
        total_fee: "1.00".parse().unwrap(),
        status: TradeStatus::WaitBuyerConfirmGoods,
        ..alipay_sandbox::NewTrade::default()
    });
    let answer = http.post(admin(&other.trade_no)).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer.text().await.unwrap().contains("TRADE_FINISHED"));
}

/// `trade_create_by_buyer` (标准双接口): the cashier offers both payments; escrow makes the trade
/// `WAIT_SELLER_SEND_GOODS` (then shippable), instant payment finishes it at once (`TRADE_FINISHED`,
/// not shippable); the return and the notification verify into the service's own tables.
#[tokio::test]
async fn a_dual_trade_is_paid_as_the_buyer_chooses() {
    use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
    use alipay_services::trade_create_by_buyer::{
        TradeCreateByBuyer, TradeCreateByBuyerNotify, TradeCreateByBuyerReturn,
    };
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let http = http();
    for choice in ["escrow", "instant"] {
        let receiver = Receiver::start(&[], "success").await;
        let out_trade_no = format!("DUAL-{choice}");
        let order = TradeCreateByBuyer {
            out_trade_no: out_trade_no.clone(),
            notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
            return_url: Some(HttpUrl::parse("https://shop.example/dual").unwrap()),
            ..TradeCreateByBuyer::example()
        };
        let page = http
            .get(client.page_url(&order).unwrap())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"pay-escrow\"") && page.contains("id=\"pay-instant\""));
        let trade = sandbox
            .admin()
            .trade_by_out(&me.partner, &out_trade_no)
            .unwrap();
        assert_eq!(trade.kind.as_str(), "dual");
        let mut form = hidden_inputs(&page, "pay");
        form.push(("payment".into(), choice.into()));
        let paid = http
            .post(format!("http://{}/cashier/pay", sandbox.addr()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(&form, false))
            .send()
            .await
            .unwrap();
        assert_eq!(paid.status(), 302);
        let location = paid.headers()["location"].to_str().unwrap().to_owned();
        let back = client
            .verify_return::<TradeCreateByBuyerReturn>(&location)
            .unwrap();
        let expected = if choice == "instant" {
            TradeStatus::TradeFinished
        } else {
            TradeStatus::WaitSellerSendGoods
        };
        assert_eq!(back.trade_status, expected);
        let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
        let notified = client
            .verify_notification_as::<TradeCreateByBuyerNotify>(&hits[0].body)
            .await
            .unwrap();
        assert_eq!(notified.trade_status, expected);
        assert_eq!(
            notified.out_trade_no.as_deref(),
            Some(out_trade_no.as_str())
        );
        // Escrow ships; an instant payment has nothing to ship.
        let shipped = client
            .execute(&SendGoodsConfirm {
                trade_no: trade.trade_no.clone(),
                logistics_name: "EMS".into(),
                invoice_no: None,
                transport_type: Some(alipay_core::types::TransportType::Ems),
                create_transport_type: None,
                seller_ip: None,
            })
            .await;
        match choice {
            "escrow" => assert_eq!(
                shipped.unwrap().unwrap().trade_status,
                TradeStatus::WaitBuyerConfirmGoods
            ),
            _ => assert_eq!(
                shipped.unwrap_err().code().map(|c| c.as_str().to_owned()),
                Some("TRADE_STATUS_NOT_AVAILD".to_owned())
            ),
        }
    }
}

/// `alipay.wap.create.direct.pay.by.user` (手机网站支付): the phone's cashier (a page that fits a
/// phone's width), instant payment: `TRADE_SUCCESS`; the return and the notification verify into
/// the service's own tables.
#[tokio::test]
async fn a_phone_pays_at_the_mobile_cashier() {
    use alipay_services::alipay_wap_create_direct_pay_by_user::{
        PaymentType, WapCreateDirectPayByUser, WapCreateDirectPayByUserNotify,
        WapCreateDirectPayByUserReturn,
    };
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    // The document's required rows, and the two URLs.
    let order = WapCreateDirectPayByUser {
        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
        return_url: Some("https://m.shop.example/paid".into()),
        out_trade_no: "WAP-1".into(),
        subject: "大乐透".into(),
        total_fee: "9.00".parse().unwrap(),
        seller_id: me.partner.clone(),
        payment_type: PaymentType::V1,
        show_url: HttpUrl::parse("https://m.shop.example/item/1").unwrap(),
        body: None,
        it_b_pay: None,
        extern_token: None,
        otherfee: None,
        airticket: None,
        rn_check: None,
        buyer_cert_no: None,
        buyer_real_name: None,
        scene: None,
        hb_fq_param: None,
        goods_type: None,
        app_pay: None,
        promo_params: None,
    };
    let http = http();
    let page = http
        .get(client.page_url(&order).unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("name=\"viewport\""), "{page}");
    let trade = sandbox.admin().trade_by_out(&me.partner, "WAP-1").unwrap();
    assert_eq!(trade.total_fee, order.total_fee);
    let paid = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&hidden_inputs(&page, "pay"), false))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 302);
    let location = paid.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("https://m.shop.example/paid?"),
        "{location}"
    );
    let back = client
        .verify_return::<WapCreateDirectPayByUserReturn>(&location)
        .unwrap();
    assert_eq!(back.trade_status, Some(TradeStatus::TradeSuccess));
    assert_eq!(back.out_trade_no.as_deref(), Some("WAP-1"));
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<WapCreateDirectPayByUserNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.trade_status, Some(TradeStatus::TradeSuccess));
    assert_eq!(n.total_fee, Some(order.total_fee));
}

/// Without a browser, `Admin::pay` (and `POST /admin/trades/{trade_no}/pay`) pays a trade a page
/// service opened exactly as the cashier's button does: the notification goes out and the return
/// URL, signed in the page request's charset and sign type, verifies.
#[tokio::test]
async fn the_admin_api_pays_as_the_cashier_does() {
    use alipay_services::trade_create_by_buyer::TradeCreateByBuyer;
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let http = http();
    let order = CreatePartnerTradeByBuyer {
        out_trade_no: "ADMIN-PAY-1".into(),
        notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
        return_url: Some(HttpUrl::parse("https://shop.example/back").unwrap()),
        ..CreatePartnerTradeByBuyer::example()
    };
    http.get(client.page_url(&order).unwrap())
        .send()
        .await
        .unwrap();
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "ADMIN-PAY-1")
        .unwrap();
    let paid = sandbox.admin().pay(&trade.trade_no).unwrap();
    assert_eq!(paid.trade.status, TradeStatus::WaitSellerSendGoods);
    let back = client
        .verify_return::<CreatePartnerTradeByBuyerReturn>(paid.return_url.as_deref().unwrap())
        .unwrap();
    assert_eq!(back.trade_no, trade.trade_no);
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    client
        .verify_notification_as::<CreatePartnerTradeByBuyerNotify>(&hits[0].body)
        .await
        .unwrap();
    let again = sandbox.admin().pay(&trade.trade_no).unwrap_err();
    assert!(
        again.to_string().contains("WAIT_SELLER_SEND_GOODS"),
        "{again}"
    );

    // Over HTTP, a dual trade paid as an instant payment.
    let dual = TradeCreateByBuyer {
        out_trade_no: "ADMIN-PAY-2".into(),
        notify_url: None,
        return_url: None,
        ..TradeCreateByBuyer::example()
    };
    http.get(client.page_url(&dual).unwrap())
        .send()
        .await
        .unwrap();
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "ADMIN-PAY-2")
        .unwrap();
    let url = format!(
        "http://{}/admin/trades/{}/pay",
        sandbox.addr(),
        trade.trade_no
    );
    let answer = http
        .post(&url)
        .body(r#"{"payment": "instant"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let json: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(json["trade"]["status"], "TRADE_FINISHED");
    assert!(json["return_url"].is_null());
    assert_eq!(http.post(&url).send().await.unwrap().status(), 409);
    let missing = format!("http://{}/admin/trades/1/pay", sandbox.addr());
    assert_eq!(http.post(&missing).send().await.unwrap().status(), 404);
}
