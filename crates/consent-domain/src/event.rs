//! Ledger events: every change is one immutable event.
//!
//! The envelope (id, desk, sequence number, clock reading, actor) orders and attributes the change; the
//! body says what changed. Hashes and encryption are the store's business: the domain only says which
//! data subject an event's personal data belongs to ([`EventBody::subject`]), so the store can encrypt
//! that body with the subject's own key and destroy the subject by deleting the key.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::clinic::ClinicDetails;
use crate::consent::ConsentDraft;
use crate::destruction::DestructionRecord;
use crate::hlc::Hlc;
use crate::ids::{ConsentId, DeskId, EventId, FormId, PatientId, RequestId};
use crate::patient::Patient;
use crate::purpose::{PolicyVersionId, PurposeCode};
use crate::request::{Disposal, PurposeOutcome, RequestChannel, RequestKind};
use crate::staff::{Staff, StaffId};

/// One change, attributed and ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    /// The desk that wrote it: each desk appends only to its own series.
    pub desk: DeskId,
    /// Position in the desk's series: 1, 2, 3, ... without gaps.
    pub seq: u64,
    pub hlc: Hlc,
    /// The staff member who did it.
    pub actor: StaffId,
    pub body: EventBody,
}

/// The total order every desk folds events in: clock reading, then desk, then sequence number. It does
/// not depend on the order in which events arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventKey {
    pub hlc: Hlc,
    pub desk: DeskId,
    pub seq: u64,
}

impl Event {
    pub fn key(&self) -> EventKey {
        EventKey {
            hlc: self.hlc,
            desk: self.desk,
            seq: self.seq,
        }
    }
}

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventBody {
    PatientRegistered {
        patient: PatientId,
        data: Box<Patient>,
    },
    PatientUpdated {
        patient: PatientId,
        data: Box<Patient>,
    },
    ConsentDrafted {
        draft: ConsentDraft,
        policy_version: PolicyVersionId,
    },
    ConsentFormPrinted {
        patient: PatientId,
        consent: ConsentId,
        form: FormId,
    },
    ConsentSigned {
        patient: PatientId,
        consent: ConsentId,
        form: FormId,
        paper_location: String,
    },
    RequestReceived {
        request: RequestId,
        patient: PatientId,
        kind: RequestKind,
        received_on: NaiveDate,
        channel: RequestChannel,
        /// For a withdrawal: the purposes it covers, resolved when it was received.
        purposes: BTreeSet<PurposeCode>,
        /// What the subject says, in their words: for a correction, what is wrong and what is
        /// right. `None` where nothing was written down.
        details: Option<String>,
    },
    /// The reasoned notice of a request's extension reached the subject on `on` through `channel`.
    ExtensionNoticeSent {
        patient: PatientId,
        request: RequestId,
        on: NaiveDate,
        channel: RequestChannel,
    },
    /// A manager approved a correction request: the patient's data as corrected (Art. 21 p. 2).
    DataCorrected {
        patient: PatientId,
        request: RequestId,
        data: Box<Patient>,
    },
    RequestStarted {
        patient: PatientId,
        request: RequestId,
    },
    PurposeDecided {
        patient: PatientId,
        request: RequestId,
        purpose: PurposeCode,
        outcome: PurposeOutcome,
    },
    RequestExtended {
        patient: PatientId,
        request: RequestId,
        reason: String,
    },
    DataDisposed {
        patient: PatientId,
        request: RequestId,
        disposal: Disposal,
        /// For a destruction of the whole subject: what outlives them. An event that carries it is
        /// kept in clear ([`EventBody::in_clear`]) and deletes the subject's key. `None` for a
        /// blocking, and for destructions recorded before destroying deleted anything.
        record: Option<Box<DestructionRecord>>,
    },
    SubjectNotified {
        patient: PatientId,
        request: RequestId,
        on: NaiveDate,
        channel: RequestChannel,
    },
    RequestClosed {
        patient: PatientId,
        request: RequestId,
    },
    /// The subject's data blocked under `request` are unblocked (the verification ended): they may
    /// be changed and printed again.
    DataUnblocked {
        patient: PatientId,
        request: RequestId,
    },
    /// A staff account was created (or changed: role, login, name, active). Not about a data subject.
    StaffSaved { staff: Staff },
    /// The clinic's details that forms print were set or corrected. Not about a data subject.
    ClinicDetailsSaved { clinic: ClinicDetails },
    /// A staff member's password was set: an argon2id hash in PHC form, never the password.
    StaffPasswordSet { staff: StaffId, hash: String },
    /// An administrator imported a year of the production calendar (the decree's xmlcalendar text,
    /// checked when imported), so every desk of the clinic counts working days alike.
    CalendarYearImported { year: i32, xml: String },
    /// An administrator set the wording the clinic's forms print (the text of a `forms.toml`,
    /// checked when set), so every desk prints the same paper.
    FormWordingSaved { toml: String },
    /// A form other than a consent was printed for a subject (a withdrawal to sign, a notice, an act):
    /// its id is in the QR code on the paper.
    FormPrinted {
        patient: PatientId,
        form: FormId,
        document: PrintedDocument,
        request: Option<RequestId>,
    },
}

