//! The derive on the source documents' services: samples, signing order, every rule, responses.
//!
//! Known answers are written out by hand from the source documents and checked with Python (commands next to
//! them), never produced by the code under test.

#![allow(clippy::unwrap_used)]

use std::borrow::Cow;

use alipay_core::service::{
    CommonParams, Method, Request, Response, ResponseErrorKind, Rule, ValidationErrors, Violation,
};
use alipay_core::types::{
    Amount, CompactTime, DateTime, TimestampMillis, TradeStatus, TransportType,
};
use alipay_core::{Charset, ErrorCode, canonical, xml};
use alipay_services::send_goods_confirm_by_platform::{SendGoodsConfirm, TradeBase};
use alipay_services::sns_create_goods_ws::{
    self, BizStatus, CreateGoods, FlowType, Goods, ValidDate, WhoPay,
};

const PARTNER: &str = "2088002464631181";
const SEND_GOODS_XML: &[u8] = include_bytes!("fixtures/xml/send_goods_confirm_success.xml");
const SNS_GOODS_XML: &[u8] = include_bytes!("fixtures/xml/sns_create_goods_ws.xml");

fn common() -> CommonParams<'static> {
    CommonParams {
        partner: PARTNER,
        charset: Charset::Utf8,
    }
}

fn signing_params<R: Request>(req: &R) -> Vec<(&'static str, Cow<'_, str>)> {
    let mut out = Vec::new();
    req.signing_params(&common(), &mut out);
    out
}

/// The violations as `(param, rule)`, for compact assertions.
fn rules(err: &ValidationErrors) -> Vec<(String, Rule)> {
    err.violations()
        .iter()
        .map(|v| (v.param.to_string(), v.rule.clone()))
        .collect()
}

fn only(err: &ValidationErrors) -> &Violation {
    assert_eq!(err.violations().len(), 1, "{err}");
    &err.violations()[0]
}

const SEED_SIGNING_STRING: &str = "_input_charset=utf-8&buy_max_num=100&flow_fee=11.50&flow_type=1&goods_fee=100.40&goods_info=8成新&goods_name=二手围巾&goods_total_num=100&key=20110511EF39E0403F8F48EF8E02121C9824210F&notify_url=http://www.test.com/notify/alipay/interface.htm&outer_goods_id=id2011434535743854&partner=2088002464631181&service=sns.create.goods.ws&sns_user_id=id20111107434343&timestamp=1309437333420&valid_date=15&who_pay=2";

// ---------------------------------------------------------------------------------------------
// The SNS document's sample

#[test]
fn seed_sample_validates() {
    let goods = CreateGoods::example();
    goods.validate().unwrap();
    assert_eq!(goods.goods_fee, Amount::from_fen(10040));
    assert_eq!(goods.flow_fee, Some(Amount::from_fen(1150)));
    assert_eq!(goods.flow_type, FlowType::Post);
    assert_eq!(goods.who_pay, Some(WhoPay::Seller));
    assert_eq!(goods.valid_date, ValidDate::FifteenDays);
    assert_eq!(
        goods.timestamp,
        Some(TimestampMillis::from_millis(1_309_437_333_420))
    );
    assert_eq!(goods.key, "20110511EF39E0403F8F48EF8E02121C9824210F");
    assert_eq!(
        goods.notify_url.as_str(),
        "http://www.test.com/notify/alipay/interface.htm"
    );
}

#[test]
fn seed_signing_string() {
    // Sorted independently:
    // python3 -c "p=dict(_input_charset='utf-8',service='sns.create.goods.ws',partner='2088002464631181',
    //   notify_url='http://www.test.com/notify/alipay/interface.htm',sns_user_id='id20111107434343',
    //   key='20110511EF39E0403F8F48EF8E02121C9824210F',outer_goods_id='id2011434535743854',
    //   goods_name='二手围巾',goods_info='8成新',goods_fee='100.40',goods_total_num='100',buy_max_num='100',
    //   flow_type='1',flow_fee='11.50',who_pay='2',valid_date='15',timestamp='1309437333420');
    //   print('&'.join(k+'='+v for k,v in sorted(p.items(), key=lambda kv: kv[0].encode())))"
    let goods = CreateGoods::example();
    let params = signing_params(&goods);
    assert_eq!(canonical::signing_string(&params), SEED_SIGNING_STRING);
}

#[test]
fn signing_params_come_out_sorted_without_empties() {
    let goods = CreateGoods::example();
    let params = signing_params(&goods);
    assert_eq!(params.len(), 17);
    assert!(params.is_sorted_by(|a, b| a.0.as_bytes() < b.0.as_bytes()));
    // Joined in the order given, without any sort, they are the signing string.
    let joined: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(joined.join("&"), SEED_SIGNING_STRING);
    // Strings and enums are borrowed; numbers and amounts are rendered.
    let by_name = |n: &str| params.iter().find(|(k, _)| *k == n).unwrap().1.clone();
    assert!(matches!(by_name("goods_name"), Cow::Borrowed(_)));
    assert!(matches!(by_name("flow_type"), Cow::Borrowed(_)));
    assert!(matches!(by_name("goods_fee"), Cow::Owned(_)));

    // None and empty values are omitted; so is an empty partner.
    let mut sparse = CreateGoods::example();
    sparse.flow_type = FlowType::NoLogistics;
    sparse.flow_fee = None;
    sparse.who_pay = None;
    sparse.timestamp = None;
    sparse.goods_info = String::new();
    let mut out = Vec::new();
    sparse.signing_params(
        &CommonParams {
            partner: "",
            charset: Charset::Gbk,
        },
        &mut out,
    );
    let names: Vec<&str> = out.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        names,
        [
            "_input_charset",
            "buy_max_num",
            "flow_type",
            "goods_fee",
            "goods_name",
            "goods_total_num",
            "key",
            "notify_url",
            "outer_goods_id",
            "service",
            "sns_user_id",
            "valid_date",
        ]
    );
    assert_eq!(out[0].1, "gbk");
}

#[test]
fn from_params_round_trips_the_sample() {
    let goods = CreateGoods::example();
    let params = signing_params(&goods);
    let back = CreateGoods::from_params(&params).unwrap();
    assert_eq!(back, goods);
    // With sign/sign_type and the common parameters too.
    let mut with_sign: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    with_sign.push(("sign", "abc"));
    with_sign.push(("sign_type", "MD5"));
    assert_eq!(CreateGoods::from_params(&with_sign).unwrap(), goods);
}

// ---------------------------------------------------------------------------------------------
// Metadata

