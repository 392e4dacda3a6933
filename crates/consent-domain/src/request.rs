//! Subject requests (152-FZ Art. 14, 20, 21 and policy 2.1, 4.2.4, 6.2): a withdrawal of consent, an
//! access request, a correction, a complaint that blocks the data, a claim. Each one has a life of
//! its own and deadlines counted from the day it was *received*.
//!
//! ```text
//! received ──start──▶ in progress ──decide each purpose──▶ processing stopped ──destroy / block──▶
//!   data disposed ──notify──▶ subject notified ──close──▶ closed
//! ```
//! A withdrawal decides, per purpose in its scope, whether processing stopped or continues on another
//! legal ground (medical records stay on the medical-secrecy ground: LEGAL.md §1). Other kinds skip the
//! steps that do not apply to them (an access request is answered, not disposed of). One extension of
//! +5 working days is allowed, only with a reason, only where the law allows it (Art. 20 p. 3,
//! Art. 21 p. 5.1). Deadlines are never stored: they are computed from the received date with the
//! calendar in force, so a corrected calendar moves them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::calendar::{Calendar, DeadlineRule, UnknownYear};
use crate::hlc::Hlc;
use crate::ids::{PatientId, RequestId};
use crate::purpose::PurposeCode;
use crate::staff::StaffId;

/// How the request reached the clinic (policy 2.1: e-mail or a letter; or at the desk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestChannel {
    InPerson,
    Email,
    Post,
}

impl RequestChannel {
    pub fn code(self) -> &'static str {
        match self {
            RequestChannel::InPerson => "in_person",
            RequestChannel::Email => "email",
            RequestChannel::Post => "post",
        }
    }
}

/// Which purposes a withdrawal takes back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every purpose the patient consented to.
    All,
    /// Only these.
    Purposes(BTreeSet<PurposeCode>),
}

/// What the subject asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// Withdrawal of consent (Art. 9 p. 2; policy 2.1).
    Withdrawal(Scope),
    /// "What do you hold about me?" (Art. 14).
    Access,
    /// Correct inaccurate data (Art. 21 p. 2).
    Correction,
    /// A complaint that the data are inaccurate or processed unlawfully: block from receipt (Art. 21 p. 1).
    Blocking,
    /// A claim (претензия) under policy 6.2.
    Claim,
}

impl RequestKind {
    pub fn code(&self) -> &'static str {
        match self {
            RequestKind::Withdrawal(_) => "withdrawal",
            RequestKind::Access => "access",
            RequestKind::Correction => "correction",
            RequestKind::Blocking => "blocking",
            RequestKind::Claim => "claim",
        }
    }

    /// Whether the law allows one +5 working day extension with a reasoned notice.
    pub fn extendable(&self) -> bool {
        matches!(self, RequestKind::Withdrawal(_) | RequestKind::Access)
    }
}

/// The outcome for one purpose of a withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PurposeOutcome {
    /// Processing for this purpose stopped.
    Stopped,
    /// Processing continues on another legal ground (e.g. «п. 4 ч. 2 ст. 10 152-ФЗ, медицинская тайна»).
    Continues { legal_ground: String },
}

/// What was done with the data once processing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposal {
    Destroyed,
    /// Destruction was impossible in time: blocked, to be destroyed within six months (Art. 21 p. 6).
    Blocked,
}

/// One +5 working day extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub reason: String,
    pub by: StaffId,
    pub at: Hlc,
}

/// How the subject was told the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub on: NaiveDate,
    pub channel: RequestChannel,
    pub by: StaffId,
}

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequestStatus {
    Received,
    InProgress,
    ProcessingStopped,
    DataDisposed,
    SubjectNotified,
    Closed,
}

impl RequestStatus {
    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::ProcessingStopped => "processing_stopped",
            RequestStatus::DataDisposed => "data_disposed",
            RequestStatus::SubjectNotified => "subject_notified",
            RequestStatus::Closed => "closed",
        }
    }

    /// Still in the managers' queue.
    pub fn is_open(self) -> bool {
        self != RequestStatus::Closed
    }
}

