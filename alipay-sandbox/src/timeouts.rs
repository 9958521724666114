//! The escrow timeouts, on the sandbox's scaled clock ([`crate::SandboxConfig::time_factor`]):
//!
//! - a trade a page service opened and the buyer did not pay closes (`TRADE_CLOSED`) after the
//!   page request's `it_b_pay` (`Nm`, `Nh`, `Nd`), at the next midnight in Beijing for `1c`
//!   ("当天", however late the trade was opened), at the Beijing time it names for the absolute
//!   form `yyyy-MM-dd HH:mm` (the mobile service's document; at once when it is past), else after
//!   15 days, the longest `it_b_pay` the documents allow. On a scaled clock, the time left until
//!   that midnight or that instant is scaled like any period;
//! - a shipped trade the buyer does not confirm finishes (`TRADE_FINISHED`, as if confirmed):
//!   shipped by `POST` (平邮) after the page request's `t_b_rec_post` (`Nd`), else after 30 days;
//!   shipped otherwise (express, EMS, …) after 10 days.
//!
//! Alipay's documents name the parameters (`it_b_pay`: 1m–15d; `t_b_rec_post`: "买家逾期不确认收货，
//! 自动完成交易（平邮）的期限") but not the defaults: 15, 30 and 10 days are the sandbox's choice.
//! Each change is notified like any other. The deadlines are kept in memory: a sandbox restarted
//! from a state file does not time out the trades of its previous run.

use std::time::{Duration, Instant};

use alipay_core::types::{BEIJING, DateTime, TradeStatus};
use time::OffsetDateTime;

use crate::deadlines::Deadline;
use crate::notify_sender::{queue_status_change, trade_form};
use crate::receipt;
use crate::request::param;
use crate::world::World;

/// 15 days: an unpaid trade's default life.
pub(crate) const UNPAID: Duration = Duration::from_secs(15 * 24 * 3600);
/// 10 days: the buyer's default time to confirm receipt of an express (non-`POST`) shipment.
pub(crate) const RECEIPT: Duration = Duration::from_secs(10 * 24 * 3600);
/// 30 days: the buyer's default time to confirm receipt of a `POST` (平邮) shipment.
pub(crate) const RECEIPT_BY_POST: Duration = Duration::from_secs(30 * 24 * 3600);

/// An unpaid trade's life from `now` by its `it_b_pay`: a period (`Nm`, `Nh`, `Nd`), `1c` (until
/// the next midnight in Beijing) or an absolute Beijing time `yyyy-MM-dd HH:mm` (zero when past);
/// `None` for another form.
pub(crate) fn unpaid_life(text: &str, now: OffsetDateTime) -> Option<Duration> {
    if text == "1c" {
        let (h, m, s, nanos) = now.to_offset(BEIJING).time().as_hms_nano();
        let into_day = Duration::new(
            u64::from(h) * 3600 + u64::from(m) * 60 + u64::from(s),
            nanos,
        );
        return Some(Duration::from_secs(24 * 3600).saturating_sub(into_day));
    }
    if text.len() == "yyyy-MM-dd HH:mm".len() && text.contains(' ') {
        let at = DateTime::parse(&format!("{text}:00")).ok()?;
        let left = at.to_offset_date_time() - now;
        return Some(left.try_into().unwrap_or(Duration::ZERO));
    }
    parse_period(text)
}

/// A period `Nm`, `Nh` or `Nd` as a duration; `None` for another form.
pub(crate) fn parse_period(text: &str) -> Option<Duration> {
    // The unit is the last character (a byte count would cut a multi-byte one: `1天`).
    let unit = text.chars().next_back()?;
    let number = &text[..text.len() - unit.len_utf8()];
    let n: u64 = number.parse().ok().filter(|n| *n > 0)?;
    let unit = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 24 * 3600,
        _ => return None,
    };
    Some(Duration::from_secs(n.checked_mul(unit)?))
}

/// Sets the unpaid deadline of a trade a page service just opened.
pub(crate) fn opened(world: &World, trade_no: &str, params: &[(String, String)]) {
    let life = param(params, "it_b_pay")
        .and_then(|text| unpaid_life(text, OffsetDateTime::now_utc()))
        .unwrap_or(UNPAID);
    // A period too long for the clock never falls due.
    if let Some(at) = Instant::now().checked_add(world.scaled(life)) {
        world.deadlines.set(at, trade_no, Deadline::Unpaid);
    }
}

