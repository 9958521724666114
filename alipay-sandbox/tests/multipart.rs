//! `multipart/form-data` POST bodies, as the official MAPI demo's `buildRequestHttp` sends them:
//! read as the same parameters as a url-encoded form (UTF-8 and GBK values), within the same
//! limits; a broken one is refused.

#![allow(clippy::unwrap_used)]

mod support;

use support::*;

/// A multipart body: one part per pair, each value's bytes as they are (`gbk`: GBK bytes).
fn multipart(pairs: &[(String, String)], boundary: &str, gbk_bytes: bool) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in pairs {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n")
                .as_bytes(),
        );
        if gbk_bytes {
            body.extend_from_slice(&gbk(v));
        } else {
            body.extend_from_slice(v.as_bytes());
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

async fn post_multipart(
    sandbox: &alipay_sandbox::Sandbox,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Answer {
    let response = http()
        .post(format!("{}?{query}", sandbox.gateway_url()))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.bytes().await.unwrap().to_vec();
    Answer {
        status,
        content_type,
        body,
    }
}

#[tokio::test]
async fn a_multipart_form_is_the_same_request() {
    let sandbox = start().await;
    let me = sandbox.first_partner();
    for (charset, gbk_bytes, id) in [("utf-8", false, "MP-UTF8"), ("gbk", true, "MP-GBK")] {
        sandbox
            .admin()
            .create_sns_user(&me.partner, "mp_user", "mp_key");
        let params = goods_params(&me.partner, charset, "mp_user", "mp_key", id);
        let signed = md5_signed(&params, &me.md5_key, gbk_bytes);
        let body = multipart(&signed, "----AlipayDemoBoundary7MA4YWxk", gbk_bytes);
        let answer = post_multipart(
            &sandbox,
            &format!("_input_charset={charset}"),
            "multipart/form-data; boundary=----AlipayDemoBoundary7MA4YWxk",
            body,
        )
        .await;
        assert_eq!(answer.code(), "T", "{charset}: {}", answer.text());
        let goods = sandbox.admin().goods(&me.partner, id).unwrap();
        assert!(
            goods
                .iter()
                .any(|(k, v)| k == "goods_name" && v == "二手围巾"),
            "{goods:?}"
        );
    }
    // A tampered value still fails the signature, multipart or not.
    let params = goods_params(&me.partner, "utf-8", "mp_user", "mp_key", "MP-2");
    let mut signed = md5_signed(&params, &me.md5_key, false);
    signed.iter_mut().find(|(k, _)| k == "goods_fee").unwrap().1 = "0.01".into();
    let answer = post_multipart(
        &sandbox,
        "_input_charset=utf-8",
        "multipart/form-data; boundary=XYZ",
        multipart(&signed, "XYZ", false),
    )
    .await;
    assert_eq!(answer.code(), "ILLEGAL_SIGN");
    // A body that is not the multipart it claims is refused with an envelope a client can parse.
    let answer = post_multipart(
        &sandbox,
        "_input_charset=utf-8",
        "multipart/form-data; boundary=XYZ",
        b"--OTHER\r\nnot a part".to_vec(),
    )
    .await;
    assert_eq!(answer.code(), "ILLEGAL_ARGUMENT", "{}", answer.text());
}
