//! Purposes, the catalogue of one policy version, and the history of versions.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use super::code::{FormatError, PolicyItem, PurposeCode};
use super::data_category::DataCategory;
use super::legal_ground::LegalGround;
use super::policy::{PolicyVersion, PolicyVersionId, ProcessingAction, ProcessingMethod};
use super::text::{LocalizedText, has_cyrillic};

/// Whether the clinic can serve the patient without a purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Necessity {
    /// Needed to treat or serve the patient; the form shows it, but the patient cannot refuse it and still
    /// get the service.
    Required,
    /// The patient may grant or refuse it; refusing changes nothing about treatment.
    Optional,
}

impl Necessity {
    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Necessity::Required => "required",
            Necessity::Optional => "optional",
        }
    }

    /// As a form marks it, in Russian.
    pub fn title_ru(self) -> &'static str {
        match self {
            Necessity::Required => "обязательно для оказания услуг",
            Necessity::Optional => "по желанию пациента",
        }
    }

    /// As a form marks it, in English.
    pub fn title_en(self) -> &'static str {
        match self {
            Necessity::Required => "required to provide the services",
            Necessity::Optional => "at the patient's choice",
        }
    }
}

/// One purpose of processing, as one policy version states it.
///
/// Plain data: a `Purpose` is checked when a [`Catalogue`] is built from it, so a new policy edition can
/// write its purposes as struct literals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose {
    /// The stable slug that consents and withdrawals store.
    pub code: PurposeCode,
    /// The policy item that states the purpose (`2.2.1`); decides the order on forms.
    pub item: PolicyItem,
    /// The policy's wording, adapted to a clinic and its patients.
    pub title: LocalizedText,
    /// What the purpose means for the patient, in one or two plain sentences.
    pub description: LocalizedText,
    /// Why the clinic may process the data; decides what a withdrawal of consent does.
    pub legal_ground: LegalGround,
    /// Whether the patient can refuse the purpose and still be served.
    pub necessity: Necessity,
    /// Whether the form may show the purpose already ticked. Never for a consent-based purpose.
    pub may_preselect: bool,
    /// The categories of personal data the purpose needs, in form order.
    pub data: Cow<'static, [DataCategory]>,
    /// Whether choosing the purpose also needs the separate consent to data allowed for dissemination
    /// (152-FZ Art. 10.1).
    pub needs_dissemination_consent: bool,
}

impl Purpose {
    /// Whether the purpose needs data of this category.
    pub fn needs(&self, category: DataCategory) -> bool {
        self.data.contains(&category)
    }

    /// Whether the purpose needs a special category of data (health data).
    pub fn involves_special_category(&self) -> bool {
        self.data.iter().any(|c| c.is_special())
    }

    /// Whether withdrawing consent stops processing for this purpose; otherwise it goes on under its own
    /// ground, and the withdrawal records that ground.
    pub fn stops_on_withdrawal(&self) -> bool {
        self.legal_ground.is_consent()
    }
}

/// Which text of a purpose an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// [`Purpose::title`].
    Title,
    /// [`Purpose::description`].
    Description,
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::Title => "title",
            TextField::Description => "description",
        })
    }
}

