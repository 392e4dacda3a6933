//! How values are written on Russian forms: dates, identity documents, authorities, names.

use chrono::{DateTime, FixedOffset, Timelike};
pub(crate) use consent_domain::dates::ru_date as date;
use consent_domain::patient::{Authority, AuthorityKind, DocumentKind, IdentityDocument, Phone};

use crate::texts::{FormTexts, TextKey};

/// `24.10.2025 09:30`, in the timestamp's own offset (the desk's local time).
pub(crate) fn date_time(at: DateTime<FixedOffset>) -> String {
    format!(
        "{} {:02}:{:02}",
        date(at.date_naive()),
        at.hour(),
        at.minute()
    )
}

/// A Russian number as people write it («+7 912 345-67-89»); other numbers as stored (E.164).
pub(crate) fn phone(phone: &Phone) -> String {
    let e164 = phone.to_string();
    let digits: Vec<char> = e164.chars().skip(2).collect();
    if e164.starts_with("+7") && digits.len() == 10 && digits.iter().all(char::is_ascii_digit) {
        let part = |range: std::ops::Range<usize>| digits[range].iter().collect::<String>();
        format!(
            "+7 {} {}-{}-{}",
            part(0..3),
            part(3..6),
            part(6..8),
            part(8..10)
        )
    } else {
        e164
    }
}

/// «паспорт гражданина Российской Федерации серия 2410 № 654321, выдан 01.04.2005 УМВД …, код
/// подразделения 370-001».
pub(crate) fn document(doc: &IdentityDocument, texts: &FormTexts) -> String {
    let kind = match doc.kind() {
        DocumentKind::RuPassport => TextKey::KindRuPassport,
        DocumentKind::RuBirthCertificate => TextKey::KindRuBirthCertificate,
        DocumentKind::ForeignPassport => TextKey::KindForeignPassport,
        DocumentKind::ResidencePermit => TextKey::KindResidencePermit,
        DocumentKind::Other => TextKey::KindOther,
    };
    let mut out = texts.get(kind).to_owned();
    if let Some(series) = doc.series() {
        out.push(' ');
        out.push_str(&texts.fill(TextKey::DocumentSeries, &[("series", series)]));
    }
    out.push(' ');
    out.push_str(&texts.fill(TextKey::DocumentNumber, &[("number", doc.number())]));
    out.push_str(", ");
    out.push_str(&texts.fill(
        TextKey::DocumentIssued,
        &[("date", &date(doc.issue_date())), ("issuer", doc.issuer())],
    ));
    if let Some(code) = doc.subdivision_code() {
        out.push_str(", ");
        out.push_str(&texts.fill(TextKey::DocumentSubdivision, &[("code", code)]));
    }
    out
}

/// «свидетельство о рождении ребёнка № IV-МЮ 123456 от 10.03.2015, выдан(а): Отдел ЗАГС …».
pub(crate) fn authority(authority: &Authority, texts: &FormTexts) -> String {
    let kind = match authority.kind() {
        AuthorityKind::ChildBirthCertificate => TextKey::AuthorityBirthCertificate,
        AuthorityKind::GuardianshipDecision => TextKey::AuthorityGuardianship,
        AuthorityKind::PowerOfAttorney => TextKey::AuthorityPowerOfAttorney,
        AuthorityKind::Other => TextKey::AuthorityOther,
    };
    let mut out = texts.get(kind).to_owned();
    if let Some(number) = authority.number() {
        out.push(' ');
        out.push_str(&texts.fill(TextKey::DocumentNumber, &[("number", number)]));
    }
    out.push(' ');
    out.push_str(&texts.fill(
        TextKey::AuthorityIssued,
        &[
            ("date", &date(authority.date())),
            ("issuer", authority.issuer()),
        ],
    ));
    out
}

/// «Иванова А. П.» from a free-text full name «Иванова Анна Петровна» (staff names are one string).
pub(crate) fn initials(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let Some(surname) = words.next() else {
        return String::new();
    };
    let mut out = surname.to_owned();
    for word in words {
        let initial: Vec<String> = word
            .split('-')
            .filter_map(|part| part.chars().next())
            .map(|c| format!("{}.", c.to_uppercase()))
            .collect();
        if !initial.is_empty() {
            out.push(' ');
            out.push_str(&initial.join("-"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use consent_domain::dates::{date, instant};

    use super::*;

    #[test]
    fn dates_read_the_russian_way() {
        assert_eq!(super::date(date(2025, 3, 8)), "08.03.2025");
        assert_eq!(
            date_time(instant("2025-10-24T09:05:00+03:00")),
            "24.10.2025 09:05"
        );
    }

    #[test]
    fn staff_names_become_initials() {
        let cases = [
            ("Иванова Анна Петровна", "Иванова А. П."),
            ("Smith John", "Smith J."),
            ("Петрова Анна-Мария", "Петрова А.-М."),
            ("Ёлкина", "Ёлкина"),
            ("  ", ""),
        ];
        for (full, short) in cases {
            assert_eq!(initials(full), short);
        }
    }
}
