//! An embedded SQLite database that is both the notification de-duplication store
//! ([`DedupStore`]) and the call log ([`CallLog`]).
//!
//! ```no_run
//! use std::time::Duration;
//! use alipay_client::sqlite::Database;
//! use alipay_client::store::{Claim, DedupStore};
//!
//! # async fn run() -> Result<(), alipay_client::store::StoreError> {
//! let db = Database::open("alipay.db")?;
//! let key = "notify:RqPnCoPT3K9";
//! if let Claim::Acquired(token) = db.claim(key, Duration::from_secs(60)).await? {
//!     // … ship the goods, then:
//!     assert!(db.complete(key, token).await?);
//! }
//! # Ok(()) }
//! ```
//!
//! The trait methods are `async` (a store may be a network database), but this one does its work
//! synchronously: each future is ready at its first poll, after a local commit.
//!
//! # Schema
//!
//! Every table is prefixed `alipay_`, so the merchant may keep their own tables in the same file.
//! The tables are created when missing; the schema version lives in `alipay_meta` (not in
//! `PRAGMA user_version`, which belongs to the merchant), and a file written by a newer schema is
//! refused rather than misread.
//!
//! ```sql
//! alipay_meta          (name TEXT PRIMARY KEY, value INTEGER)  -- 'schema_version', 'last_token'
//! alipay_notifications (key TEXT PRIMARY KEY,
//!                       state TEXT,              -- 'running' or 'done'
//!                       token INTEGER,           -- the last claim's token
//!                       lease_until_ms INTEGER,  -- running: when the lease ends (Unix ms)
//!                       claimed_at_ms INTEGER, done_at_ms INTEGER)
//! alipay_calls         (id INTEGER PRIMARY KEY,  -- in the order recorded
//!                       time_ms INTEGER,         -- Unix ms
//!                       kind TEXT,               -- 'call' or 'notification'
//!                       service TEXT,
//!                       params TEXT,             -- JSON object, in the order sent
//!                       attempt INTEGER, outcome TEXT,
//!                       success INTEGER,         -- 0 or 1
//!                       latency_us INTEGER)
//! alipay_call_params   (call_id INTEGER REFERENCES alipay_calls (id) ON DELETE CASCADE,
//!                       name TEXT, value TEXT,   -- the first value of each parameter
//!                       PRIMARY KEY (call_id, name))
//!                      -- indexed on (name, value): what CallLog::succeeded looks up
//! ```
//!
//! Times are stored in milliseconds and latencies in microseconds; finer parts are dropped.
//! Tokens come from a counter in `alipay_meta`, so they are unique among every process sharing
//! the file.
//!
//! # Durability
//!
//! A file database runs in WAL mode with `synchronous=NORMAL` ([`Durability::Process`]): every
//! method has committed when it returns, and the commit survives the process crashing or being
//! killed. A power loss or an operating-system crash may lose the last few commits (the file is
//! never corrupted); [`Durability::PowerLoss`] (`synchronous=FULL`) syncs each commit to disk at
//! the cost of an fsync per commit.
//!
//! # Sharing the file
//!
//! Several processes may open the same file: a connection waits up to 5 seconds for another's
//! write to finish, and a claim reads and writes in one `BEGIN IMMEDIATE` transaction, so two
//! claims of one key are atomic across processes too. Within a process, one [`Database`] holds one
//! connection behind a mutex; share it (it is `Send + Sync`) rather than opening the file again.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::types::Type;
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};

pub use super::store::NotificationState;
use super::store::{
    CallLog, CallQuery, CallRecord, Claim, DedupStore, RecordKind, StoreError, async_trait,
};

/// The schema this code reads and writes (`alipay_meta.schema_version`).
const SCHEMA_VERSION: i64 = 1;