/// Why a catalogue is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// A malformed policy version id, purpose code or policy item.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A catalogue without purposes.
    #[error("the catalogue has no purposes")]
    NoPurposes,
    /// Two purposes share a code.
    #[error("purpose code {code} is used more than once")]
    DuplicatePurposeCode {
        /// The repeated code.
        code: PurposeCode,
    },
    /// Two purposes share a policy item.
    #[error("policy item {item} states more than one purpose")]
    DuplicatePolicyItem {
        /// The repeated item.
        item: PolicyItem,
    },
    /// A blank Russian text.
    #[error("purpose {code}: the Russian {field} is empty")]
    MissingRussianText {
        /// The purpose.
        code: PurposeCode,
        /// The blank text.
        field: TextField,
    },
    /// A blank English text.
    #[error("purpose {code}: the English {field} is empty")]
    MissingEnglishText {
        /// The purpose.
        code: PurposeCode,
        /// The blank text.
        field: TextField,
    },
    /// A Russian text without a single Cyrillic letter: most likely the languages were swapped.
    #[error("purpose {code}: the Russian {field} has no Cyrillic letters")]
    RussianTextNotCyrillic {
        /// The purpose.
        code: PurposeCode,
        /// The text in the wrong language.
        field: TextField,
    },
    /// An English text with Cyrillic letters.
    #[error("purpose {code}: the English {field} contains Cyrillic letters")]
    EnglishTextCyrillic {
        /// The purpose.
        code: PurposeCode,
        /// The text in the wrong language.
        field: TextField,
    },
    /// A purpose that needs no data: the form would list nothing for it.
    #[error("purpose {code} lists no data categories")]
    NoDataCategories {
        /// The purpose.
        code: PurposeCode,
    },
    /// A data category listed twice for one purpose.
    #[error("purpose {code} lists data category {} twice", .category.code())]
    DuplicateDataCategory {
        /// The purpose.
        code: PurposeCode,
        /// The repeated category.
        category: DataCategory,
    },
    /// A purpose the patient cannot refuse, resting on consent.
    #[error(
        "purpose {code} is required but rests on consent, which the patient must be free to refuse"
    )]
    RequiredOnConsent {
        /// The purpose.
        code: PurposeCode,
    },
    /// A consent-based purpose that the form would show already ticked.
    #[error("purpose {code} rests on consent and so must not be pre-selected")]
    ConsentPreselected {
        /// The purpose.
        code: PurposeCode,
    },
    /// Health data under a ground that does not cover special categories.
    #[error(
        "purpose {code} needs health data, which ground {} does not cover (152-FZ Art. 10)",
        .ground.code()
    )]
    SpecialCategoryWithoutGround {
        /// The purpose.
        code: PurposeCode,
        /// Its insufficient ground.
        ground: LegalGround,
    },
    /// An Art. 10.1 consent required for a purpose that does not rest on consent.
    #[error(
        "purpose {code} needs a dissemination consent (Art. 10.1) but does not rest on consent"
    )]
    DisseminationWithoutConsent {
        /// The purpose.
        code: PurposeCode,
    },
    /// No processing actions: the form must list them (Art. 9 p. 4 item 7).
    #[error("the catalogue lists no processing actions")]
    NoProcessingActions,
    /// A processing action listed twice.
    #[error("processing action {} is listed twice", .action.code())]
    DuplicateProcessingAction {
        /// The repeated action.
        action: ProcessingAction,
    },
    /// No processing methods: the form must describe them (Art. 9 p. 4 item 7).
    #[error("the catalogue lists no processing methods")]
    NoProcessingMethods,
    /// A processing method listed twice.
    #[error("processing method {} is listed twice", .method.code())]
    DuplicateProcessingMethod {
        /// The repeated method.
        method: ProcessingMethod,
    },
    /// [`CatalogueBuilder::remove_purpose`] named a purpose that the builder does not hold.
    #[error("cannot remove purpose {code}: the catalogue has no such purpose")]
    RemovedUnknownPurpose {
        /// The code that was not found.
        code: PurposeCode,
    },
}

impl CatalogueError {
    /// A stable snake_case code for logs, the UI's message lookup and tests.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogueError::Format(e) => e.code(),
            CatalogueError::NoPurposes => "no_purposes",
            CatalogueError::DuplicatePurposeCode { .. } => "duplicate_purpose_code",
            CatalogueError::DuplicatePolicyItem { .. } => "duplicate_policy_item",
            CatalogueError::MissingRussianText { .. } => "missing_russian_text",
            CatalogueError::MissingEnglishText { .. } => "missing_english_text",
            CatalogueError::RussianTextNotCyrillic { .. } => "russian_text_not_cyrillic",
            CatalogueError::EnglishTextCyrillic { .. } => "english_text_cyrillic",
            CatalogueError::NoDataCategories { .. } => "no_data_categories",
            CatalogueError::DuplicateDataCategory { .. } => "duplicate_data_category",
            CatalogueError::RequiredOnConsent { .. } => "required_purpose_on_consent",
            CatalogueError::ConsentPreselected { .. } => "consent_purpose_preselected",
            CatalogueError::SpecialCategoryWithoutGround { .. } => {
                "special_category_without_ground"
            }
            CatalogueError::DisseminationWithoutConsent { .. } => "dissemination_without_consent",
            CatalogueError::NoProcessingActions => "no_processing_actions",
            CatalogueError::DuplicateProcessingAction { .. } => "duplicate_processing_action",
            CatalogueError::NoProcessingMethods => "no_processing_methods",
            CatalogueError::DuplicateProcessingMethod { .. } => "duplicate_processing_method",
            CatalogueError::RemovedUnknownPurpose { .. } => "removed_unknown_purpose",
        }
    }
}

