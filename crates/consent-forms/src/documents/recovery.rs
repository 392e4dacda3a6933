//! «Лист восстановления доступа к базе данных»: the desk's database key on paper, printed once at
//! the first start and kept in the clinic's safe. Losing the OS keyring entry (a reinstalled system,
//! another user account, a new computer) must not lose the data: the code on the sheet, typed or
//! scanned on the desk's «Восстановить доступ» screen, opens the encrypted database again.
//!
//! Not a patient form: no form id, no short code, no `consent-desk:form:` QR code. The QR code holds
//! `consent-desk:recovery:<database id>:<64 hex digits>` for a USB scanner to type back, and the same
//! code is printed in 16 groups of four. The code never goes into the PDF metadata, the footer or an
//! error message.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use zeroize::Zeroizing;

use super::common::{
    CodeFrame, code_frame, finish_pdf, instant_bytes, required, sheet_head, sheet_id, signature,
};
use crate::Pdf;
use crate::error::FormError;
use crate::fonts::Fonts;
use crate::format;
use crate::layout::{Align, Cell, Flow, Span, Style, Table, mm};
use crate::metadata::Metadata;
use crate::texts::{FormTexts, TextKey};

/// The prefix of the recovery sheet's QR payload; the restore screen strips it (and the database id
/// after it) when a scan comes in.
pub const RECOVERY_QR_PREFIX: &str = "consent-desk:recovery:";

/// Length of a recovery code: a 256-bit key in lowercase hex.
const CODE_LEN: usize = 64;
/// Characters per printed group, and groups per printed line: 4 lines of 4 groups.
const GROUP: usize = 4;
const GROUPS_PER_LINE: usize = 4;
/// The longest database or desk id accepted (a hyphenated UUID has 36 characters, the store's
/// database id 32); 64 keeps the QR symbol at version 8 or below.
const MAX_ID_LEN: usize = 64;

/// The code's size: large enough to copy by hand without a magnifier.
const CODE_SIZE: f32 = 20.0;
/// Side of one QR module: the symbol of a 119–151 character payload (version 7 or 8, 45–49
/// modules) is 32–35 mm wide, easy for a desk scanner.
const QR_MODULE: f32 = mm(0.7);

/// Where the desk normally keeps its database key: the sheet tells the admin where to look first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLocation {
    /// The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service on Linux): the
    /// desktop app's default.
    Keyring,
    /// The `CONSENT_DESK_DB_KEY` environment variable (headless use).
    Environment,
    /// A key file given by the administrator (`--key-file`).
    KeyFile,
}

impl KeyLocation {
    /// Every location, for settings screens and tests.
    pub const ALL: [KeyLocation; 3] = [
        KeyLocation::Keyring,
        KeyLocation::Environment,
        KeyLocation::KeyFile,
    ];

    fn text(self) -> TextKey {
        match self {
            KeyLocation::Keyring => TextKey::RecoveryLocationKeyring,
            KeyLocation::Environment => TextKey::RecoveryLocationEnvironment,
            KeyLocation::KeyFile => TextKey::RecoveryLocationKeyFile,
        }
    }
}

/// What a recovery sheet is printed from. `Debug` leaves the code out.
#[derive(Clone, Copy)]
pub struct RecoverySheetForm<'a> {
    pub clinic_name: &'a str,
    pub desk_name: &'a str,
    /// Which database the code opens: the store's database id (the keyring entry's name). ASCII
    /// letters, digits and hyphens, at most 64 characters.
    pub database_id: &'a str,
    /// The desk's id (same rule as `database_id`).
    pub desk_id: &'a str,
    /// The 256-bit database key as exactly 64 lowercase hex digits, not grouped.
    pub code: &'a str,
    /// Where the key normally lives.
    pub key_location: KeyLocation,
    /// When the database was created (the first start), in the desk's offset: the sheet prints the
    /// date in that offset, and it is the PDF's creation date.
    pub created_at: DateTime<FixedOffset>,
}

impl fmt::Debug for RecoverySheetForm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecoverySheetForm")
            .field("database_id", &self.database_id)
            .field("desk_id", &self.desk_id)
            .field("code", &"<secret>")
            .field("key_location", &self.key_location)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// The recovery sheet's QR payload: `consent-desk:recovery:<database_id>:<code>`. The caller passes
/// a valid id and code (as [`recovery_sheet`] checks them); this only joins them.
pub fn recovery_qr_payload(database_id: &str, code: &str) -> String {
    format!("{RECOVERY_QR_PREFIX}{database_id}:{code}")
}

