//! Face-to-face payment (`alipay.acquire.*`) against the sandbox, through the client: the nested
//! `<response><alipay>…` answers with their `result_code`s and detail codes, the buyer's phone
//! (the QR code's page), the notification, queries, cancels and refunds, and what a repeat gets.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_core::types::{Amount, HttpUrl, TradeStatus};
use alipay_services::alipay_acquire_cancel::{self as cancel, AcquireCancel};
use alipay_services::alipay_acquire_createandpay::{
    self as pay, AcquireCreateAndPay, AcquireTradeNotify,
};
use alipay_services::alipay_acquire_precreate::{self as pre, AcquirePrecreate};
use alipay_services::alipay_acquire_query::{self as query, AcquireQuery};
use alipay_services::alipay_acquire_refund::{self as refund, AcquireRefund};
use support::*;

fn order(out: &str, fen: u64, code: &str) -> AcquireCreateAndPay {
    AcquireCreateAndPay {
        notify_url: None,
        alipay_ca_request: None,
        out_trade_no: out.into(),
        subject: "当面付".into(),
        product_code: "BARCODE_PAY_OFFLINE".into(),
        total_fee: Amount::from_fen(fen),
        seller_id: None,
        seller_email: None,
        buyer_id: None,
        buyer_email: None,
        operator_type: None,
        operator_id: None,
        body: None,
        show_url: None,
        currency: None,
        price: None,
        quantity: None,
        goods_detail: None,
        extend_params: None,
        it_b_pay: None,
        royalty_type: None,
        royalty_parameters: None,
        channel_parameters: None,
        dynamic_id_type: Some(pay::DynamicIdType::BarCode),
        dynamic_id: Some(code.into()),
        ref_ids: None,
        mcard_parameters: None,
        auth_no: None,
        promo_params: None,
        passback_parameters: None,
        agreement_info: None,
    }
}

fn ask(out: &str) -> AcquireQuery {
    AcquireQuery {
        alipay_ca_request: None,
        out_trade_no: Some(out.into()),
        trade_no: None,
    }
}

fn refund_of(out: &str, request: Option<&str>, fen: u64) -> AcquireRefund {
    AcquireRefund {
        notify_url: None,
        out_trade_no: Some(out.into()),
        trade_no: None,
        out_request_no: request.map(str::to_owned),
        refund_amount: Amount::from_fen(fen),
        refund_reason: Some("退货".into()),
        ref_ids: None,
        operator_type: None,
        operator_id: None,
    }
}

fn cancel_of(out: &str) -> AcquireCancel {
    AcquireCancel {
        out_trade_no: Some(out.into()),
        trade_no: None,
        operator_type: None,
        operator_id: None,
    }
}

#[tokio::test]
async fn a_payment_code_pays_at_once_and_a_repeat_is_refused_with_the_detail_code() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let receiver = Receiver::start(&[], "success").await;
    let paid = client
        .execute(&AcquireCreateAndPay {
            notify_url: Some(HttpUrl::parse(&receiver.url).unwrap()),
            ..order("F2F-1", 1_000, "286412345678901234")
        })
        .await
        .unwrap();
    assert_eq!(paid.result_code, pay::ResultCode::OrderSuccessPaySuccess);
    assert_eq!(paid.out_trade_no.as_deref(), Some("F2F-1"));
    assert_eq!(paid.total_fee, Some(Amount::from_fen(1_000)));
    assert!(paid.gmt_payment.is_some() && paid.detail_error_code.is_none());
    let bills = paid.fund_bill_list.unwrap();
    assert_eq!(bills.records()[0].amount, Amount::from_fen(1_000));
    let trade_no = paid.trade_no.unwrap();

    // The notification, read with the service's table.
    let hits = receiver.wait_for(1, Duration::from_secs(10)).await;
    let n = client
        .verify_notification_as::<AcquireTradeNotify>(&hits[0].body)
        .await
        .unwrap();
    assert_eq!(n.trade_no.as_deref(), Some(trade_no.as_str()));
    assert_eq!(n.trade_status, Some(pay::TradeStatus::TradeSuccess));

    let state = client.execute(&ask("F2F-1")).await.unwrap();
    assert_eq!(state.result_code, query::ResultCode::Success);
    assert_eq!(state.trade_status, Some(query::TradeStatus::TradeSuccess));
    assert_eq!(state.trade_no.as_deref(), Some(trade_no.as_str()));
    assert_eq!(state.fund_bill_list.unwrap().len(), 1);

    // A repeat of the paid order, and one with another amount.
    let again = client
        .execute(&order("F2F-1", 1_000, "286412345678901234"))
        .await
        .unwrap();
    assert_eq!(again.result_code, pay::ResultCode::OrderFail);
    assert_eq!(
        again.detail_error_code.as_deref(),
        Some("TRADE_HAS_SUCCESS")
    );
    assert_eq!(again.detail_error_des.as_deref(), Some("交易已经支付"));
    let changed = client
        .execute(&order("F2F-1", 999, "286412345678901234"))
        .await
        .unwrap();
    assert_eq!(
        changed.detail_error_code.as_deref(),
        Some("CONTEXT_INCONSISTENT")
    );
    assert_eq!(sandbox.admin().ledger().len(), 2, "one payment and its fee");
}