/// The purposes, processing actions and methods of one policy version, in policy order.
///
/// Only [`CatalogueBuilder::build`] (which validates) and [`Catalogue::builtin`] (validated by tests)
/// make one, so every catalogue in hand is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    policy: PolicyVersion,
    purposes: Cow<'static, [Purpose]>,
    actions: Cow<'static, [ProcessingAction]>,
    methods: Cow<'static, [ProcessingMethod]>,
}

impl Catalogue {
    /// The catalogue of the policy in force now.
    pub fn builtin() -> &'static Catalogue {
        &super::builtin::CURRENT
    }

    /// Unchecked: only for the built-in data, which the tests validate.
    pub(super) const fn from_static(
        policy: PolicyVersion,
        purposes: &'static [Purpose],
        actions: &'static [ProcessingAction],
        methods: &'static [ProcessingMethod],
    ) -> Self {
        Self {
            policy,
            purposes: Cow::Borrowed(purposes),
            actions: Cow::Borrowed(actions),
            methods: Cow::Borrowed(methods),
        }
    }

    /// Starts the next policy version from this one: same purposes, actions and methods, to be changed
    /// with the builder. This catalogue stays as it is, for the consents given under it.
    pub fn revise(&self, policy: PolicyVersion) -> CatalogueBuilder {
        CatalogueBuilder {
            policy,
            purposes: self.purposes.to_vec(),
            actions: self.actions.to_vec(),
            methods: self.methods.to_vec(),
            unknown_removals: Vec::new(),
        }
    }

    /// The policy version.
    pub fn policy(&self) -> &PolicyVersion {
        &self.policy
    }

    /// The purposes in policy order.
    pub fn purposes(&self) -> &[Purpose] {
        &self.purposes
    }

    /// The purposes in policy order.
    pub fn iter(&self) -> std::slice::Iter<'_, Purpose> {
        self.purposes.iter()
    }

    /// How many purposes.
    pub fn len(&self) -> usize {
        self.purposes.len()
    }

    /// Always false for a valid catalogue; here because `len` is.
    pub fn is_empty(&self) -> bool {
        self.purposes.is_empty()
    }

    /// The purpose with this code.
    pub fn get(&self, code: &PurposeCode) -> Option<&Purpose> {
        self.by_code(code.as_str())
    }

    /// The purpose whose slug is `code`, for codes read from storage or input.
    pub fn by_code(&self, code: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.code.as_str() == code)
    }

    /// The purpose stated by a policy item, such as `"2.2.9"`.
    pub fn by_item(&self, item: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.item.as_str() == item)
    }

    /// The processing actions, in policy order.
    pub fn actions(&self) -> &[ProcessingAction] {
        &self.actions
    }

    /// The processing methods, in policy order.
    pub fn methods(&self) -> &[ProcessingMethod] {
        &self.methods
    }

    fn validate(&self) -> Result<(), CatalogueError> {
        if !PolicyVersionId::is_well_formed(self.policy.id().as_str()) {
            return Err(FormatError::PolicyVersionId(self.policy.id().as_str().to_owned()).into());
        }
        if self.purposes.is_empty() {
            return Err(CatalogueError::NoPurposes);
        }
        for (i, purpose) in self.purposes.iter().enumerate() {
            validate_purpose(purpose)?;
            let earlier = &self.purposes[..i];
            if earlier.iter().any(|p| p.code == purpose.code) {
                return Err(CatalogueError::DuplicatePurposeCode {
                    code: purpose.code.clone(),
                });
            }
            if earlier.iter().any(|p| p.item == purpose.item) {
                return Err(CatalogueError::DuplicatePolicyItem {
                    item: purpose.item.clone(),
                });
            }
        }
        if self.actions.is_empty() {
            return Err(CatalogueError::NoProcessingActions);
        }
        if let Some(&action) = first_repeat(&self.actions) {
            return Err(CatalogueError::DuplicateProcessingAction { action });
        }
        if self.methods.is_empty() {
            return Err(CatalogueError::NoProcessingMethods);
        }
        if let Some(&method) = first_repeat(&self.methods) {
            return Err(CatalogueError::DuplicateProcessingMethod { method });
        }
        Ok(())
    }
}

