//! The PostgreSQL store against a real server that each test starts itself (`support/pg_server.rs`):
//! the store contract, migrations, several processes and instances delivering the same
//! notifications, a process killed mid-step, a step outliving its lease, the server crashing
//! mid-run, and the call log.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "support/contract.rs"]
mod contract;
#[path = "support/pg_server.rs"]
mod pg_server;
mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alipay_client::postgres::{PgOptions, PgStore};
use alipay_client::store::{CallLog, CallRecord, Claim, DedupStore, NotificationState};
use alipay_client::{Client, Config, Handled, NotificationHandler, RetryPolicy};
use alipay_core::sign::Md5Key;
use contract::{LONG, Store, acquired, call};
use md5::{Digest, Md5};
use pg_server::PgServer;
use support::{Gateway, Reply};

const KEY: &str = "0123456789abcdef0123456789abcdef";
const PARTNER: &str = "2088002464631181";
const VERIFY: &str = "notify_verify";

impl Store for PgStore {
    async fn all_records(&self) -> Vec<CallRecord> {
        self.records().await.unwrap()
    }
}

/// A store on database `name` of `server` (created empty), retrying for `retry_for`.
async fn store(server: &PgServer, name: &str, retry_for: Duration) -> PgStore {
    let url = server.database(name);
    PgStore::connect_with(
        &url,
        PgOptions {
            max_connections: 8,
            retry_for,
            ..PgOptions::default()
        },
    )
    .await
    .unwrap()
}

// ---- The contract, each property on its own database of one server.

macro_rules! contract_on_postgres {
    ($($property:ident),* $(,)?) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn the_store_contract_holds_on_postgres() {
            let Some(server) = PgServer::start() else { return };
            $(
                let s = store(&server, stringify!($property), Duration::from_secs(5)).await;
                contract::$property(&s).await;
            )*
        }
    };
}

