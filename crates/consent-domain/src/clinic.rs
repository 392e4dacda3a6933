//! The operator: the clinic's details that every printed form carries (152-FZ Art. 9 p. 4 items 3, 6
//! and 8: the operator's name and address, a processor if any, how to withdraw).
//!
//! The privacy policy gives the postal address and the e-mail for withdrawals (policy 2.1); those are
//! the defaults. The clinic's name, ИНН and ОГРН are not in the policy, so they have no default: a form
//! is never printed with an invented operator.

use std::fmt;

/// The longest name, address or system name accepted.
pub const TEXT_MAX: usize = 500;

/// The postal address for withdrawals from policy 2.1.
pub const POLICY_ADDRESS: &str = "153013, г. Иваново, ул. Куконковых, д. 142";
/// The e-mail for withdrawals from policy 2.1.
pub const POLICY_EMAIL: &str = "klinika_s_m@mail.ru";

/// A processor acting on the operator's behalf (Art. 9 p. 4 item 6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Processor {
    pub name: String,
    pub address: String,
}

/// The clinic's details, validated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClinicDetails {
    /// Full legal name, e.g. «ООО "Клиника"».
    pub name: String,
    /// ИНН of a legal entity: 10 digits with a valid check digit.
    pub inn: String,
    /// ОГРН: 13 digits with a valid check digit.
    pub ogrn: String,
    pub legal_address: String,
    /// Where letters (withdrawals by post) go; usually the legal address.
    pub postal_address: String,
    /// The e-mail for withdrawals.
    pub withdrawal_email: String,
    pub phone: Option<String>,
    pub processor: Option<Processor>,
    /// The information system's name, printed on acts of destruction (order No. 179).
    pub information_system: String,
}

/// The clinic's details as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClinicInput {
    pub name: String,
    pub inn: String,
    pub ogrn: String,
    pub legal_address: Option<String>,
    pub postal_address: Option<String>,
    pub withdrawal_email: Option<String>,
    pub phone: Option<String>,
    pub processor_name: Option<String>,
    pub processor_address: Option<String>,
    pub information_system: Option<String>,
}

/// Which field of the clinic's details is wrong, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ClinicError {
    #[error("the clinic's {0} is required")]
    Required(ClinicField),
    #[error("the clinic's {0} is longer than {TEXT_MAX} characters")]
    TooLong(ClinicField),
    #[error("the clinic's {0} has a bad format")]
    BadFormat(ClinicField),
    #[error("the clinic's {0} has a wrong check digit")]
    BadChecksum(ClinicField),
    /// A control character or a bidirectional override (see [`crate::text`]): the details are
    /// printed on every form and shown in terminals.
    #[error("the clinic's {0} contains a control character or a bidirectional override")]
    BadCharacter(ClinicField),
    /// A character the forms' font has no glyph for (see [`ClinicDetails::check_printable`]).
    #[error("the clinic's {field} contains U+{code:04X}, which the forms cannot print", field = .0, code = *.1 as u32)]
    Unprintable(ClinicField, char),
}

impl ClinicError {
    pub fn code(&self) -> &'static str {
        match self {
            ClinicError::Required(_) => "clinic_required",
            ClinicError::TooLong(_) => "clinic_too_long",
            ClinicError::BadFormat(_) => "clinic_bad_format",
            ClinicError::BadChecksum(_) => "clinic_bad_checksum",
            ClinicError::BadCharacter(_) => "clinic_bad_character",
            ClinicError::Unprintable(..) => "clinic_unprintable",
        }
    }

    pub fn field(&self) -> ClinicField {
        match *self {
            ClinicError::Required(f)
            | ClinicError::TooLong(f)
            | ClinicError::BadFormat(f)
            | ClinicError::BadChecksum(f)
            | ClinicError::BadCharacter(f)
            | ClinicError::Unprintable(f, _) => f,
        }
    }
}

/// A field of [`ClinicInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClinicField {
    Name,
    Inn,
    Ogrn,
    LegalAddress,
    PostalAddress,
    WithdrawalEmail,
    Phone,
    Processor,
    InformationSystem,
}

