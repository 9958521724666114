//! Notifications end to end against a loopback gateway answering `notify_verify`: verification,
//! the three answers, and the exactly-once handler (twice, concurrently, after a failure, a
//! cancellation and a real process crash).
//!
//! Notification signatures are computed here the independent way: the canonical string written
//! out by hand, MD5 from the `md-5` crate over string + key (the same as Python's
//! `hashlib.md5((s + key).encode()).hexdigest()`).

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use alipay_client::sqlite::Database;
use alipay_client::store::{Claim, DedupStore, MemoryStore, RecordKind, StoreError, async_trait};
use alipay_client::{Client, Config, Handled, NotificationError, NotificationHandler, RetryPolicy};
use alipay_core::Charset;
use alipay_core::notify::NotifyError;
use alipay_core::sign::Md5Key;
use alipay_core::types::TradeStatus;
use md5::{Digest, Md5};
use support::{Gateway, Reply};

const KEY: &str = "0123456789abcdef0123456789abcdef";
const PARTNER: &str = "2088002464631181";
const VERIFY: &str = "notify_verify";

fn client_for(url: &str) -> Client {
    let config = Config::md5(PARTNER.parse().unwrap(), Md5Key::new(KEY))
        .gateway(url)
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

fn hex_md5(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A trade-status notification: the signed string is written out in sorted order by hand.
/// `notify_id` is `RqPnCoPT3K9%2Fvwbh3I` *decoded*, i.e. it contains a literal `%2F`.
fn notification(trade_no: &str, status: &str, notify_id: &str) -> Vec<u8> {
    let signed = format!(
        "buyer_email=buyer@example.com&notify_id={notify_id}&notify_time=2026-11-22 10:00:00\
         &notify_type=trade_status_sync&out_trade_no=ORDER-{trade_no}&price=0.01&subject=二手围巾\
         &total_fee=0.01&trade_no={trade_no}&trade_status={status}"
    );
    let sign = hex_md5(format!("{signed}{KEY}").as_bytes());
    let mut body = Vec::new();
    for pair in signed.split('&') {
        let (k, v) = pair.split_once('=').unwrap();
        if !body.is_empty() {
            body.push(b'&');
        }
        body.extend_from_slice(k.as_bytes());
        body.push(b'=');
        let mut enc = Vec::new();
        alipay_core::form::push_component(&mut enc, v.as_bytes());
        body.extend_from_slice(&enc);
    }
    body.extend_from_slice(format!("&sign_type=MD5&sign={sign}").as_bytes());
    body
}

fn genuine() -> Vec<u8> {
    notification("2013102226991504", "TRADE_FINISHED", "RqPnCoPT3K9%2Fvwbh3I")
}

#[tokio::test]
async fn a_genuine_notification_is_verified_and_typed() {
    let gw = Gateway::start().await;
    gw.push(VERIFY, Reply::Text("true".into()));
    let n = client_for(&gw.url())
        .verify_notification(&genuine())
        .await
        .unwrap();
    assert_eq!(n.trade_no(), Some("2013102226991504"));
    assert_eq!(n.out_trade_no(), Some("ORDER-2013102226991504"));
    assert_eq!(n.trade_status(), Some(TradeStatus::TradeFinished));
    assert_eq!(n.total_fee().unwrap().unwrap().fen(), 1);
    assert_eq!(n.amount("price").unwrap().unwrap().fen(), 1);
    assert_eq!(n.get("subject"), Some("二手围巾"));
    assert_eq!(n.get("notify_time"), Some("2026-11-22 10:00:00"));
    assert_eq!(n.params().len(), 12);

    // notify_verify: GET with the id re-encoded (its literal `%2F` becomes `%252F`).
    let sent = &gw.requests()[0];
    assert_eq!(sent.method, "GET");
    assert_eq!(
        sent.query,
        format!("service=notify_verify&partner={PARTNER}&notify_id=RqPnCoPT3K9%252Fvwbh3I")
    );
}

/// The trade-status notification table, declared (a subset of the rows: undeclared ones are kept).
#[derive(Clone, PartialEq, Eq, alipay_core::Notification)]
#[alipay(service = "create_partner_trade_by_buyer", kind = "notify")]
pub struct TradeStatusSync {
    /// 通知校验ID
    #[alipay(label = "通知校验ID")]
    pub notify_id: String,
    /// 通知时间
    #[alipay(label = "通知时间", example = "2026-11-22 10:00:00")]
    pub notify_time: alipay_core::types::DateTime,
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(64)")]
    pub trade_no: String,
    /// 交易状态
    #[alipay(label = "交易状态")]
    pub trade_status: TradeStatus,
    /// 交易金额
    #[alipay(label = "交易金额")]
    pub total_fee: alipay_core::types::Amount,
    /// 买家支付宝账号 (not sent in these notifications)
    #[alipay(label = "买家支付宝用户号")]
    pub buyer_id: Option<String>,
}

/// The same rows, as the return table (`return_url`'s query).
#[derive(Clone, PartialEq, Eq, alipay_core::Notification)]
#[alipay(kind = "return")]
pub struct TradeReturn {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(64)")]
    pub trade_no: String,
    /// 交易状态
    #[alipay(label = "交易状态")]
    pub trade_status: TradeStatus,
}

/// A table that requires a row the notification does not carry.
#[derive(Clone, alipay_core::Notification)]
pub struct NeedsBuyer {
    /// 买家支付宝用户号
    #[alipay(label = "买家支付宝用户号")]
    pub buyer_id: String,
}

#[tokio::test]
async fn a_notification_is_read_into_its_declared_table() {
    let gw = Gateway::start().await;
    gw.push(VERIFY, Reply::Text("true".into()));
    let client = client_for(&gw.url());
    let n = client
        .verify_notification_as::<TradeStatusSync>(&genuine())
        .await
        .unwrap();
    assert_eq!(n.trade_no, "2013102226991504");
    assert_eq!(n.trade_status, TradeStatus::TradeFinished);
    assert_eq!(n.total_fee.fen(), 1);
    assert_eq!(n.notify_time.to_string(), "2026-11-22 10:00:00");
    assert_eq!(n.buyer_id, None);
    // Undeclared rows were signed and are kept.
    assert_eq!(n.notification().get("subject"), Some("二手围巾"));
    assert_eq!(n.notification().params().len(), 12);

    // Tampered: refused before the table is read, and Alipay is not asked.
    let tampered = String::from_utf8(genuine())
        .unwrap()
        .replace("total_fee=0.01", "total_fee=100.00");
    let err = client
        .verify_notification_as::<TradeStatusSync>(tampered.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, NotificationError::Rejected(_)), "{err:?}");
    assert_eq!(gw.count(VERIFY), 1);

    // Genuine, but not the declared table.
    gw.push(VERIFY, Reply::Text("true".into()));
    let err = client
        .verify_notification_as::<NeedsBuyer>(&genuine())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, NotificationError::Table(e) if e.of("buyer_id").count() == 1),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_return_is_verified_without_asking_alipay() {
    let gw = Gateway::start().await;
    let client = client_for(&gw.url());
    let query = String::from_utf8(genuine()).unwrap();
    let r = client.verify_return::<TradeReturn>(&query).unwrap();
    assert_eq!(r.trade_status, TradeStatus::TradeFinished);
    // The whole URL works too; nothing was asked of the gateway.
    let url = format!("https://shop.example/return?{query}");
    assert_eq!(
        client.verify_return::<TradeReturn>(&url).unwrap().trade_no,
        "2013102226991504"
    );
    assert_eq!(gw.count(VERIFY), 0);
    // A forged return is refused.
    let forged = query.replace("TRADE_FINISHED", "TRADE_SUCCESS");
    assert!(matches!(
        client.verify_return::<TradeReturn>(&forged),
        Err(NotificationError::Rejected(_))
    ));
}

#[tokio::test]
async fn false_and_invalid_are_distinct_results() {
    let gw = Gateway::start().await;
    gw.push(VERIFY, Reply::Text("false".into()));
    gw.push(VERIFY, Reply::Text("invalid\n".into()));
    gw.push(VERIFY, Reply::Text("<html>maintenance</html>".into()));
    let client = client_for(&gw.url());
    let e = client.verify_notification(&genuine()).await.unwrap_err();
    assert!(
        matches!(e, NotificationError::NotFromAlipay { .. }),
        "{e:?}"
    );
    let e = client.verify_notification(&genuine()).await.unwrap_err();
    assert!(
        matches!(e, NotificationError::InvalidNotifyId { .. }),
        "{e:?}"
    );
    let e = client.verify_notification(&genuine()).await.unwrap_err();
    assert!(matches!(e, NotificationError::Confirm(_)), "{e:?}");
}

#[tokio::test]
async fn a_bad_signature_or_no_notify_id_is_rejected_without_asking_alipay() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let client = client_for(&gw.url());

    let tampered = String::from_utf8(genuine())
        .unwrap()
        .replace("total_fee=0.01", "total_fee=0.02");
    let e = client
        .verify_notification(tampered.as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            NotificationError::Rejected(NotifyError::BadSignature { .. })
        ),
        "{e:?}"
    );
    assert!(!e.to_string().contains(KEY));

    let signed = "trade_no=1&trade_status=TRADE_FINISHED";
    let body = format!(
        "{signed}&sign_type=MD5&sign={}",
        hex_md5(format!("{signed}{KEY}").as_bytes())
    );
    let e = client
        .verify_notification(body.as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(e, NotificationError::Rejected(NotifyError::MissingNotifyId)),
        "{e:?}"
    );

    // Signed with RSA's name while the merchant uses MD5: refused, whatever the value.
    let downgraded = String::from_utf8(genuine())
        .unwrap()
        .replace("sign_type=MD5", "sign_type=RSA");
    let e = client
        .verify_notification(downgraded.as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            NotificationError::Rejected(NotifyError::SignTypeMismatch { .. })
        ),
        "{e:?}"
    );
    assert_eq!(gw.count(VERIFY), 0);
}