/// How long a connection waits for another connection's write before failing with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Creates whatever is missing; run inside the opening transaction.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS alipay_meta (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alipay_notifications (
    key            TEXT PRIMARY KEY,
    state          TEXT NOT NULL CHECK (state IN ('running', 'done')),
    token          INTEGER,
    lease_until_ms INTEGER,
    claimed_at_ms  INTEGER,
    done_at_ms     INTEGER
);
CREATE TABLE IF NOT EXISTS alipay_calls (
    id         INTEGER PRIMARY KEY,
    time_ms    INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('call', 'notification')),
    service    TEXT NOT NULL,
    params     TEXT NOT NULL,
    attempt    INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    success    INTEGER NOT NULL CHECK (success IN (0, 1)),
    latency_us INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alipay_call_params (
    call_id INTEGER NOT NULL REFERENCES alipay_calls (id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (call_id, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alipay_call_params_by_value ON alipay_call_params (name, value);
INSERT OR IGNORE INTO alipay_meta (name, value) VALUES ('last_token', 0);
";

/// How hard a commit tries to reach the disk (a file database only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=NORMAL`: a commit survives the process crashing or being killed right after it;
    /// a power loss or OS crash may lose the last few commits. No fsync per commit.
    #[default]
    Process,
    /// `synchronous=FULL`: every commit is synced to disk before it returns, so it survives a power
    /// loss too, at the cost of an fsync per commit.
    PowerLoss,
}

impl Durability {
    const fn pragma(self) -> &'static str {
        match self {
            Self::Process => "NORMAL",
            Self::PowerLoss => "FULL",
        }
    }
}

/// The embedded SQLite database: a [`DedupStore`] and a [`CallLog`] in one file (see the
/// [module docs](self) for the schema and the durability).
pub struct Database {
    conn: Mutex<Connection>,
    /// `None` for an in-memory database.
    path: Option<PathBuf>,
}

impl Database {
    /// Opens (creating if needed) the database file at `path`, with [`Durability::Process`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::open_with(path, Durability::default())
    }

    /// Opens (creating if needed) the database file at `path` with the given durability.
    pub fn open_with(path: impl AsRef<Path>, durability: Durability) -> Result<Self, StoreError> {
        let path = path.as_ref();
        // SQLite's messages ("unable to open database file") do not name the file.
        let at = |e: rusqlite::Error| StoreError::new(format!("{}: {e}", path.display()));
        let conn = Connection::open(path).map_err(at)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(at)?;
        enable_wal(&conn, path)?;
        conn.pragma_update(None, "synchronous", durability.pragma())
            .map_err(at)?;
        Self::init(conn, Some(path.to_owned()))
    }

    /// A private database in memory, gone when dropped (tests, or a single short-lived process).
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().map_err(StoreError::new)?;
        Self::init(conn, None)
    }

    /// The database file, or `None` for an in-memory database.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Every record logged so far, oldest first.
    pub fn records(&self) -> Result<Vec<CallRecord>, StoreError> {
        read_records(&self.conn(), &CallQuery::default()).map_err(StoreError::new)
    }

    /// Where notification `key` stands: `None` if it was never claimed (or its claim was
    /// released).
    pub fn notification_state(&self, key: &str) -> Result<Option<NotificationState>, StoreError> {
        read_notification_state(&self.conn(), key).map_err(StoreError::new)
    }

    /// Creates the tables if missing and checks the schema version, in one transaction so that
    /// processes opening a new file together do not race.
    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(StoreError::new)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::new)?;
        tx.execute_batch(SCHEMA).map_err(StoreError::new)?;
        let version: Option<i64> = tx
            .query_row(
                "SELECT value FROM alipay_meta WHERE name = 'schema_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::new)?;
        match version {
            None => {
                tx.execute(
                    "INSERT INTO alipay_meta (name, value) VALUES ('schema_version', ?1)",
                    [SCHEMA_VERSION],
                )
                .map_err(StoreError::new)?;
            }
            Some(SCHEMA_VERSION) => {}
            // Dropping `tx` rolls back the tables this transaction may have created.
            Some(found) => {
                let file = path.as_deref().unwrap_or(Path::new(":memory:")).display();
                return Err(StoreError::new(format!(
                    "{file}: the alipay_ tables have schema version {found}; this version of \
                     alipay-core reads version {SCHEMA_VERSION} only"
                )));
            }
        }
        tx.commit().map_err(StoreError::new)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path,
        })
    }

    /// The connection; a panic in another thread while it held the lock leaves the connection
    /// usable (an open transaction was rolled back when it was dropped).
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.as_deref().unwrap_or(Path::new(":memory:"));
        f.debug_struct("Database").field("path", &path).finish()
    }
}

