//! How a sandbox is started: address, state file, time factor, faults, seed.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::SandboxError;

/// The configuration of a [`Sandbox`](crate::Sandbox).
///
/// ```
/// use alipay_sandbox::{Faults, SandboxConfig};
///
/// let config = SandboxConfig {
///     time_factor: 0.01, // notification re-sends after 2.4 s, 6 s, …; notify ids valid 0.6 s
///     seed: Some(7),     // reproducible faults and generated numbers
///     ..SandboxConfig::default()
/// };
/// assert_eq!(config.addr.to_string(), "127.0.0.1:0");
/// assert_eq!(config.faults, Faults::default());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SandboxConfig {
    /// The address to listen on (default `127.0.0.1:0`: loopback, a free port). The admin API
    /// answers loopback peers only, whatever the address.
    pub addr: SocketAddr,
    /// An SQLite file holding partners, keys, SNS users, goods, trades and notifications, reopened
    /// on restart (with the same first partner). `None` keeps everything in memory.
    pub state: Option<PathBuf>,
    /// Scales the notification schedule and the validity of notify ids: `1.0` is real time
    /// (re-sends after 4 min, 10 min, …; a notify id is valid for 1 min), `0.01` is 100 times faster.
    /// Must be finite and greater than zero. Added latency ([`Faults::latency`]) is not scaled.
    pub time_factor: f64,
    /// Faults injected into gateway requests (none by default); changed at run time with
    /// [`Admin::set_faults`](crate::Admin::set_faults).
    pub faults: Faults,
    /// Seeds the generator behind fault injection and generated numbers (goods ids, trade numbers,
    /// buyer ids), for reproducible runs. Keys, MD5 secrets and notify ids always come from the
    /// system's secure generator.
    pub seed: Option<u64>,
    /// Refuse signed parameters the service does not declare (`ILLEGAL_ARGUMENT`), enforcing the
    /// usage rules to the letter. Off by default, as Alipay: it verifies the signature over every
    /// parameter received and ignores the names a service does not use (widely used clients add
    /// `payment_type` or `seller_email` to every call); the request log notes each one ignored.
    pub strict: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            state: None,
            time_factor: 1.0,
            faults: Faults::default(),
            seed: None,
            strict: false,
        }
    }
}

impl SandboxConfig {
    /// Checks the time factor and the fault rates.
    pub(crate) fn check(&self) -> Result<(), SandboxError> {
        if !(self.time_factor.is_finite() && self.time_factor > 0.0) {
            return Err(SandboxError::Config(format!(
                "time_factor must be finite and greater than 0, not {}",
                self.time_factor
            )));
        }
        self.faults.check()
    }

    /// `base` scaled by the time factor.
    pub(crate) fn scaled(&self, base: Duration) -> Duration {
        Duration::try_from_secs_f64(base.as_secs_f64() * self.time_factor).unwrap_or(Duration::MAX)
    }
}

/// Faults injected into gateway requests (`/gateway.do`; never into the admin API), for testing
/// clients. All zero by default.
///
/// Each request draws one number: with probability `drop_rate` the connection is closed without an
/// answer; with `retry_rate` the answer is `RETRY`, with `system_error_rate` it is `SYSTEM_ERROR`.
/// These happen before anything else: a faulted request changes no state. `latency` is added to
/// every gateway answer, faulted or not. `RETRY` and `SYSTEM_ERROR` are not injected into
/// `notify_verify` (its answer is plain text); drops and latency are.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Faults {
    /// The probability of answering `RETRY` (0 to 1).
    pub retry_rate: f64,
    /// The probability of answering `SYSTEM_ERROR` (0 to 1).
    pub system_error_rate: f64,
    /// Time added before every gateway answer (not scaled by the time factor).
    pub latency: Duration,
    /// The probability of closing the connection without answering (0 to 1).
    pub drop_rate: f64,
}

impl Faults {
    /// Each rate is in `[0, 1]` and their sum is at most 1.
    pub(crate) fn check(&self) -> Result<(), SandboxError> {
        let rates = [
            ("retry_rate", self.retry_rate),
            ("system_error_rate", self.system_error_rate),
            ("drop_rate", self.drop_rate),
        ];
        for (name, rate) in rates {
            if !(0.0..=1.0).contains(&rate) {
                return Err(SandboxError::Config(format!(
                    "faults.{name} must be between 0 and 1, not {rate}"
                )));
            }
        }
        let sum = self.retry_rate + self.system_error_rate + self.drop_rate;
        if sum > 1.0 + 1e-9 {
            return Err(SandboxError::Config(format!(
                "the fault rates add up to {sum}, more than 1"
            )));
        }
        Ok(())
    }
}
