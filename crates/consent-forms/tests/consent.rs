//! The consent form carries every element of 152-FZ Art. 9 p. 4 (LEGAL.md §2) with the patient's own
//! data, stays in its margins with the longest data the validation allows, and refuses bad input.

mod common;

use common::tools::{decode_qr, pdftotext_page};
use common::*;
use consent_domain::consent::ConsentTerm;
use consent_domain::dates::{date, instant};
use consent_domain::purpose::{
    Catalogue, DataCategory, PolicyVersion, PolicyVersionId, ProcessingAction, ProcessingMethod,
    PurposeCode,
};
use consent_forms::{
    Clinic, FormTexts, Processor, consent_form, dissemination_form, needs_dissemination_form,
    short_code,
};

fn text_of(pdf: &consent_forms::Pdf) -> String {
    all_text(pdf)
}

#[test]
fn the_consent_has_every_element_of_article_9() {
    let clinic = clinic();
    let patient = patient();
    let consent = usual_consent();
    let pdf = consent_form(
        &consent_input(&patient, &consent, &clinic, 1),
        &FormTexts::builtin(),
    )
    .expect("consent form");
    let text = text_of(&pdf);
    let has = |needle: &str| assert_has(&text, needle);

    // 1. The subject: full name (with ё), address, identity document with series, number, date,
    //    issuer and subdivision code.
    has("Ёлкин Пётр Алексеевич");
    has("153002, г. Иваново, ул. Лежневская, д. 5, кв. 12");
    has("паспорт гражданина Российской Федерации серия 2410 № 654321");
    has("выдан 01.04.2005 УМВД России по Ивановской области");
    has("код подразделения 370-001");
    has("15.03.1985");
    has("+7 912 345-67-89");
    has("elkin@example.ru");
    // 2. No representative for an adult.
    assert!(!text.contains("Законный представитель"));
    // 3. The operator: name, ИНН/ОГРН, address.
    has("ООО «Клиника семейной медицины»");
    has("ИНН 3702000007, ОГРН 1023700000004");
    has("153013, г. Иваново, ул. Куконковых, д. 142");
    // Free will, in one's own interest.
    has("действуя свободно, своей волей и в своём интересе");
    // 4. The purposes, granted and refused (show_refused).
    let catalogue = Catalogue::builtin();
    for code in [
        PurposeCode::IDENTIFICATION,
        PurposeCode::FEEDBACK,
        PurposeCode::MEDICAL_ACCOUNT,
        PurposeCode::NOTIFICATIONS,
        PurposeCode::ADVERTISING,
    ] {
        let purpose = catalogue.get(&code).expect("builtin purpose");
        has(purpose.item.as_str());
        has(purpose.title.ru());
    }
    has("Осуществление рекламной деятельности с согласия пациента Не даю согласия");
    has("Уведомление пациента Даю согласие");
    // 5. The list of data: the union of the granted purposes' categories.
    for category in [
        DataCategory::FullName,
        DataCategory::BirthDate,
        DataCategory::Sex,
        DataCategory::Phone,
        DataCategory::Email,
        DataCategory::Address,
        DataCategory::IdentityDocument,
        DataCategory::HealthData,
    ] {
        has(category.title_ru());
    }
    // 6. No processor.
    has("Оператор не поручает обработку персональных данных другим лицам.");
    // 7. Actions of policy 3.4 and both methods.
    for action in ProcessingAction::ALL {
        has(action.title_ru());
    }
    for method in ProcessingMethod::ALL {
        has(method.title_ru());
    }
    // 8. The term and how to withdraw: the e-mail and the postal address of policy 2.1.
    has("Согласие действует до его отзыва.");
    has("klinika_s_m@mail.ru");
    has("письмом по адресу: 153013, г. Иваново, ул. Куконковых, д. 142");
    // The policy version it was given under.
    has("в редакции 2024-01");
    // 9. Date and signature with the name spelled out.
    // The date beside the signature is the signer's to write, not the print date.
    has("Дата: «____» ________________ 20____ г.");
    assert_lacks(&text, "«24» октября 2025 г.");
    has("/ Ёлкин П. А. /");
    has("(подпись)");
    has("(расшифровка подписи)");
    // The form code.
    has(&format!("Код бланка {}", short_code(form(1))));
    assert_eq!(
        decode_qr(&pdf.bytes),
        format!("consent-desk:form:{}", form(1))
    );
}

