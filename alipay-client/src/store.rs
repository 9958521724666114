//! Durable state the client keeps: the notification de-duplication store and the call log.
//!
//! Both are traits so a merchant can plug in their own database. Two implementations ship:
//! [`MemoryStore`] (tests, or a process that tolerates losing state on restart) and, with the
//! `sqlite` feature, [`Database`](super::sqlite::Database), an embedded SQLite file that implements
//! both traits and is the default for a single process.
//!
//! The methods are `async` (through [`macro@async_trait`], re-exported here for implementors), because a
//! store may be a network database (the `postgres` feature's
//! [`PgStore`](super::postgres::PgStore)). Local stores ([`MemoryStore`], SQLite) do their short
//! work synchronously inside the future: it is ready at its first poll. A cancelled or panicking
//! business step gives its claim back from `Drop` by polling [`DedupStore::release`] once and, if
//! that is not enough (a network store), finishing it on the current tokio runtime; if there is
//! none, the claim's lease expires instead.
//!
//! Implementing a store:
//!
//! ```
//! use std::time::Duration;
//! use alipay_client::store::{async_trait, Claim, DedupStore, MemoryStore, StoreError};
//!
//! /// Delegates to a `MemoryStore`, counting claims.
//! struct Counting(MemoryStore, std::sync::atomic::AtomicU64);
//!
//! #[async_trait]
//! impl DedupStore for Counting {
//!     async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError> {
//!         self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
//!         self.0.claim(key, lease).await
//!     }
//!     async fn renew(&self, key: &str, token: u64, lease: Duration) -> Result<bool, StoreError> {
//!         self.0.renew(key, token, lease).await
//!     }
//!     async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError> {
//!         self.0.complete(key, token).await
//!     }
//!     async fn release(&self, key: &str, token: u64) -> Result<(), StoreError> {
//!         self.0.release(key, token).await
//!     }
//! }
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The attribute that implements this module's `async` traits (the `async-trait` crate).
pub use async_trait::async_trait;

/// A failure of the store itself (I/O, a locked or corrupt database). Never carries a secret.
#[derive(Debug, thiserror::Error)]
#[error("store error: {0}")]
pub struct StoreError(#[source] pub Box<dyn std::error::Error + Send + Sync>);

impl StoreError {
    /// Wraps any error.
    pub fn new(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(e.into())
    }
}

/// The answer to [`DedupStore::claim`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The caller now holds the notification and must run the business step, then call
    /// [`DedupStore::complete`] (or [`DedupStore::release`] if the step failed). The token
    /// identifies this holder.
    Acquired(u64),
    /// The business step already completed for this key: acknowledge without running it again.
    Done,
    /// Another holder is running the business step now (its lease has not expired).
    Busy,
}

/// Remembers which notifications were handled, so the business step runs once per notification.
///
/// The contract, which every implementation must keep *atomically* (two concurrent claims of the
/// same key: exactly one is `Acquired`):
/// - `claim(key, lease)`: unknown key → record it as running with a fresh token and a lease ending
///   `lease` from now, return `Acquired(token)`; completed key → `Done`; running key whose lease
///   has not expired → `Busy`; running key whose lease expired (its holder crashed) → take it
///   over with a fresh token, `Acquired(token)`.
/// - `renew(key, token, lease)`: while `token` still holds the running key, extend its lease to
///   `lease` from now and return `true`; otherwise (taken over, released, completed) `false`.
/// - `complete(key, token)`: mark the key completed (for good) if `token` still holds it, and
///   return `true`; `true` again for the holder that completed it; `false` for any other token
///   (fencing: a holder whose lease expired and was taken over learns it lost the claim, and must
///   not acknowledge as if it ran alone).
/// - `release(key, token)`: forget the claim if `token` still holds it (the step failed or was
///   cancelled; the next delivery runs it). A stale token changes nothing.
#[async_trait]
pub trait DedupStore: Send + Sync + 'static {
    /// Claims `key` for a business step (see the trait docs).
    async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError>;
    /// Extends the lease of a claim `token` still holds; `false` when it no longer does.
    async fn renew(&self, key: &str, token: u64, lease: Duration) -> Result<bool, StoreError>;
    /// Records that the business step for `key` completed, if `token` still holds the claim;
    /// `false` when it does not.
    async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError>;
    /// Gives the claim back without completing.
    async fn release(&self, key: &str, token: u64) -> Result<(), StoreError>;
}

