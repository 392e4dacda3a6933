//! A version of the clinic's privacy policy, and the processing actions and methods it lists (policy 3.4),
//! which every consent form prints (152-FZ Art. 9 p. 4 item 7).

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use super::code::FormatError;

/// The id of a policy version, such as `2024-01`: what a consent stores to say which policy it was given
/// under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PolicyVersionId(Cow<'static, str>);

impl PolicyVersionId {
    const MAX_LEN: usize = 32;

    /// Checks and wraps an id.
    pub fn parse(id: impl Into<Cow<'static, str>>) -> Result<Self, FormatError> {
        let id = id.into();
        if Self::is_well_formed(&id) {
            Ok(Self(id))
        } else {
            Err(FormatError::PolicyVersionId(id.into_owned()))
        }
    }

    /// Unchecked: only for literals of this module, which the catalogue tests validate.
    pub(super) const fn from_static(id: &'static str) -> Self {
        Self(Cow::Borrowed(id))
    }

    pub(super) fn is_well_formed(id: &str) -> bool {
        let starts_alphanumeric = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        starts_alphanumeric
            && id.len() <= Self::MAX_LEN
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PolicyVersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One edition of the privacy policy.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyVersion {
    id: PolicyVersionId,
    effective_from: NaiveDate,
}

impl PolicyVersion {
    /// A policy version in force from `effective_from` (policy 7.2: from publication, unless the new
    /// edition says otherwise, so the date is given, never assumed).
    pub fn new(id: PolicyVersionId, effective_from: NaiveDate) -> Self {
        Self { id, effective_from }
    }

    pub(super) const fn from_static(id: &'static str, effective_from: NaiveDate) -> Self {
        Self {
            id: PolicyVersionId::from_static(id),
            effective_from,
        }
    }

    /// The version id.
    pub fn id(&self) -> &PolicyVersionId {
        &self.id
    }

    /// The first day this version is in force.
    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

/// An action performed with personal data, as policy 3.4 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProcessingAction {
    /// Сбор.
    Collection,
    /// Запись.
    Recording,
    /// Систематизация.
    Systematisation,
    /// Накопление.
    Accumulation,
    /// Хранение.
    Storage,
    /// Уточнение (обновление, изменение).
    Clarification,
    /// Извлечение.
    Retrieval,
    /// Использование.
    Use,
    /// Передача (распространение, предоставление, доступ).
    Transfer,
    /// Обезличивание.
    Depersonalisation,
    /// Блокирование.
    Blocking,
    /// Удаление.
    Deletion,
    /// Уничтожение.
    Destruction,
}

impl ProcessingAction {
    /// Every action, in the order of policy 3.4.
    pub const ALL: [ProcessingAction; 13] = [
        ProcessingAction::Collection,
        ProcessingAction::Recording,
        ProcessingAction::Systematisation,
        ProcessingAction::Accumulation,
        ProcessingAction::Storage,
        ProcessingAction::Clarification,
        ProcessingAction::Retrieval,
        ProcessingAction::Use,
        ProcessingAction::Transfer,
        ProcessingAction::Depersonalisation,
        ProcessingAction::Blocking,
        ProcessingAction::Deletion,
        ProcessingAction::Destruction,
    ];

    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ProcessingAction::Collection => "collection",
            ProcessingAction::Recording => "recording",
            ProcessingAction::Systematisation => "systematisation",
            ProcessingAction::Accumulation => "accumulation",
            ProcessingAction::Storage => "storage",
            ProcessingAction::Clarification => "clarification",
            ProcessingAction::Retrieval => "retrieval",
            ProcessingAction::Use => "use",
            ProcessingAction::Transfer => "transfer",
            ProcessingAction::Depersonalisation => "depersonalisation",
            ProcessingAction::Blocking => "blocking",
            ProcessingAction::Deletion => "deletion",
            ProcessingAction::Destruction => "destruction",
        }
    }

