use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::dates::date;
use crate::purpose::PurposeCode;
use crate::request::{
    Disposal, Extension, Notification, PurposeOutcome, RequestChannel, RequestKind, Scope,
};
use crate::testkit::{patient_id, purposes, request_id, staff};

const DAY_MS: u64 = 86_400_000;

/// Noon UTC of `day`: the tests' clinic day of a reading is its UTC day.
fn at(day: NaiveDate) -> Hlc {
    let days = (day - date(1970, 1, 1)).num_days() as u64;
    Hlc::new(days * DAY_MS + DAY_MS / 2, 0)
}

fn day_of(hlc: Hlc) -> NaiveDate {
    date(1970, 1, 1) + chrono::Days::new(hlc.wall_ms / DAY_MS)
}

/// A step as the fold applies it: the request after the step, with the step's day and actor.
#[derive(Clone)]
enum Step {
    Start,
    DecideAll(PurposeOutcome),
    Extend,
    Dispose,
    Notify(NaiveDate),
    Close,
}

fn request(
    n: u128,
    kind: RequestKind,
    received: NaiveDate,
    steps: &[(Step, NaiveDate)],
) -> Request {
    let scope: BTreeSet<PurposeCode> = match kind {
        RequestKind::Withdrawal(_) => {
            purposes(&[&PurposeCode::NOTIFICATIONS, &PurposeCode::ADVERTISING])
        }
        _ => BTreeSet::new(),
    };
    let mut r = Request::receive(
        request_id(n),
        patient_id(n),
        kind,
        received,
        RequestChannel::Email,
        scope.clone(),
        received,
    )
    .expect("received");
    for (step, on) in steps {
        let by = staff(7);
        let next = match step.clone() {
            Step::Start => r.start(crate::testkit::staff(7)),
            Step::DecideAll(outcome) => scope
                .iter()
                .try_fold(r.clone(), |r, p| r.decide(p.clone(), outcome.clone())),
            Step::Extend => r.extend(Extension {
                reason: "Запрошены архивные документы".into(),
                by,
                at: at(*on),
            }),
            Step::Dispose => r.dispose(Disposal::Destroyed),
            Step::Notify(stated) => r.notify(Notification {
                on: stated,
                channel: RequestChannel::Post,
                by,
            }),
            Step::Close => r.close(),
        };
        r = next.expect("valid step").note_fulfilment(at(*on), by);
    }
    r
}

fn withdrawal() -> RequestKind {
    RequestKind::Withdrawal(Scope::All)
}

fn stopped() -> Step {
    Step::DecideAll(PurposeOutcome::Stopped)
}

/// Name, request, today, expected deadline (or unknown year), done-on, timeliness.
type Case = (
    &'static str,
    Request,
    NaiveDate,
    Result<NaiveDate, i32>,
    Option<NaiveDate>,
    Timeliness,
);

