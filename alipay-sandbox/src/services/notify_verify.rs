//! `notify_verify`: did the sandbox send this notification to this partner, within the last
//! minute (scaled by the time factor)?
//!
//! `GET gateway.do?service=notify_verify&partner=…&notify_id=…`, unsigned. The plain-text answer
//! is `true` (sent to that partner within the validity window), `false` (expired, never sent, or
//! sent to another partner) or `invalid` (a missing, repeated or ill-formed `partner` or
//! `notify_id`: a partner id is 16 digits starting with `2088`; a notify id is 1 to 128 printable
//! ASCII characters, received percent-decoded once).

use std::time::SystemTime;

use alipay_core::types::Partner;

use crate::notification::VALIDITY;
use crate::request::{RawParams, one_str};
use crate::world::World;

/// The longest notify id accepted.
const MAX_NOTIFY_ID: usize = 128;

/// `true`, `false` or `invalid`.
pub(crate) fn answer(world: &World, raw: &RawParams) -> &'static str {
    let Some(partner) = one_str(raw, "partner").filter(|p| Partner::new(*p).is_ok()) else {
        return "invalid";
    };
    let Some(notify_id) = one_str(raw, "notify_id").filter(|id| well_formed(id)) else {
        return "invalid";
    };
    let validity = world.scaled(VALIDITY);
    match world.state.notify_id(notify_id) {
        Some((sent_to, at)) if sent_to == partner => {
            // A clock that went backwards since the delivery counts as no time elapsed.
            let age = SystemTime::now().duration_since(at).unwrap_or_default();
            if age <= validity { "true" } else { "false" }
        }
        _ => "false",
    }
}

fn well_formed(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_NOTIFY_ID && id.bytes().all(|b| b.is_ascii_graphic())
}
