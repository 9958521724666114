//! Delivering notifications ([`Deliveries`]): each job on its schedule
//! ([`notification`](crate::notification)), signed, POSTed until the merchant answers exactly
//! `success`, its progress saved after each delivery.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use alipay_core::canonical::SignedParams;
use alipay_core::sign::{SignType, Signer, sign_params};
use alipay_core::types::DateTime;
use alipay_core::{Charset, form};
use base64::Engine as _;
use reqwest::header::CONTENT_TYPE;
use tokio::task::JoinHandle;

use crate::keys;
use crate::model::{SandboxTrade, SentNotification};
use crate::notification::{self, DELIVERIES, SCHEDULE};
use crate::request::param;
use crate::state::Job;
use crate::world::World;

/// The charset and sign type of trade `trade_no`'s notifications and return: those of its latest
/// notification (the merchant verifies one sign type), else those of the page request that opened
/// it, else UTF-8 and MD5 (a trade made with the admin API and never notified).
pub(crate) fn trade_form(world: &World, trade_no: &str) -> (Charset, SignType) {
    if let Some(job) = world.state.latest_job(trade_no) {
        return (job.charset, job.sign_type);
    }
    let order = world.order(trade_no);
    let charset = param(&order, "_input_charset")
        .and_then(|c| c.parse().ok())
        .unwrap_or(Charset::Utf8);
    let sign_type = param(&order, "sign_type")
        .and_then(|t| t.parse().ok())
        .unwrap_or(SignType::Md5);
    (charset, sign_type)
}

/// Queues the `trade_status_sync` notification of `trade`'s new status (when it has a
/// `notify_url`), for the running deliveries to send now. The change it reports is already stored:
/// a notification that cannot be stored is logged, not reported as a failed change.
pub(crate) fn queue_status_change(
    world: &World,
    trade: &SandboxTrade,
    charset: Charset,
    sign_type: SignType,
) {
    if trade.notify_url.is_none() {
        return;
    }
    let job = notification::status_change(trade, world.order_rows(trade), charset, sign_type);
    queue(world, job);
}

/// Stores notification `job` and starts its deliveries (the change it tells of is stored already:
/// a failure here is logged).
pub(crate) fn queue(world: &World, job: Job) {
    let trade_no = job.trade_no.clone();
    let trade_no = trade_no.as_str();
    match world.state.insert_job(job) {
        Ok(job) => {
            if !world.request_redelivery(job.id) {
                tracing::warn!(target: "alipay_sandbox", trade_no, "deliveries are not running: the notification waits in the state");
            }
        }
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", trade_no, error = %e, "the change is stored, but its notification could not be");
        }
    }
}

/// The answer body that stops the deliveries.
const ACK: &[u8] = b"success";

/// The most answer bytes read (and kept).
const MAX_ANSWER: usize = 1024;

/// The running deliveries: one task per notification job, on the current tokio runtime.
pub(crate) struct Deliveries {
    world: Arc<World>,
    http: reqwest::Client,
    /// Running notification jobs by id; `None` once closed.
    jobs: Mutex<Option<HashMap<u64, JoinHandle<()>>>>,
}

impl Deliveries {
    /// Deliveries over `world`, POSTed with `http`.
    pub(crate) fn new(world: Arc<World>, http: reqwest::Client) -> Self {
        Self {
            world,
            http,
            jobs: Mutex::new(Some(HashMap::new())),
        }
    }

    /// Runs notification job `job` on the current runtime until it is done (or the sandbox
    /// closes).
    pub(crate) fn spawn_job(&self, job: Job) {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(jobs) = jobs.as_mut() else {
            return; // closed: the job stays pending in the state
        };
        if jobs.len() >= 64 {
            jobs.retain(|_, handle| !handle.is_finished());
        }
        let id = job.id;
        let handle = tokio::spawn(run_job(Arc::clone(&self.world), self.http.clone(), job));
        jobs.insert(id, handle);
    }

    /// Delivers notification job `id` now, whatever its schedule (done or not): the running task
    /// is replaced by one whose first delivery is due now and which then follows the schedule
    /// from the attempts already made. `false` for an unknown job.
    pub(crate) fn redeliver(&self, id: u64) -> bool {
        let Some(mut job) = self.world.state.job(id) else {
            return false;
        };
        if let Some(running) = self
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
            .and_then(|jobs| jobs.remove(&id))
        {
            running.abort();
        }
        job.done = false;
        job.next_due = SystemTime::now();
        self.spawn_job(job);
        true
    }

    /// Stops accepting jobs and aborts the running ones, returning their handles.
    pub(crate) fn close(&self) -> Vec<JoinHandle<()>> {
        let jobs = self
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let handles: Vec<JoinHandle<()>> =
            jobs.into_iter().flat_map(HashMap::into_values).collect();
        for handle in &handles {
            handle.abort();
        }
        handles
    }
}

