//! `query_timestamp` (防钓鱼时间戳) and the page services' anti-phishing checks: a key the sandbox
//! issued to the partner passes, one it did not (or issued to another partner) is
//! `ILLEGAL_ANTI_PHISHING_KEY`, an old one `ANTI_PHISHING_KEY_TIMEOUT`; `exter_invoke_ip` must be an
//! IP address (`ILLEGAL_EXTER_INVOKE_IP`). Alipay's demos call `query_timestamp` unsigned: answered.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use alipay_client::Client;
use alipay_core::sign::SignType;
use alipay_core::{Charset, xml};
use alipay_sandbox::Sandbox;
use alipay_services::create_direct_pay_by_user::CreateDirectPayByUser;
use alipay_services::query_timestamp::QueryTimestamp;
use support::*;

/// What the cashier answers for a `create_direct_pay_by_user` page request with these
/// anti-phishing values: `Ok(())` for a cashier page, `Err(code)` for an error page.
async fn open(
    client: &Client,
    out_trade_no: &str,
    key: Option<&str>,
    ip: Option<&str>,
) -> Result<(), String> {
    let order = CreateDirectPayByUser {
        out_trade_no: out_trade_no.into(),
        anti_phishing_key: key.map(str::to_owned),
        exter_invoke_ip: ip.map(str::to_owned),
        notify_url: None,
        ..CreateDirectPayByUser::example()
    };
    let page = http()
        .get(client.page_url(&order).unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    match page.find("<span id=\"error\">") {
        Some(at) => {
            let rest = &page[at + 17..];
            Err(rest[..rest.find('<').unwrap()].to_owned())
        }
        None => {
            assert!(page.contains("id=\"pay\""), "{page}");
            Ok(())
        }
    }
}

#[tokio::test]
async fn an_issued_key_opens_the_cashier_and_others_do_not() {
    let sandbox = start().await;
    let client = md5_client(&sandbox);
    let key = client
        .execute(&QueryTimestamp {})
        .await
        .unwrap()
        .encrypt_key;
    assert_eq!(key.len(), 24, "{key}");
    let again = client
        .execute(&QueryTimestamp {})
        .await
        .unwrap()
        .encrypt_key;
    assert_ne!(key, again);

    assert_eq!(open(&client, "AP-1", Some(&key), None).await, Ok(()));
    // Within its validity a key may serve again.
    assert_eq!(open(&client, "AP-2", Some(&key), None).await, Ok(()));
    assert_eq!(
        open(&client, "AP-3", Some("KPr8DuZp5xc031OVxw=="), None).await,
        Err("ILLEGAL_ANTI_PHISHING_KEY".into())
    );
    // A key issued to another partner.
    let other = sandbox.admin().create_partner();
    let theirs = support::client(&sandbox, &other, SignType::Md5, Charset::Utf8)
        .execute(&QueryTimestamp {})
        .await
        .unwrap()
        .encrypt_key;
    assert_eq!(
        open(&client, "AP-4", Some(&theirs), None).await,
        Err("ILLEGAL_ANTI_PHISHING_KEY".into())
    );
    // exter_invoke_ip.
    assert_eq!(
        open(&client, "AP-5", None, Some("128.214.222.111")).await,
        Ok(())
    );
    assert_eq!(open(&client, "AP-6", None, Some("::1")).await, Ok(()));
    assert_eq!(
        open(&client, "AP-7", None, Some("128.214.222")).await,
        Err("ILLEGAL_EXTER_INVOKE_IP".into())
    );
}

#[tokio::test]
async fn a_key_expires() {
    // 10 minutes at 1/10000: 60 ms.
    let sandbox = start_scaled(0.0001).await;
    let client = md5_client(&sandbox);
    let key = client
        .execute(&QueryTimestamp {})
        .await
        .unwrap()
        .encrypt_key;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        open(&client, "AP-OLD", Some(&key), None).await,
        Err("ANTI_PHISHING_KEY_TIMEOUT".into())
    );
}

/// Alipay's PHP and Java demos send `service` and `partner` only (the PHP 3.3 demo adds
/// `_input_charset`), unsigned: answered with the key, signed with MD5 as Alipay's sample answer.
#[tokio::test]
async fn the_demos_unsigned_call_is_answered() {
    let sandbox: Sandbox = start().await;
    let partner = sandbox.first_partner().partner.clone();
    for query in [
        format!("service=query_timestamp&partner={partner}"),
        format!("service=query_timestamp&partner={partner}&_input_charset=utf-8"),
    ] {
        let answer = get(&http(), &sandbox, &query).await;
        assert_eq!(answer.code(), "T", "{}", answer.text());
        let envelope = xml::parse(&answer.body).unwrap();
        let payload = envelope.response.as_ref().unwrap();
        assert_eq!(payload.name, "timestamp");
        assert!(
            payload
                .fields
                .iter()
                .any(|(k, v)| k == "encrypt_key" && !v.is_empty())
        );
        assert_eq!(envelope.sign_type.as_deref(), Some("MD5"));
    }
    // Another service unsigned is still refused.
    let unsigned = format!("service=single_trade_query&partner={partner}&trade_no=1");
    assert_eq!(
        get(&http(), &sandbox, &unsigned).await.code(),
        "ILLEGAL_SIGN_TYPE"
    );
}
