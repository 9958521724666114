#![cfg(feature = "sqlite")]
//! The [`DedupStore`] / [`CallLog`] contract (the trait docs in `client/store.rs`), run against
//! `MemoryStore` and the SQLite `Database` (in memory and in a file), then what only a file can
//! show: several handles and processes on one file, and data surviving a reopen.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Barrier;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alipay_client::sqlite::{Database, Durability, NotificationState};
use alipay_client::store::{CallLog, CallRecord, Claim, DedupStore, MemoryStore, RecordKind};

/// A lease that does not expire during a test.
const LONG: Duration = Duration::from_secs(600);
/// A lease that has expired once [`outlive`] returns.
const SHORT: Duration = Duration::from_millis(1);
const SHIP: &str = "send_goods_confirm_by_platform";

fn outlive(lease: Duration) {
    thread::sleep(lease + Duration::from_millis(20));
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

/// What the contract tests need beyond the two traits.
trait Store: DedupStore + CallLog {
    fn all_records(&self) -> Vec<CallRecord>;
}

impl Store for MemoryStore {
    fn all_records(&self) -> Vec<CallRecord> {
        self.records()
    }
}

impl Store for Database {
    fn all_records(&self) -> Vec<CallRecord> {
        self.records().unwrap()
    }
}

fn acquired(claim: Claim) -> u64 {
    match claim {
        Claim::Acquired(token) => token,
        other => panic!("expected Acquired, got {other:?}"),
    }
}

fn call(service: &str, success: bool, params: &[(&str, &str)]) -> CallRecord {
    CallRecord {
        time: UNIX_EPOCH + Duration::from_millis(1_700_000_000_123),
        kind: RecordKind::Call,
        service: service.to_owned(),
        params: params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        attempt: 1,
        outcome: if success { "T" } else { "RETRY" }.to_owned(),
        success,
        latency: Duration::from_micros(2500),
    }
}

// The contract: one generic function per property, run by `contract_tests!` below against every
// implementation.

fn completed_key_is_done<S: Store>(s: &S) {
    let token = acquired(s.claim("n1", LONG).unwrap());
    s.complete("n1", token).unwrap();
    assert_eq!(s.claim("n1", LONG).unwrap(), Claim::Done);
    assert_eq!(s.claim("n1", Duration::ZERO).unwrap(), Claim::Done);
    // Keys are independent.
    assert!(matches!(s.claim("n2", LONG).unwrap(), Claim::Acquired(_)));
    assert_eq!(s.claim("n1", LONG).unwrap(), Claim::Done);
}

fn running_key_is_busy<S: Store>(s: &S) {
    let token = acquired(s.claim("k", LONG).unwrap());
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // The running claim's lease decides, not the lease asked for now.
    assert_eq!(s.claim("k", Duration::ZERO).unwrap(), Claim::Busy);
    s.complete("k", token).unwrap();
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Done);
}

fn expired_lease_is_taken_over<S: Store>(s: &S) {
    let crashed = acquired(s.claim("k", SHORT).unwrap());
    outlive(SHORT);
    let second = acquired(s.claim("k", LONG).unwrap());
    assert_ne!(second, crashed);
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // The crashed holder's late release changes nothing…
    s.release("k", crashed).unwrap();
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // …the current holder's does.
    s.release("k", second).unwrap();
    let third = acquired(s.claim("k", LONG).unwrap());
    assert_ne!(third, crashed);
    assert_ne!(third, second);
}

fn release_gives_the_key_back<S: Store>(s: &S) {
    let first = acquired(s.claim("k", LONG).unwrap());
    s.release("k", first).unwrap();
    let second = acquired(s.claim("k", LONG).unwrap());
    assert_ne!(second, first);
    // Releasing again with the old token (a double release) keeps the new claim.
    s.release("k", first).unwrap();
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // A token that never held the key changes nothing either.
    s.release("k", u64::MAX).unwrap();
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // Releasing an unknown key is harmless.
    s.release("never-claimed", 7).unwrap();
    assert!(matches!(
        s.claim("never-claimed", LONG).unwrap(),
        Claim::Acquired(_)
    ));
}

