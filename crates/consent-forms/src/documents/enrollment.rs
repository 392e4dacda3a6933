//! «Лист подключения рабочего места»: a further desk's one-time enrollment code on paper, printed
//! by an administrator at a desk that has joined the clinic server and handed to whoever sets up
//! the new desk. A USB scanner types the QR code into the new desk's «Код подключения» field, so the
//! QR payload is the code's text exactly; the same code is printed in groups of five for typing.
//!
//! The code carries the secret that opens the clinic key: it never goes into the PDF metadata, the
//! file id, the footer, an error or `Debug`. The sheet names the server and its certificate's
//! fingerprint so the person at the new desk can see where the desk will connect.

use std::fmt;

use chrono::{DateTime, FixedOffset};

use super::common::{
    CodeFrame, code_frame, finish_pdf, instant_bytes, required, sheet_head, sheet_id,
};
use crate::Pdf;
use crate::error::FormError;
use crate::fonts::Fonts;
use crate::format;
use crate::layout::{Align, Cell, Flow, Span, Style, Table, mm};
use crate::metadata::Metadata;
use crate::texts::{FormTexts, TextKey};

/// What an enrollment code's text starts with (as `consent_wire::code::PREFIX`; this crate reads
/// no network types, and the sheet only needs to recognise the code, not decode it).
pub const ENROLLMENT_PREFIX: &str = "consent-desk:join:";

/// The code's alphabet after the prefix: Crockford base32 as the desk writes it (capitals, no I,
/// L, O, U).
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The shortest body a real code has (its fixed fields and checksum, a one-letter host) and the
/// longest (a 253-character host name): anything else is not a code and must not be printed as one.
const BODY_MIN: usize = 144;
const BODY_MAX: usize = 548;
/// The longest host name a code can carry.
const HOST_MAX: usize = 253;
/// A SHA-256 fingerprint as the app shows it: 8 groups of 8 hex digits.
const FINGERPRINT_GROUPS: usize = 8;

/// Characters per printed group and groups per line: a typical ~165-character body makes 7 lines.
const GROUP: usize = 5;
const GROUPS_PER_LINE: usize = 5;
/// At most this many lines of groups: a code for an unusually long host name gets more groups per
/// line (and so a smaller size) rather than a frame too tall for the page.
const MAX_LINES: usize = 8;
/// The code's size: smaller than the recovery key's, as it is more than twice as long.
const CODE_SIZE: f32 = 14.0;
/// Side of one QR module: a typical code (a version 9–10 symbol) comes out 45–50 mm wide, large
/// enough for any desk scanner at arm's length.
const QR_MODULE: f32 = mm(0.85);
/// The widest the symbol may be: a code with a very long host name gets smaller modules rather than
/// squeezing the printed groups into nothing.
const QR_MAX_SIDE: f32 = mm(60.0);

/// What an enrollment sheet is printed from. `Debug` leaves the code out.
#[derive(Clone, Copy)]
pub struct EnrollmentSheetForm<'a> {
    pub clinic_name: &'a str,
    /// The clinic server's host (a DNS name or an IPv4 address) and port.
    pub host: &'a str,
    pub port: u16,
    /// The server certificate's SHA-256 fingerprint as the app shows it: 8 groups of 8 hex digits,
    /// one space apart.
    pub fingerprint: &'a str,
    /// The administrator who made the code.
    pub made_by: &'a str,
    /// When the code was made, in the clinic's offset: also the PDF's creation date.
    pub made_at: DateTime<FixedOffset>,
    /// When the server stops accepting the code.
    pub valid_until: DateTime<FixedOffset>,
    /// The code's text exactly as the desk made it (`consent-desk:join:` + Crockford base32).
    pub code: &'a str,
}

impl fmt::Debug for EnrollmentSheetForm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnrollmentSheetForm")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("fingerprint", &self.fingerprint)
            .field("made_at", &self.made_at)
            .field("valid_until", &self.valid_until)
            .field("code", &"<secret>")
            .finish_non_exhaustive()
    }
}