/// Where a notification key stands, as a store's `notification_state` reports it (SQLite's
/// `Database`, PostgreSQL's `PgStore`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationState {
    /// Claimed and not completed: `token` holds it until `lease_until` (after which another claim
    /// takes it over).
    Running {
        /// The holder's token.
        token: u64,
        /// When the lease ends (millisecond precision).
        lease_until: SystemTime,
    },
    /// The business step completed.
    Done,
}

/// What a [`CallRecord`] records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// One attempt of a gateway call.
    Call,
    /// One received notification.
    Notification,
}

impl RecordKind {
    /// `call` or `notification`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Notification => "notification",
        }
    }
}

/// One line of the call log: a gateway call attempt or a received notification.
///
/// Secret parameter values are already replaced by `<secret>`; `sign` is not recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRecord {
    /// When the attempt started (or the notification arrived).
    pub time: SystemTime,
    /// Call or notification.
    pub kind: RecordKind,
    /// The service (`sns.create.goods.ws`), or the notification's `notify_type` (or `notify`).
    pub service: String,
    /// The parameters sent or received, secrets redacted, without `sign`.
    pub params: Vec<(String, String)>,
    /// The attempt number, from 1 (always 1 for a notification).
    pub attempt: u32,
    /// `T` for a successful call, the error code (`RETRY`, `ILLEGAL_SIGN`…), or a short class for
    /// other failures (`transport:timeout`, `bad_response:html`…); for a notification, `processed`,
    /// `duplicate`, `busy`, `step_failed` or `rejected:…`.
    pub outcome: String,
    /// Whether the call succeeded (the notification was processed or was a duplicate).
    pub success: bool,
    /// Time from the start of the attempt to its outcome.
    pub latency: Duration,
}

impl CallRecord {
    /// The value of parameter `name`, if recorded.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The merchant's log database: every gateway call and notification is recorded here.
///
/// `record` must be durable when it returns (a process that stops right after loses nothing).
#[async_trait]
pub trait CallLog: Send + Sync + 'static {
    /// Appends one record.
    async fn record(&self, record: &CallRecord) -> Result<(), StoreError>;
    /// Whether a *successful* call of `service` with parameter `param` equal to `value` is logged
    /// (e.g. `send_goods_confirm_by_platform` with `trade_no` = …: the trade is already shipped).
    async fn succeeded(&self, service: &str, param: &str, value: &str) -> Result<bool, StoreError>;
    /// The records matching `query`, oldest first. The stores this crate ships answer it; a log
    /// that cannot be queried keeps this default, which says so.
    async fn query(&self, query: &CallQuery) -> Result<Vec<CallRecord>, StoreError> {
        let _ = query;
        Err(StoreError::new("this call log cannot be queried"))
    }
}

/// Which records [`CallLog::query`] returns: every condition set must hold (none set: all
/// records). Built from [`CallQuery::new`]:
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use alipay_client::store::CallQuery;
///
/// // The failed attempts to ship trade 2013… in the last hour.
/// let query = CallQuery::new()
///     .service("send_goods_confirm_by_platform")
///     .trade_no("2013102226991504")
///     .since(SystemTime::now() - Duration::from_secs(3600))
///     .success(false);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallQuery {
    /// The service (or, for a notification, its `notify_type`).
    pub service: Option<String>,
    /// Calls or notifications.
    pub kind: Option<RecordKind>,
    /// A parameter's recorded value (its first value, as [`CallRecord::param`] reads it).
    pub param: Option<(String, String)>,
    /// Records from this time on (inclusive).
    pub since: Option<SystemTime>,
    /// Records before this time (exclusive).
    pub until: Option<SystemTime>,
    /// The exact outcome (`T`, `RETRY`, `transport:timeout`, `processed`…).
    pub outcome: Option<String>,
    /// Successful ones, or failed ones.
    pub success: Option<bool>,
    /// At most this many (the oldest matching).
    pub limit: Option<usize>,
}

impl CallQuery {
    /// Every record.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only records of `service`.
    #[must_use]
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Only calls, or only notifications.
    #[must_use]
    pub fn kind(mut self, kind: RecordKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Only records whose parameter `name` is `value`.
    #[must_use]
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.param = Some((name.into(), value.into()));
        self
    }

    /// Only records about Alipay trade `trade_no` (`param("trade_no", …)`).
    #[must_use]
    pub fn trade_no(self, trade_no: impl Into<String>) -> Self {
        self.param("trade_no", trade_no)
    }

    /// Only records about the merchant's order `out_trade_no` (`param("out_trade_no", …)`).
    #[must_use]
    pub fn out_trade_no(self, out_trade_no: impl Into<String>) -> Self {
        self.param("out_trade_no", out_trade_no)
    }

