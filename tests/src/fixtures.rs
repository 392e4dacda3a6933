//! Valid domain values for cross-crate tests and benchmarks.

use consent_domain::patient::{DocumentInput, Patient, PatientInput, validate};
use time::macros::date;

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
    match validate(&patient_input(surname), date!(2025 - 10 - 24)) {
        Ok(patient) => patient,
        Err(errors) => panic!("fixture patient is invalid: {errors:?}"),
    }
}
