//! The act of destruction of personal data and, on its own page, the extract from the information
//! system's event log: the two documents Roskomnadzor order No. 179 of 28.10.2022 asks for when data
//! processed with automation are destroyed (LEGAL.md §4).

use chrono::{DateTime, FixedOffset, NaiveDate};
use consent_domain::ids::FormId;
use consent_domain::purpose::DataCategory;

use super::common::{Document, Issue, Signer, document_name, printable, required};
use crate::Pdf;
use crate::clinic::Clinic;
use crate::error::FormError;
use crate::format;
use crate::layout::{Align, Cell, Span, Table};
use crate::texts::{FormTexts, TextKey};

/// What was destroyed for one data subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestroyedData {
    /// The subject's full name, as it was before the data were destroyed.
    pub subject_name: String,
    /// The categories destroyed.
    pub categories: Vec<DataCategory>,
    /// Why («отзыв согласия, обращение от 24.10.2025», «достижение цели обработки»).
    pub reason: String,
    /// When the destruction was recorded in the event log.
    pub destroyed_at: DateTime<FixedOffset>,
}

/// What an act of destruction is printed from.
#[derive(Debug, Clone, Copy)]
pub struct DestructionAct<'a> {
    pub clinic: &'a Clinic,
    /// The act's number in the clinic's register, if it keeps one.
    pub number: Option<&'a str>,
    /// The day the act is drawn up.
    pub drawn_up_on: NaiveDate,
    /// One entry per subject; at least one.
    pub subjects: &'a [DestroyedData],
    /// Who destroyed the data; at least one, each signs the act.
    pub destroyed_by: &'a [Signer<'a>],
    /// How («удаление записей из базы данных без возможности восстановления»).
    pub method: &'a str,
    /// The information system; the clinic's setting when `None`.
    pub information_system: Option<&'a str>,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
}

fn check(input: &DestructionAct<'_>) -> Result<(), FormError> {
    if input.subjects.is_empty() {
        return Err(FormError::Empty("the act's list of subjects"));
    }
    if input.destroyed_by.is_empty() {
        return Err(FormError::Empty(
            "the act's list of people who destroyed the data",
        ));
    }
    required("act.method", input.method)?;
    if let Some(system) = input.information_system {
        required("act.information_system", system)?;
    }
    if let Some(number) = input.number {
        required("act.number", number)?;
    }
    for subject in input.subjects {
        required("act.subject_name", &subject.subject_name)?;
        required("act.reason", &subject.reason)?;
        if subject.categories.is_empty() {
            return Err(FormError::Empty("a subject's destroyed categories"));
        }
    }
    for signer in input.destroyed_by {
        signer.check("act.destroyed_by")?;
    }
    printable("act.method", input.method)
}

fn categories(list: &[DataCategory]) -> String {
    let titles: Vec<&str> = list.iter().map(|c| c.title_ru()).collect();
    titles.join("; ")
}

