//! A consent: which purposes a patient granted or refused on one paper form, and its life from draft to
//! withdrawal.
//!
//! ```text
//! draft ──print──▶ form printed ──sign──▶ active ──withdraw (some)──▶ active, partly withdrawn
//!   │                 │  ▲ reprint           │  └──withdraw (rest)──▶ withdrawn
//!   └─────────────────┴──┘                   ├──newer consent signed──▶ superseded
//!                                            └──term ends──▶ expired (derived from the date)
//! ```
//! Every transition is a method returning the new consent or an error: a transition that makes no sense
//! (signing a draft that was never printed, withdrawing a purpose that was refused) is an error, never a
//! silent no-op. The paper is the legal proof (152-FZ Art. 9 p. 3), so signing records who confirmed it,
//! when, and where the paper is kept.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::date_rules::DateProblem;
use crate::hlc::Hlc;
use crate::ids::{ConsentId, FormId, PatientId, RequestId};
use crate::purpose::{Catalogue, PolicyVersionId, PurposeCode};
use crate::staff::StaffId;

/// A patient's answer for one purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    Granted,
    Refused,
}

/// How long a consent lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentTerm {
    /// Until the patient withdraws it (the policy's default: processing "без ограничения срока").
    UntilWithdrawn,
    /// Until the end of this day, inclusive.
    Until(NaiveDate),
}

/// How the consent was given. Paper only for now; electronic channels come later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentChannel {
    Paper,
}

/// One printed copy of the form. Its id is in the QR code, so the signed paper can be matched back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedForm {
    pub form: FormId,
    pub at: Hlc,
    pub by: StaffId,
}

/// The proof that the paper exists: who confirmed the signature, when, on which printed copy, and where
/// the paper is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub form: FormId,
    pub confirmed_by: StaffId,
    pub at: Hlc,
    pub paper_location: String,
}

/// A purpose taken back by a withdrawal request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurposeWithdrawal {
    pub request: RequestId,
    pub received_on: NaiveDate,
}

/// Where a consent is in its life, apart from what the calendar derives (expiry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    Draft,
    FormPrinted,
    Signed(Signature),
    Superseded { by: ConsentId, signature: Signature },
}

/// What staff see: the stage with partial withdrawal and expiry worked out for a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentStatus {
    Draft,
    AwaitingSignature,
    Active,
    PartlyWithdrawn,
    Withdrawn,
    Superseded,
    Expired,
}

impl ConsentStatus {
    /// Whether the consent's purposes count now: signed and not (wholly) withdrawn, not expired.
    pub fn is_in_force(self) -> bool {
        matches!(self, ConsentStatus::Active | ConsentStatus::PartlyWithdrawn)
    }

    pub fn code(self) -> &'static str {
        match self {
            ConsentStatus::Draft => "draft",
            ConsentStatus::AwaitingSignature => "awaiting_signature",
            ConsentStatus::Active => "active",
            ConsentStatus::PartlyWithdrawn => "partly_withdrawn",
            ConsentStatus::Withdrawn => "withdrawn",
            ConsentStatus::Superseded => "superseded",
            ConsentStatus::Expired => "expired",
        }
    }
}

/// A transition or a draft that makes no sense. No personal data in the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    #[error("a consent needs a decision for at least one purpose")]
    NoPurposes,
    #[error("purpose {0} is not in policy version {1}")]
    UnknownPurpose(PurposeCode, PolicyVersionId),
    #[error("the consent ends on a day before it was drafted")]
    TermEndsBeforeDraft,
    #[error("the consent's term is longer than the longest one accepted")]
    TermTooLong,
    #[error("the form has not been printed yet")]
    NotPrinted,
    #[error("the consent is already signed")]
    AlreadySigned,
    #[error("this printed form belongs to another consent")]
    UnknownForm,
    #[error("the place where the signed paper is kept is required")]
    PaperLocationMissing,
    #[error("the consent is not in force (status {0})")]
    NotInForce(&'static str),
    #[error("purpose {0} was not granted in this consent")]
    PurposeNotGranted(PurposeCode),
    #[error("purpose {0} is already withdrawn")]
    AlreadyWithdrawn(PurposeCode),
    #[error("a consent cannot supersede itself")]
    SupersedesItself,
    #[error("a draft cannot be printed again after it was signed")]
    PrintAfterSignature,
}