/// Which paper a [`EventBody::FormPrinted`] was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrintedDocument {
    /// A pre-filled withdrawal of consent, for the patient to sign at the desk.
    Withdrawal,
    /// The reasoned notice of a deadline extension.
    ExtensionNotice,
    /// The notice that processing stopped / data were destroyed.
    OutcomeNotice,
    /// The answer to an access request.
    AccessAnswer,
    /// The act of destruction with its extract from the event log.
    DestructionAct,
}

impl PrintedDocument {
    pub const ALL: [PrintedDocument; 5] = [
        PrintedDocument::Withdrawal,
        PrintedDocument::ExtensionNotice,
        PrintedDocument::OutcomeNotice,
        PrintedDocument::AccessAnswer,
        PrintedDocument::DestructionAct,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PrintedDocument::Withdrawal => "withdrawal",
            PrintedDocument::ExtensionNotice => "extension_notice",
            PrintedDocument::OutcomeNotice => "outcome_notice",
            PrintedDocument::AccessAnswer => "access_answer",
            PrintedDocument::DestructionAct => "destruction_act",
        }
    }

    pub fn parse(code: &str) -> Option<PrintedDocument> {
        PrintedDocument::ALL.into_iter().find(|d| d.code() == code)
    }
}

impl EventBody {
    /// The data subject whose personal data this event carries (its key encrypts the body); `None` for
    /// events about the desk itself, such as staff accounts.
    pub fn subject(&self) -> Option<PatientId> {
        Some(match self {
            EventBody::PatientRegistered { patient, .. }
            | EventBody::PatientUpdated { patient, .. }
            | EventBody::ConsentFormPrinted { patient, .. }
            | EventBody::ConsentSigned { patient, .. }
            | EventBody::RequestReceived { patient, .. }
            | EventBody::RequestStarted { patient, .. }
            | EventBody::PurposeDecided { patient, .. }
            | EventBody::RequestExtended { patient, .. }
            | EventBody::DataDisposed { patient, .. }
            | EventBody::SubjectNotified { patient, .. }
            | EventBody::RequestClosed { patient, .. }
            | EventBody::DataUnblocked { patient, .. }
            | EventBody::DataCorrected { patient, .. }
            | EventBody::ExtensionNoticeSent { patient, .. }
            | EventBody::FormPrinted { patient, .. } => *patient,
            EventBody::ConsentDrafted { draft, .. } => draft.patient,
            EventBody::StaffSaved { .. }
            | EventBody::ClinicDetailsSaved { .. }
            | EventBody::StaffPasswordSet { .. }
            | EventBody::CalendarYearImported { .. }
            | EventBody::FormWordingSaved { .. } => return None,
        })
    }

    /// Whether the body is stored in clear although it is about a data subject: the destruction of
    /// the subject, which must stay readable once their key is gone and holds no personal data.
    pub fn in_clear(&self) -> bool {
        matches!(
            self,
            EventBody::DataDisposed {
                record: Some(_),
                ..
            }
        )
    }

    /// Whether the event may still be recorded about a subject whose data were destroyed: the steps
    /// that finish the destroying request and the papers printed for it, none of which carries
    /// personal data. Such events are kept in clear, as the subject has no key any more.
    pub fn after_destruction(&self) -> bool {
        matches!(
            self,
            EventBody::SubjectNotified { .. }
                | EventBody::RequestClosed { .. }
                | EventBody::FormPrinted { .. }
        )
    }

    /// A stable name of the kind of change: stored in clear beside the encrypted body, so the log
    /// extract of order No. 179 and `verify` work even after the subject's key is destroyed.
    pub fn kind(&self) -> &'static str {
        match self {
            EventBody::PatientRegistered { .. } => "patient_registered",
            EventBody::PatientUpdated { .. } => "patient_updated",
            EventBody::ConsentDrafted { .. } => "consent_drafted",
            EventBody::ConsentFormPrinted { .. } => "consent_form_printed",
            EventBody::ConsentSigned { .. } => "consent_signed",
            EventBody::RequestReceived { .. } => "request_received",
            EventBody::RequestStarted { .. } => "request_started",
            EventBody::PurposeDecided { .. } => "purpose_decided",
            EventBody::RequestExtended { .. } => "request_extended",
            // Destruction has a kind of its own, readable in clear once the key is gone: it is the
            // only event that makes a missing subject key lawful (a blocking keeps the data).
            EventBody::DataDisposed {
                disposal: Disposal::Destroyed,
                ..
            } => "data_destroyed",
            EventBody::DataDisposed {
                disposal: Disposal::Blocked,
                ..
            } => "data_blocked",
            EventBody::SubjectNotified { .. } => "subject_notified",
            EventBody::RequestClosed { .. } => "request_closed",
            EventBody::DataUnblocked { .. } => "data_unblocked",
            EventBody::DataCorrected { .. } => "data_corrected",
            EventBody::ExtensionNoticeSent { .. } => "extension_notice_sent",
            EventBody::StaffSaved { .. } => "staff_saved",
            EventBody::ClinicDetailsSaved { .. } => "clinic_details_saved",
            EventBody::StaffPasswordSet { .. } => "staff_password_set",
            EventBody::CalendarYearImported { .. } => "calendar_year_imported",
            EventBody::FormWordingSaved { .. } => "form_wording_saved",
            EventBody::FormPrinted { .. } => "form_printed",
        }
    }
}