/// The code's body (after the prefix) in groups of five, as the sheet prints them.
pub fn group_enrollment_code(code: &str) -> Vec<&str> {
    let body = code.strip_prefix(ENROLLMENT_PREFIX).unwrap_or(code);
    (0..body.len().div_ceil(GROUP))
        .filter_map(|i| body.get(i * GROUP..((i + 1) * GROUP).min(body.len())))
        .collect()
}

/// Refuses a blank code and one that is not the prefix and a Crockford base32 body of a real
/// code's length (a typo'd or foreign text printed as a code would waste a trip to the new desk).
fn check_code(code: &str) -> Result<(), FormError> {
    if code.trim().is_empty() {
        return Err(FormError::MissingData {
            field: "enrollment.code",
        });
    }
    let valid = code.strip_prefix(ENROLLMENT_PREFIX).is_some_and(|body| {
        (BODY_MIN..=BODY_MAX).contains(&body.len()) && body.bytes().all(|b| ALPHABET.contains(&b))
    });
    if valid {
        Ok(())
    } else {
        Err(FormError::InvalidDeskCode)
    }
}

/// Refuses a host a code cannot carry (the same rule as the code's own): letters, digits, dots and
/// hyphens, not starting with a dot or hyphen.
fn check_host(host: &str) -> Result<(), FormError> {
    let field = "enrollment.host";
    if host.is_empty() {
        return Err(FormError::MissingData { field });
    }
    let valid = host.len() <= HOST_MAX
        && !host.starts_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(FormError::InvalidIdentifier { field })
    }
}

/// Refuses a fingerprint not written as the app shows it, so the sheet and the screen can be
/// compared group by group.
fn check_fingerprint(fingerprint: &str) -> Result<(), FormError> {
    let field = "enrollment.fingerprint";
    if fingerprint.is_empty() {
        return Err(FormError::MissingData { field });
    }
    let groups: Vec<&str> = fingerprint.split(' ').collect();
    let valid = groups.len() == FINGERPRINT_GROUPS
        && groups.iter().all(|g| {
            g.len() == 8
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        });
    if valid {
        Ok(())
    } else {
        Err(FormError::InvalidIdentifier { field })
    }
}