#[test]
fn request_metadata_mirrors_the_table() {
    assert_eq!(CreateGoods::SERVICE, "sns.create.goods.ws");
    assert_eq!(CreateGoods::METHOD, Method::Get);
    let names: Vec<&str> = CreateGoods::PARAMS.iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "notify_url",
            "sns_user_id",
            "key",
            "outer_goods_id",
            "goods_name",
            "goods_info",
            "goods_fee",
            "goods_total_num",
            "buy_max_num",
            "flow_type",
            "flow_fee",
            "who_pay",
            "valid_date",
            "timestamp",
        ]
    );
    let nullable: Vec<&str> = CreateGoods::PARAMS
        .iter()
        .filter(|p| p.nullable)
        .map(|p| p.name)
        .collect();
    assert_eq!(nullable, ["flow_fee", "who_pay", "timestamp"]);
    let secret: Vec<&str> = CreateGoods::PARAMS
        .iter()
        .filter(|p| p.secret)
        .map(|p| p.name)
        .collect();
    assert_eq!(secret, ["key"]);

    let name = CreateGoods::param("goods_name").unwrap();
    assert_eq!(name.label, "商品名称");
    assert_eq!(name.ty, "String(128)");
    assert_eq!(name.max_len, Some(128));
    assert_eq!(name.example, Some("二手围巾"));
    assert_eq!(name.note, "创建的商品名称");
    assert_eq!(name.format, "text");
    assert!(name.allowed.is_empty());

    let flow_type = CreateGoods::param("flow_type").unwrap();
    assert_eq!(flow_type.allowed, ["8", "1", "2"]);
    assert_eq!(flow_type.note, "8不需要物流,1平邮, 2快递");
    assert_eq!(
        CreateGoods::param("valid_date").unwrap().allowed,
        ["1", "3", "7", "15", "30"]
    );
    assert_eq!(CreateGoods::param("who_pay").unwrap().allowed, ["1", "2"]);
    let timestamp = CreateGoods::param("timestamp").unwrap();
    assert_eq!((timestamp.ty, timestamp.max_len), ("String(14)", Some(14)));
    assert_eq!(
        CreateGoods::param("goods_fee").unwrap().format,
        "an amount in yuan with at most two decimals (e.g. 100.40)"
    );
    assert!(CreateGoods::param("sign").is_none());
    // Every row has its sample.
    assert!(CreateGoods::PARAMS.iter().all(|p| p.example.is_some()));

    assert_eq!(SendGoodsConfirm::SERVICE, "send_goods_confirm_by_platform");
    assert_eq!(SendGoodsConfirm::METHOD, Method::Post);
    assert!(SendGoodsConfirm::PARAMS.iter().all(|p| p.max_len.is_none()));
    assert_eq!(
        SendGoodsConfirm::param("transport_type").unwrap().allowed,
        ["POST", "EXPRESS", "EMS", "DIRECT"]
    );
}

#[test]
fn response_metadata_mirrors_the_table() {
    assert_eq!(Goods::ELEMENT, "goods");
    assert_eq!(Goods::FIELDS.len(), 15);
    let nullable: Vec<&str> = Goods::FIELDS
        .iter()
        .filter(|f| f.nullable)
        .map(|f| f.name)
        .collect();
    assert_eq!(nullable, ["flow_fee"]);
    let f = Goods::FIELDS
        .iter()
        .find(|f| f.name == "valid_time")
        .unwrap();
    assert_eq!(
        (f.label, f.ty, f.note),
        ("商品有效时间", "String(14)", "格式:yyyyMMddHHmmss")
    );
    let f = Goods::FIELDS
        .iter()
        .find(|f| f.name == "biz_status")
        .unwrap();
    assert_eq!(f.allowed, ["1", "2", "3", "4"]);
    assert_eq!(TradeBase::ELEMENT, "tradeBase");
    assert_eq!(TradeBase::FIELDS.len(), 26);
    assert_eq!(<Option<TradeBase> as Response>::ELEMENT, "tradeBase");
    assert_eq!(sns_create_goods_ws::ERROR_CODES.len(), 14);
    assert_eq!(
        <CreateGoods as Request>::ERROR_CODES,
        sns_create_goods_ws::ERROR_CODES
    );
    assert_eq!(
        sns_create_goods_ws::ERROR_CODES[0].code,
        "GOODS_CREATE_FAIL"
    );
    assert_eq!(
        sns_create_goods_ws::ERROR_CODES[13].code,
        "GOODS_EXISTS_ERROR"
    );
    assert!(
        sns_create_goods_ws::ERROR_CODES
            .iter()
            .all(|row| ErrorCode::from_code(row.code).is_known())
    );
}

// ---------------------------------------------------------------------------------------------
// Rules, each broken once

#[test]
fn required_missing() {
    let mut goods = CreateGoods::example();
    goods.sns_user_id.clear();
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(
        (v.param.as_ref(), &v.rule),
        ("sns_user_id", &Rule::Required)
    );
    assert_eq!(
        err.to_string(),
        "sns.create.goods.ws: parameter `sns_user_id` is required (可空 N) but missing or empty"
    );

    // Received without it.
    let params: Vec<(String, String)> = signing_params(&CreateGoods::example())
        .into_iter()
        .filter(|(k, _)| *k != "goods_name")
        .map(|(k, v)| (k.to_owned(), v.into_owned()))
        .collect();
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert_eq!(rules(&err), [("goods_name".to_owned(), Rule::Required)]);
}

#[test]
fn too_long_counts_characters() {
    let mut goods = CreateGoods::example();
    // 128 characters (384 UTF-8 bytes) fit String(128); 129 do not.
    goods.goods_name = "围".repeat(128);
    goods.validate().unwrap();
    goods.goods_name = "围".repeat(129);
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "goods_name");
    assert_eq!(
        v.rule,
        Rule::MaxLength {
            max: 128,
            actual: 129
        }
    );
    assert_eq!(v.value.as_deref(), Some("围".repeat(129).as_str()));

    // Numbers: the wire text of goods_total_num is String(5).
    let mut goods = CreateGoods::example();
    goods.goods_total_num = 123_456;
    goods.buy_max_num = 1;
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "goods_total_num");
    assert_eq!(v.rule, Rule::MaxLength { max: 5, actual: 6 });
    assert_eq!(v.value.as_deref(), Some("123456"));

    // Amounts: goods_fee is String(12): "123456789.12" fits, "1234567890.12" (13) does not.
    let mut goods = CreateGoods::example();
    goods.goods_fee = Amount::from_fen(12_345_678_912);
    goods.validate().unwrap();
    goods.goods_fee = Amount::from_fen(123_456_789_012);
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "goods_fee");
    assert_eq!(
        v.rule,
        Rule::MaxLength {
            max: 12,
            actual: 13
        }
    );
    assert_eq!(v.value.as_deref(), Some("1234567890.12"));
}

