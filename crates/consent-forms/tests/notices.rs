//! The notices to the subject: extension, outcome of a withdrawal, answer to an access request.

mod common;

use common::docs::{RESPONSIBLE, decided_withdrawal, manager};
use common::*;
use consent_domain::dates::date;
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_domain::request::{Disposal, PurposeOutcome};
use consent_forms::{
    AccessAnswer, ExtensionNotice, FormTexts, OutcomeNotice, Signer, access_answer,
    extension_notice, outcome_notice,
};

#[test]
fn the_extension_notice_gives_the_reason_and_the_new_date() {
    let clinic = clinic();
    let patient = patient();
    let manager = manager();
    let signer = Signer {
        staff: &manager,
        position: Some(RESPONSIBLE),
    };
    let texts = FormTexts::builtin();
    let withdrawal = extended(
        &withdrawal_request(&[&PurposeCode::NOTIFICATIONS]),
        "требуется сверка с архивом бумажных медицинских карт",
    );
    let notice = |request, due, new_due| ExtensionNotice {
        clinic: &clinic,
        patient: &patient,
        request,
        due,
        new_due,
        signer,
        form: form(7),
        printed_at: printed_at(),
    };
    let pdf = extension_notice(
        &notice(&withdrawal, date(2025, 11, 10), date(2025, 11, 17)),
        &texts,
    )
    .expect("notice");
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("Ёлкин Пётр Алексеевич");
    has("Уважаемый Пётр Алексеевич!");
    has("о продлении срока рассмотрения обращения");
    has(
        "24.10.2025 в ООО «Клиника семейной медицины» поступил ваш отзыв согласия на обработку персональных данных",
    );
    has("срок прекращения обработки персональных данных, установленный ч. 5.1 ст. 21");
    has("продлён на пять рабочих дней");
    has("Причина продления: требуется сверка с архивом бумажных медицинских карт");
    has("Новый срок — не позднее 17.11.2025 (ранее — 10.11.2025).");
    has("Ответственный за организацию обработки персональных данных");
    has("/ Сидорова А. П. /");

    let access = extended(&access_request(), "запрос направлен в архив");
    let text = all_text(
        &extension_notice(
            &notice(&access, date(2025, 11, 10), date(2025, 11, 17)),
            &texts,
        )
        .expect("access notice"),
    );
    assert_has(
        &text,
        "срок предоставления ответа на запрос, установленный ч. 3 ст. 14 и ст. 20",
    );

    let code = |input| {
        extension_notice(&input, &texts)
            .expect_err("refused")
            .code()
    };
    let not_extended = withdrawal_request(&[&PurposeCode::NOTIFICATIONS]);
    assert_eq!(
        code(notice(
            &not_extended,
            date(2025, 11, 10),
            date(2025, 11, 17)
        )),
        "forms_not_extended"
    );
    assert_eq!(
        code(notice(&withdrawal, date(2025, 11, 17), date(2025, 11, 10))),
        "forms_not_extended"
    );
}

