//! Letters to the data subject: the reasoned notice of a deadline extension (152-FZ Art. 14 p. 3,
//! Art. 20, Art. 21 p. 5.1), the outcome of a withdrawal per purpose, and the answer to an access
//! request (Art. 14 p. 7).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use consent_domain::consent::{Consent, ConsentStatus, ConsentTerm};
use consent_domain::ids::FormId;
use consent_domain::patient::{Patient, Sex};
use consent_domain::purpose::{Catalogue, DataCategory, Purpose, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome, Request, RequestKind};

use super::common::{Document, Issue, Signer, check_patient, document_name, printable, required};
use super::consent::categories;
use crate::Pdf;
use crate::clinic::Clinic;
use crate::error::FormError;
use crate::format;
use crate::layout::{Align, CONTENT_WIDTH, Cell, Span, Style, Table};
use crate::texts::{FormTexts, TextKey};

/// The reasoned notice that a deadline was extended by five working days.
#[derive(Debug, Clone, Copy)]
pub struct ExtensionNotice<'a> {
    pub clinic: &'a Clinic,
    pub patient: &'a Patient,
    /// A withdrawal or an access request with its extension (and the reason) recorded.
    pub request: &'a Request,
    /// The deadline before the extension.
    pub due: NaiveDate,
    /// The deadline after it.
    pub new_due: NaiveDate,
    pub signer: Signer<'a>,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

/// The notice of what a withdrawal did: per purpose, stopped or continuing on another ground, and
/// whether the data were destroyed or blocked.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeNotice<'a> {
    pub clinic: &'a Clinic,
    pub patient: &'a Patient,
    /// A withdrawal with every purpose decided.
    pub request: &'a Request,
    /// Titles of the purposes.
    pub catalogue: &'a Catalogue,
    /// The day the data were destroyed; required when the request's disposal is `Destroyed`.
    pub destroyed_on: Option<NaiveDate>,
    pub signer: Signer<'a>,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

/// The answer to an access request: what data, for which purposes and on which grounds, how, for how
/// long, who else processes them, and how to exercise one's rights.
#[derive(Debug, Clone, Copy)]
pub struct AccessAnswer<'a> {
    pub clinic: &'a Clinic,
    pub patient: &'a Patient,
    /// The access request answered.
    pub request: &'a Request,
    /// The patient's consents; the purposes processed and their terms are worked out from them.
    pub consents: &'a [Consent],
    /// The catalogue in force (titles, grounds and data categories by purpose code).
    pub catalogue: &'a Catalogue,
    pub signer: Signer<'a>,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

/// Starts a letter to the subject: checks the addressee and the signer, opens the document with its
/// title and metadata subject, and writes the letter head.
fn begin_letter<'a>(
    issue: Issue<'a>,
    patient: &Patient,
    signer: &Signer<'_>,
    (title, subtitle): (TextKey, TextKey),
    subject: &str,
) -> Result<Document<'a>, FormError> {
    check_patient(patient)?;
    signer.check("notice.signer")?;
    let (title, subtitle) = (issue.texts.get(title), issue.texts.get(subtitle));
    let mut doc = Document::begin(issue, &document_name(title, subtitle), subject)?;
    letter_head(&mut doc, patient, title, subtitle);
    Ok(doc)
}

/// Addressee block, outgoing number, title and salutation.
fn letter_head(doc: &mut Document<'_>, patient: &Patient, title: &str, subtitle: &str) {
    let texts = doc.issue.texts;
    let style = Style::BODY
        .align(Align::Left)
        .left(CONTENT_WIDTH * 0.5)
        .after(1.0);
    let (addressee, address) = match patient.representative() {
        Some(rep) => (
            texts.spans(
                TextKey::NoticeAddresseeRepresentative,
                &[
                    ("name", &rep.name().display_name()),
                    ("subject", &patient.display_name()),
                ],
            ),
            rep.address().as_str(),
        ),
        None => (
            texts.spans(
                TextKey::NoticeAddressee,
                &[("name", &patient.display_name())],
            ),
            patient.address().as_str(),
        ),
    };
    doc.flow.paragraph(&addressee, style);
    doc.flow
        .paragraph(&[Span::regular(address)], style.after(10.0));
    let printed = format::date(doc.issue.printed_at.date_naive());
    doc.flow.paragraph(
        &texts.plain(TextKey::NoticeOutgoing, &[("date", &printed)]),
        Style::BODY.align(Align::Left).after(10.0),
    );
    doc.title(title, subtitle);
    let (key, name) = match patient.representative() {
        Some(rep) => (TextKey::NoticeSalutation, polite_name(rep.name())),
        None => (
            match patient.sex() {
                Sex::Male => TextKey::NoticeSalutationMale,
                Sex::Female => TextKey::NoticeSalutationFemale,
            },
            polite_name(patient.name()),
        ),
    };
    doc.flow.paragraph(
        &texts.plain(key, &[("name", &name)]),
        Style::BODY.align(Align::Center).after(6.0),
    );
}

