//! Cross-border payments: `create_forex_trade` opens a trade priced in a foreign currency (or in
//! RMB at the sandbox's fixed rate, USD 7.1000), paying it finishes it and notifies the currency,
//! and `forex_refund` refunds it in part or whole with each of its codes.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::types::{Amount, CompactTime, HttpUrl, TradeStatus};
use alipay_services::create_forex_trade::{
    CreateForexTrade, CreateForexTradeNotify, ForexTradeStatus,
};
use alipay_services::forex_refund::{ForexRefund, ForexRefundNotify, RefundStatus};
use support::*;

fn order(out_trade_no: &str, currency: &str, notify_url: &str) -> CreateForexTrade {
    CreateForexTrade {
        notify_url: Some(HttpUrl::parse(notify_url).unwrap()),
        return_url: None,
        out_trade_no: out_trade_no.into(),
        currency: currency.into(),
        subject: "婴儿衣服".into(),
        body: None,
        total_fee: None,
        rmb_fee: None,
        timeout_rule: None,
        order_gmt_create: None,
        order_valid_time: None,
        auth_token: None,
        supplier: None,
        secondary_merchant_id: None,
        secondary_merchant_name: None,
        secondary_merchant_industry: None,
        seller_id: None,
        seller_name: None,
        seller_industry: None,
        refer_url: None,
        product_code: None,
        split_fund_info: None,
        trade_information: None,
    }
}

fn refund(
    out_trade_no: &str,
    out_return_no: &str,
    currency: &str,
    notify_url: &str,
) -> ForexRefund {
    ForexRefund {
        notify_url: Some(HttpUrl::parse(notify_url).unwrap()),
        out_return_no: out_return_no.into(),
        out_trade_no: out_trade_no.into(),
        return_amount: None,
        return_rmb_amount: None,
        currency: currency.into(),
        gmt_return: CompactTime::now(),
        reason: "product defect".into(),
        product_code: None,
        split_fund_info: None,
        is_sync: None,
    }
}

fn error_code(html: &str) -> Option<String> {
    let at = html.find("<span id=\"error\">")? + "<span id=\"error\">".len();
    Some(html[at..at + html[at..].find('<')?].to_owned())
}

