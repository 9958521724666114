//! Services the catalog does not hold, added by a library author with one line each
//! (`Sandbox::builder().service::<R>()`), and the services played by name: `close_trade` and the
//! trade-creating page services.

#![allow(clippy::unwrap_used)]

mod support;

use alipay_client::{Client, Error};
use alipay_core::error::ErrorCode;
use alipay_core::service::Method;
use alipay_core::types::{Amount, TradeStatus};
use alipay_core::{Request, Response};
use alipay_sandbox::{NewTrade, Sandbox, SandboxConfig, TradeKind};
use alipay_services::close_trade::CloseTrade;
use support::*;

/// An outside crate's query: `example.lookup`, answered from its response table.
#[derive(Clone, Request)]
#[alipay(service = "example.lookup", response = Found, method = GET)]
pub struct Lookup {
    /// The order number.
    #[alipay(label = "订单号", ty = "String(32)", example = "A-1")]
    pub order_no: String,
}

/// Its answer.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "found")]
pub struct Found {
    /// The order number (echoed).
    #[alipay(label = "订单号", ty = "String(32)", example = "X-9")]
    pub order_no: String,
    /// The amount.
    #[alipay(label = "金额", example = "9.99")]
    pub amount: Amount,
    /// Not in every answer.
    #[alipay(label = "备注")]
    pub memo: Option<String>,
}

/// An outside crate's page service (a trade-creating one, by name).
#[derive(Clone, Request)]
#[alipay(service = "create_partner_trade_by_buyer", page, method = GET)]
pub struct PartnerTrade {
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)", example = "P-1")]
    pub out_trade_no: String,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)", example = "测试商品")]
    pub subject: String,
    /// 商品单价
    #[alipay(label = "商品单价", example = "0.01")]
    pub price: Amount,
    /// 购买数量
    #[alipay(label = "购买数量", example = "2")]
    pub quantity: u32,
}

async fn builder_sandbox() -> Sandbox {
    Sandbox::builder()
        .service::<Lookup>()
        .service::<PartnerTrade>()
        .config(SandboxConfig::default())
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_outside_service_is_checked_and_answered_from_its_table() {
    let sandbox = builder_sandbox().await;
    let client = md5_client(&sandbox);
    let found = client
        .execute(&Lookup {
            order_no: "B-2".into(),
        })
        .await
        .unwrap();
    // The request's value for a field of the same name, else the example; signed (the client
    // requires it).
    assert_eq!(found.order_no, "B-2");
    assert_eq!(found.amount, "9.99".parse().unwrap());
    assert_eq!(found.memo, None);
    // Its table's rules hold: too long for String(32).
    let http = http();
    let me = sandbox.first_partner();
    let long = "x".repeat(33);
    let pairs = md5_signed(
        &[
            ("service", "example.lookup"),
            ("partner", &me.partner),
            ("_input_charset", "utf-8"),
            ("order_no", &long),
        ],
        &me.md5_key,
        false,
    );
    let answer = get(&http, &sandbox, &encode(&pairs, false)).await;
    assert_eq!(answer.code(), "ILLEGAL_ARGUMENT");
    // The default sandbox does not know it.
    let plain = start().await;
    let err = md5_client(&plain)
        .execute(&Lookup::example())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::IllegalService));
}

