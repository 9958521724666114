//! `send_goods_confirm_by_platform` and `single_trade_query` end to end: the trade state machine
//! of docs/protocol.md, every error code, through the client.

#![allow(clippy::unwrap_used)]

mod support;

use alipay_client::{Client, Error};
use alipay_core::sign::SignType;
use alipay_core::types::{Amount, TransportType};
use alipay_core::{Charset, ErrorCode};
use alipay_sandbox::{NewTrade, Sandbox, SandboxTrade, TradeKind, TradeStatus};
use alipay_services::send_goods_confirm_by_platform::{SendGoodsConfirm, TradeBase};
use alipay_services::single_trade_query::SingleTradeQuery;
use support::*;

fn ship(trade_no: &str) -> SendGoodsConfirm {
    SendGoodsConfirm {
        trade_no: trade_no.into(),
        logistics_name: "申通快递".into(),
        invoice_no: Some("TS00000001212".into()),
        transport_type: Some(TransportType::Express),
        create_transport_type: None,
        seller_ip: Some("192.168.1.1".into()),
    }
}

fn new_trade(sandbox: &Sandbox, kind: TradeKind, status: TradeStatus) -> SandboxTrade {
    sandbox.admin().create_trade(NewTrade {
        partner: sandbox.first_partner().partner.clone(),
        out_trade_no: format!("order-{}", fastrand::u64(..)),
        total_fee: "100.40".parse().unwrap(),
        kind,
        status,
        ..NewTrade::default()
    })
}

fn code<T: std::fmt::Debug>(result: Result<T, Error>) -> (ErrorCode, u32) {
    match result {
        Err(Error::Service(e)) => (e.code, e.attempts),
        other => panic!("expected a service error, got {other:?}"),
    }
}

