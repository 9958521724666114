//! The [`DedupStore`] / [`CallLog`] contract (the trait docs in `alipay-client/src/store.rs`): one
//! `async` function per property, shared by `client_store.rs` (memory, SQLite) and
//! `client_postgres.rs` (PostgreSQL).
#![allow(dead_code, unreachable_pub, async_fn_in_trait)] // each test file uses what it needs

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, UNIX_EPOCH};

use alipay_client::store::{
    CallLog, CallQuery, CallRecord, Claim, DedupStore, MemoryStore, RecordKind,
};

/// Calls macro `$m` with the name of every property below, so each store runs them all.
macro_rules! every_property {
    ($m:ident) => {
        $m!(
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
            the_log_is_queried_by_service_param_time_and_outcome,
        );
    };
}
pub(crate) use every_property;

/// A lease that does not expire during a test.
pub const LONG: Duration = Duration::from_secs(600);
/// A lease that has expired once [`outlive`] returns.
pub const SHORT: Duration = Duration::from_millis(1);
pub const SHIP: &str = "send_goods_confirm_by_platform";

pub async fn outlive(lease: Duration) {
    tokio::time::sleep(lease + Duration::from_millis(20)).await;
}

/// What the contract tests need beyond the two traits.
pub trait Store: DedupStore + CallLog {
    /// Every record, oldest first.
    async fn all_records(&self) -> Vec<CallRecord>;
}

impl Store for MemoryStore {
    async fn all_records(&self) -> Vec<CallRecord> {
        self.records()
    }
}

pub fn acquired(claim: Claim) -> u64 {
    match claim {
        Claim::Acquired(token) => token,
        other => panic!("expected Acquired, got {other:?}"),
    }
}

pub fn call(service: &str, success: bool, params: &[(&str, &str)]) -> CallRecord {
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

// The contract: one generic function per property, run against every implementation (a
// multi-thread runtime: `concurrent_claims_acquire_once` blocks in place).

pub async fn completed_key_is_done<S: Store>(s: &S) {
    let token = acquired(s.claim("n1", LONG).await.unwrap());
    s.complete("n1", token).await.unwrap();
    assert_eq!(s.claim("n1", LONG).await.unwrap(), Claim::Done);
    assert_eq!(s.claim("n1", Duration::ZERO).await.unwrap(), Claim::Done);
    // Keys are independent.
    assert!(matches!(
        s.claim("n2", LONG).await.unwrap(),
        Claim::Acquired(_)
    ));
    assert_eq!(s.claim("n1", LONG).await.unwrap(), Claim::Done);
}

pub async fn running_key_is_busy<S: Store>(s: &S) {
    let token = acquired(s.claim("k", LONG).await.unwrap());
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // The running claim's lease decides, not the lease asked for now.
    assert_eq!(s.claim("k", Duration::ZERO).await.unwrap(), Claim::Busy);
    s.complete("k", token).await.unwrap();
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Done);
}

pub async fn expired_lease_is_taken_over<S: Store>(s: &S) {
    let crashed = acquired(s.claim("k", SHORT).await.unwrap());
    outlive(SHORT).await;
    let second = acquired(s.claim("k", LONG).await.unwrap());
    assert_ne!(second, crashed);
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // The crashed holder's late release changes nothing…
    s.release("k", crashed).await.unwrap();
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // …the current holder's does.
    s.release("k", second).await.unwrap();
    let third = acquired(s.claim("k", LONG).await.unwrap());
    assert_ne!(third, crashed);
    assert_ne!(third, second);
}

pub async fn release_gives_the_key_back<S: Store>(s: &S) {
    let first = acquired(s.claim("k", LONG).await.unwrap());
    s.release("k", first).await.unwrap();
    let second = acquired(s.claim("k", LONG).await.unwrap());
    assert_ne!(second, first);
    // Releasing again with the old token (a double release) keeps the new claim.
    s.release("k", first).await.unwrap();
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // A token that never held the key changes nothing either.
    s.release("k", u64::MAX).await.unwrap();
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // Releasing an unknown key is harmless.
    s.release("never-claimed", 7).await.unwrap();
    assert!(matches!(
        s.claim("never-claimed", LONG).await.unwrap(),
        Claim::Acquired(_)
    ));
}

