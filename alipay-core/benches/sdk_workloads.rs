//! The three workloads of `benches/sdk-compare/run.sh` (issue 6), on this crate, timed the way
//! that script's Node and Python harnesses time the other SDKs: warm up, then time batches of
//! about 5 ms for `BENCH_SECONDS` (default 2) and report the median batch time / batch size.
//!
//! 1. `prepare_md5`, `prepare_rsa2`: the SNS document's 17 `sns.create.goods.ws` parameters (unsorted) →
//!    [`prepare`] (canonical string → sign → percent-encoded query), MD5 and RSA2 (2048-bit key).
//! 2. `parse_verify`: the SNS document's response, RSA2-signed → [`xml::parse`] →
//!    [`Envelope::verify_signature`](alipay_core::xml::Envelope::verify_signature);
//!    `parse_verify_goods` also builds the typed [`Goods`].
//! 3. `notify_verify`: a form-encoded RSA2 notification → [`decode_notification`] →
//!    [`verify_notification_signature`].
//!
//! Inputs: the files `benches/sdk-compare/gen_inputs.py` writes (with `openssl`, independently of
//! this crate), from the directory in `SDK_COMPARE_INPUTS`; without it, the same inputs are built
//! here from the test fixtures with this crate's own signer (same parameters and keys; the
//! notification's spaces are then `%20` instead of `+`).
//!
//! `cargo bench -p alipay-core --bench sdk_workloads` measures and prints a table (`-- --json`: one
//! JSON object, what run.sh reads). Without `--bench` (e.g. `cargo test --benches`) each workload
//! runs once and its result is checked.

#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use alipay_core::notify::{NotifyLimits, decode_notification, verify_notification_signature};
use alipay_core::request::prepare;
use alipay_core::service::Response;
use alipay_core::sign::{Md5Key, PrivateKey, PublicKey, Signer, Verifier};
use alipay_core::xml::{self, SignatureStatus};
use alipay_core::{Charset, canonical, form};
use alipay_services::sns_create_goods_ws::Goods;

/// What every harness reads (see `gen_inputs.py`).
struct Inputs {
    /// The request parameters, in the SNS document's (unsorted) order.
    params: Vec<(String, String)>,
    md5_key: String,
    private_pem: String,
    public_pem: String,
    response_xml: Vec<u8>,
    notify_body: Vec<u8>,
}

impl Inputs {
    fn load(dir: &Path) -> Self {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name} in {dir:?}: {e}"))
        };
        let text = |name: &str| String::from_utf8(read(name)).unwrap();
        let params = text("params.tsv")
            .lines()
            .map(|line| {
                let (k, v) = line.split_once('\t').expect("name TAB value");
                (k.to_owned(), v.to_owned())
            })
            .collect();
        Self {
            params,
            md5_key: text("md5_key.txt"),
            private_pem: text("rsa2048_pkcs8.pem"),
            public_pem: text("rsa2048_pub_spki.pem"),
            response_xml: read("response.xml"),
            notify_body: read("notify.txt"),
        }
    }

    /// The same inputs as `gen_inputs.py`, signed with this crate's RSA2 signer.
    fn built_in() -> Self {
        const SEED: &[(&str, &str)] = &[
            ("_input_charset", "utf-8"),
            ("service", "sns.create.goods.ws"),
            ("partner", "2088002464631181"),
            (
                "notify_url",
                "http://www.test.com/notify/alipay/interface.htm",
            ),
            ("sns_user_id", "id20111107434343"),
            ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
            ("outer_goods_id", "id2011434535743854"),
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
        ];
        // The notification of tests/notify.rs.
        const NOTIFY: &[(&str, &str)] = &[
            ("notify_time", "2013-10-22 18:43:17"),
            ("notify_type", "trade_status_sync"),
            (
                "notify_id",
                "RqPnCoPT3K9%2Fvwbh3I+ODmZS9o4q/ChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG",
            ),
            ("out_trade_no", "6843192280647118"),
            ("subject", "二手围巾"),
            ("body", ""),
            ("payment_type", "1"),
            ("trade_no", "2013102200001004390046735432"),
            ("trade_status", "WAIT_SELLER_SEND_GOODS"),
            ("seller_id", "2088002464631181"),
            ("seller_email", "seller@example.com"),
            ("buyer_id", "2088102000000000"),
            ("buyer_email", "buyer@example.com"),
            ("price", "100.40"),
            ("quantity", "1"),
            ("total_fee", "100.40"),
            ("gmt_create", "2013-10-22 18:40:10"),
            ("gmt_payment", "2013-10-22 18:43:16"),
            ("is_total_fee_adjust", "N"),
            ("use_coupon", "N"),
            ("logistics_type", "EXPRESS"),
            ("logistics_fee", "0.00"),
            ("logistics_payment", "SELLER_PAY"),
            ("receive_name", "张三"),
        ];
        let private_pem = include_str!("../tests/fixtures/keys/rsa2048_pkcs8.pem").to_owned();
        let signer = Signer::rsa2(PrivateKey::parse(&private_pem).unwrap()).unwrap();

        let seed = include_str!("../tests/fixtures/xml/sns_create_goods_ws.xml");
        let payload = xml::parse(seed.as_bytes())
            .unwrap()
            .response_signing_string();
        let sign = signer.sign(payload.unwrap().as_bytes()).unwrap();
        let element = |name: &str| {
            let (open, close) = (format!("<{name}>"), format!("</{name}>"));
            let start = seed.find(&open).unwrap();
            start..seed[start..].find(&close).unwrap() + start + close.len()
        };
        let mut response = seed.to_owned();
        // `<sign_type>` follows `<sign>`: replacing it first leaves the range of `<sign>` valid.
        response.replace_range(element("sign_type"), "<sign_type>RSA2</sign_type>");
        response.replace_range(element("sign"), &format!("<sign>{sign}</sign>"));

        let sign = signer
            .sign(canonical::signing_string(NOTIFY).as_bytes())
            .unwrap();
        let mut notify = NOTIFY.to_vec();
        notify.extend([("sign_type", "RSA2"), ("sign", &sign)]);

        Self {
            params: SEED
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            md5_key: "demo0000000000000000000000000000".to_owned(),
            private_pem,
            public_pem: include_str!("../tests/fixtures/keys/rsa2048_pub_spki.pem").to_owned(),
            response_xml: response.into_bytes(),
            notify_body: form::encode(&notify, Charset::Utf8).unwrap().into_bytes(),
        }
    }
}

