//! Merchant QR codes (`alipay.commerce.qrcode.create` / `.modify`): `biz_data` is a JSON object
//! with typed fields, sent by the client and read by the sandbox; a store has one code with a
//! channel fee and one without, asked again it answers the same; a modification keeps the
//! secondary merchant; a malformed object sent by hand is refused with `ILLEGAL_ARGUMENT`; the
//! codes survive a restart on a state file.

#![allow(clippy::unwrap_used)]

mod support;

use alipay_core::types::{DateTime, Json};
use alipay_services::alipay_commerce_qrcode_create::{
    BizType, ChannelFee, ChannelFeeType, QrcodeBizData, QrcodeCreate,
};
use alipay_services::alipay_commerce_qrcode_modify::QrcodeModify;
use support::*;

fn data(store: &str) -> QrcodeBizData {
    QrcodeBizData {
        secondary_merchant_industry: "5812".into(),
        secondary_merchant_id: "M_001".into(),
        secondary_merchant_name: "Mika's coffee shop".into(),
        store_id: store.into(),
        store_name: "Mika's".into(),
        trans_currency: "USD".into(),
        currency: "USD".into(),
        country_code: Some("US".into()),
        ..QrcodeBizData::default()
    }
}

fn create(data: QrcodeBizData) -> QrcodeCreate {
    QrcodeCreate {
        timestamp: DateTime::now(),
        notify_url: None,
        biz_type: BizType::OverseaShopQrcode,
        biz_data: Json(data),
    }
}

#[tokio::test]
async fn a_store_has_a_code_with_a_fee_and_one_without_and_a_modification_keeps_the_merchant() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    let client = md5_client(&sandbox);
    let first = client.execute(&create(data("S-01"))).await.unwrap();
    let code = first.qrcode.unwrap();
    assert!(code.starts_with("https://qr.alipay.com/"), "{code}");
    assert!(
        first
            .qrcode_img_url
            .unwrap()
            .starts_with("https://mobilecodec.alipay.com/")
    );
    // Asked again: the same code.
    let again = client.execute(&create(data("S-01"))).await.unwrap();
    assert_eq!(again.qrcode.as_deref(), Some(code.as_str()));
    // With a channel fee: the store's second code; another store: another code.
    let with_fee = QrcodeBizData {
        channel_fee: Some(ChannelFee {
            kind: ChannelFeeType::Rate,
            value: "0.02".into(),
        }),
        ..data("S-01")
    };
    let second = client.execute(&create(with_fee)).await.unwrap();
    assert_ne!(second.qrcode.as_deref(), Some(code.as_str()));
    let other = client.execute(&create(data("S-02"))).await.unwrap();
    assert_ne!(other.qrcode.as_deref(), Some(code.as_str()));
    // Another secondary merchant's store of the same id is another store.
    let elsewhere = QrcodeBizData {
        secondary_merchant_id: "M_009".into(),
        ..data("S-01")
    };
    let theirs = client.execute(&create(elsewhere)).await.unwrap();
    assert_ne!(theirs.qrcode.as_deref(), Some(code.as_str()));

    let modify = |qrcode: &str, data: QrcodeBizData| QrcodeModify {
        timestamp: DateTime::now(),
        notify_url: None,
        biz_type: BizType::OverseaShopQrcode,
        qrcode: qrcode.into(),
        biz_data: Json(data),
    };
    let renamed = QrcodeBizData {
        store_name: "Mika's on Main St".into(),
        ..data("S-01")
    };
    let done = client
        .execute(&modify(&code, renamed.clone()))
        .await
        .unwrap();
    assert_eq!(done.qrcode.as_deref(), Some(code.as_str()));
    let code_of = |e: alipay_client::Error| e.code().map(|c| c.as_str().to_owned());
    let moved = QrcodeBizData {
        secondary_merchant_id: "M_002".into(),
        ..renamed
    };
    let refused = client.execute(&modify(&code, moved)).await.unwrap_err();
    assert_eq!(code_of(refused).as_deref(), Some("ILLEGAL_ARGUMENT"));
    let unknown = client
        .execute(&modify("https://qr.alipay.com/nothing", data("S-01")))
        .await
        .unwrap_err();
    assert_eq!(code_of(unknown).as_deref(), Some("ILLEGAL_ARGUMENT"));

    // A JSON object missing a required field, signed by hand: the table's refusal.
    let http = http();
    let signed = md5_signed(
        &[
            ("service", "alipay.commerce.qrcode.create"),
            ("partner", me.partner.as_str()),
            ("_input_charset", "utf-8"),
            ("timestamp", "2026-12-05 10:00:00"),
            ("biz_type", "OVERSEASHOPQRCODE"),
            ("biz_data", r#"{"secondary_merchant_industry":"5812"}"#),
        ],
        &me.md5_key,
        false,
    );
    let answer = post(&http, &sandbox, "", &encode(&signed, false)).await;
    assert_eq!(answer.code(), "ILLEGAL_ARGUMENT");
}

#[tokio::test]
async fn codes_survive_a_restart_on_a_state_file() {
    let dir = state_dir("qrcode");
    let path = dir.join("sandbox.db");
    let open = || start_with_state(&path, 1.0);
    let with_fee = QrcodeBizData {
        channel_fee: Some(ChannelFee {
            kind: ChannelFeeType::Rate,
            value: "0.02".into(),
        }),
        ..data("S-09")
    };
    let first = open().await;
    let code = md5_client(&first)
        .execute(&create(with_fee.clone()))
        .await
        .unwrap()
        .qrcode
        .unwrap();
    first.shutdown().await;

    let again = open().await;
    let client = md5_client(&again);
    // The same store and kind of code: the stored code, not a new one.
    let repeat = client.execute(&create(with_fee.clone())).await.unwrap();
    assert_eq!(repeat.qrcode.as_deref(), Some(code.as_str()));
    // The stored data still hold the code's rules: the channel fee cannot be dropped.
    let modify = |data: QrcodeBizData| QrcodeModify {
        timestamp: DateTime::now(),
        notify_url: None,
        biz_type: BizType::OverseaShopQrcode,
        qrcode: code.clone(),
        biz_data: Json(data),
    };
    let refused = client.execute(&modify(data("S-09"))).await.unwrap_err();
    assert_eq!(
        refused.code().map(|c| c.as_str().to_owned()).as_deref(),
        Some("ILLEGAL_ARGUMENT")
    );
    let renamed = QrcodeBizData {
        store_name: "Mika's, moved".into(),
        ..with_fee
    };
    let done = client.execute(&modify(renamed)).await.unwrap();
    assert_eq!(done.qrcode.as_deref(), Some(code.as_str()));
    again.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