/// «Пётр Алексеевич» — the given name and patronymic, or the full name when there is no patronymic.
fn polite_name(name: &consent_domain::patient::PersonName) -> String {
    match &name.patronymic {
        Some(patronymic) => format!("{} {patronymic}", name.given_name),
        None => name.display_name(),
    }
}

/// The signature of the clinic's responsible person.
fn sign(doc: &mut Document<'_>, signer: &Signer<'_>) {
    doc.flow.gap(10.0);
    let left = [
        Span::regular(format!("{}\n", signer.position())),
        Span::regular(doc.issue.clinic.name.trim()),
    ];
    doc.signature(&left, &format::initials(signer.staff.full_name()));
}

fn wrong_kind(expected: &'static str, request: &Request) -> FormError {
    FormError::WrongRequestKind {
        expected,
        actual: request.kind.code(),
    }
}

/// Prints the reasoned notice of a deadline extension.
pub fn extension_notice(input: &ExtensionNotice<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let request = input.request;
    let (kind, obligation, ground) = match request.kind {
        RequestKind::Withdrawal(_) => (
            TextKey::KindWithdrawal,
            TextKey::ObligationStop,
            TextKey::ExtensionGroundWithdrawal,
        ),
        RequestKind::Access => (
            TextKey::KindAccess,
            TextKey::ObligationAnswer,
            TextKey::ExtensionGroundAccess,
        ),
        _ => return Err(wrong_kind("withdrawal or access", request)),
    };
    let reason = match &request.extension {
        Some(ext) if !ext.reason.trim().is_empty() => ext.reason.trim(),
        _ => return Err(FormError::NotExtended),
    };
    if input.new_due <= input.due {
        return Err(FormError::NotExtended);
    }
    printable("request.extension.reason", reason)?;
    let mut doc = begin_letter(
        Issue {
            clinic: input.clinic,
            form: input.form,
            printed_at: input.printed_at,
            texts,
        },
        input.patient,
        &input.signer,
        (TextKey::ExtensionTitle, TextKey::ExtensionSubtitle),
        "Мотивированное уведомление о продлении срока (Федеральный закон № 152-ФЗ)",
    )?;
    let received = format::date(request.received_on);
    doc.paragraph(&texts.mixed(
        TextKey::ExtensionBody,
        &[("received_on", received.as_str())],
        &[
            ("clinic_name", input.clinic.name.trim()),
            ("request", texts.get(kind)),
            ("obligation", texts.get(obligation)),
            ("ground", texts.get(ground)),
        ],
    ));
    doc.paragraph(&texts.spans(TextKey::ExtensionReason, &[("reason", reason)]));
    doc.paragraph(&texts.spans(
        TextKey::ExtensionNewDue,
        &[
            ("new_due", &format::date(input.new_due)),
            ("due", &format::date(input.due)),
        ],
    ));
    doc.paragraph(&[Span::regular(texts.get(TextKey::ExtensionClosing))]);
    sign(&mut doc, &input.signer);
    doc.finish()
}

