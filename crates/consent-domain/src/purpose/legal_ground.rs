//! The legal grounds on which the clinic processes personal data (152-FZ Art. 6 p. 1 and Art. 10 p. 2).
//!
//! The ground decides what a withdrawal of consent does to a purpose: processing on consent must stop,
//! processing on any other ground may go on (Art. 9 p. 2), and the withdrawal records which ground that is.

/// A legal ground for processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegalGround {
    /// The patient's consent: Art. 6 p. 1 item 1; for health data, written consent under Art. 10 p. 2
    /// item 1. Stops when the consent is withdrawn.
    Consent,
    /// Concluding or performing a contract the patient is a party to, or one concluded at the patient's
    /// initiative: Art. 6 p. 1 item 5.
    Contract,
    /// A duty that the law puts on the clinic: Art. 6 p. 1 item 2.
    LegalObligation,
    /// The clinic's legitimate interests, provided the patient's rights and freedoms are not violated:
    /// Art. 6 p. 1 item 7.
    LegitimateInterests,
    /// Medical and preventive purposes, diagnosis and medical services by persons bound by medical
    /// secrecy: Art. 10 p. 2 item 4. Covers health data without consent.
    MedicalPurposes,
}

impl LegalGround {
    /// Every ground, consent first.
    pub const ALL: [LegalGround; 5] = [
        LegalGround::Consent,
        LegalGround::Contract,
        LegalGround::LegalObligation,
        LegalGround::LegitimateInterests,
        LegalGround::MedicalPurposes,
    ];

    /// The grounds a purpose may go on after its consent is withdrawn (Art. 9 p. 2): every ground
    /// but consent, the one a clinic cites most first.
    pub const CONTINUING: [LegalGround; 4] = [
        LegalGround::MedicalPurposes,
        LegalGround::LegalObligation,
        LegalGround::Contract,
        LegalGround::LegitimateInterests,
    ];

