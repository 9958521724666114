//! The HTTP admin API: every endpoint, its errors, and that what it creates works at the gateway.

#![allow(clippy::unwrap_used)]

mod support;

use alipay_core::Charset;
use alipay_core::sign::SignType;
use alipay_core::types::TransportType;
use alipay_sandbox::{PartnerCredentials, TradeStatus};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay_services::sns_create_goods_ws::CreateGoods;
use serde_json::{Value, json};
use support::*;

struct Admin {
    http: reqwest::Client,
    base: String,
}

impl Admin {
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let mut request = self.http.request(method.parse().unwrap(), url);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }
}

fn credentials(v: &Value) -> PartnerCredentials {
    let s = |k: &str| v[k].as_str().unwrap().to_owned();
    PartnerCredentials {
        partner: s("partner"),
        md5_key: s("md5_key"),
        merchant_private_key_pem: s("merchant_private_key_pem"),
        merchant_public_key_pem: s("merchant_public_key_pem"),
        alipay_public_key_pem: s("alipay_public_key_pem"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint() {
    let sandbox = start_scaled(0.01).await;
    let admin = Admin {
        http: http(),
        base: format!("http://{}/admin", sandbox.addr()),
    };

    // Partners.
    let (status, created) = admin.call("POST", "/partners", None).await;
    assert_eq!(status, 201);
    let partner = credentials(&created);
    assert_eq!(sandbox.admin().partner(&partner.partner).unwrap(), partner);
    assert_eq!(
        partner.alipay_public_key_pem,
        sandbox.first_partner().alipay_public_key_pem
    );
    let dsa = json!({ "public_key_pem": KNOWN_DSA_PUBLIC });
    let path = format!("/partners/{}/dsa_key", partner.partner);
    assert_eq!(admin.call("POST", &path, Some(dsa.clone())).await.0, 204);
    let rsa = json!({ "public_key_pem": KNOWN_RSA_PUBLIC });
    assert_eq!(
        admin.call("POST", &path, Some(rsa)).await.0,
        400,
        "not a DSA key"
    );
    let unknown = "/partners/2088999999999999/dsa_key";
    assert_eq!(admin.call("POST", unknown, Some(dsa)).await.0, 404);

    // SNS users.
    let example = CreateGoods::example();
    let user = json!({ "partner": partner.partner, "sns_user_id": example.sns_user_id, "key": example.key });
    assert_eq!(admin.call("POST", "/sns_users", Some(user)).await.0, 201);
    let stranger = json!({ "partner": "2088999999999999", "sns_user_id": "u", "key": "k" });
    assert_eq!(
        admin.call("POST", "/sns_users", Some(stranger)).await.0,
        404
    );
    let typo = json!({ "partner": partner.partner, "sns_user": "u", "key": "k" });
    assert_eq!(admin.call("POST", "/sns_users", Some(typo)).await.0, 400);
    let empty = json!({ "partner": partner.partner, "sns_user_id": "", "key": "k" });
    assert_eq!(admin.call("POST", "/sns_users", Some(empty)).await.0, 400);
    // The partner and user created over HTTP work at the gateway.
    let client = client(&sandbox, &partner, SignType::Md5, Charset::Utf8);
    client.execute(&example).await.unwrap();

    // Trades.
    let receiver = Receiver::start(&[], "success").await;
    let new = json!({
        "partner": partner.partner, "out_trade_no": "o-1", "total_fee": "0.01",
        "kind": "cod", "notify_url": receiver.url,
    });
    let (status, trade) = admin.call("POST", "/trades", Some(new.clone())).await;
    assert_eq!(status, 201, "{trade}");
    let trade_no = trade["trade_no"].as_str().unwrap().to_owned();
    assert_eq!(trade_no.len(), 16);
    assert_eq!(trade["kind"], "cod");
    assert_eq!(trade["status"], "WAIT_SELLER_SEND_GOODS");
    assert_eq!(trade["total_fee"], "0.01");
    assert_eq!(
        admin.call("POST", "/trades", Some(new)).await.0,
        409,
        "same out_trade_no"
    );
    let given = json!({
        "partner": partner.partner, "out_trade_no": "o-2", "total_fee": "5",
        "trade_no": trade_no, "status": "WAIT_BUYER_PAY", "kind": "instant",
    });
    assert_eq!(
        admin.call("POST", "/trades", Some(given)).await.0,
        409,
        "same trade_no"
    );
    for bad in [
        json!({ "partner": partner.partner, "out_trade_no": "x", "total_fee": "0.001" }),
        json!({ "partner": partner.partner, "out_trade_no": "x", "total_fee": "1", "kind": "gift" }),
        json!({ "partner": partner.partner, "out_trade_no": "x", "total_fee": "1", "status": "PAID" }),
        json!({ "partner": partner.partner, "out_trade_no": "x", "total_fee": "1", "notify_url": "ftp://x" }),
        json!({ "partner": partner.partner, "out_trade_no": "", "total_fee": "1" }),
        json!({ "partner": partner.partner, "total_fee": "1" }),
    ] {
        assert_eq!(
            admin.call("POST", "/trades", Some(bad.clone())).await.0,
            400,
            "{bad}"
        );
    }
    let foreign = json!({ "partner": "2088999999999999", "out_trade_no": "x", "total_fee": "1" });
    assert_eq!(admin.call("POST", "/trades", Some(foreign)).await.0, 404);
    let (status, read) = admin
        .call("GET", &format!("/trades/{trade_no}"), None)
        .await;
    assert_eq!((status, &read), (200, &trade));
    assert_eq!(admin.call("GET", "/trades/1", None).await.0, 404);

    // Ship it at the gateway: the trade shows the shipment, the notification is listed.
    let ship = SendGoodsConfirm {
        trade_no: trade_no.clone(),
        logistics_name: "EMS".into(),
        invoice_no: None,
        transport_type: Some(TransportType::Ems),
        create_transport_type: None,
        seller_ip: None,
    };
    client.execute(&ship).await.unwrap();
    receiver
        .wait_for(1, std::time::Duration::from_secs(5))
        .await;
    let (_, shipped) = admin
        .call("GET", &format!("/trades/{trade_no}"), None)
        .await;
    assert_eq!(shipped["status"], "WAIT_BUYER_CONFIRM_GOODS");
    assert_eq!(shipped["shipment"]["transport_type"], "EMS");
    let (status, sent) = admin.call("GET", "/notifications", None).await;
    assert_eq!(status, 200);
    let sent = sent.as_array().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["trade_no"], trade_no.as_str());
    assert_eq!(sent[0]["attempt"], 1);
    assert_eq!(sent[0]["acknowledged"], true);

    // Status changes.
    let path = format!("/trades/{trade_no}/status");
    let (status, finished) = admin
        .call("PUT", &path, Some(json!({ "status": "TRADE_FINISHED" })))
        .await;
    assert_eq!(
        (status, finished["status"].as_str()),
        (200, Some("TRADE_FINISHED"))
    );
    assert_eq!(
        sandbox.admin().trade(&trade_no).unwrap().status,
        TradeStatus::TradeFinished
    );
    assert_eq!(
        admin
            .call("PUT", &path, Some(json!({ "status": "DONE" })))
            .await
            .0,
        400
    );
    let missing = "/trades/1/status";
    assert_eq!(
        admin
            .call("PUT", missing, Some(json!({ "status": "TRADE_FINISHED" })))
            .await
            .0,
        404
    );

    // Received requests.
    let (status, requests) = admin.call("GET", "/requests", None).await;
    assert_eq!(status, 200);
    let requests = requests.as_array().unwrap();
    assert!(
        requests
            .iter()
            .any(|r| r["service"] == "sns.create.goods.ws" && r["answer"] == "T")
    );
    assert!(
        !requests
            .iter()
            .any(|r| r.to_string().contains(&example.key)),
        "no SNS key"
    );

    // Faults.
    let faults = json!({ "retry_rate": 0.5, "latency_ms": 5 });
    let (status, set) = admin.call("PUT", "/faults", Some(faults)).await;
    assert_eq!(status, 200);
    assert_eq!(
        set,
        json!({ "retry_rate": 0.5, "system_error_rate": 0.0, "latency_ms": 5, "drop_rate": 0.0 })
    );
    assert_eq!(sandbox.admin().faults().retry_rate, 0.5);
    assert_eq!(admin.call("GET", "/faults", None).await.1, set);
    assert_eq!(
        admin
            .call("PUT", "/faults", Some(json!({ "drop_rate": 2 })))
            .await
            .0,
        400
    );
    assert_eq!(admin.call("PUT", "/faults", Some(json!({}))).await.0, 200);
    assert_eq!(sandbox.admin().faults(), alipay_sandbox::Faults::default());

    // Methods, paths, bodies.
    assert_eq!(admin.call("DELETE", "/partners", None).await.0, 405);
    assert_eq!(admin.call("GET", "/sns_users", None).await.0, 405);
    assert_eq!(admin.call("GET", "/nothing", None).await.0, 404);
    assert_eq!(admin.call("GET", "", None).await.0, 404);
    assert_eq!(
        admin
            .call("POST", "/trades", Some(Value::String("x".repeat(70_000))))
            .await
            .0,
        413
    );
    let (status, error) = admin.call("POST", "/sns_users", None).await;
    assert_eq!(status, 400);
    assert!(error["error"].as_str().unwrap().contains("JSON"));
}