/// Prints the act of destruction followed by the event-log extract.
pub fn destruction_act(input: &DestructionAct<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    check(input)?;
    let clinic = input.clinic;
    let system = input
        .information_system
        .unwrap_or(&clinic.information_system)
        .trim();
    let title = match input.number {
        Some(number) => texts.fill(TextKey::ActTitleNumbered, &[("number", number.trim())]),
        None => texts.get(TextKey::ActTitle).to_owned(),
    };
    let subtitle = texts.get(TextKey::ActSubtitle);
    let issue = Issue {
        clinic,
        form: input.form,
        printed_at: input.printed_at,
        texts,
    };
    let mut doc = Document::begin(
        issue,
        &document_name(texts.get(TextKey::ActTitle), subtitle),
        "Акт об уничтожении персональных данных и выгрузка из журнала регистрации событий \
         (приказ Роскомнадзора от 28.10.2022 № 179)",
    )?;
    doc.title(&title, subtitle);
    let drawn_up = format::date(input.drawn_up_on);
    doc.paragraph(&texts.spans(TextKey::ActDate, &[("date", &drawn_up)]));
    doc.paragraph(&texts.plain(
        TextKey::ActOperator,
        &[
            ("clinic_name", clinic.name.trim()),
            ("inn", clinic.inn.trim()),
            ("ogrn", clinic.ogrn.trim()),
            ("clinic_address", clinic.legal_address.trim()),
        ],
    ));
    match &clinic.processor {
        Some(p) => doc.paragraph(&texts.plain(
            TextKey::ActProcessor,
            &[
                ("processor_name", p.name.trim()),
                ("processor_address", p.address.trim()),
            ],
        )),
        None => doc.paragraph(&[Span::regular(texts.get(TextKey::ActNoProcessor))]),
    }
    doc.paragraph(&texts.spans(TextKey::ActSystem, &[("system", system)]));
    doc.paragraph(&texts.spans(TextKey::ActMethod, &[("method", input.method.trim())]));
    doc.flow.gap(4.0);
    doc.paragraph(&[Span::regular(texts.get(TextKey::ActIntro))]);
    let number_cell = |i: usize| Cell::text((i + 1).to_string()).align(Align::Center);
    let rows = input
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                number_cell(i),
                Cell::bold(s.subject_name.trim()),
                Cell::text(categories(&s.categories)),
                Cell::text(s.reason.trim()),
                Cell::text(format::date(s.destroyed_at.date_naive())).align(Align::Center),
            ]
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.06, 0.24, 0.34, 0.22, 0.14],
        header: vec![
            Cell::bold(texts.get(TextKey::ActColumnNumber)).align(Align::Center),
            Cell::bold(texts.get(TextKey::ActColumnSubject)),
            Cell::bold(texts.get(TextKey::ActColumnCategories)),
            Cell::bold(texts.get(TextKey::ActColumnReason)),
            Cell::bold(texts.get(TextKey::ActColumnDate)).align(Align::Center),
        ],
        rows,
        size: 8.5,
        name: "a subject row of the act",
    })?;

    doc.flow.keep(70.0);
    doc.paragraph(&[Span::bold(texts.get(TextKey::ActDestroyers))]);
    // Each person who destroyed the data: position and full name, a line to sign on, the name
    // spelled out (order No. 179 asks for all three).
    for signer in input.destroyed_by {
        let left = [
            Span::regular(format!("{}\n", signer.position())),
            Span::bold(signer.staff.full_name()),
        ];
        doc.signature(&left, &format::initials(signer.staff.full_name()));
    }
    doc.flow.gap(6.0);
    doc.flow.paragraph(
        &[Span::regular(texts.get(TextKey::ActBasis))],
        crate::layout::Style::SMALL.size(8.0).after(0.0),
    );

    // The extract starts on a page of its own: it is filed as the act's annex.
    doc.flow.new_page();
    doc.title(
        texts.get(TextKey::ExtractTitle),
        &texts.fill(TextKey::ExtractSubtitle, &[("date", &drawn_up)]),
    );
    let rows = input
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                number_cell(i),
                Cell::bold(s.subject_name.trim()),
                Cell::text(categories(&s.categories)),
                Cell::text(system),
                Cell::text(s.reason.trim()),
                Cell::text(format::date_time(s.destroyed_at)).align(Align::Center),
            ]
        })
        .collect();
    doc.flow.table(&Table {
        widths: vec![0.05, 0.19, 0.27, 0.17, 0.18, 0.14],
        header: vec![
            Cell::bold(texts.get(TextKey::ActColumnNumber)).align(Align::Center),
            Cell::bold(texts.get(TextKey::ActColumnSubject)),
            Cell::bold(texts.get(TextKey::ActColumnCategories)),
            Cell::bold(texts.get(TextKey::ExtractColumnSystem)),
            Cell::bold(texts.get(TextKey::ActColumnReason)),
            Cell::bold(texts.get(TextKey::ExtractColumnDate)).align(Align::Center),
        ],
        rows,
        size: 8.0,
        name: "a row of the event-log extract",
    })?;
    // The extract is certified by whoever destroyed the data first.
    if let Some(signer) = input.destroyed_by.first() {
        let left = [
            Span::regular(format!("{}\n", texts.get(TextKey::ExtractCertified))),
            Span::regular(signer.position()),
        ];
        doc.signature(&left, &format::initials(signer.staff.full_name()));
    }
    doc.finish()
}
