//! Asynchronous notifications: built when a trade changes, delivered until the merchant answers
//! exactly `success`.
//!
//! A shipped trade with a `notify_url` gets a `trade_status_sync` notification: a form POST
//! (`application/x-www-form-urlencoded`) in the request's charset with `notify_type`, `trade_no`,
//! `out_trade_no`, `trade_status`, `total_fee`, `seller_id`, `buyer_id`, `gmt_create`,
//! `gmt_send_goods`, `logistics_type` (when known), `notify_id` and `notify_time`, signed by the
//! canonical rule with the request's sign type: `MD5` with the partner's key, `RSA`/`RSA2` with the
//! sandbox's Alipay key. The sandbox has no DSA key of its own, so the notifications of a `DSA`
//! request are signed with `MD5`.
//!
//! Schedule: the first delivery at once, then re-sends after 4 min, 10 min, 10 min, 1 h, 2 h,
//! 6 h and 15 h (8 deliveries in all, within 25 hours), each interval scaled by the time factor and
//! counted from the start of the previous delivery (never before it ended). Delivery stops when the
//! merchant answers HTTP 200 with a body of exactly the 7 bytes `success` (`success\n` or `SUCCESS`
//! are not). Each delivery has a fresh `notify_id`, valid for `notify_verify` during 1 minute
//! (scaled); the content is otherwise identical except `notify_time`. A notify id is shaped like
//! Alipay's: base64 text whose `/` is written `%2F`, so the decoded id itself contains `%2F` and a
//! client must encode it again (`%252F`) for `notify_verify`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use alipay_core::canonical::SignedParams;
use alipay_core::sign::{SignType, Signer, sign_params};
use alipay_core::types::DateTime;
use alipay_core::{Charset, form};
use base64::Engine as _;
use reqwest::header::CONTENT_TYPE;

use crate::keys;
use crate::model::{SentNotification, Trade};
use crate::sandbox::Shared;
use crate::services::notify_verify::VALIDITY;
use crate::state::Job;

/// The waits between deliveries, before scaling: 4m, 10m, 10m, 1h, 2h, 6h, 15h.
pub(crate) const SCHEDULE: [Duration; 7] = [
    Duration::from_secs(4 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(3600),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(15 * 3600),
];

/// Deliveries in all.
pub(crate) const DELIVERIES: u32 = SCHEDULE.len() as u32 + 1;

/// The answer body that stops the deliveries.
const ACK: &[u8] = b"success";

/// The most answer bytes read (and kept).
const MAX_ANSWER: usize = 1024;

/// The notification of `trade`'s new status, due now.
pub(crate) fn status_change(trade: &Trade, charset: Charset, sign_type: SignType) -> Job {
    let mut params: Vec<(String, String)> = [
        ("notify_type", "trade_status_sync".to_owned()),
        ("trade_no", trade.trade_no.clone()),
        ("out_trade_no", trade.out_trade_no.clone()),
        ("trade_status", trade.status.as_str().to_owned()),
        ("total_fee", trade.total_fee.to_string()),
        ("seller_id", trade.partner.clone()),
        ("buyer_id", trade.buyer_user_id.clone()),
        ("gmt_create", trade.create_time.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if let Some(shipment) = &trade.shipment {
        params.push(("gmt_send_goods".into(), shipment.time.to_string()));
        if let Some(t) = shipment.transport_type {
            params.push(("logistics_type".into(), t.as_str().to_owned()));
        }
    }
    Job {
        id: 0,
        partner: trade.partner.clone(),
        trade_no: trade.trade_no.clone(),
        notify_url: trade.notify_url.clone().unwrap_or_default(),
        charset,
        sign_type,
        params,
        attempts: 0,
        next_due: SystemTime::now(),
        done: false,
    }
}

/// Delivers `job` on its schedule until it is acknowledged or every delivery is made, saving its
/// progress after each delivery.
pub(crate) async fn run_job(shared: Arc<Shared>, mut job: Job) {
    while !job.done {
        if let Ok(wait) = job.next_due.duration_since(SystemTime::now()) {
            tokio::time::sleep(wait).await;
        }
        let started = SystemTime::now();
        let delivery = deliver(&shared, &job, started).await;
        job.attempts += 1;
        let acknowledged = delivery.acknowledged;
        if let Err(e) = shared.state.record_delivery(delivery) {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot record a delivery");
        }
        let next = SCHEDULE.get(job.attempts as usize - 1);
        match next {
            Some(&wait) if !acknowledged && job.attempts < DELIVERIES => {
                job.next_due = (started + shared.scaled(wait)).max(SystemTime::now());
            }
            _ => job.done = true,
        }
        if let Err(e) = shared.state.save_job(&job) {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot save a notification");
        }
    }
}

/// One delivery: a fresh notify id and time, signed, POSTed.
async fn deliver(shared: &Shared, job: &Job, started: SystemTime) -> SentNotification {
    let notify_id = new_notify_id(shared);
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
    let body = match sign(shared, job, &mut params) {
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
    shared
        .state
        .register_notify_id(&notify_id, &job.partner, started, shared.scaled(VALIDITY));
    let sent = shared
        .http
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
fn sign(shared: &Shared, job: &Job, params: &mut Vec<(String, String)>) -> Result<(), String> {
    let md5;
    let signer: &Signer = match job.sign_type {
        SignType::Rsa => &shared.alipay.rsa,
        SignType::Rsa2 => &shared.alipay.rsa2,
        SignType::Md5 | SignType::Dsa => {
            let partner = shared
                .state
                .partner(&job.partner)
                .ok_or_else(|| format!("partner {} is gone", job.partner))?;
            md5 = partner.keys.md5_signer.clone();
            &md5
        }
    };
    let signature =
        sign_params(&SignedParams::new(params), job.charset, signer).map_err(|e| e.to_string())?;
    params.push(("sign_type".into(), signer.sign_type().as_str().to_owned()));
    params.push(("sign".into(), signature.sign));
    Ok(())
}

/// A fresh notify id: two base64 halves of secure random bytes, `/` written `%2F`, joined by
/// `%2F` (so every id holds at least one).
fn new_notify_id(shared: &Shared) -> String {
    let bytes: [u8; 24] = keys::secure_bytes().unwrap_or_else(|_| {
        let mut rng = shared.rng();
        std::array::from_fn(|_| rng.u8(..))
    });
    let b64 = base64::engine::general_purpose::STANDARD;
    format!("{}/{}", b64.encode(&bytes[..12]), b64.encode(&bytes[12..])).replace('/', "%2F")
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
