//! Subject requests: take in a withdrawal or another request, work it step by step (start, decide per
//! purpose, extend once, dispose of the data, notify, close), and the managers' queue with deadlines in
//! working days. Every step checks the actor's role and the request's state before it records anything.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use consent_domain::calendar::Calendar;
use consent_domain::consent::Stage;
use consent_domain::date_rules;
use consent_domain::event::EventBody;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{PatientId, RequestId};
use consent_domain::purpose::LegalGround;
use consent_domain::request::{
    Deadline, Disposal, Extension, Notification, PurposeOutcome, Request, RequestChannel,
    RequestKind, RequestStatus, Scope,
};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_domain::state::Blocking;
use consent_store::clinic_date;

use super::{Desk, ReceiveInput, bad_date, new_uuid, parse_day, parse_id, staff_name};
use crate::ServiceError;
use crate::api::{DeadlineView, PurposeOutcomeView, RequestView};
use crate::error::{Missing, check_stored_text};

impl Desk {
    /// Takes in a subject request; a withdrawal takes effect at once and enters the queue.
    pub fn receive_request(
        &mut self,
        actor: &Staff,
        input: &ReceiveInput,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::ReceiveRequest)?;
        let patient = parse_id::<PatientId>(&input.patient, "patient id")?;
        self.require_patient(patient)?;
        let today = self.today();
        let received_on = match input
            .received_on
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(text) => parse_day(text, "received date")?,
            None => today,
        };
        let channel = parse_channel(&input.channel)?;
        let state = self.store.subject(patient)?;
        let mut in_force = BTreeSet::new();
        for consent in state.consents.values() {
            if matches!(consent.stage, Stage::Signed(_)) {
                in_force.extend(consent.in_force_purposes());
            }
        }
        let registered_on = state
            .patients
            .get(&patient)
            .map(|record| clinic_date(record.registered_at.wall_ms))
            .ok_or(ServiceError::NotFound(Missing::Patient))?;
        let (kind, purposes) = match input.kind.trim() {
            "withdrawal" if input.purposes.is_empty() => {
                (RequestKind::Withdrawal(Scope::All), in_force)
            }
            "withdrawal" => {
                let chosen = input
                    .purposes
                    .iter()
                    .map(|c| self.purpose(c))
                    .collect::<Result<BTreeSet<_>, _>>()?;
                if let Some(not_granted) = chosen.iter().find(|c| !in_force.contains(*c)) {
                    return Err(ServiceError::Rule {
                        detail: consent_domain::consent::ConsentError::PurposeNotGranted(
                            not_granted.clone(),
                        )
                        .code(),
                    });
                }
                (
                    RequestKind::Withdrawal(Scope::Purposes(chosen.clone())),
                    chosen,
                )
            }
            "access" => (RequestKind::Access, BTreeSet::new()),
            "correction" => (RequestKind::Correction, BTreeSet::new()),
            "blocking" => (RequestKind::Blocking, BTreeSet::new()),
            "claim" => (RequestKind::Claim, BTreeSet::new()),
            _ => {
                return Err(ServiceError::BadInput {
                    what: "request kind",
                    detail: "unknown_choice",
                });
            }
        };
        // A withdrawal cannot be received before the newest consent it takes a purpose back from was
        // signed.
        let withdrawn_signed_on = state
            .consents
            .values()
            .filter_map(|consent| match &consent.stage {
                Stage::Signed(signature)
                    if consent
                        .in_force_purposes()
                        .iter()
                        .any(|code| purposes.contains(code)) =>
                {
                    Some(clinic_date(signature.at.wall_ms))
                }
                _ => None,
            })
            .max();
        date_rules::check_received(received_on, today, registered_on, withdrawn_signed_on)
            .map_err(|p| bad_date("received date", p))?;
        let id = RequestId::from_uuid(new_uuid(self.now())?);
        let details = input
            .details
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        if let Some(text) = &details {
            check_stored_text(text, "details")?;
        }
        if kind == RequestKind::Correction && details.is_none() {
            return Err(ServiceError::Rule {
                detail: "request_details_missing",
            });
        }
        // The domain's own checks (scope, dates, length) before anything is recorded.
        Request::receive(
            id,
            patient,
            kind.clone(),
            received_on,
            channel,
            purposes.clone(),
            today,
        )?
        .with_details(details.as_deref())?;
        // A deadline in a year the calendar does not know never stops the intake: the request is
        // the patient's right and is recorded; its views flag the year until the calendar is
        // imported, and the deadlines are counted then.
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::RequestReceived {
                request: id,
                patient,
                kind,
                received_on,
                channel,
                purposes,
                details,
            },
        )?;
        self.request(actor, &id.to_string())
    }

    pub(super) fn load_request(&self, id: &str) -> Result<Request, ServiceError> {
        consent_store::projection::request(self.store_conn(), parse_id(id, "request id")?)?
            .ok_or(ServiceError::NotFound(Missing::Request))
    }

    /// Appends `body` after the domain accepted `step` on the request, and shows the result.
    fn request_step(
        &mut self,
        actor: &Staff,
        use_case: UseCase,
        id: &str,
        step: impl FnOnce(&Request) -> Result<Request, consent_domain::request::RequestError>,
        body: impl FnOnce(&Request) -> EventBody,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, use_case)?;
        let request = self.load_request(id)?;
        step(&request)?;
        self.store.append(actor.id(), self.now(), body(&request))?;
        self.request(actor, id)
    }

    /// A manager takes the request into work, or takes over one another manager has (recorded like
    /// any step: who and when).
    pub fn start_request(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        let by = actor.id();
        self.request_step(
            actor,
            UseCase::StartProcessing,
            id,
            move |r| r.start(by),
            |r| EventBody::RequestStarted {
                patient: r.patient,
                request: r.id,
            },
        )
    }

    /// Records, for one purpose of a withdrawal, that processing stopped (`legal_ground` none) or
    /// continues on the given legal ground.
    pub fn decide_purpose(
        &mut self,
        actor: &Staff,
        id: &str,
        purpose: &str,
        legal_ground: Option<&str>,
    ) -> Result<RequestView, ServiceError> {
        let purpose = self.purpose(purpose)?;
        let outcome = match legal_ground.map(str::trim) {
            Some(ground) => {
                check_stored_text(ground, "legal ground")?;
                PurposeOutcome::Continues {
                    legal_ground: ground.to_owned(),
                }
            }
            None => PurposeOutcome::Stopped,
        };
        let (p, o) = (purpose.clone(), outcome.clone());
        self.request_step(
            actor,
            UseCase::RecordPurposeDecision,
            id,
            move |r| r.decide(p, o),
            move |r| EventBody::PurposeDecided {
                patient: r.patient,
                request: r.id,
                purpose,
                outcome,
            },
        )
    }

    /// Records, for one purpose of a withdrawal, that processing stopped (`ground` none) or goes on
    /// under a ground chosen from the catalogue ([`Desk::legal_grounds`]), with the manager's note.
    /// What is recorded (and printed in the notice to the patient) is the ground in Russian with its
    /// provisions, then the note.
    pub fn decide_purpose_on(
        &mut self,
        actor: &Staff,
        id: &str,
        purpose: &str,
        ground: Option<&str>,
        note: &str,
    ) -> Result<RequestView, ServiceError> {
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = match ground.map(str::trim).filter(|g| !g.is_empty()) {
            None => None,
            Some(code) => {
                let ground = LegalGround::from_code(code)
                    .filter(|g| LegalGround::CONTINUING.contains(g))
                    .ok_or(ServiceError::BadInput {
                        what: "legal ground",
                        detail: "unknown_choice",
                    })?;
                let mut text = format!("{} ({})", ground.title_ru(), ground.decision_citation_ru());
                if !note.is_empty() {
                    text.push_str("; ");
                    text.push_str(&note);
                }
                Some(text)
            }
        };
        self.decide_purpose(actor, id, purpose, text.as_deref())
    }

    /// The one +5 working day extension, with the reason the notice to the subject gives.
    pub fn extend_request(
        &mut self,
        actor: &Staff,
        id: &str,
        reason: &str,
    ) -> Result<RequestView, ServiceError> {
        let reason = reason.trim();
        check_stored_text(reason, "reason")?;
        let extension = Extension {
            reason: reason.to_owned(),
            by: actor.id(),
            at: Hlc::new(self.now(), 0),
        };
        let reason = reason.to_owned();
        self.request_step(
            actor,
            UseCase::ExtendDeadline,
            id,
            move |r| r.extend(extension),
            move |r| EventBody::RequestExtended {
                patient: r.patient,
                request: r.id,
                reason,
            },
        )
    }

    /// The data of the stopped purposes (or, for a complaint, all of them) are blocked: destroying
    /// them in time is impossible (Art. 21 p. 6), or a verification runs (Art. 21 p. 1). Destroying
    /// is [`Desk::destroy_subject`], which needs the manager's confirmation.
    pub fn block_data(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        self.request_step(
            actor,
            UseCase::BlockData,
            id,
            move |r| r.dispose(Disposal::Blocked),
            move |r| EventBody::DataDisposed {
                patient: r.patient,
                request: r.id,
                disposal: Disposal::Blocked,
                record: None,
            },
        )
    }

    /// The patient's current data as the patient form shows them, for a correction request's
    /// manager to start from.
    pub fn correction_form(
        &self,
        actor: &Staff,
        id: &str,
    ) -> Result<crate::api::PatientForm, ServiceError> {
        authorize(actor, UseCase::ApproveCorrection)?;
        let request = self.load_request(id)?;
        if request.kind != RequestKind::Correction {
            return Err(
                consent_domain::request::RequestError::NotApplicable(request.kind.code()).into(),
            );
        }
        let record = self.require_patient(request.patient)?;
        Ok(crate::api::PatientForm::from(
            &consent_domain::patient::PatientInput::from(&record.data),
        ))
    }

    /// A manager applies a correction's values (Art. 21 p. 2): the patient's data as corrected,
    /// validated like any patient form, recorded with the request, which then waits for the notice.
    pub fn correct_data(
        &mut self,
        actor: &Staff,
        id: &str,
        input: &consent_domain::patient::PatientInput,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::ApproveCorrection)?;
        let request = self.load_request(id)?;
        request.correct()?;
        super::blocking::unblocked(&self.require_patient(request.patient)?)?;
        let data = consent_domain::patient::validate(input, self.today())
            .map_err(ServiceError::InvalidPatient)?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::DataCorrected {
                patient: request.patient,
                request: request.id,
                data: Box::new(data),
            },
        )?;
        self.request(actor, id)
    }

    /// The subject was told the outcome on `on` through `channel`.
    pub fn notify_subject(
        &mut self,
        actor: &Staff,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::NotifySubject)?;
        let (on, channel) = self.notice_day_and_channel(id, on, channel)?;
        let notification = Notification {
            on,
            channel,
            by: actor.id(),
        };
        self.request_step(
            actor,
            UseCase::NotifySubject,
            id,
            move |r| r.notify(notification),
            move |r| EventBody::SubjectNotified {
                patient: r.patient,
                request: r.id,
                on,
                channel,
            },
        )
    }

    /// The reasoned notice of the extension reached the subject on `on` (today when empty) through
    /// `channel`: post, e-mail or in person.
    pub fn record_extension_notice(
        &mut self,
        actor: &Staff,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::NotifySubject)?;
        let (on, channel) = self.notice_day_and_channel(id, on, channel)?;
        let notice = Notification {
            on,
            channel,
            by: actor.id(),
        };
        self.request_step(
            actor,
            UseCase::NotifySubject,
            id,
            move |r| r.note_extension_notice(notice),
            move |r| EventBody::ExtensionNoticeSent {
                patient: r.patient,
                request: r.id,
                on,
                channel,
            },
        )
    }

    /// The day a notice reached the subject (today when not given; never before the request nor
    /// after today) and how.
    fn notice_day_and_channel(
        &self,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<(NaiveDate, RequestChannel), ServiceError> {
        let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_day(text, "date")?,
            None => self.today(),
        };
        let received_on = self.load_request(id)?.received_on;
        date_rules::check_notified(on, received_on, self.today())
            .map_err(|p| bad_date("date", p))?;
        Ok((on, parse_channel(channel)?))
    }

    /// Closes a request whose subject was notified.
    pub fn close_request(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        self.request_step(actor, UseCase::CloseRequest, id, Request::close, |r| {
            EventBody::RequestClosed {
                patient: r.patient,
                request: r.id,
            }
        })
    }

    pub fn request(&self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::ViewPatients)?;
        let request = self.load_request(id)?;
        let blocked = self.store.patient(request.patient)?.and_then(|p| p.blocked);
        self.request_view(&request, actor, blocked.as_ref())
    }

    /// The request as `actor` sees it; `blocked`: its subject's block, if any (the card passes the
    /// record's, so a card with many requests reads the patient once).
    pub(super) fn request_view(
        &self,
        request: &Request,
        actor: &Staff,
        blocked: Option<&Blocking>,
    ) -> Result<RequestView, ServiceError> {
        let today = self.today();
        let calendar = self.store.calendar();
        let (deadlines, unknown_year) = match request.deadlines(calendar) {
            Ok(list) => (
                list.iter()
                    .map(|d| deadline_view(d, today, calendar))
                    .collect::<Result<_, _>>()?,
                None,
            ),
            // A running request whose year is unknown still shows, flagged with the year.
            Err(unknown) => (Vec::new(), Some(unknown.year)),
        };
        let names = self.staff_names()?;
        let lang = self.lang;
        let outcomes = request
            .purposes
            .iter()
            .map(|code| {
                let (decision, legal_ground) = match request.outcomes.get(code) {
                    None => ("pending", None),
                    Some(PurposeOutcome::Stopped) => ("stopped", None),
                    Some(PurposeOutcome::Continues { legal_ground }) => {
                        ("continues", Some(legal_ground.clone()))
                    }
                };
                PurposeOutcomeView {
                    purpose: code.as_str().to_owned(),
                    title: self
                        .catalogue
                        .get(code)
                        .map(|p| p.title.get(lang).to_owned())
                        .unwrap_or_else(|| code.as_str().to_owned()),
                    decision: decision.to_owned(),
                    legal_ground,
                }
            })
            .collect();
        Ok(RequestView {
            id: request.id.to_string(),
            patient_id: request.patient.to_string(),
            kind: request.kind.code().to_owned(),
            status: status_code(request).to_owned(),
            received_on: request.received_on.to_string(),
            channel: request.channel.code().to_owned(),
            purposes: request
                .purposes
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
            extended: request.extension.is_some(),
            deadlines,
            outcomes,
            extension_reason: request.extension.as_ref().map(|e| e.reason.clone()),
            assignee: request.assignee.map(|id| staff_name(&names, id)),
            assigned_to_me: request.assignee == Some(actor.id()),
            unknown_year,
            blocks_data: blocked.is_some_and(|b| b.request == request.id),
            ready_to_notify: request.ready_to_notify(),
            subject_destroyed: self.store.destroyed_subject(request.patient)?.is_some(),
            details: request.details.clone(),
            corrected: request.corrected,
            extension_notice_on: request.extension_notice.as_ref().map(|n| n.on.to_string()),
            extension_notice_channel: request
                .extension_notice
                .as_ref()
                .map(|n| n.channel.code().to_owned()),
        })
    }
}

fn parse_channel(text: &str) -> Result<RequestChannel, ServiceError> {
    match text.trim() {
        "in_person" | "" => Ok(RequestChannel::InPerson),
        "email" => Ok(RequestChannel::Email),
        "post" => Ok(RequestChannel::Post),
        _ => Err(ServiceError::BadInput {
            what: "channel",
            detail: "unknown_choice",
        }),
    }
}

/// The request's state as staff read it: a disposal by blocking reads «данные заблокированы», not
/// «данные уничтожены».
pub(super) fn status_code(request: &Request) -> &'static str {
    match (request.status, request.disposal) {
        (RequestStatus::DataDisposed, Some(Disposal::Blocked)) => "data_blocked",
        (status, _) => status.code(),
    }
}

pub(super) fn deadline_view(
    deadline: &Deadline,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<DeadlineView, ServiceError> {
    Ok(DeadlineView {
        obligation: deadline.obligation.code().to_owned(),
        due: deadline.due.to_string(),
        working_days_left: calendar.working_days_between(today, deadline.due)?,
        overdue: deadline.due < today,
    })
}
