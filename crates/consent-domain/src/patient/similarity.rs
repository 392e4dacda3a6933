//! When two patient records may be one person: the duplicate warning at registration.
//!
//! A receptionist registering a patient who is already in the desk's records makes two histories for
//! one data subject: a withdrawal recorded on one would leave the other's consents in force. So before
//! a new record is made, the records that look like the same person are shown. The rules are narrow on
//! purpose: namesakes are common, so a name alone is never enough.

use super::record::Patient;
use super::search_key;

/// Why two records look like one person, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Similarity {
    /// The same kind of identity document with the same series and number.
    SameDocument,
    /// The same surname, given name and birth date (ё = е, case ignored).
    SameNameAndBirthDate,
    /// The same phone number and birth date (a family member shares a phone, not a birthday).
    SamePhoneAndBirthDate,
}

impl Similarity {
    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Similarity::SameDocument => "same_document",
            Similarity::SameNameAndBirthDate => "same_name_and_birth_date",
            Similarity::SamePhoneAndBirthDate => "same_phone_and_birth_date",
        }
    }
}

/// The strongest reason to think `a` and `b` are one person, if any.
pub fn similarity(a: &Patient, b: &Patient) -> Option<Similarity> {
    let (da, db) = (a.document(), b.document());
    let document = |d: &super::IdentityDocument| {
        search_key::document_number(&format!("{}{}", d.series().unwrap_or_default(), d.number()))
    };
    if da.kind() == db.kind() && document(da) == document(db) {
        return Some(Similarity::SameDocument);
    }
    if a.birth_date() != b.birth_date() {
        return None;
    }
    let (na, nb) = (a.name(), b.name());
    if search_key::name(na.surname.as_str()) == search_key::name(nb.surname.as_str())
        && search_key::name(na.given_name.as_str()) == search_key::name(nb.given_name.as_str())
    {
        return Some(Similarity::SameNameAndBirthDate);
    }
    match (a.phone(), b.phone()) {
        (Some(pa), Some(pb)) if pa.digits() == pb.digits() => {
            Some(Similarity::SamePhoneAndBirthDate)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patient::{PatientInput, validate};
    use crate::testkit::{TODAY, patient_input};

    fn patient(change: impl FnOnce(&mut PatientInput)) -> Patient {
        let mut input = patient_input("Семёнов");
        change(&mut input);
        validate(&input, TODAY).expect("valid test patient")
    }

    #[test]
    fn rules_table() {
        type Change = fn(&mut PatientInput);
        let cases: [(&str, Change, Option<Similarity>); 8] = [
            ("identical", |_| {}, Some(Similarity::SameDocument)),
            (
                "document typed with spaces, different name",
                |p| {
                    p.surname = "Петров".into();
                    p.document.series = p.document.series.as_ref().map(|s| format!(" {s} "));
                },
                Some(Similarity::SameDocument),
            ),
            (
                "new passport, same name and birthday, ё for е",
                |p| {
                    p.document.number = "999999".into();
                    p.surname = p.surname.to_uppercase().replace('Е', "Ё");
                },
                Some(Similarity::SameNameAndBirthDate),
            ),
            (
                "new passport, another name, same phone and birthday",
                |p| {
                    p.document.number = "999999".into();
                    p.surname = "Сидоров".into();
                },
                Some(Similarity::SamePhoneAndBirthDate),
            ),
            (
                "namesake born another day, no phone",
                |p| {
                    p.document.number = "999999".into();
                    p.birth_date = "02.02.1980".into();
                    p.document.issue_date = "01.04.2005".into();
                    p.phone = None;
                    p.email = Some("semenov@example.ru".into());
                },
                None,
            ),
            (
                "same birthday, another name and phone",
                |p| {
                    p.document.number = "999999".into();
                    p.surname = "Сидоров".into();
                    p.phone = Some("+7 900 000-00-01".into());
                },
                None,
            ),
            (
                "same birthday and surname, another given name",
                |p| {
                    p.document.number = "999999".into();
                    p.given_name = "Павел".into();
                    p.phone = None;
                    p.email = Some("semenov@example.ru".into());
                },
                None,
            ),
            (
                "same number, another kind of document",
                |p| {
                    p.document.kind = "foreign_passport".into();
                    p.document.series = None;
                    p.document.number = "2410654321".into();
                    p.document.subdivision_code = None;
                    p.surname = "Сидоров".into();
                    p.phone = None;
                    p.email = Some("semenov@example.ru".into());
                },
                None,
            ),
        ];
        let base = patient(|_| {});
        for (name, change, expected) in cases {
            let other = patient(change);
            assert_eq!(similarity(&base, &other), expected, "{name}");
            assert_eq!(similarity(&other, &base), expected, "{name} (reversed)");
        }
    }
}