contract::every_property!(contract_on_postgres);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_run_once_when_instances_start_together_and_a_newer_schema_is_refused() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("migrations");
    let starts: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { PgStore::connect(&url).await })
        })
        .collect();
    for start in starts {
        start.await.unwrap().unwrap();
    }
    let (sql, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let versions: Vec<i32> = sql
        .query("SELECT version FROM alipay_schema ORDER BY version", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, [1]);
    // Tables are prefixed, with the indexes the lookups use.
    let indexes: Vec<String> = sql
        .query(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'alipay\\_%' ORDER BY 1",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for wanted in [
        "alipay_call_params_by_value",
        "alipay_calls_by_service_time",
    ] {
        assert!(indexes.iter().any(|i| i == wanted), "{indexes:?}");
    }
    // Opening again changes nothing; a newer schema is refused, not misread.
    PgStore::connect(&url).await.unwrap();
    sql.execute("INSERT INTO alipay_schema (version) VALUES (99)", &[])
        .await
        .unwrap();
    let err = PgStore::connect(&url).await.unwrap_err().to_string();
    assert!(err.contains("schema version 99"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_postgres_text_cannot_hold_are_kept() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let s = store(&server, "nul", Duration::from_secs(5)).await;
    let record = call(
        contract::SHIP,
        true,
        &[("trade_no", "20\0"), ("memo", "a\0b")],
    );
    s.record(&record).await.unwrap();
    assert_eq!(s.records().await.unwrap(), vec![record]);
    assert!(
        !s.succeeded(contract::SHIP, "trade_no", "20\0")
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_is_never_shown() {
    // Nothing listens on port 1: the connection is refused, retried briefly, then reported.
    let url = "postgres://shop:s3cret-pw@127.0.0.1:1/orders";
    let err = PgStore::connect_with(
        url,
        PgOptions {
            retry_for: Duration::from_millis(300),
            ..PgOptions::default()
        },
    )
    .await
    .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("postgres://shop@127.0.0.1:1/orders"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");
    // TLS is not offered: asking for it is refused at once, not retried.
    let started = Instant::now();
    let err = PgStore::connect("postgres://shop:s3cret-pw@127.0.0.1:1/orders?sslmode=require")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sslmode=require") && !err.contains("s3cret"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    let err = PgStore::connect("postgres://shop:s3cret-pw@[::1")
        .await
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("s3cret"), "{err:?}");
}

// ---- Notifications delivered to many instances.

fn client(gateway: &str) -> Client {
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(gateway)
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

/// Notification `n`: a genuine MD5-signed `trade_status_sync` for trade `2026120400000<n>`.
fn notification(n: usize) -> Vec<u8> {
    let signed = format!(
        "notify_id=RqPnCoPT3K9{n}vwbh3I&notify_time=2026-12-04 10:00:00\
         &notify_type=trade_status_sync&out_trade_no=ORDER-{n}&total_fee=0.01\
         &trade_no=2026120400000{n}&trade_status=TRADE_FINISHED"
    );
    let digest = Md5::digest(format!("{signed}{KEY}").as_bytes());
    let sign: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}&sign_type=MD5&sign={sign}", signed.replace(' ', "+")).into_bytes()
}

fn trade_of(n: &alipay_client::VerifiedNotification) -> String {
    n.trade_no().unwrap().to_owned()
}

async fn verifying_gateway() -> Gateway {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    gw
}

/// Reads the `RUN <trade_no>` lines of children's outputs.
fn count_runs(outputs: &[String]) -> HashMap<String, usize> {
    let mut runs = HashMap::new();
    for out in outputs {
        for line in out.lines() {
            if let Some((_, trade)) = line.split_once("RUN ") {
                *runs.entry(trade.trim().to_owned()).or_default() += 1;
            }
        }
    }
    runs
}

const CHILD_URL: &str = "ALIPAY_TEST_PG_URL";
const CHILD_GO: &str = "ALIPAY_TEST_PG_GO";
const NOTIFICATIONS: usize = 200;
const PROCESSES: usize = 4;
const INSTANCES: usize = 3;

/// 4 processes × 3 instances (each its own pool, as separate servers would have) × 200
/// notifications, each delivered to every instance twice, all at once: each business step runs
/// exactly once, and every notification ends completed.
#[test]
fn many_processes_and_instances_run_each_step_exactly_once() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("instances");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Migrated once up front, so the children race on notifications, not on the schema.
    runtime.block_on(PgStore::connect(&url)).unwrap();
    let go = server.dir().join("go");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", "instances_in_a_child_process", "--ignored"])
                .args(["--nocapture", "--test-threads", "1"])
                .env(CHILD_URL, &url)
                .env(CHILD_GO, &go)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(&go, b"").unwrap();
    let outputs: Vec<String> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert!(out.status.success(), "{stdout}");
            stdout
        })
        .collect();
    let runs = count_runs(&outputs);
    let twice: Vec<_> = runs.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "steps not run exactly once: {twice:?}");
    assert_eq!(runs.len(), NOTIFICATIONS, "every step ran");
    // Every completion is recorded: one more delivery of each is a duplicate.
    runtime.block_on(async {
        let gw = verifying_gateway().await;
        let handler = NotificationHandler::new(
            client(&gw.url()),
            Arc::new(PgStore::connect(&url).await.unwrap()),
        );
        for n in 0..NOTIFICATIONS {
            let handled = handler
                .handle(&notification(n), |_| async { Err::<(), _>("ran again") })
                .await;
            assert!(matches!(handled, Handled::Duplicate), "{n}: {handled:?}");
        }
    });
}

#[test]
#[ignore = "a child process of many_processes_and_instances_run_each_step_exactly_once"]
fn instances_in_a_child_process() {
    let (Ok(url), Some(go)) = (std::env::var(CHILD_URL), std::env::var_os(CHILD_GO)) else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let gw = verifying_gateway().await;
        let mut handlers = Vec::new();
        for _ in 0..INSTANCES {
            let store = PgStore::connect_with(
                &url,
                PgOptions {
                    max_connections: 4,
                    ..PgOptions::default()
                },
            )
            .await
            .unwrap();
            let handler = NotificationHandler::new(client(&gw.url()), Arc::new(store))
                .wait(Duration::from_secs(30));
            handlers.push(Arc::new(handler));
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while !std::path::Path::new(&go).exists() {
            assert!(Instant::now() < deadline, "never told to go");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let mut deliveries = Vec::new();
        for round in 0..2 {
            for n in 0..NOTIFICATIONS {
                for handler in &handlers {
                    let handler = handler.clone();
                    deliveries.push(tokio::spawn(async move {
                        let handled = handler
                            .handle(&notification(n), |v| async move {
                                println!("RUN {}", trade_of(&v));
                                tokio::time::sleep(Duration::from_millis(2)).await;
                                Ok::<(), String>(())
                            })
                            .await;
                        (round, n, handled)
                    }));
                }
            }
        }
        for delivery in deliveries {
            let (round, n, handled) = delivery.await.unwrap();
            assert!(
                matches!(handled, Handled::Processed | Handled::Duplicate),
                "round {round}, notification {n}: {handled:?}"
            );
        }
    });
}