#[tokio::test]
async fn the_sandbox_s_test_codes_wait_fail_or_name_no_buyer() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let http = http();

    // …1111: the buyer confirms in the wallet; the phone's page pays it.
    let waiting = client
        .execute(&order("F2F-W", 500, "286400000000001111"))
        .await
        .unwrap();
    assert_eq!(
        waiting.result_code,
        pay::ResultCode::OrderSuccessPayInprocess
    );
    let trade_no = waiting.trade_no.unwrap();
    let state = client.execute(&ask("F2F-W")).await.unwrap();
    assert_eq!(state.trade_status, Some(query::TradeStatus::WaitBuyerPay));
    let phone = http
        .get(format!(
            "http://{}/cashier/scan?trade_no={trade_no}",
            sandbox.addr()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(phone.contains("<form id=\"pay\""), "{phone}");
    let paid = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("trade_no={trade_no}&_input_charset=utf-8"))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 200);
    let state = client.execute(&ask("F2F-W")).await.unwrap();
    assert_eq!(state.trade_status, Some(query::TradeStatus::TradeSuccess));

    // …2222: a bank card short of money; the trade is closed and a repeat says so.
    let short = client
        .execute(&order("F2F-S", 500, "286400000000002222"))
        .await
        .unwrap();
    assert_eq!(short.result_code, pay::ResultCode::OrderSuccessPayFail);
    assert_eq!(
        short.detail_error_code.as_deref(),
        Some("BUYER_BANKCARD_BALANCE_NOT_ENOUGH")
    );
    let state = client.execute(&ask("F2F-S")).await.unwrap();
    assert_eq!(state.trade_status, Some(query::TradeStatus::TradeClosed));
    let again = client
        .execute(&order("F2F-S", 500, "286400000000002222"))
        .await
        .unwrap();
    assert_eq!(again.detail_error_code.as_deref(), Some("TRADE_HAS_CLOSE"));

    // …3333: no such buyer, no trade; an unknown product.
    let nobody = client
        .execute(&order("F2F-N", 500, "286400000000003333"))
        .await
        .unwrap();
    assert_eq!(nobody.result_code, pay::ResultCode::OrderFail);
    assert_eq!(nobody.detail_error_code.as_deref(), Some("BUYER_NOT_EXIST"));
    assert!(nobody.trade_no.is_none());
    let unknown = client.execute(&ask("F2F-N")).await.unwrap();
    assert_eq!(unknown.result_code, query::ResultCode::Fail);
    assert_eq!(
        unknown.detail_error_code.as_deref(),
        Some("TRADE_NOT_EXIST")
    );
    let product = client
        .execute(&AcquireCreateAndPay {
            product_code: "SOMETHING_ELSE".into(),
            ..order("F2F-P", 500, "286412345678901234")
        })
        .await
        .unwrap();
    assert_eq!(
        product.detail_error_code.as_deref(),
        Some("UN_SUPPORT_BIZ_TYPE")
    );
}