/// Prints the notice of a withdrawal's outcome.
pub fn outcome_notice(input: &OutcomeNotice<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let request = input.request;
    if !matches!(request.kind, RequestKind::Withdrawal(_)) {
        return Err(wrong_kind("withdrawal", request));
    }
    if request.purposes.is_empty() {
        return Err(FormError::Empty("the withdrawal's purposes"));
    }
    if request
        .purposes
        .iter()
        .any(|p| !request.outcomes.contains_key(p))
    {
        return Err(FormError::UndecidedPurposes);
    }
    let mut rows = Vec::new();
    for purpose in input.catalogue.iter() {
        let Some(outcome) = request.outcomes.get(&purpose.code) else {
            continue;
        };
        let result = match outcome {
            PurposeOutcome::Stopped => Cell::bold(texts.get(TextKey::OutcomeStopped)),
            PurposeOutcome::Continues { legal_ground } => {
                required("request.outcome.legal_ground", legal_ground)?;
                Cell::text(texts.fill(
                    TextKey::OutcomeContinues,
                    &[("ground", legal_ground.trim())],
                ))
            }
        };
        rows.push(vec![
            Cell::text(format!("{}. {}", purpose.item, purpose.title.ru())),
            result,
        ]);
    }
    if let Some(code) = request
        .outcomes
        .keys()
        .find(|c| input.catalogue.get(c).is_none())
    {
        return Err(FormError::UnknownPurpose(code.to_string()));
    }
    let stopped_any = request
        .outcomes
        .values()
        .any(|o| *o == PurposeOutcome::Stopped);
    let disposal = match (stopped_any, request.disposal, input.destroyed_on) {
        (false, _, _) => texts.get(TextKey::OutcomeNothingStopped).to_owned(),
        (true, Some(Disposal::Destroyed), Some(on)) => {
            texts.fill(TextKey::OutcomeDestroyed, &[("date", &format::date(on))])
        }
        (true, Some(Disposal::Destroyed), None) => {
            return Err(FormError::MissingData {
                field: "outcome.destroyed_on",
            });
        }
        (true, Some(Disposal::Blocked), _) => texts.get(TextKey::OutcomeBlocked).to_owned(),
        (true, None, _) => texts.get(TextKey::OutcomePending).to_owned(),
    };
    let mut doc = begin_letter(
        Issue {
            clinic: input.clinic,
            form: input.form,
            printed_at: input.printed_at,
            texts,
        },
        input.patient,
        &input.signer,
        (TextKey::OutcomeTitle, TextKey::OutcomeSubtitle),
        "Уведомление о прекращении обработки и уничтожении персональных данных (ст. 21 \
         Федерального закона № 152-ФЗ)",
    )?;
    let received = format::date(request.received_on);
    doc.paragraph(&texts.mixed(
        TextKey::OutcomeBody,
        &[("received_on", received.as_str())],
        &[("clinic_name", input.clinic.name.trim())],
    ));
    doc.flow.table(&Table {
        widths: vec![0.6, 0.4],
        header: vec![
            Cell::bold(texts.get(TextKey::OutcomeColumnPurpose)),
            Cell::bold(texts.get(TextKey::OutcomeColumnResult)),
        ],
        rows,
        size: 9.0,
        name: "an outcome row",
    })?;
    doc.flow.gap(2.0);
    doc.paragraph(&[Span::regular(disposal)]);
    sign(&mut doc, &input.signer);
    doc.finish()
}

/// A purpose processed for the patient and how long.
struct Processed<'c> {
    purpose: &'c Purpose,
    term: String,
}

/// The purposes processed on `on`: consent-based ones while granted, not withdrawn and not expired;
/// the others (contract, law, medical secrecy) for as long as any signed consent recorded them, as a
/// withdrawal does not stop them.
fn processed<'c>(
    consents: &[Consent],
    catalogue: &'c Catalogue,
    on: NaiveDate,
    texts: &FormTexts,
) -> Result<Vec<Processed<'c>>, FormError> {
    let mut found: BTreeMap<PurposeCode, String> = BTreeMap::new();
    for consent in consents {
        let status = consent.status(on);
        if matches!(
            status,
            ConsentStatus::Draft | ConsentStatus::AwaitingSignature | ConsentStatus::Superseded
        ) {
            continue;
        }
        for code in consent.granted() {
            let purpose = catalogue
                .get(code)
                .ok_or_else(|| FormError::UnknownPurpose(code.to_string()))?;
            let term = if purpose.stops_on_withdrawal() {
                if consent.withdrawn.contains_key(code) || status == ConsentStatus::Expired {
                    continue;
                }
                match consent.term {
                    ConsentTerm::UntilWithdrawn => {
                        texts.get(TextKey::AccessTermUntilWithdrawn).to_owned()
                    }
                    ConsentTerm::Until(end) => {
                        texts.fill(TextKey::AccessTermUntil, &[("date", &format::date(end))])
                    }
                }
            } else {
                texts.get(TextKey::AccessTermOther).to_owned()
            };
            found.entry(code.clone()).or_insert(term);
        }
    }
    Ok(catalogue
        .iter()
        .filter_map(|purpose| {
            found
                .remove(&purpose.code)
                .map(|term| Processed { purpose, term })
        })
        .collect())
}