impl<'a> IntoIterator for &'a Catalogue {
    type Item = &'a Purpose;
    type IntoIter = std::slice::Iter<'a, Purpose>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

fn first_repeat<T: PartialEq>(items: &[T]) -> Option<&T> {
    items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
        .map(|(_, item)| item)
}

fn validate_purpose(p: &Purpose) -> Result<(), CatalogueError> {
    let code = || p.code.clone();
    if !PurposeCode::is_well_formed(p.code.as_str()) {
        return Err(FormatError::PurposeCode(p.code.as_str().to_owned()).into());
    }
    if !PolicyItem::is_well_formed(p.item.as_str()) {
        return Err(FormatError::PolicyItem(p.item.as_str().to_owned()).into());
    }
    for (field, text) in [
        (TextField::Title, &p.title),
        (TextField::Description, &p.description),
    ] {
        if text.ru().trim().is_empty() {
            return Err(CatalogueError::MissingRussianText {
                code: code(),
                field,
            });
        }
        if text.en().trim().is_empty() {
            return Err(CatalogueError::MissingEnglishText {
                code: code(),
                field,
            });
        }
        if !has_cyrillic(text.ru()) {
            return Err(CatalogueError::RussianTextNotCyrillic {
                code: code(),
                field,
            });
        }
        if has_cyrillic(text.en()) {
            return Err(CatalogueError::EnglishTextCyrillic {
                code: code(),
                field,
            });
        }
    }
    if p.data.is_empty() {
        return Err(CatalogueError::NoDataCategories { code: code() });
    }
    if let Some(&category) = first_repeat(&p.data) {
        return Err(CatalogueError::DuplicateDataCategory {
            code: code(),
            category,
        });
    }
    // Consent must be free (Art. 9 p. 1): a purpose the patient cannot refuse without losing the
    // service has to rest on another ground, or it is not consent at all.
    if p.necessity == Necessity::Required && p.legal_ground.is_consent() {
        return Err(CatalogueError::RequiredOnConsent { code: code() });
    }
    // Consent must be specific, informed and conscious (Art. 9 p. 1): a box ticked in advance by the
    // clinic is none of these. Advertising adds 38-FZ Art. 18 p. 1 (prior consent of the addressee).
    if p.may_preselect && p.legal_ground.is_consent() {
        return Err(CatalogueError::ConsentPreselected { code: code() });
    }
    // Art. 10 p. 1 forbids processing special categories except on the grounds of Art. 10 p. 2.
    if p.involves_special_category() && !p.legal_ground.covers_special_categories() {
        return Err(CatalogueError::SpecialCategoryWithoutGround {
            code: code(),
            ground: p.legal_ground,
        });
    }
    // Art. 10.1 is itself a consent: a purpose that needs it cannot claim another ground.
    if p.needs_dissemination_consent && !p.legal_ground.is_consent() {
        return Err(CatalogueError::DisseminationWithoutConsent { code: code() });
    }
    Ok(())
}

/// Assembles a catalogue for a new policy version; [`CatalogueBuilder::build`] validates it.
#[derive(Debug, Clone)]
pub struct CatalogueBuilder {
    policy: PolicyVersion,
    purposes: Vec<Purpose>,
    actions: Vec<ProcessingAction>,
    methods: Vec<ProcessingMethod>,
    unknown_removals: Vec<PurposeCode>,
}

impl CatalogueBuilder {
    /// An empty catalogue for `policy`. Purposes, actions and methods must all be given.
    pub fn new(policy: PolicyVersion) -> Self {
        Self {
            policy,
            purposes: Vec::new(),
            actions: Vec::new(),
            methods: Vec::new(),
            unknown_removals: Vec::new(),
        }
    }

    /// Adds a purpose; its place in the catalogue follows its policy item, not the call order.
    pub fn add_purpose(mut self, purpose: Purpose) -> Self {
        self.purposes.push(purpose);
        self
    }

