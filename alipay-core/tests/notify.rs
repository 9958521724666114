//! Notification decoding and verification against known answers from independent tools.
//!
//! Every body, digest and signature below was produced once by this Python 3 script (hashlib,
//! `urllib.parse.urlencode`, and `openssl dgst -sha256 -sign` with the test-only 2048-bit key from
//! `tests/fixtures/keys/generate.sh`), run from the workspace root, and pasted here:
//!
//! ```text
//! import hashlib, urllib.parse, subprocess, base64
//! KEY = 't7x1q9m2w8e4r6y0u3i5o7p9a1s3d5f7'
//! P = [
//!  ('notify_time', '2013-10-22 18:43:17'), ('notify_type', 'trade_status_sync'),
//!  ('notify_id', 'RqPnCoPT3K9%2Fvwbh3I+ODmZS9o4q/ChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG'),
//!  ('out_trade_no', '6843192280647118'), ('subject', '二手围巾'), ('body', ''),
//!  ('payment_type', '1'), ('trade_no', '2013102200001004390046735432'),
//!  ('trade_status', 'WAIT_SELLER_SEND_GOODS'), ('seller_id', '2088002464631181'),
//!  ('seller_email', 'seller@example.com'), ('buyer_id', '2088102000000000'),
//!  ('buyer_email', 'buyer@example.com'), ('price', '100.40'), ('quantity', '1'),
//!  ('total_fee', '100.40'), ('gmt_create', '2013-10-22 18:40:10'),
//!  ('gmt_payment', '2013-10-22 18:43:16'), ('is_total_fee_adjust', 'N'), ('use_coupon', 'N'),
//!  ('logistics_type', 'EXPRESS'), ('logistics_fee', '0.00'), ('logistics_payment', 'SELLER_PAY'),
//!  ('receive_name', '张三'),
//! ]
//! def s(params):  # canonical: all but sign/sign_type, empty dropped, sorted by name
//!     return '&'.join(f'{k}={v}' for k, v in sorted(params) if v != '' and k not in ('sign', 'sign_type'))
//! def md5(params, enc):
//!     return hashlib.md5((s(params) + KEY).encode(enc)).hexdigest()
//! def body(params, sign_type, sign, enc):
//!     return urllib.parse.urlencode(params + [('sign_type', sign_type), ('sign', sign)], encoding=enc)
//! u = md5(P, 'utf-8'); print('STRING', s(P)); print('UTF8_MD5', u); print('UTF8_BODY', body(P, 'MD5', u, 'utf-8'))
//! g = md5(P, 'gbk'); print('GBK_MD5', g); print('GBK_BODY', body(P, 'MD5', g, 'gbk'))
//! P2 = P + [('_input_charset', 'gbk')]
//! g2 = md5(P2, 'gbk'); print('GBK_DECL_MD5', g2); print('GBK_DECL_BODY', body(P2, 'MD5', g2, 'gbk'))
//! P3 = [(k, 'A_FUTURE_STATE' if k == 'trade_status' else v) for k, v in P] + [('future_field', '新字段 v2')]
//! e = md5(P3, 'utf-8'); print('EXTRA_MD5', e); print('EXTRA_BODY', body(P3, 'MD5', e, 'utf-8'))
//! rsa = base64.b64encode(subprocess.run(['openssl', 'dgst', '-sha256', '-sign',
//!     'alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem'], input=s(P).encode('utf-8'),
//!     capture_output=True, check=True).stdout).decode()
//! print('RSA2_SIGN', rsa); print('RSA2_BODY', body(P, 'RSA2', rsa, 'utf-8'))
//! ```
//!
//! Outputs: UTF8_MD5 `d3ddcf9c034a396f1d8b75d604480234`, GBK_MD5 `2c54e13000c5008f2464f8654bbf1ba9`,
//! GBK_DECL_MD5 `e7579b3f62783168430e2dc5b5f04e6b`, EXTRA_MD5 `59e9ee482d380c1cb6c3fc383f011a6b`;
//! the RSA2 signature is the `sign` of [`RSA2_BODY`]. The shell equivalent of the RSA2 step is
//! `printf '%s' "$STRING" | openssl dgst -sha256 -sign alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem | base64 -w0`.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use alipay_core::Charset;
use alipay_core::charset::CharsetError;
use alipay_core::form::FormError;
use alipay_core::notify::{
    ACK_FAIL, ACK_SUCCESS, Notification, NotifyError, NotifyLimits, decode_notification,
    verify_notification_signature,
};
use alipay_core::sign::{Md5Key, PublicKey, SignType, Verifier, VerifyError};
use alipay_core::types::{Amount, TradeStatus};

