//! A JSON-valued parameter (`types::Json`): the merchant QR code's `biz_data`, read from a form
//! with its typed fields, each error naming the service, the parameter and the field in the
//! object; the declared rules on its fields; and the text written back.

use alipay_core::service::Request as _;
use alipay_core::types::WireValue as _;
use alipay_services::alipay_commerce_qrcode_create::{
    ChannelFee, ChannelFeeType, QrcodeBizData, QrcodeCreate,
};

fn params(biz_data: &str) -> Vec<(String, String)> {
    [
        ("timestamp", "2026-12-05 10:00:00"),
        ("biz_type", "OVERSEASHOPQRCODE"),
        ("biz_data", biz_data),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

const GOOD: &str = r#"{"secondary_merchant_industry":"5812","secondary_merchant_id":"M_001","secondary_merchant_name":"Mika's coffee shop","store_id":"S-01","store_name":"Mika's","trans_currency":"USD","currency":"USD","channel_fee":{"type":"RATE","value":"0.05"},"country_code":"US","is_show_memo":"true"}"#;

#[test]
fn a_json_parameter_reads_into_its_typed_fields_and_writes_back() {
    let request = QrcodeCreate::from_params(&params(GOOD)).unwrap();
    let data = &request.biz_data;
    assert_eq!(data.secondary_merchant_industry, "5812");
    assert_eq!(
        data.channel_fee,
        Some(ChannelFee {
            kind: ChannelFeeType::Rate,
            value: "0.05".into()
        })
    );
    // Written back compact, in the struct's order, absent fields left out, unknown ones dropped.
    let written = request.biz_data.to_wire();
    assert_eq!(
        written,
        r#"{"secondary_merchant_industry":"5812","secondary_merchant_id":"M_001","secondary_merchant_name":"Mika's coffee shop","store_id":"S-01","store_name":"Mika's","trans_currency":"USD","currency":"USD","channel_fee":{"type":"RATE","value":"0.05"},"country_code":"US"}"#
    );
}

#[test]
fn an_error_names_the_service_the_parameter_and_the_field() {
    let cases = [
        (
            GOOD.replace(r#""store_id":"S-01","#, ""),
            "missing field `store_id`",
        ),
        (
            GOOD.replace(r#""RATE""#, r#""PERCENT""#),
            "channel_fee.type",
        ),
        (
            GOOD.replace(r#""5812""#, "5812"),
            "secondary_merchant_industry",
        ),
        (format!("{GOOD} x"), "trailing characters"),
        (r#"["not an object"]"#.to_owned(), "biz_data"),
    ];
    for (text, expected) in cases {
        let e = QrcodeCreate::from_params(&params(&text)).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("alipay.commerce.qrcode.create"), "{shown}");
        assert!(shown.contains("biz_data"), "{shown}");
        assert!(shown.contains(expected), "{expected:?} not in {shown}");
    }
    // The declared rules on the fields.
    for (from, to, rule) in [
        (
            r#""5812""#,
            r#""58120""#,
            "secondary_merchant_industry must be an MCC",
        ),
        (r#""M_001""#, r#""M 001""#, "secondary_merchant_id must be"),
        (r#""0.05""#, r#""0.051""#, "channel_fee.value"),
        (r#""US""#, r#""usa""#, "country_code"),
    ] {
        let e = QrcodeCreate::from_params(&params(&GOOD.replace(from, to))).unwrap_err();
        assert!(e.to_string().contains(rule), "{rule:?} not in {e}");
    }
    // A typed struct that breaks them is refused before sending too.
    let mut data: QrcodeBizData = serde_json::from_str(GOOD).unwrap();
    data.channel_fee = Some(ChannelFee {
        kind: ChannelFeeType::Fixed,
        value: "1.005".into(),
    });
    let mut request = QrcodeCreate::from_params(&params(GOOD)).unwrap();
    request.biz_data = data.into();
    assert!(request.validate().is_err());
}
