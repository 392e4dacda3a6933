//! «Отзыв согласия на обработку персональных данных»: pre-filled from the patient and the consent,
//! or blank with lines to fill in by hand (for a patient who takes it home or sends it by post).

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use consent_domain::consent::Consent;
use consent_domain::ids::FormId;
use consent_domain::patient::Patient;
use consent_domain::purpose::{Catalogue, PurposeCode};

use super::common::{Document, Issue, check_patient, contacts, document_name, signer_name};
use super::consent::decided;
use crate::Pdf;
use crate::clinic::Clinic;
use crate::error::FormError;
use crate::format;
use crate::layout::{Align, CONTENT_WIDTH, Span, Style};
use crate::texts::{FormTexts, TextKey};

/// Where the addressee block starts: the right part of the page, as in a Russian letter.
const ADDRESS_BLOCK: f32 = CONTENT_WIDTH * 0.45;

/// What a pre-filled withdrawal is printed from.
#[derive(Debug, Clone, Copy)]
pub struct WithdrawalForm<'a> {
    pub clinic: &'a Clinic,
    pub patient: &'a Patient,
    /// The consent withdrawn; its `drafted_on` is the consent's date on the withdrawal.
    pub consent: &'a Consent,
    /// The catalogue of the consent's policy version.
    pub catalogue: &'a Catalogue,
    /// The purposes taken back; `None` takes back every purpose in force («в полном объёме»).
    pub purposes: Option<&'a BTreeSet<PurposeCode>>,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

/// What a blank withdrawal is printed from: only the clinic and its purposes.
#[derive(Debug, Clone, Copy)]
pub struct BlankWithdrawalForm<'a> {
    pub clinic: &'a Clinic,
    /// The purposes offered as tick boxes.
    pub catalogue: &'a Catalogue,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

fn address_style() -> Style {
    Style::BODY
        .align(Align::Left)
        .left(ADDRESS_BLOCK)
        .after(1.0)
}

fn addressee(doc: &mut Document<'_>) {
    let texts = doc.issue.texts;
    let clinic = doc.issue.clinic;
    let style = address_style();
    doc.flow.paragraph(
        &texts.spans(
            TextKey::WithdrawalTo,
            &[("clinic_name", clinic.name.trim())],
        ),
        style,
    );
    doc.flow.paragraph(
        &[Span::regular(clinic.legal_address.trim())],
        style.after(6.0),
    );
}

fn receipt(doc: &mut Document<'_>) {
    let texts = doc.issue.texts;
    doc.flow.gap(8.0);
    doc.flow.keep(48.0);
    doc.flow.rule(0.4, 0.5);
    doc.flow.gap(5.0);
    doc.flow.paragraph(
        &[Span::bold(texts.get(TextKey::WithdrawalReceipt))],
        Style::SMALL.size(8.5),
    );
    doc.flow.fill_line(
        texts.get(TextKey::WithdrawalReceivedOn),
        texts.get(TextKey::WithdrawalReceivedCaption),
        0.0,
    );
}

