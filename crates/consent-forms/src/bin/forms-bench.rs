//! `forms-bench`: how fast forms render and how big they are.
//!
//! ```text
//! cargo run --release -p consent-forms --bin forms-bench
//! ```
//!
//! Renders the usual two-page consent form and the one-page withdrawal form many times each (median
//! and 95th percentile), then a batch of 1,000 consent forms with distinct form ids; prints a table
//! and writes `target/bench/forms.json`. Targets: ≤ 10 ms median for a one-page form in release,
//! ≤ 80 KB per form.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use consent_domain::consent::{Consent, ConsentChannel, ConsentDraft, ConsentTerm, Decision};
use consent_domain::dates::{date, instant};
use consent_domain::ids::{ConsentId, FormId, PatientId};
use consent_domain::patient::{DocumentInput, Patient, PatientInput, validate};
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_forms::{
    Clinic, ConsentForm, FormTexts, Pdf, WithdrawalForm, consent_form, withdrawal_form,
};
use uuid::Uuid;

const SAMPLES: usize = 300;
const BATCH: usize = 1_000;

struct Fixture {
    clinic: Clinic,
    patient: Patient,
    consent: Consent,
    signed: Consent,
}

fn fixture() -> Result<Fixture, Box<dyn Error>> {
    let today = date(2025, 10, 24);
    let input = PatientInput {
        surname: "Ёлкин".to_owned(),
        given_name: "Пётр".to_owned(),
        patronymic: Some("Алексеевич".to_owned()),
        birth_date: "15.03.1985".to_owned(),
        sex: "male".to_owned(),
        phone: Some("+7 912 345-67-89".to_owned()),
        email: Some("elkin@example.ru".to_owned()),
        address: "153002, г. Иваново, ул. Лежневская, д. 5, кв. 12".to_owned(),
        document: DocumentInput {
            kind: "ru_passport".to_owned(),
            series: Some("2410".to_owned()),
            number: "654321".to_owned(),
            issue_date: "01.04.2005".to_owned(),
            issuer: "УМВД России по Ивановской области".to_owned(),
            subdivision_code: Some("370-001".to_owned()),
        },
        representative: None,
    };
    let patient = validate(&input, today).map_err(|e| format!("fixture patient: {e}"))?;
    let mut decisions = BTreeMap::new();
    for code in [
        PurposeCode::IDENTIFICATION,
        PurposeCode::FEEDBACK,
        PurposeCode::MEDICAL_ACCOUNT,
        PurposeCode::NOTIFICATIONS,
    ] {
        decisions.insert(code, Decision::Granted);
    }
    decisions.insert(PurposeCode::ADVERTISING, Decision::Refused);
    let consent = Consent::draft(
        ConsentDraft {
            id: ConsentId::from_uuid(Uuid::from_u128(0x2001)),
            patient: PatientId::from_uuid(Uuid::from_u128(0x1001)),
            decisions,
            term: ConsentTerm::UntilWithdrawn,
            channel: ConsentChannel::Paper,
            drafted_on: today,
        },
        Catalogue::builtin(),
    )?;
    let form = form(0);
    let signed = consent
        .print(consent_domain::consent::PrintedForm {
            form,
            at: consent_domain::hlc::Hlc::new(1, 0),
            by: consent_domain::staff::StaffId::from_u128(1),
        })
        .and_then(|c| {
            c.sign(consent_domain::consent::Signature {
                form,
                confirmed_by: consent_domain::staff::StaffId::from_u128(2),
                at: consent_domain::hlc::Hlc::new(2, 0),
                paper_location: "Папка 2025/10".to_owned(),
            })
        })?;
    let mut clinic = Clinic::with_policy_defaults(
        "ООО «Клиника семейной медицины»",
        "3702000007",
        "1023700000004",
    );
    clinic.phone = Some("+7 (4932) 00-00-00".to_owned());
    Ok(Fixture {
        clinic,
        patient,
        consent,
        signed,
    })
}