#[tokio::test]
async fn a_gbk_notification() {
    let gw = Gateway::start().await;
    gw.push(VERIFY, Reply::Text("true".into()));
    // python3 -c "print('二手围巾'.encode('gbk'))" -> b'\xb6\xfe\xca\xd6\xce\xa7\xbd\xed'
    let signed = "_input_charset=gbk&notify_id=n1&subject=二手围巾&trade_no=9";
    let text = format!("{signed}{KEY}");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let body = format!(
        "_input_charset=gbk&notify_id=n1&subject=%B6%FE%CA%D6%CE%A7%BD%ED&trade_no=9&sign_type=MD5&sign={}",
        hex_md5(&gbk)
    );
    let n = client_for(&gw.url())
        .verify_notification(body.as_bytes())
        .await
        .unwrap();
    assert_eq!(n.charset(), Charset::Gbk);
    assert_eq!(n.get("subject"), Some("二手围巾"));
}

fn handler(gw: &Gateway, store: Arc<dyn DedupStore>) -> NotificationHandler {
    NotificationHandler::new(client_for(&gw.url()), store)
}

#[tokio::test]
async fn delivered_twice_runs_the_step_once() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let log = Arc::new(MemoryStore::new());
    let h = NotificationHandler::new(
        client_for(&gw.url()).with_call_log(log.clone()),
        Arc::new(MemoryStore::new()),
    );
    let runs = AtomicUsize::new(0);
    let step = |_| async {
        runs.fetch_add(1, Ordering::SeqCst);
        Ok::<(), String>(())
    };
    let first = h.handle(&genuine(), step).await;
    let second = h.handle(&genuine(), step).await;
    assert!(matches!(first, Handled::Processed), "{first:?}");
    assert!(matches!(second, Handled::Duplicate), "{second:?}");
    assert_eq!((first.ack(), second.ack()), ("success", "success"));
    assert_eq!(runs.load(Ordering::SeqCst), 1);

    // A re-delivery with a new notify_id and notify_time is the same notification.
    let redelivered = String::from_utf8(notification(
        "2013102226991504",
        "TRADE_FINISHED",
        "another-id",
    ))
    .unwrap();
    assert!(matches!(
        h.handle(redelivered.as_bytes(), step).await,
        Handled::Duplicate
    ));
    // A different status of the same trade is another notification.
    let next = notification("2013102226991504", "TRADE_CLOSED", "id-3");
    assert!(matches!(h.handle(&next, step).await, Handled::Processed));
    assert_eq!(runs.load(Ordering::SeqCst), 2);

    let outcomes: Vec<String> = log
        .records()
        .into_iter()
        .filter(|r| r.kind == RecordKind::Notification)
        .map(|r| r.outcome)
        .collect();
    assert_eq!(
        outcomes,
        ["processed", "duplicate", "duplicate", "processed"]
    );
}