#[test]
fn the_outcome_notice_says_per_purpose_what_happened() {
    let clinic = clinic();
    let patient = patient();
    let manager = manager();
    let signer = Signer {
        staff: &manager,
        position: Some(RESPONSIBLE),
    };
    let texts = FormTexts::builtin();
    let decided = decided_withdrawal();
    let notice = |request, destroyed_on| OutcomeNotice {
        clinic: &clinic,
        patient: &patient,
        request,
        catalogue: Catalogue::builtin(),
        destroyed_on,
        signer,
        form: form(8),
        printed_at: printed_at(),
    };
    let pdf = outcome_notice(&notice(&decided, Some(date(2025, 11, 5))), &texts).expect("notice");
    let text = all_text(&pdf);
    assert_has(&text, "2.2.7. Уведомление пациента");
    assert_has(&text, "Обработка прекращена");
    assert_has(
        &text,
        "2.2.6. Создание учётной записи пациента для получения медицинских услуг",
    );
    assert_has(
        &text,
        "Обработка продолжается на ином законном основании: п. 4 ч. 2 ст. 10 Федерального закона № 152-ФЗ (врачебная тайна)",
    );
    assert_has(
        &text,
        "Персональные данные, обработка которых прекращена, уничтожены 05.11.2025.",
    );

    let code = |input| outcome_notice(&input, &texts).expect_err("refused").code();
    assert_eq!(code(notice(&decided, None)), "forms_missing_data");
    let undecided = withdrawal_request(&[&PurposeCode::NOTIFICATIONS, &PurposeCode::ADVERTISING])
        .decide(PurposeCode::NOTIFICATIONS, PurposeOutcome::Stopped)
        .expect("one decided");
    assert_eq!(code(notice(&undecided, None)), "forms_undecided_purposes");
    let access = access_request();
    assert_eq!(code(notice(&access, None)), "forms_wrong_request_kind");

    // Blocked instead of destroyed, and a withdrawal where everything continues.
    let blocked = withdrawal_request(&[&PurposeCode::NOTIFICATIONS])
        .decide(PurposeCode::NOTIFICATIONS, PurposeOutcome::Stopped)
        .and_then(|r| r.dispose(Disposal::Blocked))
        .expect("blocked");
    let text = all_text(&outcome_notice(&notice(&blocked, None), &texts).expect("blocked"));
    assert_has(
        &text,
        "заблокированы; их уничтожение будет произведено в срок не более шести месяцев",
    );
    let continues = withdrawal_request(&[&PurposeCode::MEDICAL_ACCOUNT])
        .decide(
            PurposeCode::MEDICAL_ACCOUNT,
            PurposeOutcome::Continues {
                legal_ground: "врачебная тайна".to_owned(),
            },
        )
        .expect("continues");
    let text = all_text(&outcome_notice(&notice(&continues, None), &texts).expect("continues"));
    assert_has(&text, "Персональные данные не уничтожаются");
}

#[test]
fn the_access_answer_lists_data_purposes_grounds_terms_and_processors() {
    let clinic = clinic();
    let patient = patient();
    let manager = manager();
    let signer = Signer {
        staff: &manager,
        position: Some(RESPONSIBLE),
    };
    let texts = FormTexts::builtin();
    let request = access_request();
    // Notifications were withdrawn: they are no longer processed; the medical record continues.
    let consent = signed(&usual_consent())
        .withdraw(
            Some(&[PurposeCode::NOTIFICATIONS].into_iter().collect()),
            consent_domain::consent::PurposeWithdrawal {
                request: request_id(1),
                received_on: TODAY,
            },
            TODAY,
        )
        .expect("partly withdrawn");
    let consents = [consent];
    let answer = AccessAnswer {
        clinic: &clinic,
        patient: &patient,
        request: &request,
        consents: &consents,
        catalogue: Catalogue::builtin(),
        signer,
        form: form(9),
        printed_at: printed_at(),
    };
    let pdf = access_answer(&answer, &texts).expect("answer");
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("Оператор осуществляет обработку ваших персональных данных.");
    has(
        "ООО «Клиника семейной медицины», ИНН 3702000007, ОГРН 1023700000004, адрес: 153013, г. Иваново, ул. Куконковых, д. 142.",
    );
    has("Ёлкин Пётр Алексеевич");
    has("15.03.1985");
    has("мужской");
    has("+7 912 345-67-89");
    has("паспорт гражданина Российской Федерации серия 2410 № 654321");
    has("2.2.6. Создание учётной записи пациента для получения медицинских услуг");
    has("медицинские цели, обработка лицом, обязанным сохранять врачебную тайну");
    has("п. 4 ч. 2 ст. 10 Федерального закона № 152-ФЗ");
    has("2.2.3. Установление с пациентом обратной связи");
    has("в течение срока, необходимого для достижения цели");
    has("Оператор не поручает обработку персональных данных другим лицам.");
    has("Трансграничная передача персональных данных не осуществляется.");
    has("klinika_s_m@mail.ru");
    assert!(
        !text.contains("2.2.7. Уведомление пациента"),
        "a withdrawn consent purpose is not processed"
    );
    assert!(
        !text.contains("Осуществление рекламной деятельности"),
        "a refused purpose is not processed"
    );

    let withdrawal = withdrawal_request(&[&PurposeCode::NOTIFICATIONS]);
    let wrong = AccessAnswer {
        request: &withdrawal,
        ..answer
    };
    assert_eq!(
        access_answer(&wrong, &texts)
            .expect_err("wrong kind")
            .code(),
        "forms_wrong_request_kind"
    );
    let nothing = AccessAnswer {
        consents: &[],
        ..answer
    };
    assert_eq!(
        access_answer(&nothing, &texts).expect_err("nothing").code(),
        "forms_empty"
    );
}
