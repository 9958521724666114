//! `query_timestamp` (防钓鱼时间戳) and the anti-phishing checks of the page services.
//!
//! `query_timestamp` answers a fresh `encrypt_key` (16 random bytes, base64, like Alipay's
//! `KPr8DuZp5xc031OVxw==`), issued to the calling partner. A page request that sends
//! `anti_phishing_key` must carry a key issued to its partner (`ILLEGAL_ANTI_PHISHING_KEY`
//! otherwise) within the last [`KEY_VALIDITY`] (scaled by the time factor;
//! `ANTI_PHISHING_KEY_TIMEOUT` after): Alipay publishes no lifetime, and every demo fetches a key
//! just before each page request. A key may be used more than once within its validity (no source
//! says otherwise). `exter_invoke_ip`, when sent, must be an IPv4 or IPv6 address
//! (`ILLEGAL_EXTER_INVOKE_IP`); the sandbox cannot compare it with the buyer's address, which only
//! the browser's connection has. Neither is required: the sandbox's partners have not "enabled"
//! the anti-phishing check.

use std::net::IpAddr;
use std::time::Duration;

use alipay_core::ErrorCode;
use alipay_services::query_timestamp::{QueryTimestamp, Timestamp};
use base64::Engine as _;

use crate::registry::{Call, Outcome, Payload, Reply, param};

/// How long a key stays valid, before the time factor: the sandbox's choice (see the module docs).
pub(crate) const KEY_VALIDITY: Duration = Duration::from_secs(10 * 60);

/// Issues a key to the calling partner.
pub(crate) fn issue(call: &Call<'_>, _request: QueryTimestamp) -> Result<Outcome, ErrorCode> {
    let bytes: [u8; 16] = std::array::from_fn(|_| call.world.rng().u8(..));
    let key = base64::engine::general_purpose::STANDARD.encode(bytes);
    call.world.issue_anti_phishing_key(&key, call.partner_id());
    Ok(Reply::Payload(Payload::of::<Timestamp>(|name| {
        (name == "encrypt_key").then(|| key.clone())
    }))
    .into())
}

/// The anti-phishing checks of a page request's parameters.
pub(crate) fn check(call: &Call<'_>, params: &[(String, String)]) -> Result<(), ErrorCode> {
    if let Some(key) = param(params, "anti_phishing_key") {
        match call.world.anti_phishing_key_age(key, call.partner_id()) {
            None => return Err(ErrorCode::IllegalAntiPhishingKey),
            Some(age) if age > call.world.scaled(KEY_VALIDITY) => {
                return Err(ErrorCode::AntiPhishingKeyTimeout);
            }
            Some(_) => {}
        }
    }
    if let Some(ip) = param(params, "exter_invoke_ip")
        && ip.parse::<IpAddr>().is_err()
    {
        return Err(ErrorCode::IllegalExterInvokeIp);
    }
    Ok(())
}