#[async_trait]
impl DedupStore for Database {
    async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError> {
        claim(&mut self.conn(), key, lease).map_err(StoreError::new)
    }

    async fn renew(&self, key: &str, token: u64, lease: Duration) -> Result<bool, StoreError> {
        // Tokens are issued from a positive i64 counter: a larger one holds nothing.
        let Ok(token) = i64::try_from(token) else {
            return Ok(false);
        };
        let now = unix_millis(SystemTime::now());
        let lease_ms = i64::try_from(lease.as_nanos().div_ceil(1_000_000)).unwrap_or(i64::MAX);
        self.conn()
            .prepare_cached(
                "UPDATE alipay_notifications SET lease_until_ms = ?3
                 WHERE key = ?1 AND state = 'running' AND token = ?2",
            )
            .and_then(|mut stmt| stmt.execute(params![key, token, now.saturating_add(lease_ms)]))
            .map(|rows| rows == 1)
            .map_err(StoreError::new)
    }

    async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError> {
        let Ok(token) = i64::try_from(token) else {
            return Ok(false);
        };
        let now = unix_millis(SystemTime::now());
        // Fenced: only the token that holds the claim completes it (and completing twice is
        // harmless for that holder).
        self.conn()
            .prepare_cached(
                "UPDATE alipay_notifications SET
                     state = 'done',
                     lease_until_ms = NULL,
                     done_at_ms = CASE WHEN state = 'done' THEN done_at_ms ELSE ?3 END
                 WHERE key = ?1 AND token = ?2",
            )
            .and_then(|mut stmt| stmt.execute(params![key, token, now]))
            .map(|rows| rows == 1)
            .map_err(StoreError::new)
    }

    async fn release(&self, key: &str, token: u64) -> Result<(), StoreError> {
        // Tokens are issued from a positive i64 counter: a larger one holds nothing.
        let Ok(token) = i64::try_from(token) else {
            return Ok(());
        };
        self.conn()
            .prepare_cached(
                "DELETE FROM alipay_notifications
                 WHERE key = ?1 AND state = 'running' AND token = ?2",
            )
            .and_then(|mut stmt| stmt.execute(params![key, token]))
            .map(drop)
            .map_err(StoreError::new)
    }
}

#[async_trait]
impl CallLog for Database {
    async fn record(&self, record: &CallRecord) -> Result<(), StoreError> {
        insert_record(&mut self.conn(), record).map_err(StoreError::new)
    }

    async fn succeeded(&self, service: &str, param: &str, value: &str) -> Result<bool, StoreError> {
        // Every input is a bound parameter: a parameter name is never part of SQL or a JSON path.
        self.conn()
            .prepare_cached(
                "SELECT EXISTS (
                     SELECT 1 FROM alipay_call_params AS p
                     JOIN alipay_calls AS c ON c.id = p.call_id
                     WHERE p.name = ?2 AND p.value = ?3
                       AND c.service = ?1 AND c.kind = 'call' AND c.success = 1
                 )",
            )
            .and_then(|mut stmt| stmt.query_row(params![service, param, value], |row| row.get(0)))
            .map_err(StoreError::new)
    }

    async fn query(&self, query: &CallQuery) -> Result<Vec<CallRecord>, StoreError> {
        read_records(&self.conn(), query).map_err(StoreError::new)
    }
}

