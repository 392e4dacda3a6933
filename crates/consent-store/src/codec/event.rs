//! Ledger event bodies, tagged by `"type"` (the same name as [`EventBody::kind`]).

use consent_domain::destruction::DestructionRecord;
use consent_domain::event::{EventBody, PrintedDocument};
use consent_domain::request::Disposal;
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::clinic::ClinicV1;
use super::codes::{
    parse_disposal, parse_policy_version, parse_purpose, parse_purposes, parse_request_channel,
    purposes_to_vec, request_channel_code,
};
use super::consent::ConsentDraftV1;
use super::dates::{parse_iso, to_iso};
use super::destruction::DestructionRecordV1;
use super::ids::{parse_id, parse_staff, staff_to_string};
use super::patient::PatientV1;
use super::request::{PurposeOutcomeV1, RequestKindV1};
use super::staff::{StaffFields, StaffV1};

/// What changed: one variant per [`EventBody`] variant. Ids are hyphenated UUID strings, dates
/// `YYYY-MM-DD`, plain enums their snake_case codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EventBodyV1 {
    PatientRegistered {
        patient: String,
        data: PatientV1,
    },
    PatientUpdated {
        patient: String,
        data: PatientV1,
    },
    ConsentDrafted {
        draft: ConsentDraftV1,
        policy_version: String,
    },
    ConsentFormPrinted {
        patient: String,
        consent: String,
        form: String,
    },
    ConsentSigned {
        patient: String,
        consent: String,
        form: String,
        paper_location: String,
    },
    RequestReceived {
        request: String,
        patient: String,
        kind: RequestKindV1,
        /// `YYYY-MM-DD`.
        received_on: String,
        /// `in_person`, `email` or `post`.
        channel: String,
        /// Purpose codes, sorted.
        purposes: Vec<String>,
        /// What the subject says (a correction: what is wrong); left out when none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        details: Option<String>,
    },
    RequestStarted {
        patient: String,
        request: String,
    },
    PurposeDecided {
        patient: String,
        request: String,
        purpose: String,
        outcome: PurposeOutcomeV1,
    },
    RequestExtended {
        patient: String,
        request: String,
        reason: String,
    },
    /// The subject's data destroyed: the one event after which their key may be gone.
    DataDestroyed {
        patient: String,
        request: String,
        /// What outlives a subject destroyed as a whole (the event is then kept in clear). Absent
        /// in destructions recorded before destroying deleted anything.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<DestructionRecordV1>,
    },
    /// The subject's data blocked, to be destroyed later (the key stays).
    DataBlocked {
        patient: String,
        request: String,
    },
    /// Either of the two above, as written before they had kinds of their own; read, never written.
    DataDisposed {
        patient: String,
        request: String,
        /// `destroyed` or `blocked`.
        disposal: String,
    },
    SubjectNotified {
        patient: String,
        request: String,
        /// `YYYY-MM-DD`.
        on: String,
        /// `in_person`, `email` or `post`.
        channel: String,
    },
    RequestClosed {
        patient: String,
        request: String,
    },
    DataUnblocked {
        patient: String,
        request: String,
    },
    DataCorrected {
        patient: String,
        request: String,
        data: PatientV1,
    },
    ExtensionNoticeSent {
        patient: String,
        request: String,
        /// `YYYY-MM-DD`.
        on: String,
        /// `in_person`, `email` or `post`.
        channel: String,
    },
    StaffSaved {
        staff: StaffV1,
    },
    ClinicDetailsSaved {
        clinic: ClinicV1,
    },
    StaffPasswordSet {
        staff: String,
        /// An argon2id hash in PHC form.
        hash: String,
    },
    CalendarYearImported {
        year: i32,
        /// The xmlcalendar text as imported.
        xml: String,
    },
    FormWordingSaved {
        /// The `forms.toml` text as set.
        toml: String,
    },
    FormPrinted {
        patient: String,
        form: String,
        /// `withdrawal`, `extension_notice`, `outcome_notice`, `access_answer`, `destruction_act`.
        document: String,
        request: Option<String>,
    },
    /// A type this build does not know. Never written; reading it fails with
    /// `stored_unknown_event_type`.
    #[serde(other)]
    Unknown,
}