impl ConsentError {
    pub fn code(&self) -> &'static str {
        match self {
            ConsentError::NoPurposes => "consent_no_purposes",
            ConsentError::UnknownPurpose(..) => "consent_unknown_purpose",
            ConsentError::TermEndsBeforeDraft => "consent_term_ends_before_draft",
            ConsentError::TermTooLong => "consent_term_too_long",
            ConsentError::NotPrinted => "consent_not_printed",
            ConsentError::AlreadySigned => "consent_already_signed",
            ConsentError::UnknownForm => "consent_unknown_form",
            ConsentError::PaperLocationMissing => "consent_paper_location_missing",
            ConsentError::NotInForce(_) => "consent_not_in_force",
            ConsentError::PurposeNotGranted(_) => "consent_purpose_not_granted",
            ConsentError::AlreadyWithdrawn(_) => "consent_purpose_already_withdrawn",
            ConsentError::SupersedesItself => "consent_supersedes_itself",
            ConsentError::PrintAfterSignature => "consent_print_after_signature",
        }
    }
}

/// The longest note about where a paper is kept ("папка 2025/11, шкаф 3").
pub const PAPER_LOCATION_MAX: usize = 200;

/// One consent document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: ConsentId,
    pub patient: PatientId,
    pub policy_version: PolicyVersionId,
    pub decisions: BTreeMap<PurposeCode, Decision>,
    pub term: ConsentTerm,
    pub channel: ConsentChannel,
    pub drafted_on: NaiveDate,
    pub forms: Vec<PrintedForm>,
    pub stage: Stage,
    pub withdrawn: BTreeMap<PurposeCode, PurposeWithdrawal>,
}

/// What a new consent says, before it becomes a [`Consent`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentDraft {
    pub id: ConsentId,
    pub patient: PatientId,
    pub decisions: BTreeMap<PurposeCode, Decision>,
    pub term: ConsentTerm,
    pub channel: ConsentChannel,
    pub drafted_on: NaiveDate,
}

impl Consent {
    /// A new draft under `catalogue`'s policy version. Every purpose must be in that catalogue.
    pub fn draft(draft: ConsentDraft, catalogue: &Catalogue) -> Result<Consent, ConsentError> {
        if draft.decisions.is_empty() {
            return Err(ConsentError::NoPurposes);
        }
        let version = catalogue.policy().id().clone();
        if let Some(unknown) = draft
            .decisions
            .keys()
            .find(|code| catalogue.get(code).is_none())
        {
            return Err(ConsentError::UnknownPurpose(unknown.clone(), version));
        }
        if let ConsentTerm::Until(end) = draft.term {
            match crate::date_rules::check_term_end(end, draft.drafted_on) {
                Err(DateProblem::TermTooLong) => return Err(ConsentError::TermTooLong),
                Err(_) => return Err(ConsentError::TermEndsBeforeDraft),
                Ok(()) => {}
            }
        }
        Ok(Consent::recorded(draft, version))
    }

    /// A draft as the ledger recorded it: it was checked against its catalogue when it was made, and
    /// a later policy edition must not make an old consent unreadable.
    pub fn recorded(draft: ConsentDraft, policy_version: PolicyVersionId) -> Consent {
        Consent {
            id: draft.id,
            patient: draft.patient,
            policy_version,
            decisions: draft.decisions,
            term: draft.term,
            channel: draft.channel,
            drafted_on: draft.drafted_on,
            forms: Vec::new(),
            stage: Stage::Draft,
            withdrawn: BTreeMap::new(),
        }
    }

    /// The purposes the patient granted.
    pub fn granted(&self) -> impl Iterator<Item = &PurposeCode> {
        self.decisions
            .iter()
            .filter(|(_, d)| **d == Decision::Granted)
            .map(|(code, _)| code)
    }

    /// The purposes granted and not withdrawn.
    pub fn in_force_purposes(&self) -> BTreeSet<PurposeCode> {
        self.granted()
            .filter(|code| !self.withdrawn.contains_key(*code))
            .cloned()
            .collect()
    }

    /// The status on `today` (expiry depends on the date).
    pub fn status(&self, today: NaiveDate) -> ConsentStatus {
        match &self.stage {
            Stage::Draft => ConsentStatus::Draft,
            Stage::FormPrinted => ConsentStatus::AwaitingSignature,
            Stage::Superseded { .. } => ConsentStatus::Superseded,
            Stage::Signed(_) => {
                let granted = self.granted().count();
                let withdrawn = self.withdrawn.len();
                if granted > 0 && withdrawn >= granted {
                    ConsentStatus::Withdrawn
                } else if matches!(self.term, ConsentTerm::Until(end) if today > end) {
                    ConsentStatus::Expired
                } else if withdrawn > 0 {
                    ConsentStatus::PartlyWithdrawn
                } else {
                    ConsentStatus::Active
                }
            }
        }
    }