impl ClinicField {
    pub fn as_str(self) -> &'static str {
        match self {
            ClinicField::Name => "name",
            ClinicField::Inn => "inn",
            ClinicField::Ogrn => "ogrn",
            ClinicField::LegalAddress => "legal_address",
            ClinicField::PostalAddress => "postal_address",
            ClinicField::WithdrawalEmail => "withdrawal_email",
            ClinicField::Phone => "phone",
            ClinicField::Processor => "processor",
            ClinicField::InformationSystem => "information_system",
        }
    }
}

impl fmt::Display for ClinicField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn text(value: &str, field: ClinicField) -> Result<String, ClinicError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(ClinicError::Required(field));
    }
    if value.chars().count() > TEXT_MAX {
        return Err(ClinicError::TooLong(field));
    }
    if crate::text::check_stored_text(&value).is_err() {
        return Err(ClinicError::BadCharacter(field));
    }
    Ok(value)
}

fn or_default(value: &Option<String>, default: &str) -> String {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or(default)
        .to_owned()
}

fn digits(text: &str) -> Option<Vec<u64>> {
    text.chars()
        .map(|c| c.to_digit(10).map(u64::from))
        .collect()
}

fn weighted(digits: &[u64], weights: &[u64]) -> u64 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u64>() % 11 % 10
}