/// Switches the file to WAL mode (a setting stored in the file, so only its first opening changes
/// anything). The switch takes an exclusive lock without calling the busy handler (SQLite avoids a
/// deadlock there), so when several processes open a new file at once, the losers retry here for
/// up to [`BUSY_TIMEOUT`].
fn enable_wal(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(StoreError::new(format!(
                    "{}: SQLite refused WAL journal mode (it stays in {mode} mode)",
                    path.display()
                )));
            }
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(StoreError::new(format!("{}: {e}", path.display()))),
        }
    }
}

/// [`DedupStore::claim`] in one `BEGIN IMMEDIATE` transaction: the write lock is taken before the
/// key is read, so no other connection (in any process) can claim it in between.
fn claim(conn: &mut Connection, key: &str, lease: Duration) -> rusqlite::Result<Claim> {
    let now = unix_millis(SystemTime::now());
    // Rounded up: a lease never ends before `lease` has passed.
    let lease_ms = i64::try_from(lease.as_nanos().div_ceil(1_000_000)).unwrap_or(i64::MAX);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(String, Option<i64>)> = tx
        .prepare_cached("SELECT state, lease_until_ms FROM alipay_notifications WHERE key = ?1")?
        .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match current {
        Some((state, _)) if state == "done" => return Ok(Claim::Done),
        Some((_, Some(until))) if until > now => return Ok(Claim::Busy),
        // Unknown, or running with an expired lease (its holder crashed): take it.
        _ => {}
    }
    let token: i64 = tx
        .prepare_cached(
            "UPDATE alipay_meta SET value = value + 1 WHERE name = 'last_token' RETURNING value",
        )?
        .query_row([], |row| row.get(0))?;
    tx.prepare_cached(
        "INSERT INTO alipay_notifications (key, state, token, lease_until_ms, claimed_at_ms)
         VALUES (?1, 'running', ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET
             state = 'running',
             token = excluded.token,
             lease_until_ms = excluded.lease_until_ms,
             claimed_at_ms = excluded.claimed_at_ms,
             done_at_ms = NULL",
    )?
    .execute(params![key, token, now.saturating_add(lease_ms), now])?;
    tx.commit()?;
    let token = u64::try_from(token).map_err(|_| out_of_range(0, token))?;
    Ok(Claim::Acquired(token))
}

fn read_notification_state(
    conn: &Connection,
    key: &str,
) -> rusqlite::Result<Option<NotificationState>> {
    let row: Option<(String, Option<i64>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT state, token, lease_until_ms FROM alipay_notifications WHERE key = ?1",
        )?
        .query_row([key], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let Some((state, token, until)) = row else {
        return Ok(None);
    };
    if state == "done" {
        return Ok(Some(NotificationState::Done));
    }
    let (token, until) = (token.unwrap_or(0), until.unwrap_or(0));
    let lease_until = from_unix_millis(until).ok_or_else(|| out_of_range(2, until))?;
    let token = u64::try_from(token).map_err(|_| out_of_range(1, token))?;
    Ok(Some(NotificationState::Running { token, lease_until }))
}

/// Appends one record (and its parameter index rows) in one transaction.
fn insert_record(conn: &mut Connection, record: &CallRecord) -> rusqlite::Result<()> {
    let latency_us = i64::try_from(record.latency.as_micros()).unwrap_or(i64::MAX);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.prepare_cached(
        "INSERT INTO alipay_calls
             (time_ms, kind, service, params, attempt, outcome, success, latency_us)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        unix_millis(record.time),
        record.kind.as_str(),
        record.service,
        params_json(&record.params),
        record.attempt,
        record.outcome,
        record.success,
        latency_us,
    ])?;
    let id = tx.last_insert_rowid();
    {
        // `OR IGNORE` keeps a repeated parameter's first value, the one `CallRecord::param` reads.
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO alipay_call_params (call_id, name, value) VALUES (?1, ?2, ?3)",
        )?;
        for (name, value) in &record.params {
            stmt.execute(params![id, name, value])?;
        }
    }
    tx.commit()
}