fn completion_is_fenced_by_the_token<S: Store>(s: &S) {
    let stale = acquired(s.claim("k", SHORT).unwrap());
    outlive(SHORT);
    let second = acquired(s.claim("k", LONG).unwrap());
    // The first holder's lease expired and was taken over: it cannot mark the key done.
    assert!(!s.complete("k", stale).unwrap());
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Busy);
    // The holder completes it; completing again is harmless for that holder only.
    assert!(s.complete("k", second).unwrap());
    assert_eq!(s.claim("k", LONG).unwrap(), Claim::Done);
    assert!(s.complete("k", second).unwrap());
    assert!(!s.complete("k", stale).unwrap());
    // No release undoes a completion.
    s.release("k", second).unwrap();
    s.release("k", stale).unwrap();
    assert_eq!(s.claim("k", SHORT).unwrap(), Claim::Done);
    // An unclaimed key is not completed by a token that never held it.
    assert!(!s.complete("unclaimed", 0).unwrap());
    assert!(matches!(
        s.claim("unclaimed", LONG).unwrap(),
        Claim::Acquired(_)
    ));
}

fn renewal_keeps_the_claim_and_only_for_its_holder<S: Store>(s: &S) {
    let token = acquired(s.claim("r", SHORT).unwrap());
    assert!(s.renew("r", token, LONG).unwrap());
    outlive(SHORT);
    // Renewed: not taken over after the first lease.
    assert_eq!(s.claim("r", LONG).unwrap(), Claim::Busy);
    assert!(!s.renew("r", token + 1000, LONG).unwrap());
    assert!(s.complete("r", token).unwrap());
    // A completed key has no lease to renew.
    assert!(!s.renew("r", token, LONG).unwrap());
    assert!(!s.renew("never-claimed", token, LONG).unwrap());
}

fn tokens_are_distinct<S: Store>(s: &S) {
    let mut tokens: Vec<u64> = (0..50)
        .map(|i| acquired(s.claim(&format!("key-{i}"), LONG).unwrap()))
        .collect();
    tokens.sort_unstable();
    tokens.dedup();
    assert_eq!(tokens.len(), 50);
}

/// 16 threads claim one key at once, in several rounds: exactly one wins each round.
fn concurrent_claims_acquire_once<S: Store>(s: &S) {
    const THREADS: usize = 16;
    for round in 0..5 {
        let key = format!("hot-{round}");
        // Round 0 claims an unknown key; the others take over an expired lease.
        if round > 0 {
            acquired(s.claim(&key, SHORT).unwrap());
            outlive(SHORT);
        }
        let barrier = Barrier::new(THREADS);
        let claims: Vec<Claim> = thread::scope(|scope| {
            let threads: Vec<_> = (0..THREADS)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        s.claim(&key, LONG).unwrap()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let winners = claims
            .iter()
            .filter(|c| matches!(c, Claim::Acquired(_)))
            .count();
        let busy = claims.iter().filter(|c| **c == Claim::Busy).count();
        assert_eq!(
            (winners, busy),
            (1, THREADS - 1),
            "round {round}: {claims:?}"
        );
    }
}

fn succeeded_needs_a_successful_call_of_that_service_and_param<S: Store>(s: &S) {
    assert!(!s.succeeded(SHIP, "trade_no", "2013").unwrap());
    s.record(&call(SHIP, false, &[("trade_no", "2013")]))
        .unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").unwrap(),
        "a failed call"
    );
    let mut notification = call(SHIP, true, &[("trade_no", "2013")]);
    notification.kind = RecordKind::Notification;
    s.record(&notification).unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").unwrap(),
        "a notification"
    );
    s.record(&call("other.service", true, &[("trade_no", "2013")]))
        .unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").unwrap(),
        "another service"
    );

    s.record(&call(
        SHIP,
        true,
        &[("out_trade_no", "2013"), ("trade_no", "2014")],
    ))
    .unwrap();
    assert!(s.succeeded(SHIP, "trade_no", "2014").unwrap());
    assert!(s.succeeded(SHIP, "out_trade_no", "2013").unwrap());
    assert!(s.succeeded("other.service", "trade_no", "2013").unwrap());
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").unwrap(),
        "another param's value"
    );
    assert!(!s.succeeded(SHIP, "trade_no", "201").unwrap(), "a prefix");
    assert!(
        !s.succeeded(SHIP, "trade_no", "20140").unwrap(),
        "a longer value"
    );
    assert!(
        !s.succeeded(SHIP, "TRADE_NO", "2014").unwrap(),
        "names are exact"
    );
    assert!(!s.succeeded("send_goods", "trade_no", "2014").unwrap());
}

