//! # consent-forms
//!
//! Consent Desk's paper forms as PDFs (A4, Russian): the consent to the processing of personal data
//! with every element 152-FZ Art. 9 p. 4 asks for, the separate consent to data allowed for
//! dissemination (Art. 10.1), the withdrawal of consent (pre-filled and blank), the act of
//! destruction with the event-log extract (Roskomnadzor order No. 179), and the notices to the
//! subject: a deadline extension, the outcome of a withdrawal, the answer to an access request; and
//! the desk's recovery sheet (the database key on paper, for the clinic's safe) and the enrollment
//! sheet (a further desk's one-time code for the clinic server).
//!
//! Invariants of this crate:
//! - rendering is pure: no clock, no randomness, no files, no environment. The print time and the
//!   form id are inputs, and the same input gives byte-identical PDFs (printpdf's random document
//!   ids and resource names are replaced, see `render`);
//! - every printed form carries a QR code with `consent-desk:form:<uuid>` and the human-readable
//!   [`short_code`] of its [`FormId`](consent_domain::ids::FormId); the recovery sheet, which is
//!   no patient form, carries `consent-desk:recovery:<database id>:<key>` instead and keeps the key
//!   out of its metadata, and the enrollment sheet likewise carries its code and only there;
//! - nothing is set outside the 20 mm margins: lines are wrapped by the embedded fonts' own glyph
//!   widths, long documents break onto new pages with a running header and «Страница N из M», and
//!   every text box is recorded in [`LayoutLog`] so tests can prove it;
//! - bad input is a [`FormError`], never a half-filled form; errors name fields, never their values;
//! - the wording lives in [`FormTexts`]: built-in Russian text, overridable by a validated TOML file;
//! - fonts (PT Sans, ParaType Free Font License, `fonts/`) are embedded as subsets with a ToUnicode
//!   map, so the text can be extracted and searched.

mod clinic;
mod code;
mod documents;
mod error;
mod fonts;
mod format;
mod layout;
mod metadata;
mod qr;
mod render;
mod texts;

pub use clinic::{Clinic, Processor};
pub use code::{FormCode, QR_PREFIX, normalize_short_code, qr_payload, read_form_code, short_code};
pub use documents::act::{DestroyedData, DestructionAct, destruction_act};
pub use documents::common::Signer;
pub use documents::consent::{ConsentForm, consent_form};
pub use documents::dissemination::{dissemination_form, needs_dissemination_form};
pub use documents::enrollment::{
    ENROLLMENT_PREFIX, EnrollmentSheetForm, enrollment_sheet, group_enrollment_code,
};
pub use documents::journal::{
    JOURNAL_COLUMNS, JOURNAL_TITLE, JournalReport, journal_csv, journal_report, reference,
};
pub use documents::notice::{
    AccessAnswer, ExtensionNotice, OutcomeNotice, access_answer, extension_notice, outcome_notice,
};
pub use documents::recovery::{
    KeyLocation, RECOVERY_QR_PREFIX, RecoveryCode, RecoverySheetForm, group_recovery_code,
    read_recovery_code, recovery_qr_payload, recovery_sheet,
};
pub use documents::withdrawal::{
    BlankWithdrawalForm, WithdrawalForm, blank_withdrawal_form, withdrawal_form,
};
pub use error::FormError;
pub use fonts::printable;
pub use layout::{LayoutLog, TextBox};
pub use texts::{FormTexts, TextKey, TextsError};

/// A finished form.
#[derive(Debug, Clone, PartialEq)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// The document title as in the PDF metadata (kind of form and short code, no personal data;
    /// for the recovery sheet the kind and the desk's name, never the code).
    pub title: String,
    /// Where every text run was set.
    pub layout: LayoutLog,
}
