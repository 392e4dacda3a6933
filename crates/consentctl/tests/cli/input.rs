//! Bad input exits 2 with the reason; the patient form from JSON; likely duplicates.

use crate::support::*;

#[test]
fn bad_input_exits_2_with_the_reason() {
    let mut desk = Desk::with_staff();
    desk.at(MONDAY_AFTER);
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    desk.signed_consent(&patient, "advertising");

    let bad_date = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "32.13.2025",
    ]);
    assert_eq!(bad_date.error(2)["detail"], "bad_date");

    // Values that parse but cannot be true are bad input too (exit 2), not runtime failures.
    let future = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "01.01.2099",
    ]);
    assert_eq!(future.code, 2, "{future:?}");
    let ancient_term = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "notifications",
        "--until",
        "01.01.1800",
    ]);
    assert_eq!(ancient_term.code, 2, "{ancient_term:?}");
    let draft = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "notifications",
        ])
        .ok_json();
    let printed = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "printed",
            &string(&draft["id"]),
        ])
        .ok_json();
    let no_paper = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &string(&printed["qr"]),
        "--paper",
        "",
    ]);
    assert_eq!(no_paper.code, 2, "{no_paper:?}");

    let empty_surname = desk.run(&[
        "--json",
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        "",
        "--given-name",
        "Анна",
        "--birth-date",
        "01.02.1990",
        "--sex",
        "female",
        "--phone",
        "+79123456789",
    ]);
    let error = empty_surname.error(2);
    assert_eq!(error["code"], "invalid_input");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    for field in ["surname", "address", "document.kind", "document.number"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let human = desk.run(&[
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        "",
        "--given-name",
        "Анна",
    ]);
    assert_eq!(human.code, 2);
    assert!(
        human
            .stderr
            .contains("- Фамилия (surname): обязательно для заполнения"),
        "{human:?}"
    );
    assert!(
        human
            .stderr
            .contains("- Адрес (address): обязательно для заполнения"),
        "{human:?}"
    );

    let unknown_purpose = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "advertising,horoscopes",
    ]);
    assert_eq!(unknown_purpose.error(2)["detail"], "unknown_purpose");

    let bad_id = desk.run(&["--json", "--as", "reg", "patient", "show", "12345"]);
    assert_eq!(bad_id.error(2)["detail"], "bad_id");

    let nobody = desk.run(&["--json", "--as", "nobody", "queue"]);
    let error = nobody.error(2);
    assert_eq!(error["code"], "not_found");
    assert_eq!(error["detail"], "staff_not_found");

    let no_actor = desk.run(&["--json", "queue"]);
    assert_eq!(no_actor.error(2)["detail"], "staff_login_missing");

    let usage = desk.run(&["--as", "reg", "patient", "frobnicate"]);
    assert_eq!(usage.code, 2, "{usage:?}");
    assert!(
        usage.stderr.contains("Ошибка в командной строке"),
        "{usage:?}"
    );
    // `init` without its options: Russian only, each part on its own line, exit 2 kept.
    let init = desk.run(&["init"]);
    assert_eq!(init.code, 2, "{init:?}");
    let lines: Vec<&str> = init.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{init:?}");
    assert!(
        lines[0].starts_with("Ошибка в командной строке: не указаны обязательные параметры: --"),
        "{init:?}"
    );
    assert!(
        lines[1].starts_with("Использование: consentctl init "),
        "{init:?}"
    );
    assert_eq!(lines[2], "Справка: consentctl init --help");
    assert!(
        !init.stderr.contains("error:") && !init.stderr.contains("Usage"),
        "{init:?}"
    );
    let english = desk.run(&["--lang", "en", "init"]);
    assert_eq!(english.code, 2, "{english:?}");
    assert!(
        english
            .stderr
            .starts_with("Command-line error: required arguments were not provided: --"),
        "{english:?}"
    );
    assert!(!has_cyrillic(
        english
            .stderr
            .lines()
            .next()
            .unwrap_or_default()
            .split(": --")
            .next()
            .unwrap_or_default()
    ));

    let usage_json = desk.run(&[
        "--json",
        "calendar",
        "add-working-days",
        "24.10.2025",
        "ten",
    ]);
    assert_eq!(usage_json.error(2)["detail"], "usage");

    let nothing = desk.run(&["--json", "--as", "reg", "patient", "update", &patient]);
    assert_eq!(nothing.error(2)["detail"], "nothing_to_update");

    // Nothing of the refused requests reached the ledger.
    let card = desk
        .run(&["--json", "--as", "reg", "patient", "show", &patient])
        .ok_json();
    assert_eq!(card["requests"].as_array().map(Vec::len), Some(0));
    // The signed consent and the printed one whose signature was refused; no consent with 1800's term.
    assert_eq!(card["consents"].as_array().map(Vec::len), Some(2));
}
#[test]
fn the_patient_form_comes_from_json_and_update_changes_only_what_is_given() {
    let desk = Desk::with_staff();
    let form = desk.dir.path().join("patient.json");
    std::fs::write(
        &form,
        r#"{
          "surname": "Семёнов", "given_name": "Пётр", "birth_date": "10.05.2015", "sex": "male",
          "address": "г. Иваново, ул. Мира, д. 5",
          "document": {"kind": "ru_birth_certificate", "series": "IV-АР", "number": "123456",
                       "issue_date": "20.05.2015", "issuer": "Отдел ЗАГС г. Иваново"},
          "representative": {
            "surname": "Семёнова", "given_name": "Анна", "patronymic": "Сергеевна",
            "phone": "+7 916 000-11-22", "address": "г. Иваново, ул. Мира, д. 5",
            "document": {"kind": "ru_passport", "series": "2410", "number": "654321",
                         "issue_date": "10.02.2010", "issuer": "УМВД", "subdivision_code": "370-001"},
            "authority": {"kind": "child_birth_certificate", "number": "IV-АР 123456",
                          "date": "20.05.2015", "issuer": "Отдел ЗАГС г. Иваново"}
          }
        }"#,
    )
    .expect("write");
    let form_path = form.to_str().expect("utf-8 path");
    let card = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "add",
            "--from-json",
            form_path,
        ])
        .ok_json();
    assert_eq!(card["patient"]["name"], "Семёнов Пётр");
    assert_eq!(card["minor"], true);
    assert_eq!(card["representative"], "Семёнова Анна Сергеевна");
    let id = string(&card["patient"]["id"]);

    let updated = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "update",
            &id,
            "--address",
            "г. Шуя, ул. Ленина, д. 1",
        ])
        .ok_json();
    assert_eq!(updated["address"], "г. Шуя, ул. Ленина, д. 1");
    assert_eq!(
        updated["patient"]["name"], "Семёнов Пётр",
        "the rest is kept"
    );
    assert_eq!(updated["representative"], "Семёнова Анна Сергеевна");

    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "patient",
        "update",
        &id,
        "--no-representative",
    ]);
    let error = refused.error(2);
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["representative"], "a minor needs a representative");

    let typo = desk.dir.path().join("typo.json");
    std::fs::write(
        &typo,
        r#"{"surname": "Семёнов", "document": {"nubmer": "1"}}"#,
    )
    .expect("write");
    let typo_path = typo.to_str().expect("utf-8 path");
    let error = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "patient",
            "add",
            "--from-json",
            typo_path,
        ])
        .error(2);
    assert_eq!(error["detail"], "bad_patient_json");
    assert!(
        string(&error["message"]).contains("document.nubmer"),
        "{error}"
    );
}