/// The records matching `query` (all for the default), oldest first; parameters come back from
/// the JSON object in their written order. Times compare at the stored millisecond.
fn read_records(conn: &Connection, query: &CallQuery) -> rusqlite::Result<Vec<CallRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.time_ms, c.kind, c.service, c.attempt, c.outcome, c.success, c.latency_us,
                p.key, p.value
         FROM (SELECT * FROM alipay_calls AS c
               WHERE (?1 IS NULL OR c.service = ?1)
                 AND (?2 IS NULL OR c.kind = ?2)
                 AND (?3 IS NULL OR EXISTS (
                     SELECT 1 FROM alipay_call_params AS q
                     WHERE q.call_id = c.id AND q.name = ?3 AND q.value = ?4))
                 AND (?5 IS NULL OR c.time_ms >= ?5)
                 AND (?6 IS NULL OR c.time_ms < ?6)
                 AND (?7 IS NULL OR c.outcome = ?7)
                 AND (?8 IS NULL OR c.success = ?8)
               ORDER BY c.id LIMIT ?9) AS c
         LEFT JOIN json_each(c.params) AS p
         ORDER BY c.id, p.id",
    )?;
    let (name, value) = match &query.param {
        Some((name, value)) => (Some(name.as_str()), Some(value.as_str())),
        None => (None, None),
    };
    let limit = query
        .limit
        .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut rows = stmt.query(params![
        query.service,
        query.kind.map(RecordKind::as_str),
        name,
        value,
        query.since.map(unix_millis),
        query.until.map(unix_millis),
        query.outcome,
        query.success,
        limit,
    ])?;
    let mut records: Vec<CallRecord> = Vec::new();
    let mut last_id = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if last_id != Some(id) {
            last_id = Some(id);
            let kind = match row.get_ref(2)?.as_str()? {
                "call" => RecordKind::Call,
                "notification" => RecordKind::Notification,
                other => {
                    return Err(rusqlite::Error::FromSqlConversionFailure(
                        2,
                        Type::Text,
                        format!("unknown record kind {other:?}").into(),
                    ));
                }
            };
            let time_ms: i64 = row.get(1)?;
            let latency_us: i64 = row.get(7)?;
            records.push(CallRecord {
                time: from_unix_millis(time_ms).ok_or_else(|| out_of_range(1, time_ms))?,
                kind,
                service: row.get(3)?,
                params: Vec::new(),
                attempt: row.get(4)?,
                outcome: row.get(5)?,
                success: row.get(6)?,
                latency: Duration::from_micros(
                    u64::try_from(latency_us).map_err(|_| out_of_range(7, latency_us))?,
                ),
            });
        }
        if let (Some(name), Some(record)) = (row.get::<_, Option<String>>(8)?, records.last_mut()) {
            record.params.push((name, row.get(9)?));
        }
    }
    Ok(records)
}

/// The parameters as a JSON object, keys in their order (a repeated key is kept, as written).
fn params_json(params: &[(String, String)]) -> String {
    let mut json = String::from("{");
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        // `Value`'s `Display` writes a JSON string literal, escaped.
        json.push_str(&serde_json::Value::from(name.as_str()).to_string());
        json.push(':');
        json.push_str(&serde_json::Value::from(value.as_str()).to_string());
    }
    json.push('}');
    json
}

/// Milliseconds since the Unix epoch, rounded down (negative before 1970).
fn unix_millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(e) => {
            let before = e.duration().as_nanos().div_ceil(1_000_000);
            i64::try_from(before).map_or(i64::MIN, |ms| -ms)
        }
    }
}

