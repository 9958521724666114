//! The test gateway itself: recording, scripting, streaming, and the envelope helpers' known answers.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use support::{
    Gateway, Reply, check_md5_request, envelope, error_envelope, signed_envelope,
    signed_envelope_gbk,
};

const KEY: &str = "k3y";
const FIELDS: &[(&str, &str)] = &[
    ("outer_goods_id", "o-1"),
    ("goods_name", "二手 围巾&<"),
    ("memo", ""),
    ("goods_id", "123"),
];

fn xml(text: &str) -> Reply {
    Reply::Xml(text.as_bytes().to_vec())
}

async fn get(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client.get(url).send().await.unwrap()
}

#[tokio::test]
async fn records_get_and_post_and_scripts_fifo_then_default() {
    let gw = Gateway::start().await;
    let client = reqwest::Client::new();
    assert_eq!(
        gw.url(),
        format!("http://127.0.0.1:{}/gateway.do", gw.addr().port())
    );

    // Nothing scripted: 500.
    let url = format!("{}?service=a&x=1+2%263", gw.url());
    assert_eq!(get(&client, &url).await.status(), 500);

    gw.push("a", xml("<first/>"));
    gw.push("a", xml("<second/>"));
    gw.set_default("a", xml("<default/>"));
    for want in ["<first/>", "<second/>", "<default/>", "<default/>"] {
        let resp = get(&client, &url).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], "text/xml; charset=utf-8");
        assert_eq!(resp.text().await.unwrap(), want);
    }

    // POST: `_input_charset` in the query, a GBK form body (`二手 围巾` with `+` for the space).
    // Sign: python3 -c "import hashlib; print(hashlib.md5('_input_charset=gbk&partner=2088101122136241&service=notify_verify&subject=二手 围巾'.encode('gbk')+b'k3y').hexdigest())"
    let body = "partner=2088101122136241&subject=%B6%FE%CA%D6+%CE%A7%BD%ED&empty=\
                &sign=295d18d5478d17e7acc60d4454a4c615&sign_type=MD5";
    gw.push("notify_verify", Reply::Text("true".into()));
    let resp = client
        .post(format!(
            "{}?_input_charset=gbk&service=notify_verify",
            gw.url()
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "text/plain; charset=utf-8");
    assert_eq!(resp.text().await.unwrap(), "true");

    let seen = gw.requests();
    assert_eq!(seen.len(), 6);
    assert_eq!(
        (gw.count("a"), gw.count("notify_verify"), gw.count("b")),
        (5, 1, 0)
    );
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].query, "service=a&x=1+2%263");
    assert_eq!(seen[0].param("x"), Some("1 2&3"));
    assert!(seen[0].at <= seen[1].at);
    let post = &seen[5];
    assert_eq!(post.method, "POST");
    assert_eq!(post.body, body.as_bytes());
    assert_eq!(
        post.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(post.param("subject"), Some("二手 围巾"));
    assert_eq!(post.params[0], ("_input_charset".into(), "gbk".into()));
    assert_eq!(
        check_md5_request(post, KEY).unwrap(),
        "_input_charset=gbk&partner=2088101122136241&service=notify_verify&subject=二手 围巾"
    );
    assert!(
        check_md5_request(post, "wrong")
            .unwrap_err()
            .contains("295d18d5")
    );
}

#[tokio::test]
async fn delay_and_raw() {
    let gw = Gateway::start().await;
    let client = reqwest::Client::new();
    let raw = Reply::Raw {
        status: 503,
        content_type: "text/html".into(),
        body: b"busy".to_vec(),
    };
    gw.push("s", Reply::Delay(Duration::from_millis(200), Box::new(raw)));
    let start = Instant::now();
    let resp = get(&client, &format!("{}?service=s", gw.url())).await;
    assert!(start.elapsed() >= Duration::from_millis(200));
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["content-type"], "text/html");
    assert_eq!(resp.text().await.unwrap(), "busy");
}

#[tokio::test]
async fn huge_bodies_stream_with_and_without_length() {
    let gw = Gateway::start().await;
    let client = reqwest::Client::new();
    let len = 1 << 30; // 1 GiB: only works because the body is produced lazily
    for content_length in [true, false] {
        gw.push(
            "h",
            Reply::Huge {
                len,
                content_length,
            },
        );
        let mut resp = get(&client, &format!("{}?service=h", gw.url())).await;
        assert_eq!(resp.status(), 200);
        if content_length {
            assert_eq!(resp.content_length(), Some(len as u64));
        } else {
            assert_eq!(resp.headers()["transfer-encoding"], "chunked");
            assert!(resp.headers().get("content-length").is_none());
        }
        let chunk = resp.chunk().await.unwrap().unwrap();
        assert!(!chunk.is_empty() && chunk.iter().all(|&b| b == b'x'));
        drop(resp);
    }
    // Small and uneven lengths end exactly.
    gw.push(
        "h",
        Reply::Huge {
            len: 40_000,
            content_length: false,
        },
    );
    let resp = get(&client, &format!("{}?service=h", gw.url())).await;
    assert_eq!(resp.bytes().await.unwrap().len(), 40_000);
}

#[test]
fn envelopes_match_python() {
    // python3 -c "import hashlib; print(hashlib.md5('goods_id=123&goods_name=二手 围巾&<&outer_goods_id=o-1k3y'.encode()).hexdigest())"
    const SIGN_UTF8: &str = "eea4f85ead5c751fe7d75d612ec108c4";
    // python3 -c "import hashlib; print(hashlib.md5('goods_id=123&goods_name=二手 围巾&<&outer_goods_id=o-1'.encode('gbk')+b'k3y').hexdigest())"
    const SIGN_GBK: &str = "f424ff21e516dd81c17599ea87e0fec1";

    let fields = "<outer_goods_id>o-1</outer_goods_id><goods_name>二手 围巾&amp;&lt;</goods_name>\
                  <memo></memo><goods_id>123</goods_id>";
    let unsigned = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><alipay><is_success>T</is_success><response><goods>{fields}</goods></response></alipay>"#
    );
    assert_eq!(
        String::from_utf8(envelope("goods", FIELDS)).unwrap(),
        unsigned
    );

    let signed = String::from_utf8(signed_envelope("goods", FIELDS, KEY)).unwrap();
    let tail = format!("</response><sign>{SIGN_UTF8}</sign><sign_type>MD5</sign_type></alipay>");
    assert!(signed.ends_with(&tail), "{signed}");

    let gbk = signed_envelope_gbk("goods", FIELDS, KEY);
    let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad);
    assert!(text.starts_with(r#"<?xml version="1.0" encoding="GBK"?>"#));
    assert!(text.contains("<goods_name>二手 围巾&amp;&lt;</goods_name>"));
    assert!(text.contains(&format!("<sign>{SIGN_GBK}</sign>")));
    assert!(gbk.windows(4).any(|w| w == [0xB6, 0xFE, 0xCA, 0xD6])); // 二手 in GBK

    assert!(
        String::from_utf8(error_envelope("ILLEGAL_SIGN"))
            .unwrap()
            .ends_with("<alipay><is_success>F</is_success><error>ILLEGAL_SIGN</error></alipay>")
    );
}

#[tokio::test]
async fn gbk_xml_reply_announces_gbk() {
    let gw = Gateway::start().await;
    gw.push("g", Reply::Xml(signed_envelope_gbk("goods", FIELDS, KEY)));
    let resp = get(&reqwest::Client::new(), &format!("{}?service=g", gw.url())).await;
    assert_eq!(resp.headers()["content-type"], "text/xml; charset=GBK");
}
