//! Running the merchant's business step once per notification.

use std::fmt::{self, Write as _};
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Waker};
use std::time::{Duration, Instant, SystemTime};

use sha2::{Digest, Sha256};

use super::store::{CallRecord, Claim, DedupStore, RecordKind, StoreError};
use super::{Client, NotificationError, VerifiedNotification};
use alipay_core::notify::{ACK_FAIL, ACK_SUCCESS};

/// What happened to one delivery, and what to answer Alipay ([`Handled::ack`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Handled {
    /// The business step ran and completed: answer `success`.
    Processed,
    /// The business step had already completed for this notification: answer `success` without
    /// running it again.
    Duplicate,
    /// The notification was not accepted (bad signature, no `notify_id`, `notify_verify` said
    /// `false` or `invalid`, or could not be asked): answer `fail`.
    Rejected(NotificationError),
    /// The business step returned an error (its message): answer `fail`; the next delivery runs it
    /// again.
    StepFailed(String),
    /// Another delivery of the same notification is running the business step and did not finish
    /// within the wait: answer `fail`; the next delivery finds it done.
    Busy,
    /// The de-duplication store failed: answer `fail`.
    Store(StoreError),
    /// The business step finished, but this delivery had lost its claim meanwhile (its lease
    /// expired without renewal, e.g. the process was paused, and another delivery took it over):
    /// answer `fail`; the completion is the other holder's to record.
    LostClaim,
}

impl Handled {
    /// The exact body to answer Alipay with: `success` (7 bytes) for [`Handled::Processed`] and
    /// [`Handled::Duplicate`], `fail` otherwise.
    pub fn ack(&self) -> &'static str {
        match self {
            Self::Processed | Self::Duplicate => ACK_SUCCESS,
            _ => ACK_FAIL,
        }
    }

    /// A short name for the log: `processed`, `duplicate`, `rejected`, `step_failed`, `busy`,
    /// `store_error`, `lost_claim`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Processed => "processed",
            Self::Duplicate => "duplicate",
            Self::Rejected(_) => "rejected",
            Self::StepFailed(_) => "step_failed",
            Self::Busy => "busy",
            Self::Store(_) => "store_error",
            Self::LostClaim => "lost_claim",
        }
    }
}

/// `processed`, `duplicate`, `busy`, `lost_claim`, or the short name with its reason
/// (`rejected: …`, `step_failed: …`, `store_error: …`).
impl fmt::Display for Handled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected(e) => write!(f, "rejected: {e}"),
            Self::StepFailed(e) => write!(f, "step_failed: {e}"),
            Self::Store(e) => write!(f, "store_error: {e}"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// Turns a verified notification into its de-duplication key.
pub type KeyFn = fn(&VerifiedNotification) -> String;

/// Runs the merchant's business step once per notification, however often and however
/// concurrently Alipay delivers it, and gives the exact body to answer.
///
/// For each delivery, [`handle`](Self::handle):
/// 1. verifies it ([`Client::verify_notification`]: signature, `notify_id`, `notify_verify`);
/// 2. claims its key in the [`DedupStore`] (atomically: of two concurrent deliveries, one runs the
///    step, the other waits for it, up to [`wait`](Self::wait), and answers `success` once it is
///    done);
/// 3. runs the step, then records the key as completed, then answers `success`.
///
/// If the step fails, is cancelled or panics, the claim is given back and the next delivery runs it.
/// If the process dies during the step, the claim's lease ([`lease`](Self::lease), default 60 s)
/// expires and the next delivery (Alipay's first re-delivery comes about 4 minutes later) runs it.
/// If the process dies after recording completion but before answering, the next delivery is a
/// [`Handled::Duplicate`] and answers `success`. The step therefore runs once per notification
/// unless the process dies after the step but before its completion is recorded; for exactly once
/// in that window too, make the step itself idempotent (e.g. keyed by the trade number in the
/// merchant's own transaction).
///
/// The key ([`default_key`]) identifies the notification's content, not the delivery: Alipay's
/// re-deliveries of one notification share it even if their `notify_id` or `notify_time` differ.
pub struct NotificationHandler {
    client: Client,
    store: Arc<dyn DedupStore>,
    lease: Duration,
    wait: Duration,
    key: KeyFn,
}

impl fmt::Debug for NotificationHandler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotificationHandler")
            .field("client", &self.client)
            .field("lease", &self.lease)
            .field("wait", &self.wait)
            .finish_non_exhaustive()
    }
}