fn from_unix_millis(ms: i64) -> Option<SystemTime> {
    let offset = Duration::from_millis(ms.unsigned_abs());
    if ms >= 0 {
        UNIX_EPOCH.checked_add(offset)
    } else {
        UNIX_EPOCH.checked_sub(offset)
    }
}

fn out_of_range(column: usize, value: i64) -> rusqlite::Error {
    rusqlite::Error::IntegralValueOutOfRange(column, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    fn record(params: &[(&str, &str)]) -> CallRecord {
        CallRecord {
            time: UNIX_EPOCH + Duration::from_millis(1_700_000_000_123),
            kind: RecordKind::Call,
            service: "send_goods_confirm_by_platform".to_owned(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            attempt: 1,
            outcome: "T".to_owned(),
            success: true,
            latency: Duration::from_micros(1500),
        }
    }

    #[test]
    fn newer_schema_is_refused_and_left_alone() {
        let dir = std::env::temp_dir().join(format!(
            "alipay-core-sqlite-unit-{}-{}",
            std::process::id(),
            unix_millis(SystemTime::now())
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.db");
        drop(Database::open(&file).unwrap());
        let conn = Connection::open(&file).unwrap();
        conn.execute(
            "UPDATE alipay_meta SET value = 2 WHERE name = 'schema_version'",
            [],
        )
        .unwrap();
        drop(conn);
        let err = Database::open(&file).unwrap_err().to_string();
        assert!(err.contains("schema version 2"), "{err}");
        let conn = Connection::open(&file).unwrap();
        let version: i64 = conn
            .query_row(
                "SELECT value FROM alipay_meta WHERE name = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(version, 2);
        drop(conn);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn merchant_user_version_is_untouched() {
        let dir = std::env::temp_dir().join(format!(
            "alipay-core-sqlite-uv-{}-{}",
            std::process::id(),
            unix_millis(SystemTime::now())
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.db");
        let conn = Connection::open(&file).unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
        drop(conn);
        drop(Database::open(&file).unwrap());
        let conn = Connection::open(&file).unwrap();
        let uv: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(uv, 42);
        drop(conn);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn params_are_a_json_object_in_order() {
        let db = Database::in_memory().unwrap();
        db.record(&record(&[
            ("trade_no", "2013"),
            ("a\"b", "x\\y"),
            ("$.z", "ü"),
        ]))
        .now_or_never()
        .unwrap()
        .unwrap();
        let json: String = db
            .conn()
            .query_row("SELECT params FROM alipay_calls", [], |r| r.get(0))
            .unwrap();
        assert_eq!(json, r#"{"trade_no":"2013","a\"b":"x\\y","$.z":"ü"}"#);
        let trade_no: String = db
            .conn()
            .query_row(
                "SELECT json_extract(params, '$.trade_no') FROM alipay_calls",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(trade_no, "2013");
    }

    #[test]
    fn repeated_parameter_round_trips_and_first_value_is_looked_up() {
        let db = Database::in_memory().unwrap();
        let rec = record(&[("trade_no", "1"), ("other", "o"), ("trade_no", "2")]);
        db.record(&rec).now_or_never().unwrap().unwrap();
        assert_eq!(db.records().unwrap(), vec![rec]);
        let svc = "send_goods_confirm_by_platform";
        assert!(
            db.succeeded(svc, "trade_no", "1")
                .now_or_never()
                .unwrap()
                .unwrap()
        );
        assert!(
            !db.succeeded(svc, "trade_no", "2")
                .now_or_never()
                .unwrap()
                .unwrap()
        );
    }

    #[test]
    fn times_before_1970_round_down() {
        let t = UNIX_EPOCH - Duration::from_micros(1500);
        assert_eq!(unix_millis(t), -2);
        assert_eq!(
            from_unix_millis(-2),
            Some(UNIX_EPOCH - Duration::from_millis(2))
        );
        assert_eq!(unix_millis(UNIX_EPOCH + Duration::from_micros(1500)), 1);
    }
}