/// Prints the enrollment sheet: one A4 page with the clinic, the server and its fingerprint, who
/// made the code and when, until when it works, the code in groups and as a QR code, how to join a
/// desk with it and how to handle the sheet.
///
/// Errors: [`FormError::MissingData`] for a blank clinic name, author, host, fingerprint or code
/// (fields `enrollment.*`), [`FormError::UnprintableCharacter`] for a name the font cannot print,
/// [`FormError::InvalidIdentifier`] for a malformed host or fingerprint,
/// [`FormError::InvalidDeskCode`] for a text that is not an enrollment code.
pub fn enrollment_sheet(
    form: &EnrollmentSheetForm<'_>,
    texts: &FormTexts,
) -> Result<Pdf, FormError> {
    required("enrollment.clinic_name", form.clinic_name)?;
    required("enrollment.made_by", form.made_by)?;
    check_host(form.host)?;
    check_fingerprint(form.fingerprint)?;
    check_code(form.code)?;
    let clinic = form.clinic_name.trim();
    let server = format!("{}:{}", form.host, form.port);
    let made_at = format::date_time(form.made_at);
    let valid_until = format::date_time(form.valid_until);
    let name = texts.get(TextKey::EnrollmentDocumentName);

    let mut flow = Flow::new(Fonts::get()?);
    flow.set_running_header(format!("{clinic} · {name}"), server.clone());
    head(&mut flow, texts);
    let rows = [
        (TextKey::EnrollmentLabelClinic, clinic),
        (TextKey::EnrollmentLabelServer, server.as_str()),
        (TextKey::EnrollmentLabelFingerprint, form.fingerprint),
        (TextKey::EnrollmentLabelMadeBy, form.made_by.trim()),
        (TextKey::EnrollmentLabelMadeAt, made_at.as_str()),
        (TextKey::EnrollmentLabelValidUntil, valid_until.as_str()),
    ];
    flow.table(&Table {
        widths: vec![0.34, 0.66],
        header: Vec::new(),
        rows: rows
            .iter()
            .map(|(label, value)| vec![Cell::text(texts.get(*label)), Cell::bold(*value)])
            .collect(),
        size: 9.5,
        name: "the enrollment sheet's details",
    })?;
    let symbol_width = crate::qr::encode(form.code)?.width as f32;
    let groups = group_enrollment_code(form.code);
    code_frame(
        &mut flow,
        &CodeFrame {
            heading: texts.get(TextKey::EnrollmentCodeHeading),
            lead: Some(ENROLLMENT_PREFIX),
            groups: &groups,
            per_line: GROUPS_PER_LINE.max(groups.len().div_ceil(MAX_LINES)),
            size: CODE_SIZE,
            hint: texts.get(TextKey::EnrollmentCodeHint),
            caption: texts.get(TextKey::EnrollmentQrCaption),
            payload: form.code,
            module: QR_MODULE.min(QR_MAX_SIDE / symbol_width),
            name: "the enrollment code block",
        },
    )?;
    instructions(&mut flow, &server, &valid_until, texts);

    let footer = texts.fill(
        TextKey::EnrollmentFooter,
        &[("server", &server), ("made_at", &made_at)],
    );
    // The keywords name the kind of code and the server, never the code: metadata shows in file
    // managers and print queues.
    let meta = Metadata::document(
        format!("{name} ({server})"),
        "Одноразовый код подключения рабочего места к серверу клиники Consent Desk",
        clinic,
        format!("consent-desk:join, {server}"),
        sheet_id(
            form.host
                .bytes()
                .chain(form.port.to_be_bytes())
                .chain(form.fingerprint.bytes())
                .chain(instant_bytes(form.made_at)),
        ),
        form.made_at,
    );
    finish_pdf(flow, &footer, texts, meta)
}

/// The «confidential» line, the title and the subtitle.
fn head(flow: &mut Flow, texts: &FormTexts) {
    sheet_head(
        flow,
        texts.get(TextKey::EnrollmentConfidential),
        texts.get(TextKey::EnrollmentTitle),
        texts.get(TextKey::EnrollmentSubtitle),
    );
}