/// A genuine notification rearranged so that its signature still verifies: `notify_type` removed
/// and appended, encoded, to `notify_time`'s value. The signed string `k=v&k=v` is the same, so it
/// is the same notification: the step must not run again.
#[tokio::test]
async fn a_rearranged_genuine_notification_is_the_same_notification() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let h = handler(&gw, Arc::new(MemoryStore::new()));
    let genuine = String::from_utf8(genuine()).unwrap();
    let variant = genuine
        .replace("&notify_type=trade_status_sync", "")
        .replace(
            "notify_time=2026-11-22%2010%3A00%3A00",
            "notify_time=2026-11-22%2010%3A00%3A00%26notify_type%3Dtrade_status_sync",
        );
    assert_ne!(variant, genuine);
    // The variant verifies: the signature cannot tell where a value ends.
    let client = client_for(&gw.url());
    let verified = client
        .verify_notification(variant.as_bytes())
        .await
        .unwrap();
    assert_eq!(verified.notify_type(), None);
    let runs = AtomicUsize::new(0);
    let step = |_| async {
        runs.fetch_add(1, Ordering::SeqCst);
        Ok::<(), String>(())
    };
    let outcomes = [
        h.handle(genuine.as_bytes(), step).await,
        h.handle(genuine.as_bytes(), step).await,
        h.handle(variant.as_bytes(), step).await,
    ];
    assert!(matches!(outcomes[0], Handled::Processed), "{outcomes:?}");
    assert!(matches!(outcomes[1], Handled::Duplicate), "{outcomes:?}");
    assert!(matches!(outcomes[2], Handled::Duplicate), "{outcomes:?}");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// A step longer than the lease keeps its claim (renewed while it runs): a second delivery during
