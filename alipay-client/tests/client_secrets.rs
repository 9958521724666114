//! No secret in any `Debug`, log line or error: every `tracing` event of a run through success,
//! retries, service errors, transport errors, bad responses and notifications is captured, along
//! with the `Debug` and `Display` of everything the client hands out, and grepped for the MD5 key,
//! the RSA private key, and the secret business parameter (the SNS user `key`).

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_client::store::MemoryStore;
use alipay_client::{Client, Config, NotificationHandler, RetryPolicy};
use alipay_core::sign::{Md5Key, PrivateKey, Signer};
use alipay_services::sns_create_goods_ws::CreateGoods;
use support::{GOODS_FIELDS, Gateway, Reply, error_envelope, signed_envelope};

const KEY: &str = "S3CRETmd5KEYs3cretMD5keyS3CRET00";
const PARTNER: &str = "2088002464631181";
const USER_KEY: &str = "USERKEY0SECRET0VALUE0NOT0IN0LOGS";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn goods() -> CreateGoods {
    CreateGoods {
        key: USER_KEY.to_owned(),
        ..CreateGoods::example()
    }
}

#[tokio::test]
async fn no_secret_in_debug_logs_or_errors() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let gw = Gateway::start().await;
    let retry = RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(gw.url())
        .retry(retry)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let log = Arc::new(MemoryStore::new());
    let client = Client::new(config.clone())
        .unwrap()
        .with_call_log(log.clone());
    let mut shown = vec![format!("{config:?}"), format!("{client:?}")];

    gw.push("sns.create.goods.ws", Reply::Xml(error_envelope("RETRY")));
    gw.push(
        "sns.create.goods.ws",
        Reply::Xml(signed_envelope("goods", GOODS_FIELDS, KEY)),
    );
    gw.push(
        "sns.create.goods.ws",
        Reply::Xml(error_envelope("ILLEGAL_SIGN")),
    );
    gw.push(
        "sns.create.goods.ws",
        Reply::Xml(signed_envelope("goods", GOODS_FIELDS, "forged")),
    );
    gw.push(
        "sns.create.goods.ws",
        Reply::Delay(Duration::from_secs(5), Box::new(Reply::Text(String::new()))),
    );
    for _ in 0..4 {
        match client.execute(&goods()).await {
            Ok(g) => shown.push(format!("{g:?}")),
            Err(e) => shown.push(format!("{e} / {e:?}")),
        }
    }
    shown.push(format!("{:?}", client.prepare(&goods()).unwrap()));
    let mut invalid = goods();
    invalid.goods_name.clear();
    shown.push(format!("{:?}", client.execute(&invalid).await.unwrap_err()));

    // A notification with a bad signature, then a genuine one through the handler.
    gw.set_default("notify_verify", Reply::Text("true".into()));
    let handler = NotificationHandler::new(client.clone(), Arc::new(MemoryStore::new()));
    let bad = handler
        .handle(b"notify_id=1&trade_no=2&sign_type=MD5&sign=00", |_| async {
            Ok::<(), String>(())
        })
        .await;
    shown.push(format!("{bad:?}"));
    shown.push(format!("{handler:?}"));

    // An RSA2 merchant: the private key must not show either.
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem"
    ))
    .unwrap();
    let private = PrivateKey::parse(&pem).unwrap();
    let rsa = Config::builder(
        PARTNER.parse().unwrap(),
        Signer::rsa2(private.clone()).unwrap(),
    )
    .alipay_public_key(private.public_key())
    .gateway(gw.url())
    .build()
    .unwrap();
    shown.push(format!("{rsa:?}"));
    shown.push(format!("{:?}", Client::new(rsa).unwrap()));
    shown.extend(log.records().iter().map(|r| format!("{r:?}")));

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("alipay call"),
        "tracing captured nothing: {logs}"
    );
    assert!(logs.contains("key=<secret>"), "{logs}");
    assert!(
        logs.contains("outcome=T"),
        "the success is logged too: {logs}"
    );
    let everything = format!("{logs}\n{}", shown.join("\n"));
    let pem_lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(pem_lines.len() > 10);
    for secret in [KEY, USER_KEY].into_iter().chain(pem_lines) {
        assert!(
            !everything.contains(secret),
            "secret {secret:?} leaked in:\n{everything}"
        );
    }
}
