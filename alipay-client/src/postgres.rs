//! PostgreSQL (feature `postgres`): the notification de-duplication store ([`DedupStore`]) and the
//! call log ([`CallLog`]) shared by several instances of an application.
//!
//! SQLite's file lock protects processes on one machine; instances behind a load balancer share a
//! database server instead. [`PgStore`] keeps the same contract as [`MemoryStore`] and the SQLite
//! [`Database`]: an atomic claim with a lease, renewal while the step runs, completion fenced by the
//! claim's token, the claim given back on failure, and every call recorded before `execute`
//! returns.
//!
//! ```no_run
//! use std::sync::Arc;
//! use alipay_client::postgres::PgStore;
//! use alipay_client::{Client, NotificationHandler};
//! # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! // Or PgStore::from_env(), which reads ALIPAY_DATABASE_URL.
//! let store = Arc::new(PgStore::connect("postgres://shop@db.internal/shop").await?);
//! let client = client.with_call_log(store.clone());
//! let handler = NotificationHandler::new(client, store);
//! # Ok(()) }
//! ```
//!
//! # Driver
//!
//! [`tokio-postgres`](tokio_postgres) with a [`deadpool-postgres`](deadpool_postgres) pool: the
//! maintained asynchronous driver that the client's tokio runtime already runs, and a small pool
//! that hands out its connections without a background task and drops a closed one when it is
//! next taken (so a restarted server costs one failed attempt per pooled connection, retried).
//! `sqlx` would bring its own query macros and a second SQLite driver beside `rusqlite`.
//! Connections are plain TCP or Unix sockets (`NoTls`): reach a remote server through a private
//! network or a TLS-terminating proxy; a connection string asking for `sslmode=require` is refused.
//!
//! # Runtimes
//!
//! The pool opens its connections on the tokio runtime that first uses them (each connection is a
//! task there). Create and use a `PgStore` on one runtime: with the blocking client, create it
//! inside that client's runtime's work (`block_on`), not on a runtime that is then dropped (its
//! connections would close; the pool replaces them, at the cost of a failed attempt each).
//!
//! # Network failures
//!
//! Every operation is retried, with backoff from 50 ms to 2 s, while the failure is the
//! connection's (refused, reset, closed, the server shutting down or starting up) and the retry
//! window ([`PgOptions::retry_for`], 15 s by default) lasts; an SQL error is not retried. Each
//! operation is safe to repeat when its first answer was lost:
//! - `claim`: a repeat finds the claim the lost answer made and says `Busy`; the delivery answers
//!   `fail`, and the claim's lease expires before a later delivery runs the step. The step does
//!   not run twice.
//! - `renew`, `complete`, `release`: keyed by the token, so a repeat does nothing more. A step's
//!   completion is acknowledged to Alipay only after the server confirmed its commit
//!   (`synchronous_commit=on` is set on every connection unless the connection string sets
//!   `options`); if the window passes without that, the delivery answers `fail`.
//! - `record`: each record carries a random id, unique in the table; a repeat adds nothing.
//!
//! # Schema
//!
//! Created and migrated by [`PgStore::connect`] (or [`PgStore::migrate`]): versioned in
//! `alipay_schema`, applied in one transaction under an advisory lock, so instances starting
//! together apply each version once; a database whose schema is newer than this code is refused.
//! Lease times come from the server's clock (`clock_timestamp()`), so instances whose clocks
//! disagree still agree on when a lease ends.
//!
//! ```sql
//! alipay_schema        (version integer PRIMARY KEY, applied_at timestamptz)
//! alipay_notifications (key text PRIMARY KEY,
//!                       state text,             -- 'running' or 'done'
//!                       token bigint,           -- the last claim's token (sequence alipay_claim_tokens)
//!                       lease_until timestamptz, claimed_at timestamptz, done_at timestamptz)
//! alipay_calls         (id bigint identity PRIMARY KEY,  -- in the order recorded
//!                       record_id text UNIQUE,  -- makes a repeated write harmless
//!                       time timestamptz, kind text, service text,
//!                       params text,            -- JSON array of [name, value], in the order sent
//!                       attempt bigint, outcome text, success boolean, latency_us bigint)
//!                      -- indexed on (service, time)
//! alipay_call_params   (call_id bigint REFERENCES alipay_calls ON DELETE CASCADE,
//!                       name text, value text,  -- the first value of each parameter
//!                       PRIMARY KEY (call_id, name))
//!                      -- indexed on (name, value): what CallLog::succeeded looks up
//! ```
//!
//! PostgreSQL's `text` cannot hold a NUL character: `params` keeps such a value (JSON escapes it),
//! but it has no `alipay_call_params` row, so `succeeded` never matches it.
//!
//! [`MemoryStore`]: super::store::MemoryStore
//! [`Database`]: super::sqlite::Database

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;
use tokio_postgres::error::SqlState;

