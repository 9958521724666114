//! Drawing the fault of one gateway request.

use alipay_core::ErrorCode;

use crate::config::{FaultAction, Faults};

/// The fault drawn for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Close the connection without answering.
    Drop,
    /// Answer with this code (`RETRY` or `SYSTEM_ERROR`) before anything else.
    Answer(ErrorCode),
}

impl Fault {
    /// The same fault as a scripted action.
    pub(crate) fn action(self) -> FaultAction {
        match self {
            Self::Drop => FaultAction::Drop,
            Self::Answer(ErrorCode::Retry) => FaultAction::Retry,
            Self::Answer(_) => FaultAction::SystemError,
        }
    }
}

impl FaultAction {
    /// The error code an answering fault gives (`RETRY`, `SYSTEM_ERROR`); `None` for a lost answer.
    pub(crate) fn code(self) -> Option<ErrorCode> {
        match self {
            Self::Retry => Some(ErrorCode::Retry),
            Self::SystemError => Some(ErrorCode::SystemError),
            Self::Drop | Self::Timeout | Self::Slow => None,
        }
    }
}

/// One draw: `[0, drop_rate)` drops, the next `retry_rate` answers `RETRY`, the next
/// `system_error_rate` answers `SYSTEM_ERROR`, the rest is no fault. Nothing is drawn when every
/// rate is zero (the seeded sequence is then left untouched).
pub(crate) fn draw(faults: &Faults, rng: &mut fastrand::Rng) -> Option<Fault> {
    if faults.drop_rate <= 0.0 && faults.retry_rate <= 0.0 && faults.system_error_rate <= 0.0 {
        return None;
    }
    let x = rng.f64();
    let mut edge = faults.drop_rate;
    if x < edge {
        return Some(Fault::Drop);
    }
    edge += faults.retry_rate;
    if x < edge {
        return Some(Fault::Answer(ErrorCode::Retry));
    }
    edge += faults.system_error_rate;
    if x < edge {
        return Some(Fault::Answer(ErrorCode::SystemError));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_honoured_and_seeded() {
        let faults = Faults {
            retry_rate: 0.2,
            system_error_rate: 0.1,
            drop_rate: 0.05,
            ..Faults::default()
        };
        let count = |seed| {
            let mut rng = fastrand::Rng::with_seed(seed);
            let draws: Vec<_> = (0..20_000).map(|_| draw(&faults, &mut rng)).collect();
            let n = |f: Option<Fault>| draws.iter().filter(|d| **d == f).count();
            (
                n(Some(Fault::Drop)),
                n(Some(Fault::Answer(ErrorCode::Retry))),
                n(Some(Fault::Answer(ErrorCode::SystemError))),
                n(None),
            )
        };
        let (drop, retry, system, none) = count(1);
        assert!((800..1200).contains(&drop), "{drop}");
        assert!((3600..4400).contains(&retry), "{retry}");
        assert!((1700..2300).contains(&system), "{system}");
        assert_eq!(drop + retry + system + none, 20_000);
        assert_eq!(count(1), count(1));
        assert_ne!(count(1), count(2));
    }

    #[test]
    fn no_rates_no_draw() {
        let mut rng = fastrand::Rng::with_seed(3);
        let before = rng.clone().u64(..);
        assert_eq!(draw(&Faults::default(), &mut rng), None);
        assert_eq!(rng.u64(..), before);
    }
}