/// The code as the first-start screen shows it and people type it: groups of four joined by
/// hyphens (`0011-2233-…`).
pub fn group_recovery_code(code: &str) -> String {
    code.as_bytes()
        .chunks(GROUP)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A recovery code read back from the sheet: the key's 64 lowercase hex digits and, when it was
/// scanned from the QR code, the database it names. `Debug` hides the key.
pub struct RecoveryCode {
    /// The database id of a scanned code; `None` when typed.
    pub database_id: Option<String>,
    /// The key as 64 lowercase hex digits, zeroized when dropped.
    pub key_hex: Zeroizing<String>,
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecoveryCode")
            .field("database_id", &self.database_id)
            .field("key_hex", &"<secret>")
            .finish()
    }
}

/// Reads a code as typed (any case, grouped by spaces or hyphens, blanks around it) or as a scanner
/// types the QR code (`consent-desk:recovery:<database id>:<code>`). `None` when what remains is not
/// 64 hex digits, or a scanned payload has no `:` before the code.
pub fn read_recovery_code(text: &str) -> Option<RecoveryCode> {
    let text = text.trim();
    let (database_id, code) = match text.strip_prefix(RECOVERY_QR_PREFIX) {
        Some(rest) => {
            let (database, code) = rest.rsplit_once(':')?;
            (Some(database.to_owned()), code)
        }
        None => (None, text),
    };
    let key_hex: Zeroizing<String> = Zeroizing::new(
        code.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect(),
    );
    check_code(&key_hex).ok()?;
    Some(RecoveryCode {
        database_id,
        key_hex,
    })
}

/// Refuses an id that is blank, too long, or has anything but ASCII letters, digits and hyphens (a
/// `:` would make the QR payload ambiguous, a space would be lost by a scanner).
fn identifier(field: &'static str, value: &str) -> Result<(), FormError> {
    if value.is_empty() {
        return Err(FormError::MissingData { field });
    }
    let valid = value.len() <= MAX_ID_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(FormError::InvalidIdentifier { field })
    }
}

/// Refuses a code that is not exactly 64 lowercase hex digits.
fn check_code(code: &str) -> Result<(), FormError> {
    let valid = code.len() == CODE_LEN
        && code
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if valid {
        Ok(())
    } else {
        Err(FormError::InvalidRecoveryCode)
    }
}

/// The code's groups of four, in order. The code is checked: 64 ASCII characters.
fn groups(code: &str) -> Vec<&str> {
    (0..CODE_LEN / GROUP)
        .filter_map(|i| code.get(i * GROUP..(i + 1) * GROUP))
        .collect()
}

/// The trailer `/ID`: a digest of what identifies the sheet (database, desk, creation time), never
/// of the code, so the file's id reveals nothing about the key.
fn recovery_sheet_id(form: &RecoverySheetForm<'_>) -> [u8; 16] {
    sheet_id(
        form.database_id
            .bytes()
            .chain([0])
            .chain(form.desk_id.bytes())
            .chain([0])
            .chain(instant_bytes(form.created_at)),
    )
}

/// Prints the recovery sheet: one A4 page with the clinic, the desk, the database id, the code in 16
/// groups of four and as a QR code, where the key normally lives, how to restore access, how to keep
/// the sheet, and a line for the admin's signature.
///
/// Errors: [`FormError::MissingData`] for a blank name or id (fields `recovery.clinic_name`,
/// `recovery.desk_name`, `recovery.database_id`, `recovery.desk_id`),
/// [`FormError::UnprintableCharacter`] for a name the font cannot print,
/// [`FormError::InvalidIdentifier`] for a malformed id, [`FormError::InvalidRecoveryCode`] for a
/// code that is not 64 lowercase hex digits.
pub fn recovery_sheet(form: &RecoverySheetForm<'_>, texts: &FormTexts) -> Result<Pdf, FormError> {
    required("recovery.clinic_name", form.clinic_name)?;
    required("recovery.desk_name", form.desk_name)?;
    identifier("recovery.database_id", form.database_id)?;
    identifier("recovery.desk_id", form.desk_id)?;
    check_code(form.code)?;
    let clinic = form.clinic_name.trim();
    let desk = form.desk_name.trim();
    let name = texts.get(TextKey::RecoveryDocumentName);

    let mut flow = Flow::new(Fonts::get()?);
    flow.set_running_header(format!("{clinic} · {name}"), desk.to_owned());
    head(&mut flow, texts);
    let created = format::date(form.created_at.date_naive());
    let rows = [
        (TextKey::RecoveryLabelClinic, clinic),
        (TextKey::RecoveryLabelDesk, desk),
        (TextKey::RecoveryLabelDatabase, form.database_id),
        (TextKey::RecoveryLabelDeskId, form.desk_id),
        (TextKey::RecoveryLabelCreated, created.as_str()),
    ];
    flow.table(&Table {
        widths: vec![0.34, 0.66],
        header: Vec::new(),
        rows: rows
            .iter()
            .map(|(label, value)| vec![Cell::text(texts.get(*label)), Cell::bold(*value)])
            .collect(),
        size: 9.5,
        name: "the recovery sheet's details",
    })?;
    code_block(&mut flow, form, texts)?;
    instructions(&mut flow, form, texts);
    receipt(&mut flow, texts);

    let footer = texts.fill(
        TextKey::RecoveryFooter,
        &[
            ("database_id", form.database_id),
            ("created_at", &format::date_time(form.created_at)),
        ],
    );
    let meta = Metadata::document(
        format!("{name} ({desk})"),
        "Резервная копия ключа шифрования базы данных рабочего места Consent Desk",
        clinic,
        format!("{RECOVERY_QR_PREFIX}{}", form.database_id),
        recovery_sheet_id(form),
        form.created_at,
    );
    finish_pdf(flow, &footer, texts, meta)
}