    /// A printed copy of the form. A draft may be printed again (a spoiled copy); a signed one may not.
    pub fn print(&self, form: PrintedForm) -> Result<Consent, ConsentError> {
        match self.stage {
            Stage::Draft | Stage::FormPrinted => {
                let mut next = self.clone();
                next.forms.push(form);
                next.stage = Stage::FormPrinted;
                Ok(next)
            }
            Stage::Signed(_) | Stage::Superseded { .. } => Err(ConsentError::PrintAfterSignature),
        }
    }

    /// The patient signed printed copy `signature.form`; staff confirmed it (usually by scanning it).
    pub fn sign(&self, mut signature: Signature) -> Result<Consent, ConsentError> {
        match self.stage {
            Stage::Draft => return Err(ConsentError::NotPrinted),
            Stage::Signed(_) | Stage::Superseded { .. } => return Err(ConsentError::AlreadySigned),
            Stage::FormPrinted => {}
        }
        if !self.forms.iter().any(|f| f.form == signature.form) {
            return Err(ConsentError::UnknownForm);
        }
        signature.paper_location = signature.paper_location.trim().to_owned();
        if signature.paper_location.is_empty()
            || signature.paper_location.chars().count() > PAPER_LOCATION_MAX
        {
            return Err(ConsentError::PaperLocationMissing);
        }
        let mut next = self.clone();
        next.stage = Stage::Signed(signature);
        Ok(next)
    }

    /// Takes back `purposes` (all granted ones when `None`) under withdrawal `request`.
    pub fn withdraw(
        &self,
        purposes: Option<&BTreeSet<PurposeCode>>,
        withdrawal: PurposeWithdrawal,
        today: NaiveDate,
    ) -> Result<Consent, ConsentError> {
        let status = self.status(today);
        if !matches!(
            status,
            ConsentStatus::Active | ConsentStatus::PartlyWithdrawn | ConsentStatus::Expired
        ) {
            return Err(ConsentError::NotInForce(status.code()));
        }
        let targets: Vec<PurposeCode> = match purposes {
            None => self.in_force_purposes().into_iter().collect(),
            Some(set) => {
                for code in set {
                    if self.decisions.get(code) != Some(&Decision::Granted) {
                        return Err(ConsentError::PurposeNotGranted(code.clone()));
                    }
                    if self.withdrawn.contains_key(code) {
                        return Err(ConsentError::AlreadyWithdrawn(code.clone()));
                    }
                }
                set.iter().cloned().collect()
            }
        };
        if targets.is_empty() {
            return Err(ConsentError::NotInForce(ConsentStatus::Withdrawn.code()));
        }
        let mut next = self.clone();
        for code in targets {
            next.withdrawn.insert(code, withdrawal.clone());
        }
        Ok(next)
    }

