//! One of every document, built from the fixtures.

use chrono::TimeDelta;
use consent_domain::dates::{date, instant};
use consent_domain::ids::FormId;
use consent_domain::purpose::{Catalogue, DataCategory, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome};
use consent_domain::staff::Role;
use consent_forms::*;

use super::*;

/// A document as the tests see it.
pub struct Built {
    pub name: &'static str,
    pub form: FormId,
    pub pdf: Pdf,
}

fn built(name: &'static str, form: FormId, pdf: Result<Pdf, FormError>) -> Built {
    Built {
        name,
        form,
        pdf: pdf.unwrap_or_else(|e| panic!("{name}: {e}")),
    }
}

/// The two acts' destroyers.
pub fn manager() -> consent_domain::staff::Staff {
    staff(1, "Сидорова Анна Петровна", Role::Manager)
}

pub fn admin() -> consent_domain::staff::Staff {
    staff(2, "Кузнецов Игорь Валентинович", Role::Admin)
}

pub const RESPONSIBLE: &str = "Ответственный за организацию обработки персональных данных";

pub fn destroyed(name: &str, minute: u8) -> DestroyedData {
    DestroyedData {
        subject_name: name.to_owned(),
        categories: vec![
            DataCategory::FullName,
            DataCategory::Phone,
            DataCategory::Email,
        ],
        reason: "Отзыв согласия (обращение от 24.10.2025)".to_owned(),
        destroyed_at: instant("2025-11-05T14:00:00+03:00") + TimeDelta::minutes(minute.into()),
    }
}

pub const METHOD: &str = "удаление записей из базы данных без возможности восстановления";

/// Every kind of document.
pub fn all(texts: &FormTexts) -> Vec<Built> {
    let clinic = clinic();
    let patient = patient();
    let minor = minor();
    let long = long_patient();
    let consent = usual_consent();
    let full = full_consent();
    let in_force = signed(&consent);
    let catalogue = Catalogue::builtin();
    let mut out = vec![
        built(
            "consent",
            form(1),
            consent_form(&consent_input(&patient, &consent, &clinic, 1), texts),
        ),
        built(
            "consent-minor",
            form(2),
            consent_form(&consent_input(&minor, &consent, &clinic, 2), texts),
        ),
        built(
            "consent-long",
            form(3),
            consent_form(&consent_input(&long, &full, &clinic, 3), texts),
        ),
    ];

    let withdrawn = [PurposeCode::NOTIFICATIONS].into_iter().collect();
    let withdrawal = WithdrawalForm {
        clinic: &clinic,
        patient: &patient,
        consent: &in_force,
        catalogue,
        purposes: Some(&withdrawn),
        form: form(4),
        printed_at: printed_at(),
    };
    out.push(built(
        "withdrawal",
        form(4),
        withdrawal_form(&withdrawal, texts),
    ));
    let blank = BlankWithdrawalForm {
        clinic: &clinic,
        catalogue,
        form: form(5),
        printed_at: printed_at(),
    };
    out.push(built(
        "withdrawal-blank",
        form(5),
        blank_withdrawal_form(&blank, texts),
    ));

    let (manager, admin) = (manager(), admin());
    let destroyers = [
        Signer {
            staff: &manager,
            position: Some("Старший администратор"),
        },
        Signer {
            staff: &admin,
            position: None,
        },
    ];
    let mut second = destroyed("Смирнова Ольга Игоревна", 5);
    second.reason = "Достижение цели обработки".to_owned();
    second.categories = vec![DataCategory::FullName, DataCategory::Phone];
    let subjects = vec![destroyed("Ёлкин Пётр Алексеевич", 0), second];
    let act = DestructionAct {
        clinic: &clinic,
        number: Some("7/2025"),
        drawn_up_on: date(2025, 11, 5),
        subjects: &subjects,
        destroyed_by: &destroyers,
        method: METHOD,
        information_system: None,
        form: form(6),
        printed_at: instant("2025-11-05T15:00:00+03:00"),
    };
    out.push(built("act", form(6), destruction_act(&act, texts)));

    let signer = Signer {
        staff: &manager,
        position: Some(RESPONSIBLE),
    };
    let request = extended(
        &withdrawal_request(&[&PurposeCode::NOTIFICATIONS, &PurposeCode::ADVERTISING]),
        "требуется сверка с архивом бумажных медицинских карт",
    );
    let notice = ExtensionNotice {
        clinic: &clinic,
        patient: &patient,
        request: &request,
        due: date(2025, 11, 10),
        new_due: date(2025, 11, 17),
        signer,
        form: form(7),
        printed_at: printed_at(),
    };
    out.push(built(
        "notice-extension",
        form(7),
        extension_notice(&notice, texts),
    ));

    let decided = decided_withdrawal();
    let outcome = OutcomeNotice {
        clinic: &clinic,
        patient: &patient,
        request: &decided,
        catalogue,
        destroyed_on: Some(date(2025, 11, 5)),
        signer,
        form: form(8),
        printed_at: printed_at(),
    };
    out.push(built(
        "notice-outcome",
        form(8),
        outcome_notice(&outcome, texts),
    ));

    let access = access_request();
    let consents = [in_force];
    let answer = AccessAnswer {
        clinic: &clinic,
        patient: &patient,
        request: &access,
        consents: &consents,
        catalogue,
        signer,
        form: form(9),
        printed_at: printed_at(),
    };
    out.push(built(
        "notice-access",
        form(9),
        access_answer(&answer, texts),
    ));

    let (reviews, catalogue_10_1) = dissemination_catalogue();
    let with_reviews = consent_under(&catalogue_10_1, &[&PurposeCode::IDENTIFICATION, &reviews]);
    let mut input = consent_input(&patient, &with_reviews, &clinic, 10);
    input.catalogue = &catalogue_10_1;
    out.push(built(
        "dissemination",
        form(10),
        dissemination_form(&input, texts),
    ));
    out
}

/// A withdrawal of notifications (stopped) and the medical record (continues), data destroyed.
pub fn decided_withdrawal() -> consent_domain::request::Request {
    withdrawal_request(&[&PurposeCode::NOTIFICATIONS, &PurposeCode::MEDICAL_ACCOUNT])
        .decide(PurposeCode::NOTIFICATIONS, PurposeOutcome::Stopped)
        .and_then(|r| {
            r.decide(
                PurposeCode::MEDICAL_ACCOUNT,
                PurposeOutcome::Continues {
                    legal_ground: "п. 4 ч. 2 ст. 10 Федерального закона № 152-ФЗ (врачебная тайна)"
                        .to_owned(),
                },
            )
        })
        .and_then(|r| r.dispose(Disposal::Destroyed))
        .expect("decided")
}
