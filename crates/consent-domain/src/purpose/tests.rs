use std::borrow::Cow;

use crate::dates::date;
use chrono::NaiveDate;

use super::text::has_cyrillic;
use super::*;

fn policy(id: &'static str, effective_from: NaiveDate) -> PolicyVersion {
    PolicyVersion::new(PolicyVersionId::parse(id).unwrap(), effective_from)
}

fn builtin_purpose(code: &PurposeCode) -> Purpose {
    Catalogue::builtin().get(code).unwrap().clone()
}

/// A purpose for new policy editions in tests: consent-based, optional, valid as it stands.
fn extra_purpose(code: &'static str, item: &'static str) -> Purpose {
    Purpose {
        code: PurposeCode::parse(code).unwrap(),
        item: PolicyItem::parse(item).unwrap(),
        title: LocalizedText::from_static("Второе мнение", "Second opinion"),
        description: LocalizedText::from_static(
            "Мы передаём ваши результаты другому врачу по вашей просьбе.",
            "We pass your results to another doctor at your request.",
        ),
        legal_ground: LegalGround::Consent,
        necessity: Necessity::Optional,
        may_preselect: false,
        data: Cow::Owned(vec![DataCategory::FullName, DataCategory::HealthData]),
        needs_dissemination_consent: false,
    }
}

fn next_edition() -> CatalogueBuilder {
    Catalogue::builtin().revise(policy("2025-03", date(2025, 3, 1)))
}

