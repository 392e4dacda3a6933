//! The shapes that cross IPC. TypeScript bindings are generated from these types (see the shell's
//! `bindings` module); a test fails when the committed bindings drift from them.

use consent_domain::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    Ru,
    En,
}

impl From<Lang> for UiLang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Ru => UiLang::Ru,
            Lang::En => UiLang::En,
        }
    }
}

impl From<UiLang> for Lang {
    fn from(lang: UiLang) -> Self {
        match lang {
            UiLang::Ru => Lang::Ru,
            UiLang::En => Lang::En,
        }
    }
}

/// What the app knows about itself: shown on the Settings screen and in the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The product name, «Consent Desk».
    pub product: String,
    /// The version of this build (the workspace version).
    pub version: String,
    /// `debug` or `release`.
    pub build_profile: String,
    /// The directory that holds this desk's database and settings.
    pub data_dir: String,
    /// The state of the local database.
    pub database: DatabaseStatus,
    /// The language of the UI and of messages.
    pub lang: UiLang,
    /// Problems found at start-up (an unreadable settings file, say), already in the user's language.
    pub problems: Vec<crate::ErrorPayload>,
}

/// The state of the desk's encrypted database file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum DatabaseStatus {
    /// No database file exists yet: it is created on first set-up.
    #[serde(rename_all = "camelCase")]
    NotCreated { path: String },
    /// The database file exists.
    #[serde(rename_all = "camelCase")]
    Present {
        path: String,
        #[ts(type = "number")]
        size_bytes: u64,
    },
}

/// A patient in a list of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PatientSummary {
    pub id: String,
    /// «Фамилия Имя Отчество».
    pub name: String,
    /// ISO date.
    pub birth_date: String,
    pub phone: Option<String>,
    /// The kind of identity document: `ru_passport`, `ru_birth_certificate`, `foreign_passport`,
    /// `residence_permit`, `other`.
    pub document_kind: String,
    /// Series and number: «2410 №654321».
    pub document: String,
    /// The data are blocked (a verification runs): reception sees the name only.
    pub blocked: bool,
}

/// A purpose decision as shown on a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurposeLine {
    pub code: String,
    pub title: String,
    /// `granted` or `refused`.
    pub decision: String,
    /// Set when the purpose was withdrawn: the request that took it back.
    pub withdrawn_by: Option<String>,
}

/// A consent as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentView {
    pub id: String,
    pub patient_id: String,
    pub policy_version: String,
    /// `draft`, `awaiting_signature`, `active`, `partly_withdrawn`, `withdrawn`, `superseded`, `expired`.
    pub status: String,
    pub drafted_on: String,
    /// ISO date the consent ends, or `null` until withdrawn.
    pub valid_until: Option<String>,
    pub purposes: Vec<PurposeLine>,
    /// Printed forms (their ids are in the QR codes), oldest first.
    pub forms: Vec<String>,
    pub signed_by: Option<String>,
    pub paper_location: Option<String>,
}

/// One deadline of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineView {
    /// `stop_processing`, `destroy`, `answer`, `correct`, `block`, `answer_claim`.
    pub obligation: String,
    /// ISO date.
    pub due: String,
    /// Working days from today to the due date: 0 = due today, negative = overdue by that many.
    #[ts(type = "number")]
    pub working_days_left: i64,
    pub overdue: bool,
}

