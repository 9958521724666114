//! The API services of a payment's life against the sandbox, through the catalog's types and the
//! client: each succeeds, and each error code the sandbox gives it comes back typed.
//! (`send_goods_confirm_by_platform`'s are in `ship.rs`, the page services' in `cashier.rs` and
//! `anti_phishing.rs`, `query_timestamp`'s success in `anti_phishing.rs`.)
#![allow(clippy::unwrap_used)]

mod support;

use alipay_core::ErrorCode;
use alipay_core::types::TradeStatus;
use alipay_sandbox::{NewTrade, Sandbox, TradeKind};
use alipay_services::close_trade::CloseTrade;
use alipay_services::single_trade_query::SingleTradeQuery;
use support::*;

fn trade(
    sandbox: &Sandbox,
    partner: &str,
    out: &str,
    kind: TradeKind,
    status: TradeStatus,
) -> String {
    sandbox
        .admin()
        .create_trade(NewTrade {
            partner: partner.into(),
            out_trade_no: out.into(),
            total_fee: "12.30".parse().unwrap(),
            kind,
            status,
            ..NewTrade::default()
        })
        .trade_no
}

fn close(trade_no: Option<&str>, out_order_no: Option<&str>) -> CloseTrade {
    CloseTrade {
        trade_no: trade_no.map(str::to_owned),
        out_order_no: out_order_no.map(str::to_owned),
        trade_role: None,
        ip: None,
    }
}

#[tokio::test]
async fn close_trade_closes_what_waits_and_refuses_the_rest() {
    let sandbox = start().await;
    let me = sandbox.first_partner().partner.clone();
    let client = md5_client(&sandbox);
    let unpaid = trade(
        &sandbox,
        &me,
        "C-1",
        TradeKind::Escrow,
        TradeStatus::WaitBuyerPay,
    );
    let by_out = trade(
        &sandbox,
        &me,
        "C-2",
        TradeKind::Instant,
        TradeStatus::WaitBuyerPay,
    );
    let cod = trade(
        &sandbox,
        &me,
        "C-3",
        TradeKind::Cod,
        TradeStatus::WaitSellerSendGoods,
    );
    let paid = trade(
        &sandbox,
        &me,
        "C-4",
        TradeKind::Escrow,
        TradeStatus::WaitSellerSendGoods,
    );
    let other = sandbox.admin().create_partner().partner;
    let theirs = trade(
        &sandbox,
        &other,
        "C-5",
        TradeKind::Escrow,
        TradeStatus::WaitBuyerPay,
    );

    // Success: by trade number, by the merchant's order number, a COD trade not yet shipped.
    client.execute(&close(Some(&unpaid), None)).await.unwrap();
    client.execute(&close(None, Some("C-2"))).await.unwrap();
    client.execute(&close(Some(&cod), None)).await.unwrap();
    for no in [&unpaid, &by_out, &cod] {
        assert_eq!(
            sandbox.admin().trade(no).unwrap().status,
            TradeStatus::TradeClosed
        );
    }
    let code = |e: alipay_client::Error| e.code().cloned();
    // A paid trade, and one closed already: TRADE_STATUS_NOT_AVAILD (not retried).
    for no in [&paid, &unpaid] {
        let refused = client.execute(&close(Some(no), None)).await.unwrap_err();
        assert_eq!(code(refused), Some(ErrorCode::TradeStatusNotAvaild));
    }
    // No such trade, another partner's, or numbers naming two trades: TRADE_NOT_EXIST.
    for request in [
        close(Some("2099010100000000"), None),
        close(Some(&theirs), None),
        close(None, Some("NO-SUCH-ORDER")),
        close(Some(&paid), Some("C-1")),
    ] {
        let refused = client.execute(&request).await.unwrap_err();
        assert_eq!(code(refused), Some(ErrorCode::TradeNotExist));
    }
    assert_eq!(
        sandbox.admin().trade(&theirs).unwrap().status,
        TradeStatus::WaitBuyerPay
    );
}

#[tokio::test]
async fn single_trade_query_answers_the_partners_own_trades() {
    let sandbox = start().await;
    let me = sandbox.first_partner().partner.clone();
    let client = md5_client(&sandbox);
    let mine = trade(
        &sandbox,
        &me,
        "Q-1",
        TradeKind::Escrow,
        TradeStatus::WaitSellerSendGoods,
    );
    let other = sandbox.admin().create_partner().partner;
    let theirs = trade(
        &sandbox,
        &other,
        "Q-2",
        TradeKind::Escrow,
        TradeStatus::WaitBuyerPay,
    );
    let query = |no: Option<&str>, out: Option<&str>| SingleTradeQuery {
        trade_no: no.map(str::to_owned),
        out_trade_no: out.map(str::to_owned),
    };
    for request in [query(Some(&mine), None), query(None, Some("Q-1"))] {
        let found = client.execute(&request).await.unwrap();
        assert_eq!(found.trade_no, mine);
        assert_eq!(found.out_trade_no.as_deref(), Some("Q-1"));
        assert_eq!(found.trade_status, TradeStatus::WaitSellerSendGoods);
        assert_eq!(found.total_fee.unwrap().to_string(), "12.30");
        assert_eq!(found.seller_id.as_deref(), Some(me.as_str()));
        assert_eq!(found.is_total_fee_adjust.as_deref(), Some("F"));
    }
    for request in [
        query(Some("2099010100000000"), None),
        query(Some(&theirs), None),
        query(None, Some("Q-2")),
        query(Some(&mine), Some("Q-2")),
    ] {
        let refused = client.execute(&request).await.unwrap_err();
        assert_eq!(refused.code().cloned(), Some(ErrorCode::TradeNotExist));
    }
}