/// The «confidential» line, the title and the subtitle.
fn head(flow: &mut Flow, texts: &FormTexts) {
    sheet_head(
        flow,
        texts.get(TextKey::RecoveryConfidential),
        texts.get(TextKey::RecoveryTitle),
        texts.get(TextKey::RecoverySubtitle),
    );
}

/// The code in 4 lines of 4 groups on the left, the QR code on the right.
fn code_block(
    flow: &mut Flow,
    form: &RecoverySheetForm<'_>,
    texts: &FormTexts,
) -> Result<(), FormError> {
    code_frame(
        flow,
        &CodeFrame {
            heading: texts.get(TextKey::RecoveryCodeHeading),
            lead: None,
            groups: &groups(form.code),
            per_line: GROUPS_PER_LINE,
            size: CODE_SIZE,
            hint: texts.get(TextKey::RecoveryCodeHint),
            caption: texts.get(TextKey::RecoveryQrCaption),
            payload: &recovery_qr_payload(form.database_id, form.code),
            module: QR_MODULE,
            name: "the recovery code block",
        },
    )
}

/// Where the key lives, how to restore access, how to keep the sheet.
fn instructions(flow: &mut Flow, form: &RecoverySheetForm<'_>, texts: &FormTexts) {
    // Left-aligned: a justified list item with a hanging dash spreads its words apart.
    let item = Style::BODY
        .align(Align::Left)
        .left(14.0)
        .first_indent(-10.0)
        .after(1.5);

    flow.heading(&format!(
        "1. {}",
        texts.get(TextKey::RecoverySectionLocation)
    ));
    let location = texts.get(form.key_location.text());
    let mut spans = texts.mixed(TextKey::RecoveryLocation, &[], &[("location", location)]);
    spans.push(Span::regular(format!(
        " {}",
        texts.get(TextKey::RecoveryPurpose)
    )));
    flow.paragraph(&spans, Style::BODY);

    flow.heading(&format!(
        "2. {}",
        texts.get(TextKey::RecoverySectionRestore)
    ));
    flow.paragraph(
        &[Span::regular(texts.get(TextKey::RecoveryRestoreWhen))],
        Style::BODY.after(2.0),
    );
    let steps = [
        TextKey::RecoveryStepStart,
        TextKey::RecoveryStepChoose,
        TextKey::RecoveryStepEnter,
    ];
    for (n, step) in steps.into_iter().enumerate() {
        let text = format!("{}) {}", n + 1, texts.get(step));
        flow.paragraph(&[Span::regular(text)], item);
    }
    flow.gap(2.5);
    flow.paragraph(
        &texts.spans(
            TextKey::RecoveryOnlyThisDatabase,
            &[("database_id", form.database_id)],
        ),
        Style::BODY,
    );

    flow.heading(&format!("3. {}", texts.get(TextKey::RecoverySectionRules)));
    flow.paragraph(
        &[Span::bold(texts.get(TextKey::RecoveryWarning))],
        Style::BODY.after(2.0),
    );
    let rules = [
        TextKey::RecoveryRuleSafe,
        TextKey::RecoveryRulePhoto,
        TextKey::RecoveryRuleSend,
        TextKey::RecoveryRuleLost,
        TextKey::RecoveryRuleDestroy,
    ];
    for rule in rules {
        let text = texts.fill(TextKey::CommonList, &[("item", texts.get(rule))]);
        flow.paragraph(&[Span::regular(text)], item);
    }
}