async fn shipped(client: &Client, trade: &SandboxTrade) -> TradeBase {
    let base = client
        .execute(&ship(&trade.trade_no))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(base.trade_no, trade.trade_no);
    assert_eq!(base.trade_status, TradeStatus::WaitBuyerConfirmGoods);
    assert_eq!(
        base.out_trade_no.as_deref(),
        Some(trade.out_trade_no.as_str())
    );
    assert_eq!(base.total_fee, Some(trade.total_fee));
    assert_eq!(base.partner_id.as_deref(), Some(trade.partner.as_str()));
    assert_eq!(base.seller_user_id.as_deref(), Some(trade.partner.as_str()));
    assert_eq!(
        base.buyer_user_id.as_deref(),
        Some(trade.buyer_user_id.as_str())
    );
    assert_eq!(base.create_time, Some(trade.create_time));
    assert!(base.last_modified_time.unwrap() >= trade.create_time);
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escrow_and_cod_trades_ship_once_and_repeat_answers_t() {
    let sandbox = start().await;
    let admin = sandbox.admin();
    for (sign_type, charset) in [
        (SignType::Md5, Charset::Utf8),
        (SignType::Md5, Charset::Gbk),
        (SignType::Rsa2, Charset::Utf8),
        (SignType::Rsa, Charset::Gbk),
    ] {
        let client = client(&sandbox, sandbox.first_partner(), sign_type, charset);
        for kind in [TradeKind::Escrow, TradeKind::Cod] {
            let trade = new_trade(&sandbox, kind, TradeStatus::WaitSellerSendGoods);
            let first = shipped(&client, &trade).await;
            let stored = admin.trade(&trade.trade_no).unwrap();
            assert_eq!(stored.status, TradeStatus::WaitBuyerConfirmGoods);
            let shipment = stored.shipment.unwrap();
            assert_eq!(shipment.logistics_name, "申通快递", "{sign_type} {charset}");
            assert_eq!(shipment.invoice_no.as_deref(), Some("TS00000001212"));
            assert_eq!(shipment.transport_type, Some(TransportType::Express));
            // Idempotent: the repeat answers T with the same trade; nothing changes.
            let again = shipped(&client, &trade).await;
            assert_eq!(again, first);
            assert_eq!(
                admin.trade(&trade.trade_no).unwrap().shipment.unwrap(),
                shipment
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_leave_the_trade_unchanged() {
    let sandbox = start().await;
    let admin = sandbox.admin();
    let client = md5_client(&sandbox);
    // TRADE_NOT_EXIST.
    let (code_, attempts) = code(client.execute(&ship("2013102226991504")).await);
    assert_eq!((code_, attempts), (ErrorCode::TradeNotExist, 1));
    // TRADE_STATUS_NOT_AVAILD from every state but the two shippable ones; never retried.
    for status in TradeStatus::ALL {
        if matches!(
            status,
            TradeStatus::WaitSellerSendGoods | TradeStatus::WaitBuyerConfirmGoods
        ) {
            continue;
        }
        for kind in [TradeKind::Escrow, TradeKind::Cod] {
            let trade = new_trade(&sandbox, kind, status.clone());
            let (code_, attempts) = code(client.execute(&ship(&trade.trade_no)).await);
            assert_eq!(code_, ErrorCode::TradeStatusNotAvaild, "{kind} {status}");
            assert_eq!(attempts, 1);
            assert_eq!(admin.trade(&trade.trade_no).unwrap(), trade);
        }
    }
    // An instant-payment trade has nothing to ship, whatever its state.
    for status in [TradeStatus::WaitSellerSendGoods, TradeStatus::TradeSuccess] {
        let trade = new_trade(&sandbox, TradeKind::Instant, status);
        let (code_, _) = code(client.execute(&ship(&trade.trade_no)).await);
        assert_eq!(code_, ErrorCode::TradeStatusNotAvaild);
        assert_eq!(admin.trade(&trade.trade_no).unwrap(), trade);
    }
    // Another partner's trade is not visible.
    let other = admin.create_partner();
    let theirs = admin.create_trade(NewTrade {
        partner: other.partner.clone(),
        out_trade_no: "theirs".into(),
        total_fee: Amount::from_fen(1),
        ..NewTrade::default()
    });
    let (code_, _) = code(client.execute(&ship(&theirs.trade_no)).await);
    assert_eq!(code_, ErrorCode::TradeNotExist);
    assert_eq!(admin.trade(&theirs.trade_no).unwrap(), theirs);
    // Its own partner ships it.
    let their_client = client_of(&sandbox, &other);
    shipped(&their_client, &theirs).await;
    // A trade moved on by the buyer can no longer be shipped.
    admin.set_trade_status(&theirs.trade_no, TradeStatus::TradeFinished);
    let (code_, _) = code(their_client.execute(&ship(&theirs.trade_no)).await);
    assert_eq!(code_, ErrorCode::TradeStatusNotAvaild);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_table_applies() {
    let sandbox = start().await;
    let trade = new_trade(
        &sandbox,
        TradeKind::Escrow,
        TradeStatus::WaitSellerSendGoods,
    );
    let me = sandbox.first_partner().clone();
    let http = http();
    let base = [
        ("service", "send_goods_confirm_by_platform"),
        ("partner", me.partner.as_str()),
        ("_input_charset", "utf-8"),
        ("trade_no", trade.trade_no.as_str()),
        ("logistics_name", "申通快递"),
    ];
    let send = |extra: &[(&'static str, &'static str)]| {
        let mut pairs: Vec<(&str, &str)> = base.to_vec();
        pairs.extend_from_slice(extra);
        let signed = md5_signed(&pairs, &me.md5_key, false);
        let http = http.clone();
        let sandbox = &sandbox;
        async move {
            post(
                &http,
                sandbox,
                "_input_charset=utf-8",
                &encode(&signed, false),
            )
            .await
            .code()
        }
    };
    // Neither transport_type nor create_transport_type: the one-of rule.
    assert_eq!(send(&[]).await, "ILLEGAL_ARGUMENT");
    assert_eq!(
        send(&[("transport_type", "SHIP")]).await,
        "ILLEGAL_ARGUMENT"
    );
    assert_eq!(
        send(&[("transport_type", "POST"), ("seller_ip", "1.2.3")]).await,
        "ILLEGAL_ARGUMENT"
    );
    assert_eq!(
        send(&[("transport_type", "POST"), ("invoice_no", "")]).await,
        "ILLEGAL_ARGUMENT",
        "an optional parameter, when given, is not empty"
    );
    assert_eq!(sandbox.admin().trade(&trade.trade_no).unwrap(), trade);
    // create_transport_type alone is enough.
    assert_eq!(send(&[("create_transport_type", "EMS")]).await, "T");
    let shipment = sandbox
        .admin()
        .trade(&trade.trade_no)
        .unwrap()
        .shipment
        .unwrap();
    assert_eq!(shipment.transport_type, Some(TransportType::Ems));
    assert_eq!(shipment.invoice_no, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_trade_query_reads_the_store() {
    let sandbox = start().await;
    let admin = sandbox.admin();
    let client = md5_client(&sandbox);
    let trade = new_trade(&sandbox, TradeKind::Escrow, TradeStatus::WaitBuyerPay);
    let by_no = client
        .execute(&SingleTradeQuery {
            trade_no: Some(trade.trade_no.clone()),
            out_trade_no: None,
        })
        .await
        .unwrap();
    assert_eq!(by_no.trade_no, trade.trade_no);
    assert_eq!(by_no.trade_status, "WAIT_BUYER_PAY");
    assert_eq!(by_no.total_fee, Some(trade.total_fee));
    assert_eq!(by_no.gmt_create, Some(trade.create_time));
    let by_out = client
        .execute(&SingleTradeQuery {
            trade_no: None,
            out_trade_no: Some(trade.out_trade_no.clone()),
        })
        .await
        .unwrap();
    assert_eq!(by_out, by_no);
    admin.set_trade_status(&trade.trade_no, TradeStatus::TradeClosed);
    let closed = client
        .execute(&SingleTradeQuery {
            trade_no: Some(trade.trade_no.clone()),
            out_trade_no: Some(trade.out_trade_no.clone()),
        })
        .await
        .unwrap();
    assert_eq!(closed.trade_status, "TRADE_CLOSED");
    // Mismatched numbers, unknown numbers, another partner's trade.
    for (no, out) in [
        (Some(trade.trade_no.clone()), Some("other".to_owned())),
        (Some("2013102226991504".to_owned()), None),
        (None, Some("unknown".to_owned())),
    ] {
        let result = client
            .execute(&SingleTradeQuery {
                trade_no: no,
                out_trade_no: out,
            })
            .await;
        assert_eq!(code(result).0, ErrorCode::TradeNotExist);
    }
    let other = admin.create_partner();
    let other_client = client_of(&sandbox, &other);
    let result = other_client
        .execute(&SingleTradeQuery {
            trade_no: Some(trade.trade_no.clone()),
            out_trade_no: None,
        })
        .await;
    assert_eq!(code(result).0, ErrorCode::TradeNotExist);
}

fn client_of(sandbox: &Sandbox, partner: &alipay_sandbox::PartnerCredentials) -> Client {
    client(sandbox, partner, SignType::Md5, Charset::Utf8)
}
