//! The state of a desk: patients, consents and requests, folded from the ledger.
//!
//! The fold is deterministic and independent of arrival order: [`State::fold`] sorts events by
//! [`EventKey`] (clock reading, desk, sequence) before applying them, so every desk and the server reach
//! the same state from the same set of events. Events are facts that were checked when they were made;
//! if two desks made facts that contradict each other (both signed the same form, say), the later one
//! in the order is kept in [`State::conflicts`] rather than applied, the same way on every desk.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Deref;

use crate::clinic::ClinicDetails;
use crate::consent::{self, Consent, PurposeWithdrawal, Signature, Stage};
use crate::destruction::DestroyedSubject;
use crate::event::{Event, EventBody, EventKey, PrintedDocument};
use crate::hlc::Hlc;
use crate::ids::{ConsentId, EventId, FormId, PatientId, RequestId};
use crate::patient::Patient;
use crate::request::{
    Disposal, Extension, Notification, Request, RequestError, RequestKind, Scope,
};
use crate::staff::{Staff, StaffId};

/// A registered patient with who registered them and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientRecord {
    pub id: PatientId,
    pub data: Patient,
    pub registered_at: Hlc,
    pub registered_by: StaffId,
    pub updated_at: Hlc,
    /// Set while the subject's data are blocked (policy 4.2.4, Art. 21 p. 1): nothing about them is
    /// changed or printed until a manager unblocks them.
    pub blocked: Option<Blocking>,
}

/// Why and since when a subject's data are blocked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocking {
    /// The request under which they were blocked (a complaint being verified, or a withdrawal whose
    /// data could not be destroyed in time).
    pub request: RequestId,
    pub since: Hlc,
    pub by: StaffId,
}

/// A printed form other than a consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedForm {
    pub form: FormId,
    pub patient: PatientId,
    pub document: PrintedDocument,
    pub request: Option<RequestId>,
    pub at: Hlc,
    pub by: StaffId,
}

/// An event that could not be applied in the order it sorts into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub event: EventId,
    pub kind: &'static str,
    /// The stable code of the rule it broke.
    pub reason: &'static str,
}

/// Returned by [`State::apply`] for an event that sorts before one already applied: the caller must
/// fold again from the ledger (this happens when a late event arrives from another desk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("event sorts before the last applied one; fold again from the ledger")]
pub struct OutOfOrder {
    pub last: EventKey,
    pub event: EventKey,
}

/// Something that belongs to one patient (a consent, a request).
pub trait OfPatient {
    fn patient(&self) -> PatientId;
}

impl OfPatient for Consent {
    fn patient(&self) -> PatientId {
        self.patient
    }
}

impl OfPatient for Request {
    fn patient(&self) -> PatientId {
        self.patient
    }
}

/// A map by id that also knows each patient's ids, so "every consent of this patient" is a lookup
/// rather than a scan of every consent (a signature or a withdrawal asks it; scanning made folding a
/// big clinic's ledger quadratic). It reads as the plain map (`Deref`); the only way to change it is
/// [`ByPatient::insert`], so the index cannot fall out of step with the map.
#[derive(Clone, PartialEq, Eq)]
pub struct ByPatient<K, V> {
    items: BTreeMap<K, V>,
    index: BTreeMap<PatientId, BTreeSet<K>>,
}

impl<K, V> Default for ByPatient<K, V> {
    fn default() -> Self {
        ByPatient {
            items: BTreeMap::new(),
            index: BTreeMap::new(),
        }
    }
}

impl<K: Ord + Copy, V: OfPatient> ByPatient<K, V> {
    /// Inserts or replaces `value` under `id`; returns what it replaced.
    pub fn insert(&mut self, id: K, value: V) -> Option<V> {
        let patient = value.patient();
        let old = self.items.insert(id, value);
        if let Some(old) = &old
            && old.patient() != patient
            && let Some(ids) = self.index.get_mut(&old.patient())
        {
            ids.remove(&id);
            if ids.is_empty() {
                self.index.remove(&old.patient());
            }
        }
        self.index.entry(patient).or_default().insert(id);
        old
    }

    /// The values in id order, the map consumed.
    pub fn into_values(self) -> std::collections::btree_map::IntoValues<K, V> {
        self.items.into_values()
    }

