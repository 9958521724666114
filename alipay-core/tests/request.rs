//! The signing pipeline end to end: declared request → validated → signed → encoded.
//!
//! Known answers come from Python (hashlib and urllib.parse), not from this crate:
//!
//! ```text
//! python3 - <<'PY'
//! import hashlib, urllib.parse as u
//! base = [('_input_charset','utf-8'),('buy_max_num','100'),('flow_fee','11.50'),('flow_type','1'),
//!   ('goods_fee','100.40'),('goods_info','8成新'),('goods_name','二手围巾'),('goods_total_num','100'),
//!   ('key','20110511EF39E0403F8F48EF8E02121C9824210F'),
//!   ('notify_url','http://www.test.com/notify/alipay/interface.htm'),
//!   ('outer_goods_id','id2011434535743854'),('partner','2088002464631181'),
//!   ('service','sns.create.goods.ws'),('sns_user_id','id20111107434343'),
//!   ('timestamp','1309437333420'),('valid_date','15'),('who_pay','2')]
//! key = 'demo0000000000000000000000000000'
//! for cs in ['utf-8', 'gbk']:
//!     p = [(k, (cs if k == '_input_charset' else v)) for k, v in base]
//!     s = '&'.join(f'{k}={v}' for k, v in p)
//!     sig = hashlib.md5((s + key).encode(cs)).hexdigest()
//!     print(cs, sig); print(u.urlencode(p + [('sign_type','MD5'), ('sign', sig)], encoding=cs))
//! PY
//! ```

#![allow(clippy::unwrap_used)]

use alipay_core::Charset;
use alipay_core::request::{PrepareError, prepare, prepare_request};
use alipay_core::sign::{Md5Key, Signer};
use alipay_core::types::Partner;
use alipay_services::sns_create_goods_ws::CreateGoods;

const PARTNER: &str = "2088002464631181";
const KEY: &str = "demo0000000000000000000000000000";

const UTF8_SIGN: &str = "1886b2a6c67a987298787206f95cbedd";
const UTF8_BODY: &str = "_input_charset=utf-8&buy_max_num=100&flow_fee=11.50&flow_type=1&goods_fee=100.40&goods_info=8%E6%88%90%E6%96%B0&goods_name=%E4%BA%8C%E6%89%8B%E5%9B%B4%E5%B7%BE&goods_total_num=100&key=20110511EF39E0403F8F48EF8E02121C9824210F&notify_url=http%3A%2F%2Fwww.test.com%2Fnotify%2Falipay%2Finterface.htm&outer_goods_id=id2011434535743854&partner=2088002464631181&service=sns.create.goods.ws&sns_user_id=id20111107434343&timestamp=1309437333420&valid_date=15&who_pay=2&sign_type=MD5&sign=1886b2a6c67a987298787206f95cbedd";
const GBK_SIGN: &str = "c7edd2a9e26b1570b856605d6f227987";
const GBK_BODY: &str = "_input_charset=gbk&buy_max_num=100&flow_fee=11.50&flow_type=1&goods_fee=100.40&goods_info=8%B3%C9%D0%C2&goods_name=%B6%FE%CA%D6%CE%A7%BD%ED&goods_total_num=100&key=20110511EF39E0403F8F48EF8E02121C9824210F&notify_url=http%3A%2F%2Fwww.test.com%2Fnotify%2Falipay%2Finterface.htm&outer_goods_id=id2011434535743854&partner=2088002464631181&service=sns.create.goods.ws&sns_user_id=id20111107434343&timestamp=1309437333420&valid_date=15&who_pay=2&sign_type=MD5&sign=c7edd2a9e26b1570b856605d6f227987";

fn partner() -> Partner {
    PARTNER.parse().unwrap()
}

fn signer() -> Signer {
    Signer::md5(Md5Key::new(KEY))
}

#[test]
fn seed_sample_utf8() {
    let signed = prepare_request(
        &CreateGoods::example(),
        &partner(),
        Charset::Utf8,
        &signer(),
    )
    .unwrap();
    assert_eq!(signed.sign(), UTF8_SIGN);
    assert_eq!(signed.post_body(), UTF8_BODY);
    assert_eq!(
        signed.post_url("https://mapi.alipay.com/gateway.do"),
        "https://mapi.alipay.com/gateway.do?_input_charset=utf-8"
    );
    assert_eq!(
        signed.get_url("https://mapi.alipay.com/gateway.do"),
        format!("https://mapi.alipay.com/gateway.do?{UTF8_BODY}")
    );
}

#[test]
fn seed_sample_gbk() {
    let signed =
        prepare_request(&CreateGoods::example(), &partner(), Charset::Gbk, &signer()).unwrap();
    assert_eq!(signed.sign(), GBK_SIGN);
    assert_eq!(signed.post_body(), GBK_BODY);
    assert_eq!(
        signed.post_url("https://mapi.alipay.com/gateway.do"),
        "https://mapi.alipay.com/gateway.do?_input_charset=gbk"
    );
}