use super::store::{
    CallLog, CallQuery, CallRecord, Claim, DedupStore, NotificationState, RecordKind, StoreError,
    async_trait,
};

/// Runs `$body` (an async block using `$client`, a pooled connection, returning
/// `Result<T, tokio_postgres::Error>`) until it succeeds, fails for a reason other than the
/// connection, or the store's retry window passes; evaluates to `Result<T, StoreError>`.
macro_rules! retrying {
    ($store:expr, $what:expr, |$client:ident| $body:block) => {{
        let store: &PgStore = $store;
        let deadline = Instant::now() + store.retry_for;
        let mut delay = Duration::from_millis(50);
        loop {
            let attempt = async {
                #[allow(unused_mut)]
                let mut $client = store.pool.get().await.map_err(Failure::Pool)?;
                let result: Result<_, tokio_postgres::Error> = async { $body }.await;
                result.map_err(Failure::Sql)
            }
            .await;
            match attempt {
                Ok(value) => break Ok(value),
                Err(failure) if failure.is_connection() && Instant::now() + delay < deadline => {
                    tracing::warn!(target: "alipay::store", target_db = %store.target,
                        operation = $what, error = %failure, retry_in_ms = delay.as_millis() as u64,
                        "PostgreSQL unreachable; retrying");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(2));
                }
                Err(failure) => {
                    break Err(StoreError::new(format!(
                        "{}: {}: {failure}",
                        store.target, $what
                    )));
                }
            }
        }
    }};
}

/// The environment variable [`PgStore::from_env`] reads.
pub const ENV_DATABASE_URL: &str = "ALIPAY_DATABASE_URL";

/// The advisory lock that serialises migrations (any constant; "alipay" in ASCII).
const MIGRATION_LOCK: i64 = 0x616c_6970_6179;

/// The schema versions, applied in order; never edit a released one, add the next.
const MIGRATIONS: &[(i32, &str)] = &[(
    1,
    "
CREATE SEQUENCE alipay_claim_tokens;
CREATE TABLE alipay_notifications (
    key         text PRIMARY KEY,
    state       text NOT NULL CHECK (state IN ('running', 'done')),
    token       bigint NOT NULL,
    lease_until timestamptz,
    claimed_at  timestamptz NOT NULL,
    done_at     timestamptz
);
CREATE TABLE alipay_calls (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id  text NOT NULL UNIQUE,
    time       timestamptz NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('call', 'notification')),
    service    text NOT NULL,
    params     text NOT NULL,
    attempt    bigint NOT NULL,
    outcome    text NOT NULL,
    success    boolean NOT NULL,
    latency_us bigint NOT NULL
);
CREATE INDEX alipay_calls_by_service_time ON alipay_calls (service, time);
CREATE TABLE alipay_call_params (
    call_id bigint NOT NULL REFERENCES alipay_calls (id) ON DELETE CASCADE,
    name    text NOT NULL,
    value   text NOT NULL,
    PRIMARY KEY (call_id, name)
);
CREATE INDEX alipay_call_params_by_value ON alipay_call_params (name, value);
",
)];

/// The longest lease stored (a longer one is cut to this): 100 years, in microseconds.
const MAX_LEASE_US: i64 = 100 * 366 * 24 * 3600 * 1_000_000;

/// How [`PgStore`] connects and how long it keeps trying.
#[derive(Clone, Debug)]
pub struct PgOptions {
    /// The most connections the pool opens (default 16).
    pub max_connections: usize,
    /// How long one operation keeps retrying a lost connection (default 15 s).
    pub retry_for: Duration,
    /// How long opening one connection may take, unless the connection string sets
    /// `connect_timeout` (default 5 s).
    pub connect_timeout: Duration,
}

