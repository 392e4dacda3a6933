//! The recovery sheet: the desk's database key on paper, read back with `pdftotext` and `zbarimg`.

mod common;

use common::tools::{decode_qr, pdffonts, pdfinfo, pdftotext, temp_pdf};
use common::*;
use consent_domain::dates::instant;
use consent_forms::{
    FormError, FormTexts, KeyLocation, Pdf, RecoverySheetForm, TextKey, recovery_qr_payload,
    recovery_sheet,
};

fn sheet(input: &RecoverySheetForm<'_>) -> Pdf {
    recovery_sheet(input, &FormTexts::builtin()).expect("recovery sheet")
}

/// The code as printed: 16 groups of four, in order.
fn groups(code: &str) -> Vec<String> {
    code.as_bytes()
        .chunks(4)
        .map(|g| String::from_utf8_lossy(g).into_owned())
        .collect()
}

/// The sentence that says where the key lives, for each location.
fn location_sentence(location: KeyLocation) -> &'static str {
    match location {
        KeyLocation::Keyring => {
            "Ключ шифрования базы данных этого рабочего места хранится в хранилище паролей \
             операционной системы (Windows Credential Manager, Связка ключей macOS, Secret Service \
             в Linux)."
        }
        KeyLocation::Environment => {
            "Ключ шифрования базы данных этого рабочего места хранится в переменной окружения \
             CONSENT_DESK_DB_KEY, заданной администратором."
        }
        KeyLocation::KeyFile => {
            "Ключ шифрования базы данных этого рабочего места хранится в файле ключа, указанном \
             администратором."
        }
    }
}

#[test]
fn the_fixture_code_uses_every_hex_digit() {
    // So the sheet is checked with every glyph a code can have (b/6, 0/8 and the rest).
    for c in "0123456789abcdef".chars() {
        assert!(RECOVERY_CODE.contains(c), "{c} missing from the fixture");
    }
    assert_eq!(RECOVERY_CODE.len(), 64);
}

#[test]
fn the_sheet_names_the_clinic_the_desk_and_the_database_on_one_page() {
    let pdf = sheet(&recovery_input(KeyLocation::Keyring));
    assert_eq!(pdf.pages, 1, "the sheet is one page");
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("КОНФИДЕНЦИАЛЬНО · ХРАНИТЬ В СЕЙФЕ");
    has("Лист восстановления доступа к базе данных");
    has("рабочего места Consent Desk");
    has("Клиника ООО «Клиника семейной медицины»");
    has("Рабочее место Регистратура, 1 этаж");
    has(&format!("Идентификатор базы данных {DATABASE_ID}"));
    has(&format!("Идентификатор рабочего места {DESK_ID}"));
    has("Дата создания 24.10.2025");
    has("Код восстановления:");
    has("цифры 0–9 и латинские буквы a–f");
    has("Если Consent Desk сообщает, что ключ базы данных не найден:");
    has("1) запустите Consent Desk");
    has("2) выберите «Восстановить доступ»;");
    has("3) введите код восстановления с этого листа вручную или считайте QR-код сканером");
    has(&format!(
        "Код подходит только к базе данных с идентификатором {DATABASE_ID}."
    ));
    has(
        "Любой, у кого есть этот лист и файл базы данных, может прочитать персональные данные \
         пациентов.",
    );
    has("храните лист в сейфе");
    has("никогда не фотографируйте");
    has("никогда не пересылайте код по электронной почте или в мессенджерах");
    has("уничтожьте лист в шредере");
    has("Лист получил и хранит:");
    has("/ ____________________ /");
    has("(подпись)");
    has("Дата: «____» ________________ 20____ г.");
    has(&format!(
        "Лист восстановления доступа · база данных {DATABASE_ID} · сформирован 24.10.2025 09:30"
    ));
    // Not a patient form: no form code.
    assert!(!text.contains("Код бланка"), "{text}");
}

#[test]
fn the_code_is_printed_in_sixteen_groups_of_four_on_four_lines() {
    let pdf = sheet(&recovery_input(KeyLocation::Keyring));
    let layout = pdftotext(&pdf.bytes);
    let groups = groups(RECOVERY_CODE);
    assert_eq!(groups.len(), 16);
    // All 16 in order, nothing between them.
    assert_has(&layout, &groups.join(" "));
    // Four lines of four, each on a line of its own on the page, groups set apart by wide spaces.
    for line in groups.chunks(4) {
        let found = layout
            .lines()
            .find(|l| l.contains(&line[0]))
            .unwrap_or_else(|| panic!("no line with {}:\n{layout}", line[0]));
        assert_eq!(
            flat(found).split(' ').take(4).collect::<Vec<_>>(),
            line.iter().map(String::as_str).collect::<Vec<_>>(),
            "{found}"
        );
        assert!(
            found.contains(&format!("{}  ", line[0])),
            "groups are not clearly spaced: {found:?}"
        );
    }
    // The code is only ever printed grouped.
    assert!(!flat(&layout).contains(RECOVERY_CODE));
}