#[test]
fn raw_params_in_any_order_sign_the_same() {
    // The same 17 parameters reversed, plus an empty one and a stale sign: same signature and body.
    let mut params: Vec<(&str, &str)> = vec![
        ("who_pay", "2"),
        ("valid_date", "15"),
        ("timestamp", "1309437333420"),
        ("sns_user_id", "id20111107434343"),
        ("service", "sns.create.goods.ws"),
        ("partner", PARTNER),
        ("outer_goods_id", "id2011434535743854"),
        (
            "notify_url",
            "http://www.test.com/notify/alipay/interface.htm",
        ),
        ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
        ("goods_total_num", "100"),
        ("goods_name", "二手围巾"),
        ("goods_info", "8成新"),
        ("goods_fee", "100.40"),
        ("flow_type", "1"),
        ("flow_fee", "11.50"),
        ("buy_max_num", "100"),
        ("_input_charset", "utf-8"),
    ];
    params.push(("empty", ""));
    params.push(("sign", "stale"));
    let signed = prepare(&params, Charset::Utf8, &signer()).unwrap();
    assert_eq!(signed.sign(), UTF8_SIGN);
    assert_eq!(signed.post_body(), UTF8_BODY);
}

#[test]
fn invalid_request_is_refused_before_signing() {
    let mut goods = CreateGoods::example();
    goods.goods_name = String::new();
    let err = prepare_request(&goods, &partner(), Charset::Utf8, &signer()).unwrap_err();
    let PrepareError::Invalid(errors) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(errors.service(), "sns.create.goods.ws");
    assert!(errors.of("goods_name").next().is_some(), "{errors}");
}

#[test]
fn unencodable_text_names_the_parameter() {
    let mut goods = CreateGoods::example();
    goods.goods_info = "8成新😀".into();
    let err = prepare_request(&goods, &partner(), Charset::Gbk, &signer()).unwrap_err();
    match err {
        PrepareError::Charset { param, .. } => assert_eq!(param, "goods_info"),
        other => panic!("expected a charset error, got {other:?}"),
    }
    // The same text is fine in UTF-8.
    assert!(prepare_request(&goods, &partner(), Charset::Utf8, &signer()).is_ok());
}

#[test]
fn key_never_in_debug_or_errors() {
    let signed = prepare_request(
        &CreateGoods::example(),
        &partner(),
        Charset::Utf8,
        &signer(),
    )
    .unwrap();
    assert!(!format!("{signed:?}").contains(KEY));
    assert!(!format!("{:?}", signer()).contains(KEY));
}

/// The SNS user `key` is declared `secret`: it is signed and sent, but `Debug` and the redacted
/// forms meant for logs never show it, and neither does a charset error about it.
#[test]
fn secret_parameter_values_are_redacted() {
    let mut goods = CreateGoods::example();
    goods.key = "TOPSECRETKEYVALUE0123456789".into();
    let signed = prepare_request(&goods, &partner(), Charset::Utf8, &signer()).unwrap();
    // Signed and sent as is.
    assert!(
        signed
            .string_to_sign()
            .contains("&key=TOPSECRETKEYVALUE0123456789&")
    );
    assert!(
        signed
            .encoded()
            .contains("&key=TOPSECRETKEYVALUE0123456789&")
    );
    // Never in what is meant for logs.
    for text in [
        format!("{signed:?}"),
        format!("{signed:#?}"),
        signed.redacted_string_to_sign().into_owned(),
        signed.redacted_encoded().into_owned(),
    ] {
        assert!(!text.contains("TOPSECRET"), "{text}");
    }
    assert!(
        signed
            .redacted_string_to_sign()
            .contains("&key=<secret>&notify_url=")
    );
    assert!(
        signed
            .redacted_encoded()
            .contains("&key=<secret>&notify_url=")
    );
    // Everything else stays readable.
    assert!(format!("{signed:?}").contains("goods_name=二手围巾"));

    goods.key = "TOPSECRET😀".into();
    let err = prepare_request(&goods, &partner(), Charset::Gbk, &signer()).unwrap_err();
    assert!(matches!(err, PrepareError::SecretCharset { ref param, .. } if param == "key"));
    assert!(!format!("{err} {err:?}").contains("TOPSECRET") && !format!("{err:?}").contains('😀'));
}

#[test]
fn input_charset_follows_the_encoding() {
    // Missing: added from the charset, so the gateway can decode what was signed.
    let signed = prepare(&[("service", "x"), ("q", "二手")], Charset::Gbk, &signer()).unwrap();
    assert_eq!(
        signed.string_to_sign(),
        "_input_charset=gbk&q=二手&service=x"
    );
    // python3 -c "print(__import__('urllib.parse').parse.quote('二手'.encode('gbk')))" -> %B6%FE%CA%D6
    assert!(
        signed
            .encoded()
            .starts_with("_input_charset=gbk&q=%B6%FE%CA%D6&service=x&")
    );
    // The same charset in another spelling is fine; another charset is refused.
    assert!(prepare(&[("_input_charset", "GBK")], Charset::Gbk, &signer()).is_ok());
    let err = prepare(
        &[("_input_charset", "utf-8"), ("q", "二手")],
        Charset::Gbk,
        &signer(),
    )
    .unwrap_err();
    assert!(
        matches!(err, PrepareError::CharsetMismatch { .. }),
        "{err:?}"
    );
}

#[test]
fn partner_ids_are_checked() {
    for bad in [
        "",
        "2088",
        " 2088002464631181",
        "2088002464631181 ",
        "1088002464631181",
        "20880024646311812",
        "2088abc&x=1",
        "２０８８002464631181",
    ] {
        assert!(bad.parse::<Partner>().is_err(), "{bad:?} accepted");
    }
    assert_eq!(partner().as_str(), PARTNER);
}