#[test]
fn bad_closed_value() {
    let params = replace(&[("flow_type", "5")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "flow_type");
    assert_eq!(
        v.rule,
        Rule::NotInSet {
            allowed: &["8", "1", "2"]
        }
    );
    assert_eq!(v.value.as_deref(), Some("5"));
    assert_eq!(
        err.to_string(),
        "sns.create.goods.ws: parameter `flow_type` must be one of 8, 1, 2 (value \"5\")"
    );
    let params = replace(&[("valid_date", "2")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert_eq!(
        rules(&err),
        [(
            "valid_date".to_owned(),
            Rule::NotInSet {
                allowed: &["1", "3", "7", "15", "30"]
            }
        )]
    );
}

#[test]
fn bad_format() {
    let params = replace(&[("goods_fee", "100.405")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "goods_fee");
    assert!(matches!(
        v.rule,
        Rule::Format {
            problem: alipay_core::types::Rule::TooManyDecimals,
            ..
        }
    ));
    assert_eq!(v.value.as_deref(), Some("100.405"));

    // A timestamp is 13 digits of milliseconds, whether received or built.
    let params = replace(&[("timestamp", "1309437333")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert_eq!(only(&err).param, "timestamp");
    let mut goods = CreateGoods::example();
    goods.timestamp = Some(TimestampMillis::from_millis(1_309_437_333));
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "timestamp");
    assert!(matches!(v.rule, Rule::Format { .. }), "{v}");

    let params = replace(&[("notify_url", "ftp://www.test.com/")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert_eq!(only(&err).param, "notify_url");
}

#[test]
fn one_of_empty() {
    let mut ship = SendGoodsConfirm::example();
    ship.validate().unwrap();
    ship.transport_type = None;
    ship.validate().unwrap(); // create_transport_type is enough
    ship.create_transport_type = None;
    let err = ship.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "transport_type");
    assert_eq!(
        v.rule,
        Rule::OneOf {
            params: &["transport_type", "create_transport_type"]
        }
    );
    assert_eq!(
        err.to_string(),
        "send_goods_confirm_by_platform: parameter `transport_type` is part of a group of which at least one must be set: transport_type, create_transport_type"
    );
}

#[test]
fn flow_fee_missing_or_zero_when_shipping() {
    let mut goods = CreateGoods::example();
    goods.flow_fee = None;
    let err = goods.validate().unwrap_err();
    assert_eq!(
        rules(&err),
        [(
            "flow_fee".to_owned(),
            Rule::RequiredIf {
                when: "flow_type",
                values: &["1", "2"]
            }
        )]
    );

    goods.flow_fee = Some(Amount::ZERO);
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(
        v.rule,
        Rule::PositiveIf {
            when: "flow_type",
            values: &["1", "2"]
        }
    );
    assert_eq!(v.value.as_deref(), Some("0.00"));

    // Without logistics neither rule applies.
    goods.flow_type = FlowType::NoLogistics;
    goods.flow_fee = None;
    goods.who_pay = None;
    goods.validate().unwrap();
}

#[test]
fn who_pay_missing_when_express() {
    let mut goods = CreateGoods::example();
    goods.flow_type = FlowType::Express;
    goods.who_pay = None;
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "who_pay");
    assert_eq!(
        v.rule,
        Rule::RequiredIf {
            when: "flow_type",
            values: &["1", "2"]
        }
    );
}

#[test]
fn buy_max_num_above_total() {
    let mut goods = CreateGoods::example();
    goods.buy_max_num = 101;
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "buy_max_num");
    assert_eq!(
        v.rule,
        Rule::Relation {
            op: "<=",
            other: "goods_total_num",
            other_value: Some("100".to_owned())
        }
    );
    assert_eq!(v.value.as_deref(), Some("101"));
    assert_eq!(
        err.to_string(),
        "sns.create.goods.ws: parameter `buy_max_num` must be <= goods_total_num (goods_total_num = \"100\") (value \"101\")"
    );
    goods.buy_max_num = 100;
    goods.validate().unwrap();
}

#[test]
fn optional_present_but_empty() {
    let mut ship = SendGoodsConfirm::example();
    ship.invoice_no = Some(String::new());
    let err = ship.validate().unwrap_err();
    assert_eq!(rules(&err), [("invoice_no".to_owned(), Rule::Empty)]);

    let params = [
        ("trade_no", "2013102226991504"),
        ("logistics_name", "申通快递"),
        ("transport_type", "EXPRESS"),
        ("seller_ip", ""),
    ];
    let err = SendGoodsConfirm::from_params(&params).unwrap_err();
    assert_eq!(rules(&err), [("seller_ip".to_owned(), Rule::Empty)]);
}

#[test]
fn custom_rule() {
    let mut ship = SendGoodsConfirm::example();
    ship.seller_ip = Some("2001:db8::1".to_owned());
    ship.validate().unwrap();
    ship.seller_ip = Some("192.168.1.300".to_owned());
    let err = ship.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "seller_ip");
    assert_eq!(
        v.rule,
        Rule::Custom("must be an IPv4 or IPv6 address, e.g. 192.168.1.1".to_owned())
    );
    assert_eq!(v.value.as_deref(), Some("192.168.1.300"));
}

#[test]
fn unknown_and_duplicate_parameters() {
    let mut params = replace(&[]);
    params.push(("gooods_name".to_owned(), "x".to_owned()));
    params.push(("flow_type".to_owned(), "2".to_owned()));
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert_eq!(
        rules(&err),
        [
            ("gooods_name".to_owned(), Rule::Unknown),
            ("flow_type".to_owned(), Rule::Duplicate),
        ]
    );
}

#[test]
fn all_violations_reported_together() {
    let mut goods = CreateGoods::example();
    goods.sns_user_id.clear();
    goods.goods_name = "x".repeat(129);
    goods.key = "K".repeat(41);
    goods.flow_type = FlowType::Express;
    goods.flow_fee = Some(Amount::ZERO);
    goods.who_pay = None;
    goods.buy_max_num = 500;
    let err = goods.validate().unwrap_err();
    assert_eq!(
        rules(&err),
        [
            ("sns_user_id".to_owned(), Rule::Required),
            (
                "key".to_owned(),
                Rule::MaxLength {
                    max: 40,
                    actual: 41
                }
            ),
            (
                "goods_name".to_owned(),
                Rule::MaxLength {
                    max: 128,
                    actual: 129
                }
            ),
            (
                "flow_fee".to_owned(),
                Rule::PositiveIf {
                    when: "flow_type",
                    values: &["1", "2"]
                }
            ),
            (
                "who_pay".to_owned(),
                Rule::RequiredIf {
                    when: "flow_type",
                    values: &["1", "2"]
                }
            ),
            (
                "buy_max_num".to_owned(),
                Rule::Relation {
                    op: "<=",
                    other: "goods_total_num",
                    other_value: Some("100".to_owned())
                }
            ),
        ]
    );
    let text = err.to_string();
    assert_eq!(text.lines().count(), 6);
    assert!(
        text.lines()
            .all(|l| l.starts_with("sns.create.goods.ws: parameter `"))
    );

    // Received parameters: every broken one at once, parse errors and cross-field rules together.
    let params = replace(&[
        ("goods_fee", "abc"),
        ("flow_type", "9"),
        ("who_pay", ""),
        ("buy_max_num", "101"),
    ]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    let names: Vec<&str> = err.violations().iter().map(|v| v.param.as_ref()).collect();
    assert_eq!(names, ["flow_type", "goods_fee", "who_pay"]); // in the order received
    // Once the fields parse, the cross-field rules run too.
    let params = replace(&[("who_pay", ""), ("buy_max_num", "101")]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    let names: Vec<&str> = err.violations().iter().map(|v| v.param.as_ref()).collect();
    assert_eq!(names, ["who_pay", "buy_max_num"]);
}

#[test]
fn secret_value_never_shown() {
    let secret = "S3CR3T".repeat(7); // 42 characters
    let mut goods = CreateGoods::example();
    goods.key = secret.clone();
    let err = goods.validate().unwrap_err();
    let v = only(&err);
    assert_eq!(v.param, "key");
    assert_eq!(
        v.rule,
        Rule::MaxLength {
            max: 40,
            actual: 42
        }
    );
    assert_eq!(v.value, None);
    assert!(v.secret);
    let text = format!("{err} {err:?}");
    assert!(!text.contains("S3CR3T"), "{text}");
    assert!(text.contains("value hidden"), "{text}");

    let params = replace(&[("key", &secret)]);
    let err = CreateGoods::from_params(&params).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("S3CR3T"));

    // Debug of the request hides it too (see `debug_hides_the_secret_and_shows_the_rest`).
    let goods = CreateGoods::example();
    assert!(!format!("{goods:?}").contains("20110511EF39E0403F8F48EF8E02121C9824210F"));
}

/// The SNS document's `key`, which no Debug or error text may contain.
const SEED_KEY: &str = "20110511EF39E0403F8F48EF8E02121C9824210F";

#[test]
fn debug_hides_the_secret_and_shows_the_rest() {
    let goods = CreateGoods::example();
    assert_eq!(goods.key, SEED_KEY);

    // Written by hand from the SNS document's 样例 column and each type's `Debug`.
    let expected = [
        (
            "notify_url",
            r#"HttpUrl("http://www.test.com/notify/alipay/interface.htm")"#,
        ),
        ("sns_user_id", r#""id20111107434343""#),
        ("key", "<secret>"),
        ("outer_goods_id", r#""id2011434535743854""#),
        ("goods_name", r#""二手围巾""#),
        ("goods_info", r#""8成新""#),
        ("goods_fee", "Amount(100.40)"),
        ("goods_total_num", "100"),
        ("buy_max_num", "100"),
        ("flow_type", "Post"),
        ("flow_fee", "Some(Amount(11.50))"),
        ("who_pay", "Some(Seller)"),
        ("valid_date", "FifteenDays"),
        ("timestamp", "Some(TimestampMillis(1309437333420))"),
    ];
    let fields: Vec<String> = expected.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let compact = format!("{goods:?}");
    assert_eq!(compact, format!("CreateGoods {{ {} }}", fields.join(", ")));
    assert!(!compact.contains(SEED_KEY), "{compact}");

    // `{:#?}`: one field per line, nested values indented; `<secret>` stays unquoted.
    let pretty = format!("{goods:#?}");
    assert_eq!(
        pretty,
        r#"CreateGoods {
    notify_url: HttpUrl("http://www.test.com/notify/alipay/interface.htm"),
    sns_user_id: "id20111107434343",
    key: <secret>,
    outer_goods_id: "id2011434535743854",
    goods_name: "二手围巾",
    goods_info: "8成新",
    goods_fee: Amount(100.40),
    goods_total_num: 100,
    buy_max_num: 100,
    flow_type: Post,
    flow_fee: Some(
        Amount(11.50),
    ),
    who_pay: Some(
        Seller,
    ),
    valid_date: FifteenDays,
    timestamp: Some(
        TimestampMillis(
            1309437333420,
        ),
    ),
}"#
    );
    assert!(!pretty.contains(SEED_KEY), "{pretty}");

    // Nor does a validation error about the key, however it is printed.
    let mut long = CreateGoods::example();
    long.key = format!("{SEED_KEY}0"); // 41 characters: one over `String(40)`
    let err = long.validate().unwrap_err();
    assert_eq!(only(&err).param, "key");
    for text in [
        format!("{err}"),
        format!("{err:?}"),
        format!("{err:#?}"),
        format!("{long:?}"),
    ] {
        assert!(!text.contains(SEED_KEY), "{text}");
    }
}

/// A secret `Option` prints `<secret>` whether it is set or not.
#[derive(alipay_core::Request)]
#[alipay(service = "test.secret.option", response = ())]
struct SecretOption {
    /// A secret that may be absent.
    #[alipay(secret)]
    token: Option<String>,
    /// A plain field after it, to show the order is kept.
    #[alipay(name = "type")]
    r#type: Option<String>,
}

#[test]
fn debug_of_a_secret_option_hides_presence_too() {
    let set = SecretOption {
        token: Some(SEED_KEY.to_owned()),
        r#type: Some("a".to_owned()),
    };
    let unset = SecretOption {
        token: None,
        r#type: None,
    };
    assert_eq!(
        format!("{set:?}"),
        r#"SecretOption { token: <secret>, type: Some("a") }"#
    );
    assert_eq!(
        format!("{unset:?}"),
        "SecretOption { token: <secret>, type: None }"
    );
    assert!(!format!("{set:#?}").contains(SEED_KEY));
}

/// The sample's signed parameters with some values replaced (or added).
fn replace(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = signing_params(&CreateGoods::example())
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_owned()))
        .collect();
    for (name, value) in changes {
        match params.iter_mut().find(|(k, _)| k == name) {
            Some(p) => p.1 = (*value).to_owned(),
            None => params.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    params
}

// ---------------------------------------------------------------------------------------------
// Responses

#[test]
fn seed_goods_sample_parses() {
    let envelope = xml::parse(SNS_GOODS_XML).unwrap();
    let goods = Goods::from_response(envelope.response.as_ref()).unwrap();
    assert_eq!(
        goods,
        Goods {
            seller_sns_id: "mollycseller".to_owned(),
            outer_goods_id: "8888888".to_owned(),
            goods_id: "2011092300022596".to_owned(),
            goods_name: "buy_max_num".to_owned(),
            goods_info: "buy_max_num".to_owned(),
            goods_fee: Amount::from_fen(21300),
            goods_total_num: 12345,
            buyer_max_num: 12,
            flow_type: FlowType::Post,
            flow_fee: Some(Amount::from_fen(100)),
            who_pay: WhoPay::Seller,
            valid_time: "20110926093412".parse::<CompactTime>().unwrap(),
            rec_days: 30,
            create_time: "20110923093412".parse::<CompactTime>().unwrap(),
            biz_status: BizStatus::OnSale,
        }
    );
}

#[test]
fn bad_goods_field_names_the_path_and_text() {
    let body = String::from_utf8(SNS_GOODS_XML.to_vec()).unwrap().replace(
        "<goods_fee>213.00</goods_fee>",
        "<goods_fee>21３.00</goods_fee>",
    );
    let envelope = xml::parse(body.as_bytes()).unwrap();
    let err = Goods::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(err.path(), "response/goods/goods_fee");
    let text = err.to_string();
    assert!(text.starts_with("response/goods/goods_fee: "), "{text}");
    assert!(text.contains("\"21３.00\""), "{text}");
    let ResponseErrorKind::Invalid(inner) = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(inner.value(), "21３.00");

    // A missing required child.
    let body = String::from_utf8(SNS_GOODS_XML.to_vec())
        .unwrap()
        .replace("<goods_id>2011092300022596</goods_id>", "");
    let envelope = xml::parse(body.as_bytes()).unwrap();
    let err = Goods::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "response/goods/goods_id: required element is missing or empty"
    );

    // A required text child with no text is missing too, not "".
    let body = String::from_utf8(SNS_GOODS_XML.to_vec()).unwrap().replace(
        "<goods_id>2011092300022596</goods_id>",
        "<goods_id></goods_id>",
    );
    let envelope = xml::parse(body.as_bytes()).unwrap();
    let err = Goods::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(err.path(), "response/goods/goods_id");
    assert_eq!(err.kind(), &ResponseErrorKind::Missing);

    // A child twice is refused (both copies would be signed; neither may be picked silently).
    let body = String::from_utf8(SNS_GOODS_XML.to_vec()).unwrap().replace(
        "<goods_fee>213.00</goods_fee>",
        "<goods_fee>1.00</goods_fee><goods_fee>213.00</goods_fee>",
    );
    let envelope = xml::parse(body.as_bytes()).unwrap();
    let err = Goods::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "response/goods/goods_fee: element appears more than once"
    );

    // Unknown children are ignored; an empty optional one is None.
    let body = String::from_utf8(SNS_GOODS_XML.to_vec()).unwrap().replace(
        "<flow_fee>1.00</flow_fee>",
        "<flow_fee></flow_fee><new_field>x</new_field>",
    );
    let envelope = xml::parse(body.as_bytes()).unwrap();
    let goods = Goods::from_response(envelope.response.as_ref()).unwrap();
    assert_eq!(goods.flow_fee, None);

    // The payload must be <goods>.
    let envelope = xml::parse(SEND_GOODS_XML).unwrap();
    let err = Goods::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(err.to_string(), "response/goods: found <tradeBase> instead");
    let err = Goods::from_response(None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "response/goods: the response has no payload"
    );
}

#[test]
fn send_goods_fixture_parses_into_trade_base() {
    let envelope = xml::parse(SEND_GOODS_XML).unwrap();
    let trade = <SendGoodsConfirm as Request>::Response::from_response(envelope.response.as_ref())
        .unwrap()
        .unwrap();
    assert_eq!(trade.trade_no, "2013102226991504");
    assert_eq!(trade.trade_status, TradeStatus::WaitBuyerConfirmGoods);
    assert_eq!(trade.total_fee, Some(Amount::from_fen(1)));
    assert_eq!(trade.service_fee, Some(Amount::ZERO));
    assert_eq!(
        trade.create_time,
        Some("2013-10-22 18:43:17".parse::<DateTime>().unwrap())
    );
    assert_eq!(
        trade.buyer_actions.as_deref(),
        Some("[REFUND, CONFIRM_GOODS]")
    );
    assert_eq!(
        trade.out_trade_no.as_deref(),
        Some("61433c7e-145d-4332-bfb4-220ce29de2c3")
    );
    assert_eq!(trade.trade_type.as_deref(), Some("S"));

    // The request echo of the fixture is a valid request of the service.
    let echo: Vec<(&str, &str)> = envelope.request.iter().collect();
    let ship = SendGoodsConfirm::from_params(&echo).unwrap();
    assert_eq!(ship.transport_type, Some(TransportType::Express));
    assert_eq!(ship.invoice_no.as_deref(), Some("TS00000001212"));

    // A bare success has no payload, which this service allows.
    let bare = xml::parse(b"<alipay><is_success>T</is_success></alipay>").unwrap();
    let none = <SendGoodsConfirm as Request>::Response::from_response(bare.response.as_ref());
    assert_eq!(none, Ok(None));
}

// ---------------------------------------------------------------------------------------------
// A type the derive does not know, with its own `__alipay_accepts`.

/// A hand-written closed set (not `wire_enum!`), as a user crate might write one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Colour {
    Red,
    Blue,
}

impl Colour {
    const fn __alipay_accepts(s: &str) -> bool {
        matches!(s.as_bytes(), b"red" | b"blue")
    }
}

impl alipay_core::types::WireValue for Colour {
    const FORMAT: &'static str = "a colour (red or blue)";

    fn parse_wire(s: &str) -> Result<Self, alipay_core::types::WireValueError> {
        match s {
            "red" => Ok(Self::Red),
            "blue" => Ok(Self::Blue),
            _ => Err(alipay_core::types::WireValueError::new(
                Self::FORMAT,
                alipay_core::types::Rule::NotOneOf(&["red", "blue"]),
                s,
            )),
        }
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            Self::Red => "red",
            Self::Blue => "blue",
        })
    }
}

#[derive(Debug, PartialEq, alipay_core::Response)]
#[alipay(element = "paint")]
struct Paint {
    #[alipay(example = "blue")]
    colour: Colour,
}

#[derive(PartialEq, alipay_core::Request)]
#[alipay(service = "test.paint", response = Paint)]
#[alipay(required_if(colour = "red", r#type), relation(colour < other))]
#[alipay(custom = not_both_red)]
struct PaintRequest {
    /// The colour.
    #[alipay(example = "red")]
    colour: Colour,
    /// Another colour.
    #[alipay(example = "blue")]
    other: Colour,
    /// A raw identifier: the wire name is `type`.
    #[alipay(max_len = 3, example = "abc")]
    r#type: Option<String>,
    /// A renamed parameter.
    #[alipay(name = "z_last", example = "7")]
    last: u64,
}

fn not_both_red(p: &PaintRequest) -> Result<(), Violation> {
    if p.colour == Colour::Red && p.other == Colour::Red {
        Err(Violation::custom("other", "cannot both be red", None))
    } else {
        Ok(())
    }
}

#[test]
fn user_types_raw_identifiers_and_renames() {
    let p = PaintRequest::example();
    assert_eq!(p.colour, Colour::Red);
    assert_eq!(p.r#type.as_deref(), Some("abc"));
    p.validate().unwrap();
    assert_eq!(
        canonical::signing_string(&signing_params(&p)),
        "_input_charset=utf-8&colour=red&other=blue&partner=2088002464631181&service=test.paint&type=abc&z_last=7"
    );
    assert_eq!(PaintRequest::param("type").unwrap().max_len, Some(3));
    assert_eq!(
        PaintRequest::param("colour").unwrap().allowed,
        [] as [&str; 0]
    );
    assert_eq!(PaintRequest::METHOD, Method::Post);

    let mut q = PaintRequest::example();
    q.r#type = None;
    q.other = Colour::Red;
    let err = q.validate().unwrap_err();
    let names: Vec<&str> = err.violations().iter().map(|v| v.param.as_ref()).collect();
    assert_eq!(names, ["type", "colour", "other"]);
    assert!(matches!(err.violations()[2].rule, Rule::Custom(ref m) if m == "cannot both be red"));

    let payload = xml::Payload {
        name: "paint".to_owned(),
        fields: [("colour", "red")].into_iter().collect(),
    };
    assert_eq!(
        Paint::from_payload(&payload),
        Ok(Paint {
            colour: Colour::Red
        })
    );
}

#[test]
fn write_fields_gives_the_payload_back_in_table_order() {
    for xml_bytes in [SNS_GOODS_XML, SEND_GOODS_XML] {
        let env = xml::parse(xml_bytes).unwrap();
        let payload = env.response.as_ref().unwrap();
        let expected: Vec<(String, String)> = payload
            .fields
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let written: Vec<(String, String)> = if payload.name == "goods" {
            let goods = Goods::from_payload(payload).unwrap();
            let fields = goods.to_fields();
            // Table order, as the derive declares it.
            let names: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
            let table: Vec<&str> = Goods::FIELDS.iter().map(|f| f.name).collect();
            assert_eq!(names, table);
            let mut rebuilt = xml::Fields::with_capacity(0, fields.len());
            for (k, v) in &fields {
                rebuilt.push(k, v);
            }
            let again = Goods::from_payload(&xml::Payload {
                name: "goods".into(),
                fields: rebuilt,
            })
            .unwrap();
            assert_eq!(again, goods);
            fields
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.into_owned()))
                .collect()
        } else {
            let trade = TradeBase::from_payload(payload).unwrap();
            trade
                .to_fields()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.into_owned()))
                .collect()
        };
        // The same values as the fixture (which is sorted by tag, the tables are not).
        let mut a = expected.clone();
        let mut b = written.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}

