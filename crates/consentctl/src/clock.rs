//! The clock the desk runs on: the system clock, or a fixed one when `CONSENT_DESK_NOW` pins "today"
//! for end-to-end scripts and tests (the service's `clock` module names the variable; the CLI is
//! where a process reads it).

use std::sync::Arc;

use chrono::NaiveTime;
use consent_domain::patient::parse_date;
use consent_service::clock::{Clock, FixedClock, SystemClock};

use crate::error::CliError;

/// Pins the clock: a date (`YYYY-MM-DD` or `DD.MM.YYYY`, taken at noon in Moscow) or milliseconds
/// since the Unix epoch.
pub const NOW_ENV: &str = "CONSENT_DESK_NOW";

/// 09:00 UTC is noon in Moscow (UTC+3): far from midnight, so "today" is the date given.
const NOON_MOSCOW_MS: u64 = 9 * 3600 * 1000;

pub fn from_env(value: Option<&str>) -> Result<Arc<dyn Clock>, CliError> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(Arc::new(SystemClock));
    };
    // A pinned clock stamps events with a time that is not now: a debug (test) build honours it, a
    // release build refuses to run rather than record misdated facts or silently ignore the setting.
    if !cfg!(debug_assertions) {
        return Err(CliError::BadNow);
    }
    Ok(Arc::new(FixedClock(pinned_ms(text)?)))
}

fn pinned_ms(text: &str) -> Result<u64, CliError> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u64>().map_err(|_| CliError::BadNow);
    }
    let date = parse_date(text).map_err(|_| CliError::BadNow)?;
    let midnight = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    let midnight_ms = u64::try_from(midnight)
        .map_err(|_| CliError::BadNow)?
        .checked_mul(1000)
        .ok_or(CliError::BadNow)?;
    Ok(midnight_ms + NOON_MOSCOW_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_pins_noon_in_moscow() {
        // 2025-10-27T09:00:00Z
        assert_eq!(pinned_ms("2025-10-27").ok(), Some(1_761_555_600_000));
        assert_eq!(pinned_ms("27.10.2025").ok(), Some(1_761_555_600_000));
    }

    #[test]
    fn milliseconds_are_taken_as_they_are() {
        assert_eq!(pinned_ms("1761555600000").ok(), Some(1_761_555_600_000));
    }

    #[test]
    fn anything_else_is_refused() {
        assert!(matches!(pinned_ms("tomorrow"), Err(CliError::BadNow)));
        assert!(matches!(pinned_ms("1969-12-31"), Err(CliError::BadNow)));
        assert!(from_env(Some("soon")).is_err());
        assert!(from_env(None).is_ok());
        assert!(from_env(Some("  ")).is_ok());
    }
}