/// A subject request as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    pub id: String,
    pub patient_id: String,
    /// `withdrawal`, `access`, `correction`, `blocking`, `claim`.
    pub kind: String,
    pub status: String,
    pub received_on: String,
    pub channel: String,
    pub purposes: Vec<String>,
    pub extended: bool,
    pub deadlines: Vec<DeadlineView>,
    /// Each purpose the withdrawal covers, with its decision so far (empty for other kinds).
    pub outcomes: Vec<PurposeOutcomeView>,
    /// The extension's reason, once extended.
    pub extension_reason: Option<String>,
    /// The manager whose work it is, once taken: their name (their id when unknown here).
    pub assignee: Option<String>,
    /// Whether the assignee is the staff member asking.
    pub assigned_to_me: bool,
    /// A deadline falls in a year the production calendar does not know (flagged, never guessed).
    pub unknown_year: Option<i32>,
    /// The subject's data are blocked under this request now.
    pub blocks_data: bool,
    /// The domain takes the notice to the subject now (the step the panel offers).
    pub ready_to_notify: bool,
    /// The subject's data were destroyed: only finishing the request and the act remain.
    pub subject_destroyed: bool,
    /// What the subject says, in their words (a correction: what is wrong and what is right).
    pub details: Option<String>,
    /// A correction's values were applied.
    pub corrected: bool,
    /// The day the extension's notice reached the patient (`YYYY-MM-DD`), once recorded.
    pub extension_notice_on: Option<String>,
    /// How it was sent: `post`, `email`, `in_person`.
    pub extension_notice_channel: Option<String>,
}

/// What destroying a withdrawal's subject would destroy, shown before a manager confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DestructionPlanView {
    pub request_id: String,
    pub patient_id: String,
    /// The patient's full name: the confirmation asks for the surname.
    pub patient_name: String,
    /// Whether the subject may be destroyed as a whole now.
    pub allowed: bool,
    /// Why not, in the desk's language.
    pub refusal: Option<String>,
    /// The categories of data that would go, in the desk's language.
    pub categories: Vec<String>,
}

/// A subject whose data were destroyed, as an inspection sees them: what existed and what was
/// done, by whom and when, with no destroyed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DestroyedSubjectView {
    pub patient_id: String,
    /// The pseudonymous reference the journal prints.
    pub patient_ref: String,
    /// `YYYY-MM-DD`.
    pub destroyed_on: String,
    pub destroyed_by: String,
    /// The withdrawal under which the data were destroyed.
    pub request_id: String,
    /// The act's number when this desk drew it up.
    pub act_number: Option<u64>,
    pub consents: Vec<ConsentTraceView>,
    /// Every step recorded about the subject, newest first, from the ledger's clear envelopes.
    pub trail: Vec<HistoryEntry>,
}

/// A destroyed subject's consent: what it covered, when it was signed, what was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentTraceView {
    pub consent_id: String,
    /// Purpose titles in the desk's language.
    pub granted: Vec<String>,
    /// `YYYY-MM-DDTHH:MM`, when the paper was confirmed signed.
    pub signed_at: Option<String>,
    pub withdrawn: Vec<String>,
}

/// A report saved as a file in the user's documents folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedExport {
    /// Where it was saved, as the file manager shows it.
    pub path: String,
}

/// An act of destruction in the desk's register (order No. 179).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActView {
    pub id: String,
    /// The act's number on this desk.
    pub number: u64,
    pub request_id: String,
    /// The destroyed subject's pseudonymous reference (as the journal prints it).
    pub patient_ref: String,
    /// The subject's full name, the one personal datum the act keeps; `None` once its keeping
    /// period ended.
    pub subject_name: Option<String>,
    /// `YYYY-MM-DD`.
    pub drawn_up_on: String,
    /// The last day the act is kept (three years), `YYYY-MM-DD`.
    pub keep_until: String,
    /// The keeping period ended: the name is gone and the paper copy is due for destruction.
    pub keeping_ended: bool,
    pub destroyed_by: String,
    /// The categories destroyed, in the desk's language.
    pub categories: Vec<String>,
}

/// One purpose of a withdrawal and what was decided for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurposeOutcomeView {
    pub purpose: String,
    /// The purpose's title in the desk's language.
    pub title: String,
    /// `pending`, `stopped` or `continues`.
    pub decision: String,
    /// The legal ground it continues on, as recorded (and printed in the notice).
    pub legal_ground: Option<String>,
}