/// `#[alipay(crate = "…")]`: the generated code reaches the runtime through the given path, as a
/// crate that re-exports `alipay_core` under another name (the `alipay` facade) needs.
mod renamed_runtime {
    pub(crate) mod runtime {
        pub(crate) use alipay_core::*;
    }

    /// A request and a response declared through the path.
    #[derive(Clone, alipay_core::Request)]
    #[alipay(
        crate = "crate::renamed_runtime::runtime",
        service = "test.renamed",
        response = Echo,
        method = GET
    )]
    pub(crate) struct Ask {
        /// Any text.
        #[alipay(label = "文本", ty = "String(8)", example = "hello")]
        pub(crate) text: String,
    }

    /// The answer.
    #[derive(Debug, alipay_core::Response)]
    #[alipay(crate = "crate::renamed_runtime::runtime", element = "echo")]
    pub(crate) struct Echo {
        /// The text.
        #[alipay(label = "文本", example = "hello")]
        pub(crate) text: String,
    }
}

#[test]
fn the_crate_path_option_expands_through_the_given_path() {
    use renamed_runtime::{Ask, Echo};
    assert_eq!(Ask::SERVICE, "test.renamed");
    assert!(Ask::example().validate().is_ok());
    let too_long = Ask {
        text: "123456789".into(),
    };
    assert!(too_long.validate().is_err());
    assert_eq!(Echo::ELEMENT, "echo");
}