/// the step waits and finds it done, it does not run it again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_step_longer_than_the_lease_is_renewed_and_runs_once() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let store: Arc<dyn DedupStore> = Arc::new(MemoryStore::new());
    let h = Arc::new(
        handler(&gw, store)
            .lease(Duration::from_millis(200))
            .wait(Duration::from_secs(3)),
    );
    let runs = Arc::new(AtomicUsize::new(0));
    let slow = {
        let (h, runs) = (h.clone(), runs.clone());
        tokio::spawn(async move {
            h.handle(&genuine(), |_| async move {
                runs.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(700)).await;
                Ok::<(), String>(())
            })
            .await
        })
    };
    // Well past the first lease.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let second = h
        .handle(&genuine(), |_| async {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok::<(), String>(())
        })
        .await;
    let first = slow.await.unwrap();
    assert!(matches!(first, Handled::Processed), "{first:?}");
    assert!(matches!(second, Handled::Duplicate), "{second:?}");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// A store whose renewals never take (a holder cut off from it, or paused): its claim expires.
struct NoRenewal(MemoryStore);

#[async_trait]
impl DedupStore for NoRenewal {
    async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError> {
        self.0.claim(key, lease).await
    }
    async fn renew(&self, _: &str, _: u64, _: Duration) -> Result<bool, StoreError> {
        Ok(false)
    }
    async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError> {
        self.0.complete(key, token).await
    }
    async fn release(&self, key: &str, token: u64) -> Result<(), StoreError> {
        self.0.release(key, token).await
    }
}