/// The default de-duplication key: what the signature covers, less what changes between deliveries.
///
/// The notification's signing string (every parameter but `sign`/`sign_type`, sorted, `k=v`
/// joined with `&`: exactly what the signature was verified over) is split again at every `&`;
/// the `notify_id=…` and `notify_time=…` pieces (new on each delivery) are dropped, and the key is
/// `notify_type` (read from the same pieces) and the SHA-256 (hex) of the rest.
///
/// The key is computed from the signed string, not from the parsed parameters: `k=v&k=v` cannot
/// tell where a value ends, so a genuine body can be rearranged (a parameter moved into the value
/// before it, encoded) without breaking its signature. Every such rearrangement has the same
/// signed string, hence the same key, so it is handled as the duplicate it is. For a notification
/// without `&` in its values the key is the same as before this rule (the parsed and the re-split
/// views agree).
pub fn default_key(n: &VerifiedNotification) -> String {
    let signed = alipay_core::canonical::signing_string(n.params());
    let mut kept = String::with_capacity(signed.len());
    let mut notify_type = None;
    for piece in signed.split('&') {
        if piece.starts_with("notify_id=") || piece.starts_with("notify_time=") {
            continue;
        }
        if let Some(t) = piece.strip_prefix("notify_type=") {
            notify_type.get_or_insert(t);
        }
        if !kept.is_empty() {
            kept.push('&');
        }
        kept.push_str(piece);
    }
    let digest = Sha256::digest(kept.as_bytes());
    let notify_type = notify_type.unwrap_or("notify");
    let mut key = String::with_capacity(notify_type.len() + 65);
    key.push_str(notify_type);
    key.push(':');
    for b in digest {
        let _ = write!(key, "{b:02x}");
    }
    key
}

impl NotificationHandler {
    /// A handler verifying with `client` and remembering handled notifications in `store` (an
    /// [`sqlite::Database`](super::sqlite::Database) for a single process; a
    /// [`MemoryStore`](super::store::MemoryStore) loses its state on restart).
    pub fn new(client: Client, store: Arc<dyn DedupStore>) -> Self {
        Self {
            client,
            store,
            lease: Duration::from_secs(60),
            wait: Duration::from_secs(5),
            key: default_key,
        }
    }

    /// How long a claim protects a running step before another delivery may take it over (the
    /// holder is presumed dead). The lease is renewed every third of it while the step runs, so it
    /// need not outlast the step, only a pause of the process (default 60 s). A holder that could
    /// not renew and was taken over does not acknowledge: [`Handled::LostClaim`].
    #[must_use]
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// How long a concurrent delivery waits for the running step before answering `fail`
    /// (default 5 s).
    #[must_use]
    pub fn wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// The de-duplication key (default [`default_key`]).
    #[must_use]
    pub fn key(mut self, key: KeyFn) -> Self {
        self.key = key;
        self
    }

    /// Handles one delivery: verify, claim, run `step` at most once, and return what happened;
    /// answer Alipay with [`Handled::ack`].
    pub async fn handle<F, Fut, E>(&self, body: &[u8], step: F) -> Handled
    where
        F: FnOnce(VerifiedNotification) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: fmt::Display,
    {
        let time = SystemTime::now();
        let started = Instant::now();
        let verified = self.client.verify_notification(body).await;
        let (handled, params, service) = match verified {
            Err(e) => (Handled::Rejected(e), Vec::new(), "notify".to_owned()),
            Ok(n) => {
                let params: Vec<(String, String)> = n
                    .params()
                    .iter()
                    .filter(|(k, _)| k != "sign")
                    .cloned()
                    .collect();
                let service = n.notify_type().unwrap_or("notify").to_owned();
                (self.run_once(n, step).await, params, service)
            }
        };
        let outcome = match &handled {
            Handled::Rejected(e) => format!("rejected:{}", rejected_class(e)),
            other => other.as_str().to_owned(),
        };
        let latency = started.elapsed();
        tracing::info!(target: "alipay::notify", service = %service, outcome = %outcome,
            latency_us = latency.as_micros() as u64, "notification");
        if let Some(log) = self.client.call_log() {
            let record = CallRecord {
                time,
                kind: RecordKind::Notification,
                service,
                params,
                attempt: 1,
                success: handled.ack() == ACK_SUCCESS,
                outcome,
                latency,
            };
            if let Err(e) = log.record(&record).await {
                tracing::error!(target: "alipay::notify", error = %e, "cannot write the call log");
            }
        }
        handled
    }