/// What a repeat means is declared on each catalog service (issue: retry as data).
#[test]
fn catalog_services_declare_what_a_repeat_means() {
    use alipay_core::service::Repeat;
    use alipay_services::single_trade_query::SingleTradeQuery;
    assert_eq!(SendGoodsConfirm::REPEAT, Repeat::Idempotent);
    assert_eq!(SingleTradeQuery::REPEAT, Repeat::Idempotent);
    assert_eq!(
        CreateGoods::REPEAT,
        Repeat::Conflict(ErrorCode::GoodsExistsError.as_str())
    );
    assert_eq!(renamed_runtime::Ask::REPEAT, Repeat::Unsafe);
}

/// The cross-field rules are exposed next to PARAMS, as declared.
#[test]
fn rules_are_metadata_too() {
    use alipay_core::service::RuleSpec;
    assert_eq!(
        SendGoodsConfirm::RULES,
        [RuleSpec::OneOf(&[
            "transport_type",
            "create_transport_type"
        ])]
    );
    assert_eq!(
        CreateGoods::RULES,
        [
            RuleSpec::RequiredIf {
                when: "flow_type",
                values: &["1", "2"],
                then: &[("flow_fee", true), ("who_pay", false)],
            },
            RuleSpec::Relation {
                left: "buy_max_num",
                op: "<=",
                right: "goods_total_num",
            },
        ]
    );
    assert!(renamed_runtime::Ask::RULES.is_empty());
}