fn hostile_param_names_are_plain_names<S: Store>(s: &S) {
    let params = [
        ("a\"b", "1"),
        ("$.trade_no", "2"),
        ("x' OR '1'='1", "3"),
        ("trade_no", "4"),
        ("", "5"),
        ("%", "6"),
        ("a\\\"); DROP TABLE alipay_calls; --", "7"),
    ];
    s.record(&call(SHIP, true, &params)).unwrap();
    for (name, value) in params {
        assert!(
            s.succeeded(SHIP, name, value).unwrap(),
            "{name:?} = {value:?}"
        );
    }
    for (name, value) in [
        ("a", "1"),
        ("b", "1"),
        ("\"", "1"),
        ("$.trade_no", "4"),
        ("trade_no", "2"),
        ("' OR '1'='1", "3"),
        ("x' OR '1'='1", "' OR '1'='1"),
        ("\" OR 1=1 --", "1"),
        ("*", "4"),
        ("%", "4"),
        ("trade%", "4"),
        ("trade_n_", "4"),
        ("$", "4"),
    ] {
        assert!(
            !s.succeeded(SHIP, name, value).unwrap(),
            "{name:?} = {value:?}"
        );
    }
    // Nothing was dropped or mangled.
    assert_eq!(s.all_records(), vec![call(SHIP, true, &params)]);
}

fn records_round_trip<S: Store>(s: &S) {
    let timeout = CallRecord {
        time: UNIX_EPOCH + Duration::from_millis(1_700_000_000_123),
        kind: RecordKind::Call,
        service: "sns.create.goods.ws".to_owned(),
        params: [
            ("service", "sns.create.goods.ws"),
            ("partner", "2088002464631181"),
            ("_input_charset", "utf-8"),
            ("subject", "二手围巾 \"quoted\" \\ back\nslash"),
            ("key", "<secret>"),
            ("empty", ""),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect(),
        attempt: 3,
        outcome: "transport:timeout".to_owned(),
        success: false,
        latency: Duration::from_micros(1_234_567),
    };
    let notification = CallRecord {
        time: UNIX_EPOCH + Duration::from_millis(1_382_438_597_000),
        kind: RecordKind::Notification,
        service: "trade_status_sync".to_owned(),
        params: Vec::new(),
        attempt: 1,
        outcome: "processed".to_owned(),
        success: true,
        latency: Duration::ZERO,
    };
    // Not in alphabetical order: the order recorded is the order read back.
    let shipped = call(SHIP, true, &[("z", "1"), ("trade_no", "2014"), ("a", "2")]);
    for r in [&timeout, &notification, &shipped] {
        s.record(r).unwrap();
    }
    let back = s.all_records();
    assert_eq!(back, vec![timeout, notification, shipped]);
    assert_eq!(back[0].latency.as_micros(), 1_234_567);
    assert_eq!(
        back[0].param("subject"),
        Some("二手围巾 \"quoted\" \\ back\nslash")
    );
    assert_eq!(back[2].param("trade_no"), Some("2014"));
}

macro_rules! contract_tests {
    ($($property:ident),* $(,)?) => {
        mod memory_store {
            $(#[test]
            fn $property() {
                super::$property(&super::MemoryStore::new());
            })*
        }
        mod database_in_memory {
            $(#[test]
            fn $property() {
                super::$property(&super::Database::in_memory().unwrap());
            })*
        }
        mod database_file {
            $(#[test]
            fn $property() {
                let dir = super::TempDir::new(stringify!($property));
                super::$property(&super::Database::open(dir.file()).unwrap());
            })*
        }
    };
}

contract_tests!(
    completed_key_is_done,
    running_key_is_busy,
    expired_lease_is_taken_over,
    release_gives_the_key_back,
    completion_is_fenced_by_the_token,
    renewal_keeps_the_claim_and_only_for_its_holder,
    tokens_are_distinct,
    concurrent_claims_acquire_once,
    succeeded_needs_a_successful_call_of_that_service_and_param,
    hostile_param_names_are_plain_names,
    records_round_trip,
);

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
                        db.claim(&key, LONG).unwrap()
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
        let claim = db.claim(&format!("hot-{key}"), LONG).unwrap();
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
                    acquired(db.claim(&format!("key-{i}"), LONG).unwrap())
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
    let old = acquired(crashed.claim("k", SHORT).unwrap());
    outlive(SHORT);
    let new = acquired(other.claim("k", LONG).unwrap());
    assert_ne!(old, new);
    crashed.release("k", old).unwrap();
    assert_eq!(crashed.claim("k", LONG).unwrap(), Claim::Busy);
    assert!(other.complete("k", new).unwrap());
    assert_eq!(crashed.claim("k", LONG).unwrap(), Claim::Done);
}