impl From<&EventBody> for EventBodyV1 {
    fn from(body: &EventBody) -> Self {
        match body {
            EventBody::PatientRegistered { patient, data } => EventBodyV1::PatientRegistered {
                patient: patient.to_string(),
                data: PatientV1::from(&**data),
            },
            EventBody::PatientUpdated { patient, data } => EventBodyV1::PatientUpdated {
                patient: patient.to_string(),
                data: PatientV1::from(&**data),
            },
            EventBody::ConsentDrafted {
                draft,
                policy_version,
            } => EventBodyV1::ConsentDrafted {
                draft: draft.into(),
                policy_version: policy_version.as_str().to_owned(),
            },
            EventBody::ConsentFormPrinted {
                patient,
                consent,
                form,
            } => EventBodyV1::ConsentFormPrinted {
                patient: patient.to_string(),
                consent: consent.to_string(),
                form: form.to_string(),
            },
            EventBody::ConsentSigned {
                patient,
                consent,
                form,
                paper_location,
            } => EventBodyV1::ConsentSigned {
                patient: patient.to_string(),
                consent: consent.to_string(),
                form: form.to_string(),
                paper_location: paper_location.clone(),
            },
            EventBody::RequestReceived {
                request,
                patient,
                kind,
                received_on,
                channel,
                purposes,
                details,
            } => EventBodyV1::RequestReceived {
                request: request.to_string(),
                patient: patient.to_string(),
                kind: kind.into(),
                received_on: to_iso(*received_on),
                channel: request_channel_code(*channel).to_owned(),
                purposes: purposes_to_vec(purposes),
                details: details.clone(),
            },
            EventBody::RequestStarted { patient, request } => EventBodyV1::RequestStarted {
                patient: patient.to_string(),
                request: request.to_string(),
            },
            EventBody::PurposeDecided {
                patient,
                request,
                purpose,
                outcome,
            } => EventBodyV1::PurposeDecided {
                patient: patient.to_string(),
                request: request.to_string(),
                purpose: purpose.as_str().to_owned(),
                outcome: outcome.into(),
            },
            EventBody::RequestExtended {
                patient,
                request,
                reason,
            } => EventBodyV1::RequestExtended {
                patient: patient.to_string(),
                request: request.to_string(),
                reason: reason.clone(),
            },
            EventBody::DataDisposed {
                patient,
                request,
                disposal: Disposal::Destroyed,
                record,
            } => EventBodyV1::DataDestroyed {
                patient: patient.to_string(),
                request: request.to_string(),
                record: record.as_deref().map(DestructionRecordV1::from),
            },
            EventBody::DataDisposed {
                patient,
                request,
                disposal: Disposal::Blocked,
                ..
            } => EventBodyV1::DataBlocked {
                patient: patient.to_string(),
                request: request.to_string(),
            },
            EventBody::SubjectNotified {
                patient,
                request,
                on,
                channel,
            } => EventBodyV1::SubjectNotified {
                patient: patient.to_string(),
                request: request.to_string(),
                on: to_iso(*on),
                channel: request_channel_code(*channel).to_owned(),
            },
            EventBody::RequestClosed { patient, request } => EventBodyV1::RequestClosed {
                patient: patient.to_string(),
                request: request.to_string(),
            },
            EventBody::DataUnblocked { patient, request } => EventBodyV1::DataUnblocked {
                patient: patient.to_string(),
                request: request.to_string(),
            },
            EventBody::ExtensionNoticeSent {
                patient,
                request,
                on,
                channel,
            } => EventBodyV1::ExtensionNoticeSent {
                patient: patient.to_string(),
                request: request.to_string(),
                on: to_iso(*on),
                channel: request_channel_code(*channel).to_owned(),
            },
            EventBody::DataCorrected {
                patient,
                request,
                data,
            } => EventBodyV1::DataCorrected {
                patient: patient.to_string(),
                request: request.to_string(),
                data: PatientV1::from(&**data),
            },
            EventBody::StaffSaved { staff } => EventBodyV1::StaffSaved {
                staff: staff.into(),
            },
            EventBody::ClinicDetailsSaved { clinic } => EventBodyV1::ClinicDetailsSaved {
                clinic: clinic.into(),
            },
            EventBody::StaffPasswordSet { staff, hash } => EventBodyV1::StaffPasswordSet {
                staff: staff_to_string(*staff),
                hash: hash.clone(),
            },
            EventBody::CalendarYearImported { year, xml } => EventBodyV1::CalendarYearImported {
                year: *year,
                xml: xml.clone(),
            },
            EventBody::FormWordingSaved { toml } => {
                EventBodyV1::FormWordingSaved { toml: toml.clone() }
            }
            EventBody::FormPrinted {
                patient,
                form,
                document,
                request,
            } => EventBodyV1::FormPrinted {
                patient: patient.to_string(),
                form: form.to_string(),
                document: document.code().to_owned(),
                request: request.map(|r| r.to_string()),
            },
        }
    }
}

