//! «Согласие на обработку персональных данных»: every element of 152-FZ Art. 9 p. 4 (LEGAL.md §2).

use chrono::{DateTime, FixedOffset};
use consent_domain::consent::{Consent, ConsentTerm, Decision};
use consent_domain::ids::FormId;
use consent_domain::patient::Patient;
use consent_domain::purpose::{Catalogue, DataCategory, Purpose};

use super::common::{Document, Issue, check_patient, document_name, signer_name};
use crate::Pdf;
use crate::clinic::Clinic;
use crate::error::FormError;
use crate::format;
use crate::layout::{Align, Cell, Span, Table};
use crate::texts::{FormTexts, TextKey};

/// What a consent form is printed from.
#[derive(Debug, Clone, Copy)]
pub struct ConsentForm<'a> {
    pub clinic: &'a Clinic,
    pub patient: &'a Patient,
    pub consent: &'a Consent,
    /// The catalogue of the policy version the consent was given under.
    pub catalogue: &'a Catalogue,
    /// The printed instance (its id goes into the QR code).
    pub form: FormId,
    /// When the form is printed: the date on the signature line and the PDF's creation date.
    pub printed_at: DateTime<FixedOffset>,
    /// Show refused purposes in the purpose table (marked as refused) instead of leaving them out.
    pub show_refused: bool,
}

/// The purposes of a consent with their decisions, in policy order.
pub(crate) fn decided<'c>(
    consent: &Consent,
    catalogue: &'c Catalogue,
) -> Result<Vec<(&'c Purpose, Decision)>, FormError> {
    if consent.policy_version != *catalogue.policy().id() {
        return Err(FormError::PolicyMismatch {
            consent: consent.policy_version.to_string(),
            catalogue: catalogue.policy().id().to_string(),
        });
    }
    if let Some(code) = consent
        .decisions
        .keys()
        .find(|c| catalogue.get(c).is_none())
    {
        return Err(FormError::UnknownPurpose(code.to_string()));
    }
    Ok(catalogue
        .iter()
        .filter_map(|p| consent.decisions.get(&p.code).map(|d| (p, *d)))
        .collect())
}

/// The data categories the given purposes need, in the order forms list them.
pub(crate) fn categories<'p>(
    purposes: impl IntoIterator<Item = &'p Purpose> + Clone,
) -> Vec<DataCategory> {
    DataCategory::ALL
        .into_iter()
        .filter(|c| purposes.clone().into_iter().any(|p| p.needs(*c)))
        .collect()
}

/// The checks shared by the consent and the dissemination form.
pub(crate) fn check(input: &ConsentForm<'_>) -> Result<(), FormError> {
    check_patient(input.patient)?;
    if input.patient.is_minor_on(input.printed_at.date_naive())
        && input.patient.representative().is_none()
    {
        return Err(FormError::MinorWithoutRepresentative);
    }
    Ok(())
}

/// The «Я, …, даю согласие …» statement, for the subject or for a representative.
pub(crate) fn statement(
    input: &ConsentForm<'_>,
    texts: &FormTexts,
    own: TextKey,
    representative: TextKey,
) -> Vec<Span> {
    let clinic = input.clinic;
    let (signer, _) = signer_name(input.patient);
    let subject = input.patient.display_name();
    let authority = input
        .patient
        .representative()
        .map(|r| format::authority(r.authority(), texts))
        .unwrap_or_default();
    let bold = [
        ("signer", signer.as_str()),
        ("subject", subject.as_str()),
        ("authority", authority.as_str()),
    ];
    let plain = [
        ("clinic_name", clinic.name.trim()),
        ("inn", clinic.inn.trim()),
        ("ogrn", clinic.ogrn.trim()),
        ("clinic_address", clinic.legal_address.trim()),
    ];
    let key = if input.patient.representative().is_some() {
        representative
    } else {
        own
    };
    texts.mixed(key, &bold, &plain)
}

/// The subject's and the representative's details as labelled rows.
pub(crate) fn parties(doc: &mut Document<'_>, patient: &Patient) -> Result<(), FormError> {
    let texts = doc.issue.texts;
    doc.section(texts.get(TextKey::ConsentSectionSubject));
    let rows = [
        (TextKey::LabelFullName, patient.display_name()),
        (TextKey::LabelBirthDate, format::date(patient.birth_date())),
        (TextKey::LabelAddress, patient.address().as_str().to_owned()),
        (
            TextKey::LabelDocument,
            format::document(patient.document(), texts),
        ),
        (
            TextKey::LabelPhone,
            patient.phone().map(format::phone).unwrap_or_default(),
        ),
        (
            TextKey::LabelEmail,
            patient
                .email()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
        ),
    ];
    doc.details(&rows, "the subject's details")?;
    if let Some(rep) = patient.representative() {
        doc.section(texts.get(TextKey::ConsentSectionRepresentative));
        let rows = [
            (TextKey::LabelFullName, rep.name().display_name()),
            (TextKey::LabelAddress, rep.address().as_str().to_owned()),
            (
                TextKey::LabelDocument,
                format::document(rep.document(), texts),
            ),
            (TextKey::LabelPhone, format::phone(rep.phone())),
            (
                TextKey::LabelAuthority,
                format::authority(rep.authority(), texts),
            ),
        ];
        doc.details(&rows, "the representative's details")?;
    }
    Ok(())
}

