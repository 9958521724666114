//! When a failed call is tried again, and how long to wait: the one retry rule and the one retry
//! loop, for [`Client::execute`](crate::Client::execute), batches and `notify_verify`.

use std::future::Future;
use std::time::{Duration, Instant};

use alipay_core::service::Repeat;

use crate::Error;

/// Retries with exponential backoff and jitter, bounded by a number of attempts and by a total
/// deadline.
///
/// A failed attempt is repeated when both hold:
/// - the failure is retryable ([`Error::is_retryable`](super::Error::is_retryable)): the codes of
///   [`ErrorKind::Retry`](alipay_core::error::ErrorKind::Retry) (`RETRY`, `SYSTEM_ERROR`…) and
///   every transport failure (no connection, a timeout, a connection lost after the request was
///   sent); `TRADE_STATUS_NOT_AVAILD` and every caller or configuration error never are;
/// - repeating is safe for the service, as its request declares
///   ([`Request::REPEAT`](alipay_core::service::Request::REPEAT)): an
///   [`Idempotent`](Repeat::Idempotent) or [`Conflict`](Repeat::Conflict) service is repeated after
///   any retryable failure, a timeout or a lost connection included (both may have applied the
///   request, which is why only these services repeat them); an [`Unsafe`](Repeat::Unsafe) one
///   only when the attempt cannot have reached Alipay (the connection was never made).
///
/// When a [`Conflict`](Repeat::Conflict) service finally fails with its conflict code after an
/// attempt that may have reached Alipay, the error is marked
/// [`possibly_applied`](super::ServiceError::possibly_applied).
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

/// Whether a failed attempt is repeated (the policy's attempt count and deadline aside).
pub(crate) fn may_repeat(error: &Error, repeat: Repeat) -> bool {
    error.is_retryable()
        && match repeat {
            Repeat::Idempotent | Repeat::Conflict(_) => true,
            Repeat::Unsafe => !may_have_applied(error),
        }
}

/// Whether a failed attempt may have reached Alipay, and so may have applied the request.
fn may_have_applied(error: &Error) -> bool {
    match error {
        Error::Transport(t) => t.may_have_reached_alipay(),
        Error::Invalid { .. } | Error::BlockingInAsync => false,
        Error::BadResponse(_) | Error::Service(_) => true,
    }
}

/// The final error of a call: the conflict code after an uncertain attempt is "possibly applied".
fn conclude(error: Error, repeat: Repeat, uncertain: bool) -> Error {
    match (error, repeat) {
        (Error::Service(mut s), Repeat::Conflict(code)) if uncertain && s.code.as_str() == code => {
            s.possibly_applied = true;
            Error::Service(s)
        }
        (other, _) => other,
    }
}

/// Runs `attempt(n, time_left)` for n = 1, 2, … until it succeeds or the rule above says stop.
/// `spacing(n)` may impose a least wait before attempt n + 1 (batches). Each wait is drawn once.
pub(crate) async fn run<T, F, Fut>(
    policy: &RetryPolicy,
    repeat: Repeat,
    spacing: impl Fn(u32) -> Option<Duration>,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut(u32, Duration) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let deadline = Instant::now() + policy.deadline;
    let mut uncertain = false;
    let mut n = 1;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let error = match attempt(n, left).await {
            Ok(value) => return Ok(value),
            Err(e) => e,
        };
        let wait = policy.backoff(n).max(spacing(n).unwrap_or_default());
        let again = may_repeat(&error, repeat)
            && n < policy.max_attempts
            && Instant::now() + wait < deadline;
        if !again {
            return Err(conclude(error, repeat, uncertain));
        }
        uncertain |= may_have_applied(&error);
        tokio::time::sleep(wait).await;
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ServiceError, TransportError, TransportKind};

    fn transport(kind: TransportKind) -> Error {
        Error::Transport(TransportError {
            service: "test.service",
            kind,
            gateway: "http://127.0.0.1:1/gateway.do".to_owned(),
            attempts: 1,
            source: None,
        })
    }

    fn service(code: &str) -> Error {
        Error::Service(ServiceError::new(
            "test.service",
            &[],
            code.parse().unwrap(),
            1,
        ))
    }

    const GOODS_EXISTS: Repeat = Repeat::Conflict("GOODS_EXISTS_ERROR");

    #[test]
    fn the_rule_repeats_only_what_is_retryable_and_safe_for_the_service() {
        use TransportKind::{Connect, Other, Timeout};
        let cases: [(Error, [bool; 3]); 6] = [
            // (error, [Unsafe, Idempotent, Conflict])
            (transport(Connect), [true, true, true]),
            (transport(Timeout), [false, true, true]),
            // Lost after sending: as uncertain as a timeout, so repeated only where that is safe.
            (transport(Other), [false, true, true]),
            (service("SYSTEM_ERROR"), [false, true, true]),
            (service("TRADE_STATUS_NOT_AVAILD"), [false, false, false]),
            (service("ILLEGAL_SIGN"), [false, false, false]),
        ];
        for (error, expected) in &cases {
            let got = [Repeat::Unsafe, Repeat::Idempotent, GOODS_EXISTS]
                .map(|repeat| may_repeat(error, repeat));
            assert_eq!(&got, expected, "{error}");
        }
    }

    #[test]
    fn the_conflict_code_after_an_uncertain_attempt_is_possibly_applied() {
        let concluded =
            |repeat, uncertain| match conclude(service("GOODS_EXISTS_ERROR"), repeat, uncertain) {
                Error::Service(s) => s.possibly_applied,
                other => panic!("{other}"),
            };
        assert!(concluded(GOODS_EXISTS, true));
        assert!(!concluded(GOODS_EXISTS, false));
        assert!(!concluded(Repeat::Idempotent, true));
        assert!(!concluded(Repeat::Conflict("OTHER_CODE"), true));
    }

    /// Timeouts on every attempt: how many attempts each kind of service gets, and what it ends with.
    #[tokio::test]
    async fn the_loop_follows_the_rule() {
        let policy = RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(2),
            ..RetryPolicy::default()
        };
        for (repeat, attempts) in [
            (Repeat::Unsafe, 1),
            (Repeat::Idempotent, 4),
            (GOODS_EXISTS, 4),
        ] {
            let mut made = 0;
            let result: Result<(), Error> = run(
                &policy,
                repeat,
                |_| None,
                |n, _| {
                    made += 1;
                    assert_eq!(n, made);
                    std::future::ready(Err(transport(TransportKind::Timeout)))
                },
            )
            .await;
            assert!(matches!(result, Err(Error::Transport(_))));
            assert_eq!(made, attempts, "{repeat:?}");
        }
        // A conflict code after a timeout: stopped, and marked as possibly applied.
        let mut made = 0;
        let result: Result<(), Error> = run(
            &policy,
            GOODS_EXISTS,
            |_| None,
            |_, _| {
                made += 1;
                std::future::ready(Err(if made == 1 {
                    transport(TransportKind::Timeout)
                } else {
                    service("GOODS_EXISTS_ERROR")
                }))
            },
        )
        .await;
        assert_eq!(made, 2);
        assert!(matches!(result, Err(Error::Service(s)) if s.possibly_applied));
    }

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
