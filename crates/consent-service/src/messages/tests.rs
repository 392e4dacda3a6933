use std::path::PathBuf;

use super::fields::expected_ru;
use super::*;
use crate::{DataDirProblem, DeskFileDefect};

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn every_error() -> Vec<ServiceError> {
    let path = PathBuf::from("/data");
    let mut errors = vec![
        ServiceError::DataDirUnavailable {
            path: path.clone(),
            reason: "io".into(),
        },
        ServiceError::SettingsCorrupt {
            path: path.clone(),
            defect: SettingsDefect::Invalid { line: 1, column: 2 },
        },
        ServiceError::SettingsWriteFailed {
            path: path.clone(),
            reason: "io".into(),
        },
        ServiceError::UnknownLanguage { tag: "de".into() },
        ServiceError::UnknownYear { year: 2031 },
        ServiceError::NotInitialized { path: path.clone() },
        ServiceError::AlreadyInitialized { path: path.clone() },
    ];
    for problem in [
        DataDirProblem::NotADirectory,
        DataDirProblem::NotADesk,
        DataDirProblem::DatabaseMissing,
    ] {
        errors.push(ServiceError::DataDir {
            path: path.clone(),
            problem,
        });
    }
    for defect in [
        DeskFileDefect::Missing,
        DeskFileDefect::Unreadable,
        DeskFileDefect::Damaged,
    ] {
        errors.push(ServiceError::DeskFile {
            path: path.clone(),
            defect,
        });
    }
    errors.push(ServiceError::SignInPaused { seconds: 30 });
    for detail in [
        "printer_missing",
        "printer_failed",
        "viewer_missing",
        "viewer_failed",
        "viewer_no_private_dir",
        "export_failed",
        "export_no_folder",
    ] {
        errors.push(ServiceError::Output { detail });
    }
    for problem in [
        crate::error::sync_problem::SyncProblem::NotJoined,
        crate::error::sync_problem::SyncProblem::AlreadyJoined,
        crate::error::sync_problem::SyncProblem::Unreachable,
        crate::error::sync_problem::SyncProblem::CertificateChanged {
            expected: "AB".into(),
            seen: "CD".into(),
        },
        crate::error::sync_problem::SyncProblem::Revoked,
        crate::error::sync_problem::SyncProblem::Unauthenticated,
        crate::error::sync_problem::SyncProblem::CodeUsed,
        crate::error::sync_problem::SyncProblem::CodeExpired,
        crate::error::sync_problem::SyncProblem::CodeUnknown,
        crate::error::sync_problem::SyncProblem::ServerRefused { code: "fork" },
        crate::error::sync_problem::SyncProblem::WireVersion,
        crate::error::sync_problem::SyncProblem::BadAnswer,
        crate::error::sync_problem::SyncProblem::CodeInvalid,
        crate::error::sync_problem::SyncProblem::Package,
        crate::error::sync_problem::SyncProblem::ClinicKeyMismatch,
        crate::error::sync_problem::SyncProblem::Sealed,
        crate::error::sync_problem::SyncProblem::ServerChanged,
        crate::error::sync_problem::SyncProblem::Diverged,
        crate::error::sync_problem::SyncProblem::OwnRowsAhead {
            server_seq: 9,
            local_seq: 7,
        },
    ] {
        errors.push(ServiceError::Sync(problem));
    }
    for missing in [
        Missing::Patient,
        Missing::Consent,
        Missing::Form,
        Missing::Request,
        Missing::Staff,
    ] {
        errors.push(ServiceError::NotFound(missing));
    }
    for detail in [
        "bad_date",
        "bad_id",
        "unknown_purpose",
        "unknown_choice",
        "bad_number",
        "empty",
        "too_long",
        "bad_login",
        "bad_name",
        "bad_calendar",
        "unreadable_file",
        "unknown_form_code",
        "bad_recovery_code",
        "recovery_code_other_database",
        "recovery_code_wrong",
        "text_control_character",
        "text_direction_override",
        "date_in_future",
        "date_before_registration",
        "date_before_consent",
        "date_before_received",
        "term_before_draft",
        "term_too_long",
        "period_ends_before_start",
        "period_too_long",
    ] {
        errors.push(ServiceError::BadInput {
            what: "date",
            detail,
        });
    }
    errors
}

#[test]
fn russian_messages_are_russian_and_english_ones_are_not() {
    for error in every_error() {
        let ru = error.message(Lang::Ru);
        let en = error.message(Lang::En);
        assert!(
            has_cyrillic(&ru),
            "{:?} has no Russian text: {ru}",
            error.code()
        );
        assert!(
            !has_cyrillic(&en),
            "{:?} leaks Cyrillic into English: {en}",
            error.code()
        );
        assert_ne!(ru, en);
    }
}