/// Delivers `job` on its schedule until it is acknowledged or every delivery is made, saving its
/// progress after each delivery.
async fn run_job(world: Arc<World>, http: reqwest::Client, mut job: Job) {
    while !job.done {
        if let Ok(wait) = job.next_due.duration_since(SystemTime::now()) {
            tokio::time::sleep(wait).await;
        }
        let started = SystemTime::now();
        let delivery = deliver(&world, &http, &job, started).await;
        job.attempts += 1;
        let acknowledged = delivery.acknowledged;
        if let Err(e) = world.state.record_delivery(delivery) {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot record a delivery");
        }
        let next = SCHEDULE.get(job.attempts as usize - 1);
        match next {
            Some(&wait) if !acknowledged && job.attempts < DELIVERIES => {
                job.next_due = (started + world.scaled(wait)).max(SystemTime::now());
            }
            _ => job.done = true,
        }
        if let Err(e) = world.state.save_job(&job) {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot save a notification");
        }
    }
}

/// One delivery: a fresh notify id and time, signed, POSTed.
async fn deliver(
    world: &World,
    http: &reqwest::Client,
    job: &Job,
    started: SystemTime,
) -> SentNotification {
    let notify_id = new_notify_id(world);
    let mut delivery = SentNotification {
        trade_no: job.trade_no.clone(),
        partner: job.partner.clone(),
        notify_url: job.notify_url.clone(),
        notify_id: notify_id.clone(),
        attempt: job.attempts + 1,
        time: started,
        params: Vec::new(),
        status: None,
        answer: None,
        error: None,
        acknowledged: false,
    };
    let mut params = job.params.clone();
    params.push(("notify_id".into(), notify_id.clone()));
    params.push(("notify_time".into(), DateTime::now().to_string()));
    let body = match sign(world, job, &mut params) {
        Ok(()) => form::encode(&params, job.charset).map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    delivery.params = params;
    let body = match body {
        Ok(body) => body,
        Err(e) => {
            delivery.error = Some(format!("cannot sign or encode the notification: {e}"));
            return delivery;
        }
    };
    world.state.register_notify_id(
        &notify_id,
        &job.partner,
        started,
        world.notify_id_validity(),
    );
    let sent = http
        .post(&job.notify_url)
        .header(
            CONTENT_TYPE,
            format!(
                "application/x-www-form-urlencoded; charset={}",
                job.charset.as_str()
            ),
        )
        .body(body)
        .send()
        .await;
    match sent {
        Ok(mut response) => {
            let status = response.status().as_u16();
            delivery.status = Some(status);
            let mut answer = Vec::new();
            loop {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = (MAX_ANSWER + 1).saturating_sub(answer.len());
                        answer.extend_from_slice(&chunk[..chunk.len().min(room)]);
                        if answer.len() > MAX_ANSWER {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        delivery.error = Some(e.without_url().to_string());
                        break;
                    }
                }
            }
            delivery.acknowledged = status == 200 && answer == ACK && delivery.error.is_none();
            answer.truncate(MAX_ANSWER);
            delivery.answer = Some(String::from_utf8_lossy(&answer).into_owned());
        }
        Err(e) => delivery.error = Some(e.without_url().to_string()),
    }
    delivery
}

/// Appends `sign_type` and `sign` to `params`.
fn sign(world: &World, job: &Job, params: &mut Vec<(String, String)>) -> Result<(), String> {
    sign_as(world, &job.partner, job.charset, job.sign_type, params)
}

/// Appends `sign_type` and `sign` to `params`, as Alipay signs what it sends `partner` (a
/// notification, a return): `MD5` with the partner's key, `RSA`/`RSA2` with the sandbox's Alipay
/// key, `MD5` for a `DSA` partner (the sandbox has no DSA key of its own).
pub(crate) fn sign_as(
    world: &World,
    partner: &str,
    charset: alipay_core::Charset,
    sign_type: SignType,
    params: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let md5;
    let signer: &Signer = match sign_type {
        SignType::Rsa => &world.alipay.rsa,
        SignType::Rsa2 => &world.alipay.rsa2,
        SignType::Md5 | SignType::Dsa => {
            let partner = world
                .state
                .partner(partner)
                .ok_or_else(|| format!("partner {partner} is gone"))?;
            md5 = partner.keys.md5_signer.clone();
            &md5
        }
    };
    let signature =
        sign_params(&SignedParams::new(params), charset, signer).map_err(|e| e.to_string())?;
    params.push(("sign_type".into(), signer.sign_type().as_str().to_owned()));
    params.push(("sign".into(), signature.sign));
    Ok(())
}

/// A fresh notify id: base64 text of secure random bytes, as Alipay's, with a `/` and a `+` in
/// it (so every id tests a client's encoding of both).
pub(crate) fn new_notify_id(world: &World) -> String {
    let bytes: [u8; 24] = keys::secure_bytes().unwrap_or_else(|_| {
        let mut rng = world.rng();
        std::array::from_fn(|_| rng.u8(..))
    });
    let b64 = base64::engine::general_purpose::STANDARD;
    format!(
        "{}/{}+{}",
        b64.encode(&bytes[..9]),
        b64.encode(&bytes[9..18]),
        b64.encode(&bytes[18..])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_is_alipays() {
        let minutes: Vec<u64> = SCHEDULE.iter().map(|d| d.as_secs() / 60).collect();
        assert_eq!(minutes, [4, 10, 10, 60, 120, 360, 900]);
        assert_eq!(DELIVERIES, 8);
        let total: u64 = minutes.iter().sum();
        assert!(total < 25 * 60, "8 deliveries within 25 hours");
    }
}
