//! Subject requests: take in a withdrawal or another request, work it step by step (start, decide per
//! purpose, extend once, dispose of the data, notify, close), and the managers' queue with deadlines in
//! working days. Every step checks the actor's role and the request's state before it records anything.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use consent_domain::calendar::Calendar;
use consent_domain::consent::Stage;
use consent_domain::date_rules;
use consent_domain::event::EventBody;
use consent_domain::hlc::Hlc;
use consent_domain::ids::{PatientId, RequestId};
use consent_domain::request::{
    Deadline, Disposal, Extension, Notification, PurposeOutcome, Request, RequestChannel,
    RequestKind, Scope,
};
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_store::clinic_date;

use super::{Desk, ReceiveInput, bad_date, new_uuid, parse_day, parse_id};
use crate::ServiceError;
use crate::api::{DeadlineView, QueueItem, RequestView};
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
        let request = Request::receive(
            id,
            patient,
            kind.clone(),
            received_on,
            channel,
            purposes.clone(),
            today,
        )?;
        // A deadline in an unknown year is refused before anything is recorded.
        request.deadlines(self.store.calendar())?;
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

    /// A manager takes the request into work.
    pub fn start_request(&mut self, actor: &Staff, id: &str) -> Result<RequestView, ServiceError> {
        self.request_step(actor, UseCase::StartProcessing, id, Request::start, |r| {
            EventBody::RequestStarted {
                patient: r.patient,
                request: r.id,
            }
        })
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

    /// The stopped purposes' data were destroyed (or, where that is impossible in time, blocked).
    pub fn dispose_request(
        &mut self,
        actor: &Staff,
        id: &str,
        destroyed: bool,
    ) -> Result<RequestView, ServiceError> {
        let (disposal, use_case) = if destroyed {
            (Disposal::Destroyed, UseCase::DestroyData)
        } else {
            (Disposal::Blocked, UseCase::BlockData)
        };
        self.request_step(
            actor,
            use_case,
            id,
            move |r| r.dispose(disposal),
            move |r| EventBody::DataDisposed {
                patient: r.patient,
                request: r.id,
                disposal,
            },
        )
    }

    /// The subject was told the outcome on `on` through `channel`.
    pub fn notify_subject(
        &mut self,
        actor: &Staff,
        id: &str,
        on: Option<&str>,
        channel: &str,
    ) -> Result<RequestView, ServiceError> {
        let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_day(text, "date")?,
            None => self.today(),
        };
        authorize(actor, UseCase::NotifySubject)?;
        let received_on = self.load_request(id)?.received_on;
        date_rules::check_notified(on, received_on, self.today())
            .map_err(|p| bad_date("date", p))?;
        let channel = parse_channel(channel)?;
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
        self.request_view(&self.load_request(id)?)
    }

    /// The managers' queue: open requests, overdue and soonest first.
    pub fn queue(&self, actor: &Staff) -> Result<Vec<QueueItem>, ServiceError> {
        authorize(actor, UseCase::ViewQueue)?;
        let today = self.today();
        let calendar = self.store.calendar();
        // Many requests share a due date: count working days once per date.
        let mut left: BTreeMap<NaiveDate, Option<i64>> = BTreeMap::new();
        let rows = self.store.queue()?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let next = match (row.next_due, row.next_obligation) {
                (Some(due), Some(obligation)) => {
                    let days = *left
                        .entry(due)
                        .or_insert_with(|| calendar.working_days_between(today, due).ok());
                    days.map(|days| DeadlineView {
                        obligation,
                        due: due.to_string(),
                        working_days_left: days,
                        overdue: due < today,
                    })
                }
                _ => None,
            };
            items.push(QueueItem {
                request_id: row.request.to_string(),
                patient_id: row.patient.to_string(),
                patient_name: row.patient_name,
                kind: row.kind,
                status: row.status,
                received_on: row.received_on.to_string(),
                extended: row.extended,
                next,
            });
        }
        Ok(items)
    }

    pub(super) fn request_view(&self, request: &Request) -> Result<RequestView, ServiceError> {
        let today = self.today();
        let calendar = self.store.calendar();
        let deadlines = match request.deadlines(calendar) {
            Ok(list) => list
                .iter()
                .map(|d| deadline_view(d, today, calendar))
                .collect::<Result<_, _>>()?,
            // A running request whose year is unknown still shows; its deadlines say so elsewhere.
            Err(_) => Vec::new(),
        };
        Ok(RequestView {
            id: request.id.to_string(),
            patient_id: request.patient.to_string(),
            kind: request.kind.code().to_owned(),
            status: request.status.code().to_owned(),
            received_on: request.received_on.to_string(),
            channel: request.channel.code().to_owned(),
            purposes: request
                .purposes
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
            extended: request.extension.is_some(),
            deadlines,
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

fn deadline_view(
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