/// «Лист получил и хранит: ________ / ________ /» and a blank for the date.
fn receipt(flow: &mut Flow, texts: &FormTexts) {
    signature(
        flow,
        texts,
        &[Span::bold(texts.get(TextKey::RecoveryReceived))],
        "____________________",
    );
    flow.gap(4.0);
    let date = texts.fill(
        TextKey::CommonDate,
        &[("date", texts.get(TextKey::CommonBlankDate))],
    );
    flow.paragraph(
        &[Span::regular(date)],
        Style::BODY.align(Align::Left).after(0.0),
    );
}

#[cfg(test)]
mod tests {
    use consent_domain::dates::instant;

    use super::*;

    #[test]
    fn the_recovery_code_is_grouped_by_four_and_read_back() {
        let hex = "0123456789abcdef".repeat(4);
        let code = group_recovery_code(&hex);
        assert_eq!(code.len(), 64 + 15);
        assert!(code.starts_with("0123-4567-89ab-cdef-0123"));
        assert_eq!(code.replace('-', ""), hex);
        let read = read_recovery_code(&code).expect("the grouped code reads back");
        assert_eq!(read.key_hex.as_str(), hex);
        assert_eq!(read.database_id, None);
        let scanned = read_recovery_code(&recovery_qr_payload("db-1", &hex)).expect("scanned");
        assert_eq!(scanned.database_id.as_deref(), Some("db-1"));
        assert!(
            !format!("{scanned:?}").contains(&hex),
            "Debug hides the key"
        );
    }

    const CODE: &str = "00112233445566778899aabbccddeeff0123456789abcdef0f1e2d3c4b5a6978";

    fn form(code: &str) -> RecoverySheetForm<'_> {
        RecoverySheetForm {
            clinic_name: "Клиника",
            desk_name: "Регистратура",
            database_id: "0123456789abcdef0123456789abcdef",
            desk_id: "01900000-0000-7000-8000-000000000001",
            code,
            key_location: KeyLocation::Keyring,
            created_at: instant("2025-10-24T09:30:00+03:00"),
        }
    }

    #[test]
    fn codes_are_64_lowercase_hex_digits() {
        assert_eq!(check_code(CODE), Ok(()));
        for bad in [
            "",
            &CODE[..63],
            &format!("{CODE}0"),
            &CODE.to_uppercase(),
            &CODE.replace('a', "g"),
            &format!("{} ", &CODE[..63]),
            &CODE.replacen("00", "0-", 1),
        ] {
            assert_eq!(
                check_code(bad),
                Err(FormError::InvalidRecoveryCode),
                "{bad}"
            );
        }
        assert_eq!(groups(CODE).len(), 16);
        assert_eq!(groups(CODE).concat(), CODE);
        assert_eq!(groups(CODE)[15], "6978");
    }

    #[test]
    fn identifiers_are_short_and_plain() {
        assert_eq!(identifier("f", "0123456789abcdef0123456789abcdef"), Ok(()));
        assert_eq!(
            identifier("f", "01900000-0000-7000-8000-000000000001"),
            Ok(())
        );
        assert_eq!(
            identifier("f", ""),
            Err(FormError::MissingData { field: "f" })
        );
        for bad in ["a:b", "a b", " a", "идентификатор", &"a".repeat(65)] {
            assert_eq!(
                identifier("f", bad),
                Err(FormError::InvalidIdentifier { field: "f" }),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_sheet_id_names_the_sheet_not_the_key() {
        let a = recovery_sheet_id(&form(CODE));
        let other_code = "f".repeat(64);
        assert_eq!(
            recovery_sheet_id(&form(&other_code)),
            a,
            "the code takes no part"
        );
        let mut later = form(CODE);
        later.created_at = instant("2025-10-24T09:31:00+03:00");
        assert_ne!(recovery_sheet_id(&later), a);
        let mut other_db = form(CODE);
        other_db.database_id = "0123456789abcdef0123456789abcdee";
        assert_ne!(recovery_sheet_id(&other_db), a);
    }

    #[test]
    fn debug_leaves_the_code_out() {
        let text = format!("{:?}", form(CODE));
        assert!(!text.contains(CODE), "{text}");
        assert!(!text.contains("0011"), "{text}");
        assert!(text.contains("<secret>"), "{text}");
    }
}