#[test]
fn each_row_says_on_time_late_or_overdue_by_working_days() {
    use Step::*;
    use Timeliness::*;
    let cases: Vec<Case> = vec![
        (
            "withdrawal stopped on its deadline (working Saturday 01.11.2025 counts)",
            request(
                1,
                withdrawal(),
                date(2025, 10, 24),
                &[(Start, date(2025, 10, 27)), (stopped(), date(2025, 11, 10))],
            ),
            date(2025, 11, 20),
            Ok(date(2025, 11, 10)),
            Some(date(2025, 11, 10)),
            OnTime,
        ),
        (
            "withdrawal stopped two working days late",
            request(
                2,
                withdrawal(),
                date(2025, 10, 24),
                &[(Start, date(2025, 10, 27)), (stopped(), date(2025, 11, 12))],
            ),
            date(2025, 11, 20),
            Ok(date(2025, 11, 10)),
            Some(date(2025, 11, 12)),
            Late {
                working_days: Some(2),
            },
        ),
        (
            "the day processing stopped is the last purpose's, even if every purpose continues",
            request(
                3,
                withdrawal(),
                date(2025, 10, 24),
                &[
                    (Start, date(2025, 10, 27)),
                    (
                        Step::DecideAll(PurposeOutcome::Continues {
                            legal_ground: "договор".into(),
                        }),
                        date(2025, 11, 7),
                    ),
                ],
            ),
            date(2025, 11, 20),
            Ok(date(2025, 11, 10)),
            Some(date(2025, 11, 7)),
            OnTime,
        ),
        (
            "access answered after the New Year holidays: 30.12 and 12.01 are the only working days",
            request(
                4,
                RequestKind::Access,
                date(2025, 12, 15),
                &[
                    (Start, date(2025, 12, 16)),
                    (Notify(date(2026, 1, 12)), date(2026, 1, 12)),
                ],
            ),
            date(2026, 2, 1),
            Ok(date(2025, 12, 29)),
            Some(date(2026, 1, 12)),
            Late {
                working_days: Some(2),
            },
        ),
        (
            "an extension moves the deadline by five working days",
            request(
                5,
                RequestKind::Access,
                date(2026, 3, 2),
                &[
                    (Start, date(2026, 3, 3)),
                    (Extend, date(2026, 3, 10)),
                    (Notify(date(2026, 3, 23)), date(2026, 3, 23)),
                ],
            ),
            date(2026, 4, 1),
            Ok(date(2026, 3, 24)),
            Some(date(2026, 3, 23)),
            OnTime,
        ),
        (
            "the answer's stated day counts, not the day it was typed in",
            request(
                6,
                RequestKind::Correction,
                date(2026, 4, 28),
                &[
                    (Start, date(2026, 4, 29)),
                    (Notify(date(2026, 5, 8)), date(2026, 5, 13)),
                ],
            ),
            date(2026, 5, 20),
            Ok(date(2026, 5, 8)),
            Some(date(2026, 5, 8)),
            OnTime,
        ),
        (
            "blocking is due on receipt; 21–23.02.2026 are not working days",
            request(
                7,
                RequestKind::Blocking,
                date(2026, 2, 20),
                &[(Start, date(2026, 2, 20)), (Dispose, date(2026, 2, 24))],
            ),
            date(2026, 3, 1),
            Ok(date(2026, 2, 20)),
            Some(date(2026, 2, 24)),
            Late {
                working_days: Some(1),
            },
        ),
        (
            "open and overdue by three working days",
            request(
                8,
                withdrawal(),
                date(2025, 10, 24),
                &[(Start, date(2025, 10, 27))],
            ),
            date(2025, 11, 13),
            Ok(date(2025, 11, 10)),
            None,
            Overdue {
                working_days: Some(3),
            },
        ),
        (
            "open, due today",
            request(9, withdrawal(), date(2025, 10, 24), &[]),
            date(2025, 11, 10),
            Ok(date(2025, 11, 10)),
            None,
            Pending,
        ),
        (
            "a deadline in an unknown year is unknown",
            request(10, RequestKind::Access, date(2031, 3, 3), &[]),
            date(2031, 3, 20),
            Err(2031),
            None,
            Unknown { year: 2031 },
        ),
        (
            "late into an unknown year: the count is not guessed",
            request(
                11,
                RequestKind::Access,
                date(2027, 12, 1),
                &[
                    (Start, date(2027, 12, 2)),
                    (Notify(date(2028, 1, 20)), date(2028, 1, 20)),
                ],
            ),
            date(2028, 2, 1),
            Ok(date(2027, 12, 15)),
            Some(date(2028, 1, 20)),
            Late { working_days: None },
        ),
        (
            "a later step does not move the day the obligation was met",
            request(
                12,
                withdrawal(),
                date(2025, 10, 24),
                &[
                    (Start, date(2025, 10, 27)),
                    (stopped(), date(2025, 11, 5)),
                    (Dispose, date(2025, 11, 14)),
                    (Notify(date(2025, 11, 17)), date(2025, 11, 17)),
                    (Close, date(2025, 11, 18)),
                ],
            ),
            date(2025, 12, 1),
            Ok(date(2025, 11, 10)),
            Some(date(2025, 11, 5)),
            OnTime,
        ),
    ];
    for (name, request, today, deadline, done_on, timeliness) in cases {
        let row = request.journal_row(today, &Calendar::builtin(), day_of);
        assert_eq!(row.deadline.map_err(|u| u.year), deadline, "{name}");
        assert_eq!(row.done.map(|d| d.on), done_on, "{name}");
        if let Some(done) = row.done {
            assert_eq!(done.by, staff(7), "{name}");
        }
        assert_eq!(row.timeliness, timeliness, "{name}");
    }
}