/// The numbered steps at the new desk, then how to handle the sheet.
fn instructions(flow: &mut Flow, server: &str, valid_until: &str, texts: &FormTexts) {
    // Left-aligned: a justified list item with a hanging marker spreads its words apart.
    let item = Style::BODY
        .align(Align::Left)
        .left(14.0)
        .first_indent(-10.0)
        .after(1.5);

    flow.heading(&format!(
        "1. {}",
        texts.get(TextKey::EnrollmentSectionSteps)
    ));
    let steps = [
        TextKey::EnrollmentStepOpen,
        TextKey::EnrollmentStepField,
        TextKey::EnrollmentStepScan,
        TextKey::EnrollmentStepJoin,
    ];
    for (n, step) in steps.into_iter().enumerate() {
        let text = format!("{}) {}", n + 1, texts.get(step));
        flow.paragraph(&[Span::regular(text)], item);
    }
    flow.gap(2.5);
    flow.paragraph(
        &texts.spans(TextKey::EnrollmentOnlyThisServer, &[("server", server)]),
        Style::BODY,
    );

    flow.heading(&format!(
        "2. {}",
        texts.get(TextKey::EnrollmentSectionRules)
    ));
    flow.paragraph(
        &[Span::bold(texts.get(TextKey::EnrollmentWarning))],
        Style::BODY.after(2.0),
    );
    let once = texts.fill(TextKey::EnrollmentRuleOnce, &[("valid_until", valid_until)]);
    let rules = [
        once.as_str(),
        texts.get(TextKey::EnrollmentRuleHand),
        texts.get(TextKey::EnrollmentRuleSend),
        texts.get(TextKey::EnrollmentRuleDestroy),
        texts.get(TextKey::EnrollmentRuleLost),
    ];
    for rule in rules {
        let text = texts.fill(TextKey::CommonList, &[("item", rule)]);
        flow.paragraph(&[Span::regular(text)], item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code of a typical length (host `clinic-server.local`).
    const BODY: &str = concat!(
        "040P6YFPKM9S346Q3D25VT4F5V37E3S3E28JT97KB6CQ643DZVMXXQKFBF5KZNWJ47TA",
        "N9ZT24MNPZX45HY43KWJRP1XPA7Z3DJ8FSSZ5AWSH8VHTPRE95B9EE0ZBGJ09TQM83XS",
        "SSS6YS3C4DWA7N36096Q14DR9GPQY77ZXYYK5",
    );

    fn code() -> String {
        format!("{ENROLLMENT_PREFIX}{BODY}")
    }

    #[test]
    fn codes_are_the_prefix_and_a_crockford_body() {
        assert!(BODY.len() >= BODY_MIN, "{}", BODY.len());
        assert_eq!(check_code(&code()), Ok(()));
        let invalid = Err(FormError::InvalidDeskCode);
        for bad in [
            BODY.to_owned(),
            code().to_lowercase(),
            format!("{ENROLLMENT_PREFIX}{}", &BODY[..BODY_MIN - 1]),
            format!("{ENROLLMENT_PREFIX}{}", "0".repeat(BODY_MAX + 1)),
            code().replacen('0', "O", 1),
            code().replacen('P', "U", 1),
            format!("{} ", code()),
            format!("consent-desk:recovery:{BODY}"),
        ] {
            assert_eq!(check_code(&bad), invalid, "{bad}");
        }
        assert_eq!(
            check_code("  "),
            Err(FormError::MissingData {
                field: "enrollment.code"
            })
        );
    }

    #[test]
    fn the_body_is_grouped_by_five_and_nothing_is_lost() {
        let code = code();
        let groups = group_enrollment_code(&code);
        assert_eq!(groups.concat(), BODY);
        assert_eq!(groups[0], "040P6");
        assert!(
            groups
                .iter()
                .all(|g| g.len() == GROUP || g == groups.last().unwrap_or(g))
        );
    }

    #[test]
    fn hosts_and_fingerprints_are_written_as_the_app_shows_them() {
        assert_eq!(check_host("clinic-server.local"), Ok(()));
        assert_eq!(check_host("192.168.1.10"), Ok(()));
        for bad in ["-x", ".x", "a b", "сервер", "a:b", &"a".repeat(254)] {
            assert_eq!(
                check_host(bad),
                Err(FormError::InvalidIdentifier {
                    field: "enrollment.host"
                }),
                "{bad}"
            );
        }
        let fp = "0123ABCD 4567EF01 89ABCDEF 01234567 89ABCDEF 01234567 89ABCDEF 01234567";
        assert_eq!(check_fingerprint(fp), Ok(()));
        for bad in [
            &fp.to_lowercase(),
            &fp.replace(' ', ""),
            &fp[..fp.len() - 9],
            &fp.replacen('A', "G", 1),
        ] {
            assert_eq!(
                check_fingerprint(bad),
                Err(FormError::InvalidIdentifier {
                    field: "enrollment.fingerprint"
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn debug_leaves_the_code_out() {
        let code = code();
        let form = EnrollmentSheetForm {
            clinic_name: "Клиника",
            host: "clinic-server.local",
            port: 8443,
            fingerprint: "",
            made_by: "Смирнова Ольга Викторовна",
            made_at: consent_domain::dates::instant("2025-10-24T09:30:00+03:00"),
            valid_until: consent_domain::dates::instant("2025-10-25T09:30:00+03:00"),
            code: &code,
        };
        let text = format!("{form:?}");
        assert!(!text.contains(BODY), "{text}");
        assert!(!text.contains("040P6"), "{text}");
        assert!(text.contains("<secret>"), "{text}");
    }
}