    /// A newer consent of the same patient was signed: this one stops being the one in force.
    pub fn supersede(&self, by: ConsentId) -> Result<Consent, ConsentError> {
        if by == self.id {
            return Err(ConsentError::SupersedesItself);
        }
        match &self.stage {
            Stage::Signed(signature) => {
                let mut next = self.clone();
                next.stage = Stage::Superseded {
                    by,
                    signature: signature.clone(),
                };
                Ok(next)
            }
            Stage::Draft => Err(ConsentError::NotInForce(ConsentStatus::Draft.code())),
            Stage::FormPrinted => Err(ConsentError::NotInForce(
                ConsentStatus::AwaitingSignature.code(),
            )),
            Stage::Superseded { .. } => {
                Err(ConsentError::NotInForce(ConsentStatus::Superseded.code()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::date;

    use super::*;
    use crate::hlc::Hlc;
    use crate::testkit::*;

    const ADV: &PurposeCode = &PurposeCode::ADVERTISING;
    const NOTIF: &PurposeCode = &PurposeCode::NOTIFICATIONS;
    const ACCOUNT: &PurposeCode = &PurposeCode::PERSONAL_ACCOUNT;
    const MEDICAL: &PurposeCode = &PurposeCode::MEDICAL_ACCOUNT;

    fn catalogue() -> &'static Catalogue {
        Catalogue::builtin()
    }

    fn drafted() -> Consent {
        Consent::draft(
            draft(
                consent_id(1),
                patient_id(1),
                &[MEDICAL, NOTIF, ACCOUNT],
                &[ADV],
            ),
            catalogue(),
        )
        .expect("valid draft")
    }

    fn printed() -> Consent {
        drafted()
            .print(PrintedForm {
                form: form_id(1),
                at: Hlc::new(1, 0),
                by: staff(1),
            })
            .expect("print")
    }

    fn signature(form: FormId, location: &str) -> Signature {
        Signature {
            form,
            confirmed_by: staff(2),
            at: Hlc::new(2, 0),
            paper_location: location.to_owned(),
        }
    }

    fn signed() -> Consent {
        printed()
            .sign(signature(form_id(1), "Папка 2025/10"))
            .expect("sign")
    }

    fn withdrawal(n: u128) -> PurposeWithdrawal {
        PurposeWithdrawal {
            request: request_id(n),
            received_on: TODAY,
        }
    }

    #[test]
    fn a_consent_goes_from_draft_to_active() {
        assert_eq!(drafted().status(TODAY), ConsentStatus::Draft);
        assert_eq!(printed().status(TODAY), ConsentStatus::AwaitingSignature);
        let active = signed();
        assert_eq!(active.status(TODAY), ConsentStatus::Active);
        assert_eq!(active.policy_version, *catalogue().policy().id());
        assert_eq!(
            active.in_force_purposes(),
            purposes(&[MEDICAL, NOTIF, ACCOUNT]),
            "refused advertising is not in force"
        );
        match active.stage {
            Stage::Signed(s) => {
                assert_eq!(s.confirmed_by, staff(2));
                assert_eq!(s.paper_location, "Папка 2025/10");
            }
            other => panic!("expected signed, got {other:?}"),
        }
    }

    #[test]
    fn drafts_that_make_no_sense_are_refused() {
        let unknown = PurposeCode::parse("astrology").expect("well-formed code");
        let mut ends_early = draft(consent_id(1), patient_id(1), &[NOTIF], &[]);
        ends_early.term = ConsentTerm::Until(date(2025, 10, 23));
        let mut endless = draft(consent_id(1), patient_id(1), &[NOTIF], &[]);
        endless.term = ConsentTerm::Until(date(9999, 12, 31));
        let cases: Vec<(&str, ConsentDraft, &str)> = vec![
            (
                "no purposes",
                draft(consent_id(1), patient_id(1), &[], &[]),
                "consent_no_purposes",
            ),
            (
                "unknown purpose",
                draft(consent_id(1), patient_id(1), &[&unknown], &[]),
                "consent_unknown_purpose",
            ),
            (
                "term before draft",
                ends_early,
                "consent_term_ends_before_draft",
            ),
            ("term until 31.12.9999", endless, "consent_term_too_long"),
        ];
        for (name, input, code) in cases {
            let err = Consent::draft(input, catalogue()).expect_err(name);
            assert_eq!(err.code(), code, "{name}");
        }
    }

    #[test]
    fn every_invalid_transition_is_an_error() {
        type Step = Box<dyn Fn(&Consent) -> Result<Consent, ConsentError>>;
        let sign_form1: Step = Box::new(|c| c.sign(signature(form_id(1), "Шкаф 1")));
        let print: Step = Box::new(|c| {
            c.print(PrintedForm {
                form: form_id(9),
                at: Hlc::new(3, 0),
                by: staff(1),
            })
        });
        let withdraw_all: Step = Box::new(|c| c.withdraw(None, withdrawal(1), TODAY));
        let supersede: Step = Box::new(|c| c.supersede(consent_id(2)));
        let cases: Vec<(&str, Consent, Step, &str)> = vec![
            ("sign a draft", drafted(), sign_form1, "consent_not_printed"),
            (
                "sign twice",
                signed(),
                Box::new(|c| c.sign(signature(form_id(1), "Шкаф 1"))),
                "consent_already_signed",
            ),
            (
                "sign another consent's form",
                printed(),
                Box::new(|c| c.sign(signature(form_id(7), "Шкаф 1"))),
                "consent_unknown_form",
            ),
            (
                "sign without saying where the paper is",
                printed(),
                Box::new(|c| c.sign(signature(form_id(1), "   "))),
                "consent_paper_location_missing",
            ),
            (
                "paper location too long",
                printed(),
                Box::new(|c| c.sign(signature(form_id(1), &"ш".repeat(PAPER_LOCATION_MAX + 1)))),
                "consent_paper_location_missing",
            ),
            (
                "print a signed consent",
                signed(),
                print,
                "consent_print_after_signature",
            ),
            (
                "withdraw a draft",
                drafted(),
                withdraw_all,
                "consent_not_in_force",
            ),
            (
                "withdraw an unsigned form",
                printed(),
                Box::new(|c| c.withdraw(None, withdrawal(1), TODAY)),
                "consent_not_in_force",
            ),
            (
                "withdraw a refused purpose",
                signed(),
                Box::new(|c| c.withdraw(Some(&purposes(&[ADV])), withdrawal(1), TODAY)),
                "consent_purpose_not_granted",
            ),
            (
                "withdraw a purpose twice",
                signed()
                    .withdraw(Some(&purposes(&[NOTIF])), withdrawal(1), TODAY)
                    .expect("first withdrawal"),
                Box::new(|c| c.withdraw(Some(&purposes(&[NOTIF])), withdrawal(2), TODAY)),
                "consent_purpose_already_withdrawn",
            ),
            (
                "withdraw everything twice",
                signed()
                    .withdraw(None, withdrawal(1), TODAY)
                    .expect("first"),
                Box::new(|c| c.withdraw(None, withdrawal(2), TODAY)),
                "consent_not_in_force",
            ),
            (
                "supersede a draft",
                drafted(),
                supersede,
                "consent_not_in_force",
            ),
            (
                "supersede by itself",
                signed(),
                Box::new(|c| c.supersede(consent_id(1))),
                "consent_supersedes_itself",
            ),
            (
                "supersede twice",
                signed().supersede(consent_id(2)).expect("first"),
                Box::new(|c| c.supersede(consent_id(3))),
                "consent_not_in_force",
            ),
        ];
        for (name, consent, step, code) in cases {
            let before = consent.clone();
            let err = step(&consent).expect_err(name);
            assert_eq!(err.code(), code, "{name}");
            assert_eq!(consent, before, "{name}: a refused step changes nothing");
        }
    }

    #[test]
    fn a_draft_may_be_printed_again_and_either_copy_signed() {
        let reprinted = printed()
            .print(PrintedForm {
                form: form_id(2),
                at: Hlc::new(5, 0),
                by: staff(1),
            })
            .expect("reprint");
        assert_eq!(reprinted.forms.len(), 2);
        for form in [form_id(1), form_id(2)] {
            let active = reprinted
                .sign(signature(form, "Шкаф 2"))
                .expect("either copy");
            assert_eq!(active.status(TODAY), ConsentStatus::Active);
        }
    }

    #[test]
    fn partial_then_full_withdrawal() {
        let partly = signed()
            .withdraw(Some(&purposes(&[NOTIF])), withdrawal(1), TODAY)
            .expect("withdraw notifications");
        assert_eq!(partly.status(TODAY), ConsentStatus::PartlyWithdrawn);
        assert_eq!(partly.in_force_purposes(), purposes(&[MEDICAL, ACCOUNT]));
        let fully = partly
            .withdraw(None, withdrawal(2), TODAY)
            .expect("withdraw the rest");
        assert_eq!(fully.status(TODAY), ConsentStatus::Withdrawn);
        assert!(fully.in_force_purposes().is_empty());
        assert_eq!(fully.withdrawn[NOTIF].request, request_id(1));
        assert_eq!(fully.withdrawn[ACCOUNT].request, request_id(2));
    }

    #[test]
    fn expiry_and_supersession_are_statuses() {
        let mut limited = draft(consent_id(1), patient_id(1), &[NOTIF], &[]);
        limited.term = ConsentTerm::Until(date(2025, 12, 31));
        let active = Consent::draft(limited, catalogue())
            .and_then(|c| {
                c.print(PrintedForm {
                    form: form_id(1),
                    at: Hlc::new(1, 0),
                    by: staff(1),
                })
            })
            .and_then(|c| c.sign(signature(form_id(1), "Шкаф 3")))
            .expect("active");
        let cases = [
            (date(2025, 12, 31), ConsentStatus::Active),
            (date(2026, 1, 1), ConsentStatus::Expired),
        ];
        for (day, expected) in cases {
            assert_eq!(active.status(day), expected, "{day}");
        }
        let superseded = active.supersede(consent_id(2)).expect("supersede");
        assert_eq!(superseded.status(TODAY), ConsentStatus::Superseded);
    }
}
