//! Sandbox throughput under load: 64 concurrent loopback clients (one keep-alive connection each)
//! sending `sns.create.goods.ws`, each request with a new `outer_goods_id`, signed with MD5 and
//! with RSA2; then, with MD5, `single_trade_query` of one trade and the page service
//! `create_direct_pay_by_user`, each request opening a new trade and answering its cashier page.
//! Requests are signed before the clock starts, so the figures are the sandbox's: parsing, checks,
//! signature verification, the store, the signed answer (or the page), the request log.
//!
//! ```text
//! cargo bench -p alipay-sandbox --bench load [-- --md5 N --rsa2 N --clients N]
//! ```

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use alipay_core::Charset;
use alipay_core::Request;
use alipay_core::request::prepare_request;
use alipay_core::sign::{Md5Key, PrivateKey, Signer};
use alipay_sandbox::{NewTrade, Sandbox, SandboxConfig};
use alipay_services::create_direct_pay_by_user::CreateDirectPayByUser;
use alipay_services::single_trade_query::SingleTradeQuery;
use alipay_services::sns_create_goods_ws::CreateGoods;

struct Options {
    md5: usize,
    rsa2: usize,
    clients: usize,
}

fn options() -> Options {
    let mut o = Options {
        md5: 40_000,
        rsa2: 4_000,
        clients: 64,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse().ok());
        match arg.as_str() {
            "--md5" => o.md5 = value().unwrap_or(o.md5),
            "--rsa2" => o.rsa2 = value().unwrap_or(o.rsa2),
            "--clients" => o.clients = value().unwrap_or(o.clients),
            _ => {} // `--bench` and the like, passed by cargo
        }
    }
    o
}

