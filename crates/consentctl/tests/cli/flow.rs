//! Whole flows: from registration to the queue, human output in both languages, other requests, a
//! manager working a withdrawal, the help.

use crate::support::*;

#[test]
fn full_flow_from_registration_to_the_queue_in_json() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");

    for query in ["Ёлк", "ёлкина", "елк", "89123456789", "+7 (912) 345-67-89"] {
        let found = desk
            .run(&["--json", "--as", "reg", "patient", "find", query])
            .ok_json();
        let ids: Vec<&str> = found
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|p| p["id"].as_str())
            .collect();
        assert_eq!(ids, [patient.as_str()], "query {query:?}");
    }
    let nobody = desk
        .run(&["--json", "--as", "reg", "patient", "find", "Петров"])
        .ok_json();
    assert_eq!(nobody.as_array().map(Vec::len), Some(0));

    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "identification,advertising,notifications",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    assert_eq!(consent["status"], "draft");
    let printed = desk
        .run(&["--json", "--as", "reg", "consent", "printed", &consent_id])
        .ok_json();
    assert_eq!(printed["consent"]["status"], "awaiting_signature");
    let form = string(&printed["form"]);
    assert_eq!(printed["qr"], format!("consent-desk:form:{form}"));
    let signed = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "sign",
            "--form",
            &form,
            "--paper",
            "Шкаф 3, папка 10",
        ])
        .ok_json();
    assert_eq!(signed["status"], "active");
    assert_eq!(signed["paperLocation"], "Шкаф 3, папка 10");
    assert_eq!(signed["signedBy"], "Петрова Ольга");

    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    let request = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--purposes",
            "advertising",
            "--received",
            "24.10.2025",
            "--channel",
            "email",
        ])
        .ok_json();
    let request_id = string(&request["id"]);
    assert_eq!(request["kind"], "withdrawal");
    assert_eq!(request["channel"], "email");

    let shown = desk
        .run(&["--json", "--as", "reg", "withdrawal", "show", &request_id])
        .ok_json();
    assert_eq!(shown["receivedOn"], "2025-10-24");
    assert_eq!(shown["purposes"], serde_json::json!(["advertising"]));
    let stop = shown["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .find(|d| d["obligation"] == "stop_processing")
        .expect("a stop_processing deadline")
        .clone();
    assert_eq!(stop["due"], "2025-11-10");
    assert_eq!(stop["workingDaysLeft"], 9);
    assert_eq!(stop["overdue"], false);

    let queue = desk.run(&["--json", "--as", "mgr", "queue"]).ok_json();
    let items = queue.as_array().expect("a list");
    assert_eq!(items.len(), 1, "{queue}");
    assert_eq!(items[0]["requestId"], request_id.as_str());
    assert_eq!(items[0]["patientName"], "Ёлкина Алёна Сергеевна");
    assert_eq!(items[0]["next"]["obligation"], "stop_processing");
    assert_eq!(items[0]["next"]["due"], "2025-11-10");

    let card = desk
        .run(&["--json", "--as", "reg", "patient", "show", &patient])
        .ok_json();
    assert_eq!(
        card["purposesInForce"],
        serde_json::json!(["identification", "notifications"])
    );
    assert_eq!(card["consents"][0]["status"], "partly_withdrawn");
    assert_eq!(card["requests"][0]["id"], request_id.as_str());

    let consent_now = desk
        .run(&["--json", "--as", "reg", "consent", "show", &consent_id])
        .ok_json();
    let advertising = consent_now["purposes"]
        .as_array()
        .expect("purposes")
        .iter()
        .find(|p| p["code"] == "advertising")
        .expect("advertising")
        .clone();
    assert_eq!(advertising["withdrawnBy"], request_id.as_str());
}