/// The partner's MD5 key of the known answers (test-only).
const MD5_KEY: &str = "t7x1q9m2w8e4r6y0u3i5o7p9a1s3d5f7";

/// `STRING` of the script: the canonical string of [`UTF8_BODY`], computed by Python.
const UTF8_STRING: &str = "buyer_email=buyer@example.com&buyer_id=2088102000000000&gmt_create=2013-10-22 18:40:10&\
    gmt_payment=2013-10-22 18:43:16&is_total_fee_adjust=N&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&logistics_type=EXPRESS&\
    notify_id=RqPnCoPT3K9%2Fvwbh3I+ODmZS9o4q/ChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    notify_time=2013-10-22 18:43:17&notify_type=trade_status_sync&\
    out_trade_no=6843192280647118&payment_type=1&price=100.40&quantity=1&receive_name=张三&\
    seller_email=seller@example.com&seller_id=2088002464631181&subject=二手围巾&\
    total_fee=100.40&trade_no=2013102200001004390046735432&\
    trade_status=WAIT_SELLER_SEND_GOODS&use_coupon=N";

const UTF8_BODY: &str = "notify_time=2013-10-22+18%3A43%3A17&notify_type=trade_status_sync&\
    notify_id=RqPnCoPT3K9%252Fvwbh3I%2BODmZS9o4q%2FChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    out_trade_no=6843192280647118&subject=%E4%BA%8C%E6%89%8B%E5%9B%B4%E5%B7%BE&body=&\
    payment_type=1&trade_no=2013102200001004390046735432&\
    trade_status=WAIT_SELLER_SEND_GOODS&seller_id=2088002464631181&\
    seller_email=seller%40example.com&buyer_id=2088102000000000&\
    buyer_email=buyer%40example.com&price=100.40&quantity=1&total_fee=100.40&\
    gmt_create=2013-10-22+18%3A40%3A10&gmt_payment=2013-10-22+18%3A43%3A16&\
    is_total_fee_adjust=N&use_coupon=N&logistics_type=EXPRESS&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&receive_name=%E5%BC%A0%E4%B8%89&sign_type=MD5&\
    sign=d3ddcf9c034a396f1d8b75d604480234";

const GBK_BODY: &str = "notify_time=2013-10-22+18%3A43%3A17&notify_type=trade_status_sync&\
    notify_id=RqPnCoPT3K9%252Fvwbh3I%2BODmZS9o4q%2FChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    out_trade_no=6843192280647118&subject=%B6%FE%CA%D6%CE%A7%BD%ED&body=&payment_type=1&\
    trade_no=2013102200001004390046735432&trade_status=WAIT_SELLER_SEND_GOODS&\
    seller_id=2088002464631181&seller_email=seller%40example.com&buyer_id=2088102000000000&\
    buyer_email=buyer%40example.com&price=100.40&quantity=1&total_fee=100.40&\
    gmt_create=2013-10-22+18%3A40%3A10&gmt_payment=2013-10-22+18%3A43%3A16&\
    is_total_fee_adjust=N&use_coupon=N&logistics_type=EXPRESS&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&receive_name=%D5%C5%C8%FD&sign_type=MD5&\
    sign=2c54e13000c5008f2464f8654bbf1ba9";

