//! The enrollment sheet: a further desk's one-time code on paper, read back with `pdftotext`,
//! `pdfinfo` and `zbarimg`.

mod common;

use common::tools::{decode_qr, pdfinfo, pdftotext};
use common::*;
use consent_domain::dates::instant;
use consent_forms::{
    EnrollmentSheetForm, FormError, FormTexts, Pdf, enrollment_sheet, group_enrollment_code,
};

/// A code as the desk makes one for `clinic-server.local`: the prefix and 173 Crockford characters.
const CODE: &str = concat!(
    "consent-desk:join:",
    "040P6YFPKM9S346Q3D25VT4F5V37E3S3E28JT97KB6CQ643DZVMXXQKFBF5KZNWJ47TAN9ZT24MNPZX45HY43KWJ",
    "RP1XPA7Z3DJ8FSSZ5AWSH8VHTPRE95B9EE0ZBGJ09TQM83XSSSS6YS3C4DWA7N36096Q14DR9GPQY77ZXYYK5",
);
const FINGERPRINT: &str = "9F86D081 884C7D65 9A2FEAA0 C55AD015 A3BF4F1B 2B0B822C D15D6C15 B0F00A08";

fn input() -> EnrollmentSheetForm<'static> {
    EnrollmentSheetForm {
        clinic_name: "ООО «Клиника семейной медицины»",
        host: "clinic-server.local",
        port: 8443,
        fingerprint: FINGERPRINT,
        made_by: "Смирнова Ольга Викторовна",
        made_at: printed_at(),
        valid_until: instant("2025-10-25T09:30:00+03:00"),
        code: CODE,
    }
}

fn sheet(input: &EnrollmentSheetForm<'_>) -> Pdf {
    enrollment_sheet(input, &FormTexts::builtin()).expect("enrollment sheet")
}

#[test]
fn the_sheet_names_the_server_and_says_how_to_join_on_one_page() {
    let pdf = sheet(&input());
    assert_eq!(pdf.pages, 1, "the sheet is one page");
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(pdf.layout.overlaps(), vec![]);
    let text = all_text(&pdf);
    let has = |needle: &str| assert_has(&text, needle);
    has("Лист подключения рабочего места");
    has("к серверу клиники Consent Desk");
    has("Клиника ООО «Клиника семейной медицины»");
    has("Адрес сервера clinic-server.local:8443");
    has(&format!(
        "Отпечаток сертификата сервера (SHA-256) {FINGERPRINT}"
    ));
    has("Код создал Смирнова Ольга Викторовна");
    has("Код создан 24.10.2025 09:30");
    has("Код действует до 25.10.2025 09:30");
    has("Код подключения:");
    has("1) на новом рабочем месте откройте «Настройки», раздел «Сервер клиники»;");
    has("2) поставьте курсор в поле «Код подключения»;");
    has("3) отсканируйте QR-код с этого листа сканером штрихкодов");
    has("4) нажмите «Подключить».");
    has("Рабочее место подключится только к серверу clinic-server.local:8443");
    has("код действует один раз и только до 25.10.2025 09:30;");
    has("уничтожьте лист в шредере");
    has("может подключить рабочее место к серверу клиники");
    has(
        "Лист подключения рабочего места · сервер clinic-server.local:8443 · сформирован 24.10.2025 09:30",
    );
    assert!(!text.contains("Код бланка"), "not a patient form: {text}");
}

#[test]
fn the_code_is_printed_whole_in_groups_of_five_after_its_prefix() {
    let layout = flat(&pdftotext(&sheet(&input()).bytes));
    let groups = group_enrollment_code(CODE);
    assert_eq!(
        groups.concat(),
        CODE.trim_start_matches("consent-desk:join:")
    );
    assert_has(&layout, &format!("consent-desk:join: {}", groups.join(" ")));
    assert!(groups[..groups.len() - 1].iter().all(|g| g.len() == 5));
    // Only ever grouped: the whole body in one run would be unreadable.
    assert!(!layout.contains(&CODE[18..50]), "{layout}");
}

