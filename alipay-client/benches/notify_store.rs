//! Notifications handled per second, and p50 / p99 per delivery, with 1, 8 and 32 concurrent
//! deliveries, on SQLite and on PostgreSQL, in one sitting (issue 14's figures). Not a criterion
//! bench, like `client_load`: criterion times one routine, and this needs a latency distribution
//! across concurrent deliveries.
//!
//! `cargo bench -p alipay-client --features postgres --bench notify_store` prints one table. Each
//! delivery is a new genuine notification through the whole `NotificationHandler::handle`: verify
//! the MD5 signature, ask a loopback gateway's `notify_verify` (answers `true`), claim in the store,
//! run an empty business step, record the completion, write the call log (the same store). Stores:
//! - SQLite, one file, WAL, `Durability::Process` (no fsync per commit) and `PowerLoss` (fsync);
//! - PostgreSQL started here (`initdb`, `pg_ctl`), default settings (fsync per commit), on
//!   loopback TCP, one `PgStore` (pool of 16).
//!
//! `ALIPAY_BENCH_SECONDS` (default 5) sets the time per row.
#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/support/pg_server.rs"]
mod pg_server;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use alipay_client::postgres::PgStore;
use alipay_client::sqlite::{Database, Durability};
use alipay_client::store::{CallLog, DedupStore};
use alipay_client::{Client, Config, Handled, NotificationHandler};
use alipay_core::sign::Md5Key;
use md5::{Digest, Md5};

const KEY: &str = "0123456789abcdef0123456789abcdef";
const PARTNER: &str = "2088002464631181";

/// A loopback gateway answering `true` to everything, on a runtime thread of its own.
fn start_gateway() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().fallback(|| async { "true" });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// Notification `n` of run `run`: a genuine MD5-signed `trade_status_sync`, unique per (run, n).
fn notification(run: usize, n: usize) -> Vec<u8> {
    let signed = format!(
        "notify_id=RqPnCoPT3K9{run}x{n}&notify_time=2026-12-04+10:00:00\
         &notify_type=trade_status_sync&out_trade_no=ORDER-{run}-{n}&total_fee=0.01\
         &trade_no=2026{run:03}{n:010}&trade_status=TRADE_FINISHED"
    );
    let digest = Md5::digest(format!("{}{KEY}", signed.replace('+', " ")).as_bytes());
    let sign: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{signed}&sign_type=MD5&sign={sign}").into_bytes()
}

/// A row's store: its name, and the same store as de-duplication store and call log.
type Subject = (&'static str, Arc<dyn DedupStore>, Arc<dyn CallLog>);

struct Row {
    handled_per_s: f64,
    p50: Duration,
    p99: Duration,
}

async fn run(
    gateway: SocketAddr,
    store: Arc<dyn DedupStore>,
    log: Arc<dyn CallLog>,
    run_id: usize,
    concurrency: usize,
    secs: f64,
) -> Row {
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(format!("http://{gateway}/gateway.do"))
        .build()
        .unwrap();
    let client = Client::new(config).unwrap().with_call_log(log);
    let handler = Arc::new(NotificationHandler::new(client, store));
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (handler, next) = (handler.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let body = notification(run_id, next.fetch_add(1, Ordering::Relaxed));
                    let t = Instant::now();
                    let handled = handler
                        .handle(&body, |_| async { Ok::<(), String>(()) })
                        .await;
                    latencies.push(t.elapsed());
                    assert!(matches!(handled, Handled::Processed), "{handled:?}");
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
    Row {
        handled_per_s: all.len() as f64 / elapsed,
        p50: at(0.50),
        p99: at(0.99),
    }
}

fn main() {
    let secs: f64 = std::env::var("ALIPAY_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let gateway = start_gateway();
    let dir = std::env::temp_dir().join(format!("alipay-notify-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let Some(server) = pg_server::PgServer::start_durable() else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let url = server.database("bench");
    let pg = Arc::new(runtime.block_on(PgStore::connect(&url)).unwrap());
    let process = Arc::new(Database::open(dir.join("process.db")).unwrap());
    let power = Arc::new(Database::open_with(dir.join("power.db"), Durability::PowerLoss).unwrap());
    println!("notifications handled through NotificationHandler::handle, {secs} s per row");
    println!("| store | concurrent deliveries | handled/s | p50 | p99 |\n|---|---|---|---|---|");
    let mut run_id = 0;
    for concurrency in [1, 8, 32] {
        let stores: [Subject; 3] = [
            (
                "SQLite, WAL, no fsync per commit",
                process.clone(),
                process.clone(),
            ),
            (
                "SQLite, WAL, fsync per commit",
                power.clone(),
                power.clone(),
            ),
            (
                "PostgreSQL 127.0.0.1, fsync per commit",
                pg.clone(),
                pg.clone(),
            ),
        ];
        for (name, store, log) in stores {
            run_id += 1;
            let row = runtime.block_on(run(gateway, store, log, run_id, concurrency, secs));
            println!(
                "| {name} | {concurrency} | {:.0} | {:.2} ms | {:.2} ms |",
                row.handled_per_s,
                row.p50.as_secs_f64() * 1e3,
                row.p99.as_secs_f64() * 1e3
            );
        }
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