// ---------------------------------------------------------------------------------------------
// List-valued parameters

use alipay_core::types::WireValue as _;

/// One refund line: 原付款支付宝交易号^退款总金额^退款理由.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RefundLine {
    trade_no: String,
    amount: Amount,
    reason: String,
}

impl alipay_core::types::ListItem for RefundLine {
    const FIELDS: &'static [&'static str] = &["trade_no", "amount", "reason"];
    const KINDS: &'static [alipay_core::types::FieldKind] = &[
        alipay_core::types::FieldKind::Text,
        alipay_core::types::FieldKind::Amount,
        alipay_core::types::FieldKind::Text,
    ];
    const FIELD_SEP: char = '^';
    const RESERVED: &'static str = "^|$#";
    const FORMAT: &'static str = "trade_no^amount^reason";

    fn from_fields(f: &[&str]) -> Result<Self, (usize, alipay_core::types::WireValueError)> {
        Ok(Self {
            trade_no: f[0].to_owned(),
            amount: Amount::parse_wire(f[1]).map_err(|e| (1, e))?,
            reason: f[2].to_owned(),
        })
    }

    fn field_texts(&self) -> Vec<Cow<'_, str>> {
        vec![
            self.trade_no.as_str().into(),
            self.amount.to_wire(),
            self.reason.as_str().into(),
        ]
    }
}

/// A request with a list-valued parameter.
#[derive(alipay_core::Request)]
#[alipay(service = "test.batch.refund", response = ())]
struct BatchRefund {
    /// 批次号.
    #[alipay(example = "201101120001")]
    batch_no: String,
    /// 单笔数据集: items joined by `#`.
    #[alipay(example = "2011011201037066^5.00^协商退款")]
    detail_data: alipay_core::types::Items<RefundLine, '#'>,
}

