//! Blocked data (policy 4.2.4, 152-FZ Art. 21 p. 1): while a complaint is verified, or when a
//! withdrawal's data cannot be destroyed in time, a manager blocks the subject's data under the
//! request. Until a manager unblocks them nothing about the subject is changed or printed here (the
//! fold refuses it on every other desk too), and reception sees that the data are blocked and why,
//! without the data themselves.

use std::collections::BTreeMap;

use consent_domain::event::EventBody;
use consent_domain::ids::PatientId;
use consent_domain::request::RequestKind;
use consent_domain::staff::{Staff, StaffId, UseCase, authorize};
use consent_domain::state::PatientRecord;

use super::{Desk, staff_name};
use crate::ServiceError;
use crate::api::{BlockView, PatientSummary, RequestView};

/// The refusal of a change or a print while the subject's data are blocked.
pub const SUBJECT_BLOCKED: &str = "subject_blocked";

impl Desk {
    /// Refuses with [`SUBJECT_BLOCKED`] when `patient`'s data are blocked (for a caller that has not
    /// read the record; one that has checks it with [`unblocked`]).
    pub(super) fn require_unblocked(&self, patient: PatientId) -> Result<(), ServiceError> {
        match self.store.patient(patient)? {
            Some(record) => unblocked(&record),
            None => Ok(()),
        }
    }

    /// Unblocks the data blocked under request `id` (the verification ended): they may be changed
    /// and printed again. Managers and administrators.
    pub fn unblock_request(
        &mut self,
        actor: &Staff,
        id: &str,
    ) -> Result<RequestView, ServiceError> {
        authorize(actor, UseCase::BlockData)?;
        let request = self.load_request(id)?;
        let record = self.require_patient(request.patient)?;
        match record.blocked {
            Some(blocking) if blocking.request == request.id => {}
            _ => {
                return Err(ServiceError::Rule {
                    detail: "subject_not_blocked",
                });
            }
        }
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::DataUnblocked {
                patient: request.patient,
                request: request.id,
            },
        )?;
        self.request(actor, id)
    }

    /// Why `record`'s data are blocked, for the card: the request, since when, by whom (`names`:
    /// the staff's names, read once for the card).
    pub(super) fn block_view(
        &self,
        record: &PatientRecord,
        names: &BTreeMap<StaffId, String>,
    ) -> Result<Option<BlockView>, ServiceError> {
        let Some(blocking) = &record.blocked else {
            return Ok(None);
        };
        let request = consent_store::projection::request(self.store_conn(), blocking.request)?;
        Ok(Some(BlockView {
            request_id: blocking.request.to_string(),
            request_kind: request
                .as_ref()
                .map(|r| r.kind.code())
                .unwrap_or(RequestKind::Blocking.code())
                .to_owned(),
            received_on: request.map(|r| r.received_on.to_string()),
            since: consent_store::clinic_date(blocking.since.wall_ms).to_string(),
            by: staff_name(names, blocking.by),
        }))
    }
}

/// Refuses with [`SUBJECT_BLOCKED`] when the record's data are blocked.
pub(super) fn unblocked(record: &PatientRecord) -> Result<(), ServiceError> {
    match record.blocked {
        Some(_) => Err(ServiceError::Rule {
            detail: SUBJECT_BLOCKED,
        }),
        None => Ok(()),
    }
}

/// Whether `actor` may see a blocked subject's data (those who work the verification do).
pub(super) fn sees_blocked(actor: &Staff) -> bool {
    authorize(actor, UseCase::BlockData).is_ok()
}

/// A search line or card heading as `actor` may see it: a blocked subject's data hidden from those
/// who do not work the verification (the name stays, so staff know whom the block concerns).
pub(super) fn redacted(mut summary: PatientSummary, actor: &Staff) -> PatientSummary {
    if summary.blocked && !sees_blocked(actor) {
        summary.birth_date = String::new();
        summary.phone = None;
        summary.document = String::new();
    }
    summary
}