#[tokio::test]
async fn a_handler_gives_a_service_its_own_logic() {
    let sandbox = Sandbox::builder()
        .handler::<Lookup, _>(|cx, request| {
            if request.order_no == "none" {
                return Err(ErrorCode::from_code("ORDER_NOT_EXIST"));
            }
            Ok(Found {
                order_no: request.order_no,
                amount: Amount::from_fen(1),
                memo: Some(format!("for {}", cx.partner())),
            })
        })
        .start()
        .await
        .unwrap();
    let client = md5_client(&sandbox);
    let found = client.execute(&Lookup::example()).await.unwrap();
    assert_eq!(found.amount, Amount::from_fen(1));
    assert_eq!(
        found.memo.unwrap(),
        format!("for {}", sandbox.first_partner().partner)
    );
    let err = client
        .execute(&Lookup {
            order_no: "none".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code().unwrap().as_str(), "ORDER_NOT_EXIST");
}

fn close(trade_no: Option<&str>, out_order_no: Option<&str>) -> CloseTrade {
    CloseTrade {
        trade_no: trade_no.map(Into::into),
        out_order_no: out_order_no.map(Into::into),
        trade_role: None,
        ip: None,
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    result.unwrap_err().code().unwrap().as_str().to_owned()
}

#[tokio::test]
async fn close_trade_closes_only_an_unpaid_trade() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let admin = sandbox.admin();
    let client: Client = md5_client(&sandbox);
    let trade = admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "C-1".into(),
        total_fee: Amount::from_fen(100),
        status: TradeStatus::WaitBuyerPay,
        ..NewTrade::default()
    });
    client
        .execute(&close(Some(&trade.trade_no), None))
        .await
        .unwrap();
    assert_eq!(
        admin.trade(&trade.trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );
    // Closed already: not closable.
    let again = client.execute(&close(Some(&trade.trade_no), None)).await;
    assert_eq!(code(again), "TRADE_STATUS_NOT_AVAILD");
    // Paid: not closable; by out_order_no.
    admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "C-2".into(),
        total_fee: Amount::from_fen(100),
        ..NewTrade::default()
    });
    let paid = client.execute(&close(None, Some("C-2"))).await;
    assert_eq!(code(paid), "TRADE_STATUS_NOT_AVAILD");
    // A COD trade waiting to ship is closable.
    admin.create_trade(NewTrade {
        partner: me.partner.clone(),
        out_trade_no: "C-3".into(),
        total_fee: Amount::from_fen(100),
        kind: TradeKind::Cod,
        ..NewTrade::default()
    });
    client.execute(&close(None, Some("C-3"))).await.unwrap();
    // Unknown, or the two numbers of different trades.
    let unknown = client.execute(&close(Some("2011031700597827"), None)).await;
    assert_eq!(code(unknown), "TRADE_NOT_EXIST");
    let mismatched = client
        .execute(&close(Some(&trade.trade_no), Some("C-2")))
        .await;
    assert_eq!(code(mismatched), "TRADE_NOT_EXIST");
}

#[tokio::test]
async fn a_page_service_shows_the_cashier_and_creates_the_trade() {
    let sandbox = builder_sandbox().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let http = http();
    let url = client.page_url(&PartnerTrade::example()).unwrap();
    let response = http.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let page = response.text().await.unwrap();
    assert!(page.contains("支付宝沙箱收银台"), "{page}");
    let trade = sandbox.admin().trade_by_out(&me.partner, "P-1").unwrap();
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);
    assert_eq!(trade.total_fee, Amount::from_fen(2));
    assert_eq!(trade.kind, TradeKind::Escrow);
    assert!(page.contains(&trade.trade_no), "{page}");
    // The same order again shows the same trade.
    let again = http.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(again.contains(&trade.trade_no));

    // The form, posted as a browser posts it, is the same request.
    let form = client
        .page_form(
            &PartnerTrade {
                out_trade_no: "P-2".into(),
                ..PartnerTrade::example()
            },
            Method::Post,
        )
        .unwrap();
    let inputs: Vec<(String, String)> = form
        .split("<input ")
        .skip(1)
        .map(|input| {
            let attr = |name: &str| {
                let start = input.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let len = input[start..].find('"').unwrap();
                input[start..start + len].to_owned()
            };
            (attr("name"), attr("value"))
        })
        .collect();
    let body = encode(&inputs, false);
    let answer = post(&http, &sandbox, "_input_charset=utf-8", &body).await;
    assert_eq!(answer.status, 200);
    assert!(answer.text().contains("P-2"));
    assert!(sandbox.admin().trade_by_out(&me.partner, "P-2").is_some());

    // A refused page request is an HTML page naming the code (the buyer's browser shows it).
    let mut tampered = inputs.clone();
    tampered
        .iter_mut()
        .find(|(k, _)| k == "quantity")
        .unwrap()
        .1 = "3".into();
    let answer = post(
        &http,
        &sandbox,
        "_input_charset=utf-8",
        &encode(&tampered, false),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert!(answer.content_type.starts_with("text/html"));
    assert!(answer.text().contains("ILLEGAL_SIGN"), "{}", answer.text());

    // The trade it created closes.
    client.execute(&close(None, Some("P-1"))).await.unwrap();
    assert_eq!(
        sandbox.admin().trade(&trade.trade_no).unwrap().status,
        TradeStatus::TradeClosed
    );
}