#[test]
fn a_list_valued_parameter_is_signed_as_its_text_and_read_back_by_item() {
    let detail: alipay_core::types::Items<RefundLine, '#'> =
        "2011011201037066^5.00^协商退款#2011011201037067^0.01^退货"
            .parse()
            .unwrap();
    let request = BatchRefund {
        batch_no: "201101120001".into(),
        detail_data: detail.clone(),
    };
    let params = signing_params(&request);
    assert!(params.contains(&(
        "detail_data",
        Cow::Owned("2011011201037066^5.00^协商退款#2011011201037067^0.01^退货".to_owned())
    )));
    let read = BatchRefund::from_params(&[
        ("batch_no", "201101120001"),
        (
            "detail_data",
            "2011011201037066^5.00^协商退款#2011011201037067^0.01^退货",
        ),
    ])
    .unwrap();
    assert_eq!(read.detail_data, detail);

    // A bad item is reported by item and field, with the field's own text.
    let errors = BatchRefund::from_params(&[
        ("batch_no", "201101120001"),
        (
            "detail_data",
            "2011011201037066^5.00^a#2011011201037067^1.005^b",
        ),
    ])
    .unwrap_err();
    let v = &errors.violations()[0];
    assert_eq!(v.param, "detail_data[1].amount");
    assert_eq!(v.value.as_deref(), Some("1.005"));
    assert!(matches!(v.rule, Rule::Format { .. }), "{v}");
    // A missing field: the item.
    let errors = BatchRefund::from_params(&[
        ("batch_no", "201101120001"),
        ("detail_data", "2011011201037066^5.00"),
    ])
    .unwrap_err();
    assert_eq!(errors.violations()[0].param, "detail_data[0]");

    // The example, checked at compile time, builds the list.
    let example = BatchRefund::example();
    assert_eq!(example.detail_data.len(), 1);
    assert_eq!(example.detail_data.items()[0].amount.fen(), 500);
}

/// A list-valued parameter in a group: its broken item is its only violation (the group does not
/// also call it missing).
#[derive(alipay_core::Request)]
#[alipay(service = "test.batch.group", response = (), one_of(detail_data, trade_no))]
struct BatchGroup {
    /// The list.
    detail_data: Option<alipay_core::types::Items<RefundLine, '#'>>,
    /// The alternative.
    trade_no: Option<String>,
}

#[test]
fn a_broken_item_is_reported_once() {
    let errors = BatchGroup::from_params(&[("detail_data", "1^1.005^r")]).unwrap_err();
    let params: Vec<&str> = errors.violations().iter().map(|v| &*v.param).collect();
    assert_eq!(params, ["detail_data[0].amount"]);
}

/// A payout line declared with the derive: serial^account^name^amount^remark.
#[derive(Clone, Debug, PartialEq, Eq, alipay_core::ListItem)]
#[alipay(field_sep = '^', reserved = "^|$#")]
struct PayoutLine {
    /// 流水号.
    serial: String,
    /// 收款方账号.
    account: String,
    /// 收款账号姓名.
    name: String,
    /// 付款金额.
    amount: Amount,
    /// 付款备注.
    remark: String,
}

/// A batch payout: `count` and `total` hold batch_num and batch_fee to the items.
#[derive(alipay_core::Request)]
#[alipay(
    service = "test.batch.payout",
    response = (),
    count(batch_num = detail_data),
    total(batch_fee = detail_data.amount)
)]
struct BatchPayout {
    /// 付款总笔数.
    #[alipay(example = "2")]
    batch_num: u32,
    /// 付款总金额.
    #[alipay(example = "20.01")]
    batch_fee: Amount,
    /// 付款详细数据: items joined by `|`.
    #[alipay(
        example = "0315001^gonglei1@handsome.com.cn^龚本林^20.00^hello|0315002^a@b.cn^张三^0.01^"
    )]
    detail_data: alipay_core::types::Items<PayoutLine, '|'>,
}

#[test]
fn a_derived_list_item_reads_writes_and_names_its_fields() {
    use alipay_core::types::{FieldKind, Items, ListItem};
    assert_eq!(
        PayoutLine::FIELDS,
        ["serial", "account", "name", "amount", "remark"]
    );
    assert_eq!(PayoutLine::KINDS[3], FieldKind::Amount);
    assert_eq!(PayoutLine::KINDS[0], FieldKind::Text);
    assert_eq!(PayoutLine::FIELD_SEP, '^');
    assert_eq!(PayoutLine::REQUIRED_FIELDS, 5);
    assert_eq!(PayoutLine::FORMAT, "serial^account^name^amount^remark");
    let text = "0315001^gonglei1@handsome.com.cn^龚本林^20^hello|0315002^a@b.cn^张三^0.01^";
    let list: Items<PayoutLine, '|'> = text.parse().unwrap();
    assert_eq!(list.items()[0].amount.fen(), 2000);
    assert_eq!(list.items()[1].remark, "");
    assert_eq!(
        list.to_wire(),
        "0315001^gonglei1@handsome.com.cn^龚本林^20.00^hello|0315002^a@b.cn^张三^0.01^"
    );
    let e = "1^a^b^1.00^x$y"
        .parse::<Items<PayoutLine, '|'>>()
        .unwrap_err();
    assert_eq!(e.item().unwrap().to_string(), "[0].remark");
    let e = "1^a^b^1.00^x|2^a^b^-1^y"
        .parse::<Items<PayoutLine, '|'>>()
        .unwrap_err();
    assert_eq!(e.item().unwrap().to_string(), "[1].amount");
    // Called directly with too few texts, from_fields errs instead of panicking.
    assert!(PayoutLine::from_fields(&["1", "a"]).is_err());
}

/// A result with an optional tail: trade^amount^result, then `$` and a fee part when there is one.
#[derive(Clone, Debug, PartialEq, Eq, alipay_core::ListItem)]
#[alipay(field_sep = '^', reserved = "^$#")]
struct FeePart {
    /// 退费账号.
    account: String,
    /// 退费金额.
    amount: Amount,
}

#[derive(Clone, Debug, PartialEq, Eq, alipay_core::ListItem)]
#[alipay(field_sep = '$', reserved = "$#")]
struct ResultLine {
    /// The trade part.
    trade: alipay_core::types::Fields<RefundLine>,
    /// The fee part, when there is one.
    fee: Option<alipay_core::types::Fields<FeePart>>,
}

#[test]
fn trailing_optional_fields_may_be_left_out() {
    use alipay_core::types::{Items, ListItem};
    assert_eq!(ResultLine::REQUIRED_FIELDS, 1);
    let text = "2010031906272929^80.00^SUCCESS$jax@alipay.com^0.01#2010031906272930^1.00^SUCCESS";
    let list: Items<ResultLine, '#'> = text.parse().unwrap();
    assert_eq!(list.items()[0].fee.as_ref().unwrap().amount.fen(), 1);
    assert_eq!(list.items()[0].trade.trade_no, "2010031906272929");
    assert!(list.items()[1].fee.is_none());
    assert_eq!(list.to_wire(), text);
    // Too many parts, and a broken inner field named by the outer item's field.
    assert!(
        text.replace("0.01", "0.01$x")
            .parse::<Items<ResultLine, '#'>>()
            .is_err()
    );
    let e = "1^80^SUCCESS$jax@alipay.com^0.001"
        .parse::<Items<ResultLine, '#'>>()
        .unwrap_err();
    assert_eq!(e.item().unwrap().to_string(), "[0].fee");
}