#[test]
fn a_met_obligation_without_its_recorded_day_is_not_guessed() {
    let mut r = request(
        1,
        withdrawal(),
        date(2025, 10, 24),
        &[
            (Step::Start, date(2025, 10, 27)),
            (stopped(), date(2025, 11, 5)),
        ],
    );
    r.fulfilled = None;
    let row = r.journal_row(date(2025, 12, 1), &Calendar::builtin(), day_of);
    assert_eq!(row.done, None);
    assert_eq!(row.timeliness, Timeliness::NotRecorded);
}

#[test]
fn the_journal_holds_the_period_both_days_included_oldest_first() {
    let requests = [
        request(1, RequestKind::Access, date(2025, 11, 3), &[]),
        request(2, RequestKind::Access, date(2025, 10, 31), &[]),
        request(3, RequestKind::Access, date(2025, 10, 1), &[]),
        request(4, RequestKind::Access, date(2025, 9, 30), &[]),
        request(5, RequestKind::Access, date(2025, 10, 31), &[]),
        request(6, RequestKind::Access, date(2025, 11, 1), &[]),
    ];
    let period = Period::new(date(2025, 10, 1), date(2025, 10, 31)).expect("valid");
    let rows = journal(
        &requests,
        period,
        date(2025, 11, 20),
        &Calendar::builtin(),
        day_of,
    );
    let ids: Vec<_> = rows.iter().map(|r| r.request.id).collect();
    assert_eq!(ids, vec![request_id(3), request_id(2), request_id(5)]);
}

#[test]
fn a_period_must_run_forward_and_stay_within_five_years() {
    let cases = [
        ("one day", date(2025, 1, 1), date(2025, 1, 1), Ok(())),
        (
            "backwards",
            date(2025, 1, 2),
            date(2025, 1, 1),
            Err("period_ends_before_start"),
        ),
        (
            "five years less a day",
            date(2021, 1, 1),
            date(2025, 12, 31),
            Ok(()),
        ),
        (
            "five years and a day",
            date(2021, 1, 1),
            date(2026, 1, 1),
            Err("period_too_long"),
        ),
        (
            "near the end of time",
            NaiveDate::MAX,
            NaiveDate::MAX,
            Ok(()),
        ),
    ];
    for (name, from, to, expected) in cases {
        assert_eq!(
            Period::new(from, to).map(|_| ()).map_err(|e| e.code()),
            expected,
            "{name}"
        );
    }
}

#[test]
fn the_dashboard_counts_as_of_today() {
    use Step::*;
    // Wednesday 12.11.2025: the week is 10.11–16.11.
    let today = date(2025, 11, 12);
    let requests = [
        // Due 10.11, nothing done: overdue.
        request(1, withdrawal(), date(2025, 10, 24), &[]),
        // Due 13.11: due this week.
        request(
            2,
            RequestKind::Access,
            date(2025, 10, 29),
            &[(Start, date(2025, 10, 30))],
        ),
        // Due 18.11: next week.
        request(3, RequestKind::Access, date(2025, 11, 3), &[]),
        // Answered in October: not this month.
        request(
            4,
            RequestKind::Access,
            date(2025, 10, 20),
            &[
                (Start, date(2025, 10, 21)),
                (Notify(date(2025, 10, 31)), date(2025, 10, 31)),
                (Close, date(2025, 10, 31)),
            ],
        ),
        // Due 11.11, answered 11.11 and closed: done this month on time.
        request(
            5,
            RequestKind::Access,
            date(2025, 10, 27),
            &[
                (Start, date(2025, 10, 28)),
                (Notify(date(2025, 11, 11)), date(2025, 11, 11)),
                (Close, date(2025, 11, 11)),
            ],
        ),
        // Due 27.10, stopped 05.11: done this month late; still open, destruction due today 12.11.
        request(
            6,
            withdrawal(),
            date(2025, 10, 13),
            &[(Start, date(2025, 10, 14)), (stopped(), date(2025, 11, 5))],
        ),
        // A deadline in an unknown year: open, in no other count.
        request(7, RequestKind::Access, date(2031, 3, 3), &[]),
    ];
    let counts = dashboard(&requests, today, &Calendar::builtin(), day_of);
    assert_eq!(
        counts,
        Dashboard {
            open: 5,
            due_this_week: 2,
            overdue: 1,
            done_this_month_on_time: 1,
            done_this_month_late: 1,
        }
    );
    // On Sunday the week ends; on Monday 17.11 request 3 (due 18.11) is due this week.
    let monday = dashboard(&requests, date(2025, 11, 17), &Calendar::builtin(), day_of);
    assert_eq!(monday.due_this_week, 1);
}
