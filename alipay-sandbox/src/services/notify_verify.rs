//! `notify_verify`: did the sandbox send this notification to this partner, within the last
//! minute (scaled by the time factor)?
//!
//! `GET gateway.do?service=notify_verify&partner=…&notify_id=…`, unsigned. The plain-text answer
//! is `true` (sent to that partner within the validity window), `false` (expired, never sent, sent
//! to another partner, or not an id the sandbox knows in any form) or `invalid` (a missing,
//! repeated, empty or over-long `notify_id`, or a missing, repeated or ill-formed `partner`: a
//! partner id is 16 digits starting with `2088`).
//!
//! Notify ids are base64 text, as Alipay's: decoded they hold `/` and `+`. Two forms are accepted,
//! as merchants' code sends them: percent-encoded once (`%2F`, `%2B`: the id decodes to itself),
//! and raw, as Alipay's own demo pastes it into the URL (`/` arrives as is, `+` as a space).

use std::time::SystemTime;

use alipay_core::types::Partner;

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
    // Encoded once, the id is itself; raw, its `+` arrived as a space.
    let known = world
        .state
        .notify_id(notify_id)
        .or_else(|| world.state.notify_id(&notify_id.replace(' ', "+")));
    let validity = world.notify_id_validity();
    match known {
        Some((sent_to, at)) if sent_to == partner => {
            // A clock that went backwards since the delivery counts as no time elapsed.
            let age = SystemTime::now().duration_since(at).unwrap_or_default();
            if age <= validity { "true" } else { "false" }
        }
        _ => "false",
    }
}

/// Present and of a sane length. Any other text is answered like an unknown id (`false`), as a
/// mis-encoded id is: `invalid` would send merchants to check their partner and key.
fn well_formed(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_NOTIFY_ID
}
