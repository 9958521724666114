//! The [`DedupStore`] / [`CallLog`] contract (`support/contract.rs`), run against `MemoryStore` and
//! the SQLite `Database` (in memory and in a file), then what only a file can show: several handles
//! and processes on one file, and data surviving a reopen.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Barrier;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alipay_client::sqlite::{Database, Durability, NotificationState};
use alipay_client::store::{CallLog, CallRecord, Claim, DedupStore, MemoryStore};
use futures_util::FutureExt;

#[path = "support/contract.rs"]
mod contract;
use contract::{LONG, SHIP, SHORT, Store, acquired, call};

impl Store for Database {
    async fn all_records(&self) -> Vec<CallRecord> {
        self.records().unwrap()
    }
}

/// The answer of a local store's future, which is ready at its first poll (the store docs).
fn ready<T>(future: impl std::future::Future<Output = T>) -> T {
    future
        .now_or_never()
        .expect("a local store answers at the first poll")
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "alipay-core-{test}-{}-{nanos}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn file(&self) -> PathBuf {
        self.0.join("alipay.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

macro_rules! contract_tests {
    ($($property:ident),* $(,)?) => {
        mod memory_store {
            $(#[tokio::test(flavor = "multi_thread")]
            async fn $property() {
                super::contract::$property(&super::MemoryStore::new()).await;
            })*
        }
        mod database_in_memory {
            $(#[tokio::test(flavor = "multi_thread")]
            async fn $property() {
                super::contract::$property(&super::Database::in_memory().unwrap()).await;
            })*
        }
        mod database_file {
            $(#[tokio::test(flavor = "multi_thread")]
            async fn $property() {
                let dir = super::TempDir::new(stringify!($property));
                super::contract::$property(&super::Database::open(dir.file()).unwrap()).await;
            })*
        }
    };
}

contract::every_property!(contract_tests);

// What only the SQLite file shows.

#[test]
fn separate_handles_on_one_file_acquire_once() {
    const HANDLES: usize = 16;
    let dir = TempDir::new("separate-handles");
    let file = dir.file();
    drop(Database::open(&file).unwrap());
    for round in 0..5 {
        let key = format!("hot-{round}");
        let barrier = Barrier::new(HANDLES);
        let claims: Vec<Claim> = thread::scope(|scope| {
            let threads: Vec<_> = (0..HANDLES)
                .map(|_| {
                    scope.spawn(|| {
                        // Each thread its own connection, as separate processes would have.
                        let db = Database::open(&file).unwrap();
                        barrier.wait();
                        ready(db.claim(&key, LONG)).unwrap()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let tokens: Vec<u64> = claims
            .iter()
            .filter_map(|c| match c {
                Claim::Acquired(t) => Some(*t),
                _ => None,
            })
            .collect();
        let busy = claims.iter().filter(|c| **c == Claim::Busy).count();
        assert_eq!(
            (tokens.len(), busy),
            (1, HANDLES - 1),
            "round {round}: {claims:?}"
        );
        // The winner's token is the one the file holds.
        match Database::open(&file)
            .unwrap()
            .notification_state(&key)
            .unwrap()
        {
            Some(NotificationState::Running { token, .. }) => assert_eq!(token, tokens[0]),
            other => panic!("expected Running, got {other:?}"),
        }
    }
}

/// Real processes (this test binary, re-run as children), since SQLite locks connections of one
/// process against each other differently from separate processes (POSIX locks are per process).
#[test]
fn separate_processes_on_one_file_acquire_once() {
    const CHILDREN: usize = 6;
    let dir = TempDir::new("processes");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..CHILDREN)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", "claim_in_child_process", "--ignored"])
                .args(["--nocapture", "--test-threads", "1"])
                .env(CHILD_DIR, &dir.0)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Start them together, once each has opened the file.
    let ready = || {
        let names = std::fs::read_dir(&dir.0)
            .unwrap()
            .map(|e| e.unwrap().file_name());
        names
            .filter(|n| n.to_string_lossy().starts_with("ready-"))
            .count()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while ready() < CHILDREN {
        assert!(Instant::now() < deadline, "children did not start");
        thread::sleep(Duration::from_millis(5));
    }
    std::fs::write(dir.0.join("go"), b"").unwrap();
    let mut acquired_per_key = vec![0; CHILD_KEYS];
    let mut busy_per_key = vec![0; CHILD_KEYS];
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{stdout}");
        // libtest may print its "test … " prefix on the first line.
        let lines: Vec<&str> = stdout
            .lines()
            .filter_map(|l| l.split_once("CLAIM ").map(|(_, claim)| claim))
            .collect();
        assert_eq!(lines.len(), CHILD_KEYS, "{stdout}");
        for line in lines {
            let (key, claim) = line.split_once(' ').unwrap();
            let key: usize = key.parse().unwrap();
            match claim {
                "Busy" => busy_per_key[key] += 1,
                c if c.starts_with("Acquired(") => acquired_per_key[key] += 1,
                other => panic!("{other}"),
            }
        }
    }
    assert_eq!(acquired_per_key, vec![1; CHILD_KEYS]);
    assert_eq!(busy_per_key, vec![CHILDREN - 1; CHILD_KEYS]);
}

const CHILD_DIR: &str = "ALIPAY_CORE_TEST_CLAIM_DIR";
const CHILD_KEYS: usize = 20;

#[test]
#[ignore = "a child process of separate_processes_on_one_file_acquire_once"]
fn claim_in_child_process() {
    let Some(dir) = std::env::var_os(CHILD_DIR).map(PathBuf::from) else {
        return;
    };
    let db = Database::open(dir.join("alipay.db")).unwrap();
    std::fs::write(dir.join(format!("ready-{}", std::process::id())), b"").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !dir.join("go").exists() {
        assert!(Instant::now() < deadline, "never told to go");
        thread::sleep(Duration::from_millis(1));
    }
    for key in 0..CHILD_KEYS {
        let claim = ready(db.claim(&format!("hot-{key}"), LONG)).unwrap();
        println!("CLAIM {key} {claim:?}");
    }
}

#[test]
fn opening_a_new_file_from_many_threads_at_once() {
    const HANDLES: usize = 8;
    let dir = TempDir::new("concurrent-open");
    let file = dir.file();
    let barrier = Barrier::new(HANDLES);
    let tokens: Vec<u64> = thread::scope(|scope| {
        let threads: Vec<_> = (0..HANDLES)
            .map(|i| {
                let (file, barrier) = (&file, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    let db = Database::open(file).unwrap();
                    acquired(ready(db.claim(&format!("key-{i}"), LONG)).unwrap())
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let mut sorted = tokens.clone();
    sorted.sort_unstable();
    // One shared counter: the tokens are 1..=8, whatever order the threads ran in.
    assert_eq!(
        sorted,
        (1..=HANDLES as u64).collect::<Vec<_>>(),
        "{tokens:?}"
    );
}

#[test]
fn stale_release_from_another_handle_changes_nothing() {
    let dir = TempDir::new("stale-release");
    let crashed = Database::open(dir.file()).unwrap();
    let other = Database::open(dir.file()).unwrap();
    let old = acquired(ready(crashed.claim("k", SHORT)).unwrap());
    thread::sleep(SHORT + Duration::from_millis(20));
    let new = acquired(ready(other.claim("k", LONG)).unwrap());
    assert_ne!(old, new);
    ready(crashed.release("k", old)).unwrap();
    assert_eq!(ready(crashed.claim("k", LONG)).unwrap(), Claim::Busy);
    assert!(ready(other.complete("k", new)).unwrap());
    assert_eq!(ready(crashed.claim("k", LONG)).unwrap(), Claim::Done);
}

#[test]
fn data_survives_reopening() {
    let dir = TempDir::new("reopen");
    let record = call(SHIP, true, &[("trade_no", "2014")]);
    let (running, done) = {
        let db = Database::open(dir.file()).unwrap();
        let done = acquired(ready(db.claim("done", LONG)).unwrap());
        assert!(ready(db.complete("done", done)).unwrap());
        let running = acquired(ready(db.claim("running", LONG)).unwrap());
        ready(db.record(&record)).unwrap();
        (running, done)
    };
    assert_eq!((done, running), (1, 2));
    let db = Database::open(dir.file()).unwrap();
    assert_eq!(ready(db.claim("done", LONG)).unwrap(), Claim::Done);
    assert_eq!(ready(db.claim("running", LONG)).unwrap(), Claim::Busy);
    assert!(matches!(
        db.notification_state("running").unwrap(),
        Some(NotificationState::Running { token: 2, .. })
    ));
    assert_eq!(db.records().unwrap(), vec![record]);
    assert!(ready(db.succeeded(SHIP, "trade_no", "2014")).unwrap());
    // The token counter lives in the file: no token is handed out twice.
    assert_eq!(ready(db.claim("new", LONG)).unwrap(), Claim::Acquired(3));
    // The old holder can still give its claim back after the restart.
    ready(db.release("running", running)).unwrap();
    assert_eq!(db.notification_state("running").unwrap(), None);
}

#[test]
fn power_loss_durability_opens_and_stores() {
    let dir = TempDir::new("power-loss");
    let db = Database::open_with(dir.file(), Durability::PowerLoss).unwrap();
    ready(db.record(&call(SHIP, true, &[("trade_no", "1")]))).unwrap();
    drop(db);
    let db = Database::open(dir.file()).unwrap();
    assert!(ready(db.succeeded(SHIP, "trade_no", "1")).unwrap());
}

#[test]
fn notification_state_follows_the_claim() {
    let db = Database::in_memory().unwrap();
    assert_eq!(db.notification_state("k").unwrap(), None);
    let before = SystemTime::now();
    let token = acquired(ready(db.claim("k", Duration::from_secs(60))).unwrap());
    let after = SystemTime::now();
    match db.notification_state("k").unwrap() {
        Some(NotificationState::Running {
            token: t,
            lease_until,
        }) => {
            assert_eq!(t, token);
            // Stored in whole milliseconds, rounded so the lease is never shorter.
            assert!(lease_until + Duration::from_millis(1) > before + Duration::from_secs(60));
            assert!(lease_until <= after + Duration::from_secs(60) + Duration::from_millis(1));
        }
        other => panic!("expected Running, got {other:?}"),
    }
    ready(db.release("k", token)).unwrap();
    assert_eq!(db.notification_state("k").unwrap(), None);
    let token = acquired(ready(db.claim("k", LONG)).unwrap());
    ready(db.complete("k", token)).unwrap();
    assert_eq!(
        db.notification_state("k").unwrap(),
        Some(NotificationState::Done)
    );
}

#[test]
fn times_keep_milliseconds_and_latencies_microseconds() {
    let db = Database::in_memory().unwrap();
    let mut r = call(SHIP, true, &[]);
    r.time = UNIX_EPOCH + Duration::from_nanos(1_700_000_000_123_456_789);
    r.latency = Duration::from_nanos(1_234_567_891);
    ready(db.record(&r)).unwrap();
    let back = db.records().unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(
        back[0].time,
        UNIX_EPOCH + Duration::from_millis(1_700_000_000_123)
    );
    assert_eq!(back[0].latency, Duration::from_micros(1_234_567));
}

#[test]
fn debug_shows_the_path_only() {
    let dir = TempDir::new("debug");
    let db = Database::open(dir.file()).unwrap();
    assert_eq!(
        format!("{db:?}"),
        format!("Database {{ path: {:?} }}", dir.file())
    );
    assert_eq!(db.path(), Some(dir.file().as_path()));
    let db = Database::in_memory().unwrap();
    assert_eq!(format!("{db:?}"), r#"Database { path: ":memory:" }"#);
    assert_eq!(db.path(), None);
}

#[test]
fn open_failure_names_the_file() {
    let dir = TempDir::new("open-failure");
    let file = dir.0.join("missing-dir").join("alipay.db");
    let err = Database::open(&file).unwrap_err().to_string();
    assert!(err.contains(&file.display().to_string()), "{err}");
}

#[test]
fn database_is_send_and_sync() {
    fn dedup<T: DedupStore>() {}
    fn log<T: CallLog>() {}
    dedup::<Database>();
    log::<Database>();
}
