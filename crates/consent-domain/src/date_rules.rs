//! Which dates the desk takes as facts and terms.
//!
//! A day on which something happened (a request received, a subject notified) records the past, so it
//! is never after today, and never before what it depends on: a request cannot arrive before its
//! patient was registered, a withdrawal not before the consent it takes back was signed, a
//! notification not before its request. The ledger is append-only and deadlines are computed from
//! these days, so an impossible one would stay and skew every deadline after it.
//!
//! A consent's dated term ends on a day a person can live to see. Neither LEGAL.md nor the privacy
//! policy states a longest term: policy 3.4 processes data "без ограничения срока", which the desk
//! records as "until withdrawn" (no end date at all). So a dated end more than [`TERM_MAX_YEARS`]
//! years after the consent is drawn up (31.12.9999, 2205 typed for 2025) is a slip, not a choice.

use chrono::{Months, NaiveDate};

/// The longest dated consent term, in years from the day it is drawn up.
pub const TERM_MAX_YEARS: u32 = 100;

/// Why a date cannot be taken. Stable codes; no personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum DateProblem {
    #[error("the day is after today")]
    InFuture,
    #[error("the day is before the patient was registered")]
    BeforeRegistration,
    #[error("the day is before the consent it withdraws was signed")]
    BeforeConsent,
    #[error("the day is before the request was received")]
    BeforeReceived,
    #[error("the consent would end before the day it is drawn up")]
    TermBeforeDraft,
    #[error("the consent term is longer than {TERM_MAX_YEARS} years")]
    TermTooLong,
}

impl DateProblem {
    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            DateProblem::InFuture => "date_in_future",
            DateProblem::BeforeRegistration => "date_before_registration",
            DateProblem::BeforeConsent => "date_before_consent",
            DateProblem::BeforeReceived => "date_before_received",
            DateProblem::TermBeforeDraft => "term_before_draft",
            DateProblem::TermTooLong => "term_too_long",
        }
    }
}

/// The last day a consent drawn up on `drafted_on` may be dated to run until (29 February becomes
/// 28 February in a year that has none).
pub fn latest_term_end(drafted_on: NaiveDate) -> NaiveDate {
    drafted_on
        .checked_add_months(Months::new(TERM_MAX_YEARS * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// A dated consent term: it ends on or after the day it is drawn up, and within [`TERM_MAX_YEARS`].
pub fn check_term_end(end: NaiveDate, drafted_on: NaiveDate) -> Result<(), DateProblem> {
    if end < drafted_on {
        Err(DateProblem::TermBeforeDraft)
    } else if end > latest_term_end(drafted_on) {
        Err(DateProblem::TermTooLong)
    } else {
        Ok(())
    }
}

/// The day a request was received: not after `today`, not before the patient was registered, and,
/// for a withdrawal, not before the latest signing day of the consents it withdraws from.
pub fn check_received(
    received_on: NaiveDate,
    today: NaiveDate,
    registered_on: NaiveDate,
    withdrawn_consent_signed_on: Option<NaiveDate>,
) -> Result<(), DateProblem> {
    if received_on > today {
        Err(DateProblem::InFuture)
    } else if received_on < registered_on {
        Err(DateProblem::BeforeRegistration)
    } else if withdrawn_consent_signed_on.is_some_and(|signed| received_on < signed) {
        Err(DateProblem::BeforeConsent)
    } else {
        Ok(())
    }
}

/// The day the subject was notified: not after `today`, not before the request was received.
pub fn check_notified(
    notified_on: NaiveDate,
    received_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), DateProblem> {
    if notified_on > today {
        Err(DateProblem::InFuture)
    } else if notified_on < received_on {
        Err(DateProblem::BeforeReceived)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::DateProblem::*;
    use super::*;
    use crate::dates::date;

    const TODAY: NaiveDate = date(2025, 10, 24);

    #[test]
    fn term_end_table() {
        let cases = [
            (date(2025, 10, 24), Ok(())),
            (date(2026, 10, 24), Ok(())),
            (date(2125, 10, 24), Ok(())),
            (date(2125, 10, 25), Err(TermTooLong)),
            (date(9999, 12, 31), Err(TermTooLong)),
            (date(2025, 10, 23), Err(TermBeforeDraft)),
            (date(1800, 1, 1), Err(TermBeforeDraft)),
        ];
        for (end, expected) in cases {
            assert_eq!(check_term_end(end, TODAY), expected, "{end}");
        }
        assert_eq!(latest_term_end(date(2024, 2, 29)), date(2124, 2, 29));
        assert_eq!(latest_term_end(date(2028, 2, 29)), date(2128, 2, 29));
        assert_eq!(latest_term_end(date(2000, 2, 29)), date(2100, 2, 28));
    }

    #[test]
    fn received_table() {
        let registered = date(2025, 3, 1);
        let signed = date(2025, 5, 20);
        let cases = [
            (TODAY, None, Ok(())),
            (registered, None, Ok(())),
            (signed, Some(signed), Ok(())),
            (date(2025, 10, 25), None, Err(InFuture)),
            (date(2125, 1, 1), Some(signed), Err(InFuture)),
            (date(2025, 2, 28), None, Err(BeforeRegistration)),
            (date(1900, 1, 1), Some(signed), Err(BeforeRegistration)),
            (date(2025, 5, 19), Some(signed), Err(BeforeConsent)),
            (date(2025, 5, 19), None, Ok(())),
        ];
        for (received, consent, expected) in cases {
            assert_eq!(
                check_received(received, TODAY, registered, consent),
                expected,
                "{received} (consent signed {consent:?})"
            );
        }
    }

    #[test]
    fn notified_table() {
        let received = date(2025, 10, 1);
        let cases = [
            (TODAY, Ok(())),
            (received, Ok(())),
            (date(2025, 10, 25), Err(InFuture)),
            (date(9999, 12, 31), Err(InFuture)),
            (date(2025, 9, 30), Err(BeforeReceived)),
        ];
        for (on, expected) in cases {
            assert_eq!(check_notified(on, received, TODAY), expected, "{on}");
        }
    }

    #[test]
    fn codes_are_distinct() {
        let all = [
            InFuture,
            BeforeRegistration,
            BeforeConsent,
            BeforeReceived,
            TermBeforeDraft,
            TermTooLong,
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), all.len());
    }
}