/// Prints a withdrawal pre-filled from the patient and the consent.
pub fn withdrawal_form(input: &WithdrawalForm<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let decided = decided(input.consent, input.catalogue)?;
    let in_force = input.consent.in_force_purposes();
    let chosen: Option<Vec<&PurposeCode>> = match input.purposes {
        None if in_force.is_empty() => return Err(FormError::NothingGranted),
        None => None,
        Some(set) if set.is_empty() => return Err(FormError::Empty("the withdrawn purposes")),
        Some(set) => {
            if let Some(code) = set.iter().find(|c| !in_force.contains(*c)) {
                return Err(FormError::PurposeNotInForce(code.to_string()));
            }
            Some(set.iter().collect())
        }
    };
    check_patient(input.patient)?;
    let patient = input.patient;
    let clinic = input.clinic;
    let (title, subtitle) = (
        texts.get(TextKey::WithdrawalTitle),
        texts.get(TextKey::WithdrawalSubtitle),
    );
    let issue = Issue {
        clinic,
        form: input.form,
        printed_at: input.printed_at,
        texts,
    };
    let mut doc = Document::begin(
        issue,
        &document_name(title, subtitle),
        "Отзыв согласия на обработку персональных данных (ч. 2 ст. 9 Федерального закона № 152-ФЗ)",
    )?;
    addressee(&mut doc);
    let style = address_style();
    let (name, initials) = signer_name(patient);
    let (document, address, reach) = match patient.representative() {
        Some(rep) => (
            format::document(rep.document(), texts),
            rep.address().as_str().to_owned(),
            format::phone(rep.phone()),
        ),
        None => (
            format::document(patient.document(), texts),
            patient.address().as_str().to_owned(),
            contacts(patient),
        ),
    };
    doc.flow.paragraph(
        &texts.spans(TextKey::WithdrawalFrom, &[("name", &name)]),
        style,
    );
    doc.flow.paragraph(
        &texts.plain(TextKey::WithdrawalFromDocument, &[("document", &document)]),
        style,
    );
    doc.flow.paragraph(
        &texts.plain(TextKey::WithdrawalFromAddress, &[("address", &address)]),
        style,
    );
    if !reach.is_empty() {
        doc.flow.paragraph(
            &texts.plain(TextKey::WithdrawalFromContacts, &[("contacts", &reach)]),
            style,
        );
    }
    doc.flow.gap(12.0);
    doc.title(title, subtitle);

    if let Some(rep) = patient.representative() {
        let subject = format!(
            "{}, {} г. р.",
            patient.display_name(),
            format::date(patient.birth_date())
        );
        let authority = format::authority(rep.authority(), texts);
        doc.paragraph(&texts.spans(
            TextKey::WithdrawalOnBehalf,
            &[("subject", &subject), ("authority", &authority)],
        ));
    }
    let consent_date = format::date(input.consent.drafted_on);
    let bold = [("consent_date", consent_date.as_str())];
    let plain = [("clinic_name", clinic.name.trim())];
    match &chosen {
        None => doc.paragraph(&texts.mixed(TextKey::WithdrawalAll, &bold, &plain)),
        Some(codes) => {
            doc.paragraph(&texts.mixed(TextKey::WithdrawalSome, &bold, &plain));
            for (purpose, _) in decided.iter().filter(|(p, _)| codes.contains(&&p.code)) {
                doc.item(&format!("{}. {}", purpose.item, purpose.title.ru()));
            }
            doc.flow.gap(3.0);
        }
    }
    doc.closing(
        &[Span::regular(texts.get(TextKey::WithdrawalRequest))],
        &initials,
    );
    receipt(&mut doc);
    doc.finish()
}

/// Prints a blank withdrawal with lines to fill in and tick boxes for the purposes.
pub fn blank_withdrawal_form(
    input: &BlankWithdrawalForm<'_>,
    texts: &FormTexts,
) -> Result<Pdf, FormError> {
    let clinic = input.clinic;
    let (title, subtitle) = (
        texts.get(TextKey::WithdrawalTitle),
        texts.get(TextKey::WithdrawalSubtitle),
    );
    let issue = Issue {
        clinic,
        form: input.form,
        printed_at: input.printed_at,
        texts,
    };
    let mut doc = Document::begin(
        issue,
        &document_name(title, subtitle),
        "Отзыв согласия на обработку персональных данных (бланк для заполнения от руки)",
    )?;
    addressee(&mut doc);
    let from = texts.fill(TextKey::WithdrawalFrom, &[("name", "")]);
    let lines = [
        (from.trim(), TextKey::BlankNameCaption),
        ("", TextKey::BlankDocumentCaption),
        ("", TextKey::BlankAddressCaption),
        ("", TextKey::BlankContactsCaption),
        ("", TextKey::BlankAuthorityCaption),
    ];
    for (label, caption) in lines {
        doc.flow.fill_line(label, texts.get(caption), ADDRESS_BLOCK);
    }
    doc.flow.gap(6.0);
    doc.title(title, subtitle);
    doc.paragraph(&texts.plain(TextKey::BlankBody, &[("clinic_name", clinic.name.trim())]));
    let style = Style::BODY.align(Align::Left).left(8.0).after(2.0);
    doc.flow
        .checkbox(&[Span::regular(texts.get(TextKey::BlankAll))], false, style);
    doc.flow.checkbox(
        &[Span::regular(texts.get(TextKey::BlankSome))],
        false,
        style,
    );
    for purpose in input.catalogue.iter() {
        let text = format!("{}. {}", purpose.item, purpose.title.ru());
        doc.flow.checkbox(
            &[Span::regular(text)],
            false,
            style.size(9.0).left(28.0).after(1.0),
        );
    }
    doc.flow.gap(4.0);
    doc.paragraph(&[Span::regular(texts.get(TextKey::WithdrawalRequest))]);
    let blank_date = [Span::regular(texts.get(TextKey::CommonBlankDate))];
    doc.signature(&blank_date, "____________________");
    receipt(&mut doc);
    doc.finish()
}