#[tokio::test]
async fn a_qr_code_is_a_page_the_buyer_pays_and_a_repeat_shows_the_same_code() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let http = http();
    let request = AcquirePrecreate {
        out_trade_no: "QR-1".into(),
        subject: "扫码点单".into(),
        product_code: Some("QR_CODE_OFFLINE".into()),
        total_fee: Amount::from_fen(2_000),
        notify_url: None,
        body: None,
        channel_parameters: None,
        currency: None,
        extend_params: None,
        goods_detail: None,
        it_b_pay: Some("20m".into()),
        operator_code: None,
        operator_id: None,
        price: None,
        quantity: None,
        royalty_parameters: None,
        royalty_type: None,
        seller_email: None,
        seller_id: None,
        show_url: None,
    };
    let shown = client.execute(&request).await.unwrap();
    assert_eq!(shown.result_code, pre::ResultCode::Success);
    assert_eq!(shown.voucher_type.as_deref(), Some("qrcode"));
    let qr = shown.qr_code.clone().unwrap();
    assert!(
        qr.starts_with(&format!("http://{}/cashier/scan?", sandbox.addr())),
        "{qr}"
    );
    let again = client.execute(&request).await.unwrap();
    assert_eq!(again.qr_code.as_deref(), Some(qr.as_str()));

    let phone = http.get(&qr).send().await.unwrap().text().await.unwrap();
    assert!(phone.contains("20.00"), "{phone}");
    let trade_no = shown.trade_no.unwrap();
    let paid = http
        .post(format!("http://{}/cashier/pay", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("trade_no={trade_no}&_input_charset=utf-8"))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 200);
    let state = client.execute(&ask("QR-1")).await.unwrap();
    assert_eq!(state.trade_status, Some(query::TradeStatus::TradeSuccess));
    let repeat = client.execute(&request).await.unwrap();
    assert_eq!(repeat.result_code, pre::ResultCode::Fail);
    assert_eq!(
        repeat.detail_error_code.as_deref(),
        Some("TRADE_HAS_SUCCESS")
    );
    let changed = client
        .execute(&AcquirePrecreate {
            subject: "另一个".into(),
            ..request.clone()
        })
        .await
        .unwrap();
    assert_eq!(
        changed.detail_error_code.as_deref(),
        Some("CONTEXT_INCONSISTENT")
    );
}

#[tokio::test]
async fn refunds_are_named_by_their_request_and_never_exceed_the_payment() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let admin = sandbox.admin();
    let paid = client
        .execute(&order("RF-1", 1_000, "286412345678901234"))
        .await
        .unwrap();
    let trade_no = paid.trade_no.unwrap();

    let first = client
        .execute(&refund_of("RF-1", Some("R1"), 300))
        .await
        .unwrap();
    assert_eq!(first.result_code, refund::ResultCode::Success);
    assert_eq!(first.fund_change, Some(refund::FundChange::Y));
    assert_eq!(first.refund_fee, Some(Amount::from_fen(300)));
    assert_eq!(admin.refunded(&trade_no), Amount::from_fen(300));
    // The same refund again: its result, no money moved.
    let again = client
        .execute(&refund_of("RF-1", Some("R1"), 300))
        .await
        .unwrap();
    assert_eq!(again.result_code, refund::ResultCode::Success);
    assert_eq!(again.fund_change, Some(refund::FundChange::N));
    assert_eq!(admin.refunded(&trade_no), Amount::from_fen(300));
    // More than is left; a partial refund without a request number.
    let over = client
        .execute(&refund_of("RF-1", Some("R2"), 701))
        .await
        .unwrap();
    assert_eq!(over.result_code, refund::ResultCode::Fail);
    assert_eq!(over.detail_error_code.as_deref(), Some("INVALID_PARAMETER"));
    let unnamed = client.execute(&refund_of("RF-1", None, 100)).await.unwrap();
    assert_eq!(
        unnamed.detail_error_code.as_deref(),
        Some("INVALID_PARAMETER")
    );
    // The rest closes the trade; then the trade is closed; an unknown trade.
    let rest = client
        .execute(&refund_of("RF-1", Some("R3"), 700))
        .await
        .unwrap();
    assert_eq!(rest.result_code, refund::ResultCode::Success);
    assert_eq!(
        admin.trade(&trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );
    let closed = client
        .execute(&refund_of("RF-1", Some("R4"), 1))
        .await
        .unwrap();
    assert_eq!(closed.detail_error_code.as_deref(), Some("TRADE_HAS_CLOSE"));
    // A trade the buyer has not paid yet is not refundable (no source gives a code for it).
    let waiting = client
        .execute(&order("RF-W", 500, "286400000000001111"))
        .await
        .unwrap();
    assert_eq!(
        waiting.result_code,
        pay::ResultCode::OrderSuccessPayInprocess
    );
    let unpaid = client
        .execute(&refund_of("RF-W", Some("R1"), 100))
        .await
        .unwrap();
    assert_eq!(unpaid.result_code, refund::ResultCode::Fail);
    assert_eq!(
        unpaid.detail_error_code.as_deref(),
        Some("INVALID_PARAMETER")
    );
    let unknown = client
        .execute(&refund_of("RF-X", Some("R1"), 1))
        .await
        .unwrap();
    assert_eq!(
        unknown.detail_error_code.as_deref(),
        Some("TRADE_NOT_EXIST")
    );
    assert_eq!(admin.refunded(&trade_no), Amount::from_fen(1_000));
}