impl EventBodyV1 {
    /// The domain body; a patient in it is validated again as of the day it was first validated.
    pub fn into_domain(self) -> Result<EventBody, CodecError> {
        let patient = |id: &str| parse_id(id, "patient");
        let request = |id: &str| parse_id(id, "request");
        Ok(match self {
            EventBodyV1::PatientRegistered { patient: id, data } => EventBody::PatientRegistered {
                patient: patient(&id)?,
                data: Box::new(data.into_domain()?),
            },
            EventBodyV1::PatientUpdated { patient: id, data } => EventBody::PatientUpdated {
                patient: patient(&id)?,
                data: Box::new(data.into_domain()?),
            },
            EventBodyV1::ConsentDrafted {
                draft,
                policy_version,
            } => EventBody::ConsentDrafted {
                draft: draft.try_into()?,
                policy_version: parse_policy_version(policy_version, "policy_version")?,
            },
            EventBodyV1::ConsentFormPrinted {
                patient: id,
                consent,
                form,
            } => EventBody::ConsentFormPrinted {
                patient: patient(&id)?,
                consent: parse_id(&consent, "consent")?,
                form: parse_id(&form, "form")?,
            },
            EventBodyV1::ConsentSigned {
                patient: id,
                consent,
                form,
                paper_location,
            } => EventBody::ConsentSigned {
                patient: patient(&id)?,
                consent: parse_id(&consent, "consent")?,
                form: parse_id(&form, "form")?,
                paper_location,
            },
            EventBodyV1::RequestReceived {
                request: request_id,
                patient: id,
                kind,
                received_on,
                channel,
                purposes,
                details,
            } => EventBody::RequestReceived {
                request: request(&request_id)?,
                patient: patient(&id)?,
                kind: kind.try_into()?,
                received_on: parse_iso(&received_on, "received_on")?,
                channel: parse_request_channel(&channel, "channel")?,
                purposes: parse_purposes(purposes, "purposes")?,
                details,
            },
            EventBodyV1::RequestStarted {
                patient: id,
                request: request_id,
            } => EventBody::RequestStarted {
                patient: patient(&id)?,
                request: request(&request_id)?,
            },
            EventBodyV1::PurposeDecided {
                patient: id,
                request: request_id,
                purpose,
                outcome,
            } => EventBody::PurposeDecided {
                patient: patient(&id)?,
                request: request(&request_id)?,
                purpose: parse_purpose(purpose, "purpose")?,
                outcome: outcome.into_domain("outcome")?,
            },
            EventBodyV1::RequestExtended {
                patient: id,
                request: request_id,
                reason,
            } => EventBody::RequestExtended {
                patient: patient(&id)?,
                request: request(&request_id)?,
                reason,
            },
            EventBodyV1::DataDestroyed {
                patient: id,
                request: request_id,
                record,
            } => EventBody::DataDisposed {
                patient: patient(&id)?,
                request: request(&request_id)?,
                disposal: Disposal::Destroyed,
                record: record
                    .map(|r| DestructionRecord::try_from(r).map(Box::new))
                    .transpose()?,
            },
            EventBodyV1::DataBlocked {
                patient: id,
                request: request_id,
            } => EventBody::DataDisposed {
                patient: patient(&id)?,
                request: request(&request_id)?,
                disposal: Disposal::Blocked,
                record: None,
            },
            EventBodyV1::DataDisposed {
                patient: id,
                request: request_id,
                disposal,
            } => EventBody::DataDisposed {
                patient: patient(&id)?,
                request: request(&request_id)?,
                disposal: parse_disposal(&disposal, "disposal")?,
                record: None,
            },
            EventBodyV1::SubjectNotified {
                patient: id,
                request: request_id,
                on,
                channel,
            } => EventBody::SubjectNotified {
                patient: patient(&id)?,
                request: request(&request_id)?,
                on: parse_iso(&on, "on")?,
                channel: parse_request_channel(&channel, "channel")?,
            },
            EventBodyV1::RequestClosed {
                patient: id,
                request: request_id,
            } => EventBody::RequestClosed {
                patient: patient(&id)?,
                request: request(&request_id)?,
            },
            EventBodyV1::DataUnblocked {
                patient: id,
                request: request_id,
            } => EventBody::DataUnblocked {
                patient: patient(&id)?,
                request: request(&request_id)?,
            },
            EventBodyV1::ExtensionNoticeSent {
                patient: id,
                request: request_id,
                on,
                channel,
            } => EventBody::ExtensionNoticeSent {
                patient: patient(&id)?,
                request: request(&request_id)?,
                on: parse_iso(&on, "on")?,
                channel: parse_request_channel(&channel, "channel")?,
            },
            EventBodyV1::DataCorrected {
                patient: id,
                request: request_id,
                data,
            } => EventBody::DataCorrected {
                patient: patient(&id)?,
                request: request(&request_id)?,
                data: Box::new(data.into_domain()?),
            },
            EventBodyV1::StaffSaved { staff } => EventBody::StaffSaved {
                staff: staff.into_domain(StaffFields::EVENT)?,
            },
            EventBodyV1::ClinicDetailsSaved { clinic } => EventBody::ClinicDetailsSaved {
                clinic: clinic.into_domain()?,
            },
            EventBodyV1::StaffPasswordSet { staff, hash } => EventBody::StaffPasswordSet {
                staff: parse_staff(&staff, "staff")?,
                hash,
            },
            EventBodyV1::CalendarYearImported { year, xml } => {
                EventBody::CalendarYearImported { year, xml }
            }
            EventBodyV1::FormWordingSaved { toml } => EventBody::FormWordingSaved { toml },
            EventBodyV1::FormPrinted {
                patient: id,
                form,
                document,
                request: request_id,
            } => EventBody::FormPrinted {
                patient: patient(&id)?,
                form: parse_id(&form, "form")?,
                document: PrintedDocument::parse(&document)
                    .ok_or(CodecError::UnknownCode { field: "document" })?,
                request: request_id.as_deref().map(request).transpose()?,
            },
            EventBodyV1::Unknown => return Err(CodecError::UnknownEventType),
        })
    }
}