#[test]
fn refused_purposes_can_be_left_out_and_terms_and_processors_show() {
    let mut clinic = clinic();
    clinic.processor = Some(Processor {
        name: "ООО «Медицинские информационные системы»".to_owned(),
        address: "153000, г. Иваново, пр. Ленина, д. 1".to_owned(),
    });
    let patient = patient();
    let mut consent = usual_consent();
    consent.term = ConsentTerm::Until(date(2026, 10, 24));
    let mut input = consent_input(&patient, &consent, &clinic, 1);
    input.show_refused = false;
    let text = text_of(&consent_form(&input, &FormTexts::builtin()).expect("form"));
    assert!(
        !text.contains("Осуществление рекламной деятельности"),
        "refused purpose shown"
    );
    assert!(!text.contains("Не даю согласия"));
    assert_has(&text, "Согласие действует по 24.10.2026 включительно");
    assert_has(
        &text,
        "Оператор поручает обработку персональных данных: ООО «Медицинские информационные системы», \
         адрес: 153000, г. Иваново, пр. Ленина, д. 1.",
    );
}

#[test]
fn a_minor_gets_the_representative_block_and_the_representative_signs() {
    let clinic = clinic();
    let minor = minor();
    let consent = usual_consent();
    let pdf = consent_form(
        &consent_input(&minor, &consent, &clinic, 2),
        &FormTexts::builtin(),
    )
    .expect("form");
    let text = text_of(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("1. Субъект персональных данных");
    has("Ёлкина Алёна Петровна");
    has("свидетельство о рождении серия IV-МЮ № 123456");
    has("2. Законный представитель субъекта персональных данных");
    has("Ёлкина Мария Сергеевна");
    has("паспорт гражданина Российской Федерации серия 2408 № 112233");
    has("Документ, подтверждающий полномочия");
    has("свидетельство о рождении ребёнка № IV-МЮ 123456 от 20.03.2013");
    has(
        "Я, Ёлкина Мария Сергеевна, являясь законным представителем субъекта персональных данных Ёлкина Алёна Петровна",
    );
    has("действуя свободно, своей волей и в интересах представляемого");
    has("/ Ёлкина М. С. /");
}

#[test]
fn the_longest_data_and_all_nine_purposes_stay_inside_the_margins() {
    let clinic = clinic();
    let long = long_patient();
    let consent = full_consent();
    let pdf = consent_form(
        &consent_input(&long, &consent, &clinic, 3),
        &FormTexts::builtin(),
    )
    .expect("form");
    assert!(pdf.pages >= 2, "{} pages", pdf.pages);
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(pdf.layout.overlaps(), vec![]);
    let first = pdftotext_page(&pdf.bytes, 1);
    assert_has(&first, &format!("Страница 1 из {}", pdf.pages));
    let last = pdftotext_page(&pdf.bytes, pdf.pages);
    assert_has(&last, &format!("Страница {0} из {0}", pdf.pages));
    let text = text_of(&pdf);
    // The 100-letter surname is there, broken only after its hyphens.
    let surname = long.name().surname.as_str();
    assert_has(&text.replace("- ", "-"), surname);
    for purpose in Catalogue::builtin() {
        assert_has(&text, purpose.title.ru());
    }
    // The signature is not left alone on the last page.
    assert_has(&last, "/ ");
    assert_has(&last, "в редакции 2024-01");
}

#[test]
fn a_two_page_consent_gets_page_numbers() {
    let clinic = clinic();
    let patient = patient();
    let consent = usual_consent();
    let pdf = consent_form(
        &consent_input(&patient, &consent, &clinic, 1),
        &FormTexts::builtin(),
    )
    .expect("form");
    assert_eq!(pdf.pages, 2);
    assert_has(&pdftotext_page(&pdf.bytes, 1), "Страница 1 из 2");
    assert_has(&pdftotext_page(&pdf.bytes, 2), "Страница 2 из 2");
    assert!(pdf.bytes.len() <= 80 * 1024, "{} bytes", pdf.bytes.len());
}

#[test]
fn bad_input_is_a_clear_error() {
    let clinic = clinic();
    let patient = patient();
    let texts = FormTexts::builtin();
    let err = |input: &consent_forms::ConsentForm<'_>| {
        consent_form(input, &texts)
            .expect_err("must be refused")
            .code()
    };

    let nothing = consent(&[], &[&PurposeCode::ADVERTISING]);
    assert_eq!(
        err(&consent_input(&patient, &nothing, &clinic, 1)),
        "forms_nothing_granted"
    );

    let consent = usual_consent();
    let other_version = Catalogue::builtin()
        .revise(PolicyVersion::new(
            PolicyVersionId::parse("2026-01").expect("id"),
            date(2026, 1, 1),
        ))
        .build()
        .expect("catalogue");
    let mut input = consent_input(&patient, &consent, &clinic, 1);
    input.catalogue = &other_version;
    assert_eq!(err(&input), "forms_policy_mismatch");

    // An adult today who was 17 on a (back-dated) print date has nobody to sign for them.
    let mut young = patient_input();
    young.birth_date = "20.10.2007".to_owned();
    young.document.issue_date = "25.10.2021".to_owned();
    let young = consent_domain::patient::validate(&young, TODAY).expect("adult on TODAY");
    let mut input = consent_input(&young, &consent, &clinic, 1);
    input.printed_at = instant("2025-10-01T10:00:00+03:00");
    assert_eq!(err(&input), "forms_minor_without_representative");

    // A name the font cannot print is refused, not printed as boxes.
    let mut foreign = patient_input();
    foreign.surname = "Nguyễn".to_owned();
    let foreign = consent_domain::patient::validate(&foreign, TODAY).expect("valid name");
    assert_eq!(
        consent_form(&consent_input(&foreign, &consent, &clinic, 1), &texts)
            .expect_err("unprintable"),
        consent_forms::FormError::UnprintableCharacter {
            field: "patient.name"
        }
    );

    // Clinic settings.
    let bad_clinic = Clinic {
        inn: "3702000008".to_owned(),
        ..clinic.clone()
    };
    assert_eq!(
        err(&consent_input(&patient, &consent, &bad_clinic, 1)),
        "forms_clinic_field_invalid"
    );
    let no_email = Clinic {
        withdrawal_email: " ".to_owned(),
        ..clinic.clone()
    };
    assert_eq!(
        err(&consent_input(&patient, &consent, &no_email, 1)),
        "forms_clinic_field_missing"
    );

    // Errors name fields, never values.
    let message = consent_form(&consent_input(&foreign, &consent, &clinic, 1), &texts)
        .expect_err("unprintable")
        .to_string();
    assert!(!message.contains("Nguy"), "{message}");
}