/// A legal ground a withdrawn purpose may go on under, as a manager chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LegalGroundView {
    pub code: String,
    pub title: String,
    /// The provisions cited, in the desk's language.
    pub citation: String,
}

/// The counts a manager sees in the navigation on every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueCounts {
    #[ts(type = "number")]
    pub open: u64,
    /// Past their next deadline.
    #[ts(type = "number")]
    pub overdue: u64,
    /// Due today or within the next two working days.
    #[ts(type = "number")]
    pub due_soon: u64,
    /// Their deadline falls in a year the calendar does not know.
    #[ts(type = "number")]
    pub unknown_year: u64,
}

/// Everything about one patient: the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PatientCard {
    pub patient: PatientSummary,
    pub address: String,
    pub email: Option<String>,
    pub minor: bool,
    pub representative: Option<String>,
    pub consents: Vec<ConsentView>,
    pub requests: Vec<RequestView>,
    /// Purposes in force now, across the patient's consents.
    pub purposes_in_force: Vec<String>,
    /// Every paper printed about the patient, newest first, with its state.
    pub printed_forms: Vec<PrintedFormView>,
    /// Who did what and when, newest first.
    pub history: Vec<HistoryEntry>,
    /// Set while the data are blocked: why, since when, by whom. Reception then gets the name and
    /// this, nothing else.
    pub blocked: Option<BlockView>,
}

/// Why a subject's data are blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockView {
    pub request_id: String,
    /// The kind of the request they are blocked under (`blocking`, `withdrawal`).
    pub request_kind: String,
    /// ISO date the request was received.
    pub received_on: Option<String>,
    /// ISO date blocked (clinic time).
    pub since: String,
    pub by: String,
}

/// A paper printed about a patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedFormView {
    pub form_id: String,
    /// The code printed beside the QR code (`XXXX-XXXX`).
    pub short_code: String,
    /// `consent`, `withdrawal`, `extension_notice`, `outcome_notice`, `access_answer`,
    /// `destruction_act`.
    pub document: String,
    /// The consent a consent form belongs to.
    pub consent_id: Option<String>,
    /// Date and time printed, `YYYY-MM-DDTHH:MM` in the clinic's time zone.
    pub printed_at: String,
    pub printed_by: String,
    /// `awaiting_signature`, `signed`, `not_signed` (another copy of the same consent was signed or
    /// the consent ended), `issued` (papers that are not signed back: notices, acts, withdrawals).
    pub state: String,
}

/// One line of a patient's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// `YYYY-MM-DDTHH:MM` in the clinic's time zone.
    pub at: String,
    /// The staff member who did it.
    pub actor: String,
    /// The kind of event: `patient_registered`, `consent_drafted`, `consent_form_printed`,
    /// `consent_signed`, `request_received`, `request_extended`, …
    pub action: String,
    /// What it was about, in short: a form's short code, a request's kind, purposes' items.
    pub detail: Option<String>,
}

/// A purpose of the policy as the consent screen offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurposeView {
    pub code: String,
    /// The policy item: `2.2.1`.
    pub item: String,
    pub title: String,
    /// What it means for the patient, in plain words.
    pub description: String,
    /// `required`: needed to treat or serve the patient; `optional`: refusing changes nothing.
    pub necessity: String,
    /// `consent`, `contract`, `legal_obligation`, `legitimate_interests`, `medical_purposes`.
    pub legal_ground: String,
    /// Whether the screen may offer it already ticked (never for a consent-based purpose such as
    /// advertising).
    pub preselect: bool,
    /// Choosing it also prints the separate consent to data allowed for dissemination (Art. 10.1).
    pub needs_dissemination_consent: bool,
}

/// The patient form as the registration screen sends it. Dates as typed (`DD.MM.YYYY`).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PatientForm {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    /// `male` or `female`.
    pub sex: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub document: DocumentForm,
    /// Absent (or left blank) for an adult patient without a representative.
    pub representative: Option<RepresentativeForm>,
}