    /// The values of one patient, in id order (the order of the whole map).
    pub fn of(&self, patient: PatientId) -> impl Iterator<Item = &V> {
        self.index
            .get(&patient)
            .into_iter()
            .flatten()
            .filter_map(|id| self.items.get(id))
    }
}

impl<K, V> Deref for ByPatient<K, V> {
    type Target = BTreeMap<K, V>;

    fn deref(&self) -> &Self::Target {
        &self.items
    }
}

impl<'a, K, V> IntoIterator for &'a ByPatient<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Prints as the map: the index is derived from it and adds nothing.
impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ByPatient<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

/// Everything the ledger says, as of its last event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    pub patients: BTreeMap<PatientId, PatientRecord>,
    pub consents: ByPatient<ConsentId, Consent>,
    pub requests: ByPatient<RequestId, Request>,
    pub staff: BTreeMap<StaffId, Staff>,
    /// The clinic's details, last saved wins.
    pub clinic: Option<ClinicDetails>,
    /// Password hashes (argon2id, PHC strings) by staff member, last set wins.
    pub passwords: BTreeMap<StaffId, String>,
    /// Printed forms other than consents, by id: what they were and for whom.
    pub printed: BTreeMap<FormId, PrintedForm>,
    /// Imported years of the production calendar (xmlcalendar text), last import of a year wins.
    pub calendar_years: BTreeMap<i32, String>,
    /// The clinic's wording of its forms (`forms.toml` text), last saved wins.
    pub form_wording: Option<String>,
    pub conflicts: Vec<Conflict>,
    /// Subjects whose data were destroyed, known only by what their destruction kept.
    pub destroyed: BTreeMap<PatientId, DestroyedSubject>,
    last: Option<EventKey>,
}