#[test]
fn each_key_location_is_named_and_only_that_one() {
    for location in KeyLocation::ALL {
        let text = all_text(&sheet(&recovery_input(location)));
        assert_has(&text, location_sentence(location));
        for other in KeyLocation::ALL.into_iter().filter(|l| *l != location) {
            assert!(
                !text.contains(&flat(location_sentence(other))),
                "{location:?} sheet names {other:?}"
            );
        }
    }
}

#[test]
fn the_qr_code_types_back_the_database_id_and_the_code() {
    let expected = format!("consent-desk:recovery:{DATABASE_ID}:{RECOVERY_CODE}");
    assert_eq!(recovery_qr_payload(DATABASE_ID, RECOVERY_CODE), expected);
    let pdf = sheet(&recovery_input(KeyLocation::Keyring));
    assert_eq!(decode_qr(&pdf.bytes), expected);
    // A hyphenated UUID as the database id: a longer payload, a bigger symbol, still one code.
    let uuid = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    let mut input = recovery_input(KeyLocation::KeyFile);
    input.database_id = uuid;
    let pdf = sheet(&input);
    assert_eq!(
        decode_qr(&pdf.bytes),
        format!("consent-desk:recovery:{uuid}:{RECOVERY_CODE}")
    );
    assert_eq!(pdf.pages, 1);
}

#[test]
fn the_sheet_stays_in_its_margins_on_one_page() {
    // The fixture, and a clinic whose full name takes two lines of the details table.
    let mut long = recovery_input(KeyLocation::Keyring);
    long.clinic_name = "Общество с ограниченной ответственностью «Многопрофильный медицинский центр \
                        семейной медицины»";
    for input in [recovery_input(KeyLocation::Keyring), long] {
        let pdf = sheet(&input);
        assert!(!pdf.layout.boxes.is_empty());
        assert_eq!(pdf.layout.outside_margins(), vec![]);
        assert_eq!(pdf.layout.overlaps(), vec![]);
        assert_eq!(pdf.pages, 1, "{}", input.clinic_name);
        assert!(pdf.layout.boxes.iter().all(|b| b.page == 0));
        assert_has(&all_text(&pdf), "Лист получил и хранит:");
    }
}

#[test]
fn twice_as_long_wording_stays_in_the_margins_and_keeps_the_code_together() {
    let mut file = String::new();
    for key in TextKey::ALL {
        let text = key.builtin();
        file.push_str(&format!(
            "\"{}\" = {:?}\n",
            key.key(),
            format!("{text} {text}")
        ));
    }
    let texts = FormTexts::load(&file).expect("doubled wording is valid");
    let input = recovery_input(KeyLocation::Keyring);
    // Long names too: a wrapped clinic name, a desk name as long as a sentence.
    let mut long = input;
    long.clinic_name = "Общество с ограниченной ответственностью «Многопрофильный медицинский центр \
                        семейной медицины и диагностики имени профессора Преображенского»";
    long.desk_name =
        "Регистратура главного корпуса, первый этаж, окно номер три у центрального входа";
    for input in [input, long] {
        let pdf = recovery_sheet(&input, &texts).expect("recovery sheet");
        assert_eq!(pdf.layout.outside_margins(), vec![]);
        assert_eq!(pdf.layout.overlaps(), vec![]);
        let pages: Vec<String> = (1..=pdf.pages)
            .map(|p| common::tools::pdftotext_page(&pdf.bytes, p))
            .collect();
        assert!(
            pages
                .iter()
                .any(|p| flat(p).contains(&groups(RECOVERY_CODE).join(" "))),
            "the code is split across pages"
        );
        assert_eq!(
            decode_qr(&pdf.bytes),
            recovery_qr_payload(DATABASE_ID, RECOVERY_CODE)
        );
    }
}