#[test]
fn refused_characters_have_their_own_words() {
    for lang in Lang::ALL {
        let generic = bad_input("paper location", "no_such_detail", lang);
        for detail in ["text_control_character", "text_direction_override"] {
            let text = bad_input("paper location", detail, lang);
            assert_ne!(text, generic, "{detail} ({lang})");
        }
    }
    let ru = bad_input("reason", "text_direction_override", Lang::Ru);
    assert!(ru.starts_with("Причина продления: "), "{ru}");
    let ru = bad_input("legal ground", "text_control_character", Lang::Ru);
    assert!(ru.starts_with("Правовое основание: "), "{ru}");
}

#[test]
fn every_domain_rule_has_its_own_words() {
    let generic = rule_message("no_such_rule", Lang::Ru);
    let codes = [
        "consent_no_purposes",
        "consent_unknown_purpose",
        "consent_term_ends_before_draft",
        "consent_term_too_long",
        "consent_not_printed",
        "consent_already_signed",
        "consent_unknown_form",
        "consent_paper_location_missing",
        "consent_not_in_force",
        "consent_purpose_not_granted",
        "consent_purpose_already_withdrawn",
        "consent_supersedes_itself",
        "consent_print_after_signature",
        "request_empty_scope",
        "request_wrong_status",
        "request_step_not_applicable",
        "request_purpose_out_of_scope",
        "request_purpose_already_decided",
        "request_legal_ground_missing",
        "request_already_extended",
        "request_reason_missing",
        "request_not_extendable",
        "request_nothing_to_dispose",
        "request_received_in_future",
        "request_notified_before_received",
        "request_text_too_long",
        "request_already_taken",
        "subject_blocked",
        "subject_not_blocked",
        "request_details_missing",
        "request_already_corrected",
        "request_not_extended",
        "request_extension_notice_recorded",
        "destruction_not_stopped",
        "destruction_data_needed",
        "destruction_other_request_open",
        "destruction_subject_blocked",
        "destruction_surname_mismatch",
        "act_keeping_ended",
        "act_unreadable",
        "subject_destroyed",
        "restore_not_needed",
        "restore_key_not_in_keyring",
        "recovery_sheet_printer_only",
        "desk_sheet_printer_only",
        "desk_code_unknown",
    ];
    for code in codes {
        for lang in Lang::ALL {
            let text = rule_message(code, lang);
            assert_ne!(text, rule_message("no_such_rule", lang), "{code} ({lang})");
        }
        assert!(has_cyrillic(&rule_message(code, Lang::Ru)));
        assert!(!has_cyrillic(&rule_message(code, Lang::En)), "{code}");
    }
    assert!(has_cyrillic(&generic));
}