/// A step that makes no sense for this request now. No personal data in the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("a withdrawal must name at least one purpose")]
    EmptyScope,
    #[error("the request is {actual}, but this step needs it to be {expected}")]
    WrongStatus {
        expected: &'static str,
        actual: &'static str,
    },
    #[error("a {0} request has no such step")]
    NotApplicable(&'static str),
    #[error("purpose {0} is not in the scope of this withdrawal")]
    PurposeOutOfScope(PurposeCode),
    #[error("purpose {0} is already decided")]
    PurposeAlreadyDecided(PurposeCode),
    #[error("a purpose that continues needs the legal ground it continues on")]
    LegalGroundMissing,
    #[error("the deadline was already extended once")]
    AlreadyExtended,
    #[error("an extension needs a reason (it goes into the notice to the subject)")]
    ReasonMissing,
    #[error("a {0} request cannot be extended")]
    NotExtendable(&'static str),
    #[error("nothing stopped, so there is nothing to destroy or block")]
    NothingToDispose,
    #[error("the received date is in the future")]
    ReceivedInFuture,
    #[error("the notification date is before the received date")]
    NotifiedBeforeReceived,
    #[error("a text field is longer than {0} characters")]
    TooLong(usize),
    #[error("the request is already in this manager's work")]
    AlreadyTaken,
    #[error("the correction was already applied")]
    AlreadyCorrected,
    #[error("the deadline was not extended")]
    NotExtended,
    #[error("the extension's notice was already recorded")]
    ExtensionNoticeRecorded,
}

impl RequestError {
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::EmptyScope => "request_empty_scope",
            RequestError::WrongStatus { .. } => "request_wrong_status",
            RequestError::NotApplicable(_) => "request_step_not_applicable",
            RequestError::PurposeOutOfScope(_) => "request_purpose_out_of_scope",
            RequestError::PurposeAlreadyDecided(_) => "request_purpose_already_decided",
            RequestError::LegalGroundMissing => "request_legal_ground_missing",
            RequestError::AlreadyExtended => "request_already_extended",
            RequestError::ReasonMissing => "request_reason_missing",
            RequestError::NotExtendable(_) => "request_not_extendable",
            RequestError::NothingToDispose => "request_nothing_to_dispose",
            RequestError::ReceivedInFuture => "request_received_in_future",
            RequestError::NotifiedBeforeReceived => "request_notified_before_received",
            RequestError::TooLong(_) => "request_text_too_long",
            RequestError::AlreadyTaken => "request_already_taken",
            RequestError::AlreadyCorrected => "request_already_corrected",
            RequestError::NotExtended => "request_not_extended",
            RequestError::ExtensionNoticeRecorded => "request_extension_notice_recorded",
        }
    }
}

/// The longest reason or legal ground a request stores.
pub const TEXT_MAX: usize = 1000;

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Obligation {
    /// Stop processing (withdrawal: policy 2.1, 10 working days; Art. 21 p. 5.1).
    StopProcessing,
    /// Destroy the data (Art. 21 p. 5: 30 calendar days).
    Destroy,
    /// Answer an access request (Art. 14 p. 3, Art. 20).
    Answer,
    /// Correct the data (Art. 21 p. 2: 7 working days).
    Correct,
    /// Block the data: from receipt (Art. 21 p. 1).
    Block,
    /// Answer a claim in writing (policy 6.2: 30 calendar days).
    AnswerClaim,
}

impl Obligation {
    pub fn code(self) -> &'static str {
        match self {
            Obligation::StopProcessing => "stop_processing",
            Obligation::Destroy => "destroy",
            Obligation::Answer => "answer",
            Obligation::Correct => "correct",
            Obligation::Block => "block",
            Obligation::AnswerClaim => "answer_claim",
        }
    }
}

/// One deadline of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub obligation: Obligation,
    pub rule: DeadlineRule,
    pub due: NaiveDate,
}

/// The extra working days one extension grants (Art. 20 p. 3, Art. 21 p. 5.1).
pub const EXTENSION_WORKING_DAYS: u32 = 5;

/// The rules of LEGAL.md §3 for a kind of request, before any extension.
pub fn rules(kind: &RequestKind) -> Vec<(Obligation, DeadlineRule)> {
    match kind {
        RequestKind::Withdrawal(_) => vec![
            (Obligation::StopProcessing, DeadlineRule::WorkingDays(10)),
            (Obligation::Destroy, DeadlineRule::CalendarDays(30)),
        ],
        RequestKind::Access => vec![(Obligation::Answer, DeadlineRule::WorkingDays(10))],
        RequestKind::Correction => vec![(Obligation::Correct, DeadlineRule::WorkingDays(7))],
        RequestKind::Blocking => vec![(Obligation::Block, DeadlineRule::WorkingDays(0))],
        RequestKind::Claim => vec![(Obligation::AnswerClaim, DeadlineRule::CalendarDays(30))],
    }
}

