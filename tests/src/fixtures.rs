//! Valid domain values for cross-crate tests and benchmarks.

use chrono::Days;
use consent_domain::dates::date;
use consent_domain::patient::{DocumentInput, Patient, PatientInput, validate};
use consent_domain::staff::Staff;
use consent_service::Desk;

/// A valid adult patient input with `surname`.
pub fn patient_input(surname: &str) -> PatientInput {
    PatientInput {
        surname: surname.to_owned(),
        given_name: "Анна".to_owned(),
        patronymic: Some("Сергеевна".to_owned()),
        birth_date: "01.02.1990".to_owned(),
        sex: "female".to_owned(),
        phone: Some("+7 912 345-67-89".to_owned()),
        email: None,
        address: "г. Иваново, ул. Куконковых, д. 142".to_owned(),
        document: DocumentInput {
            kind: "ru_passport".to_owned(),
            series: Some("2410".to_owned()),
            number: "654321".to_owned(),
            issue_date: "15.02.2010".to_owned(),
            issuer: "УМВД России по Ивановской области".to_owned(),
            subdivision_code: Some("370-001".to_owned()),
        },
        representative: None,
    }
}

/// A valid adult patient with `surname`.
pub fn patient(surname: &str) -> Patient {
    match validate(&patient_input(surname), date(2025, 10, 24)) {
        Ok(patient) => patient,
        Err(errors) => panic!("fixture patient is invalid: {errors:?}"),
    }
}

/// The surname of the `n`-th patient of [`register_population`]: three syllables and «-ова», 4,096
/// distinct surnames, some with «ё».
pub fn population_surname(n: usize) -> String {
    let syllables = [
        "ка", "ло", "ми", "но", "пе", "ро", "се", "та", "ву", "за", "же", "шу", "ёл", "ба", "ди",
        "го",
    ];
    let surname = format!(
        "{}{}{}ова",
        syllables[n % 16],
        syllables[(n / 16) % 16],
        syllables[(n / 256) % 16]
    );
    let mut chars = surname.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Registers `count` patients through the service, as a real register looks: distinct phones and
/// document numbers, birth dates spread over 1940-1995. Returns their ids in order.
pub fn register_population(desk: &mut Desk, admin: &Staff, count: usize) -> Vec<String> {
    register_population_from(desk, admin, 0, count)
}

/// [`register_population`]'s patients `start..start + count`: a population registered in batches
/// (on different days, say) is the same as one registered at once.
pub fn register_population_from(
    desk: &mut Desk,
    admin: &Staff,
    start: usize,
    count: usize,
) -> Vec<String> {
    (start..start + count)
        .map(|n| {
            let mut input = patient_input(&population_surname(n));
            input.phone = Some(format!("+7 9{n:09}"));
            input.document.number = format!("{:06}", n % 1_000_000);
            let day = date(1940, 1, 1) + Days::new((n * 7919 % 20_000) as u64);
            input.birth_date = day.to_string();
            match desk.register_patient(admin, &input) {
                Ok(card) => card.patient.id,
                Err(error) => panic!("patient {n} of the population was refused: {error}"),
            }
        })
        .collect()
}