/// `Debug` that names the type and nothing else: the forms hold personal data.
macro_rules! redacted_debug {
    ($($t:ty),*) => {$(
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($t), "(<personal data>)"))
            }
        }
    )*};
}

redacted_debug!(PatientForm, DocumentForm, RepresentativeForm);

/// An identity document as typed.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentForm {
    /// `ru_passport`, `ru_birth_certificate`, `foreign_passport`, `residence_permit`, `other`.
    pub kind: String,
    pub series: String,
    pub number: String,
    pub issue_date: String,
    pub issuer: String,
    pub subdivision_code: String,
}

/// A legal representative (of a minor, or by power of attorney) as typed.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RepresentativeForm {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub phone: String,
    pub address: String,
    pub document: DocumentForm,
    /// `child_birth_certificate`, `guardianship_decision`, `power_of_attorney`, `other`.
    pub authority_kind: String,
    pub authority_number: String,
    pub authority_date: String,
    pub authority_issuer: String,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl From<&DocumentForm> for consent_domain::patient::DocumentInput {
    fn from(d: &DocumentForm) -> Self {
        consent_domain::patient::DocumentInput {
            kind: d.kind.clone(),
            series: optional(&d.series),
            number: d.number.clone(),
            issue_date: d.issue_date.clone(),
            issuer: d.issuer.clone(),
            subdivision_code: optional(&d.subdivision_code),
        }
    }
}

impl From<&PatientForm> for consent_domain::patient::PatientInput {
    fn from(p: &PatientForm) -> Self {
        use consent_domain::patient::{AuthorityInput, RepresentativeInput};
        consent_domain::patient::PatientInput {
            surname: p.surname.clone(),
            given_name: p.given_name.clone(),
            patronymic: optional(&p.patronymic),
            birth_date: p.birth_date.clone(),
            sex: p.sex.clone(),
            phone: optional(&p.phone),
            email: optional(&p.email),
            address: p.address.clone(),
            document: (&p.document).into(),
            representative: p
                .representative
                .as_ref()
                .map(|r| RepresentativeInput {
                    surname: r.surname.clone(),
                    given_name: r.given_name.clone(),
                    patronymic: optional(&r.patronymic),
                    birth_date: optional(&r.birth_date),
                    phone: r.phone.clone(),
                    address: r.address.clone(),
                    document: (&r.document).into(),
                    authority: AuthorityInput {
                        kind: r.authority_kind.clone(),
                        number: optional(&r.authority_number),
                        date: r.authority_date.clone(),
                        issuer: r.authority_issuer.clone(),
                    },
                })
                .filter(|r| !r.is_blank()),
        }
    }
}

impl From<&consent_domain::patient::DocumentInput> for DocumentForm {
    fn from(d: &consent_domain::patient::DocumentInput) -> Self {
        DocumentForm {
            kind: d.kind.clone(),
            series: d.series.clone().unwrap_or_default(),
            number: d.number.clone(),
            issue_date: d.issue_date.clone(),
            issuer: d.issuer.clone(),
            subdivision_code: d.subdivision_code.clone().unwrap_or_default(),
        }
    }
}

/// The form as a stored patient fills it (a correction starts from the data as they are).
impl From<&consent_domain::patient::PatientInput> for PatientForm {
    fn from(p: &consent_domain::patient::PatientInput) -> Self {
        PatientForm {
            surname: p.surname.clone(),
            given_name: p.given_name.clone(),
            patronymic: p.patronymic.clone().unwrap_or_default(),
            birth_date: p.birth_date.clone(),
            sex: p.sex.clone(),
            phone: p.phone.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            address: p.address.clone(),
            document: (&p.document).into(),
            representative: p.representative.as_ref().map(|r| RepresentativeForm {
                surname: r.surname.clone(),
                given_name: r.given_name.clone(),
                patronymic: r.patronymic.clone().unwrap_or_default(),
                birth_date: r.birth_date.clone().unwrap_or_default(),
                phone: r.phone.clone(),
                address: r.address.clone(),
                document: (&r.document).into(),
                authority_kind: r.authority.kind.clone(),
                authority_number: r.authority.number.clone().unwrap_or_default(),
                authority_date: r.authority.date.clone(),
                authority_issuer: r.authority.issuer.clone(),
            }),
        }
    }
}

