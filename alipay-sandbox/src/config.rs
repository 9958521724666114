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
    /// Scales the validity of notify ids alone, instead of `time_factor` (`None`: `time_factor`).
    /// With `time_factor: 0.01` and `notify_id_factor: Some(1.0)`, re-sends come 100 times faster
    /// while an id stays valid for a real minute, so a test paused at a breakpoint still gets
    /// `true` from `notify_verify`.
    pub notify_id_factor: Option<f64>,
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
    /// Scripted faults, scoped to a service or a trade, before or after the handler (none by
    /// default); changed at run time with [`Admin::add_fault`](crate::Admin::add_fault).
    pub fault_rules: Vec<FaultRule>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            state: None,
            time_factor: 1.0,
            notify_id_factor: None,
            faults: Faults::default(),
            seed: None,
            strict: false,
            fault_rules: Vec::new(),
        }
    }
}

impl SandboxConfig {
    /// Checks the time factor and the fault rates.
    pub(crate) fn check(&self) -> Result<(), SandboxError> {
        for (name, factor) in [
            ("time_factor", Some(self.time_factor)),
            ("notify_id_factor", self.notify_id_factor),
        ] {
            if let Some(f) = factor
                && !(f.is_finite() && f > 0.0)
            {
                return Err(SandboxError::Config(format!(
                    "{name} must be finite and greater than 0, not {f}"
                )));
            }
        }
        self.faults.check()
    }

    /// `base` scaled by the time factor.
    pub(crate) fn scaled(&self, base: Duration) -> Duration {
        Duration::try_from_secs_f64(base.as_secs_f64() * self.time_factor).unwrap_or(Duration::MAX)
    }

    /// How long a notify id stays valid: a minute, scaled by `notify_id_factor` (else
    /// `time_factor`).
    pub(crate) fn notify_id_validity(&self) -> Duration {
        let factor = self.notify_id_factor.unwrap_or(self.time_factor);
        Duration::try_from_secs_f64(crate::notification::VALIDITY.as_secs_f64() * factor)
            .unwrap_or(Duration::MAX)
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

/// When a [`FaultRule`] strikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultWhen {
    /// Before the request is handled: nothing changes (the answer is lost, or an error).
    Before,
    /// After the request is handled: the change is applied (a trade shipped, closed…), then the
    /// answer is lost or replaced — the uncertain case a client's retry rule is for.
    After,
}

impl FaultWhen {
    /// `before` or `after`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Before => "before",
            Self::After => "after",
        }
    }
}

/// What a [`FaultRule`] does to the request's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultAction {
    /// Close the connection without answering.
    Drop,
    /// Keep the connection open without answering, until the client gives up (its timeout).
    Timeout,
    /// Answer normally, one second late ([`FaultAction::SLOW`]): after the handler, whatever the
    /// change sends (a notification) reaches the merchant before the answer does.
    Slow,
    /// Answer `RETRY`.
    Retry,
    /// Answer `SYSTEM_ERROR`.
    SystemError,
}

impl FaultAction {
    /// How late a [`FaultAction::Slow`] answer comes.
    pub const SLOW: std::time::Duration = std::time::Duration::from_secs(1);

    /// `drop`, `timeout`, `slow`, `retry` or `system_error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Drop => "drop",
            Self::Timeout => "timeout",
            Self::Slow => "slow",
            Self::Retry => "retry",
            Self::SystemError => "system_error",
        }
    }
}

/// A scripted fault: the next `times` gateway requests matching its scope (a service, a trade)
/// get `action`, before or after they are handled. Rules are tried in the order added, before the
/// random [`Faults`]; the first that matches is used (and counts down).
///
/// ```
/// use alipay_sandbox::{FaultAction, FaultRule};
///
/// // Ship the trade, then lose the answer: the client does not know whether it shipped.
/// let rule = FaultRule::after(FaultAction::Drop)
///     .service("send_goods_confirm_by_platform")
///     .trade("2026120410000001");
/// assert_eq!(rule.to_string(), "after:drop:service=send_goods_confirm_by_platform:trade=2026120410000001:times=1");
/// assert_eq!(rule.to_string().parse::<FaultRule>().unwrap(), rule);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FaultRule {
    /// Before or after the request is handled.
    pub when: FaultWhen,
    /// What happens to the answer.
    pub action: FaultAction,
    /// Only requests of this service (`None`: any).
    pub service: Option<String>,
    /// Only requests whose `trade_no` or `out_trade_no` is this (`None`: any).
    pub trade: Option<String>,
    /// How many matching requests it strikes (at least 1).
    pub times: u32,
}