/// One subject request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: RequestId,
    pub patient: PatientId,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    pub channel: RequestChannel,
    pub status: RequestStatus,
    pub outcomes: BTreeMap<PurposeCode, PurposeOutcome>,
    /// The purposes a withdrawal covers, fixed when it is received (a scope of "all" is resolved
    /// against the consents in force on that day).
    pub purposes: BTreeSet<PurposeCode>,
    pub extension: Option<Extension>,
    pub disposal: Option<Disposal>,
    pub notification: Option<Notification>,
    /// The manager whose work the request is: who took it, or who took it over last.
    pub assignee: Option<StaffId>,
    /// The step that fulfilled the main obligation, recorded by the fold (`journal.rs`).
    pub fulfilled: Option<crate::journal::Fulfilment>,
    /// What the subject says, in their words (for a correction: what is wrong and what is right).
    pub details: Option<String>,
    /// A correction's values were applied (`DataCorrected`).
    pub corrected: bool,
    /// How and when the reasoned notice of the extension reached the subject.
    pub extension_notice: Option<Notification>,
}

impl Request {
    /// A request received on `received_on` (`today` guards against a date in the future). For a
    /// withdrawal, `purposes` are the purposes it covers; for other kinds it is ignored.
    pub fn receive(
        id: RequestId,
        patient: PatientId,
        kind: RequestKind,
        received_on: NaiveDate,
        channel: RequestChannel,
        purposes: BTreeSet<PurposeCode>,
        today: NaiveDate,
    ) -> Result<Request, RequestError> {
        if received_on > today {
            return Err(RequestError::ReceivedInFuture);
        }
        let purposes = match &kind {
            RequestKind::Withdrawal(_) if purposes.is_empty() => {
                return Err(RequestError::EmptyScope);
            }
            RequestKind::Withdrawal(_) => purposes,
            _ => BTreeSet::new(),
        };
        Ok(Request {
            id,
            patient,
            kind,
            received_on,
            channel,
            status: RequestStatus::Received,
            outcomes: BTreeMap::new(),
            purposes,
            extension: None,
            disposal: None,
            notification: None,
            assignee: None,
            fulfilled: None,
            details: None,
            corrected: false,
            extension_notice: None,
        })
    }

    /// The request with the subject's own words (trimmed; empty is none; at most [`TEXT_MAX`]).
    pub fn with_details(mut self, details: Option<&str>) -> Result<Request, RequestError> {
        self.details = match details.map(str::trim).filter(|d| !d.is_empty()) {
            Some(text) => Some(bounded(text)?),
            None => None,
        };
        Ok(self)
    }

    /// A manager applied a correction's values (Art. 21 p. 2: within 7 working days of receipt).
    /// Once only, while the request is in work; the subject is told afterwards.
    pub fn correct(&self) -> Result<Request, RequestError> {
        if self.kind != RequestKind::Correction {
            return Err(RequestError::NotApplicable(self.kind.code()));
        }
        self.expect(RequestStatus::InProgress)?;
        if self.corrected {
            return Err(RequestError::AlreadyCorrected);
        }
        let mut next = self.clone();
        next.corrected = true;
        Ok(next)
    }

    fn expect(&self, expected: RequestStatus) -> Result<(), RequestError> {
        if self.status == expected {
            Ok(())
        } else {
            Err(RequestError::WrongStatus {
                expected: expected.code(),
                actual: self.status.code(),
            })
        }
    }

    fn is_withdrawal(&self) -> bool {
        matches!(self.kind, RequestKind::Withdrawal(_))
    }

    /// A manager takes the request into work (`by` becomes its assignee), or takes over an open
    /// request another manager has in work (the status stays; the ledger records who and when).
    pub fn start(&self, by: StaffId) -> Result<Request, RequestError> {
        let mut next = self.clone();
        match self.status {
            RequestStatus::Received => next.status = RequestStatus::InProgress,
            RequestStatus::Closed => {
                return Err(RequestError::WrongStatus {
                    expected: RequestStatus::InProgress.code(),
                    actual: self.status.code(),
                });
            }
            _ if self.assignee == Some(by) => return Err(RequestError::AlreadyTaken),
            _ => {}
        }
        next.assignee = Some(by);
        Ok(next)
    }