/// What registering a patient found: the card of the new patient, or the similar patients already
/// registered (nothing is recorded until staff confirm that the patient is a different person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Registration {
    /// The patient was registered.
    #[serde(rename_all = "camelCase")]
    Registered { card: Box<PatientCard> },
    /// Patients with the same document, or the same name and birth date, or the same phone and birth
    /// date, already exist: nothing was recorded.
    #[serde(rename_all = "camelCase")]
    PossibleDuplicates { similar: Vec<PatientSummary> },
}

/// A rendered form held in the app's memory until it is printed or discarded. Never written to disk
/// by the app.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreparedForm {
    /// The form instance's id (its QR code); also the handle to print it.
    pub form_id: String,
    pub short_code: String,
    /// `consent`, `dissemination`, `withdrawal`, `recovery_sheet`.
    pub document: String,
    /// The PDF's title (no personal data).
    pub title: String,
    pub pages: u32,
    /// The PDF itself, base64.
    pub pdf_base64: String,
}

impl std::fmt::Debug for PreparedForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedForm")
            .field("form_id", &self.form_id)
            .field("document", &self.document)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

/// Where a prepared form goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintTarget {
    /// The system's default printer (CUPS `lp`, the PDF through a pipe).
    Printer,
    /// The system's PDF viewer, from a file in the user's memory-backed runtime directory.
    Viewer,
}

/// What printing did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintOutcome {
    pub form_id: String,
    pub short_code: String,
    /// The print job as the printing system named it (`Kyocera-12`), when sent to a printer.
    pub job: Option<String>,
    /// The consent the form belongs to, now awaiting signature.
    pub consent: Option<ConsentView>,
}

/// What a scanned or typed form code found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScannedForm {
    pub form_id: String,
    pub short_code: String,
    /// `consent`, `withdrawal`, `extension_notice`, …
    pub document: String,
    pub patient: PatientSummary,
    /// For a consent form: its consent.
    pub consent: Option<ConsentView>,
    /// `awaiting_signature`: one key press confirms it; `already_signed`; `not_signed` (another copy
    /// was signed, or the consent is no longer waiting); `not_for_signature` (notices, acts).
    pub state: String,
    /// The form belongs to another patient than the card open on screen.
    pub other_patient: bool,
}

/// A withdrawal as received at the desk, by post or by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WithdrawalIntake {
    pub patient_id: String,
    /// `DD.MM.YYYY`; empty means today.
    pub received_on: String,
    /// `in_person`, `email`, `post`.
    pub channel: String,
    /// The purposes withdrawn; empty means every purpose in force.
    pub purposes: Vec<String>,
}

/// Another subject request as received at the desk: an access request, a correction, a complaint
/// that needs blocking, a claim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RequestIntake {
    pub patient_id: String,
    /// `access`, `correction`, `blocking` or `claim`.
    pub kind: String,
    /// `DD.MM.YYYY`; empty means today.
    pub received_on: String,
    /// `in_person`, `email`, `post`.
    pub channel: String,
    /// What the patient says (a correction: what is wrong and what is right; required for it).
    pub details: String,
}

/// One line of the managers' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    pub request_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub kind: String,
    pub status: String,
    pub received_on: String,
    /// `in_person`, `email` or `post`.
    pub channel: String,
    pub extended: bool,
    /// The next obligation and its deadline; `null` when nothing is due or the calendar does not
    /// know the year (then `unknown_year` says which).
    pub next: Option<DeadlineView>,
    /// The year of a deadline the production calendar does not know.
    pub unknown_year: Option<i32>,
    /// The manager whose work it is, once taken: their name (their id when unknown here).
    pub assignee: Option<String>,
    /// Whether the assignee is the staff member asking.
    pub assigned_to_me: bool,
}