/// A process killed (SIGKILL) while its step runs: its lease expires, the next delivery after it
/// runs the step once, and later ones are duplicates.
#[test]
fn a_process_killed_mid_step_is_run_once_by_the_next_delivery_after_the_lease() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("killed");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(PgStore::connect(&url)).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "stuck_in_a_step_in_a_child_process", "--ignored"])
        .args(["--nocapture", "--test-threads", "1"])
        .env(CHILD_URL, &url)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = loop {
        let line = lines
            .next()
            .expect("the child ended before its step")
            .unwrap();
        if line.contains("STEP STARTED") {
            break Instant::now();
        }
    };
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    runtime.block_on(async {
        let gw = verifying_gateway().await;
        let store = Arc::new(PgStore::connect(&url).await.unwrap());
        let handler = NotificationHandler::new(client(&gw.url()), store.clone())
            .lease(STUCK_LEASE)
            .wait(Duration::ZERO);
        let runs = Arc::new(AtomicUsize::new(0));
        let step = |runs: Arc<AtomicUsize>| {
            move |_| async move {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok::<(), String>(())
            }
        };
        // Within the dead holder's lease: another delivery must not run it.
        let early = handler.handle(&notification(7), step(runs.clone())).await;
        assert!(
            matches!(early, Handled::Busy) || started.elapsed() >= STUCK_LEASE,
            "{early:?}"
        );
        tokio::time::sleep(STUCK_LEASE + Duration::from_millis(200)).await;
        let after = handler.handle(&notification(7), step(runs.clone())).await;
        assert!(matches!(after, Handled::Processed), "{after:?}");
        let again = handler.handle(&notification(7), step(runs.clone())).await;
        assert!(matches!(again, Handled::Duplicate), "{again:?}");
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    });
}

const STUCK_LEASE: Duration = Duration::from_secs(2);

#[test]
#[ignore = "a child process of a_process_killed_mid_step_is_run_once_by_the_next_delivery_after_the_lease"]
fn stuck_in_a_step_in_a_child_process() {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let gw = verifying_gateway().await;
        let store = Arc::new(PgStore::connect(&url).await.unwrap());
        let handler = NotificationHandler::new(client(&gw.url()), store).lease(STUCK_LEASE);
        handler
            .handle(&notification(7), |_| async {
                println!("STEP STARTED");
                tokio::time::sleep(Duration::from_secs(600)).await;
                Ok::<(), String>(())
            })
            .await;
    });
}

