//! The consent to the processing of personal data allowed for dissemination (152-FZ Art. 10.1): a
//! document separate from the consent form, printed only when a granted purpose needs it.

use consent_domain::consent::{Consent, Decision};
use consent_domain::purpose::{Catalogue, DataCategory};

use super::common::{Document, Issue, contacts, document_name, required, signer_name};
use super::consent::{ConsentForm, categories, check, decided, parties, statement, term};
use crate::Pdf;
use crate::error::FormError;
use crate::layout::{Align, Cell, Table};
use crate::texts::{FormTexts, TextKey};

/// Whether `consent` grants a purpose that needs the separate Art. 10.1 consent, i.e. whether
/// [`dissemination_form`] must be printed with the consent form.
pub fn needs_dissemination_form(consent: &Consent, catalogue: &Catalogue) -> bool {
    consent
        .granted()
        .filter_map(|code| catalogue.get(code))
        .any(|p| p.needs_dissemination_consent)
}

/// Prints the consent to dissemination for the granted purposes that need it.
pub fn dissemination_form(input: &ConsentForm<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let purposes: Vec<_> = decided(input.consent, input.catalogue)?
        .into_iter()
        .filter(|(p, d)| *d == Decision::Granted && p.needs_dissemination_consent)
        .map(|(p, _)| p)
        .collect();
    if purposes.is_empty() {
        return Err(FormError::NoDisseminationPurpose);
    }
    check(input)?;
    let clinic = input.clinic;
    let website = clinic.website.as_deref().unwrap_or_default();
    required("clinic.website", website)?;
    let (title, subtitle) = (
        texts.get(TextKey::DisseminationTitle),
        texts.get(TextKey::DisseminationSubtitle),
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
        "Согласие на обработку персональных данных, разрешённых для распространения (ст. 10.1 \
         Федерального закона № 152-ФЗ)",
    )?;
    doc.title(title, subtitle);
    parties(&mut doc, input.patient)?;
    doc.flow.gap(4.0);
    let statement = statement(
        input,
        texts,
        TextKey::DisseminationStatement,
        TextKey::DisseminationStatementRepresentative,
    );
    doc.paragraph(&statement);
    let mut reach = contacts(input.patient);
    if reach.is_empty() {
        reach = input.patient.address().as_str().to_owned();
    }
    doc.paragraph(&texts.spans(TextKey::DisseminationContacts, &[("contacts", &reach)]));
    doc.paragraph(&texts.spans(
        TextKey::DisseminationResource,
        &[("website", website.trim())],
    ));

    doc.section(texts.get(TextKey::DisseminationSectionPurposes));
    for purpose in &purposes {
        doc.item(&format!("{}. {}", purpose.item, purpose.title.ru()));
    }

    doc.section(texts.get(TextKey::DisseminationSectionData));
    let choice = texts.get(TextKey::DisseminationChoice);
    let rows = categories(purposes.iter().copied())
        .into_iter()
        .map(|c| {
            vec![
                Cell::text(DataCategory::title_ru(c)),
                Cell::text(choice).align(Align::Center),
                Cell::text(""),
            ]
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.37, 0.28, 0.35],
        header: vec![
            Cell::bold(texts.get(TextKey::DisseminationColumnCategory)),
            Cell::bold(texts.get(TextKey::DisseminationColumnAllowed)).align(Align::Center),
            Cell::bold(texts.get(TextKey::DisseminationColumnConditions)),
        ],
        rows,
        size: 9.0,
        name: "a data category row",
    })?;
    let term = term(input.consent, texts);
    let closing = texts.mixed(
        TextKey::DisseminationTerm,
        &[
            ("email", clinic.withdrawal_email.trim()),
            ("postal_address", clinic.postal_address.trim()),
        ],
        &[("term", term.as_str())],
    );
    let (_, initials) = signer_name(input.patient);
    doc.closing(&closing, &initials);
    doc.finish()
}