#[test]
fn human_output_is_russian_by_default_and_english_with_lang_en() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    desk.signed_consent(&patient, "advertising");
    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--received",
        "24.10.2025",
    ])
    .ok_json();

    let on_time = desk.run(&["--as", "mgr", "queue"]);
    assert_eq!(on_time.code, 0, "{on_time:?}");
    assert!(
        on_time.stdout.contains("10.11.2025  осталось 9 раб. дн."),
        "{on_time:?}"
    );
    assert!(
        on_time.stdout.contains("прекратить обработку"),
        "{on_time:?}"
    );

    desk.at(TWO_DAYS_LATE);
    let late = desk.run(&["--as", "mgr", "queue"]);
    assert!(
        late.stdout.contains("10.11.2025  ПРОСРОЧЕНО на 2 раб. дн."),
        "{late:?}"
    );

    let english = desk.run(&["--as", "mgr", "--lang", "en", "queue"]);
    assert_eq!(english.code, 0, "{english:?}");
    assert!(
        english
            .stdout
            .contains("10.11.2025  OVERDUE by 2 working days"),
        "{english:?}"
    );
    assert!(english.stdout.contains("stop processing"), "{english:?}");
    let header = english.stdout.lines().next().unwrap_or_default();
    assert!(!has_cyrillic(header), "{english:?}");

    let card = desk.run(&["--as", "reg", "patient", "show", &patient]);
    assert!(
        card.stdout.contains("Дата рождения       01.02.1990"),
        "{card:?}"
    );
    assert!(card.stdout.contains("Паспорт РФ 2410 №654321"), "{card:?}");
    assert!(card.stdout.contains("отзыв согласия"), "{card:?}");
    let card_en = desk.run(&["--as", "reg", "--lang", "en", "patient", "show", &patient]);
    assert!(
        card_en.stdout.contains("Russian passport 2410 №654321"),
        "{card_en:?}"
    );
    assert!(
        card_en.stdout.contains("withdrawal of consent"),
        "{card_en:?}"
    );

    let error_ru = desk.run(&["--as", "reg", "patient", "show", "not-an-id"]);
    assert!(error_ru.stderr.starts_with("ошибка: "), "{error_ru:?}");
    assert!(
        error_ru.stderr.contains("неверный идентификатор"),
        "{error_ru:?}"
    );
    assert!(error_ru.stdout.is_empty(), "{error_ru:?}");
    let mut command = desk.command(&["--as", "reg", "patient", "show", "not-an-id"]);
    command.env("CONSENT_DESK_LANG", "en");
    let error_en = output(command);
    assert!(error_en.stderr.starts_with("error: "), "{error_en:?}");
    assert!(!has_cyrillic(&error_en.stderr), "{error_en:?}");
}
#[test]
fn other_subject_requests_get_their_own_deadlines() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    // The letter came on Friday, the day of registration; it is recorded on Monday.
    desk.at(MONDAY_AFTER);
    let access = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--kind",
            "access",
            "--received",
            "24.10.2025",
            "--channel",
            "post",
        ])
        .ok_json();
    assert_eq!(access["kind"], "access");
    assert_eq!(access["deadlines"][0]["obligation"], "answer");
    assert_eq!(access["deadlines"][0]["due"], "2025-11-10");
    let human = desk.run(&["--as", "reg", "withdrawal", "show", &string(&access["id"])]);
    assert!(
        human
            .stdout
            .contains("дать ответ  10.11.2025  осталось 9 раб. дн."),
        "{human:?}"
    );

    let bad_kind = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "receive",
        "--patient",
        &patient,
        "--kind",
        "gossip",
    ]);
    assert_eq!(bad_kind.error(2)["detail"], "unknown_choice");
}

#[test]
fn a_complaints_data_are_blocked_and_unblocked_from_the_command_line() {
    let desk = Desk::with_staff();
    let patient = desk.patient("Ёлкина", "+7 912 345-67-89");
    let complaint = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--kind",
            "blocking",
            "--channel",
            "post",
        ])
        .ok_json();
    let id = string(&complaint["id"]);
    desk.run(&["--json", "--as", "mgr", "withdrawal", "start", &id])
        .ok_json();
    let refused = desk.run(&["--json", "--as", "mgr", "withdrawal", "start", &id]);
    assert_eq!(refused.error(1)["detail"], "request_already_taken");
    let blocked = desk
        .run(&["--json", "--as", "mgr", "withdrawal", "block", &id])
        .ok_json();
    assert_eq!(blocked["status"], "data_blocked");
    assert_eq!(blocked["blocksData"], true);
    let grant = desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "medical_account",
    ]);
    assert_eq!(grant.error(1)["detail"], "subject_blocked");
    let not_yours = desk.run(&["--json", "--as", "reg", "withdrawal", "unblock", &id]);
    assert_eq!(not_yours.error(1)["code"], "forbidden");
    let unblocked = desk
        .run(&["--json", "--as", "mgr", "withdrawal", "unblock", &id])
        .ok_json();
    assert_eq!(unblocked["blocksData"], false);
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "grant",
        "--patient",
        &patient,
        "--purposes",
        "medical_account",
    ])
    .ok_json();
}