    /// Records, for one purpose of a withdrawal, whether processing stopped or continues and why.
    /// When every purpose is decided, the request moves to "processing stopped".
    pub fn decide(
        &self,
        purpose: PurposeCode,
        outcome: PurposeOutcome,
    ) -> Result<Request, RequestError> {
        if !self.is_withdrawal() {
            return Err(RequestError::NotApplicable(self.kind.code()));
        }
        self.expect(RequestStatus::InProgress)?;
        if !self.purposes.contains(&purpose) {
            return Err(RequestError::PurposeOutOfScope(purpose));
        }
        if self.outcomes.contains_key(&purpose) {
            return Err(RequestError::PurposeAlreadyDecided(purpose));
        }
        let outcome = match outcome {
            PurposeOutcome::Continues { legal_ground } => {
                let legal_ground = bounded(&legal_ground)?;
                if legal_ground.is_empty() {
                    return Err(RequestError::LegalGroundMissing);
                }
                PurposeOutcome::Continues { legal_ground }
            }
            PurposeOutcome::Stopped => PurposeOutcome::Stopped,
        };
        let mut next = self.clone();
        next.outcomes.insert(purpose, outcome);
        if next.outcomes.len() == next.purposes.len() {
            next.status = RequestStatus::ProcessingStopped;
        }
        Ok(next)
    }

    /// The data of the stopped purposes were destroyed or blocked.
    pub fn dispose(&self, disposal: Disposal) -> Result<Request, RequestError> {
        match self.kind {
            RequestKind::Withdrawal(_) => {
                self.expect(RequestStatus::ProcessingStopped)?;
                if !self
                    .outcomes
                    .values()
                    .any(|o| *o == PurposeOutcome::Stopped)
                {
                    return Err(RequestError::NothingToDispose);
                }
            }
            RequestKind::Blocking => self.expect(RequestStatus::InProgress)?,
            _ => return Err(RequestError::NotApplicable(self.kind.code())),
        }
        let mut next = self.clone();
        next.disposal = Some(disposal);
        next.status = RequestStatus::DataDisposed;
        Ok(next)
    }

    /// The subject was told the outcome (or got the answer to an access request or a claim).
    pub fn notify(&self, notification: Notification) -> Result<Request, RequestError> {
        if notification.on < self.received_on {
            return Err(RequestError::NotifiedBeforeReceived);
        }
        if !self.ready_to_notify() {
            return Err(RequestError::WrongStatus {
                expected: match self.kind {
                    RequestKind::Withdrawal(_) | RequestKind::Blocking => {
                        RequestStatus::DataDisposed.code()
                    }
                    _ => RequestStatus::InProgress.code(),
                },
                actual: self.status.code(),
            });
        }
        let mut next = self.clone();
        next.notification = Some(notification);
        next.status = RequestStatus::SubjectNotified;
        Ok(next)
    }

    /// The request without its free text (an extension's reason, a legal ground as written): what
    /// outlives a destroyed subject ([`crate::destruction::DestructionRecord`]).
    pub fn without_free_text(&self) -> Request {
        let mut kept = self.clone();
        kept.details = None;
        if let Some(extension) = &mut kept.extension {
            extension.reason.clear();
        }
        for outcome in kept.outcomes.values_mut() {
            if let PurposeOutcome::Continues { legal_ground } = outcome {
                legal_ground.clear();
            }
        }
        kept
    }

    /// Whether the subject may be told the outcome now: a withdrawal once its data were disposed of
    /// (or every purpose goes on), a blocking once the data were blocked, the others while in work.
    pub fn ready_to_notify(&self) -> bool {
        match self.kind {
            RequestKind::Withdrawal(_) => {
                let nothing_to_dispose = !self
                    .outcomes
                    .values()
                    .any(|o| *o == PurposeOutcome::Stopped);
                self.status == RequestStatus::DataDisposed
                    || (self.status == RequestStatus::ProcessingStopped && nothing_to_dispose)
            }
            RequestKind::Blocking => self.status == RequestStatus::DataDisposed,
            RequestKind::Access | RequestKind::Correction | RequestKind::Claim => {
                self.status == RequestStatus::InProgress
            }
        }
    }

