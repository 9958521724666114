//! Helpers for the sandbox's end-to-end tests: sandboxes, clients for their partners, raw requests
//! built and signed independently of the code under test (our own sort and percent-encoding, the
//! `md-5` crate, `encoding_rs` for GBK, constants from python3 and openssl), and a notification
//! receiver.

#![allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alipay_client::{Client, Config, RetryPolicy, SignaturePolicy};
use alipay_core::Charset;
use alipay_core::sign::{Md5Key, PrivateKey, PublicKey, SignType, Signer};
use alipay_sandbox::{PartnerCredentials, Sandbox, SandboxConfig};
use md5::{Digest as _, Md5};

/// A partner with known credentials, registered by [`add_known_partner`].
pub const KNOWN_PARTNER: &str = "2088000000000001";
/// Its MD5 key.
pub const KNOWN_KEY: &str = "0123456789abcdefghijklmnopqrstuv";
/// Its RSA key pair: alipay-core's test fixtures (generated with openssl, see their generate.sh).
pub const KNOWN_RSA_PRIVATE: &str =
    include_str!("../../../alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem");
pub const KNOWN_RSA_PUBLIC: &str =
    include_str!("../../../alipay-core/tests/fixtures/keys/rsa2048_pub_spki.pem");
/// A DSA key pair from the same fixtures.
pub const KNOWN_DSA_PRIVATE: &str =
    include_str!("../../../alipay-core/tests/fixtures/keys/dsa1024_pkcs8.pem");
pub const KNOWN_DSA_PUBLIC: &str =
    include_str!("../../../alipay-core/tests/fixtures/keys/dsa1024_pub_spki.pem");

/// A sandbox with the default configuration.
pub async fn start() -> Sandbox {
    Sandbox::start(SandboxConfig::default()).await.unwrap()
}

/// A fresh directory for one test's state file.
pub fn state_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "alipay-sandbox-{name}-{}-{}",
        std::process::id(),
        fastrand::u64(..)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A sandbox keeping its state in `path` (created when missing), with this time factor.
pub async fn start_with_state(path: &std::path::Path, time_factor: f64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        state: Some(path.to_owned()),
        time_factor,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// A sandbox with this time factor.
pub async fn start_scaled(time_factor: f64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        time_factor,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// Registers [`KNOWN_PARTNER`] with [`KNOWN_KEY`] and the fixture RSA keys.
pub fn add_known_partner(sandbox: &Sandbox) -> PartnerCredentials {
    sandbox
        .admin()
        .add_partner(&PartnerCredentials {
            partner: KNOWN_PARTNER.into(),
            md5_key: KNOWN_KEY.into(),
            merchant_private_key_pem: KNOWN_RSA_PRIVATE.into(),
            merchant_public_key_pem: KNOWN_RSA_PUBLIC.into(),
            alipay_public_key_pem: String::new(),
        })
        .unwrap()
}

/// A client of `partner` signing with `sign_type` in `charset`, requiring signed responses (but
/// for DSA: the sandbox has no DSA key), never retrying.
pub fn client(
    sandbox: &Sandbox,
    partner: &PartnerCredentials,
    sign_type: SignType,
    charset: Charset,
) -> Client {
    let id = partner.partner.parse().unwrap();
    let alipay = || PublicKey::parse(&partner.alipay_public_key_pem).unwrap();
    let merchant = || PrivateKey::parse(&partner.merchant_private_key_pem).unwrap();
    let builder = match sign_type {
        SignType::Md5 => Config::md5(id, Md5Key::new(partner.md5_key.as_str())),
        SignType::Rsa => {
            Config::builder(id, Signer::rsa(merchant()).unwrap()).alipay_public_key(alipay())
        }
        SignType::Rsa2 => {
            Config::builder(id, Signer::rsa2(merchant()).unwrap()).alipay_public_key(alipay())
        }
        SignType::Dsa => Config::builder(
            id,
            Signer::dsa(PrivateKey::parse(KNOWN_DSA_PRIVATE).unwrap()).unwrap(),
        )
        .alipay_public_key(PublicKey::parse(KNOWN_DSA_PUBLIC).unwrap())
        .signature_policy(SignaturePolicy::VerifyIfPresent),
    };
    let policy = if sign_type == SignType::Dsa {
        SignaturePolicy::VerifyIfPresent
    } else {
        SignaturePolicy::Require
    };
    let config = builder
        .gateway(sandbox.gateway_url())
        .charset(charset)
        .signature_policy(policy)
        .retry(RetryPolicy::never(Duration::from_secs(20)))
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

/// [`client`] for the sandbox's first partner, MD5, UTF-8.
pub fn md5_client(sandbox: &Sandbox) -> Client {
    client(
        sandbox,
        sandbox.first_partner(),
        SignType::Md5,
        Charset::Utf8,
    )
}

// ---------------------------------------------------------------------------------------------
// Requests built and signed by hand.

/// GBK bytes of `text` (encoding_rs, refusing unmappable characters).
pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "not encodable in GBK: {text:?}");
    bytes.into_owned()
}

/// The signing string: non-empty `k=v` but `sign`/`sign_type`, sorted by name (bytes), `&`-joined.
pub fn signing_string(pairs: &[(String, String)]) -> String {
    let mut kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, v)| !v.is_empty() && k != "sign" && k != "sign_type")
        .collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    kept.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Lowercase hex MD5 of `bytes` followed by `key`.