    /// Removes the purpose with this code. Removing a code the builder does not hold fails the build, so a
    /// typo cannot silently leave the old purpose in place.
    pub fn remove_purpose(mut self, code: &PurposeCode) -> Self {
        let before = self.purposes.len();
        self.purposes.retain(|p| &p.code != code);
        if self.purposes.len() == before {
            self.unknown_removals.push(code.clone());
        }
        self
    }

    /// Replaces the processing actions (policy 3.4 of the new edition), in its order.
    pub fn actions(mut self, actions: impl IntoIterator<Item = ProcessingAction>) -> Self {
        self.actions = actions.into_iter().collect();
        self
    }

    /// Replaces the processing methods, in the policy's order.
    pub fn methods(mut self, methods: impl IntoIterator<Item = ProcessingMethod>) -> Self {
        self.methods = methods.into_iter().collect();
        self
    }

    /// Orders the purposes by policy item and validates the catalogue. The first problem found is
    /// returned.
    pub fn build(mut self) -> Result<Catalogue, CatalogueError> {
        if let Some(code) = self.unknown_removals.into_iter().next() {
            return Err(CatalogueError::RemovedUnknownPurpose { code });
        }
        self.purposes.sort_by(|a, b| a.item.cmp(&b.item));
        let catalogue = Catalogue {
            policy: self.policy,
            purposes: Cow::Owned(self.purposes),
            actions: Cow::Owned(self.actions),
            methods: Cow::Owned(self.methods),
        };
        catalogue.validate()?;
        Ok(catalogue)
    }
}

/// Why a history of policy versions is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    /// No versions at all.
    #[error("the policy history has no versions")]
    Empty,
    /// Two catalogues with the same version id: a stored id would be ambiguous.
    #[error("policy version {id} appears more than once")]
    DuplicateVersion {
        /// The repeated id.
        id: PolicyVersionId,
    },
    /// Two versions in force from the same day: which one a consent given that day falls under would be
    /// ambiguous.
    #[error("policy versions {first} and {second} both take effect on {date}")]
    SameEffectiveDate {
        /// The shared date.
        date: NaiveDate,
        /// The earlier-listed version.
        first: PolicyVersionId,
        /// The later-listed version.
        second: PolicyVersionId,
    },
}

impl HistoryError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            HistoryError::Empty => "policy_history_empty",
            HistoryError::DuplicateVersion { .. } => "duplicate_policy_version",
            HistoryError::SameEffectiveDate { .. } => "policy_versions_same_date",
        }
    }
}

/// Every policy version the clinic has had, oldest first: consents keep the version they were given
/// under, so old versions are never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueHistory {
    versions: Vec<Catalogue>,
}

impl CatalogueHistory {
    /// A history of these catalogues, in any order.
    pub fn new(mut versions: Vec<Catalogue>) -> Result<Self, HistoryError> {
        if versions.is_empty() {
            return Err(HistoryError::Empty);
        }
        versions.sort_by_key(|c| c.policy.effective_from());
        for (i, catalogue) in versions.iter().enumerate() {
            let id = catalogue.policy.id();
            if versions[..i].iter().any(|c| c.policy.id() == id) {
                return Err(HistoryError::DuplicateVersion { id: id.clone() });
            }
        }
        for pair in versions.windows(2) {
            if let [a, b] = pair
                && a.policy.effective_from() == b.policy.effective_from()
            {
                return Err(HistoryError::SameEffectiveDate {
                    date: a.policy.effective_from(),
                    first: a.policy.id().clone(),
                    second: b.policy.id().clone(),
                });
            }
        }
        Ok(Self { versions })
    }

    /// The history built into this release: the current policy only.
    pub fn builtin() -> Self {
        Self {
            versions: vec![Catalogue::builtin().clone()],
        }
    }

    /// The catalogue of a stored version id.
    pub fn by_version(&self, id: &str) -> Option<&Catalogue> {
        self.versions.iter().find(|c| c.policy.id().as_str() == id)
    }

    /// The version in force on `date`: the latest one effective on or before it. `None` before the first.
    pub fn in_force_on(&self, date: NaiveDate) -> Option<&Catalogue> {
        self.versions
            .iter()
            .rev()
            .find(|c| c.policy.effective_from() <= date)
    }

    /// The newest version.
    pub fn latest(&self) -> &Catalogue {
        // `new` refuses an empty history, and `builtin` has one version.
        &self.versions[self.versions.len() - 1]
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> &[Catalogue] {
        &self.versions
    }
}