#[test]
fn bad_input_is_refused_with_its_reason_and_no_pdf() {
    let texts = FormTexts::builtin();
    let short = &RECOVERY_CODE[..63];
    let long = format!("{RECOVERY_CODE}0");
    let not_hex = RECOVERY_CODE.replacen('a', "g", 1);
    let upper = RECOVERY_CODE.to_uppercase();
    let grouped = groups(RECOVERY_CODE).join(" ");
    let cases: Vec<(RecoverySheetForm<'_>, FormError)> = vec![
        (
            RecoverySheetForm {
                code: short,
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                code: &long,
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                code: &not_hex,
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                code: &upper,
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                code: &grouped,
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                code: "",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidRecoveryCode,
        ),
        (
            RecoverySheetForm {
                clinic_name: "",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::MissingData {
                field: "recovery.clinic_name",
            },
        ),
        (
            RecoverySheetForm {
                desk_name: "   ",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::MissingData {
                field: "recovery.desk_name",
            },
        ),
        (
            RecoverySheetForm {
                clinic_name: "Клиника 同",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::UnprintableCharacter {
                field: "recovery.clinic_name",
            },
        ),
        (
            RecoverySheetForm {
                database_id: "",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::MissingData {
                field: "recovery.database_id",
            },
        ),
        (
            RecoverySheetForm {
                database_id: "db:1",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidIdentifier {
                field: "recovery.database_id",
            },
        ),
        (
            RecoverySheetForm {
                desk_id: "desk 1",
                ..recovery_input(KeyLocation::Keyring)
            },
            FormError::InvalidIdentifier {
                field: "recovery.desk_id",
            },
        ),
    ];
    for (input, expected) in cases {
        let err = recovery_sheet(&input, &texts).expect_err(&format!("{expected:?}"));
        assert_eq!(err, expected);
        // The code never reaches an error message (they end up in logs).
        let message = err.to_string();
        assert!(!message.contains(&RECOVERY_CODE[..16]), "{message}");
    }
    assert_eq!(
        FormError::InvalidRecoveryCode.code(),
        "forms_invalid_recovery_code"
    );
    assert_eq!(
        FormError::InvalidIdentifier { field: "x" }.code(),
        "forms_invalid_identifier"
    );
    assert_eq!(
        FormError::MissingData { field: "x" }.code(),
        "forms_missing_data"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let input = recovery_input(KeyLocation::Keyring);
    let first = sheet(&input);
    let second = sheet(&input);
    assert!(first.bytes == second.bytes, "two renders differ");
    assert_eq!(first.layout, second.layout);
    // And each input changes the document.
    let other_code = "0".repeat(64);
    let changed = [
        RecoverySheetForm {
            code: &other_code,
            ..input
        },
        RecoverySheetForm {
            created_at: instant("2025-10-25T09:30:00+03:00"),
            ..input
        },
        RecoverySheetForm {
            key_location: KeyLocation::Environment,
            ..input
        },
    ];
    for other in changed {
        assert!(sheet(&other).bytes != first.bytes, "{other:?}");
    }
}

#[test]
fn the_metadata_names_the_sheet_and_never_the_code() {
    let pdf = sheet(&recovery_input(KeyLocation::Keyring));
    assert_eq!(
        pdf.title,
        "Лист восстановления доступа (Регистратура, 1 этаж)"
    );
    let info = pdfinfo(&pdf.bytes);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| panic!("no {key} in\n{info}"))
    };
    assert_eq!(field("Title:"), pdf.title);
    assert_eq!(field("Author:"), "ООО «Клиника семейной медицины»");
    assert!(!field("Subject:").is_empty());
    assert_eq!(
        field("Keywords:"),
        format!("consent-desk:recovery:{DATABASE_ID}")
    );
    for group in groups(RECOVERY_CODE) {
        assert!(!info.contains(&group), "{group} in the metadata:\n{info}");
    }
    let iso = {
        let (_dir, path) = temp_pdf(&pdf.bytes);
        let out = std::process::Command::new("pdfinfo")
            .args(["-isodates", path.to_str().expect("path")])
            .output()
            .expect("pdfinfo is installed (poppler-utils)");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(
        iso.contains("2025-10-24T09:30:00+03"),
        "creation date with its offset:\n{iso}"
    );
    let raw = String::from_utf8_lossy(&pdf.bytes);
    assert!(raw.contains("/Lang(ru)"));
    assert!(!raw.contains(RECOVERY_CODE));
    assert!(!raw.to_lowercase().contains(&RECOVERY_CODE[..16]));
}

#[test]
fn fonts_are_embedded_subsets_and_every_placeholder_is_filled() {
    let pdf = sheet(&recovery_input(KeyLocation::Environment));
    let fonts = pdffonts(&pdf.bytes);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("+PTSans-"), "{row}");
        assert!(row.contains("yes yes yes"), "{row}");
    }
    assert!(pdf.bytes.len() / 1024 <= 80, "{} bytes", pdf.bytes.len());
    let text = pdftotext(&pdf.bytes);
    assert!(!text.contains('{') && !text.contains('}'), "{text}");
}

#[test]
fn a_clinic_can_reword_the_sheet() {
    let texts = FormTexts::load(
        r#"
        [recovery]
        title = "Резервный код доступа к базе данных"
        location_keyring = "в диспетчере учётных данных Windows"
        "#,
    )
    .expect("valid override");
    let pdf = recovery_sheet(&recovery_input(KeyLocation::Keyring), &texts).expect("sheet");
    let text = all_text(&pdf);
    assert_has(&text, "Резервный код доступа к базе данных");
    assert_has(
        &text,
        "Ключ шифрования базы данных этого рабочего места хранится в диспетчере учётных данных \
         Windows.",
    );
    assert!(!text.contains("Лист восстановления доступа к базе данных"));
    // The sentences with the database id must keep naming it.
    assert_eq!(
        FormTexts::load(r#""recovery.only_this_database" = "Код подходит только к этой базе.""#)
            .expect_err("placeholder dropped")
            .code(),
        "texts_missing_placeholder"
    );
}