#[tokio::test]
async fn a_forex_trade_is_paid_in_its_currency_and_refunded() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let http = http();
    let admin = sandbox.admin();

    // Priced in USD.
    let mut usd = order("FOREX-1", "USD", &receiver.url);
    usd.total_fee = Some("10.00".parse().unwrap());
    let page = http
        .get(client.page_url(&usd).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let trade = admin.trade_by_out(&me.partner, "FOREX-1").unwrap();
    assert_eq!(trade.total_fee, Amount::from_fen(1000));
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);
    admin.pay(&trade.trade_no).unwrap();
    assert_eq!(
        admin.trade(&trade.trade_no).unwrap().status,
        TradeStatus::TradeFinished
    );
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<CreateForexTradeNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.currency, "USD");
    assert_eq!(n.total_fee, Amount::from_fen(1000));
    assert_eq!(n.trade_status, ForexTradeStatus::TradeFinished);

    // Priced in RMB: 71.00 CNY at 7.1000 is 10.00 USD.
    let mut rmb = order("FOREX-2", "USD", &receiver.url);
    rmb.rmb_fee = Some("71.00".parse().unwrap());
    http.get(client.page_url(&rmb).unwrap())
        .send()
        .await
        .unwrap();
    let priced = admin.trade_by_out(&me.partner, "FOREX-2").unwrap();
    assert_eq!(priced.total_fee, Amount::from_fen(1000));

    // A currency the sandbox does not settle in.
    let mut odd = order("FOREX-3", "XYZ", &receiver.url);
    odd.total_fee = Some("1".parse().unwrap());
    let page = http
        .get(client.page_url(&odd).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(&page.text().await.unwrap()).as_deref(),
        Some("FOREX_MERCHANT_NOT_SUPPORT_THIS_CURRENCY")
    );

    // Refunds: 3.00 USD, T and a notification.
    let mut part = refund("FOREX-1", "R-1", "USD", &receiver.url);
    part.return_amount = Some("3.00".parse().unwrap());
    client.execute(&part).await.unwrap();
    let hits = receiver.wait_for(2, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<ForexRefundNotify>(&hits[1].body)
        .await
        .unwrap();
    assert_eq!(n.out_return_no, "R-1");
    assert_eq!(n.refund_status, RefundStatus::RefundSuccess);
    assert_eq!(n.return_amount, Some(Amount::from_fen(300)));
    assert_eq!(admin.refunded(&trade.trade_no), Amount::from_fen(300));

    let code = |e: alipay_client::Error| e.code().map(|c| c.as_str().to_owned());
    // The same refund again; more than is left; another currency; no such paid trade.
    let refused = client.execute(&part).await.unwrap_err();
    assert_eq!(
        code(refused).as_deref(),
        Some("REPEATED_REFUNDMENT_REQUEST")
    );
    let mut over = refund("FOREX-1", "R-2", "USD", &receiver.url);
    over.return_amount = Some("7.01".parse().unwrap());
    let refused = client.execute(&over).await.unwrap_err();
    assert_eq!(code(refused).as_deref(), Some("RETURN_AMOUNT_EXCEED"));
    let mut eur = refund("FOREX-1", "R-3", "EUR", &receiver.url);
    eur.return_amount = Some("1.00".parse().unwrap());
    let refused = client.execute(&eur).await.unwrap_err();
    assert_eq!(code(refused).as_deref(), Some("CURRENCY_NOT_SAME"));
    for out in ["FOREX-2", "NO-SUCH-ORDER"] {
        let mut unpaid = refund(out, "R-4", "USD", &receiver.url);
        unpaid.return_amount = Some("1.00".parse().unwrap());
        let refused = client.execute(&unpaid).await.unwrap_err();
        assert_eq!(code(refused).as_deref(), Some("PURCHASE_TRADE_NOT_EXIST"));
    }

    // The rest, in RMB: 49.70 CNY is 7.00 USD; the trade closes.
    let mut rest = refund("FOREX-1", "R-5", "USD", &receiver.url);
    rest.return_rmb_amount = Some("49.70".parse().unwrap());
    client.execute(&rest).await.unwrap();
    assert_eq!(admin.refunded(&trade.trade_no), Amount::from_fen(1000));
    assert_eq!(
        admin.trade(&trade.trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );
}

/// The order that opened a forex trade is kept in the state file: after a restart a refund in
/// another currency is still refused, and one in the trade's currency goes through.
#[tokio::test]
async fn the_trade_s_currency_survives_a_restart() {
    let dir = state_dir("forex");
    let path = dir.join("sandbox.db");
    let open = || start_with_state(&path, 1.0);
    let receiver = Receiver::start(&[], "success").await;
    let first = open().await;
    let me = first.first_partner().clone();
    let mut usd = order("FOREX-R", "USD", &receiver.url);
    usd.total_fee = Some("10.00".parse().unwrap());
    let page = http()
        .get(md5_client(&first).page_url(&usd).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let admin = first.admin();
    let trade = admin.trade_by_out(&me.partner, "FOREX-R").unwrap();
    admin.pay(&trade.trade_no).unwrap();
    first.shutdown().await;

    let again = open().await;
    let client = md5_client(&again);
    let mut eur = refund("FOREX-R", "R-1", "EUR", &receiver.url);
    eur.return_amount = Some("1.00".parse().unwrap());
    let refused = client.execute(&eur).await.unwrap_err();
    assert_eq!(
        refused.code().map(|c| c.as_str().to_owned()).as_deref(),
        Some("CURRENCY_NOT_SAME")
    );
    let mut same = refund("FOREX-R", "R-2", "USD", &receiver.url);
    same.return_amount = Some("1.00".parse().unwrap());
    client.execute(&same).await.unwrap();
    assert_eq!(
        again.admin().refunded(&trade.trade_no),
        Amount::from_fen(100)
    );
    again.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