/// The outcome of one run.
struct Figures {
    requests: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

/// Sends every URL once, from one task per client (each client keeps one connection); returns
/// the figures.
async fn run(urls: Vec<String>, clients: &[reqwest::Client]) -> Figures {
    let urls = Arc::new(urls);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(clients.len());
    for http in clients {
        let urls = Arc::clone(&urls);
        let next = Arc::clone(&next);
        let http = http.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let sent = Instant::now();
                let response = http.get(url).send().await.expect("answer");
                let status = response.status();
                let body = response.bytes().await.expect("body");
                latencies.push(sent.elapsed());
                assert_eq!(status, 200);
                // A `T` envelope, or a cashier page with its pay button.
                const OK: &[u8] = b"<is_success>T</is_success>";
                const PAGE: &[u8] = b"id=\"pay\"";
                assert!(
                    body.windows(OK.len()).any(|w| w == OK)
                        || body.windows(PAGE.len()).any(|w| w == PAGE),
                    "{}",
                    String::from_utf8_lossy(&body)
                );
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(urls.len());
    for task in tasks {
        latencies.extend(task.await.expect("client task"));
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Figures {
        requests: latencies.len(),
        elapsed,
        p50: at(0.50),
        p99: at(0.99),
        max: latencies[latencies.len() - 1],
    }
}

fn signed_urls(sandbox: &Sandbox, signer: &Signer, prefix: &str, count: usize) -> Vec<String> {
    signed(sandbox, signer, count, |i| CreateGoods {
        outer_goods_id: format!("{prefix}-{i}"),
        ..CreateGoods::example()
    })
}

/// `count` signed GET URLs of the requests `make` builds.
fn signed<R: Request>(
    sandbox: &Sandbox,
    signer: &Signer,
    count: usize,
    make: impl Fn(usize) -> R,
) -> Vec<String> {
    let partner = sandbox.first_partner().partner.parse().expect("partner id");
    let gateway = sandbox.gateway_url();
    (0..count)
        .map(|i| {
            prepare_request(&make(i), &partner, Charset::Utf8, signer)
                .expect("signed request")
                .get_url(&gateway)
        })
        .collect()
}

/// A `create_direct_pay_by_user` page request for a new order.
fn page_request(prefix: &str, i: usize) -> CreateDirectPayByUser {
    CreateDirectPayByUser {
        out_trade_no: format!("{prefix}-{i}"),
        notify_url: None,
        return_url: None,
        anti_phishing_key: None,
        ..CreateDirectPayByUser::example()
    }
}

fn main() {
    let o = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .expect("sandbox");
        let me = sandbox.first_partner().clone();
        let example = CreateGoods::example();
        sandbox
            .admin()
            .create_sns_user(&me.partner, &example.sns_user_id, &example.key);
        let md5 = Signer::md5(Md5Key::new(me.md5_key.as_str()));
        let rsa2 = Signer::rsa2(PrivateKey::parse(&me.merchant_private_key_pem).expect("key"))
            .expect("RSA2 signer");

        // One client, hence one keep-alive connection, per simulated merchant; built before the
        // clock starts (building one loads the TLS root store).
        let clients: Vec<reqwest::Client> = (0..o.clients)
            .map(|_| {
                reqwest::Client::builder()
                    .pool_max_idle_per_host(1)
                    .build()
                    .expect("HTTP client")
            })
            .collect();
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "sns.create.goods.ws, {} concurrent loopback clients, {} worker threads",
            o.clients,
            std::thread::available_parallelism().map_or(1, usize::from)
        );
        let _ = writeln!(
            out,
            "| sign type | requests | requests/s | p50 | p99 | max |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for (name, signer, count) in [("MD5", &md5, o.md5), ("RSA2", &rsa2, o.rsa2)] {
            // Warm-up: connections, allocator, caches.
            let warm = signed_urls(&sandbox, signer, &format!("warm-{name}"), o.clients * 4);
            run(warm, &clients).await;
            let urls = signed_urls(&sandbox, signer, name, count);
            let f = run(urls, &clients).await;
            let _ = writeln!(
                out,
                "| {name} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.2} ms |",
                f.requests,
                f.requests as f64 / f.elapsed.as_secs_f64(),
                f.p50.as_secs_f64() * 1e3,
                f.p99.as_secs_f64() * 1e3,
                f.max.as_secs_f64() * 1e3,
            );
            // Every request created its goods.
            let last = format!("{name}-{}", count - 1);
            assert!(sandbox.admin().goods(&me.partner, &last).is_some());
        }
        // MD5: a query of one trade, and a page service opening a trade per request.
        let _ = writeln!(
            out,
            "\nMD5, other services, {} concurrent loopback clients",
            o.clients
        );
        let _ = writeln!(out, "| service | requests | requests/s | p50 | p99 | max |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        let trade = sandbox.admin().create_trade(NewTrade {
            partner: me.partner.clone(),
            out_trade_no: "load-query".into(),
            total_fee: "1.00".parse().expect("amount"),
            ..NewTrade::default()
        });
        let query = |_| SingleTradeQuery {
            trade_no: Some(trade.trade_no.clone()),
            out_trade_no: None,
        };
        let count = o.md5;
        let workloads: [(&str, Vec<String>, Vec<String>); 2] = [
            (
                "single_trade_query",
                signed(&sandbox, &md5, o.clients * 4, query),
                signed(&sandbox, &md5, count, query),
            ),
            (
                "create_direct_pay_by_user (page)",
                signed(&sandbox, &md5, o.clients * 4, |i| page_request("warm", i)),
                signed(&sandbox, &md5, count, |i| page_request("load", i)),
            ),
        ];
        for (name, warm, urls) in workloads {
            run(warm, &clients).await;
            let f = run(urls, &clients).await;
            let _ = writeln!(
                out,
                "| {name} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.2} ms |",
                f.requests,
                f.requests as f64 / f.elapsed.as_secs_f64(),
                f.p50.as_secs_f64() * 1e3,
                f.p99.as_secs_f64() * 1e3,
                f.max.as_secs_f64() * 1e3,
            );
        }
        let last = format!("load-{}", count - 1);
        assert!(sandbox.admin().trade_by_out(&me.partner, &last).is_some());
        sandbox.shutdown().await;
    });
}