#[test]
fn a_terminal_gets_the_field_path_and_what_it_takes_instead_of_the_hint_beside_the_field() {
    let input = consent_domain::patient::PatientInput {
        document: consent_domain::patient::DocumentInput {
            kind: "passport".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let today = consent_domain::dates::date(2025, 10, 24);
    let Err(errors) = consent_domain::patient::validate(&input, today) else {
        panic!("an empty form is refused");
    };
    let kind = *errors
        .iter()
        .find(|e| e.field.as_str() == "document.kind")
        .expect("the document kind is refused");
    let app = field_message(&kind, Lang::Ru, Surface::App);
    assert_eq!(
        app,
        "Вид документа: недопустимое значение (ожидается: см. подсказку у поля)"
    );
    let terminal = field_message(&kind, Lang::Ru, Surface::Terminal);
    assert_eq!(
        terminal,
        "Вид документа (document.kind): недопустимое значение (ожидается: ru_passport, \
         ru_birth_certificate, foreign_passport, residence_permit или other)"
    );
    let english = field_message(&kind, Lang::En, Surface::Terminal);
    assert!(
        english.starts_with("Document kind (document.kind): "),
        "{english}"
    );

    let error = ServiceError::InvalidPatient(errors);
    let payload = error.payload_on(Lang::Ru, Surface::Terminal);
    assert!(
        payload.message.contains("(document.kind)"),
        "{}",
        payload.message
    );
    assert!(!payload.message.contains("подсказк"), "{}", payload.message);
    assert!(payload.fields.iter().any(|f| f.message == terminal));
    assert!(
        error
            .payload(Lang::Ru)
            .fields
            .iter()
            .any(|f| f.message == app),
        "the app keeps its words"
    );
}

#[test]
fn every_expected_format_of_the_patient_form_has_russian_words() {
    // The formats the patient module names; none may fall through to the hint beside the field.
    for expected in [
        "a real date as DD.MM.YYYY or YYYY-MM-DD",
        "4 digits",
        "6 digits",
        "NNN-NNN",
        "Roman numeral, hyphen, two Cyrillic capitals (IV-МЮ)",
        "letters and digits",
        "name@domain.tld",
        "Cyrillic or Latin letters of one alphabet, hyphen, apostrophe, space",
        "+7XXXXXXXXXX, 8XXXXXXXXXX or + country code and 8-15 digits",
        "male or female",
        "printable text",
        "an address with letters",
    ] {
        let ru = expected_ru(expected, Surface::App);
        assert!(!ru.contains("подсказк"), "{expected}: {ru}");
        assert!(has_cyrillic(&ru), "{expected}: {ru}");
    }
    assert_eq!(
        expected_ru("an address with letters", Surface::App),
        "адрес словами: город, улица, дом",
        "an address is not a name's letters"
    );
    assert_eq!(
        expected_ru("letters and digits", Surface::App),
        "буквы и цифры"
    );
}

#[test]
fn clinic_details_say_where_to_fix_them_in_the_app_and_on_the_command_line() {
    // The same message reaches consentctl's print commands, which have no Settings screen.
    for detail in ["forms_clinic_field_missing", "forms_clinic_field_invalid"] {
        for lang in Lang::ALL {
            let text = form_message(detail, lang);
            assert!(text.contains("consentctl clinic set"), "{text}");
        }
    }
}

#[test]
fn payload_carries_the_stable_code_and_detail() {
    let error = ServiceError::Rule {
        detail: "consent_already_signed",
    };
    let payload = error.payload(Lang::Ru);
    let json = serde_json::to_value(&payload).expect("payload serializes");
    assert_eq!(json["code"], "rule_violation");
    assert_eq!(json["detail"], "consent_already_signed");
    assert!(
        json["message"]
            .as_str()
            .is_some_and(|m| m.contains("уже подписано"))
    );
}

#[test]
fn every_sync_refusal_has_its_own_words_in_both_languages() {
    use consent_domain::ids::{DeskId, PatientId};
    use consent_store::{StoreError, SyncRefusal};
    let desk = DeskId::from_bytes([7; 16]);
    let reasons = [
        SyncRefusal::OwnDesk { seq: 1 },
        SyncRefusal::Fork { desk, seq: 2 },
        SyncRefusal::Gap {
            desk,
            expected: 3,
            seq: 5,
        },
        SyncRefusal::BrokenLink { desk, seq: 4 },
        SyncRefusal::HashMismatch { desk, seq: 4 },
        SyncRefusal::Tampered { desk, seq: 4 },
        SyncRefusal::Malformed { desk, seq: 4 },
        SyncRefusal::KeyMissing {
            subjects: vec![PatientId::from_bytes([9; 16])],
        },
    ];
    let generic = store_message("db_sqlite", "database error", Lang::Ru);
    for reason in reasons {
        let code = reason.code();
        let error = ServiceError::Store(StoreError::SyncRefused { reason });
        let ru = error.message(Lang::Ru);
        let en = error.message(Lang::En);
        assert!(has_cyrillic(&ru), "{code}: {ru}");
        assert_ne!(ru, generic, "{code} has no words of its own");
        assert!(!has_cyrillic(&en), "{code}: {en}");
        assert!(en.contains("nothing was stored"), "{code}: {en}");
    }
}

#[test]
fn a_journal_period_is_refused_in_words_of_its_own() {
    let fallback = ServiceError::BadInput {
        what: "period",
        detail: "no_such_detail",
    };
    for (what, detail, ru, en) in [
        (
            "period",
            "period_ends_before_start",
            "Период журнала: конец периода раньше его начала.",
            "period: the period ends before it starts.",
        ),
        (
            "period",
            "period_too_long",
            "Период журнала: период длиннее 5 лет",
            "period: the period is longer than 5 years",
        ),
        (
            "period start",
            "bad_date",
            "Начало периода: неверная дата",
            "period start: not a valid date",
        ),
        (
            "period end",
            "bad_date",
            "Конец периода: неверная дата",
            "period end: not a valid date",
        ),
    ] {
        let error = ServiceError::BadInput { what, detail };
        assert!(
            error.message(Lang::Ru).starts_with(ru),
            "{}",
            error.message(Lang::Ru)
        );
        assert!(
            error.message(Lang::En).starts_with(en),
            "{}",
            error.message(Lang::En)
        );
        assert_ne!(error.message(Lang::Ru), fallback.message(Lang::Ru));
    }
}