    /// The action in the policy's own Russian wording.
    pub fn title_ru(self) -> &'static str {
        match self {
            ProcessingAction::Collection => "сбор",
            ProcessingAction::Recording => "запись",
            ProcessingAction::Systematisation => "систематизация",
            ProcessingAction::Accumulation => "накопление",
            ProcessingAction::Storage => "хранение",
            ProcessingAction::Clarification => "уточнение (обновление, изменение)",
            ProcessingAction::Retrieval => "извлечение",
            ProcessingAction::Use => "использование",
            ProcessingAction::Transfer => "передача (распространение, предоставление, доступ)",
            ProcessingAction::Depersonalisation => "обезличивание",
            ProcessingAction::Blocking => "блокирование",
            ProcessingAction::Deletion => "удаление",
            ProcessingAction::Destruction => "уничтожение",
        }
    }

    /// The action in English.
    pub fn title_en(self) -> &'static str {
        match self {
            ProcessingAction::Collection => "collection",
            ProcessingAction::Recording => "recording",
            ProcessingAction::Systematisation => "systematisation",
            ProcessingAction::Accumulation => "accumulation",
            ProcessingAction::Storage => "storage",
            ProcessingAction::Clarification => "clarification (updating, changing)",
            ProcessingAction::Retrieval => "retrieval",
            ProcessingAction::Use => "use",
            ProcessingAction::Transfer => "transfer (dissemination, provision, access)",
            ProcessingAction::Depersonalisation => "depersonalisation",
            ProcessingAction::Blocking => "blocking",
            ProcessingAction::Deletion => "deletion",
            ProcessingAction::Destruction => "destruction",
        }
    }
}

/// How the data are processed (policy 3.4: in information systems with or without automation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProcessingMethod {
    /// With the use of automation (the clinic's information systems, this application).
    Automated,
    /// Without the use of automation (paper records).
    NonAutomated,
}

impl ProcessingMethod {
    /// Both methods, in the order of policy 3.4.
    pub const ALL: [ProcessingMethod; 2] =
        [ProcessingMethod::Automated, ProcessingMethod::NonAutomated];

    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ProcessingMethod::Automated => "automated",
            ProcessingMethod::NonAutomated => "non_automated",
        }
    }

    /// The method in Russian.
    pub fn title_ru(self) -> &'static str {
        match self {
            ProcessingMethod::Automated => "с использованием средств автоматизации",
            ProcessingMethod::NonAutomated => "без использования средств автоматизации",
        }
    }

    /// The method in English.
    pub fn title_en(self) -> &'static str {
        match self {
            ProcessingMethod::Automated => "with the use of automation",
            ProcessingMethod::NonAutomated => "without the use of automation",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::purpose::text::has_cyrillic;

    #[test]
    fn actions_follow_policy_3_4_word_for_word() {
        // Policy 3.4, in its order.
        let expected = [
            "сбор",
            "запись",
            "систематизация",
            "накопление",
            "хранение",
            "уточнение (обновление, изменение)",
            "извлечение",
            "использование",
            "передача (распространение, предоставление, доступ)",
            "обезличивание",
            "блокирование",
            "удаление",
            "уничтожение",
        ];
        let actual: Vec<&str> = ProcessingAction::ALL.iter().map(|a| a.title_ru()).collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn actions_and_methods_have_unique_codes_and_both_languages() {
        let mut codes: Vec<&str> = ProcessingAction::ALL.iter().map(|a| a.code()).collect();
        codes.extend(ProcessingMethod::ALL.iter().map(|m| m.code()));
        let total = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), total);

        let texts = ProcessingAction::ALL
            .iter()
            .map(|a| (a.title_ru(), a.title_en()))
            .chain(
                ProcessingMethod::ALL
                    .iter()
                    .map(|m| (m.title_ru(), m.title_en())),
            );
        for (ru, en) in texts {
            assert!(has_cyrillic(ru), "{ru}");
            assert!(!en.trim().is_empty() && !has_cyrillic(en), "{en}");
        }
    }

    #[test]
    fn policy_version_id_format() {
        let long_ok = "v".repeat(32);
        let too_long = "v".repeat(33);
        let cases: [(&str, bool); 11] = [
            ("2024-01", true),
            ("2025.2", true),
            ("v3_final", true),
            ("A1", true),
            (&long_ok, true),
            (&too_long, false),
            ("", false),
            ("-2024", false),
            ("2024 01", false),
            ("2024/01", false),
            ("редакция-2", false),
        ];
        for (input, ok) in cases {
            let parsed = PolicyVersionId::parse(input.to_owned());
            assert_eq!(parsed.is_ok(), ok, "input {input:?}");
            if let Err(e) = parsed {
                assert_eq!(e.code(), "invalid_policy_version_id");
            }
        }
    }
}
