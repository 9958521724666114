//! Both services against the toolkit's sandbox (each registered with one line), and held to their
//! spec files (one line each).

use alipay::client::Error;
use alipay::page::Method;
use alipay::sandbox::Sandbox;
use alipay::sign::Md5Key;
use alipay::types::TradeStatus;
use alipay::{Client, Config};
use alipay_outside_example::close_trade::{CloseTrade, TradeRole};
use alipay_outside_example::{PartnerTrade, TradeStatusSync};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The hidden inputs of a page form, as a browser posts them.
fn inputs(form: &str) -> Vec<(String, String)> {
    let attr = |input: &str, name: &str| {
        let start = input
            .find(&format!("{name}=\""))
            .map(|i| i + name.len() + 2)?;
        let end = input[start..].find('"')?;
        Some(
            input[start..start + end]
                .replace("&amp;", "&")
                .replace("&quot;", "\""),
        )
    };
    form.split("<input ")
        .skip(1)
        .filter_map(|input| Some((attr(input, "name")?, attr(input, "value")?)))
        .collect()
}

fn close(out_order_no: &str) -> CloseTrade {
    CloseTrade {
        trade_no: None,
        out_order_no: Some(out_order_no.into()),
        trade_role: Some(TradeRole::Seller),
        ip: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_opens_a_trade_and_close_trade_closes_it() -> Result {
    let sandbox = Sandbox::builder()
        .service::<CloseTrade>()
        .service::<PartnerTrade>()
        .start()
        .await?;
    let me = sandbox.first_partner();
    let config = Config::md5(me.partner.parse()?, Md5Key::new(me.md5_key.as_str()))
        .gateway(sandbox.gateway_url())
        .build()?;
    let client = Client::new(config)?;

    // The page service returns the form; the buyer's browser posts it and sees the cashier.
    let order = PartnerTrade {
        out_trade_no: "OUTSIDE-1".into(),
        ..PartnerTrade::example()
    };
    let form = client.page_form(&order, Method::Post)?;
    assert!(form.contains("name=\"service\" value=\"create_partner_trade_by_buyer\""));
    let body: Vec<(String, String)> = inputs(&form);
    let page = reqwest::Client::new()
        .post(format!("{}?_input_charset=utf-8", sandbox.gateway_url()))
        .form(&body)
        .send()
        .await?
        .text()
        .await?;
    let trade = sandbox
        .admin()
        .trade_by_out(&me.partner, "OUTSIDE-1")
        .ok_or(format!("no trade was opened; the page said: {page}"))?;
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);
    assert!(page.contains(&trade.trade_no), "{page}");

    // close_trade closes it, by the merchant's order number.
    client.execute(&close("OUTSIDE-1")).await?;
    let closed = sandbox.admin().trade(&trade.trade_no).ok_or("gone")?;
    assert_eq!(closed.status, TradeStatus::TradeClosed);

    // Again: refused, with close_trade's own meaning and advice (from its spec), not the shared.
    let Err(Error::Service(e)) = client.execute(&close("OUTSIDE-1")).await else {
        panic!("a second close must be refused");
    };
    println!("{}: {}\nadvice: {}", e.code, e.meaning(), e.advice());
    assert_eq!(e.code.as_str(), "TRADE_STATUS_NOT_AVAILD");
    assert!(
        e.advice().starts_with("Do not close again"),
        "{}",
        e.advice()
    );
    assert_ne!(e.advice(), e.code.advice());
    Ok(())
}

#[test]
fn both_services_match_their_specs() {
    alipay::spec::assert_matches::<CloseTrade>("specs/close_trade.toml");
    alipay::spec::assert_matches::<PartnerTrade>("specs/create_partner_trade_by_buyer.toml");
    alipay::spec::assert_notification_matches::<TradeStatusSync>(
        "specs/create_partner_trade_by_buyer.toml",
    );
}

/// The spec files are what `alipay spec import` reads from the documents' tables (names, types,
/// nullability, examples), before the refinements their headers list.
#[test]
fn the_specs_are_imported_from_the_documents() -> Result {
    for name in ["close_trade", "create_partner_trade_by_buyer"] {
        let text = std::fs::read_to_string(format!("specs/source/{name}.txt"))?;
        let imported = alipay::spec::import(&text, &Default::default())?.spec;
        let spec = alipay::spec::Spec::load(format!("specs/{name}.toml"))?;
        let columns = |rows: &[alipay::spec::Row]| {
            rows.iter()
                .map(|r| (r.name.clone(), r.ty.clone(), r.nullable, r.example.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(columns(&imported.request), columns(&spec.request), "{name}");
        let table = |t: &Option<alipay::spec::ParamTable>| t.as_ref().map(|t| columns(&t.fields));
        assert_eq!(table(&imported.notify), table(&spec.notify), "{name}");
        let codes =
            |s: &alipay::spec::Spec| s.errors.iter().map(|e| e.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&imported), codes(&spec), "{name}");
    }
    Ok(())
}
