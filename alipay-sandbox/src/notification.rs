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
//! Alipay's: base64 text holding `/` and `+` (form-encoded in the body as `%2F`, `%2B`), which a
//! client encodes once for `notify_verify` (the sandbox also accepts it raw, as Alipay's demo
//! sends it).
//!
//! This module holds what a notification is (its content and schedule); `notify_sender` delivers
//! it.

use std::time::Duration;

use alipay_core::Charset;
use alipay_core::sign::SignType;

use crate::model::SandboxTrade;
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

/// How long a notify id stays valid, before scaling by the time factor.
pub(crate) const VALIDITY: Duration = Duration::from_secs(60);

/// The rows a notification and a return say about `trade` (`notify_type`, its numbers, status,
/// amount, seller, buyer and creation time).
pub(crate) fn trade_rows(trade: &SandboxTrade) -> Vec<(String, String)> {
    [
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
    .collect()
}

/// The notification of `trade`'s new status, due now: the trade's rows and its `order`'s
/// ([`World::order_rows`](crate::world::World::order_rows)).
pub(crate) fn status_change(
    trade: &SandboxTrade,
    order: Vec<(String, String)>,
    charset: Charset,
    sign_type: SignType,
) -> Job {
    let mut params = trade_rows(trade);
    params.extend(order);
    if let Some(shipment) = &trade.shipment {
        params.push(("gmt_send_goods".into(), shipment.time.to_string()));
        if let Some(t) = shipment.transport_type {
            params.push(("logistics_type".into(), t.as_str().to_owned()));
        }
    }
    Job::due_now(
        &trade.partner,
        &trade.trade_no,
        trade.notify_url.as_deref().unwrap_or_default(),
        (charset, sign_type),
        params,
    )
}