impl FaultRule {
    /// `action` before the request is handled, once, on any request.
    pub fn before(action: FaultAction) -> Self {
        Self {
            when: FaultWhen::Before,
            action,
            service: None,
            trade: None,
            times: 1,
        }
    }

    /// `action` after the request is handled (its change applied), once, on any request.
    pub fn after(action: FaultAction) -> Self {
        Self {
            when: FaultWhen::After,
            ..Self::before(action)
        }
    }

    /// Only requests of `service`.
    #[must_use]
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Only requests about trade `trade` (its `trade_no` or `out_trade_no`).
    #[must_use]
    pub fn trade(mut self, trade: impl Into<String>) -> Self {
        self.trade = Some(trade.into());
        self
    }

    /// The next `times` matching requests (at least 1).
    #[must_use]
    pub fn times(mut self, times: u32) -> Self {
        self.times = times.max(1);
        self
    }

    /// Whether a request of `service` with `params` is in this rule's scope.
    pub(crate) fn matches(&self, service: Option<&str>, params: &[(String, String)]) -> bool {
        // `notify_verify` answers plain text: it can lose its answer, not carry an error code.
        if service == Some("notify_verify")
            && matches!(self.action, FaultAction::Retry | FaultAction::SystemError)
        {
            return false;
        }
        let service_ok = self.service.as_deref().is_none_or(|s| Some(s) == service);
        let trade_ok = self.trade.as_deref().is_none_or(|t| {
            params
                .iter()
                .any(|(k, v)| (k == "trade_no" || k == "out_trade_no") && v == t)
        });
        service_ok && trade_ok
    }
}

impl std::fmt::Display for FaultRule {
    /// `when:action[:service=S][:trade=T]:times=N`, what [`FromStr`](std::str::FromStr) reads.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.when.as_str(), self.action.as_str())?;
        if let Some(service) = &self.service {
            write!(f, ":service={service}")?;
        }
        if let Some(trade) = &self.trade {
            write!(f, ":trade={trade}")?;
        }
        write!(f, ":times={}", self.times)
    }
}

impl std::str::FromStr for FaultRule {
    type Err = SandboxError;

    /// `before|after:drop|timeout|slow|retry|system_error[:service=S][:trade=T][:times=N]`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: String| {
            SandboxError::Config(format!(
                "fault {s:?}: {why} (write before|after:drop|timeout|slow|retry|system_error\
                 [:service=NAME][:trade=TRADE_NO][:times=N])"
            ))
        };
        let mut parts = s.split(':');
        let when = match parts.next().unwrap_or("") {
            "before" => FaultWhen::Before,
            "after" => FaultWhen::After,
            other => return Err(bad(format!("{other:?} is not before or after"))),
        };
        let action = match parts.next().unwrap_or("") {
            "drop" => FaultAction::Drop,
            "timeout" => FaultAction::Timeout,
            "slow" => FaultAction::Slow,
            "retry" => FaultAction::Retry,
            "system_error" => FaultAction::SystemError,
            other => return Err(bad(format!("{other:?} is not an action"))),
        };
        let mut rule = Self::before(action);
        rule.when = when;
        for part in parts {
            match part.split_once('=') {
                Some(("service", v)) if !v.is_empty() => rule.service = Some(v.to_owned()),
                Some(("trade", v)) if !v.is_empty() => rule.trade = Some(v.to_owned()),
                Some(("times", v)) => {
                    rule.times = v
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| bad(format!("times={v:?} is not a count from 1")))?;
                }
                _ => return Err(bad(format!("{part:?} is not service=, trade= or times="))),
            }
        }
        Ok(rule)
    }
}