#[test]
fn count_and_total_hold_the_stated_figures_to_the_items() {
    let ok = BatchPayout::example();
    ok.validate().unwrap();
    assert_eq!(ok.detail_data.len(), 2);
    let rules = BatchPayout::RULES;
    assert!(rules.contains(&alipay_core::service::RuleSpec::Count {
        count: "batch_num",
        list: "detail_data"
    }));
    assert!(rules.contains(&alipay_core::service::RuleSpec::Total {
        total: "batch_fee",
        list: "detail_data",
        field: "amount"
    }));
    let detail = "1^a@b.cn^x^20.00^r|2^c@d.cn^y^0.01^";
    let errors = BatchPayout::from_params(&[
        ("batch_num", "3"),
        ("batch_fee", "20.02"),
        ("detail_data", detail),
    ])
    .unwrap_err();
    let v: Vec<(&str, String)> = errors
        .violations()
        .iter()
        .map(|v| (&*v.param, v.rule.to_string()))
        .collect();
    assert_eq!(
        v,
        [
            (
                "batch_num",
                "must equal the number of items of detail_data (2)".to_owned()
            ),
            (
                "batch_fee",
                "must equal the sum of detail_data's amount (20.01)".to_owned()
            ),
        ]
    );
    BatchPayout::from_params(&[
        ("batch_num", "2"),
        ("batch_fee", "20.01"),
        ("detail_data", detail),
    ])
    .unwrap();
    // A broken list is reported as itself only: the tallies need its items.
    let errors = BatchPayout::from_params(&[
        ("batch_num", "2"),
        ("batch_fee", "20.01"),
        ("detail_data", "1^a@b.cn^x^20.001^r"),
    ])
    .unwrap_err();
    assert_eq!(errors.violations().len(), 1);
    assert_eq!(errors.violations()[0].param, "detail_data[0].amount");
}

/// A result list whose every item is followed by the separator, as Alipay writes payout results.
#[derive(Clone, Debug, PartialEq, Eq, alipay_core::ListItem)]
#[alipay(field_sep = '^', reserved = "^|", terminated)]
struct Paid {
    /// 流水号.
    serial: String,
    /// 付款金额.
    amount: Amount,
}

#[test]
fn a_terminated_list_reads_with_or_without_the_last_separator_and_writes_it() {
    use alipay_core::types::{Items, ListItem};
    const { assert!(Paid::TERMINATED) };
    let with: Items<Paid, '|'> = "1^1.00|2^2.00|".parse().unwrap();
    let without: Items<Paid, '|'> = "1^1.00|2^2.00".parse().unwrap();
    assert_eq!(with, without);
    assert_eq!(with.to_wire(), "1^1.00|2^2.00|");
    assert!("1^1.00||".parse::<Items<Paid, '|'>>().is_err());
    assert!("|".parse::<Items<Paid, '|'>>().is_err());
    assert!(Items::<Paid, '|'>::__alipay_accepts("1^1.00|"));
    assert!(!Items::<Paid, '|'>::__alipay_accepts("1^1.00||"));
    // A list that is not terminated takes no trailing separator.
    assert!(
        "1^a@b.cn^x^1.00^r|"
            .parse::<Items<PayoutLine, '|'>>()
            .is_err()
    );
}

/// A ledger record (`account.page.query`'s `AccountQueryAccountLogVO`, a few of its fields).
#[derive(Debug, PartialEq, Eq, alipay_core::Response)]
#[alipay(element = "AccountQueryAccountLogVO")]
struct AccountLog {
    /// 余额.
    #[alipay(example = "1234.00")]
    balance: Amount,
    /// 收入金额.
    income: Option<Amount>,
    /// 备注.
    memo: Option<String>,
    /// 交易号.
    trade_no: Option<String>,
}

/// A page of them.
#[derive(Debug, alipay_core::Response)]
#[alipay(element = "account_page_query_result")]
struct AccountPage {
    /// 账务明细列表.
    account_log_list: alipay_core::types::Records<AccountLog>,
    /// 是否有下一页.
    has_next_page: String,
    /// 页码.
    page_no: u32,
}

#[test]
fn repeated_records_read_into_a_vec_and_errors_name_the_record_and_field() {
    use alipay_core::xml;
    // The shape of a real (sanitised) account.page.query answer, cut to a few fields.
    let body = |second_balance: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success><response>\
             <account_page_query_result><account_log_list>\
             <AccountQueryAccountLogVO><balance>1234</balance><income>100.00</income><memo> </memo>\
             <trade_no>20151025123123</trade_no></AccountQueryAccountLogVO>\
             <AccountQueryAccountLogVO><balance>{second_balance}</balance><memo/>\
             <trade_no>A&amp;B</trade_no></AccountQueryAccountLogVO>\
             </account_log_list><has_next_page>F</has_next_page><page_no>1</page_no>\
             </account_page_query_result></response><sign>x</sign><sign_type>MD5</sign_type></alipay>"
        )
    };
    let envelope = xml::parse(body("0.50").as_bytes()).unwrap();
    let page = AccountPage::from_response(envelope.response.as_ref()).unwrap();
    let logs = page.account_log_list.records();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].balance.fen(), 123_400);
    assert_eq!(logs[0].income, Some(Amount::from_fen(10_000)));
    assert_eq!(logs[1].memo, None);
    assert_eq!(logs[1].trade_no.as_deref(), Some("A&B"));
    assert_eq!((page.has_next_page.as_str(), page.page_no), ("F", 1));

    let envelope = xml::parse(body("0.501").as_bytes()).unwrap();
    let e = AccountPage::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(
        e.path(),
        "response/account_page_query_result/account_log_list/[1]/balance"
    );
    // A record of another element, and an empty list.
    let other = body("1").replace(
        "<AccountQueryAccountLogVO><balance>1<",
        "<Other><balance>1<",
    );
    let other = other.replacen(
        "</AccountQueryAccountLogVO></account_log_list>",
        "</Other></account_log_list>",
        1,
    );
    let envelope = xml::parse(other.as_bytes()).unwrap();
    let e = AccountPage::from_response(envelope.response.as_ref()).unwrap_err();
    assert_eq!(
        e.path(),
        "response/account_page_query_result/account_log_list/[1]"
    );
    let empty = alipay_core::types::Records::<AccountLog>::parse_wire("  ").unwrap();
    assert!(empty.is_empty());
    // Written back, the records read again the same.
    let text = page.account_log_list.to_wire();
    assert!(text.contains("<trade_no>A&amp;B</trade_no>"), "{text}");
    let again = alipay_core::types::Records::<AccountLog>::parse_wire(&text).unwrap();
    assert_eq!(again, page.account_log_list);
}