/// One workload's timing: median time per operation over batches.
struct Timing {
    median_ns: f64,
    batches: usize,
    batch: u64,
}

/// Warm up for a tenth of `seconds` (at least 0.2 s), size batches to about 5 ms, then time
/// batches for `seconds` (at least 11 of them); the median batch time divided by its size.
/// `run.sh`'s Node and Python harnesses do exactly this.
fn measure<T>(seconds: f64, mut op: impl FnMut() -> T) -> Timing {
    let warm = Duration::from_secs_f64((seconds / 10.0).max(0.2));
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < warm {
        black_box(op());
        n += 1;
    }
    let per_op = start.elapsed().as_secs_f64() / n as f64;
    let batch = ((0.005 / per_op).ceil() as u64).max(1);
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < seconds || samples.len() < 11 {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(op());
        }
        samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
    }
    samples.sort_by(f64::total_cmp);
    let mid = samples.len() / 2;
    let median_ns = if samples.len() % 2 == 1 {
        samples[mid]
    } else {
        (samples[mid - 1] + samples[mid]) / 2.0
    };
    Timing {
        median_ns,
        batches: samples.len(),
        batch,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bench = args.iter().any(|a| a == "--bench");
    let json = args.iter().any(|a| a == "--json");
    let seconds: f64 = std::env::var("BENCH_SECONDS")
        .ok()
        .map(|s| s.parse().expect("BENCH_SECONDS is a number"))
        .unwrap_or(2.0);
    let inputs = match std::env::var_os("SDK_COMPARE_INPUTS") {
        Some(dir) => Inputs::load(Path::new(&dir)),
        None => Inputs::built_in(),
    };

    let md5 = Signer::md5(Md5Key::new(inputs.md5_key.as_str()));
    let rsa2 = Signer::rsa2(PrivateKey::parse(&inputs.private_pem).unwrap()).unwrap();
    let verifier = Verifier::rsa2(PublicKey::parse(&inputs.public_pem).unwrap()).unwrap();
    let params = &inputs.params;
    let response = inputs.response_xml.as_slice();
    let body = inputs.notify_body.as_slice();

    let prepare_md5 = || {
        prepare(black_box(params), Charset::Utf8, &md5)
            .unwrap()
            .into_encoded()
    };
    let prepare_rsa2 = || {
        prepare(black_box(params), Charset::Utf8, &rsa2)
            .unwrap()
            .into_encoded()
    };
    let parse_verify = || {
        let envelope = xml::parse(black_box(response)).unwrap();
        assert!(envelope.is_success);
        let status = envelope.verify_signature(&verifier).unwrap();
        assert_eq!(status, SignatureStatus::Verified);
        envelope
    };
    let parse_verify_goods = || Goods::from_response(parse_verify().response.as_ref()).unwrap();
    let notify_verify = || {
        let n = decode_notification(black_box(body), None, &NotifyLimits::DEFAULT).unwrap();
        verify_notification_signature(&n, &verifier).unwrap();
        n
    };

    // The prepared queries, for run.sh to check against the known answers.
    let md5_query = prepare_md5();
    let rsa2_query = prepare_rsa2();
    parse_verify_goods();
    notify_verify();
    if !bench {
        println!("sdk_workloads: every workload ran once and checked (pass --bench to measure)");
        return;
    }

    let timings = [
        ("prepare_md5", measure(seconds, prepare_md5)),
        ("prepare_rsa2", measure(seconds, prepare_rsa2)),
        ("parse_verify", measure(seconds, parse_verify)),
        ("parse_verify_goods", measure(seconds, parse_verify_goods)),
        ("notify_verify", measure(seconds, notify_verify)),
    ];
    if json {
        // Every string written here is ASCII without quotes or backslashes (names, hex, base64,
        // percent-encoding), so no escaping is needed.
        let results: Vec<String> = timings
            .iter()
            .map(|(name, t)| {
                format!(
                    "\"{name}\":{{\"median_ns\":{:.1},\"batches\":{},\"batch\":{}}}",
                    t.median_ns, t.batches, t.batch
                )
            })
            .collect();
        println!(
            "{{\"results\":{{{}}},\"outputs\":{{\"md5_query\":\"{md5_query}\",\"rsa2_query\":\"{rsa2_query}\"}}}}",
            results.join(",")
        );
    } else {
        for (name, t) in &timings {
            println!(
                "{name:<20} {:>12.3} µs  ({} batches of {})",
                t.median_ns / 1e3,
                t.batches,
                t.batch
            );
        }
    }
}