const GBK_DECL_BODY: &str = "notify_time=2013-10-22+18%3A43%3A17&notify_type=trade_status_sync&\
    notify_id=RqPnCoPT3K9%252Fvwbh3I%2BODmZS9o4q%2FChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    out_trade_no=6843192280647118&subject=%B6%FE%CA%D6%CE%A7%BD%ED&body=&payment_type=1&\
    trade_no=2013102200001004390046735432&trade_status=WAIT_SELLER_SEND_GOODS&\
    seller_id=2088002464631181&seller_email=seller%40example.com&buyer_id=2088102000000000&\
    buyer_email=buyer%40example.com&price=100.40&quantity=1&total_fee=100.40&\
    gmt_create=2013-10-22+18%3A40%3A10&gmt_payment=2013-10-22+18%3A43%3A16&\
    is_total_fee_adjust=N&use_coupon=N&logistics_type=EXPRESS&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&receive_name=%D5%C5%C8%FD&_input_charset=gbk&sign_type=MD5&\
    sign=e7579b3f62783168430e2dc5b5f04e6b";

const EXTRA_BODY: &str = "notify_time=2013-10-22+18%3A43%3A17&notify_type=trade_status_sync&\
    notify_id=RqPnCoPT3K9%252Fvwbh3I%2BODmZS9o4q%2FChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    out_trade_no=6843192280647118&subject=%E4%BA%8C%E6%89%8B%E5%9B%B4%E5%B7%BE&body=&\
    payment_type=1&trade_no=2013102200001004390046735432&trade_status=A_FUTURE_STATE&\
    seller_id=2088002464631181&seller_email=seller%40example.com&buyer_id=2088102000000000&\
    buyer_email=buyer%40example.com&price=100.40&quantity=1&total_fee=100.40&\
    gmt_create=2013-10-22+18%3A40%3A10&gmt_payment=2013-10-22+18%3A43%3A16&\
    is_total_fee_adjust=N&use_coupon=N&logistics_type=EXPRESS&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&receive_name=%E5%BC%A0%E4%B8%89&\
    future_field=%E6%96%B0%E5%AD%97%E6%AE%B5+v2&sign_type=MD5&\
    sign=59e9ee482d380c1cb6c3fc383f011a6b";

const RSA2_BODY: &str = "notify_time=2013-10-22+18%3A43%3A17&notify_type=trade_status_sync&\
    notify_id=RqPnCoPT3K9%252Fvwbh3I%2BODmZS9o4q%2FChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG&\
    out_trade_no=6843192280647118&subject=%E4%BA%8C%E6%89%8B%E5%9B%B4%E5%B7%BE&body=&\
    payment_type=1&trade_no=2013102200001004390046735432&\
    trade_status=WAIT_SELLER_SEND_GOODS&seller_id=2088002464631181&\
    seller_email=seller%40example.com&buyer_id=2088102000000000&\
    buyer_email=buyer%40example.com&price=100.40&quantity=1&total_fee=100.40&\
    gmt_create=2013-10-22+18%3A40%3A10&gmt_payment=2013-10-22+18%3A43%3A16&\
    is_total_fee_adjust=N&use_coupon=N&logistics_type=EXPRESS&logistics_fee=0.00&\
    logistics_payment=SELLER_PAY&receive_name=%E5%BC%A0%E4%B8%89&sign_type=RSA2&\
    sign=X8C1FNuOu6jIxC%2BnIORZpbQToA9kqeb3DbodTd2AGBfnosk%2BlkFYUjdDr%2FHesEwzH9Wx1gCrIz%2BZ2nSqujE2A9tzeGwThXFcK%2FGhl6c1xReJH5Lehnd9VettWDJOt75cGlHOj6ab2MN1UVMHnACycfETWYPzQ594sYsmM0VtaiafDfKtClU9V%2BmMi6n%2BN24vEijI4sBa%2FtiCv451e%2B4V4Msw%2BZMYrC%2Fe7I%2BeN62BaiGU47E7r%2BYdCjy%2FRTl9iKFwEWQg7MxHFXFG8TiZP%2FVZwbvxkkNAB3h5bwuCJx4UomEkUdtvP45AQOTAJoQX6qj5LopLx3mswHr3Ssb%2Fry7wPA%3D%3D";

