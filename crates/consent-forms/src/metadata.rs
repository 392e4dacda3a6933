//! What a PDF says about itself: title, author, subject, creation date, language, identifier.

use chrono::{DateTime, FixedOffset};
use consent_domain::ids::FormId;

use crate::code::{qr_payload, short_code};

/// The document information of one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Metadata {
    /// The kind of document and its short code, never a patient's name (nor a secret): titles show
    /// in window bars and file pickers.
    pub title: String,
    /// The clinic (the operator that issues the form).
    pub author: String,
    pub subject: String,
    /// The QR payload and the short code, so a search over PDF metadata finds the form.
    pub keywords: String,
    pub creator: String,
    pub producer: String,
    /// The print time given by the caller (the crate reads no clock).
    pub created: DateTime<FixedOffset>,
    /// BCP 47 tag of the text.
    pub lang: &'static str,
    /// The trailer `/ID`: the form id's 16 bytes (a digest of the sheet's identity for the recovery
    /// sheet).
    pub id: [u8; 16],
}

impl Metadata {
    /// The metadata of a printed form: the title carries the short code, the keywords the QR payload,
    /// the trailer `/ID` the form id.
    pub fn new(
        title: &str,
        subject: &str,
        author: &str,
        form: FormId,
        created: DateTime<FixedOffset>,
    ) -> Metadata {
        let code = short_code(form);
        Metadata::document(
            format!("{title} ({code})"),
            subject,
            author,
            format!("{}, {code}", qr_payload(form)),
            *form.as_bytes(),
            created,
        )
    }

    /// The metadata of a document that is not a numbered form (the recovery sheet): every field
    /// given by the caller.
    pub fn document(
        title: String,
        subject: &str,
        author: &str,
        keywords: String,
        id: [u8; 16],
        created: DateTime<FixedOffset>,
    ) -> Metadata {
        Metadata {
            title,
            author: author.to_owned(),
            subject: subject.to_owned(),
            keywords,
            creator: "Consent Desk".to_owned(),
            producer: "Consent Desk consent-forms (printpdf 0.12)".to_owned(),
            created,
            lang: "ru",
            id,
        }
    }
}
