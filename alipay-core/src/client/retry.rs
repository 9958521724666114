//! When a failed call is tried again, and how long to wait.

use std::time::Duration;

/// Retries with exponential backoff and jitter, bounded by a number of attempts and by a total
/// deadline.
///
/// Only what [`Error::is_retryable`](super::Error::is_retryable) allows is retried: the codes of
/// [`ErrorKind::Retry`](crate::error::ErrorKind::Retry) (`RETRY`, `SYSTEM_ERROR`…), connection
/// failures and timeouts. `TRADE_STATUS_NOT_AVAILD` and every caller or configuration error never
/// are.
///
/// The wait before attempt `n + 1` is drawn uniformly from `[d/2, d]`, where
/// `d = min(initial_backoff × multiplierⁿ⁻¹, max_backoff)` ("equal jitter": callers that failed
/// together do not retry together, and every retry still waits at least half the backoff). No
/// attempt starts, and no attempt runs, past the deadline: an attempt's timeout is cut to the time
/// left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// The most attempts, the first included (default 3; 1 disables retries).
    pub max_attempts: u32,
    /// The backoff before the second attempt (default 200 ms).
    pub initial_backoff: Duration,
    /// The longest backoff (default 5 s).
    pub max_backoff: Duration,
    /// The factor between successive backoffs (default 2).
    pub multiplier: u32,
    /// The time allowed for the whole call, every attempt and wait included (default 30 s).
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            multiplier: 2,
            deadline: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (one attempt, the given deadline).
    pub fn never(deadline: Duration) -> Self {
        Self {
            max_attempts: 1,
            deadline,
            ..Self::default()
        }
    }

    /// The upper bound of the wait after failed attempt `attempt` (from 1), before jitter.
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let factor = self
            .multiplier
            .max(1)
            .saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait after failed attempt `attempt` (from 1): uniform in `[ceiling/2, ceiling]`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.backoff_ceiling(attempt);
        let half = ceiling / 2;
        let spread = u64::try_from((ceiling - half).as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=spread))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_caps_and_stays_within_the_jitter_band() {
        let p = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(500),
            ..RetryPolicy::default()
        };
        let ceilings: Vec<u128> = (1..=5).map(|a| p.backoff_ceiling(a).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 500, 500]);
        for attempt in 1..=5 {
            for _ in 0..200 {
                let b = p.backoff(attempt);
                let c = p.backoff_ceiling(attempt);
                assert!(b >= c / 2 && b <= c, "{b:?} outside [{:?}, {c:?}]", c / 2);
            }
        }
    }

    #[test]
    fn huge_attempt_numbers_saturate() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ceiling(u32::MAX), p.max_backoff);
    }
}