pub fn md5_hex(bytes: &[u8], key: &str) -> String {
    let digest = Md5::new()
        .chain_update(bytes)
        .chain_update(key.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `pairs` plus `sign_type=MD5` and their MD5 `sign` with `key` (string in GBK when `gbk`).
pub fn md5_signed(pairs: &[(&str, &str)], key: &str, gbk_bytes: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let string = signing_string(&out);
    let bytes = if gbk_bytes {
        gbk(&string)
    } else {
        string.into_bytes()
    };
    out.push(("sign_type".into(), "MD5".into()));
    out.push(("sign".into(), md5_hex(&bytes, key)));
    out
}

/// Percent-encodes bytes: everything but ASCII letters, digits and `-._~`.
pub fn percent(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `k=v&…`, each name and value in UTF-8 or GBK, percent-encoded.
pub fn encode(pairs: &[(String, String)], gbk_bytes: bool) -> String {
    let bytes = |s: &str| {
        if gbk_bytes {
            gbk(s)
        } else {
            s.as_bytes().to_vec()
        }
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent(&bytes(k)), percent(&bytes(v))))
        .collect::<Vec<_>>()
        .join("&")
}

/// An answer as received.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// `T`, or the error code of an `F` envelope; panics on anything else.
    pub fn code(&self) -> String {
        assert_eq!(self.status, 200, "status of {self:?}");
        let envelope = alipay_core::xml::parse(&self.body).unwrap_or_else(|e| {
            panic!(
                "not an envelope ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        });
        if envelope.is_success {
            "T".into()
        } else {
            envelope.error.unwrap().as_str().to_owned()
        }
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP client (no redirects).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Reads a response into an [`Answer`].
pub async fn answer(response: reqwest::Response) -> Answer {
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

/// `GET gateway.do?{query}`.
pub async fn get(http: &reqwest::Client, sandbox: &Sandbox, query: &str) -> Answer {
    let url = format!("{}?{query}", sandbox.gateway_url());
    answer(http.get(url).send().await.unwrap()).await
}

/// `POST gateway.do?{query}` with a form body.
pub async fn post(http: &reqwest::Client, sandbox: &Sandbox, query: &str, body: &str) -> Answer {
    let url = format!("{}?{query}", sandbox.gateway_url());
    let response = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// The parameters of a valid `sns.create.goods.ws` request (unsigned).
pub fn goods_params<'a>(
    partner: &'a str,
    charset: &'a str,
    sns_user_id: &'a str,
    key: &'a str,
    outer_goods_id: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("service", "sns.create.goods.ws"),
        ("partner", partner),
        ("_input_charset", charset),
        (
            "notify_url",
            "http://www.test.com/notify/alipay/interface.htm",
        ),
        ("sns_user_id", sns_user_id),
        ("key", key),
        ("outer_goods_id", outer_goods_id),
        ("goods_name", "二手围巾"),
        ("goods_info", "8成新"),
        ("goods_fee", "100.40"),
        ("goods_total_num", "100"),
        ("buy_max_num", "100"),
        ("flow_type", "1"),
        ("flow_fee", "11.50"),
        ("who_pay", "2"),
        ("valid_date", "15"),
        ("timestamp", "1309437333420"),
    ]
}

// ---------------------------------------------------------------------------------------------
// A notification receiver.

/// One notification as the receiver got it.
#[derive(Clone, Debug)]
pub struct Hit {
    pub at: Instant,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    /// What the receiver answered.
    pub answered: String,
}

#[derive(Default)]
struct Script {
    answers: VecDeque<String>,
    default: String,
    hits: Vec<Hit>,
}

/// A merchant's `notify_url` on loopback: answers the queued bodies in turn, then the default.
pub struct Receiver {
    pub url: String,
    script: Arc<Mutex<Script>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(answers: &[&str], default: &str) -> Receiver {
        use axum::body::Bytes;
        use axum::extract::State;
        use axum::http::HeaderMap;

        let script = Arc::new(Mutex::new(Script {
            answers: answers.iter().map(|s| (*s).to_owned()).collect(),
            default: default.to_owned(),
            hits: Vec::new(),
        }));
        async fn notify(
            State(script): State<Arc<Mutex<Script>>>,
            headers: HeaderMap,
            body: Bytes,
        ) -> String {
            let mut s = script.lock().unwrap();
            let answer = s.answers.pop_front().unwrap_or_else(|| s.default.clone());
            s.hits.push(Hit {
                at: Instant::now(),
                body: body.to_vec(),
                content_type: headers
                    .get("content-type")
                    .map(|v| v.to_str().unwrap().to_owned()),
                answered: answer.clone(),
            });
            answer
        }
        let app = axum::Router::new()
            .route("/notify", axum::routing::post(notify))
            .with_state(Arc::clone(&script));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver {
            url: format!("http://{addr}/notify"),
            script,
            task,
        }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.script.lock().unwrap().hits.clone()
    }

    /// Waits until `n` notifications arrived (panics after `timeout`).
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Hit> {
        let deadline = Instant::now() + timeout;
        loop {
            let hits = self.hits();
            if hits.len() >= n {
                return hits;
            }
            assert!(
                Instant::now() < deadline,
                "{} notifications after {timeout:?}, expected {n}",
                hits.len()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Decodes a form body in UTF-8 or GBK, independently of the code under test.
pub fn decode_form(body: &[u8], gbk_bytes: bool) -> Vec<(String, String)> {
    fn unescape(s: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            match s[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(&s[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        out
    }
    let text = |b: Vec<u8>| {
        if gbk_bytes {
            let (text, _, bad) = encoding_rs::GBK.decode(&b);
            assert!(!bad);
            text.into_owned()
        } else {
            String::from_utf8(b).unwrap()
        }
    };
    body.split(|&b| b == b'&')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let eq = seg.iter().position(|&b| b == b'=').unwrap();
            (text(unescape(&seg[..eq])), text(unescape(&seg[eq + 1..])))
        })
        .collect()
}

/// The value of `name` in `pairs`.
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Presses the seller's confirmation of batch `batch_no` at the cashier (`path`:
/// `/cashier/payout` or `/cashier/refund`) with the sandbox's password; the HTTP status.
pub async fn confirm_batch(
    http: &reqwest::Client,
    sandbox: &Sandbox,
    path: &str,
    partner: &str,
    batch_no: &str,
) -> u16 {
    let body = encode(
        &[
            ("partner".to_owned(), partner.to_owned()),
            ("batch_no".to_owned(), batch_no.to_owned()),
            ("password".to_owned(), "123456".to_owned()),
        ],
        false,
    );
    http.post(format!("http://{}{path}", sandbox.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Writes `request` to a fresh connection and reads until the server closes it (5 s at most).
pub async fn raw_exchange(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer and close before reading everything: write errors are expected.
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    answer
}

/// A delivery's parameters without those that change from one delivery to the next, sorted.
pub fn content(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "notify_id" | "notify_time" | "sign"))
        .cloned()
        .collect();
    kept.sort();
    kept
}