/// Sets the receipt deadline of a trade just shipped (by `POST` when `by_post`).
pub(crate) fn shipped(world: &World, trade_no: &str, by_post: bool) {
    let order = world.order(trade_no);
    let wait = if by_post {
        param(&order, "t_b_rec_post")
            .and_then(parse_period)
            .unwrap_or(RECEIPT_BY_POST)
    } else {
        RECEIPT
    };
    // A period too long for the clock never falls due.
    if let Some(at) = Instant::now().checked_add(world.scaled(wait)) {
        world.deadlines.set(at, trade_no, Deadline::Receipt);
    }
}

/// Applies every deadline due now.
pub(crate) fn sweep(world: &World) {
    for (trade_no, what) in world.deadlines.due(Instant::now()) {
        match what {
            Deadline::Unpaid => close_unpaid(world, &trade_no),
            Deadline::Receipt => {
                // Refused when the buyer confirmed already (or the trade moved on): nothing to do.
                let _ = receipt::confirm(world, &trade_no);
            }
        }
    }
}

fn close_unpaid(world: &World, trade_no: &str) {
    let now = DateTime::now();
    let closed = world.state.update_trade(trade_no, |t| {
        if t.status != TradeStatus::WaitBuyerPay {
            return Err(());
        }
        t.status = TradeStatus::TradeClosed;
        t.last_modified_time = now;
        Ok((t.clone(), true))
    });
    let trade = match closed {
        Some(Ok(Ok(trade))) => trade,
        Some(Err(e)) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            return;
        }
        _ => return,
    };
    let (charset, sign_type) = trade_form(world, trade_no);
    queue_status_change(world, &trade, charset, sign_type);
}

/// How often the deadlines are checked: a second, or less on a fast clock (at least 5 ms).
pub(crate) fn tick(world: &World) -> Duration {
    world
        .scaled(Duration::from_secs(60))
        .clamp(Duration::from_millis(5), Duration::from_secs(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(parse_period("90m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_period("2h"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_period("15d"), Some(Duration::from_secs(15 * 86400)));
        // Not a period: no panic, no deadline of its own.
        for text in [
            "",
            "m",
            "0m",
            "1.5h",
            "1天",
            "天",
            "-1d",
            "2026-12-05 10:00",
        ] {
            assert_eq!(parse_period(text), None, "{text}");
        }
        assert_eq!(parse_period("1c"), None);
        // Too long to multiply out; long enough to overflow an Instant when added.
        assert_eq!(parse_period("99999999999999999999d"), None);
        assert!(parse_period("200000000000000000m").is_some());
        assert!(Instant::now().checked_add(Duration::MAX).is_none());
    }

    /// `1c` and the absolute form, against times worked out by hand: 2026-12-05 01:30:00 UTC is
    /// 09:30 in Beijing, 14.5 hours before the next Beijing midnight.
    #[test]
    fn today_and_absolute() {
        // python3 -c "import datetime as d; u=d.timezone.utc; print(int(d.datetime(2026,12,5,1,30,tzinfo=u).timestamp()), int(d.datetime(2026,12,5,16,0,tzinfo=u).timestamp()))"
        // prints 1796434200 1796486400 (the second is 2026-12-06 00:00 in Beijing).
        let now = OffsetDateTime::from_unix_timestamp(1_796_434_200).unwrap();
        let hours = |h: f64| Some(Duration::from_secs_f64(h * 3600.0));
        assert_eq!(unpaid_life("1c", now), hours(14.5));
        // 23:59:59.5 in Beijing: half a second left; exactly midnight: a whole day.
        let late = OffsetDateTime::from_unix_timestamp(1_796_486_399).unwrap()
            + time::Duration::milliseconds(500);
        assert_eq!(unpaid_life("1c", late), Some(Duration::from_millis(500)));
        let midnight = OffsetDateTime::from_unix_timestamp(1_796_486_400).unwrap();
        assert_eq!(unpaid_life("1c", midnight), hours(24.0));
        // Absolute Beijing times: 2026-12-05 12:00 is 2.5 hours after 09:30; a past one is due.
        assert_eq!(unpaid_life("2026-12-05 12:00", now), hours(2.5));
        assert_eq!(unpaid_life("2026-12-05 09:00", now), Some(Duration::ZERO));
        assert_eq!(unpaid_life("2026-12-05 9:00x", now), None);
        assert_eq!(unpaid_life("2026-13-05 12:00", now), None);
        assert_eq!(unpaid_life("90m", now), hours(1.5));
        assert_eq!(unpaid_life("1.5h", now), None);
    }
}