#[test]
fn the_dissemination_consent_is_separate_and_only_when_a_purpose_needs_it() {
    let clinic = clinic();
    let patient = patient();
    let texts = FormTexts::builtin();
    // Nothing in the built-in catalogue needs it.
    let usual = usual_consent();
    assert!(!needs_dissemination_form(&usual, Catalogue::builtin()));
    assert_eq!(
        dissemination_form(&consent_input(&patient, &usual, &clinic, 1), &texts)
            .expect_err("not needed")
            .code(),
        "forms_no_dissemination_purpose"
    );

    let (reviews, catalogue) = dissemination_catalogue();
    let consent = consent_under(&catalogue, &[&PurposeCode::IDENTIFICATION, &reviews]);
    assert!(needs_dissemination_form(&consent, &catalogue));
    let mut input = consent_input(&patient, &consent, &clinic, 10);
    input.catalogue = &catalogue;
    let pdf = dissemination_form(&input, &texts).expect("dissemination form");
    let text = text_of(&pdf);
    assert_has(
        &text,
        "разрешённых субъектом персональных данных для распространения",
    );
    assert_has(&text, "ст. 10.1");
    assert_has(
        &text,
        "2.2.10. Публикация отзывов пациента о клинике на сайте клиники",
    );
    assert_has(
        &text,
        "Информационный ресурс Оператора, посредством которого осуществляется распространение: https://ivksm.ru",
    );
    assert_has(&text, "дата рождения");
    assert_has(&text, "Согласие действует по 31.12.2026 включительно");
    assert_has(&text, "/ Ёлкин П. А. /");
    // The identification purpose does not need dissemination and is not listed as one.
    assert!(!text.contains("Идентификация пациента"));
    // The consent form under that catalogue still prints, and lists the purpose too.
    let consent_pdf = consent_form(&input, &texts).expect("consent form");
    assert_has(
        &text_of(&consent_pdf),
        "Публикация отзывов пациента о клинике на сайте клиники",
    );

    // A clinic without a website cannot say where the data are published.
    let no_site = Clinic {
        website: None,
        ..clinic.clone()
    };
    let mut input = consent_input(&patient, &consent, &no_site, 10);
    input.catalogue = &catalogue;
    assert_eq!(
        dissemination_form(&input, &texts)
            .expect_err("no website")
            .code(),
        "forms_missing_data"
    );
}