fn form(n: u128) -> FormId {
    FormId::from_uuid(Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0000 + n,
    ))
}

/// Median, 95th percentile and size of one kind of form.
struct Stats {
    name: &'static str,
    pages: usize,
    median_ms: f64,
    p95_ms: f64,
    bytes: usize,
}

fn measure(
    name: &'static str,
    mut render: impl FnMut(u128) -> Result<Pdf, consent_forms::FormError>,
) -> Result<Stats, Box<dyn Error>> {
    // Warm-up: the fonts are parsed once per process.
    let mut last = render(0)?;
    for n in 1..20 {
        last = render(n)?;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES {
        let start = Instant::now();
        last = render(n as u128)?;
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = times[(SAMPLES * 95).div_ceil(100).saturating_sub(1)];
    Ok(Stats {
        name,
        pages: last.pages,
        median_ms: ms(times[SAMPLES / 2]),
        p95_ms: ms(p95),
        bytes: last.bytes.len(),
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let fx = fixture()?;
    let texts = FormTexts::builtin();
    let printed_at = instant("2025-10-24T09:30:00+03:00");
    let consent_input = |n: u128| ConsentForm {
        clinic: &fx.clinic,
        patient: &fx.patient,
        consent: &fx.consent,
        catalogue: Catalogue::builtin(),
        form: form(n),
        printed_at,
        show_refused: true,
    };
    let withdrawn = [PurposeCode::NOTIFICATIONS].into_iter().collect();
    let withdrawal_input = |n: u128| WithdrawalForm {
        clinic: &fx.clinic,
        patient: &fx.patient,
        consent: &fx.signed,
        catalogue: Catalogue::builtin(),
        purposes: Some(&withdrawn),
        form: form(n),
        printed_at,
    };
    let stats = [
        measure("consent form", |n| consent_form(&consent_input(n), &texts))?,
        measure("withdrawal form", |n| {
            withdrawal_form(&withdrawal_input(n), &texts)
        })?,
    ];

    let start = Instant::now();
    let mut batch_bytes = 0usize;
    for n in 0..BATCH {
        batch_bytes += consent_form(&consent_input(10_000 + n as u128), &texts)?
            .bytes
            .len();
    }
    let batch = start.elapsed().as_secs_f64();
    let per_second = BATCH as f64 / batch;

    println!(
        "{:<18} {:>5} {:>11} {:>9} {:>9}",
        "form", "pages", "median, ms", "p95, ms", "size, KB"
    );
    for s in &stats {
        println!(
            "{:<18} {:>5} {:>11.2} {:>9.2} {:>9.1}",
            s.name,
            s.pages,
            s.median_ms,
            s.p95_ms,
            s.bytes as f64 / 1024.0
        );
    }
    println!(
        "batch of {BATCH} consent forms: {batch:.2} s, {per_second:.0} forms/s, {:.1} MB",
        batch_bytes as f64 / 1024.0 / 1024.0
    );

    let forms: Vec<String> = stats
        .iter()
        .map(|s| {
            format!(
                "    {{\"form\": \"{}\", \"pages\": {}, \"median_ms\": {:.3}, \"p95_ms\": {:.3}, \"bytes\": {}}}",
                s.name, s.pages, s.median_ms, s.p95_ms, s.bytes
            )
        })
        .collect();
    let json = format!(
        "{{\n  \"profile\": \"{}\",\n  \"samples\": {SAMPLES},\n  \"forms\": [\n{}\n  ],\n  \"batch\": {{\"forms\": {BATCH}, \"seconds\": {batch:.3}, \"forms_per_second\": {per_second:.1}, \"bytes\": {batch_bytes}}}\n}}\n",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        forms.join(",\n"),
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("forms.json");
    std::fs::write(&path, json)?;
    println!("wrote {}", path.canonicalize().unwrap_or(path).display());
    Ok(())
}