    /// The ground with this code.
    pub fn from_code(code: &str) -> Option<LegalGround> {
        LegalGround::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The provision a withdrawal decision cites, in Russian: medical records go on under medical
    /// secrecy, which 323-FZ Art. 13 adds to 152-FZ Art. 10 p. 2 item 4 (LEGAL.md §1).
    pub fn decision_citation_ru(self) -> String {
        match self {
            LegalGround::MedicalPurposes => format!(
                "{}, ст. 13 Федерального закона № 323-ФЗ",
                self.citation_ru()
            ),
            _ => self.citation_ru().to_owned(),
        }
    }

    /// The same, in English.
    pub fn decision_citation_en(self) -> String {
        match self {
            LegalGround::MedicalPurposes => {
                format!("{}, Art. 13 of Federal Law No. 323-FZ", self.citation_en())
            }
            _ => self.citation_en().to_owned(),
        }
    }

    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            LegalGround::Consent => "consent",
            LegalGround::Contract => "contract",
            LegalGround::LegalObligation => "legal_obligation",
            LegalGround::LegitimateInterests => "legitimate_interests",
            LegalGround::MedicalPurposes => "medical_purposes",
        }
    }

    /// Whether processing rests on the patient's consent, and so stops when the consent is withdrawn.
    pub fn is_consent(self) -> bool {
        self == LegalGround::Consent
    }

    /// Whether the ground also allows processing health data (Art. 10 p. 2). The Art. 6 grounds alone
    /// do not: a contract or a legitimate interest never justifies processing a special category.
    pub fn covers_special_categories(self) -> bool {
        matches!(self, LegalGround::Consent | LegalGround::MedicalPurposes)
    }

    /// The ground in Russian, as printed on forms and in withdrawal decisions.
    pub fn title_ru(self) -> &'static str {
        match self {
            LegalGround::Consent => "согласие субъекта персональных данных",
            LegalGround::Contract => "исполнение договора, стороной которого является субъект",
            LegalGround::LegalObligation => {
                "исполнение обязанностей, возложенных законом на оператора"
            }
            LegalGround::LegitimateInterests => "законные интересы оператора",
            LegalGround::MedicalPurposes => {
                "медицинские цели, обработка лицом, обязанным сохранять врачебную тайну"
            }
        }
    }

    /// The ground in English.
    pub fn title_en(self) -> &'static str {
        match self {
            LegalGround::Consent => "consent of the data subject",
            LegalGround::Contract => {
                "performance of a contract to which the data subject is a party"
            }
            LegalGround::LegalObligation => "a duty imposed on the operator by law",
            LegalGround::LegitimateInterests => "legitimate interests of the operator",
            LegalGround::MedicalPurposes => {
                "medical purposes, processing by persons bound by medical secrecy"
            }
        }
    }

    /// The provision of 152-FZ, in Russian citation style.
    pub fn citation_ru(self) -> &'static str {
        match self {
            LegalGround::Consent => {
                "п. 1 ч. 1 ст. 6, п. 1 ч. 2 ст. 10 Федерального закона № 152-ФЗ"
            }
            LegalGround::Contract => "п. 5 ч. 1 ст. 6 Федерального закона № 152-ФЗ",
            LegalGround::LegalObligation => "п. 2 ч. 1 ст. 6 Федерального закона № 152-ФЗ",
            LegalGround::LegitimateInterests => "п. 7 ч. 1 ст. 6 Федерального закона № 152-ФЗ",
            LegalGround::MedicalPurposes => "п. 4 ч. 2 ст. 10 Федерального закона № 152-ФЗ",
        }
    }

    /// The provision of 152-FZ, in English.
    pub fn citation_en(self) -> &'static str {
        match self {
            LegalGround::Consent => {
                "Art. 6 p. 1 item 1, Art. 10 p. 2 item 1 of Federal Law No. 152-FZ"
            }
            LegalGround::Contract => "Art. 6 p. 1 item 5 of Federal Law No. 152-FZ",
            LegalGround::LegalObligation => "Art. 6 p. 1 item 2 of Federal Law No. 152-FZ",
            LegalGround::LegitimateInterests => "Art. 6 p. 1 item 7 of Federal Law No. 152-FZ",
            LegalGround::MedicalPurposes => "Art. 10 p. 2 item 4 of Federal Law No. 152-FZ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::purpose::text::has_cyrillic;

    #[test]
    fn a_withdrawn_purpose_never_continues_on_consent() {
        assert!(!LegalGround::CONTINUING.contains(&LegalGround::Consent));
        for ground in LegalGround::ALL {
            assert_eq!(LegalGround::from_code(ground.code()), Some(ground));
            assert_eq!(
                LegalGround::CONTINUING.contains(&ground),
                !ground.is_consent(),
                "{ground:?}"
            );
        }
        assert_eq!(LegalGround::from_code("medical"), None);
        let medical = LegalGround::MedicalPurposes.decision_citation_ru();
        assert!(
            medical.contains("ст. 10") && medical.contains("323-ФЗ"),
            "{medical}"
        );
        let contract = LegalGround::Contract.decision_citation_en();
        assert_eq!(contract, LegalGround::Contract.citation_en());
    }

    #[test]
    fn properties_per_ground() {
        // (ground, code, is_consent, covers special categories, English citation)
        let cases = [
            (
                LegalGround::Consent,
                "consent",
                true,
                true,
                "Art. 6 p. 1 item 1",
            ),
            (
                LegalGround::Contract,
                "contract",
                false,
                false,
                "Art. 6 p. 1 item 5",
            ),
            (
                LegalGround::LegalObligation,
                "legal_obligation",
                false,
                false,
                "Art. 6 p. 1 item 2",
            ),
            (
                LegalGround::LegitimateInterests,
                "legitimate_interests",
                false,
                false,
                "Art. 6 p. 1 item 7",
            ),
            (
                LegalGround::MedicalPurposes,
                "medical_purposes",
                false,
                true,
                "Art. 10 p. 2 item 4",
            ),
        ];
        assert_eq!(cases.len(), LegalGround::ALL.len());
        for (ground, code, consent, special, citation) in cases {
            assert_eq!(ground.code(), code);
            assert_eq!(ground.is_consent(), consent, "{ground:?}");
            assert_eq!(ground.covers_special_categories(), special, "{ground:?}");
            assert!(ground.citation_en().starts_with(citation), "{ground:?}");
        }
    }

    #[test]
    fn texts_are_in_their_language() {
        for ground in LegalGround::ALL {
            for ru in [ground.title_ru(), ground.citation_ru()] {
                assert!(has_cyrillic(ru), "{ground:?}: {ru}");
            }
            for en in [ground.title_en(), ground.citation_en()] {
                assert!(
                    !en.trim().is_empty() && !has_cyrillic(en),
                    "{ground:?}: {en}"
                );
            }
        }
    }
}