/// A holder whose lease expired and was taken over cannot mark the notification done or answer
/// `success` as if it ran alone: it learns it lost the claim and answers `fail`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_holder_that_lost_its_claim_answers_fail() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let store: Arc<dyn DedupStore> = Arc::new(NoRenewal(MemoryStore::new()));
    let h = Arc::new(handler(&gw, store).lease(Duration::from_millis(100)));
    let stale = {
        let h = h.clone();
        tokio::spawn(async move {
            h.handle(&genuine(), |_| async {
                tokio::time::sleep(Duration::from_millis(500)).await;
                Ok::<(), String>(())
            })
            .await
        })
    };
    tokio::time::sleep(Duration::from_millis(250)).await;
    let taker = h
        .handle(&genuine(), |_| async { Ok::<(), String>(()) })
        .await;
    let stale = stale.await.unwrap();
    assert!(matches!(taker, Handled::Processed), "{taker:?}");
    assert!(matches!(stale, Handled::LostClaim), "{stale:?}");
    assert_eq!(stale.ack(), "fail");
    // The taker's completion stands.
    assert!(matches!(
        h.handle(&genuine(), |_| async { Ok::<(), String>(()) })
            .await,
        Handled::Duplicate
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn delivered_twice_at_the_same_moment_runs_the_step_once() {
    for store in [
        Arc::new(MemoryStore::new()) as Arc<dyn DedupStore>,
        Arc::new(Database::in_memory().unwrap()) as Arc<dyn DedupStore>,
    ] {
        let gw = Gateway::start().await;
        gw.set_default(VERIFY, Reply::Text("true".into()));
        let h = Arc::new(handler(&gw, store));
        let runs = Arc::new(AtomicUsize::new(0));
        let barrier = Arc::new(tokio::sync::Barrier::new(8));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (h, runs, barrier) = (h.clone(), runs.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    h.handle(&genuine(), |_| async {
                        runs.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        Ok::<(), String>(())
                    })
                    .await
                })
            })
            .collect();
        let mut acks = Vec::new();
        for t in tasks {
            acks.push(t.await.unwrap().ack());
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        // The others waited for the first and acknowledged once it was done.
        assert!(acks.iter().all(|a| *a == "success"), "{acks:?}");
    }
}

#[tokio::test]
async fn a_failed_or_cancelled_step_runs_again_on_the_next_delivery() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let h = handler(&gw, Arc::new(MemoryStore::new()));

    let failed = h
        .handle(&genuine(), |_| async { Err::<(), _>("database down") })
        .await;
    assert!(matches!(&failed, Handled::StepFailed(m) if m == "database down"));
    assert_eq!(failed.ack(), "fail");

    // Cancelled mid-step (the HTTP server dropped the request future).
    let cancelled = tokio::time::timeout(
        Duration::from_millis(100),
        h.handle(&genuine(), |_| async {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Ok::<(), String>(())
        }),
    )
    .await;
    assert!(cancelled.is_err());

    let runs = AtomicUsize::new(0);
    let again = h
        .handle(&genuine(), |_| async {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok::<(), String>(())
        })
        .await;
    assert!(matches!(again, Handled::Processed), "{again:?}");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_rejected_notification_never_runs_the_step() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("false".into()));
    let h = handler(&gw, Arc::new(MemoryStore::new()));
    let out = h
        .handle(&genuine(), |_| async {
            panic!("the step must not run");
            #[allow(unreachable_code)]
            Ok::<(), String>(())
        })
        .await;
    assert!(matches!(
        out,
        Handled::Rejected(NotificationError::NotFromAlipay { .. })
    ));
    assert_eq!(out.ack(), "fail");
}

const CHILD_DB: &str = "ALIPAY_TEST_CRASH_DB";
const CHILD_GATEWAY: &str = "ALIPAY_TEST_CRASH_GATEWAY";