pub async fn completion_is_fenced_by_the_token<S: Store>(s: &S) {
    let stale = acquired(s.claim("k", SHORT).await.unwrap());
    outlive(SHORT).await;
    let second = acquired(s.claim("k", LONG).await.unwrap());
    // The first holder's lease expired and was taken over: it cannot mark the key done.
    assert!(!s.complete("k", stale).await.unwrap());
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Busy);
    // The holder completes it; completing again is harmless for that holder only.
    assert!(s.complete("k", second).await.unwrap());
    assert_eq!(s.claim("k", LONG).await.unwrap(), Claim::Done);
    assert!(s.complete("k", second).await.unwrap());
    assert!(!s.complete("k", stale).await.unwrap());
    // No release undoes a completion.
    s.release("k", second).await.unwrap();
    s.release("k", stale).await.unwrap();
    assert_eq!(s.claim("k", SHORT).await.unwrap(), Claim::Done);
    // An unclaimed key is not completed by a token that never held it.
    assert!(!s.complete("unclaimed", 0).await.unwrap());
    assert!(matches!(
        s.claim("unclaimed", LONG).await.unwrap(),
        Claim::Acquired(_)
    ));
}

pub async fn renewal_keeps_the_claim_and_only_for_its_holder<S: Store>(s: &S) {
    let token = acquired(s.claim("r", SHORT).await.unwrap());
    assert!(s.renew("r", token, LONG).await.unwrap());
    outlive(SHORT).await;
    // Renewed: not taken over after the first lease.
    assert_eq!(s.claim("r", LONG).await.unwrap(), Claim::Busy);
    assert!(!s.renew("r", token + 1000, LONG).await.unwrap());
    assert!(s.complete("r", token).await.unwrap());
    // A completed key has no lease to renew.
    assert!(!s.renew("r", token, LONG).await.unwrap());
    assert!(!s.renew("never-claimed", token, LONG).await.unwrap());
}

pub async fn tokens_are_distinct<S: Store>(s: &S) {
    let mut tokens = Vec::new();
    for i in 0..50 {
        tokens.push(acquired(s.claim(&format!("key-{i}"), LONG).await.unwrap()));
    }
    tokens.sort_unstable();
    tokens.dedup();
    assert_eq!(tokens.len(), 50);
}

/// 16 threads claim one key at once, in several rounds: exactly one wins each round.
pub async fn concurrent_claims_acquire_once<S: Store>(s: &S) {
    const THREADS: usize = 16;
    let runtime = tokio::runtime::Handle::current();
    for round in 0..5 {
        let key = format!("hot-{round}");
        // Round 0 claims an unknown key; the others take over an expired lease.
        if round > 0 {
            acquired(s.claim(&key, SHORT).await.unwrap());
            outlive(SHORT).await;
        }
        let barrier = Barrier::new(THREADS);
        // Real threads, each blocking on its own claim, as separate instances would.
        let claims: Vec<Claim> = tokio::task::block_in_place(|| {
            thread::scope(|scope| {
                let threads: Vec<_> = (0..THREADS)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            runtime.block_on(s.claim(&key, LONG)).unwrap()
                        })
                    })
                    .collect();
                threads.into_iter().map(|t| t.join().unwrap()).collect()
            })
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

pub async fn succeeded_needs_a_successful_call_of_that_service_and_param<S: Store>(s: &S) {
    assert!(!s.succeeded(SHIP, "trade_no", "2013").await.unwrap());
    s.record(&call(SHIP, false, &[("trade_no", "2013")]))
        .await
        .unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").await.unwrap(),
        "a failed call"
    );
    let mut notification = call(SHIP, true, &[("trade_no", "2013")]);
    notification.kind = RecordKind::Notification;
    s.record(&notification).await.unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").await.unwrap(),
        "a notification"
    );
    s.record(&call("other.service", true, &[("trade_no", "2013")]))
        .await
        .unwrap();
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").await.unwrap(),
        "another service"
    );

    s.record(&call(
        SHIP,
        true,
        &[("out_trade_no", "2013"), ("trade_no", "2014")],
    ))
    .await
    .unwrap();
    assert!(s.succeeded(SHIP, "trade_no", "2014").await.unwrap());
    assert!(s.succeeded(SHIP, "out_trade_no", "2013").await.unwrap());
    assert!(
        s.succeeded("other.service", "trade_no", "2013")
            .await
            .unwrap()
    );
    assert!(
        !s.succeeded(SHIP, "trade_no", "2013").await.unwrap(),
        "another param's value"
    );
    assert!(
        !s.succeeded(SHIP, "trade_no", "201").await.unwrap(),
        "a prefix"
    );
    assert!(
        !s.succeeded(SHIP, "trade_no", "20140").await.unwrap(),
        "a longer value"
    );
    assert!(
        !s.succeeded(SHIP, "TRADE_NO", "2014").await.unwrap(),
        "names are exact"
    );
    assert!(!s.succeeded("send_goods", "trade_no", "2014").await.unwrap());
}