impl State {
    /// Folds `events`, whatever order they come in.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> State {
        let mut sorted: Vec<&Event> = events.into_iter().collect();
        sorted.sort_by_key(|e| e.key());
        sorted.dedup_by_key(|e| e.key());
        let mut state = State::default();
        for event in sorted {
            state.apply_in_order(event);
        }
        state
    }

    /// Applies one more event, which must sort after every event applied so far.
    pub fn apply(&mut self, event: &Event) -> Result<(), OutOfOrder> {
        if let Some(last) = self.last
            && event.key() <= last
        {
            return Err(OutOfOrder {
                last,
                event: event.key(),
            });
        }
        self.apply_in_order(event);
        Ok(())
    }

    /// Consents of one patient, oldest first.
    pub fn consents_of(&self, patient: PatientId) -> impl Iterator<Item = &Consent> {
        self.consents.of(patient)
    }

    /// Requests of one patient, in id order.
    pub fn requests_of(&self, patient: PatientId) -> impl Iterator<Item = &Request> {
        self.requests.of(patient)
    }

    fn apply_in_order(&mut self, event: &Event) {
        self.last = Some(event.key());
        if let Err(reason) = self.try_apply(event) {
            self.conflicts.push(Conflict {
                event: event.id,
                kind: event.body.kind(),
                reason,
            });
        }
    }

    fn try_apply(&mut self, event: &Event) -> Result<(), &'static str> {
        match &event.body {
            EventBody::PatientRegistered { patient, data } => {
                if self.patients.contains_key(patient) {
                    return Err("patient_exists");
                }
                self.patients.insert(
                    *patient,
                    PatientRecord {
                        id: *patient,
                        data: (**data).clone(),
                        registered_at: event.hlc,
                        registered_by: event.actor,
                        updated_at: event.hlc,
                        blocked: None,
                    },
                );
            }
            EventBody::PatientUpdated { patient, data } => {
                self.not_blocked(*patient)?;
                let record = self.patients.get_mut(patient).ok_or("patient_unknown")?;
                record.data = (**data).clone();
                record.updated_at = event.hlc;
            }
            EventBody::ConsentDrafted {
                draft,
                policy_version,
            } => {
                if !self.patients.contains_key(&draft.patient) {
                    return Err("patient_unknown");
                }
                self.not_blocked(draft.patient)?;
                if self.consents.contains_key(&draft.id) {
                    return Err("consent_exists");
                }
                let consent = Consent::recorded(draft.clone(), policy_version.clone());
                self.consents.insert(consent.id, consent);
            }
            EventBody::ConsentFormPrinted {
                patient,
                consent,
                form,
            } => {
                self.not_blocked(*patient)?;
                let current = self.consent(*consent)?;
                let next = current
                    .print(consent::PrintedForm {
                        form: *form,
                        at: event.hlc,
                        by: event.actor,
                    })
                    .map_err(|e| e.code())?;
                self.consents.insert(*consent, next);
            }
            EventBody::ConsentSigned {
                consent,
                form,
                paper_location,
                patient,
            } => {
                self.not_blocked(*patient)?;
                let current = self.consent(*consent)?;
                let next = current
                    .sign(Signature {
                        form: *form,
                        confirmed_by: event.actor,
                        at: event.hlc,
                        paper_location: paper_location.clone(),
                    })
                    .map_err(|e| e.code())?;
                let patient = next.patient;
                self.consents.insert(*consent, next);
                // The newest signed consent is the one in force; earlier signed ones are superseded.
                let older: Vec<ConsentId> = self
                    .consents_of(patient)
                    .filter(|c| c.id != *consent && matches!(c.stage, Stage::Signed(_)))
                    .map(|c| c.id)
                    .collect();
                for id in older {
                    if let Some(next) = self
                        .consents
                        .get(&id)
                        .and_then(|c| c.supersede(*consent).ok())
                    {
                        self.consents.insert(id, next);
                    }
                }
            }
            EventBody::RequestReceived {
                request,
                patient,
                kind,
                received_on,
                channel,
                purposes,
                details,
            } => {
                if !self.patients.contains_key(patient) {
                    return Err("patient_unknown");
                }
                if self.requests.contains_key(request) {
                    return Err("request_exists");
                }
                let received = Request::receive(
                    *request,
                    *patient,
                    kind.clone(),
                    *received_on,
                    *channel,
                    purposes.clone(),
                    *received_on,
                )
                .and_then(|r| r.with_details(details.as_deref()))
                .map_err(|e| e.code())?;
                if let RequestKind::Withdrawal(scope) = kind {
                    self.withdraw_consents(&received, scope);
                }
                self.requests.insert(*request, received);
            }
            EventBody::RequestStarted { request, .. } => {
                self.update_request(*request, event, |r| r.start(event.actor))?;
            }
            EventBody::PurposeDecided {
                request,
                purpose,
                outcome,
                ..
            } => {
                self.update_request(*request, event, |r| {
                    r.decide(purpose.clone(), outcome.clone())
                })?;
            }
            EventBody::RequestExtended {
                request, reason, ..
            } => {
                let extension = Extension {
                    reason: reason.clone(),
                    by: event.actor,
                    at: event.hlc,
                };
                self.update_request(*request, event, |r| r.extend(extension))?;
            }
            EventBody::DataDisposed {
                patient,
                request,
                record: Some(record),
                ..
            } if !self.patients.contains_key(patient) => {
                // The subject's key is gone, so this is the first event of theirs the fold can read:
                // they are known from here on by what their destruction kept.
                if self.destroyed.contains_key(patient) {
                    return Err("subject_destroyed");
                }
                for kept in &record.requests {
                    self.requests.insert(kept.id, kept.clone());
                }
                self.destroyed.insert(
                    *patient,
                    DestroyedSubject {
                        patient: *patient,
                        request: *request,
                        at: event.hlc,
                        by: event.actor,
                        record: (**record).clone(),
                    },
                );
            }
            EventBody::DataDisposed {
                patient,
                request,
                disposal,
                ..
            } => {
                if *disposal == Disposal::Blocked {
                    self.not_blocked(*patient)?;
                }
                self.update_request(*request, event, |r| r.dispose(*disposal))?;
                if *disposal == Disposal::Blocked {
                    let record = self.patients.get_mut(patient).ok_or("patient_unknown")?;
                    record.blocked = Some(Blocking {
                        request: *request,
                        since: event.hlc,
                        by: event.actor,
                    });
                }
            }
            EventBody::ExtensionNoticeSent {
                request,
                on,
                channel,
                ..
            } => {
                let notice = Notification {
                    on: *on,
                    channel: *channel,
                    by: event.actor,
                };
                self.update_request(*request, event, |r| r.note_extension_notice(notice))?;
            }
            EventBody::DataCorrected {
                patient,
                request,
                data,
            } => {
                self.not_blocked(*patient)?;
                if !self.patients.contains_key(patient) {
                    return Err("patient_unknown");
                }
                self.update_request(*request, event, |r| r.correct())?;
                let record = self.patients.get_mut(patient).ok_or("patient_unknown")?;
                record.data = (**data).clone();
                record.updated_at = event.hlc;
            }
            EventBody::DataUnblocked { patient, .. } => {
                let record = self.patients.get_mut(patient).ok_or("patient_unknown")?;
                if record.blocked.take().is_none() {
                    return Err("subject_not_blocked");
                }
            }
            EventBody::SubjectNotified {
                request,
                on,
                channel,
                ..
            } => {
                let notification = Notification {
                    on: *on,
                    channel: *channel,
                    by: event.actor,
                };
                self.update_request(*request, event, |r| r.notify(notification))?;
            }
            EventBody::RequestClosed { request, .. } => {
                self.update_request(*request, event, |r| r.close())?;
            }
            EventBody::StaffSaved { staff } => {
                // Logins are unique among staff; the same login on another id is a conflict.
                if self
                    .staff
                    .values()
                    .any(|s| s.login() == staff.login() && s.id() != staff.id())
                {
                    return Err("staff_login_taken");
                }
                self.staff.insert(staff.id(), staff.clone());
            }
            EventBody::ClinicDetailsSaved { clinic } => {
                self.clinic = Some(clinic.clone());
            }
            EventBody::CalendarYearImported { year, xml } => {
                self.calendar_years.insert(*year, xml.clone());
            }
            EventBody::FormWordingSaved { toml } => {
                self.form_wording = Some(toml.clone());
            }
            EventBody::StaffPasswordSet { staff, hash } => {
                if !self.staff.contains_key(staff) {
                    return Err("staff_unknown");
                }
                self.passwords.insert(*staff, hash.clone());
            }
            EventBody::FormPrinted {
                patient,
                form,
                document,
                request,
            } => {
                if !self.patients.contains_key(patient) && !self.destroyed.contains_key(patient) {
                    return Err("patient_unknown");
                }
                if let Some(request) = request
                    && !self.requests.contains_key(request)
                {
                    return Err("request_unknown");
                }
                self.printed.insert(
                    *form,
                    PrintedForm {
                        form: *form,
                        patient: *patient,
                        document: *document,
                        request: *request,
                        at: event.hlc,
                        by: event.actor,
                    },
                );
            }
        }
        Ok(())
    }

    /// Refuses a change to a subject whose data are blocked (`subject_blocked`): the same refusal on
    /// every desk, whichever order the events arrived in, because the fold order decides it.
    fn not_blocked(&self, patient: PatientId) -> Result<(), &'static str> {
        match self.patients.get(&patient) {
            Some(record) if record.blocked.is_some() => Err("subject_blocked"),
            _ => Ok(()),
        }
    }

    fn consent(&self, id: ConsentId) -> Result<&Consent, &'static str> {
        self.consents.get(&id).ok_or("consent_unknown")
    }

    fn update_request(
        &mut self,
        id: RequestId,
        event: &Event,
        step: impl FnOnce(&Request) -> Result<Request, RequestError>,
    ) -> Result<(), &'static str> {
        let current = self.requests.get(&id).ok_or("request_unknown")?;
        // The journal needs the day the main obligation was met, which only the event knows.
        let next = step(current)
            .map_err(|e| e.code())?
            .note_fulfilment(event.hlc, event.actor);
        self.requests.insert(id, next);
        Ok(())
    }

    /// A withdrawal takes effect when it is received: the purposes it covers leave every consent of
    /// the patient that is in force.
    fn withdraw_consents(&mut self, request: &Request, scope: &Scope) {
        let withdrawal = PurposeWithdrawal {
            request: request.id,
            received_on: request.received_on,
        };
        let updates: Vec<Consent> = self
            .consents_of(request.patient)
            .filter(|c| matches!(c.stage, Stage::Signed(_)))
            .filter_map(|c| {
                let covered: BTreeSet<_> = match scope {
                    Scope::All => c.in_force_purposes(),
                    Scope::Purposes(_) => c
                        .in_force_purposes()
                        .intersection(&request.purposes)
                        .cloned()
                        .collect(),
                };
                if covered.is_empty() {
                    return None;
                }
                c.withdraw(Some(&covered), withdrawal.clone(), request.received_on)
                    .ok()
            })
            .collect();
        for consent in updates {
            self.consents.insert(consent.id, consent);
        }
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