/// `patient add` arguments for a patient born on 01.02.1990 (as `Desk::patient`'s are) with a passport
/// of the same series: the surname, phone and number may each repeat the first patient's.
fn second_patient<'a>(surname: &'a str, phone: &'a str, doc_number: &'a str) -> Vec<&'a str> {
    born_on("01.02.1990", surname, phone, doc_number)
}

fn born_on<'a>(
    birth_date: &'a str,
    surname: &'a str,
    phone: &'a str,
    doc_number: &'a str,
) -> Vec<&'a str> {
    vec![
        "--as",
        "reg",
        "patient",
        "add",
        "--surname",
        surname,
        "--given-name",
        "Алёна",
        "--birth-date",
        birth_date,
        "--sex",
        "female",
        "--phone",
        phone,
        "--address",
        "г. Иваново, ул. Мира, д. 5",
        "--doc-kind",
        "ru_passport",
        "--doc-series",
        "2410",
        "--doc-number",
        doc_number,
        "--doc-issued",
        "15.02.2010",
        "--doc-issuer",
        "УМВД России по Ивановской области",
        "--doc-subdivision",
        "370-001",
    ]
}

#[test]
fn a_likely_duplicate_is_refused_until_the_admin_confirms_a_new_person() {
    let desk = Desk::with_staff();
    let first = desk.patient("Ёлкина", "+7 912 345-67-89");

    // Another surname, the same passport: the same person, most likely (a typo or a new surname).
    let mut args = vec!["--json"];
    args.extend(second_patient("Кедрова", "+7 999 000-00-00", "654321"));
    let error = desk.run(&args).error(2);
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["detail"], "likely_duplicate");
    assert_eq!(error["similar"][0]["id"], first.as_str());
    assert_eq!(error["similar"][0]["reason"], "same_document");
    let message = string(&error["message"]);
    assert!(message.contains(&first), "{message}");
    assert!(message.contains("--confirm-new"), "{message}");
    assert!(message.contains("тот же документ"), "{message}");
    for personal in ["Ёлкина", "Кедрова", "654321"] {
        assert!(!message.contains(personal), "{personal} in {message}");
    }

    // The same name and birth date under another document; in people's words and in English.
    let human = desk.run(&second_patient("Ёлкина", "+7 999 000-00-00", "111111"));
    assert_eq!(human.code, 2, "{human:?}");
    assert!(
        human.stderr.contains("те же фамилия, имя и дата рождения"),
        "{human:?}"
    );
    let mut args = vec!["--lang", "en"];
    args.extend(second_patient("Кедрова", "+7 912 345-67-89", "222222"));
    let english = desk.run(&args);
    assert_eq!(english.code, 2, "{english:?}");
    assert!(
        english.stderr.contains("the same phone and birth date"),
        "{english:?}"
    );
    assert!(english.stderr.contains("--confirm-new"), "{english:?}");
    assert!(!has_cyrillic(&english.stderr), "{english:?}");

    let found = desk
        .run(&["--json", "--as", "reg", "patient", "find", "01.02.1990"])
        .ok_json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "nothing recorded");

    let mut args = vec!["--json"];
    args.extend(second_patient("Кедрова", "+7 999 000-00-00", "654321"));
    args.push("--confirm-new");
    let card = desk.run(&args).ok_json();
    assert_ne!(string(&card["patient"]["id"]), first);
    let found = desk
        .run(&["--json", "--as", "reg", "patient", "find", "01.02.1990"])
        .ok_json();
    assert_eq!(found.as_array().map(Vec::len), Some(2));

    // Someone unlike anyone registered needs no confirmation.
    let mut args = vec!["--json"];
    args.extend(born_on(
        "02.03.1991",
        "Соснина",
        "+7 999 111-11-11",
        "333333",
    ));
    desk.run(&args).ok_json();
}