/// The journal of subject requests for a period (issue 12). Patients appear only by pseudonymous
/// references, never by name, phone or document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalView {
    /// The period, `YYYY-MM-DD`, both days included (by received date).
    pub from: String,
    pub to: String,
    /// The day the on-time / overdue words are as of.
    pub today: String,
    pub rows: Vec<JournalRowView>,
}

/// One request in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalRowView {
    pub request_id: String,
    /// The request's and the patient record's pseudonymous references (as the exports print them).
    pub request_ref: String,
    pub patient_ref: String,
    pub received_on: String,
    pub kind: String,
    pub channel: String,
    /// The main obligation (`stop_processing`, `answer`, `correct`, `block`, `answer_claim`).
    pub obligation: String,
    /// Its due date, the extension applied; `null` when the calendar does not know the year.
    pub deadline: Option<String>,
    pub done_on: Option<String>,
    /// The staff member who met it.
    pub done_by: Option<String>,
    /// `on_time`, `late`, `pending`, `overdue`, `unknown` or `not_recorded`.
    pub timeliness: String,
    /// Working days late or overdue, when known.
    pub working_days: Option<u32>,
    /// The year the calendar lacks, for `unknown`.
    pub unknown_year: Option<i32>,
    /// Working days added by the extension, and its reason.
    pub extension_days: Option<u32>,
    pub extension_reason: Option<String>,
}

/// The queue screen's counts as of today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueDashboard {
    pub today: String,
    pub open: u32,
    /// Open requests whose next deadline is from today to this Sunday.
    pub due_this_week: u32,
    pub overdue: u32,
    /// Requests whose main obligation was met this calendar month, on time and late.
    pub done_this_month_on_time: u32,
    pub done_this_month_late: u32,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    pub intact: bool,
    #[ts(type = "number")]
    pub desks: u64,
    #[ts(type = "number")]
    pub events: u64,
    /// One line per defect: «desk …: event 2 was altered».
    pub defects: Vec<String>,
}

/// What `backup` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    pub file: String,
    pub events: u64,
}

/// What `restore` put in the desk's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreView {
    pub file: String,
    /// Events in the restored database.
    pub events: u64,
    /// This desk's newest event in it.
    pub head_seq: u64,
    /// Where the files that were in the desk's place went.
    pub replaced_into: Option<String>,
    /// Events the replaced desk's anchor knew beyond the backup: recorded after it was made, and
    /// not in it.
    pub missing_since_backup: u64,
    /// When the newest of those was recorded (`DD.MM.YYYY HH:MM`, clinic time).
    pub last_known_at: Option<String>,
    /// Whether the folder had no desk.json and one was written: on a new computer the keyring holds
    /// no key yet, and the app asks for the recovery sheet's code at its first start.
    pub desk_file_written: bool,
}

/// What `rebuild` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RebuildView {
    #[ts(type = "number")]
    pub events: u64,
    #[ts(type = "number")]
    pub patients: u64,
    #[ts(type = "number")]
    pub consents: u64,
    #[ts(type = "number")]
    pub requests: u64,
    #[ts(type = "number")]
    pub shredded: u64,
    pub unchanged: bool,
}

/// A staff account (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffView {
    pub id: String,
    pub login: String,
    pub full_name: String,
    pub role: String,
    pub active: bool,
}

/// A staff account to add, with its first password.
#[derive(Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewStaffInput {
    pub login: String,
    pub full_name: String,
    /// `reception`, `manager` or `admin`.
    pub role: String,
    pub password: String,
}

