//! The act of destruction and the event-log extract of Roskomnadzor order No. 179 (LEGAL.md §4).

mod common;

use common::docs::{METHOD, admin, destroyed, manager};
use common::tools::pdftotext_page;
use common::*;
use consent_domain::dates::{date, instant};
use consent_domain::purpose::DataCategory;
use consent_forms::{
    Clinic, DestroyedData, DestructionAct, FormTexts, Processor, Signer, destruction_act,
};

fn act<'a>(
    clinic: &'a Clinic,
    subjects: &'a [DestroyedData],
    destroyed_by: &'a [Signer<'a>],
) -> DestructionAct<'a> {
    DestructionAct {
        clinic,
        number: Some("7/2025"),
        drawn_up_on: date(2025, 11, 5),
        subjects,
        destroyed_by,
        method: METHOD,
        information_system: None,
        form: form(6),
        printed_at: instant("2025-11-05T15:00:00+03:00"),
    }
}

#[test]
fn the_act_and_the_extract_carry_every_element_of_order_179() {
    let mut clinic = clinic();
    clinic.processor = Some(Processor {
        name: "ООО «Облачные системы»".to_owned(),
        address: "125009, г. Москва, ул. Тверская, д. 7".to_owned(),
    });
    let (manager, admin) = (manager(), admin());
    let signers = [
        Signer {
            staff: &manager,
            position: Some("Старший администратор"),
        },
        Signer {
            staff: &admin,
            position: None,
        },
    ];
    let subjects = [
        destroyed("Ёлкин Пётр Алексеевич", 0),
        destroyed("Смирнова Ольга Игоревна", 5),
    ];
    let pdf =
        destruction_act(&act(&clinic, &subjects, &signers), &FormTexts::builtin()).expect("act");
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("АКТ № 7/2025");
    has("об уничтожении персональных данных");
    has("Дата составления акта: 05.11.2025");
    // Operator and processor with their addresses.
    has(
        "Оператор: ООО «Клиника семейной медицины», ИНН 3702000007, ОГРН 1023700000004, адрес: 153013, г. Иваново, ул. Куконковых, д. 142.",
    );
    has(
        "Лицо, осуществляющее обработку по поручению Оператора: ООО «Облачные системы», адрес: 125009, г. Москва, ул. Тверская, д. 7.",
    );
    // The subjects, categories, reason, date.
    has("Ёлкин Пётр Алексеевич");
    has("Смирнова Ольга Игоревна");
    has("фамилия, имя, отчество; номер телефона; адрес электронной почты");
    has("Отзыв согласия (обращение от 24.10.2025)");
    has("05.11.2025");
    // The information system and the method.
    has(
        "Информационная система персональных данных: Информационная система персональных данных «Consent Desk».",
    );
    has(&format!("Способ уничтожения: {METHOD}."));
    // Who destroyed: name, position, a line to sign.
    has("Старший администратор");
    has("Сидорова Анна Петровна");
    has("/ Сидорова А. П. /");
    has("Администратор системы");
    has("Кузнецов Игорь Валентинович");
    has("/ Кузнецов И. В. /");
    has("(подпись)");
    // The extract, on its own page: subject, categories, system, reason, date and time.
    let last = flat(&pdftotext_page(&pdf.bytes, pdf.pages));
    assert_has(&last, "ВЫГРУЗКА ИЗ ЖУРНАЛА РЕГИСТРАЦИИ СОБЫТИЙ");
    assert_has(
        &last,
        "приложение к акту об уничтожении персональных данных от 05.11.2025",
    );
    has("05.11.2025 14:00");
    has("05.11.2025 14:05");
    assert_has(&last, "Выгрузка верна:");
}

#[test]
fn an_act_for_many_subjects_repeats_the_table_header_on_every_page() {
    let clinic = clinic();
    let manager = manager();
    let signers = [Signer {
        staff: &manager,
        position: None,
    }];
    let subjects: Vec<DestroyedData> = (0..60)
        .map(|i| destroyed(&format!("Пациентов-Ёлкин Субъект № {i}"), i))
        .collect();
    let pdf =
        destruction_act(&act(&clinic, &subjects, &signers), &FormTexts::builtin()).expect("act");
    assert!(pdf.pages >= 4, "{} pages", pdf.pages);
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(pdf.layout.overlaps(), vec![]);
    for page in 1..=pdf.pages {
        let text = flat(&pdftotext_page(&pdf.bytes, page));
        assert_has(&text, &format!("Страница {page} из {}", pdf.pages));
        if text.contains("Пациентов-Ёлкин") {
            assert_has(&text, "ФИО субъекта");
        }
    }
    let text = all_text(&pdf);
    for i in [0, 29, 59] {
        assert_has(&text, &format!("Пациентов-Ёлкин Субъект № {i}"));
    }
}

#[test]
fn an_incomplete_act_is_refused() {
    let clinic = clinic();
    let manager = manager();
    let signers = [Signer {
        staff: &manager,
        position: None,
    }];
    let subjects = [destroyed("Ёлкин Пётр Алексеевич", 0)];
    let texts = FormTexts::builtin();
    let code =
        |input: &DestructionAct<'_>| destruction_act(input, &texts).expect_err("refused").code();
    assert_eq!(code(&act(&clinic, &[], &signers)), "forms_empty");
    assert_eq!(code(&act(&clinic, &subjects, &[])), "forms_empty");
    let mut blank_method = act(&clinic, &subjects, &signers);
    blank_method.method = "  ";
    assert_eq!(code(&blank_method), "forms_missing_data");
    let mut no_categories = subjects.clone();
    no_categories[0].categories.clear();
    assert_eq!(code(&act(&clinic, &no_categories, &signers)), "forms_empty");
    let mut no_reason = subjects.clone();
    no_reason[0].reason = String::new();
    assert_eq!(
        code(&act(&clinic, &no_reason, &signers)),
        "forms_missing_data"
    );
    let categories = vec![DataCategory::HealthData];
    let health = [DestroyedData {
        categories,
        ..subjects[0].clone()
    }];
    assert!(destruction_act(&act(&clinic, &health, &signers), &texts).is_ok());
}