#[test]
fn patient_json_mistakes_say_what_each_key_needs_and_a_byte_order_mark_is_fine() {
    let desk = Desk::with_staff();
    let form = desk.dir.path().join("patient.json");
    let form_path = form.to_str().expect("utf-8 path");
    let add = [
        "--json",
        "--as",
        "reg",
        "patient",
        "add",
        "--from-json",
        form_path,
    ];

    std::fs::write(
        &form,
        r#"{"surname": "Семёнов", "document": "2410 654321"}"#,
    )
    .expect("write");
    let error = desk.run(&add).error(2);
    assert_eq!(error["detail"], "bad_patient_json");
    let message = string(&error["message"]);
    assert!(message.contains("«document»"), "{message}");
    assert!(message.contains("должно быть объектом"), "{message}");
    assert!(message.contains("а не строка"), "{message}");
    assert!(!message.contains("654321"), "{message}");

    std::fs::write(&form, r#"{"representative": {"authority": "IV-АР 1"}}"#).expect("write");
    let message = string(&desk.run(&add).error(2)["message"]);
    assert!(message.contains("«representative.authority»"), "{message}");
    assert!(message.contains("должно быть объектом"), "{message}");

    // A terminal has no hint beside the field: the error names the key and what it takes.
    let mut args = second_patient("Семёнова", "+7 916 000-11-22", "654321");
    let kind = args.iter().position(|a| *a == "ru_passport").expect("kind");
    args[kind] = "passport";
    let refused = desk.run(&args);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused.stderr.contains(
            "Вид документа (document.kind): недопустимое значение (ожидается: ru_passport, \
             ru_birth_certificate, foreign_passport, residence_permit или other)"
        ),
        "{refused:?}"
    );
    assert!(!refused.stderr.contains("подсказк"), "{refused:?}");

    // Notepad on Windows saves UTF-8 with a byte-order mark.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        r#"{
          "surname": "Семёнова", "given_name": "Анна", "birth_date": "01.02.1990", "sex": "female",
          "phone": "+7 916 000-11-22", "address": "г. Иваново, ул. Мира, д. 5",
          "document": {"kind": "ru_passport", "series": "2410", "number": "654321",
                       "issue_date": "10.02.2010", "issuer": "УМВД", "subdivision_code": "370-001"}
        }"#
        .as_bytes(),
    );
    std::fs::write(&form, bytes).expect("write");
    let card = desk.run(&add).ok_json();
    assert_eq!(card["patient"]["name"], "Семёнова Анна");
}