    /// Only records from `time` on.
    #[must_use]
    pub fn since(mut self, time: SystemTime) -> Self {
        self.since = Some(time);
        self
    }

    /// Only records before `time`.
    #[must_use]
    pub fn until(mut self, time: SystemTime) -> Self {
        self.until = Some(time);
        self
    }

    /// Only records with this exact outcome.
    #[must_use]
    pub fn outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = Some(outcome.into());
        self
    }

    /// Only successful (`true`) or failed (`false`) records.
    #[must_use]
    pub fn success(mut self, success: bool) -> Self {
        self.success = Some(success);
        self
    }

    /// At most `limit` records (the oldest matching).
    #[must_use]
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Whether `record` matches (what [`MemoryStore`] filters with).
    pub fn matches(&self, record: &CallRecord) -> bool {
        self.service.as_ref().is_none_or(|s| *s == record.service)
            && self.kind.is_none_or(|k| k == record.kind)
            && self
                .param
                .as_ref()
                .is_none_or(|(name, value)| record.param(name) == Some(value.as_str()))
            && self.since.is_none_or(|t| record.time >= t)
            && self.until.is_none_or(|t| record.time < t)
            && self.outcome.as_ref().is_none_or(|o| *o == record.outcome)
            && self.success.is_none_or(|s| s == record.success)
    }
}

/// In-memory [`DedupStore`] and [`CallLog`]: state is lost when the process stops, so use it for
/// tests or with a merchant's own durable log. Claims are atomic within the process.
#[derive(Default)]
pub struct MemoryStore {
    claims: Mutex<HashMap<String, Entry>>,
    log: Mutex<Vec<CallRecord>>,
    next_token: AtomicU64,
}

#[derive(Clone, Copy)]
enum Entry {
    Running {
        token: u64,
        until: SystemTime,
    },
    /// Completed by the holder of `token`.
    Done {
        token: u64,
    },
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every record logged so far, oldest first.
    pub fn records(&self) -> Vec<CallRecord> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let claims = self.claims.lock().map(|c| c.len()).unwrap_or_default();
        let records = self.log.lock().map(|l| l.len()).unwrap_or_default();
        f.debug_struct("MemoryStore")
            .field("claims", &claims)
            .field("records", &records)
            .finish()
    }
}

#[async_trait]
impl DedupStore for MemoryStore {
    async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError> {
        let now = SystemTime::now();
        let mut claims = self.claims.lock().unwrap_or_else(|e| e.into_inner());
        match claims.get(key) {
            Some(Entry::Done { .. }) => return Ok(Claim::Done),
            Some(Entry::Running { until, .. }) if *until > now => return Ok(Claim::Busy),
            _ => {}
        }
        let token = self.next_token.fetch_add(1, Ordering::Relaxed) + 1;
        claims.insert(
            key.to_owned(),
            Entry::Running {
                token,
                until: now + lease,
            },
        );
        Ok(Claim::Acquired(token))
    }

    async fn renew(&self, key: &str, token: u64, lease: Duration) -> Result<bool, StoreError> {
        let mut claims = self.claims.lock().unwrap_or_else(|e| e.into_inner());
        match claims.get_mut(key) {
            Some(Entry::Running { token: t, until }) if *t == token => {
                *until = SystemTime::now() + lease;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError> {
        let mut claims = self.claims.lock().unwrap_or_else(|e| e.into_inner());
        match claims.get(key) {
            Some(Entry::Running { token: t, .. }) if *t == token => {
                claims.insert(key.to_owned(), Entry::Done { token });
                Ok(true)
            }
            Some(Entry::Done { token: t }) => Ok(*t == token),
            _ => Ok(false),
        }
    }

    async fn release(&self, key: &str, token: u64) -> Result<(), StoreError> {
        let mut claims = self.claims.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(claims.get(key), Some(Entry::Running { token: t, .. }) if *t == token) {
            claims.remove(key);
        }
        Ok(())
    }
}

#[async_trait]
impl CallLog for MemoryStore {
    async fn record(&self, record: &CallRecord) -> Result<(), StoreError> {
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(record.clone());
        Ok(())
    }

    async fn succeeded(&self, service: &str, param: &str, value: &str) -> Result<bool, StoreError> {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        Ok(log.iter().any(|r| {
            r.kind == RecordKind::Call
                && r.success
                && r.service == service
                && r.param(param) == Some(value)
        }))
    }

    async fn query(&self, query: &CallQuery) -> Result<Vec<CallRecord>, StoreError> {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        Ok(log
            .iter()
            .filter(|r| query.matches(r))
            .take(query.limit.unwrap_or(usize::MAX))
            .cloned()
            .collect())
    }
}