impl Default for PgOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            retry_for: Duration::from_secs(15),
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// The PostgreSQL [`DedupStore`] and [`CallLog`] (see the [module docs](self)). Cheap to share
/// behind an `Arc`; one per process is enough (it holds a connection pool).
pub struct PgStore {
    pool: Pool,
    retry_for: Duration,
    /// Where it connects, without the password.
    target: String,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/dbname?…`, or the
    /// `host=… dbname=…` form), creates or migrates the `alipay_` tables, and returns the store.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, PgOptions::default()).await
    }

    /// [`connect`](Self::connect) to the URL in `ALIPAY_DATABASE_URL`.
    pub async fn from_env() -> Result<Self, StoreError> {
        match std::env::var(ENV_DATABASE_URL) {
            Ok(url) if !url.is_empty() => Self::connect(&url).await,
            _ => Err(StoreError::new(format!(
                "{ENV_DATABASE_URL} is not set (postgres://user:password@host/dbname)"
            ))),
        }
    }

    /// [`connect`](Self::connect) with explicit options.
    pub async fn connect_with(url: &str, options: PgOptions) -> Result<Self, StoreError> {
        let mut config: tokio_postgres::Config = url.parse().map_err(|e| {
            // The parser's message names the option, never the password.
            StoreError::new(format!(
                "{ENV_DATABASE_URL}: not a PostgreSQL connection string: {e}"
            ))
        })?;
        if config.get_ssl_mode() == tokio_postgres::config::SslMode::Require {
            return Err(StoreError::new(format!(
                "{}: sslmode=require: this store connects without TLS (use a private network or a \
                 TLS-terminating proxy, and sslmode=disable or prefer)",
                describe(&config)
            )));
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(options.connect_timeout);
        }
        if config.get_options().is_none() {
            config.options("-c synchronous_commit=on");
        }
        if config.get_application_name().is_none() {
            config.application_name("alipay-rs");
        }
        config.keepalives_idle(Duration::from_secs(30));
        let target = describe(&config);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(options.max_connections.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(options.retry_for))
            .create_timeout(Some(options.connect_timeout))
            .build()
            .map_err(|e| StoreError::new(format!("{target}: {e}")))?;
        let store = Self {
            pool,
            retry_for: options.retry_for,
            target,
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Creates the tables or applies the migrations they lack (what [`connect`](Self::connect)
    /// does first). Safe to run from several instances at once.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let latest = MIGRATIONS.last().map_or(0, |(v, _)| *v);
        retrying!(self, "migrate", |client| {
            let tx = client.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
                .await?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS alipay_schema (
                     version    integer PRIMARY KEY,
                     applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
                 )",
            )
            .await?;
            let current: Option<i32> = tx
                .query_one("SELECT max(version) FROM alipay_schema", &[])
                .await?
                .get(0);
            let current = current.unwrap_or(0);
            if current > latest {
                return Ok(Err(current));
            }
            for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
                tx.batch_execute(sql).await?;
                tx.execute(
                    "INSERT INTO alipay_schema (version) VALUES ($1)",
                    &[version],
                )
                .await?;
            }
            tx.commit().await?;
            Ok(Ok(()))
        })?
        .map_err(|found| {
            StoreError::new(format!(
                "{}: the alipay_ tables have schema version {found}; this version of \
                 alipay-client knows versions up to {latest} only",
                self.target
            ))
        })
    }

    /// Every record logged so far, oldest first.
    pub async fn records(&self) -> Result<Vec<CallRecord>, StoreError> {
        self.query(&CallQuery::default()).await
    }

    /// Where notification `key` stands: `None` if it was never claimed (or its claim was
    /// released).
    pub async fn notification_state(
        &self,
        key: &str,
    ) -> Result<Option<NotificationState>, StoreError> {
        let row = retrying!(self, "read a notification", |client| {
            let stmt = client
                .prepare_cached(
                    "SELECT state, token, lease_until FROM alipay_notifications WHERE key = $1",
                )
                .await?;
            client.query_opt(&stmt, &[&key]).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let corrupt = |what: String| {
            StoreError::new(format!(
                "{}: alipay_notifications, key {key:?}: {what}",
                self.target
            ))
        };
        let column = Column(&row, &corrupt);
        if column.get::<&str>(0)? == "done" {
            return Ok(Some(NotificationState::Done));
        }
        let token: i64 = column.get(1)?;
        let lease_until: Option<SystemTime> = column.get(2)?;
        Ok(Some(NotificationState::Running {
            token: u64::try_from(token).map_err(|_| corrupt(format!("negative token {token}")))?,
            lease_until: lease_until
                .ok_or_else(|| corrupt("a running claim without lease_until".into()))?,
        }))
    }

    fn read_record(&self, row: &tokio_postgres::Row) -> Result<CallRecord, StoreError> {
        let corrupt =
            |what: String| StoreError::new(format!("{}: alipay_calls: {what}", self.target));
        let column = Column(row, &corrupt);
        let kind = match column.get::<&str>(1)? {
            "call" => RecordKind::Call,
            "notification" => RecordKind::Notification,
            other => return Err(corrupt(format!("unknown record kind {other:?}"))),
        };
        let params: Vec<(String, String)> = serde_json::from_str(column.get(3)?)
            .map_err(|e| corrupt(format!("params are not a JSON list of pairs: {e}")))?;
        let attempt: i64 = column.get(4)?;
        let latency_us: i64 = column.get(7)?;
        Ok(CallRecord {
            time: column.get(0)?,
            kind,
            service: column.get(2)?,
            params,
            attempt: u32::try_from(attempt)
                .map_err(|_| corrupt(format!("attempt {attempt} out of range")))?,
            outcome: column.get(5)?,
            success: column.get(6)?,
            latency: Duration::from_micros(
                u64::try_from(latency_us)
                    .map_err(|_| corrupt(format!("negative latency {latency_us}")))?,
            ),
        })
    }
}

/// A row's columns read without panicking: a column of another type (a schema changed by hand)
/// is a [`StoreError`] naming it.
struct Column<'a, C>(&'a tokio_postgres::Row, &'a C);

impl<'a, C: Fn(String) -> StoreError> Column<'a, C> {
    fn get<T: tokio_postgres::types::FromSql<'a>>(&self, i: usize) -> Result<T, StoreError> {
        self.0
            .try_get(i)
            .map_err(|e| (self.1)(format!("column {i}: {e}")))
    }
}

/// Why one attempt failed.
#[derive(Debug)]
enum Failure {
    Pool(PoolError),
    Sql(tokio_postgres::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Pool(e) => write!(f, "{e}"),
            // tokio-postgres's `Display` of a server error is only "db error"; say what it was.
            Self::Sql(e) => match e.as_db_error() {
                Some(db) => write!(f, "{} ({})", db.message(), db.code().code()),
                None => match std::error::Error::source(e) {
                    Some(source) => write!(f, "{e}: {source}"),
                    None => write!(f, "{e}"),
                },
            },
        }
    }
}

impl Failure {
    /// Whether the failure is the connection's (worth retrying on a new one), not the SQL's.
    fn is_connection(&self) -> bool {
        match self {
            Self::Pool(PoolError::Timeout(_)) => true,
            Self::Pool(PoolError::Backend(e)) | Self::Sql(e) => connection_error(e),
            Self::Pool(_) => false,
        }
    }
}

fn connection_error(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.code() {
        // Class 08 (connection exception), the server shutting down or starting, and the two
        // failures PostgreSQL asks a client to retry.
        Some(code) => {
            code.code().starts_with("08")
                || [
                    SqlState::ADMIN_SHUTDOWN,
                    SqlState::CRASH_SHUTDOWN,
                    SqlState::CANNOT_CONNECT_NOW,
                    SqlState::T_R_SERIALIZATION_FAILURE,
                    SqlState::T_R_DEADLOCK_DETECTED,
                ]
                .contains(code)
        }
        // No server error: I/O (refused, reset), a timeout, or the connection ending.
        None => true,
    }
}

/// `user@host:port/dbname`, never the password.
fn describe(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(tokio_postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "postgres://{}@{host}:{port}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

/// A lease in whole microseconds, rounded up (a lease never ends early), at most 100 years.
fn lease_us(lease: Duration) -> i64 {
    i64::try_from(lease.as_nanos().div_ceil(1_000)).map_or(MAX_LEASE_US, |us| us.min(MAX_LEASE_US))
}

/// Tokens are issued from a positive `bigint` sequence: a larger one holds nothing.
fn token_i64(token: u64) -> Option<i64> {
    i64::try_from(token).ok()
}

#[async_trait]
impl DedupStore for PgStore {
    async fn claim(&self, key: &str, lease: Duration) -> Result<Claim, StoreError> {
        let lease = lease_us(lease);
        // One statement: insert a new claim, or take over one whose lease expired; otherwise
        // read what holds the key. A claim released between the two reads is tried again.
        for _ in 0..3 {
            let row = retrying!(self, "claim", |client| {
                let stmt = client
                    .prepare_cached(
                        "WITH taken AS (
                             INSERT INTO alipay_notifications AS n
                                 (key, state, token, lease_until, claimed_at)
                             VALUES ($1, 'running', nextval('alipay_claim_tokens'),
                                     clock_timestamp() + $2::bigint * interval '1 microsecond',
                                     clock_timestamp())
                             ON CONFLICT (key) DO UPDATE SET
                                 state = 'running',
                                 token = excluded.token,
                                 lease_until = excluded.lease_until,
                                 claimed_at = excluded.claimed_at,
                                 done_at = NULL
                             WHERE n.state = 'running' AND n.lease_until <= clock_timestamp()
                             RETURNING token
                         )
                         SELECT (SELECT token FROM taken),
                                (SELECT state FROM alipay_notifications WHERE key = $1)",
                    )
                    .await?;
                client.query_one(&stmt, &[&key, &lease]).await
            })?;
            let token: Option<i64> = row.get(0);
            let state: Option<&str> = row.get(1);
            match (token, state) {
                (Some(token), _) => {
                    return Ok(Claim::Acquired(u64::try_from(token).map_err(|_| {
                        StoreError::new(format!("{}: negative claim token {token}", self.target))
                    })?));
                }
                (None, Some("done")) => return Ok(Claim::Done),
                (None, Some(_)) => return Ok(Claim::Busy),
                // Held by a claim committed after this statement's snapshot, or released since:
                // look again.
                (None, None) => tokio::task::yield_now().await,
            }
        }
        Ok(Claim::Busy)
    }

    async fn renew(&self, key: &str, token: u64, lease: Duration) -> Result<bool, StoreError> {
        let Some(token) = token_i64(token) else {
            return Ok(false);
        };
        let lease = lease_us(lease);
        retrying!(self, "renew a claim", |client| {
            let stmt = client
                .prepare_cached(
                    "UPDATE alipay_notifications
                     SET lease_until = clock_timestamp() + $3::bigint * interval '1 microsecond'
                     WHERE key = $1 AND token = $2 AND state = 'running'",
                )
                .await?;
            Ok(client.execute(&stmt, &[&key, &token, &lease]).await? == 1)
        })
    }

    async fn complete(&self, key: &str, token: u64) -> Result<bool, StoreError> {
        let Some(token) = token_i64(token) else {
            return Ok(false);
        };
        // Fenced by the token; completing again is harmless for that holder (so a repeat after a
        // lost answer says `true` too).
        retrying!(self, "complete a claim", |client| {
            let stmt = client
                .prepare_cached(
                    "UPDATE alipay_notifications SET
                         state = 'done',
                         lease_until = NULL,
                         done_at = coalesce(done_at, clock_timestamp())
                     WHERE key = $1 AND token = $2",
                )
                .await?;
            Ok(client.execute(&stmt, &[&key, &token]).await? == 1)
        })
    }

    async fn release(&self, key: &str, token: u64) -> Result<(), StoreError> {
        let Some(token) = token_i64(token) else {
            return Ok(());
        };
        retrying!(self, "release a claim", |client| {
            let stmt = client
                .prepare_cached(
                    "DELETE FROM alipay_notifications
                     WHERE key = $1 AND token = $2 AND state = 'running'",
                )
                .await?;
            client.execute(&stmt, &[&key, &token]).await?;
            Ok(())
        })
    }
}

#[async_trait]
impl CallLog for PgStore {
    async fn record(&self, record: &CallRecord) -> Result<(), StoreError> {
        let record_id = format!("{:032x}", fastrand::u128(..));
        let params = serde_json::to_string(&record.params).map_err(StoreError::new)?;
        let attempt = i64::from(record.attempt);
        let latency_us = i64::try_from(record.latency.as_micros()).unwrap_or(i64::MAX);
        // The first value of each parameter, in order, for `succeeded`; `text` cannot hold NUL.
        let (mut names, mut values) = (Vec::new(), Vec::new());
        for (name, value) in &record.params {
            if !name.contains('\0') && !value.contains('\0') {
                names.push(name.as_str());
                values.push(value.as_str());
            }
        }
        // One statement, so one atomic commit; a repeat after a lost answer inserts nothing.
        retrying!(self, "record a call", |client| {
            let stmt = client
                .prepare_cached(
                    "WITH call AS (
                         INSERT INTO alipay_calls (record_id, time, kind, service, params,
                                                   attempt, outcome, success, latency_us)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                         ON CONFLICT (record_id) DO NOTHING
                         RETURNING id
                     )
                     INSERT INTO alipay_call_params (call_id, name, value)
                     SELECT call.id, p.name, p.value
                     FROM call, unnest($10::text[], $11::text[]) WITH ORDINALITY AS p (name, value, n)
                     ORDER BY p.n
                     ON CONFLICT (call_id, name) DO NOTHING",
                )
                .await?;
            client
                .execute(
                    &stmt,
                    &[
                        &record_id,
                        &record.time,
                        &record.kind.as_str(),
                        &record.service,
                        &params,
                        &attempt,
                        &record.outcome,
                        &record.success,
                        &latency_us,
                        &names,
                        &values,
                    ],
                )
                .await?;
            Ok(())
        })
    }

    async fn query(&self, query: &CallQuery) -> Result<Vec<CallRecord>, StoreError> {
        let (name, value) = match &query.param {
            // `text` holds no NUL, so no record has such a parameter row.
            Some((name, value)) if name.contains('\0') || value.contains('\0') => {
                return Ok(Vec::new());
            }
            Some((name, value)) => (Some(name.as_str()), Some(value.as_str())),
            None => (None, None),
        };
        let kind = query.kind.map(RecordKind::as_str);
        let limit = query.limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
        let rows = retrying!(self, "read the call log", |client| {
            let stmt = client
                .prepare_cached(
                    "SELECT time, kind, service, params, attempt, outcome, success, latency_us
                     FROM alipay_calls AS c
                     WHERE ($1::text IS NULL OR c.service = $1)
                       AND ($2::text IS NULL OR c.kind = $2)
                       AND ($3::text IS NULL OR EXISTS (
                           SELECT 1 FROM alipay_call_params AS p
                           WHERE p.call_id = c.id AND p.name = $3 AND p.value = $4))
                       AND ($5::timestamptz IS NULL OR c.time >= $5)
                       AND ($6::timestamptz IS NULL OR c.time < $6)
                       AND ($7::text IS NULL OR c.outcome = $7)
                       AND ($8::boolean IS NULL OR c.success = $8)
                     ORDER BY c.id
                     LIMIT $9",
                )
                .await?;
            client
                .query(
                    &stmt,
                    &[
                        &query.service,
                        &kind,
                        &name,
                        &value,
                        &query.since,
                        &query.until,
                        &query.outcome,
                        &query.success,
                        &limit,
                    ],
                )
                .await
        })?;
        rows.iter().map(|row| self.read_record(row)).collect()
    }

    async fn succeeded(&self, service: &str, param: &str, value: &str) -> Result<bool, StoreError> {
        if [service, param, value].iter().any(|s| s.contains('\0')) {
            return Ok(false);
        }
        retrying!(self, "read the call log", |client| {
            let stmt = client
                .prepare_cached(
                    "SELECT EXISTS (
                         SELECT 1 FROM alipay_call_params AS p
                         JOIN alipay_calls AS c ON c.id = p.call_id
                         WHERE p.name = $2 AND p.value = $3
                           AND c.service = $1 AND c.kind = 'call' AND c.success
                     )",
                )
                .await?;
            Ok(client
                .query_one(&stmt, &[&service, &param, &value])
                .await?
                .get(0))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_never_shows_the_password() {
        let config: tokio_postgres::Config = "postgres://shop:s3cret@db.internal:6432/orders"
            .parse()
            .unwrap();
        assert_eq!(describe(&config), "postgres://shop@db.internal:6432/orders");
    }

    #[test]
    fn leases_round_up_to_microseconds_and_are_bounded() {
        assert_eq!(lease_us(Duration::from_nanos(1)), 1);
        assert_eq!(lease_us(Duration::from_millis(1500)), 1_500_000);
        assert_eq!(lease_us(Duration::MAX), MAX_LEASE_US);
    }
}
