//! Throughput and latency of `execute` under concurrency, and memory per idle client (issue 4's
//! figures). Not a criterion bench: criterion times one routine, and this needs a latency
//! distribution across concurrent callers and a heap count.
//!
//! `cargo bench -p alipay-client --bench client_load` prints one table:
//! - for 1 and 32 concurrent callers, calls/s and p50 / p99 latency of `execute` for the SNS document's
//!   `sns.create.goods.ws` (MD5) against a loopback gateway, with a bare reqwest GET of the same
//!   signed URL through the same pool alongside for reference;
//! - heap bytes held per idle client: built with its own connection pool, after one call (one
//!   pooled connection), and sharing one `reqwest::Client`.
//!
//! `ALIPAY_BENCH_SECONDS` (default 5) sets the time per row.
#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

#[path = "common/loopback.rs"]
mod loopback;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use alipay_client::{Client, Config};
use alipay_core::sign::Md5Key;
use alipay_services::sns_create_goods_ws::CreateGoods;

/// Counts live heap bytes.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn config(gateway: &str) -> Config {
    Config::md5(
        loopback::PARTNER.parse().unwrap(),
        Md5Key::new(loopback::KEY),
    )
    .gateway(gateway)
    .build()
    .unwrap()
}

#[derive(Clone, Copy)]
enum Mode {
    Execute,
    Bare,
}

/// Runs `callers` loops for `secs`; returns calls/s, p50, p99.
fn load(
    rt: &tokio::runtime::Runtime,
    client: &Client,
    url: &str,
    mode: Mode,
    callers: usize,
    secs: f64,
) -> (f64, Duration, Duration) {
    let goods = Arc::new(CreateGoods::example());
    let run = |dur: Duration| {
        rt.block_on(async {
            let stop = Instant::now() + dur;
            let tasks: Vec<_> = (0..callers)
                .map(|_| {
                    let (client, goods, url) = (client.clone(), goods.clone(), url.to_owned());
                    tokio::spawn(async move {
                        let mut lat = Vec::with_capacity(100_000);
                        while Instant::now() < stop {
                            let t = Instant::now();
                            match mode {
                                Mode::Execute => {
                                    client.execute(&*goods).await.unwrap();
                                }
                                Mode::Bare => {
                                    let http = client.http_client();
                                    let r = http.get(&url).send().await.unwrap();
                                    std::hint::black_box(r.bytes().await.unwrap());
                                }
                            }
                            lat.push(t.elapsed());
                        }
                        lat
                    })
                })
                .collect();
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap());
            }
            all
        })
    };
    run(Duration::from_millis(500)); // warm-up: connections, caches
    let started = Instant::now();
    let mut lat = run(Duration::from_secs_f64(secs));
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    (lat.len() as f64 / elapsed, pct(0.50), pct(0.99))
}

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// `ALIPAY_BENCH_ONLY=bare|execute ALIPAY_BENCH_CALLS=N`: N calls of one kind on a single-threaded
/// runtime, for `valgrind --tool=callgrind` (instruction counts: run both kinds with the same N and
/// subtract; the gateway's work is the same for both).
fn count_only(only: &str) {
    let calls: usize = std::env::var("ALIPAY_BENCH_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let addr = loopback::start(1);
    let gateway = format!("http://{addr}/gateway.do");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::new(config(&gateway)).unwrap();
    let goods = CreateGoods::example();
    let url = client.prepare(&goods).unwrap().get_url(&gateway);
    rt.block_on(async {
        for _ in 0..calls {
            if only == "bare" {
                let r = client.http_client().get(&url).send().await.unwrap();
                std::hint::black_box(r.bytes().await.unwrap());
            } else {
                std::hint::black_box(client.execute(&goods).await.unwrap());
            }
        }
    });
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` probes with --list
    }
    if let Ok(only) = std::env::var("ALIPAY_BENCH_ONLY") {
        return count_only(&only);
    }
    let secs: f64 = std::env::var("ALIPAY_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let addr = loopback::start(1);
    let gateway = format!("http://{addr}/gateway.do");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = Client::new(config(&gateway)).unwrap();
    let url = client
        .prepare(&CreateGoods::example())
        .unwrap()
        .get_url(&gateway);

    println!("| callers | what | calls/s | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for callers in [1, 32] {
        for (name, mode) in [
            ("execute (MD5)", Mode::Execute),
            ("bare reqwest GET", Mode::Bare),
        ] {
            let (rate, p50, p99) = load(&rt, &client, &url, mode, callers, secs);
            println!("| {callers} | {name} | {rate:.0} | {p50:.1?} | {p99:.1?} |");
        }
    }

    // The added cost per call, paired: bare and execute alternate, so drift hits both alike.
    let pairs = (secs * 4000.0) as usize;
    let (mut bare, mut exec, mut diff) = (Vec::new(), Vec::new(), Vec::new());
    rt.block_on(async {
        let goods = CreateGoods::example();
        let http = client.http_client();
        for i in 0..pairs + 1000 {
            let t = Instant::now();
            let r = http.get(&url).send().await.unwrap();
            std::hint::black_box(r.bytes().await.unwrap());
            let b = t.elapsed();
            let t = Instant::now();
            client.execute(&goods).await.unwrap();
            let e = t.elapsed();
            if i >= 1000 {
                bare.push(b.as_nanos() as i64);
                exec.push(e.as_nanos() as i64);
                diff.push(e.as_nanos() as i64 - b.as_nanos() as i64);
            }
        }
    });
    let median = |v: &mut Vec<i64>| {
        v.sort_unstable();
        v[v.len() / 2] as f64 / 1000.0
    };
    println!();
    println!("| added cost, {pairs} interleaved pairs, 1 caller | µs |");
    println!("|---|---|");
    println!("| bare reqwest GET, median | {:.1} |", median(&mut bare));
    println!("| execute (MD5), median | {:.1} |", median(&mut exec));
    println!(
        "| median of (execute − bare) per pair | {:.1} |",
        median(&mut diff)
    );

    // Memory per idle client.
    const N: usize = 50;
    let before = live();
    let own: Vec<Client> = (0..N)
        .map(|_| Client::new(config(&gateway)).unwrap())
        .collect();
    let fresh = (live() - before) / N as isize;
    let before_call = live();
    rt.block_on(async {
        for c in &own {
            c.execute(&CreateGoods::example()).await.unwrap();
        }
    });
    // Let the pool settle (connections are kept idle for reuse).
    std::thread::sleep(Duration::from_millis(200));
    let used = (live() - before_call) / N as isize + fresh;
    drop(own);
    let shared_http = reqwest::Client::new();
    let before = live();
    let shared: Vec<Client> = (0..N)
        .map(|_| Client::with_http_client(config(&gateway), shared_http.clone()))
        .collect();
    let sharing = (live() - before) / N as isize;
    drop(shared);
    println!();
    println!("| idle client | heap bytes each (mean of {N}) |");
    println!("|---|---|");
    println!("| `Client::new` (own pool, TLS config) | {fresh} |");
    println!("| … after one call (one pooled connection) | {used} |");
    println!("| `Client::with_http_client` (shared pool) | {sharing} |");
}