/// The consent term as a sentence.
pub(crate) fn term(consent: &Consent, texts: &FormTexts) -> String {
    match consent.term {
        ConsentTerm::UntilWithdrawn => texts.get(TextKey::ConsentTermUntilWithdrawn).to_owned(),
        ConsentTerm::Until(end) => {
            texts.fill(TextKey::ConsentTermUntil, &[("date", &format::date(end))])
        }
    }
}

/// Prints the consent form.
pub fn consent_form(input: &ConsentForm<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let decided = decided(input.consent, input.catalogue)?;
    if !decided.iter().any(|(_, d)| *d == Decision::Granted) {
        return Err(FormError::NothingGranted);
    }
    check(input)?;
    let clinic = input.clinic;
    let issue = Issue {
        clinic,
        form: input.form,
        printed_at: input.printed_at,
        texts,
    };
    let (title, subtitle) = (
        texts.get(TextKey::ConsentTitle),
        texts.get(TextKey::ConsentSubtitle),
    );
    let name = document_name(title, subtitle);
    let mut doc = Document::begin(
        issue,
        &name,
        "Согласие субъекта на обработку персональных данных (ст. 9 Федерального закона № 152-ФЗ)",
    )?;
    doc.title(title, subtitle);
    parties(&mut doc, input.patient)?;
    doc.flow.gap(4.0);
    let statement = statement(
        input,
        texts,
        TextKey::ConsentStatement,
        TextKey::ConsentStatementRepresentative,
    );
    doc.paragraph(&statement);

    // The heading, its introduction and the table's first rows belong together.
    doc.flow.keep(130.0);
    doc.section(texts.get(TextKey::ConsentSectionPurposes));
    doc.paragraph(&[Span::regular(texts.get(TextKey::ConsentPurposesIntro))]);
    let rows = decided
        .iter()
        .filter(|(_, d)| input.show_refused || *d == Decision::Granted)
        .map(|(purpose, decision)| {
            let answer = match decision {
                Decision::Granted => Cell::bold(texts.get(TextKey::ConsentGranted)),
                Decision::Refused => Cell::text(texts.get(TextKey::ConsentRefused)),
            };
            vec![
                Cell::text(purpose.item.as_str()).align(Align::Center),
                Cell::text(purpose.title.ru()),
                answer.align(Align::Center),
            ]
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.13, 0.65, 0.22],
        header: vec![
            Cell::bold(texts.get(TextKey::ConsentColumnItem)).align(Align::Center),
            Cell::bold(texts.get(TextKey::ConsentColumnPurpose)),
            Cell::bold(texts.get(TextKey::ConsentColumnDecision)).align(Align::Center),
        ],
        rows,
        size: 9.0,
        name: "a purpose row",
    })?;

    let granted = decided
        .iter()
        .filter(|(_, d)| *d == Decision::Granted)
        .map(|(p, _)| *p);
    let data: Vec<&str> = categories(granted)
        .into_iter()
        .map(DataCategory::title_ru)
        .collect();
    doc.section(texts.get(TextKey::ConsentSectionData));
    doc.paragraph(&texts.spans(TextKey::ConsentData, &[("data", &data.join("; "))]));

    doc.section(texts.get(TextKey::ConsentSectionActions));
    let catalogue = input.catalogue;
    let actions: Vec<&str> = catalogue.actions().iter().map(|a| a.title_ru()).collect();
    let methods: Vec<&str> = catalogue.methods().iter().map(|m| m.title_ru()).collect();
    doc.paragraph(&texts.plain(
        TextKey::ConsentActions,
        &[
            ("actions", &actions.join(", ")),
            ("methods", &methods.join(" и ")),
        ],
    ));

    doc.section(texts.get(TextKey::ConsentSectionProcessor));
    match &clinic.processor {
        Some(p) => doc.paragraph(&texts.plain(
            TextKey::ConsentProcessor,
            &[
                ("processor_name", p.name.trim()),
                ("processor_address", p.address.trim()),
            ],
        )),
        None => doc.paragraph(&[Span::regular(texts.get(TextKey::ConsentNoProcessor))]),
    }

    doc.section(texts.get(TextKey::ConsentSectionTerm));
    let mut term = vec![Span::bold(term(input.consent, texts)), Span::regular(" ")];
    term.extend(texts.spans(
        TextKey::ConsentWithdrawal,
        &[
            ("email", clinic.withdrawal_email.trim()),
            ("postal_address", clinic.postal_address.trim()),
        ],
    ));
    doc.paragraph(&term);
    doc.flow.gap(2.0);
    let policy = texts.spans(
        TextKey::ConsentPolicy,
        &[("policy_version", input.consent.policy_version.as_str())],
    );
    let (_, initials) = signer_name(input.patient);
    doc.closing(&policy, &initials);
    doc.finish()
}