#[test]
fn builtin_has_the_nine_policy_purposes_in_order() {
    let catalogue = Catalogue::builtin();
    let expected = [
        ("2.2.1", "identification"),
        ("2.2.2", "personal_account"),
        ("2.2.3", "feedback"),
        ("2.2.4", "fraud_prevention_location"),
        ("2.2.5", "data_verification"),
        ("2.2.6", "medical_account"),
        ("2.2.7", "notifications"),
        ("2.2.8", "support"),
        ("2.2.9", "advertising"),
    ];
    let actual: Vec<(&str, &str)> = catalogue
        .iter()
        .map(|p| (p.item.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(catalogue.len(), 9);
    assert!(!catalogue.is_empty());
    assert_eq!(catalogue.policy().id().as_str(), "2024-01");
}

#[test]
fn builtin_passes_validation_unchanged() {
    // Rebuilding through the builder validates and re-sorts: equality proves the static data is valid and
    // already in policy order.
    let builtin = Catalogue::builtin();
    let rebuilt = builtin.revise(builtin.policy().clone()).build();
    assert_eq!(rebuilt.as_ref(), Ok(builtin));
}

#[test]
fn builtin_grounds_and_form_flags() {
    use DataCategory::HealthData;
    use LegalGround::*;
    use Necessity::*;
    // (code, ground, necessity, may pre-select, needs health data)
    let expected = [
        (PurposeCode::IDENTIFICATION, Contract, Required, true, false),
        (
            PurposeCode::PERSONAL_ACCOUNT,
            Consent,
            Optional,
            false,
            true,
        ),
        (PurposeCode::FEEDBACK, Contract, Required, true, false),
        (
            PurposeCode::FRAUD_PREVENTION_LOCATION,
            LegitimateInterests,
            Required,
            true,
            false,
        ),
        (
            PurposeCode::DATA_VERIFICATION,
            Contract,
            Required,
            true,
            false,
        ),
        (
            PurposeCode::MEDICAL_ACCOUNT,
            MedicalPurposes,
            Required,
            true,
            true,
        ),
        (PurposeCode::NOTIFICATIONS, Consent, Optional, false, false),
        (PurposeCode::SUPPORT, Contract, Required, true, false),
        (PurposeCode::ADVERTISING, Consent, Optional, false, false),
    ];
    assert_eq!(expected.len(), Catalogue::builtin().len());
    for (code, ground, necessity, preselect, health) in expected {
        let p = builtin_purpose(&code);
        assert_eq!(p.legal_ground, ground, "{code}");
        assert_eq!(p.necessity, necessity, "{code}");
        assert_eq!(p.may_preselect, preselect, "{code}");
        assert_eq!(p.needs(HealthData), health, "{code}");
        assert_eq!(p.involves_special_category(), health, "{code}");
        assert!(!p.needs_dissemination_consent, "{code}");
    }
}

#[test]
fn advertising_is_consent_based_optional_and_never_preselected() {
    let ads = builtin_purpose(&PurposeCode::ADVERTISING);
    assert_eq!(ads.item.as_str(), "2.2.9");
    assert!(ads.legal_ground.is_consent());
    assert!(ads.stops_on_withdrawal());
    assert_eq!(ads.necessity, Necessity::Optional);
    assert!(!ads.may_preselect);
}

#[test]
fn withdrawal_stops_exactly_the_consent_based_purposes() {
    // LEGAL.md §1: a withdrawal stops advertising, notifications and the account; the medical record stays.
    let stopping: Vec<&str> = Catalogue::builtin()
        .iter()
        .filter(|p| p.stops_on_withdrawal())
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(
        stopping,
        ["personal_account", "notifications", "advertising"]
    );
    assert!(!builtin_purpose(&PurposeCode::MEDICAL_ACCOUNT).stops_on_withdrawal());
}

#[test]
fn every_purpose_speaks_both_languages() {
    for p in Catalogue::builtin() {
        for text in [&p.title, &p.description] {
            assert!(!text.ru().trim().is_empty(), "{}", p.code);
            assert!(!text.en().trim().is_empty(), "{}", p.code);
            assert!(has_cyrillic(text.ru()), "{}: {}", p.code, text.ru());
            assert!(!has_cyrillic(text.en()), "{}: {}", p.code, text.en());
        }
    }
}

#[test]
fn builtin_lists_every_action_and_both_methods() {
    let catalogue = Catalogue::builtin();
    assert_eq!(catalogue.actions(), ProcessingAction::ALL);
    assert_eq!(catalogue.methods(), ProcessingMethod::ALL);
}

#[test]
fn lookups() {
    let catalogue = Catalogue::builtin();
    // (by code, by item, expected code)
    let cases: [(Option<&str>, Option<&str>, Option<&str>); 9] = [
        (Some("advertising"), None, Some("advertising")),
        (Some("identification"), None, Some("identification")),
        (Some("Advertising"), None, None),
        (Some(""), None, None),
        (None, Some("2.2.4"), Some("fraud_prevention_location")),
        (None, Some("2.2.9"), Some("advertising")),
        (None, Some("2.2.10"), None),
        (None, Some("2.2"), None),
        (None, Some(" 2.2.1"), None),
    ];
    for (code, item, expected) in cases {
        let found = match (code, item) {
            (Some(code), _) => catalogue.by_code(code),
            (None, Some(item)) => catalogue.by_item(item),
            (None, None) => None,
        };
        assert_eq!(
            found.map(|p| p.code.as_str()),
            expected,
            "{code:?} {item:?}"
        );
    }
    assert_eq!(
        catalogue
            .get(&PurposeCode::SUPPORT)
            .map(|p| p.item.as_str()),
        Some("2.2.8")
    );
}

type Edit = Box<dyn Fn(CatalogueBuilder) -> CatalogueBuilder>;

/// Replaces a built-in purpose with an edited copy.
fn tweak(code: PurposeCode, edit: impl Fn(&mut Purpose) + 'static) -> Edit {
    Box::new(move |builder| {
        let mut purpose = builtin_purpose(&code);
        edit(&mut purpose);
        builder.remove_purpose(&code).add_purpose(purpose)
    })
}

fn ads() -> PurposeCode {
    PurposeCode::ADVERTISING
}

#[test]
fn validation_errors() {
    use CatalogueError as E;
    use TextField::{Description, Title};
    let cases: Vec<(&str, Edit, CatalogueError, &str)> = vec![
        (
            "no purposes",
            Box::new(|_| {
                CatalogueBuilder::new(policy("2025-03", date(2025, 3, 1)))
                    .actions(ProcessingAction::ALL)
                    .methods(ProcessingMethod::ALL)
            }),
            E::NoPurposes,
            "no_purposes",
        ),
        (
            "bad policy version id",
            Box::new(|_| {
                Catalogue::builtin().revise(PolicyVersion::from_static("2025 03", date(2025, 3, 1)))
            }),
            E::Format(FormatError::PolicyVersionId("2025 03".into())),
            "invalid_policy_version_id",
        ),
        (
            "bad purpose code",
            tweak(ads(), |p| p.code = PurposeCode::from_static("Ads")),
            E::Format(FormatError::PurposeCode("Ads".into())),
            "invalid_purpose_code",
        ),
        (
            "bad policy item",
            tweak(ads(), |p| p.item = PolicyItem::from_static("2.2.x")),
            E::Format(FormatError::PolicyItem("2.2.x".into())),
            "invalid_policy_item",
        ),
        (
            "same code twice",
            Box::new(|b| {
                let mut copy = builtin_purpose(&ads());
                copy.item = PolicyItem::parse("2.2.10").unwrap();
                b.add_purpose(copy)
            }),
            E::DuplicatePurposeCode { code: ads() },
            "duplicate_purpose_code",
        ),
        (
            "same item twice",
            Box::new(|b| b.add_purpose(extra_purpose("second_opinion", "2.2.9"))),
            E::DuplicatePolicyItem {
                item: PolicyItem::parse("2.2.9").unwrap(),
            },
            "duplicate_policy_item",
        ),
        (
            "empty Russian title",
            tweak(ads(), |p| p.title = LocalizedText::new("", "Advertising")),
            E::MissingRussianText {
                code: ads(),
                field: Title,
            },
            "missing_russian_text",
        ),
        (
            "blank English title",
            tweak(ads(), |p| p.title = LocalizedText::new("Реклама", "  ")),
            E::MissingEnglishText {
                code: ads(),
                field: Title,
            },
            "missing_english_text",
        ),
        (
            "blank Russian description",
            tweak(ads(), |p| {
                p.description = LocalizedText::new("\n", "Offers.")
            }),
            E::MissingRussianText {
                code: ads(),
                field: Description,
            },
            "missing_russian_text",
        ),
        (
            "empty English description",
            tweak(ads(), |p| p.description = LocalizedText::new("Акции.", "")),
            E::MissingEnglishText {
                code: ads(),
                field: Description,
            },
            "missing_english_text",
        ),
        (
            "languages swapped",
            tweak(ads(), |p| {
                p.title = LocalizedText::new("Advertising", "Реклама")
            }),
            E::RussianTextNotCyrillic {
                code: ads(),
                field: Title,
            },
            "russian_text_not_cyrillic",
        ),
        (
            "Cyrillic in English description",
            tweak(ads(), |p| {
                p.description = LocalizedText::new("Акции.", "Акции.")
            }),
            E::EnglishTextCyrillic {
                code: ads(),
                field: Description,
            },
            "english_text_cyrillic",
        ),
        (
            "no data categories",
            tweak(ads(), |p| p.data = Cow::Owned(Vec::new())),
            E::NoDataCategories { code: ads() },
            "no_data_categories",
        ),
        (
            "data category twice",
            tweak(ads(), |p| {
                p.data = Cow::Owned(vec![
                    DataCategory::Phone,
                    DataCategory::Email,
                    DataCategory::Phone,
                ])
            }),
            E::DuplicateDataCategory {
                code: ads(),
                category: DataCategory::Phone,
            },
            "duplicate_data_category",
        ),
        (
            "advertising made required",
            tweak(ads(), |p| p.necessity = Necessity::Required),
            E::RequiredOnConsent { code: ads() },
            "required_purpose_on_consent",
        ),
        (
            "advertising pre-selected",
            tweak(ads(), |p| p.may_preselect = true),
            E::ConsentPreselected { code: ads() },
            "consent_purpose_preselected",
        ),
        (
            "notifications pre-selected",
            tweak(PurposeCode::NOTIFICATIONS, |p| p.may_preselect = true),
            E::ConsentPreselected {
                code: PurposeCode::NOTIFICATIONS,
            },
            "consent_purpose_preselected",
        ),
        (
            "health data on a contract",
            tweak(PurposeCode::FEEDBACK, |p| {
                p.data = Cow::Owned(vec![DataCategory::FullName, DataCategory::HealthData])
            }),
            E::SpecialCategoryWithoutGround {
                code: PurposeCode::FEEDBACK,
                ground: LegalGround::Contract,
            },
            "special_category_without_ground",
        ),
        (
            "health data on legitimate interests",
            tweak(PurposeCode::FRAUD_PREVENTION_LOCATION, |p| {
                p.data = Cow::Owned(vec![DataCategory::HealthData])
            }),
            E::SpecialCategoryWithoutGround {
                code: PurposeCode::FRAUD_PREVENTION_LOCATION,
                ground: LegalGround::LegitimateInterests,
            },
            "special_category_without_ground",
        ),
        (
            "dissemination consent on a contract purpose",
            tweak(PurposeCode::IDENTIFICATION, |p| {
                p.needs_dissemination_consent = true
            }),
            E::DisseminationWithoutConsent {
                code: PurposeCode::IDENTIFICATION,
            },
            "dissemination_without_consent",
        ),
        (
            "no actions",
            Box::new(|b| b.actions([])),
            E::NoProcessingActions,
            "no_processing_actions",
        ),
        (
            "action twice",
            Box::new(|b| {
                b.actions([
                    ProcessingAction::Collection,
                    ProcessingAction::Storage,
                    ProcessingAction::Collection,
                ])
            }),
            E::DuplicateProcessingAction {
                action: ProcessingAction::Collection,
            },
            "duplicate_processing_action",
        ),
        (
            "no methods",
            Box::new(|b| b.methods([])),
            E::NoProcessingMethods,
            "no_processing_methods",
        ),
        (
            "method twice",
            Box::new(|b| b.methods([ProcessingMethod::Automated, ProcessingMethod::Automated])),
            E::DuplicateProcessingMethod {
                method: ProcessingMethod::Automated,
            },
            "duplicate_processing_method",
        ),
        (
            "removing a purpose that is not there",
            Box::new(|b| b.remove_purpose(&PurposeCode::parse("newsletter").unwrap())),
            E::RemovedUnknownPurpose {
                code: PurposeCode::parse("newsletter").unwrap(),
            },
            "removed_unknown_purpose",
        ),
    ];
    for (name, edit, expected, code) in cases {
        let err = edit(next_edition()).build().expect_err(name);
        assert_eq!(err, expected, "{name}");
        assert_eq!(err.code(), code, "{name}");
        let message = err.to_string();
        assert!(
            !message.is_empty() && !has_cyrillic(&message),
            "{name}: {message}"
        );
    }
}

#[test]
fn valid_variations_build() {
    let cases: Vec<(&str, Edit)> = vec![
        ("unchanged", Box::new(|b| b)),
        (
            "dissemination consent on a consent purpose",
            tweak(ads(), |p| p.needs_dissemination_consent = true),
        ),
        (
            "health data under consent",
            tweak(PurposeCode::NOTIFICATIONS, |p| {
                p.data = Cow::Owned(vec![DataCategory::Phone, DataCategory::HealthData])
            }),
        ),
        (
            "optional purpose on another ground, pre-selected",
            tweak(PurposeCode::SUPPORT, |p| p.necessity = Necessity::Optional),
        ),
        (
            "required purpose not pre-selected",
            tweak(PurposeCode::FEEDBACK, |p| p.may_preselect = false),
        ),
        (
            "a purpose removed",
            Box::new(|b| b.remove_purpose(&PurposeCode::ADVERTISING)),
        ),
    ];
    for (name, edit) in cases {
        assert!(edit(next_edition()).build().is_ok(), "{name}");
    }
}

#[test]
fn a_new_edition_orders_purposes_by_item_and_leaves_the_old_one_alone() {
    let next = next_edition()
        .add_purpose(extra_purpose("second_opinion", "2.2.10"))
        .add_purpose(extra_purpose("telemedicine", "2.2.4.1"))
        .remove_purpose(&PurposeCode::SUPPORT)
        .build()
        .unwrap();
    let items: Vec<&str> = next.iter().map(|p| p.item.as_str()).collect();
    assert_eq!(
        items,
        [
            "2.2.1", "2.2.2", "2.2.3", "2.2.4", "2.2.4.1", "2.2.5", "2.2.6", "2.2.7", "2.2.9",
            "2.2.10"
        ]
    );
    assert_eq!(next.policy().id().as_str(), "2025-03");
    assert!(next.get(&PurposeCode::SUPPORT).is_none());

    let old = Catalogue::builtin();
    assert_eq!(old.len(), 9);
    assert!(old.get(&PurposeCode::SUPPORT).is_some());
    assert!(old.by_code("second_opinion").is_none());
}

#[test]
fn history_resolves_versions_and_dates() {
    let next = next_edition()
        .remove_purpose(&PurposeCode::ADVERTISING)
        .build()
        .unwrap();
    // Given newest first on purpose: the history orders by date.
    let history = CatalogueHistory::new(vec![next, Catalogue::builtin().clone()]).unwrap();

    let cases = [
        (date(2023, 12, 31), None),
        (date(2024, 1, 1), Some("2024-01")),
        (date(2025, 2, 28), Some("2024-01")),
        (date(2025, 3, 1), Some("2025-03")),
        (date(2030, 6, 15), Some("2025-03")),
    ];
    for (day, expected) in cases {
        let found = history.in_force_on(day).map(|c| c.policy().id().as_str());
        assert_eq!(found, expected, "{day}");
    }

    let ids: Vec<&str> = history
        .versions()
        .iter()
        .map(|c| c.policy().id().as_str())
        .collect();
    assert_eq!(ids, ["2024-01", "2025-03"]);
    assert_eq!(history.latest().policy().id().as_str(), "2025-03");
    // A consent given under 2024-01 still finds advertising there.
    let old = history.by_version("2024-01").unwrap();
    assert!(old.get(&PurposeCode::ADVERTISING).is_some());
    assert!(
        history
            .by_version("2025-03")
            .unwrap()
            .get(&PurposeCode::ADVERTISING)
            .is_none()
    );
    assert!(history.by_version("2023-01").is_none());

    let builtin = CatalogueHistory::builtin();
    assert_eq!(builtin.latest(), Catalogue::builtin());
    assert_eq!(builtin.versions().len(), 1);
}

#[test]
fn history_errors() {
    let edition = |id: &'static str, day: NaiveDate| {
        Catalogue::builtin()
            .revise(policy(id, day))
            .build()
            .unwrap()
    };
    let cases = [
        (Vec::new(), HistoryError::Empty, "policy_history_empty"),
        (
            vec![
                edition("2024-01", date(2024, 1, 1)),
                edition("2024-01", date(2025, 1, 1)),
            ],
            HistoryError::DuplicateVersion {
                id: PolicyVersionId::parse("2024-01").unwrap(),
            },
            "duplicate_policy_version",
        ),
        (
            vec![
                edition("2025-b", date(2025, 5, 1)),
                edition("2024-01", date(2024, 1, 1)),
                edition("2025-a", date(2025, 5, 1)),
            ],
            HistoryError::SameEffectiveDate {
                date: date(2025, 5, 1),
                first: PolicyVersionId::parse("2025-b").unwrap(),
                second: PolicyVersionId::parse("2025-a").unwrap(),
            },
            "policy_versions_same_date",
        ),
    ];
    for (versions, expected, code) in cases {
        let err = CatalogueHistory::new(versions).expect_err(code);
        assert_eq!(err, expected);
        assert_eq!(err.code(), code);
        assert!(!has_cyrillic(&err.to_string()));
    }
}

#[test]
fn necessity_texts() {
    for (necessity, code) in [
        (Necessity::Required, "required"),
        (Necessity::Optional, "optional"),
    ] {
        assert_eq!(necessity.code(), code);
        assert!(has_cyrillic(necessity.title_ru()));
        assert!(!necessity.title_en().is_empty() && !has_cyrillic(necessity.title_en()));
    }
}