impl std::fmt::Debug for NewStaffInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewStaffInput")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl From<&consent_domain::staff::Staff> for StaffView {
    fn from(staff: &consent_domain::staff::Staff) -> Self {
        StaffView {
            id: staff.id().to_string(),
            login: staff.login().as_str().to_owned(),
            full_name: staff.full_name().to_owned(),
            role: staff.role().code().to_owned(),
            active: staff.is_active(),
        }
    }
}

/// The clinic's details as the forms print them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicView {
    pub name: String,
    pub inn: String,
    pub ogrn: String,
    pub legal_address: String,
    pub postal_address: String,
    pub withdrawal_email: String,
    pub phone: Option<String>,
    pub processor_name: Option<String>,
    pub processor_address: Option<String>,
    pub information_system: String,
}

impl From<&consent_domain::clinic::ClinicDetails> for ClinicView {
    fn from(c: &consent_domain::clinic::ClinicDetails) -> Self {
        ClinicView {
            name: c.name.clone(),
            inn: c.inn.clone(),
            ogrn: c.ogrn.clone(),
            legal_address: c.legal_address.clone(),
            postal_address: c.postal_address.clone(),
            withdrawal_email: c.withdrawal_email.clone(),
            phone: c.phone.clone(),
            processor_name: c.processor.as_ref().map(|p| p.name.clone()),
            processor_address: c.processor.as_ref().map(|p| p.address.clone()),
            information_system: c.information_system.clone(),
        }
    }
}

/// Where the desk is, as the UI needs to know it to pick a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionPhase {
    /// No database yet: the first start creates it.
    NeedsSetup,
    /// The database is open, nobody is signed in.
    SignedOut,
    /// A staff member is signed in; every action is theirs.
    SignedIn,
    /// The signed-in staff member's screen is locked: nothing is shown or done until they unlock it.
    Locked,
    /// The database exists but cannot be opened (a missing key, say): `problem` says why.
    Unavailable,
}

/// The signed-in staff member as the status bar and the lock screen show them. No secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStaff {
    pub login: String,
    pub full_name: String,
    /// `reception`, `manager` or `admin`.
    pub role: String,
}

/// The defaults the first-start form starts from: the postal address and e-mail of policy 2.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicDefaults {
    pub legal_address: String,
    pub withdrawal_email: String,
}

/// The desk's session: which screen the app shows, who is signed in, when the screen locks itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    pub phase: SessionPhase,
    /// The desk's name given at the first start («Регистратура, окно 1»).
    pub desk_name: Option<String>,
    /// The clinic's name, while a staff member is signed in (or locked).
    pub clinic_name: Option<String>,
    /// The signed-in staff member (also while locked).
    pub staff: Option<SessionStaff>,
    /// The configured idle time before the screen locks itself, in minutes (default 5).
    pub idle_lock_minutes: u32,
    /// The idle time actually in force, in seconds: the minutes above, or the
    /// `CONSENT_DESK_IDLE_LOCK_SECONDS` override of a test run.
    pub idle_lock_seconds: u32,
    /// The defaults of the first-start form (only while the phase is `needs_setup`).
    pub clinic_defaults: Option<ClinicDefaults>,
    /// Why the database cannot be opened (only while the phase is `unavailable`).
    pub problem: Option<crate::ErrorPayload>,
    /// What the open found wrong with a ledger it could still open (its newest events missing, say),
    /// with what to do: shown on every screen until an administrator repairs the desk.
    pub ledger_warning: Option<String>,
    /// The last session ended because its account gave way to the clinic's account with the same
    /// login, which arrived from another desk: the sign-in screen says to use that account.
    pub account_gave_way: bool,
}

/// What the first start asks for: the clinic's details every form prints, the desk's name and the
/// first administrator.
#[derive(Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstStartInput {
    pub clinic_name: String,
    pub inn: String,
    pub ogrn: String,
    /// Empty means the policy's address.
    pub legal_address: String,
    /// Empty means the policy's e-mail.
    pub withdrawal_email: String,
    pub desk_name: String,
    pub admin_login: String,
    pub admin_name: String,
    pub password: String,
}