/// What the answer says about one category of the patient's data.
fn value_of(category: DataCategory, patient: &Patient, texts: &FormTexts) -> Option<String> {
    Some(match category {
        DataCategory::FullName => patient.display_name(),
        DataCategory::BirthDate => format::date(patient.birth_date()),
        DataCategory::Sex => texts
            .get(match patient.sex() {
                Sex::Male => TextKey::AccessSexMale,
                Sex::Female => TextKey::AccessSexFemale,
            })
            .to_owned(),
        DataCategory::Phone => format::phone(patient.phone()?),
        DataCategory::Email => patient.email()?.as_str().to_owned(),
        DataCategory::Address => patient.address().as_str().to_owned(),
        DataCategory::IdentityDocument => format::document(patient.document(), texts),
        DataCategory::LocationAndDevice => texts.get(TextKey::AccessValueDevice).to_owned(),
        DataCategory::HealthData => texts.get(TextKey::AccessValueHealth).to_owned(),
        DataCategory::AccountCredentials => texts.get(TextKey::AccessValueAccount).to_owned(),
    })
}

/// Prints the answer to an access request.
pub fn access_answer(input: &AccessAnswer<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    let request = input.request;
    if request.kind != RequestKind::Access {
        return Err(wrong_kind("access", request));
    }
    let processed = processed(
        input.consents,
        input.catalogue,
        input.printed_at.date_naive(),
        texts,
    )?;
    if processed.is_empty() {
        return Err(FormError::Empty("the purposes processed for the patient"));
    }
    let clinic = input.clinic;
    let mut doc = begin_letter(
        Issue {
            clinic: input.clinic,
            form: input.form,
            printed_at: input.printed_at,
            texts,
        },
        input.patient,
        &input.signer,
        (TextKey::AccessTitle, TextKey::AccessSubtitle),
        "Сведения, касающиеся обработки персональных данных (ч. 7 ст. 14 Федерального закона \
         № 152-ФЗ)",
    )?;
    let received = format::date(request.received_on);
    doc.paragraph(&texts.mixed(
        TextKey::AccessBody,
        &[("received_on", received.as_str())],
        &[("clinic_name", clinic.name.trim())],
    ));
    doc.paragraph(&[Span::bold(texts.get(TextKey::AccessConfirmation))]);

    doc.section(texts.get(TextKey::AccessSectionOperator));
    doc.paragraph(&texts.plain(
        TextKey::AccessOperator,
        &[
            ("clinic_name", clinic.name.trim()),
            ("inn", clinic.inn.trim()),
            ("ogrn", clinic.ogrn.trim()),
            ("clinic_address", clinic.legal_address.trim()),
        ],
    ));

    doc.section(texts.get(TextKey::AccessSectionData));
    let rows = categories(processed.iter().map(|p| p.purpose))
        .into_iter()
        .filter_map(|c| {
            value_of(c, input.patient, texts)
                .map(|value| vec![Cell::text(c.title_ru()), Cell::bold(value)])
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.35, 0.65],
        header: vec![
            Cell::bold(texts.get(TextKey::AccessColumnCategory)),
            Cell::bold(texts.get(TextKey::AccessColumnValue)),
        ],
        rows,
        size: 9.0,
        name: "a data row",
    })?;

    doc.section(texts.get(TextKey::AccessSectionPurposes));
    let rows = processed
        .iter()
        .map(|p| {
            let ground = p.purpose.legal_ground;
            vec![
                Cell::text(format!("{}. {}", p.purpose.item, p.purpose.title.ru())),
                Cell::text(format!("{} ({})", ground.title_ru(), ground.citation_ru())),
                Cell::text(p.term.as_str()),
            ]
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.38, 0.34, 0.28],
        header: vec![
            Cell::bold(texts.get(TextKey::AccessColumnPurpose)),
            Cell::bold(texts.get(TextKey::AccessColumnGround)),
            Cell::bold(texts.get(TextKey::AccessColumnTerm)),
        ],
        rows,
        size: 8.5,
        name: "a purpose row",
    })?;

    doc.section(texts.get(TextKey::AccessSectionMethods));
    let actions: Vec<&str> = input
        .catalogue
        .actions()
        .iter()
        .map(|a| a.title_ru())
        .collect();
    let methods: Vec<&str> = input
        .catalogue
        .methods()
        .iter()
        .map(|m| m.title_ru())
        .collect();
    doc.paragraph(&texts.plain(
        TextKey::ConsentActions,
        &[
            ("actions", &actions.join(", ")),
            ("methods", &methods.join(" и ")),
        ],
    ));

    doc.section(texts.get(TextKey::AccessSectionRecipients));
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
    doc.paragraph(&[Span::regular(texts.get(TextKey::AccessRecipients))]);

    doc.section(texts.get(TextKey::AccessSectionRights));
    doc.paragraph(&texts.spans(
        TextKey::AccessRights,
        &[
            ("email", clinic.withdrawal_email.trim()),
            ("postal_address", clinic.postal_address.trim()),
        ],
    ));
    sign(&mut doc, &input.signer);
    doc.finish()
}