    /// Closes a request whose subject has been notified.
    pub fn close(&self) -> Result<Request, RequestError> {
        self.expect(RequestStatus::SubjectNotified)?;
        let mut next = self.clone();
        next.status = RequestStatus::Closed;
        Ok(next)
    }

    /// The one +5 working day extension, with the reason that goes into the notice to the subject.
    pub fn extend(&self, extension: Extension) -> Result<Request, RequestError> {
        if !self.kind.extendable() {
            return Err(RequestError::NotExtendable(self.kind.code()));
        }
        if self.extension.is_some() {
            return Err(RequestError::AlreadyExtended);
        }
        if !self.status.is_open() || self.status >= RequestStatus::SubjectNotified {
            return Err(RequestError::WrongStatus {
                expected: RequestStatus::InProgress.code(),
                actual: self.status.code(),
            });
        }
        let reason = bounded(&extension.reason)?;
        if reason.is_empty() {
            return Err(RequestError::ReasonMissing);
        }
        let mut next = self.clone();
        next.extension = Some(Extension {
            reason,
            ..extension
        });
        Ok(next)
    }

    /// The reasoned notice of the extension was sent (or handed over) on a day through a channel
    /// (Art. 21 p. 5.1, Art. 14 p. 3): once, after the extension, not before the request arrived.
    pub fn note_extension_notice(&self, notice: Notification) -> Result<Request, RequestError> {
        if self.extension.is_none() {
            return Err(RequestError::NotExtended);
        }
        if self.extension_notice.is_some() {
            return Err(RequestError::ExtensionNoticeRecorded);
        }
        if notice.on < self.received_on {
            return Err(RequestError::NotifiedBeforeReceived);
        }
        let mut next = self.clone();
        next.extension_notice = Some(notice);
        Ok(next)
    }

    /// Every deadline of this request under `calendar`, the extension applied.
    pub fn deadlines(&self, calendar: &Calendar) -> Result<Vec<Deadline>, UnknownYear> {
        rules(&self.kind)
            .into_iter()
            .map(|(obligation, rule)| {
                let rule = match (rule, &self.extension) {
                    (DeadlineRule::WorkingDays(n), Some(_))
                        if matches!(
                            obligation,
                            Obligation::StopProcessing | Obligation::Answer
                        ) =>
                    {
                        DeadlineRule::WorkingDays(n + EXTENSION_WORKING_DAYS)
                    }
                    (rule, _) => rule,
                };
                Ok(Deadline {
                    obligation,
                    rule,
                    due: rule.due(self.received_on, calendar)?,
                })
            })
            .collect()
    }

    /// The deadline that matters now: the earliest one whose step is not done yet; `None` once the
    /// subject has been notified.
    pub fn next_deadline(&self, calendar: &Calendar) -> Result<Option<Deadline>, UnknownYear> {
        if self.status >= RequestStatus::SubjectNotified {
            return Ok(None);
        }
        let stopped_any = self
            .outcomes
            .values()
            .any(|o| *o == PurposeOutcome::Stopped);
        let done = |obligation: Obligation| match obligation {
            Obligation::StopProcessing => self.status >= RequestStatus::ProcessingStopped,
            // Nothing to destroy when every purpose continues on another legal ground.
            Obligation::Destroy => {
                self.status >= RequestStatus::DataDisposed
                    || (self.status >= RequestStatus::ProcessingStopped && !stopped_any)
            }
            Obligation::Block => self.status >= RequestStatus::DataDisposed,
            Obligation::Correct => self.corrected,
            Obligation::Answer | Obligation::AnswerClaim => false,
        };
        Ok(self
            .deadlines(calendar)?
            .into_iter()
            .filter(|d| !done(d.obligation))
            .min_by_key(|d| d.due))
    }
}