/// The child half of the crash test: does nothing unless the parent set the variables. It runs the
/// step, which records that it started and then kills the process before the handler can record
/// completion or answer.
#[tokio::test]
async fn crash_child_process() {
    let (Ok(db), Ok(url)) = (std::env::var(CHILD_DB), std::env::var(CHILD_GATEWAY)) else {
        return;
    };
    let store = Arc::new(Database::open(&db).unwrap());
    // The lease this holder records: short, so the parent's re-delivery need not wait long.
    let h = NotificationHandler::new(client_for(&url), store).lease(Duration::from_millis(300));
    h.handle(&genuine(), |_| async {
        std::fs::write(format!("{db}.step-started"), b"1").unwrap();
        std::process::abort();
        #[allow(unreachable_code)]
        Ok::<(), String>(())
    })
    .await;
    unreachable!("the step aborts the process");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_during_the_step_does_not_lose_the_notification() {
    let gw = Gateway::start().await;
    gw.set_default(VERIFY, Reply::Text("true".into()));
    let dir = std::env::temp_dir().join(format!("alipay-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("alipay.db");
    let db_str = db.to_str().unwrap().to_owned();

    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child_process", "--test-threads=1"])
        .env(CHILD_DB, &db_str)
        .env(CHILD_GATEWAY, gw.url())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let status = tokio::task::spawn_blocking(move || child)
        .await
        .unwrap()
        .unwrap();
    assert!(!status.success(), "the child must have crashed");
    assert!(
        std::path::Path::new(&format!("{db_str}.step-started")).exists(),
        "the child ran the step before crashing"
    );

    // Alipay delivers again. The crashed holder's lease expires and this delivery runs the step.
    let store = Arc::new(Database::open(&db).unwrap());
    let h = NotificationHandler::new(client_for(&gw.url()), store)
        .lease(Duration::from_millis(300))
        .wait(Duration::from_secs(5));
    let runs = AtomicUsize::new(0);
    let out = h
        .handle(&genuine(), |_| async {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok::<(), String>(())
        })
        .await;
    assert!(matches!(out, Handled::Processed), "{out:?}");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    // And once completed, later deliveries are duplicates, even from a fresh process's handle.
    let reopened = NotificationHandler::new(
        client_for(&gw.url()),
        Arc::new(Database::open(&db).unwrap()),
    );
    let out = reopened
        .handle(&genuine(), |_| async { Err::<(), _>("must not run") })
        .await;
    assert!(matches!(out, Handled::Duplicate), "{out:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn handled_outcomes_display_their_short_name_and_reason() {
    assert_eq!(Handled::Processed.to_string(), "processed");
    assert_eq!(Handled::Busy.to_string(), "busy");
    assert_eq!(Handled::LostClaim.to_string(), "lost_claim");
    assert_eq!(
        Handled::StepFailed("out of stock".into()).to_string(),
        "step_failed: out of stock"
    );
}

/// The catalog's `notify_verify` through `execute`: a plain-text answer read into `NotifyVerify`,
/// no envelope parsed; any other text, or a non-2xx status, is a bad response naming the service.
#[tokio::test]
async fn the_catalog_notify_verify_reads_a_plain_text_answer() {
    use alipay_client::{BadResponseKind, Error};
    use alipay_core::service::ResponseErrorKind;
    use alipay_services::notify_verify::{ConfirmNotification, NotifyVerify};

    let gw = Gateway::start().await;
    gw.push(VERIFY, Reply::Text("true".into()));
    gw.push(VERIFY, Reply::Text(" invalid\r\n".into()));
    gw.push(VERIFY, Reply::Text("maybe".into()));
    gw.push(
        VERIFY,
        Reply::Text(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>F</is_success>\
             <error>ILLEGAL_PARTNER</error></alipay>"
                .into(),
        ),
    );
    gw.push(
        VERIFY,
        Reply::Raw {
            status: 502,
            content_type: "text/plain".into(),
            body: b"true".to_vec(),
        },
    );
    let client = client_for(&gw.url());
    let ask = ConfirmNotification {
        notify_id: "RqPnCoPT3K9/vwbh3I+ODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG".into(),
    };
    assert_eq!(client.execute(&ask).await.unwrap(), NotifyVerify::True);
    // The id was sent percent-encoded once, and the question signed like every call.
    let sent = gw.requests().pop().unwrap();
    assert_eq!(sent.param("notify_id"), Some(ask.notify_id.as_str()));
    assert!(
        sent.query.contains("RqPnCoPT3K9%2Fvwbh3I%2BODm"),
        "{}",
        sent.query
    );
    assert_eq!(sent.param("sign_type"), Some("MD5"));

    assert_eq!(client.execute(&ask).await.unwrap(), NotifyVerify::Invalid);
    match client.execute(&ask).await.unwrap_err() {
        Error::BadResponse(bad) => {
            assert_eq!(bad.service, "notify_verify");
            let BadResponseKind::Payload(e) = &bad.kind else {
                panic!("{bad:?}")
            };
            assert!(
                matches!(e.kind(), ResponseErrorKind::UnexpectedText { found, .. } if found == "maybe"),
                "{e:?}"
            );
            assert!(
                e.to_string()
                    .contains("expected one of true, false, invalid"),
                "{e}"
            );
        }
        e => panic!("{e:?}"),
    }
    // An envelope in place of the word is read as one: its code is the error, as for any service.
    match client.execute(&ask).await.unwrap_err() {
        Error::Service(e) => assert_eq!(e.code.as_str(), "ILLEGAL_PARTNER"),
        e => panic!("{e:?}"),
    }
    // A 502's body is never read as an answer (a bad response is not retried).
    match client.execute(&ask).await {
        Err(Error::BadResponse(bad)) => {
            assert!(matches!(bad.kind, BadResponseKind::Status(502)), "{bad:?}")
        }
        other => panic!("{other:?}"),
    }
}