#[tokio::test]
async fn a_cancel_closes_a_waiting_trade_refunds_a_paid_one_and_refuses_a_finished_one() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let admin = sandbox.admin();

    // No such trade: cancelled, as the demo says.
    let none = client.execute(&cancel_of("CX-0")).await.unwrap();
    assert_eq!(none.result_code, cancel::ResultCode::Success);

    let waiting = client
        .execute(&order("CX-W", 500, "286400000000001111"))
        .await
        .unwrap();
    let done = client.execute(&cancel_of("CX-W")).await.unwrap();
    assert_eq!(done.result_code, cancel::ResultCode::Success);
    let waiting_no = waiting.trade_no.unwrap();
    assert_eq!(
        admin.trade(&waiting_no).unwrap().status,
        TradeStatus::TradeClosed
    );
    assert_eq!(admin.refunded(&waiting_no), Amount::ZERO);

    let paid = client
        .execute(&order("CX-P", 800, "286412345678901234"))
        .await
        .unwrap();
    let paid_no = paid.trade_no.unwrap();
    let done = client.execute(&cancel_of("CX-P")).await.unwrap();
    assert_eq!(done.result_code, cancel::ResultCode::Success);
    assert_eq!(admin.refunded(&paid_no), Amount::from_fen(800));
    assert_eq!(
        admin.trade(&paid_no).unwrap().status,
        TradeStatus::TradeClosed
    );
    // Again: the same answer, nothing more refunded.
    let again = client.execute(&cancel_of("CX-P")).await.unwrap();
    assert_eq!(again.result_code, cancel::ResultCode::Success);
    assert_eq!(admin.refunded(&paid_no), Amount::from_fen(800));
    // Partly refunded first: the cancel refunds the rest, and only when it did is it a success.
    let part = client
        .execute(&order("CX-R", 800, "286412345678901234"))
        .await
        .unwrap();
    let part_no = part.trade_no.unwrap();
    client
        .execute(&refund_of("CX-R", Some("R1"), 300))
        .await
        .unwrap();
    let done = client.execute(&cancel_of("CX-R")).await.unwrap();
    assert_eq!(done.result_code, cancel::ResultCode::Success);
    assert_eq!(admin.refunded(&part_no), Amount::from_fen(800));
    assert_eq!(
        admin.trade(&part_no).unwrap().status,
        TradeStatus::TradeClosed
    );

    let finished = client
        .execute(&order("CX-F", 800, "286412345678901234"))
        .await
        .unwrap();
    let finished_no = finished.trade_no.unwrap();
    admin.set_trade_status(&finished_no, TradeStatus::TradeFinished);
    let refused = client.execute(&cancel_of("CX-F")).await.unwrap();
    assert_eq!(refused.result_code, cancel::ResultCode::Fail);
    assert_eq!(refused.retry_flag, Some(cancel::RetryFlag::N));
}