/// ИНН check digits (the Federal Tax Service's algorithm): 10 digits with one check digit for an
/// organisation, 12 with two for a person or an individual entrepreneur.
pub fn valid_inn(inn: &str) -> bool {
    const W10: [u64; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u64; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u64; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    match digits(inn) {
        Some(d) if d.len() == 10 => weighted(&d[..9], &W10) == d[9],
        Some(d) if d.len() == 12 => {
            weighted(&d[..10], &W11) == d[10] && weighted(&d[..11], &W12) == d[11]
        }
        _ => false,
    }
}

/// ОГРН (13 digits: the first 12 mod 11, mod 10, is the last) or ОГРНИП (15 digits: the first 14
/// mod 13, mod 10).
pub fn valid_ogrn(ogrn: &str) -> bool {
    let Some(d) = digits(ogrn) else {
        return false;
    };
    let (body, modulus) = match d.len() {
        13 => (&d[..12], 11),
        15 => (&d[..14], 13),
        _ => return false,
    };
    let remainder = body
        .iter()
        .fold(0u64, |acc, digit| (acc * 10 + digit) % modulus);
    d.last().is_some_and(|last| remainder % 10 == *last)
}

impl ClinicDetails {
    /// Refuses details with a character `printable` says the forms cannot draw. They are printed on
    /// every form, so one such character would stop every print until corrected; the forms crate
    /// knows its fonts' coverage, so the check is given to this rule rather than made here.
    pub fn check_printable(&self, printable: impl Fn(char) -> bool) -> Result<(), ClinicError> {
        let processor = self.processor.as_ref();
        let texts = [
            (ClinicField::Name, Some(self.name.as_str())),
            (ClinicField::LegalAddress, Some(self.legal_address.as_str())),
            (
                ClinicField::PostalAddress,
                Some(self.postal_address.as_str()),
            ),
            (
                ClinicField::WithdrawalEmail,
                Some(self.withdrawal_email.as_str()),
            ),
            (ClinicField::Phone, self.phone.as_deref()),
            (ClinicField::Processor, processor.map(|p| p.name.as_str())),
            (
                ClinicField::Processor,
                processor.map(|p| p.address.as_str()),
            ),
            (
                ClinicField::InformationSystem,
                Some(self.information_system.as_str()),
            ),
        ];
        for (field, text) in texts {
            if let Some(c) = text.and_then(|t| t.chars().find(|c| !printable(*c))) {
                return Err(ClinicError::Unprintable(field, c));
            }
        }
        Ok(())
    }

    /// Validates what was typed; the address and e-mail default to the policy's.
    pub fn validate(input: &ClinicInput) -> Result<ClinicDetails, ClinicError> {
        let name = text(&input.name, ClinicField::Name)?;
        let inn: String = input.inn.chars().filter(|c| !c.is_whitespace()).collect();
        if inn.is_empty() {
            return Err(ClinicError::Required(ClinicField::Inn));
        }
        if inn.len() != 10 || !inn.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ClinicError::BadFormat(ClinicField::Inn));
        }
        if !valid_inn(&inn) {
            return Err(ClinicError::BadChecksum(ClinicField::Inn));
        }
        let ogrn: String = input.ogrn.chars().filter(|c| !c.is_whitespace()).collect();
        if ogrn.is_empty() {
            return Err(ClinicError::Required(ClinicField::Ogrn));
        }
        if ogrn.len() != 13 || !ogrn.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ClinicError::BadFormat(ClinicField::Ogrn));
        }
        if !valid_ogrn(&ogrn) {
            return Err(ClinicError::BadChecksum(ClinicField::Ogrn));
        }
        let legal_address = text(
            &or_default(&input.legal_address, POLICY_ADDRESS),
            ClinicField::LegalAddress,
        )?;
        let postal_address = text(
            &or_default(&input.postal_address, &legal_address),
            ClinicField::PostalAddress,
        )?;
        let withdrawal_email = text(
            &or_default(&input.withdrawal_email, POLICY_EMAIL),
            ClinicField::WithdrawalEmail,
        )?;
        let at = withdrawal_email.find('@');
        if !matches!(at, Some(i) if i > 0 && withdrawal_email[i + 1..].contains('.'))
            || withdrawal_email.contains(' ')
        {
            return Err(ClinicError::BadFormat(ClinicField::WithdrawalEmail));
        }
        let phone = match input
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(text(p, ClinicField::Phone)?),
            None => None,
        };
        let processor = match (
            input
                .processor_name
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            input
                .processor_address
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        ) {
            (None, None) => None,
            (Some(name), Some(address)) => Some(Processor {
                name: text(name, ClinicField::Processor)?,
                address: text(address, ClinicField::Processor)?,
            }),
            // A processor is named with its address (Art. 9 p. 4 item 6), or not at all.
            _ => return Err(ClinicError::Required(ClinicField::Processor)),
        };
        let information_system = text(
            &or_default(&input.information_system, "Consent Desk"),
            ClinicField::InformationSystem,
        )?;
        Ok(ClinicDetails {
            name,
            inn,
            ogrn,
            legal_address,
            postal_address,
            withdrawal_email,
            phone,
            processor,
            information_system,
        })
    }

    /// The details back as a form, for editing.
    pub fn to_input(&self) -> ClinicInput {
        ClinicInput {
            name: self.name.clone(),
            inn: self.inn.clone(),
            ogrn: self.ogrn.clone(),
            legal_address: Some(self.legal_address.clone()),
            postal_address: Some(self.postal_address.clone()),
            withdrawal_email: Some(self.withdrawal_email.clone()),
            phone: self.phone.clone(),
            processor_name: self.processor.as_ref().map(|p| p.name.clone()),
            processor_address: self.processor.as_ref().map(|p| p.address.clone()),
            information_system: Some(self.information_system.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ClinicInput {
        ClinicInput {
            name: "ООО «Клиника доктора Смирнова»".into(),
            // Real-format numbers with valid check digits (Sberbank's ИНН and ОГРН).
            inn: "7707083893".into(),
            ogrn: "1027700132195".into(),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_come_from_the_policy() {
        let clinic = ClinicDetails::validate(&input()).expect("valid");
        assert_eq!(clinic.legal_address, POLICY_ADDRESS);
        assert_eq!(clinic.postal_address, POLICY_ADDRESS);
        assert_eq!(clinic.withdrawal_email, POLICY_EMAIL);
        assert_eq!(clinic.processor, None);
        assert_eq!(ClinicDetails::validate(&clinic.to_input()), Ok(clinic));
    }

    #[test]
    fn every_printed_field_is_checked_for_printability() {
        // A stand-in for the forms' coverage: Cyrillic, Latin, digits and punctuation only.
        let printable =
            |c: char| c.is_ascii() || ('\u{0400}'..='\u{04FF}').contains(&c) || "«»№—".contains(c);
        let valid = ClinicDetails::validate(&input()).expect("valid");
        assert_eq!(valid.check_printable(printable), Ok(()));
        type Change = fn(&mut ClinicInput);
        let cases: Vec<(ClinicField, Change)> = vec![
            (ClinicField::Name, |i| i.name = "Клиника 李".into()),
            (ClinicField::LegalAddress, |i| {
                i.legal_address = Some("г. Иваново, ул. Ленина, д. 1 ✓".into())
            }),
            (ClinicField::PostalAddress, |i| {
                i.postal_address = Some("а/я 5 ☎".into())
            }),
            (ClinicField::Phone, |i| {
                i.phone = Some("+7 4932 00-00-00 ☎".into())
            }),
            (ClinicField::Processor, |i| {
                i.processor_name = Some("ООО «Обработчик» 李".into());
                i.processor_address = Some("г. Москва".into());
            }),
            (ClinicField::InformationSystem, |i| {
                i.information_system = Some("МИС «Ω»".into())
            }),
        ];
        for (field, change) in cases {
            let mut typed = input();
            change(&mut typed);
            let clinic = ClinicDetails::validate(&typed).expect("valid apart from printing");
            let refused = clinic.check_printable(printable).expect_err("unprintable");
            assert_eq!(
                (refused.field(), refused.code()),
                (field, "clinic_unprintable")
            );
        }
    }

    #[test]
    fn check_digits_and_formats() {
        type Change = fn(&mut ClinicInput);
        let cases: Vec<(&str, Change, Option<&str>)> = vec![
            ("valid", |_| {}, None),
            ("no name", |i| i.name = "  ".into(), Some("clinic_required")),
            (
                "inn with a wrong check digit",
                |i| i.inn = "7707083894".into(),
                Some("clinic_bad_checksum"),
            ),
            (
                "inn of 12 digits",
                |i| i.inn = "770708389312".into(),
                Some("clinic_bad_format"),
            ),
            (
                "inn with letters",
                |i| i.inn = "77070838a3".into(),
                Some("clinic_bad_format"),
            ),
            (
                "ogrn wrong check digit",
                |i| i.ogrn = "1027700132196".into(),
                Some("clinic_bad_checksum"),
            ),
            (
                "ogrn too short",
                |i| i.ogrn = "102770013219".into(),
                Some("clinic_bad_format"),
            ),
            (
                "bad e-mail",
                |i| i.withdrawal_email = Some("klinika at mail".into()),
                Some("clinic_bad_format"),
            ),
            (
                "processor without an address",
                |i| i.processor_name = Some("ООО «Облако»".into()),
                Some("clinic_required"),
            ),
            (
                "escape in the name",
                |i| i.name = "ООО «Клиника»\u{1b}[2J".into(),
                Some("clinic_bad_character"),
            ),
            (
                "bell in the phone",
                |i| i.phone = Some("+7 4932 00-00-00\u{7}".into()),
                Some("clinic_bad_character"),
            ),
            (
                "C1 control in the legal address",
                |i| i.legal_address = Some("г. Иваново\u{9b}2J".into()),
                Some("clinic_bad_character"),
            ),
            (
                "DEL in the postal address",
                |i| i.postal_address = Some("г. Иваново\u{7f}".into()),
                Some("clinic_bad_character"),
            ),
            (
                "override in the name",
                |i| i.name = "ООО \u{202e}акинилК".into(),
                Some("clinic_bad_character"),
            ),
            (
                "isolate in the processor's name",
                |i| {
                    i.processor_name = Some("\u{2068}ООО «Облако»\u{2069}".into());
                    i.processor_address = Some("г. Москва".into());
                },
                Some("clinic_bad_character"),
            ),
            (
                "a line break is squashed, not refused",
                |i| i.name = "ООО\n«Клиника»".into(),
                None,
            ),
            (
                "name too long",
                |i| i.name = "я".repeat(TEXT_MAX + 1),
                Some("clinic_too_long"),
            ),
        ];
        for (name, change, expected) in cases {
            let mut i = input();
            change(&mut i);
            let result = ClinicDetails::validate(&i);
            assert_eq!(
                result.as_ref().err().map(ClinicError::code),
                expected,
                "{name}"
            );
        }
    }
}