#[test]
fn the_qr_code_types_the_code_exactly() {
    assert_eq!(decode_qr(&sheet(&input()).bytes), CODE);
    // A code for a very long host name: a much bigger payload, still one page and one symbol.
    let long = format!("consent-desk:join:{}", "Z".repeat(548));
    let mut big = input();
    big.code = &long;
    let pdf = sheet(&big);
    assert_eq!(pdf.pages, 1);
    assert_eq!(pdf.layout.outside_margins(), vec![]);
    assert_eq!(decode_qr(&pdf.bytes), long);
}

#[test]
fn the_metadata_names_the_server_and_never_the_code() {
    let pdf = sheet(&input());
    assert_eq!(
        pdf.title,
        "Лист подключения рабочего места (clinic-server.local:8443)"
    );
    let info = pdfinfo(&pdf.bytes);
    assert!(
        info.contains("consent-desk:join, clinic-server.local:8443"),
        "{info}"
    );
    for group in group_enrollment_code(CODE) {
        assert!(!info.contains(group), "{group} in the metadata:\n{info}");
    }
    let raw = String::from_utf8_lossy(&pdf.bytes);
    assert!(!raw.contains(&CODE[18..]));
    assert!(!raw.contains(&CODE[18..34]));
}

#[test]
fn bad_input_is_refused_with_its_reason_and_no_pdf() {
    let texts = FormTexts::builtin();
    let lower = CODE.to_lowercase();
    let cases: Vec<(EnrollmentSheetForm<'_>, FormError)> = vec![
        (
            EnrollmentSheetForm {
                code: "",
                ..input()
            },
            FormError::MissingData {
                field: "enrollment.code",
            },
        ),
        (
            EnrollmentSheetForm {
                code: "   ",
                ..input()
            },
            FormError::MissingData {
                field: "enrollment.code",
            },
        ),
        (
            EnrollmentSheetForm {
                code: &CODE[..60],
                ..input()
            },
            FormError::InvalidDeskCode,
        ),
        (
            EnrollmentSheetForm {
                code: &CODE[18..],
                ..input()
            },
            FormError::InvalidDeskCode,
        ),
        (
            EnrollmentSheetForm {
                code: &lower,
                ..input()
            },
            FormError::InvalidDeskCode,
        ),
        (
            EnrollmentSheetForm {
                clinic_name: " ",
                ..input()
            },
            FormError::MissingData {
                field: "enrollment.clinic_name",
            },
        ),
        (
            EnrollmentSheetForm {
                clinic_name: "Клиника 同",
                ..input()
            },
            FormError::UnprintableCharacter {
                field: "enrollment.clinic_name",
            },
        ),
        (
            EnrollmentSheetForm {
                made_by: "Смирнова 😀",
                ..input()
            },
            FormError::UnprintableCharacter {
                field: "enrollment.made_by",
            },
        ),
        (
            EnrollmentSheetForm {
                host: "clinic server",
                ..input()
            },
            FormError::InvalidIdentifier {
                field: "enrollment.host",
            },
        ),
        (
            EnrollmentSheetForm {
                fingerprint: "9F86D081",
                ..input()
            },
            FormError::InvalidIdentifier {
                field: "enrollment.fingerprint",
            },
        ),
    ];
    for (input, expected) in cases {
        let err = enrollment_sheet(&input, &texts).expect_err(&format!("{expected:?}"));
        assert_eq!(err, expected);
        // The code never reaches an error message (they end up in logs).
        let message = err.to_string();
        assert!(!message.contains(&CODE[18..30]), "{message}");
    }
    assert_eq!(FormError::InvalidDeskCode.code(), "forms_invalid_desk_code");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = sheet(&input());
    assert!(first.bytes == sheet(&input()).bytes, "two renders differ");
    let later = EnrollmentSheetForm {
        valid_until: instant("2025-10-26T09:30:00+03:00"),
        ..input()
    };
    assert!(sheet(&later).bytes != first.bytes);
}