// ---------------------------------------------------------------------------------------------
// Helpers

fn md5() -> Verifier {
    Verifier::md5(Md5Key::new(MD5_KEY))
}

fn public(name: &str) -> PublicKey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name);
    PublicKey::parse(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn rsa2() -> Verifier {
    Verifier::rsa2(public("rsa2048_pub_spki.pem")).unwrap()
}

fn decode(body: &str, hint: Option<Charset>) -> Result<Notification, NotifyError> {
    decode_notification(body.as_bytes(), hint, &NotifyLimits::default())
}

/// `body` with parameter `name=value` (raw, as on the wire) replaced by `with` (or removed if empty).
fn replace_param(body: &str, name: &str, with: &str) -> String {
    let prefix = format!("{name}=");
    let parts: Vec<&str> = body
        .split('&')
        .map(|seg| if seg.starts_with(&prefix) { with } else { seg })
        .filter(|seg| !seg.is_empty())
        .collect();
    assert!(
        body.split('&').any(|seg| seg.starts_with(&prefix)),
        "{name} not in body"
    );
    parts.join("&")
}

fn bad_signature(err: NotifyError) -> (String, VerifyError) {
    match err {
        NotifyError::BadSignature {
            signing_string,
            source,
            ..
        } => (signing_string, source),
        other => panic!("expected BadSignature, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Valid notifications

#[test]
fn utf8_md5_known_answer() {
    let n = decode(UTF8_BODY, None).unwrap();
    assert_eq!(n.charset(), Charset::Utf8);
    // Decoded exactly once: `%252F` is the id's own `%2F`, `%2B` its `+`, `%2F` its `/`.
    assert_eq!(
        n.notify_id(),
        "RqPnCoPT3K9%2Fvwbh3I+ODmZS9o4q/ChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG"
    );
    assert_eq!(n.get("subject"), Some("二手围巾"));
    assert_eq!(n.get("receive_name"), Some("张三"));
    // `+` in the body is a space.
    assert_eq!(n.get("gmt_create"), Some("2013-10-22 18:40:10"));
    assert_eq!(n.get("body"), Some(""));
    assert_eq!(n.get("absent"), None);
    assert_eq!(n.notify_type(), Some("trade_status_sync"));
    assert_eq!(n.trade_no(), Some("2013102200001004390046735432"));
    assert_eq!(n.out_trade_no(), Some("6843192280647118"));
    assert_eq!(n.trade_status(), Some(TradeStatus::WaitSellerSendGoods));
    assert_eq!(n.total_fee(), Some(Ok(Amount::from_fen(10040))));
    assert_eq!(n.sign(), Some("d3ddcf9c034a396f1d8b75d604480234"));
    assert_eq!(n.sign_type(), Some("MD5"));
    // Every parameter, raw and in the order received (24 + sign_type + sign).
    assert_eq!(n.params().len(), 26);
    assert_eq!(
        n.params()[0],
        ("notify_time".into(), "2013-10-22 18:43:17".into())
    );
    assert_eq!(n.params()[25].0, "sign");
    assert_eq!(n.signing_string(), UTF8_STRING);
    verify_notification_signature(&n, &md5()).unwrap();
}

#[test]
fn wrong_key_is_rejected() {
    let n = decode(UTF8_BODY, None).unwrap();
    let other = Verifier::md5(Md5Key::new("0123456789abcdef0123456789abcdef"));
    let (string, source) = bad_signature(verify_notification_signature(&n, &other).unwrap_err());
    assert_eq!(string, UTF8_STRING);
    assert_eq!(
        source,
        VerifyError::Mismatch {
            sign_type: SignType::Md5
        }
    );
}

#[test]
fn gbk_md5_known_answer() {
    let n = decode(GBK_BODY, Some(Charset::Gbk)).unwrap();
    assert_eq!(n.charset(), Charset::Gbk);
    assert_eq!(n.get("subject"), Some("二手围巾"));
    assert_eq!(n.get("receive_name"), Some("张三"));
    // Same signing string as text; the signature is over its GBK bytes.
    assert_eq!(n.signing_string(), UTF8_STRING);
    verify_notification_signature(&n, &md5()).unwrap();

    // Without the hint the GBK bytes are not UTF-8: a typed error, not mojibake.
    match decode(GBK_BODY, None).unwrap_err() {
        NotifyError::Form {
            charset: Charset::Utf8,
            source: FormError::Charset { name, .. },
        } => assert_eq!(name, "subject"),
        other => panic!("{other:?}"),
    }
    // The digest of the UTF-8 bytes over the GBK body must fail: the bytes signed are the GBK ones.
    let utf8_signed_gbk_body =
        replace_param(GBK_BODY, "sign", "sign=d3ddcf9c034a396f1d8b75d604480234");
    let n = decode(&utf8_signed_gbk_body, Some(Charset::Gbk)).unwrap();
    bad_signature(verify_notification_signature(&n, &md5()).unwrap_err());
}

#[test]
fn body_declared_charset_wins_over_hint() {
    for hint in [None, Some(Charset::Utf8), Some(Charset::Gbk)] {
        let n = decode(GBK_DECL_BODY, hint).unwrap();
        assert_eq!(n.charset(), Charset::Gbk, "hint {hint:?}");
        assert_eq!(n.get("subject"), Some("二手围巾"));
        // `_input_charset` is a received parameter like any other: it is signed.
        assert!(
            n.signing_string()
                .starts_with("_input_charset=gbk&buyer_email=")
        );
        verify_notification_signature(&n, &md5()).unwrap();
    }
}

#[test]
fn unknown_field_and_unknown_state_still_verify() {
    let n = decode(EXTRA_BODY, None).unwrap();
    assert_eq!(n.get("future_field"), Some("新字段 v2"));
    // An unknown state is kept by the typed accessor, never refused by decoding or verification.
    assert_eq!(
        n.trade_status(),
        Some(TradeStatus::Other("A_FUTURE_STATE".to_owned()))
    );
    assert_eq!(n.get("trade_status"), Some("A_FUTURE_STATE"));
    verify_notification_signature(&n, &md5()).unwrap();
    // And the new field is really signed: without it the signature no longer matches.
    let without = replace_param(EXTRA_BODY, "future_field", "");
    let n = decode(&without, None).unwrap();
    let (string, _) = bad_signature(verify_notification_signature(&n, &md5()).unwrap_err());
    assert!(!string.contains("future_field"));
}

#[test]
fn rsa2_known_answer() {
    let n = decode(RSA2_BODY, None).unwrap();
    assert_eq!(n.sign_type(), Some("RSA2"));
    // `%2B` in the body is the signature's `+`, not a space.
    assert!(n.sign().unwrap().starts_with("X8C1FNuOu6jIxC+nIORZ"));
    assert_eq!(n.signing_string(), UTF8_STRING);
    verify_notification_signature(&n, &rsa2()).unwrap();
    // Another RSA key: rejected, with the string expected to be signed.
    let other = Verifier::rsa2(public("rsa1024_pub_spki.pem")).unwrap();
    let (string, _) = bad_signature(verify_notification_signature(&n, &other).unwrap_err());
    assert_eq!(string, UTF8_STRING);
}

#[test]
fn ack_bodies() {
    assert_eq!(ACK_SUCCESS.as_bytes(), b"success");
    assert_eq!(ACK_SUCCESS.len(), 7);
    assert_eq!(ACK_FAIL, "fail");
}

// ---------------------------------------------------------------------------------------------
// Rejections

#[test]
fn tampered_value_carries_the_expected_string() {
    let tampered = replace_param(UTF8_BODY, "total_fee", "total_fee=0.01");
    let n = decode(&tampered, None).unwrap();
    assert_eq!(n.total_fee(), Some(Ok(Amount::from_fen(1))));
    let err = verify_notification_signature(&n, &md5()).unwrap_err();
    let expected = UTF8_STRING.replace("total_fee=100.40", "total_fee=0.01");
    assert!(err.to_string().contains(&expected), "{err}");
    let (string, source) = bad_signature(err);
    assert_eq!(string, expected);
    assert_eq!(
        source,
        VerifyError::Mismatch {
            sign_type: SignType::Md5
        }
    );
}

#[test]
fn missing_notify_id() {
    let without = replace_param(UTF8_BODY, "notify_id", "");
    assert_eq!(
        decode(&without, None).unwrap_err(),
        NotifyError::MissingNotifyId
    );
    let empty = replace_param(UTF8_BODY, "notify_id", "notify_id=");
    assert_eq!(
        decode(&empty, None).unwrap_err(),
        NotifyError::MissingNotifyId
    );
}

#[test]
fn missing_sign_or_sign_type() {
    let n = decode(&replace_param(UTF8_BODY, "sign", ""), None).unwrap();
    assert_eq!(n.sign(), None);
    assert_eq!(
        verify_notification_signature(&n, &md5()),
        Err(NotifyError::MissingSign)
    );
    let n = decode(&replace_param(UTF8_BODY, "sign", "sign="), None).unwrap();
    assert_eq!(
        verify_notification_signature(&n, &md5()),
        Err(NotifyError::MissingSign)
    );
    let n = decode(&replace_param(UTF8_BODY, "sign_type", ""), None).unwrap();
    assert_eq!(
        verify_notification_signature(&n, &md5()),
        Err(NotifyError::MissingSignType)
    );
}

#[test]
fn sign_type_must_match_the_verifier() {
    let md5_signed = decode(UTF8_BODY, None).unwrap();
    assert_eq!(
        verify_notification_signature(&md5_signed, &rsa2()),
        Err(NotifyError::SignTypeMismatch {
            expected: SignType::Rsa2,
            received: "MD5".into()
        })
    );
    let rsa_verifier = Verifier::rsa(public("rsa2048_pub_spki.pem")).unwrap();
    assert_eq!(
        verify_notification_signature(&md5_signed, &rsa_verifier),
        Err(NotifyError::SignTypeMismatch {
            expected: SignType::Rsa,
            received: "MD5".into()
        })
    );
    let rsa2_signed = decode(RSA2_BODY, None).unwrap();
    assert_eq!(
        verify_notification_signature(&rsa2_signed, &md5()),
        Err(NotifyError::SignTypeMismatch {
            expected: SignType::Md5,
            received: "RSA2".into()
        })
    );
    // RSA2 is not RSA, even with the same key.
    assert_eq!(
        verify_notification_signature(&rsa2_signed, &rsa_verifier),
        Err(NotifyError::SignTypeMismatch {
            expected: SignType::Rsa,
            received: "RSA2".into()
        })
    );
    // The received spelling is compared exactly.
    let lower = decode(
        &replace_param(UTF8_BODY, "sign_type", "sign_type=md5"),
        None,
    )
    .unwrap();
    assert!(matches!(
        verify_notification_signature(&lower, &md5()),
        Err(NotifyError::SignTypeMismatch {
            expected: SignType::Md5,
            ..
        })
    ));
}

#[test]
fn duplicated_parameter_is_refused() {
    for extra in [
        "trade_status=TRADE_FINISHED",
        "trade%5Fstatus=TRADE_FINISHED", // the same name, percent-encoded
        "trade_status=WAIT_SELLER_SEND_GOODS", // even with the same value
    ] {
        let body = format!("{UTF8_BODY}&{extra}");
        assert_eq!(
            decode(&body, None).unwrap_err(),
            NotifyError::DuplicateParameter {
                name: "trade_status".into()
            },
            "{extra}"
        );
    }
    let body = format!("{UTF8_BODY}&sign=d3ddcf9c034a396f1d8b75d604480234");
    assert_eq!(
        decode(&body, None).unwrap_err(),
        NotifyError::DuplicateParameter {
            name: "sign".into()
        }
    );
    let body = format!("_input_charset=utf-8&{UTF8_BODY}&_input_charset=gbk");
    assert_eq!(
        decode(&body, None).unwrap_err(),
        NotifyError::DuplicateParameter {
            name: "_input_charset".into()
        }
    );
    assert_eq!(
        decode(&format!("{UTF8_BODY}&=x"), None).unwrap_err(),
        NotifyError::EmptyParameterName
    );
}

#[test]
fn broken_percent_encoding() {
    // The first `%3A` is at byte 25 ("notify_time=2013-10-22+18" is 25 bytes).
    let broken = UTF8_BODY.replacen("%3A", "%3G", 1);
    assert_eq!(
        decode(&broken, None).unwrap_err(),
        NotifyError::Form {
            charset: Charset::Utf8,
            source: FormError::BadPercent { offset: 25 }
        }
    );
    let cut = "notify_id=1&subject=%E4%B";
    assert!(matches!(
        decode(cut, None).unwrap_err(),
        NotifyError::Form {
            source: FormError::BadPercent { offset: 23 },
            ..
        }
    ));
}

#[test]
fn invalid_gbk_bytes() {
    for (body, offset) in [
        // A lone lead byte at the end.
        ("notify_id=1&subject=%B6%FE%CA", 2),
        // A GB18030 four-byte sequence: not GBK.
        ("notify_id=1&subject=ok%81%30%81%30", 2),
    ] {
        match decode(body, Some(Charset::Gbk)).unwrap_err() {
            NotifyError::Form {
                charset: Charset::Gbk,
                source: FormError::Charset { name, source },
            } => {
                assert_eq!(name, "subject");
                assert_eq!(
                    source,
                    CharsetError::Undecodable {
                        charset: Charset::Gbk,
                        offset
                    }
                );
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn charset_parameters() {
    let err = decode(&format!("{UTF8_BODY}&_input_charset=latin1"), None).unwrap_err();
    assert!(matches!(
        &err,
        NotifyError::UnsupportedCharset { param: "_input_charset", source: CharsetError::Unknown { label } }
            if label == "latin1"
    ));
    assert!(err.to_string().contains("use utf-8 or gbk"), "{err}");
    let err = decode(&format!("{UTF8_BODY}&charset=%FF"), None).unwrap_err();
    assert!(
        matches!(
            err,
            NotifyError::UnsupportedCharset {
                param: "charset",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        decode(
            &format!("_input_charset=gbk&charset=utf-8&{UTF8_BODY}"),
            None
        )
        .unwrap_err(),
        NotifyError::ConflictingCharset {
            input_charset: "gbk".into(),
            charset: "utf-8".into()
        }
    );
    // `charset` alone is honoured too, and agreeing labels are fine.
    let n = decode(&format!("charset=GBK&{GBK_BODY}"), None).unwrap();
    assert_eq!(n.charset(), Charset::Gbk);
    let n = decode(
        &format!("charset=gb2312&_input_charset=gbk&{GBK_BODY}"),
        None,
    )
    .unwrap();
    assert_eq!(n.get("subject"), Some("二手围巾"));
}

#[test]
fn limits() {
    // Over the body limit: refused before decoding (the body is not even a valid form).
    let big = vec![b'%'; NotifyLimits::DEFAULT.max_body_bytes + 1];
    assert_eq!(
        decode_notification(&big, None, &NotifyLimits::default()).unwrap_err(),
        NotifyError::BodyTooLarge {
            len: 64 * 1024 + 1,
            limit: 64 * 1024
        }
    );
    let exactly = vec![b'a'; NotifyLimits::DEFAULT.max_body_bytes];
    assert_eq!(
        decode_notification(&exactly, None, &NotifyLimits::default()).unwrap_err(),
        NotifyError::MissingNotifyId
    );

    let small = NotifyLimits {
        max_params: 25,
        ..NotifyLimits::DEFAULT
    };
    assert_eq!(
        decode_notification(UTF8_BODY.as_bytes(), None, &small).unwrap_err(),
        NotifyError::TooManyParameters {
            count: 26,
            limit: 25
        }
    );
    let exact = NotifyLimits {
        max_params: 26,
        ..NotifyLimits::DEFAULT
    };
    decode_notification(UTF8_BODY.as_bytes(), None, &exact).unwrap();
    // 300 parameters (the default allows 256), refused before any is decoded.
    let many = "a=1&".repeat(300);
    assert_eq!(
        decode(&many, None).unwrap_err(),
        NotifyError::TooManyParameters {
            count: 300,
            limit: 256
        }
    );

    // notify_id is the first value over 64 bytes (71 bytes decoded).
    let short = NotifyLimits {
        max_value_bytes: 64,
        ..NotifyLimits::DEFAULT
    };
    assert_eq!(
        decode_notification(UTF8_BODY.as_bytes(), None, &short).unwrap_err(),
        NotifyError::ValueTooLong {
            name: "notify_id".into(),
            len: 71,
            limit: 64
        }
    );
}

#[test]
fn every_prefix_is_handled_without_panic() {
    for (body, hint, verifier) in [
        (UTF8_BODY, None, md5()),
        (GBK_BODY, Some(Charset::Gbk), md5()),
        (RSA2_BODY, None, rsa2()),
    ] {
        let bytes = body.as_bytes();
        for end in 0..=bytes.len() {
            let verified = decode_notification(&bytes[..end], hint, &NotifyLimits::default())
                .and_then(|n| verify_notification_signature(&n, &verifier));
            // Only the whole body verifies.
            assert_eq!(
                verified.is_ok(),
                end == bytes.len(),
                "prefix of {end} bytes"
            );
        }
        // And every single-byte corruption either fails to decode, fails to verify, or changes
        // nothing signed: empty values are unsigned (docs/protocol.md, "Signing", step 1), so renaming
        // the empty `body=` still verifies, and must leave the signing string as it was.
        let original = decode_notification(bytes, hint, &NotifyLimits::default())
            .unwrap()
            .signing_string();
        let empty = body.find("&body=&").unwrap() + 1..body.find("&body=&").unwrap() + 6;
        for at in 0..bytes.len() {
            let mut corrupt = bytes.to_vec();
            corrupt[at] ^= 0x01;
            let Ok(n) = decode_notification(&corrupt, hint, &NotifyLimits::default()) else {
                continue;
            };
            if verify_notification_signature(&n, &verifier).is_ok() {
                assert_eq!(
                    n.signing_string(),
                    original,
                    "byte {at} flipped still verifies"
                );
                // Only within `body=` (its name, or `=` turned into `<`).
                assert!(empty.contains(&at), "byte {at} flipped still verifies");
            }
        }
    }
}

#[test]
fn no_error_reveals_the_md5_key() {
    let verifier = md5();
    let mut errors: Vec<NotifyError> = Vec::new();
    let tampered = replace_param(UTF8_BODY, "total_fee", "total_fee=0.01");
    let bodies = [
        tampered.clone(),
        replace_param(UTF8_BODY, "notify_id", ""),
        replace_param(UTF8_BODY, "sign", ""),
        replace_param(UTF8_BODY, "sign_type", ""),
        replace_param(UTF8_BODY, "sign", "sign=not-hex"),
        format!("{UTF8_BODY}&trade_status=x"),
        format!("{UTF8_BODY}&_input_charset=latin1"),
        UTF8_BODY.replacen("%3A", "%3G", 1),
        RSA2_BODY.to_owned(),
        "a=1&".repeat(300),
    ];
    for body in &bodies {
        match decode(body, None) {
            Ok(n) => {
                assert!(!format!("{n:?}{n}").contains(MD5_KEY));
                errors.push(verify_notification_signature(&n, &verifier).unwrap_err());
            }
            Err(e) => errors.push(e),
        }
    }
    let empty_key = Verifier::md5(Md5Key::new(""));
    let n = decode(UTF8_BODY, None).unwrap();
    errors.push(verify_notification_signature(&n, &empty_key).unwrap_err());
    assert_eq!(errors.len(), bodies.len() + 1);
    for err in &errors {
        for text in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
            assert!(!text.contains(MD5_KEY), "{text}");
            // Nor its first half, in case a message cut it.
            assert!(!text.contains(&MD5_KEY[..16]), "{text}");
        }
    }
    assert!(!format!("{verifier:?}").contains(MD5_KEY));
}