/// A step three times longer than its lease, on one instance, while another instance receives the
/// same notification: the lease is renewed, the other instance never runs it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_step_longer_than_the_lease_is_renewed_and_runs_once_across_instances() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("renewal");
    let gw = verifying_gateway().await;
    // Renewed every third of it: a renewal may come late by up to two thirds on a loaded machine.
    let lease = Duration::from_millis(1500);
    let instance = |store: PgStore| {
        Arc::new(
            NotificationHandler::new(client(&gw.url()), Arc::new(store))
                .lease(lease)
                .wait(Duration::ZERO),
        )
    };
    let first = instance(PgStore::connect(&url).await.unwrap());
    let second = instance(PgStore::connect(&url).await.unwrap());
    let runs = Arc::new(AtomicUsize::new(0));
    let long = {
        let (first, runs) = (first.clone(), runs.clone());
        tokio::spawn(async move {
            first
                .handle(&notification(1), |_| async move {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(4500)).await;
                    Ok::<(), String>(())
                })
                .await
        })
    };
    // Deliveries to the other instance during the step, each after the first lease would have
    // expired without renewal.
    for _ in 0..3 {
        tokio::time::sleep(lease).await;
        let runs = runs.clone();
        let other = second
            .handle(&notification(1), |_| async move {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok::<(), String>(())
            })
            .await;
        assert!(
            matches!(other, Handled::Busy | Handled::Duplicate),
            "{other:?}"
        );
    }
    assert!(matches!(long.await.unwrap(), Handled::Processed));
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// The server crashes (`pg_ctl stop -m immediate`) and comes back while 3 instances handle 100
/// notifications, each redelivered until acknowledged: no step runs twice, none is lost, every
/// acknowledged one is recorded completed, and the handlers recover without being rebuilt.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_server_crashing_mid_run_loses_nothing_and_runs_nothing_twice() {
    let Some(server) = PgServer::start() else {
        return;
    };
    const COUNT: usize = 100;
    let server = Arc::new(server);
    let url = server.database("restart");
    let gw = verifying_gateway().await;
    let mut handlers = Vec::new();
    for _ in 0..INSTANCES {
        let store = PgStore::connect_with(
            &url,
            PgOptions {
                max_connections: 4,
                retry_for: Duration::from_secs(20),
                ..PgOptions::default()
            },
        )
        .await
        .unwrap();
        handlers.push(Arc::new(
            NotificationHandler::new(client(&gw.url()), Arc::new(store))
                .lease(Duration::from_secs(3))
                .wait(Duration::from_millis(200)),
        ));
    }
    let runs: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let crash = {
        let server = server.clone();
        tokio::task::spawn_blocking(move || {
            std::thread::sleep(Duration::from_millis(600));
            server.crash();
            std::thread::sleep(Duration::from_millis(500));
            server.start_again();
        })
    };
    let mut deliveries = Vec::new();
    for n in 0..COUNT {
        for handler in &handlers {
            let (handler, runs) = (handler.clone(), runs.clone());
            deliveries.push(tokio::spawn(async move {
                // Spread over 1.5 s, so the crash comes in the middle of the run.
                tokio::time::sleep(Duration::from_millis(15 * n as u64)).await;
                // Alipay redelivers until it reads `success`.
                let deadline = Instant::now() + Duration::from_secs(60);
                loop {
                    let runs = runs.clone();
                    let handled = handler
                        .handle(&notification(n), |v| async move {
                            *runs.lock().unwrap().entry(trade_of(&v)).or_default() += 1;
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Ok::<(), String>(())
                        })
                        .await;
                    if handled.ack() == "success" {
                        return;
                    }
                    assert!(
                        Instant::now() < deadline,
                        "{n}: never acknowledged: {handled:?}"
                    );
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }));
        }
    }
    for delivery in deliveries {
        delivery.await.unwrap();
    }
    crash.await.unwrap();
    let runs = runs.lock().unwrap().clone();
    let twice: Vec<_> = runs.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "steps not run exactly once: {twice:?}");
    assert_eq!(runs.len(), COUNT);
    // Each notification's key is recorded done: its completion survived the crash.
    let store = PgStore::connect(&url).await.unwrap();
    let (sql, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let done: i64 = sql
        .query_one(
            "SELECT count(*) FROM alipay_notifications WHERE state = 'done'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(done, COUNT as i64);
    let key: String = sql
        .query_one("SELECT key FROM alipay_notifications LIMIT 1", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(
        store.notification_state(&key).await.unwrap(),
        Some(NotificationState::Done)
    );
}

/// Several instances logging calls at once, some retried: every attempt of every call is in the
/// log, each call's attempts in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_call_log_is_complete_and_in_order_per_call() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("calllog");
    let stores: Vec<Arc<PgStore>> = {
        let mut v = Vec::new();
        for _ in 0..INSTANCES {
            v.push(Arc::new(PgStore::connect(&url).await.unwrap()));
        }
        v
    };
    // Records as `execute` writes them: attempt after attempt, each written before the next.
    let mut calls = Vec::new();
    for c in 0..60usize {
        let store = stores[c % INSTANCES].clone();
        calls.push(tokio::spawn(async move {
            let attempts = 1 + c % 3;
            for attempt in 1..=attempts {
                let mut record = call(
                    "send_goods_confirm_by_platform",
                    attempt == attempts,
                    &[("trade_no", &format!("T{c}"))],
                );
                record.attempt = u32::try_from(attempt).unwrap();
                store.record(&record).await.unwrap();
            }
        }));
    }
    for c in calls {
        c.await.unwrap();
    }
    let records = stores[0].records().await.unwrap();
    assert_eq!(records.len(), (0..60).map(|c| 1 + c % 3).sum::<usize>());
    for c in 0..60usize {
        let trade = format!("T{c}");
        let attempts: Vec<(u32, bool)> = records
            .iter()
            .filter(|r| r.param("trade_no") == Some(trade.as_str()))
            .map(|r| (r.attempt, r.success))
            .collect();
        let n = 1 + c % 3;
        let expected: Vec<(u32, bool)> = (1..=n)
            .map(|a| (u32::try_from(a).unwrap(), a == n))
            .collect();
        assert_eq!(attempts, expected, "call {trade}");
        assert!(
            stores[1]
                .succeeded("send_goods_confirm_by_platform", "trade_no", &trade)
                .await
                .unwrap()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_is_exclusive_across_separate_stores() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("separate");
    let a = PgStore::connect(&url).await.unwrap();
    let b = PgStore::connect(&url).await.unwrap();
    let token = acquired(a.claim("k", LONG).await.unwrap());
    assert_eq!(b.claim("k", LONG).await.unwrap(), Claim::Busy);
    assert!(!b.complete("k", token + 1).await.unwrap());
    assert!(b.complete("k", token).await.unwrap());
    assert_eq!(a.claim("k", LONG).await.unwrap(), Claim::Done);
}
