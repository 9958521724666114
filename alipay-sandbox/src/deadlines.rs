//! The escrow timeouts' pending deadlines ([`crate::timeouts`] sets and applies them).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// What happens to a trade at its deadline, if it is still in the state the deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deadline {
    /// Still `WAIT_BUYER_PAY`: closed.
    Unpaid,
    /// Still `WAIT_BUYER_CONFIRM_GOODS`: finished as if the buyer confirmed.
    Receipt,
}

/// The pending deadlines: (when, trade number) → what.
#[derive(Debug, Default)]
pub(crate) struct Deadlines(Mutex<BTreeMap<(Instant, String), Deadline>>);

impl Deadlines {
    /// Sets `what` for `trade_no` at `at`.
    pub(crate) fn set(&self, at: Instant, trade_no: &str, what: Deadline) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((at, trade_no.to_owned()), what);
    }

    /// Takes the deadlines due at `now`.
    pub(crate) fn due(&self, now: Instant) -> Vec<(String, Deadline)> {
        let mut all = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let later = all.split_off(&(now, String::from("\u{10FFFF}")));
        let due = std::mem::replace(&mut *all, later);
        due.into_iter().map(|((_, no), what)| (no, what)).collect()
    }
}