impl std::fmt::Debug for FirstStartInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names and the password stay out of logs and panics.
        f.debug_struct("FirstStartInput").finish_non_exhaustive()
    }
}

/// The recovery sheet: the code that opens this desk's database without the OS keyring. Shown once,
/// at the first start, to be printed or written down and kept locked away.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoverySheet {
    /// The database key: 64 hex characters in groups of four (`a1b2-c3d4-…`).
    pub code: String,
    /// Which database the code opens (the keyring entry's name).
    pub database_id: String,
    pub desk_id: String,
    pub desk_name: String,
    pub clinic_name: String,
    /// ISO date of the first start.
    pub created_on: String,
    /// Where the key normally lives: `keyring` (the OS keyring), `environment`
    /// (`CONSENT_DESK_DB_KEY`) or `key_file`.
    pub key_location: String,
}

impl std::fmt::Debug for RecoverySheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoverySheet")
            .field("database_id", &self.database_id)
            .field("code", &"<secret>")
            .finish_non_exhaustive()
    }
}

/// What the first start returns: the new session (the administrator is signed in) and the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstStartResult {
    pub status: SessionStatus,
    pub recovery: RecoverySheet,
}

// --- Sync with the clinic server ---

/// Where sync stands, in the order the status bar checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SyncState {
    /// No server configured (or the desk is not open yet).
    NotJoined,
    /// The last attempt failed for a reason other than a missing connection: see `problem`.
    Failed,
    /// The server cannot be reached: see `offlineSince`.
    Offline,
    /// Records of this desk wait to be sent: see `pending`.
    Pending,
    /// Everything sent and taken in: see `syncedAt`.
    Synced,
    /// Joined, and the first attempt since the start is under way.
    Starting,
}

/// The sync status for the status bar and Settings, in the desk's current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: SyncState,
    /// Records of this desk the server has not acknowledged.
    pub pending: u64,
    /// When the desk was last in step with the server (clinic time: `14:02` today, else
    /// `05.12.2026 14:02`).
    pub synced_at: Option<String>,
    /// Since when the server cannot be reached (same format).
    pub offline_since: Option<String>,
    /// Why the last attempt failed.
    pub problem: Option<crate::ErrorPayload>,
    /// The server this desk has joined.
    pub server: Option<ServerView>,
}

/// A code for a further desk to join, as the administrator shows or prints it. `Debug` hides the
/// code: it opens the clinic key.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskCode {
    pub code: String,
    /// Until when it works (clinic time, `05.12.2026 14:02`).
    pub valid_until: String,
}

impl std::fmt::Debug for DeskCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskCode")
            .field("code", &"<secret>")
            .field("valid_until", &self.valid_until)
            .finish()
    }
}

/// Data from other desks, taken in: what to refresh.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Arrival {
    /// Patients whose data changed.
    pub patients: Vec<String>,
    /// Whether staff accounts, the clinic's details or other desk-level data changed.
    pub desk_changed: bool,
}

/// A desk of the clinic as the server lists it (Settings → Desks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicDeskView {
    pub id: String,
    pub name: String,
    /// When it joined (clinic time).
    pub enrolled_at: String,
    /// When it last asked the server for news (clinic time, to the minute).
    pub last_seen: Option<String>,
    /// Records it has sent.
    pub records: u64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// This desk.
    pub this_desk: bool,
}

/// The server this desk belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerView {
    pub host: String,
    pub port: u16,
    /// The pinned certificate's fingerprint, as an administrator compares it.
    pub fingerprint: String,
}

/// One year of the production calendar as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarYearView {
    pub year: i32,
    /// `decree` (built in), `provisional` (built in, unconfirmed) or `imported`.
    pub source: String,
    /// Where it came from, in the desk's language.
    pub source_text: String,
    pub working_days: u32,
}

/// What importing a year did: the year, and the years known now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarImport {
    pub year: i32,
    pub years: Vec<CalendarYearView>,
}