#[test]
fn data_survives_reopening() {
    let dir = TempDir::new("reopen");
    let record = call(SHIP, true, &[("trade_no", "2014")]);
    let (running, done) = {
        let db = Database::open(dir.file()).unwrap();
        let done = acquired(db.claim("done", LONG).unwrap());
        assert!(db.complete("done", done).unwrap());
        let running = acquired(db.claim("running", LONG).unwrap());
        db.record(&record).unwrap();
        (running, done)
    };
    assert_eq!((done, running), (1, 2));
    let db = Database::open(dir.file()).unwrap();
    assert_eq!(db.claim("done", LONG).unwrap(), Claim::Done);
    assert_eq!(db.claim("running", LONG).unwrap(), Claim::Busy);
    assert!(matches!(
        db.notification_state("running").unwrap(),
        Some(NotificationState::Running { token: 2, .. })
    ));
    assert_eq!(db.records().unwrap(), vec![record]);
    assert!(db.succeeded(SHIP, "trade_no", "2014").unwrap());
    // The token counter lives in the file: no token is handed out twice.
    assert_eq!(db.claim("new", LONG).unwrap(), Claim::Acquired(3));
    // The old holder can still give its claim back after the restart.
    db.release("running", running).unwrap();
    assert_eq!(db.notification_state("running").unwrap(), None);
}

#[test]
fn power_loss_durability_opens_and_stores() {
    let dir = TempDir::new("power-loss");
    let db = Database::open_with(dir.file(), Durability::PowerLoss).unwrap();
    db.record(&call(SHIP, true, &[("trade_no", "1")])).unwrap();
    drop(db);
    let db = Database::open(dir.file()).unwrap();
    assert!(db.succeeded(SHIP, "trade_no", "1").unwrap());
}

#[test]
fn notification_state_follows_the_claim() {
    let db = Database::in_memory().unwrap();
    assert_eq!(db.notification_state("k").unwrap(), None);
    let before = SystemTime::now();
    let token = acquired(db.claim("k", Duration::from_secs(60)).unwrap());
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
    db.release("k", token).unwrap();
    assert_eq!(db.notification_state("k").unwrap(), None);
    let token = acquired(db.claim("k", LONG).unwrap());
    db.complete("k", token).unwrap();
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
    db.record(&r).unwrap();
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