pub async fn hostile_param_names_are_plain_names<S: Store>(s: &S) {
    let params = [
        ("a\"b", "1"),
        ("$.trade_no", "2"),
        ("x' OR '1'='1", "3"),
        ("trade_no", "4"),
        ("", "5"),
        ("%", "6"),
        ("a\\\"); DROP TABLE alipay_calls; --", "7"),
    ];
    s.record(&call(SHIP, true, &params)).await.unwrap();
    for (name, value) in params {
        assert!(
            s.succeeded(SHIP, name, value).await.unwrap(),
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
            !s.succeeded(SHIP, name, value).await.unwrap(),
            "{name:?} = {value:?}"
        );
    }
    // Nothing was dropped or mangled.
    assert_eq!(s.all_records().await, vec![call(SHIP, true, &params)]);
}

pub async fn records_round_trip<S: Store>(s: &S) {
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
        s.record(r).await.unwrap();
    }
    let back = s.all_records().await;
    assert_eq!(back, vec![timeout, notification, shipped]);
    assert_eq!(back[0].latency.as_micros(), 1_234_567);
    assert_eq!(
        back[0].param("subject"),
        Some("二手围巾 \"quoted\" \\ back\nslash")
    );
    assert_eq!(back[2].param("trade_no"), Some("2014"));
}

pub async fn the_log_is_queried_by_service_param_time_and_outcome<S: Store>(s: &S) {
    let at = |ms: u64| UNIX_EPOCH + Duration::from_millis(1_700_000_000_000 + ms);
    let mut records = Vec::new();
    for (i, (service, trade, out, success)) in [
        (SHIP, "2013", "A", false),
        (SHIP, "2013", "A", true),
        (SHIP, "2014", "B", true),
        ("close_trade", "2013", "A", true),
        ("single_trade_query", "2015", "C", false),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = call(
            service,
            success,
            &[("trade_no", trade), ("out_trade_no", out)],
        );
        r.time = at(1000 * i as u64);
        r.attempt = u32::try_from(i).unwrap() + 1;
        records.push(r);
    }
    let mut notification = call("trade_status_sync", true, &[("trade_no", "2013")]);
    notification.kind = RecordKind::Notification;
    notification.outcome = "processed".to_owned();
    notification.time = at(5000);
    records.push(notification);
    for r in &records {
        s.record(r).await.unwrap();
    }
    let pick = |indexes: &[usize]| -> Vec<CallRecord> {
        indexes.iter().map(|i| records[*i].clone()).collect()
    };
    let q = |query: CallQuery| async move { s.query(&query).await.unwrap() };
    assert_eq!(q(CallQuery::new()).await, records);
    assert_eq!(q(CallQuery::new().service(SHIP)).await, pick(&[0, 1, 2]));
    assert_eq!(
        q(CallQuery::new().trade_no("2013")).await,
        pick(&[0, 1, 3, 5])
    );
    assert_eq!(
        q(CallQuery::new().trade_no("2013").kind(RecordKind::Call)).await,
        pick(&[0, 1, 3])
    );
    assert_eq!(q(CallQuery::new().out_trade_no("B")).await, pick(&[2]));
    assert_eq!(
        q(CallQuery::new()
            .service(SHIP)
            .trade_no("2013")
            .success(false))
        .await,
        pick(&[0])
    );
    assert_eq!(q(CallQuery::new().outcome("RETRY")).await, pick(&[0, 4]));
    assert_eq!(q(CallQuery::new().outcome("processed")).await, pick(&[5]));
    // [since, until): the first inclusive, the second exclusive.
    assert_eq!(
        q(CallQuery::new().since(at(1000)).until(at(3000))).await,
        pick(&[1, 2])
    );
    assert_eq!(q(CallQuery::new().since(at(5000))).await, pick(&[5]));
    assert_eq!(q(CallQuery::new().limit(2)).await, pick(&[0, 1]));
    assert_eq!(
        q(CallQuery::new().trade_no("2013").limit(3)).await,
        pick(&[0, 1, 3])
    );
    // No match; names and values are exact, never patterns.
    assert!(q(CallQuery::new().trade_no("201%")).await.is_empty());
    assert!(q(CallQuery::new().param("trade%", "2013")).await.is_empty());
    assert!(q(CallQuery::new().service("nope")).await.is_empty());
    assert!(q(CallQuery::new().limit(0)).await.is_empty());
}