#[test]
fn help_is_russian() {
    let desk = Desk::empty();
    let help = desk.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Использование:"), "{help:?}");
    assert!(help.stdout.contains("Первоначальная настройка"), "{help:?}");
    let sub = desk.run(&["withdrawal", "receive", "--help"]);
    assert_eq!(sub.code, 0);
    assert!(sub.stdout.contains("--received <ДАТА>"), "{sub:?}");
    assert!(sub.stdout.contains("Показать справку"), "{sub:?}");
}
#[test]
fn a_manager_works_a_withdrawal_from_the_command_line_and_reception_may_not() {
    let mut desk = Desk::with_staff();
    let patient = desk.patient("Орлова", "+7 912 000-00-01");
    let consent = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "consent",
            "grant",
            "--patient",
            &patient,
            "--purposes",
            "medical_account,advertising",
        ])
        .ok_json();
    let consent_id = string(&consent["id"]);
    let printed = desk
        .run(&["--json", "--as", "reg", "consent", "printed", &consent_id])
        .ok_json();
    let qr = string(&printed["qr"]);
    desk.run(&[
        "--json",
        "--as",
        "reg",
        "consent",
        "sign",
        "--form",
        &qr,
        "--paper",
        "Шкаф 1",
    ])
    .ok_json();
    let request = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
            "--received",
            "24.10.2025",
        ])
        .ok_json();
    let id = string(&request["id"]);

    let refused = desk.run(&[
        "--json",
        "--as",
        "reg",
        "withdrawal",
        "extend",
        &id,
        "--reason",
        "x",
    ]);
    assert_eq!(refused.error(1)["code"], "forbidden");

    desk.run(&["--json", "--as", "mgr", "withdrawal", "start", &id])
        .ok_json();
    let extended = desk
        .run(&[
            "--json",
            "--as",
            "mgr",
            "withdrawal",
            "extend",
            &id,
            "--reason",
            "Запрошены документы из архива",
        ])
        .ok_json();
    assert_eq!(extended["deadlines"][0]["due"], "2025-11-17");
    desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "2.2.9",
    ])
    .ok_json();
    let no_ground = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "medical_account",
        "--continues-on",
        " ",
    ]);
    assert_eq!(no_ground.error(2)["detail"], "request_legal_ground_missing");
    let long_ground = "основание ".repeat(300);
    let too_long = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "decide",
        &id,
        "--purpose",
        "medical_account",
        "--continues-on",
        &long_ground,
    ]);
    assert_eq!(
        too_long.code, 2,
        "an over-long legal ground is bad input: {too_long:?}"
    );
    let decided = desk
        .run(&[
            "--json",
            "--as",
            "mgr",
            "withdrawal",
            "decide",
            &id,
            "--purpose",
            "medical_account",
            "--continues-on",
            "п. 4 ч. 2 ст. 10 152-ФЗ",
        ])
        .ok_json();
    assert_eq!(decided["status"], "processing_stopped");
    // The medical record goes on, so the subject is not destroyed: the advertising data are
    // blocked until they can go.
    let refused = desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "destroy",
        &id,
        "--surname",
        "Орлова",
    ]);
    assert_eq!(refused.error(1)["detail"], "destruction_data_needed");
    desk.run(&["--json", "--as", "mgr", "withdrawal", "block", &id])
        .ok_json();
    desk.at(NOTIFIED_DAY);
    desk.run(&[
        "--json",
        "--as",
        "mgr",
        "withdrawal",
        "notify",
        &id,
        "--on",
        "31.10.2025",
    ])
    .ok_json();
    let closed = desk
        .run(&["--json", "--as", "mgr", "withdrawal", "close", &id])
        .ok_json();
    assert_eq!(closed["status"], "closed");
    let queue = desk.run(&["--json", "--as", "mgr", "queue"]).ok_json();
    assert_eq!(queue.as_array().map(Vec::len), Some(0));
}

#[test]
fn a_manager_destroys_a_subject_and_prints_the_act_from_the_command_line() {
    let desk = Desk::with_staff();
    desk.set_clinic();
    let patient = desk.patient("Орлова", "+7 912 000-00-01");
    desk.signed_consent(&patient, "medical_account,advertising");
    let request = desk
        .run(&[
            "--json",
            "--as",
            "reg",
            "withdrawal",
            "receive",
            "--patient",
            &patient,
        ])
        .ok_json();
    let id = string(&request["id"]);
    desk.run(&["--json", "--as", "mgr", "withdrawal", "start", &id])
        .ok_json();
    for purpose in ["advertising", "medical_account"] {
        desk.run(&[
            "--json",
            "--as",
            "mgr",
            "withdrawal",
            "decide",
            &id,
            "--purpose",
            purpose,
        ])
        .ok_json();
    }
    let destroy = |who: &str, surname: &str| {
        desk.run(&[
            "--json",
            "--as",
            who,
            "withdrawal",
            "destroy",
            &id,
            "--surname",
            surname,
        ])
    };
    assert_eq!(destroy("reg", "Орлова").error(1)["code"], "forbidden");
    assert_eq!(
        destroy("mgr", "Орлов").error(1)["detail"],
        "destruction_surname_mismatch"
    );
    desk.run(&["--json", "--as", "mgr", "patient", "show", &patient])
        .ok_json();
    let act = destroy("mgr", "орлова").ok_json();
    assert_eq!(act["number"], 1);
    assert!(string(&act["subjectName"]).starts_with("Орлова"));
    let gone = desk.run(&["--json", "--as", "mgr", "patient", "show", &patient]);
    assert_eq!(gone.error(2)["code"], "not_found");
    let acts = desk
        .run(&["--json", "--as", "mgr", "withdrawal", "acts"])
        .ok_json();
    assert_eq!(acts.as_array().map(Vec::len), Some(1));
    let human = desk.run(&["--as", "mgr", "withdrawal", "acts"]);
    assert!(human.stdout.contains("Акт № 1"), "{human:?}");

    let pdf = desk.dir.path().join("act.pdf");
    desk.run(&[
        "--json",
        "--as",
        "mgr",
        "print",
        "act",
        "--withdrawal",
        &id,
        "-o",
        pdf.to_str().expect("utf-8 path"),
    ])
    .ok_json();
    assert!(file_bytes(&pdf).starts_with(b"%PDF"));
    let verified = desk.run(&["--json", "--as", "admin", "verify"]).ok_json();
    assert_eq!(verified["intact"], true);
}
