//! The withdrawal of consent, pre-filled and blank.

mod common;

use std::collections::BTreeSet;

use common::*;
use consent_domain::purpose::{Catalogue, PurposeCode};
use consent_forms::{
    BlankWithdrawalForm, FormTexts, WithdrawalForm, blank_withdrawal_form, short_code,
    withdrawal_form,
};

fn input<'a>(
    clinic: &'a consent_forms::Clinic,
    patient: &'a consent_domain::patient::Patient,
    consent: &'a consent_domain::consent::Consent,
    purposes: Option<&'a BTreeSet<PurposeCode>>,
) -> WithdrawalForm<'a> {
    WithdrawalForm {
        clinic,
        patient,
        consent,
        catalogue: Catalogue::builtin(),
        purposes,
        form: form(4),
        printed_at: printed_at(),
    }
}

#[test]
fn a_prefilled_withdrawal_names_the_subject_the_consent_and_the_purposes() {
    let clinic = clinic();
    let patient = patient();
    let consent = signed(&usual_consent());
    let chosen: BTreeSet<PurposeCode> = [PurposeCode::NOTIFICATIONS, PurposeCode::FEEDBACK]
        .into_iter()
        .collect();
    let pdf = withdrawal_form(
        &input(&clinic, &patient, &consent, Some(&chosen)),
        &FormTexts::builtin(),
    )
    .expect("withdrawal");
    assert_eq!(pdf.pages, 1);
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("В ООО «Клиника семейной медицины»");
    has("153013, г. Иваново, ул. Куконковых, д. 142");
    has("от Ёлкин Пётр Алексеевич");
    has("паспорт гражданина Российской Федерации серия 2410 № 654321");
    has("адрес: 153002, г. Иваново, ул. Лежневская, д. 5, кв. 12");
    has("контакты: +7 912 345-67-89, elkin@example.ru");
    has("ОТЗЫВ СОГЛАСИЯ");
    has("На основании ч. 2 ст. 9 Федерального закона от 27.07.2006 № 152-ФЗ");
    has("отзываю согласие на обработку персональных данных от 24.10.2025");
    has("в части следующих целей обработки:");
    has("2.2.3. Установление с пациентом обратной связи");
    has("2.2.7. Уведомление пациента");
    has("Прошу прекратить обработку персональных данных");
    // The date beside the signature is the signer's to write, not the print date.
    has("Дата: «____» ________________ 20____ г.");
    assert_lacks(&text, "«24» октября 2025 г.");
    has("/ Ёлкин П. А. /");
    has("Отметка Оператора о получении");
    assert!(!text.contains("Осуществление рекламной деятельности"));
    has(&short_code(form(4)));
}

#[test]
fn withdrawing_everything_says_so_and_a_representative_acts_for_the_minor() {
    let clinic = clinic();
    let minor = minor();
    let consent = signed(&usual_consent());
    let pdf = withdrawal_form(
        &input(&clinic, &minor, &consent, None),
        &FormTexts::builtin(),
    )
    .expect("withdrawal");
    let text = all_text(&pdf);
    assert_has(&text, "в полном объёме — по всем целям обработки");
    assert_has(&text, "от Ёлкина Мария Сергеевна");
    assert_has(
        &text,
        "Действую в интересах субъекта персональных данных Ёлкина Алёна Петровна, 10.03.2013 г. р. на основании: свидетельство о рождении ребёнка",
    );
    assert_has(&text, "/ Ёлкина М. С. /");
}

#[test]
fn only_purposes_in_force_can_be_withdrawn() {
    let clinic = clinic();
    let patient = patient();
    let texts = FormTexts::builtin();
    let consent = signed(&usual_consent());
    let refused: BTreeSet<PurposeCode> = [PurposeCode::ADVERTISING].into_iter().collect();
    assert_eq!(
        withdrawal_form(&input(&clinic, &patient, &consent, Some(&refused)), &texts)
            .expect_err("refused purpose")
            .code(),
        "forms_purpose_not_in_force"
    );
    let none = BTreeSet::new();
    assert_eq!(
        withdrawal_form(&input(&clinic, &patient, &consent, Some(&none)), &texts)
            .expect_err("nothing chosen")
            .code(),
        "forms_empty"
    );
    // A draft that was never signed has nothing in force... but its granted purposes are: what
    // matters is what was granted and not yet withdrawn.
    let all_withdrawn = consent
        .withdraw(
            None,
            consent_domain::consent::PurposeWithdrawal {
                request: request_id(1),
                received_on: TODAY,
            },
            TODAY,
        )
        .expect("withdrawn");
    assert_eq!(
        withdrawal_form(&input(&clinic, &patient, &all_withdrawn, None), &texts)
            .expect_err("nothing left")
            .code(),
        "forms_nothing_granted"
    );
}

#[test]
fn the_blank_withdrawal_has_lines_to_fill_and_every_purpose_to_tick() {
    let clinic = clinic();
    let pdf = blank_withdrawal_form(
        &BlankWithdrawalForm {
            clinic: &clinic,
            catalogue: Catalogue::builtin(),
            form: form(5),
            printed_at: printed_at(),
        },
        &FormTexts::builtin(),
    )
    .expect("blank");
    assert_eq!(pdf.pages, 1, "the blank fits on one sheet");
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("В ООО «Клиника семейной медицины»");
    has("(фамилия, имя, отчество субъекта персональных данных или его представителя)");
    has("(вид, серия и номер документа, удостоверяющего личность, кем и когда выдан)");
    has("(адрес места жительства)");
    has("(телефон, адрес электронной почты)");
    has("от «____» ________________ 20____ г.");
    has("в полном объёме — по всем целям обработки;");
    for purpose in Catalogue::builtin() {
        has(&format!("{}. {}", purpose.item, purpose.title.ru()));
    }
    has("«____» ________________ 20____ г.");
    has("/ ____________________ /");
    assert!(!text.contains("Ёлкин"), "a blank carries no one's data");
    assert_eq!(pdf.layout.outside_margins(), vec![]);
}

#[test]
fn a_long_label_on_the_blank_gets_its_own_line() {
    let texts = FormTexts::load(
        "\"withdrawal.from\" = \"от субъекта персональных данных либо его законного представителя, действующего на основании доверенности или иного документа {name}\"",
    )
    .expect("valid");
    let clinic = clinic();
    let pdf = blank_withdrawal_form(
        &BlankWithdrawalForm {
            clinic: &clinic,
            catalogue: Catalogue::builtin(),
            form: form(5),
            printed_at: printed_at(),
        },
        &texts,
    )
    .expect("blank");
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(pdf.layout.overlaps(), vec![]);
    assert_has(
        &all_text(&pdf),
        "действующего на основании доверенности или иного документа",
    );
}