fn bounded(text: &str) -> Result<String, RequestError> {
    let text = text.trim();
    if text.chars().count() > TEXT_MAX {
        return Err(RequestError::TooLong(TEXT_MAX));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use crate::dates::date;

    use super::*;
    use crate::testkit::*;

    fn manager() -> StaffId {
        staff(7)
    }

    #[test]
    fn taking_a_request_assigns_it_and_another_manager_may_take_it_over() {
        let received = withdrawal_on(date(2026, 3, 2));
        assert_eq!(received.assignee, None);
        let taken = received.start(manager()).expect("start");
        assert_eq!(taken.status, RequestStatus::InProgress);
        assert_eq!(taken.assignee, Some(manager()));
        assert_eq!(taken.start(manager()), Err(RequestError::AlreadyTaken));
        let other = staff(8);
        let over = taken.start(other).expect("take over");
        assert_eq!(over.status, RequestStatus::InProgress);
        assert_eq!(over.assignee, Some(other));
        // Taking over keeps what was done: a decided purpose stays decided.
        let code = over.purposes.iter().next().expect("a purpose").clone();
        let decided = over
            .decide(code.clone(), PurposeOutcome::Stopped)
            .expect("decide");
        let back = decided.start(manager()).expect("take back");
        assert_eq!(back.outcomes.get(&code), Some(&PurposeOutcome::Stopped));
        assert_eq!(back.status, decided.status);
        let closed = Request {
            status: RequestStatus::Closed,
            ..back
        };
        assert!(matches!(
            closed.start(other),
            Err(RequestError::WrongStatus { .. })
        ));
    }

    const NOTIF: &PurposeCode = &PurposeCode::NOTIFICATIONS;
    const ADV: &PurposeCode = &PurposeCode::ADVERTISING;

    fn received(kind: RequestKind, on: NaiveDate) -> Request {
        let scope = match &kind {
            RequestKind::Withdrawal(_) => purposes(&[NOTIF, ADV]),
            _ => BTreeSet::new(),
        };
        Request::receive(
            request_id(1),
            patient_id(1),
            kind,
            on,
            RequestChannel::Post,
            scope,
            on,
        )
        .expect("received")
    }

    fn withdrawal_on(on: NaiveDate) -> Request {
        received(RequestKind::Withdrawal(Scope::All), on)
    }

    fn notification(on: NaiveDate) -> Notification {
        Notification {
            on,
            channel: RequestChannel::Email,
            by: staff(1),
        }
    }

    fn extension(reason: &str) -> Extension {
        Extension {
            reason: reason.to_owned(),
            by: staff(1),
            at: crate::hlc::Hlc::new(1, 0),
        }
    }

    fn due(request: &Request, obligation: Obligation) -> NaiveDate {
        request
            .deadlines(&Calendar::builtin())
            .expect("known years")
            .into_iter()
            .find(|d| d.obligation == obligation)
            .expect("obligation present")
            .due
    }

    #[test]
    fn deadlines_follow_legal_md_section_3() {
        let cases: Vec<(&str, RequestKind, NaiveDate, Obligation, NaiveDate)> = vec![
            // LEGAL.md §5 worked examples: 10 working days from receipt.
            (
                "withdrawal, working Saturday 01.11.2025 counts",
                RequestKind::Withdrawal(Scope::All),
                date(2025, 10, 24),
                Obligation::StopProcessing,
                date(2025, 11, 10),
            ),
            (
                "withdrawal across the New Year holidays",
                RequestKind::Withdrawal(Scope::All),
                date(2025, 12, 26),
                Obligation::StopProcessing,
                date(2026, 1, 21),
            ),
            (
                "destroy: 30 calendar days, Sunday 23.11 moves to Monday",
                RequestKind::Withdrawal(Scope::All),
                date(2025, 10, 24),
                Obligation::Destroy,
                date(2025, 11, 24),
            ),
            (
                "access request: 10 working days",
                RequestKind::Access,
                date(2026, 3, 2),
                Obligation::Answer,
                date(2026, 3, 17),
            ),
            (
                "correction: 7 working days",
                RequestKind::Correction,
                date(2026, 4, 28),
                Obligation::Correct,
                date(2026, 5, 8),
            ),
            (
                "complaint: block from receipt",
                RequestKind::Blocking,
                date(2026, 2, 20),
                Obligation::Block,
                date(2026, 2, 20),
            ),
            (
                "claim: 30 calendar days",
                RequestKind::Claim,
                date(2026, 6, 1),
                Obligation::AnswerClaim,
                date(2026, 7, 1),
            ),
        ];
        for (name, kind, on, obligation, expected) in cases {
            assert_eq!(due(&received(kind, on), obligation), expected, "{name}");
        }
    }

    #[test]
    fn one_extension_adds_five_working_days_with_a_reason() {
        let request = withdrawal_on(date(2025, 10, 24))
            .start(manager())
            .expect("start");
        let extended = request
            .extend(extension("Запрошены архивные документы"))
            .expect("extend");
        assert_eq!(
            due(&extended, Obligation::StopProcessing),
            date(2025, 11, 17)
        );
        assert_eq!(
            due(&extended, Obligation::Destroy),
            date(2025, 11, 24),
            "the 30-day destruction term is not extended"
        );
        let again = extended
            .extend(extension("Ещё раз"))
            .expect_err("only once");
        assert_eq!(again.code(), "request_already_extended");
    }

    #[test]
    fn a_corrected_calendar_moves_running_deadlines() {
        let request = withdrawal_on(date(2025, 10, 24));
        let mut calendar = Calendar::builtin();
        let before = request
            .next_deadline(&calendar)
            .expect("known")
            .expect("open");
        assert_eq!(before.due, date(2025, 11, 10));
        let mut xml = calendar.to_xml(2025).expect("2025 known");
        // A correction by decree: Wednesday 05.11.2025 becomes a day off.
        xml = xml.replace("</days>", "<day d=\"11.05\" t=\"1\"/></days>");
        calendar.import_xml(&xml).expect("valid correction");
        let after = request
            .next_deadline(&calendar)
            .expect("known")
            .expect("open");
        assert_eq!(after.due, date(2025, 11, 11));
    }

    #[test]
    fn a_date_beyond_the_known_years_is_unknown_not_guessed() {
        let request = withdrawal_on(date(2031, 3, 3));
        let err = request
            .deadlines(&Calendar::builtin())
            .expect_err("2031 unknown");
        assert_eq!(err.year, 2031);
    }

    #[test]
    fn a_withdrawal_runs_its_whole_course() {
        let on = date(2025, 10, 24);
        let calendar = Calendar::builtin();
        let mut request = withdrawal_on(on);
        assert_eq!(request.status, RequestStatus::Received);
        request = request.start(manager()).expect("start");
        request = request
            .decide(NOTIF.clone(), PurposeOutcome::Stopped)
            .expect("stop");
        assert_eq!(
            request.status,
            RequestStatus::InProgress,
            "one purpose left"
        );
        request = request
            .decide(
                ADV.clone(),
                PurposeOutcome::Continues {
                    legal_ground: "  п. 5 ч. 1 ст. 6 152-ФЗ  ".to_owned(),
                },
            )
            .expect("continues");
        assert_eq!(request.status, RequestStatus::ProcessingStopped);
        assert_eq!(
            request.outcomes[ADV],
            PurposeOutcome::Continues {
                legal_ground: "п. 5 ч. 1 ст. 6 152-ФЗ".to_owned()
            }
        );
        assert_eq!(
            request
                .next_deadline(&calendar)
                .expect("known")
                .map(|d| d.obligation),
            Some(Obligation::Destroy)
        );
        request = request.dispose(Disposal::Destroyed).expect("destroy");
        request = request
            .notify(notification(date(2025, 11, 5)))
            .expect("notify");
        assert_eq!(request.next_deadline(&calendar).expect("known"), None);
        request = request.close().expect("close");
        assert_eq!(request.status, RequestStatus::Closed);
        assert!(!request.status.is_open());
    }

    #[test]
    fn every_invalid_step_is_an_error_and_changes_nothing() {
        type Step = Box<dyn Fn(&Request) -> Result<Request, RequestError>>;
        let on = date(2025, 10, 24);
        let w = withdrawal_on(on);
        let started = w.start(manager()).expect("start");
        let all_continue = started
            .decide(
                NOTIF.clone(),
                PurposeOutcome::Continues {
                    legal_ground: "договор".into(),
                },
            )
            .and_then(|r| {
                r.decide(
                    ADV.clone(),
                    PurposeOutcome::Continues {
                        legal_ground: "договор".into(),
                    },
                )
            })
            .expect("all continue");
        let access = received(RequestKind::Access, on)
            .start(manager())
            .expect("start access");
        let cases: Vec<(&str, Request, Step, &str)> = vec![
            (
                "start twice by the same manager",
                started.clone(),
                Box::new(|r| r.start(manager())),
                "request_already_taken",
            ),
            (
                "decide before start",
                w.clone(),
                Box::new(|r| r.decide(NOTIF.clone(), PurposeOutcome::Stopped)),
                "request_wrong_status",
            ),
            (
                "decide out of scope",
                started.clone(),
                Box::new(|r| r.decide(PurposeCode::SUPPORT, PurposeOutcome::Stopped)),
                "request_purpose_out_of_scope",
            ),
            (
                "decide twice",
                started
                    .decide(NOTIF.clone(), PurposeOutcome::Stopped)
                    .expect("first"),
                Box::new(|r| r.decide(NOTIF.clone(), PurposeOutcome::Stopped)),
                "request_purpose_already_decided",
            ),
            (
                "continue without a ground",
                started.clone(),
                Box::new(|r| {
                    r.decide(
                        NOTIF.clone(),
                        PurposeOutcome::Continues {
                            legal_ground: " ".into(),
                        },
                    )
                }),
                "request_legal_ground_missing",
            ),
            (
                "ground too long",
                started.clone(),
                Box::new(|r| {
                    r.decide(
                        NOTIF.clone(),
                        PurposeOutcome::Continues {
                            legal_ground: "о".repeat(TEXT_MAX + 1),
                        },
                    )
                }),
                "request_text_too_long",
            ),
            (
                "dispose before stopping",
                started.clone(),
                Box::new(|r| r.dispose(Disposal::Destroyed)),
                "request_wrong_status",
            ),
            (
                "dispose when every purpose continues",
                all_continue.clone(),
                Box::new(|r| r.dispose(Disposal::Blocked)),
                "request_nothing_to_dispose",
            ),
            (
                "notify before disposal",
                started.clone(),
                Box::new(move |r| r.notify(notification(on))),
                "request_wrong_status",
            ),
            (
                "notify before receipt",
                all_continue.clone(),
                Box::new(|r| r.notify(notification(date(2025, 10, 23)))),
                "request_notified_before_received",
            ),
            (
                "close an open request",
                started.clone(),
                Box::new(|r| r.close()),
                "request_wrong_status",
            ),
            (
                "extend without a reason",
                started.clone(),
                Box::new(|r| r.extend(extension("  "))),
                "request_reason_missing",
            ),
            (
                "extend a correction",
                received(RequestKind::Correction, on),
                Box::new(|r| r.extend(extension("причина"))),
                "request_not_extendable",
            ),
            (
                "decide on an access request",
                access.clone(),
                Box::new(|r| r.decide(NOTIF.clone(), PurposeOutcome::Stopped)),
                "request_step_not_applicable",
            ),
            (
                "dispose on an access request",
                access.clone(),
                Box::new(|r| r.dispose(Disposal::Destroyed)),
                "request_step_not_applicable",
            ),
            (
                "extend after notification",
                access.notify(notification(on)).expect("answered"),
                Box::new(|r| r.extend(extension("поздно"))),
                "request_wrong_status",
            ),
        ];
        for (name, request, step, code) in cases {
            let before = request.clone();
            let err = step(&request).expect_err(name);
            assert_eq!(err.code(), code, "{name}");
            assert_eq!(request, before, "{name}");
        }
    }

    #[test]
    fn receiving_checks_its_input() {
        let future = Request::receive(
            request_id(1),
            patient_id(1),
            RequestKind::Access,
            date(2025, 10, 25),
            RequestChannel::Email,
            BTreeSet::new(),
            TODAY,
        )
        .expect_err("future");
        assert_eq!(future.code(), "request_received_in_future");
        let empty = Request::receive(
            request_id(1),
            patient_id(1),
            RequestKind::Withdrawal(Scope::All),
            TODAY,
            RequestChannel::Email,
            BTreeSet::new(),
            TODAY,
        )
        .expect_err("nothing to withdraw");
        assert_eq!(empty.code(), "request_empty_scope");
    }

    #[test]
    fn a_withdrawal_where_everything_continues_skips_disposal() {
        let on = date(2025, 10, 24);
        let request = withdrawal_on(on)
            .start(manager())
            .and_then(|r| {
                r.decide(
                    NOTIF.clone(),
                    PurposeOutcome::Continues {
                        legal_ground: "договор".into(),
                    },
                )
            })
            .and_then(|r| {
                r.decide(
                    ADV.clone(),
                    PurposeOutcome::Continues {
                        legal_ground: "договор".into(),
                    },
                )
            })
            .expect("decided");
        assert_eq!(
            request.next_deadline(&Calendar::builtin()).expect("known"),
            None
        );
        let notified = request.notify(notification(on)).expect("notify directly");
        assert_eq!(notified.status, RequestStatus::SubjectNotified);
    }
}