    async fn run_once<F, Fut, E>(&self, n: VerifiedNotification, step: F) -> Handled
    where
        F: FnOnce(VerifiedNotification) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: fmt::Display,
    {
        let key = (self.key)(&n);
        let give_up = Instant::now() + self.wait;
        let token = loop {
            match self.store.claim(&key, self.lease).await {
                Ok(Claim::Acquired(token)) => break token,
                Ok(Claim::Done) => return Handled::Duplicate,
                Ok(Claim::Busy) if Instant::now() < give_up => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(Claim::Busy) => return Handled::Busy,
                Err(e) => return Handled::Store(e),
            }
        };
        let mut guard = ClaimGuard {
            store: self.store.clone(),
            key: key.clone(),
            token,
            armed: true,
        };
        // The lease is renewed while the step runs (every third of it), so a step longer than
        // the lease keeps its claim; a holder that cannot renew (paused, cut off) loses it.
        // The renewal runs beside the step (polled together, so a slow store does not hold the
        // step up) and ends with it.
        let period = (self.lease / 3).max(Duration::from_millis(1));
        let renewing = async {
            let mut renewal =
                tokio::time::interval_at(tokio::time::Instant::now() + period, period);
            renewal.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                renewal.tick().await;
                match self.store.renew(&key, token, self.lease).await {
                    Ok(true) => {}
                    Ok(false) => tracing::warn!(target: "alipay::notify", key = %key,
                        "the notification's claim was lost while its step ran"),
                    Err(e) => tracing::error!(target: "alipay::notify", error = %e,
                        "cannot renew a notification claim"),
                }
            }
        };
        let result = tokio::select! {
            result = step(n) => result,
            never = renewing => never,
        };
        match result {
            Ok(()) => {
                guard.armed = false;
                match self.store.complete(&key, token).await {
                    Ok(true) => Handled::Processed,
                    Ok(false) => Handled::LostClaim,
                    // The step ran but its completion is not recorded: a re-delivery would run it
                    // again, so say so instead of acknowledging.
                    Err(e) => Handled::Store(e),
                }
            }
            Err(e) => Handled::StepFailed(e.to_string()),
        }
    }
}

/// Gives an unfinished claim back when the step fails, is cancelled (its future dropped) or panics.
struct ClaimGuard {
    store: Arc<dyn DedupStore>,
    key: String,
    token: u64,
    armed: bool,
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let (store, key, token) = (
            self.store.clone(),
            std::mem::take(&mut self.key),
            self.token,
        );
        let mut release = Box::pin(async move {
            if let Err(e) = store.release(&key, token).await {
                tracing::error!(target: "alipay::notify", error = %e,
                    "cannot release a notification claim; it expires with its lease");
            }
        });
        // A local store (memory, SQLite) is done at the first poll. A network store's release is
        // finished on the current runtime; without one, the claim expires with its lease.
        let mut cx = Context::from_waker(Waker::noop());
        if release.as_mut().poll(&mut cx).is_pending() {
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => drop(runtime.spawn(release)),
                Err(_) => tracing::warn!(target: "alipay::notify",
                    "no runtime to release a notification claim on; it expires with its lease"),
            }
        }
    }
}

fn rejected_class(e: &NotificationError) -> &'static str {
    match e {
        NotificationError::Rejected(_) => "signature",
        NotificationError::NotFromAlipay { .. } => "false",
        NotificationError::InvalidNotifyId { .. } => "invalid",
        NotificationError::Confirm(_) => "confirm",
        NotificationError::NoVerifier => "no_verifier",
        NotificationError::Table(_) => "table",
    }
}
