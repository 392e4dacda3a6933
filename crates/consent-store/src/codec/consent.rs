//! Consents: the draft an event carries, and the projected consent with its forms, stage and
//! withdrawals.
//!
//! Maps keyed by purpose are JSON objects keyed by the purpose code; enums with data are objects
//! tagged by `"code"`.

use std::collections::BTreeMap;

use consent_domain::consent::{
    Consent, ConsentDraft, ConsentTerm, Decision, PrintedForm, PurposeWithdrawal, Signature, Stage,
};
use consent_domain::purpose::PurposeCode;
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::codes::{
    consent_channel_code, decision_code, parse_consent_channel, parse_decision,
    parse_policy_version, parse_purpose,
};
use super::dates::{parse_iso, to_iso};
use super::hlc::HlcV1;
use super::ids::{parse_id, parse_staff, staff_to_string};

/// How long a consent lasts: `{"code":"until_withdrawn"}` or `{"code":"until","end":"2026-12-31"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConsentTermV1 {
    UntilWithdrawn,
    Until {
        /// `YYYY-MM-DD`, inclusive.
        end: String,
    },
    /// A code this build does not know. Never written; reading it fails with `stored_unknown_code`.
    #[serde(other)]
    Unknown,
}

/// What a new consent says (the body of `consent_drafted`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentDraftV1 {
    pub id: String,
    pub patient: String,
    /// Purpose code → `granted` / `refused`.
    pub decisions: BTreeMap<String, String>,
    pub term: ConsentTermV1,
    /// `paper`.
    pub channel: String,
    /// `YYYY-MM-DD`.
    pub drafted_on: String,
}

/// One printed copy of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintedFormV1 {
    pub form: String,
    pub at: HlcV1,
    pub by: String,
}

/// Who confirmed the signature, when, on which copy, and where the paper is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureV1 {
    pub form: String,
    pub confirmed_by: String,
    pub at: HlcV1,
    pub paper_location: String,
}

/// Where a consent is in its life: `{"code":"draft"}`, `{"code":"form_printed"}`,
/// `{"code":"signed","signature":{...}}`, `{"code":"superseded","by":"<consent id>","signature":{...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum StageV1 {
    Draft,
    FormPrinted,
    Signed {
        signature: SignatureV1,
    },
    Superseded {
        by: String,
        signature: SignatureV1,
    },
    /// A code this build does not know. Never written; reading it fails with `stored_unknown_code`.
    #[serde(other)]
    Unknown,
}

/// A purpose taken back by a withdrawal request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeWithdrawalV1 {
    pub request: String,
    /// `YYYY-MM-DD`.
    pub received_on: String,
}

/// A projected consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentV1 {
    pub id: String,
    pub patient: String,
    pub policy_version: String,
    /// Purpose code → `granted` / `refused`.
    pub decisions: BTreeMap<String, String>,
    pub term: ConsentTermV1,
    /// `paper`.
    pub channel: String,
    /// `YYYY-MM-DD`.
    pub drafted_on: String,
    /// Oldest first.
    pub forms: Vec<PrintedFormV1>,
    pub stage: StageV1,
    /// Purpose code → the withdrawal that took it back.
    pub withdrawn: BTreeMap<String, PurposeWithdrawalV1>,
}

impl From<ConsentTerm> for ConsentTermV1 {
    fn from(term: ConsentTerm) -> Self {
        match term {
            ConsentTerm::UntilWithdrawn => ConsentTermV1::UntilWithdrawn,
            ConsentTerm::Until(end) => ConsentTermV1::Until { end: to_iso(end) },
        }
    }
}

impl ConsentTermV1 {
    fn into_domain(
        self,
        field: &'static str,
        end: &'static str,
    ) -> Result<ConsentTerm, CodecError> {
        match self {
            ConsentTermV1::UntilWithdrawn => Ok(ConsentTerm::UntilWithdrawn),
            ConsentTermV1::Until { end: date } => Ok(ConsentTerm::Until(parse_iso(&date, end)?)),
            ConsentTermV1::Unknown => Err(CodecError::UnknownCode { field }),
        }
    }
}

fn decisions_to_dto(decisions: &BTreeMap<PurposeCode, Decision>) -> BTreeMap<String, String> {
    decisions
        .iter()
        .map(|(code, decision)| {
            (
                code.as_str().to_owned(),
                decision_code(*decision).to_owned(),
            )
        })
        .collect()
}

fn decisions_from_dto(
    decisions: BTreeMap<String, String>,
    field: &'static str,
) -> Result<BTreeMap<PurposeCode, Decision>, CodecError> {
    decisions
        .into_iter()
        .map(|(code, decision)| {
            Ok((
                parse_purpose(code, field)?,
                parse_decision(&decision, field)?,
            ))
        })
        .collect()
}

impl From<&ConsentDraft> for ConsentDraftV1 {
    fn from(draft: &ConsentDraft) -> Self {
        ConsentDraftV1 {
            id: draft.id.to_string(),
            patient: draft.patient.to_string(),
            decisions: decisions_to_dto(&draft.decisions),
            term: draft.term.into(),
            channel: consent_channel_code(draft.channel).to_owned(),
            drafted_on: to_iso(draft.drafted_on),
        }
    }
}

impl TryFrom<ConsentDraftV1> for ConsentDraft {
    type Error = CodecError;

    fn try_from(dto: ConsentDraftV1) -> Result<Self, Self::Error> {
        Ok(ConsentDraft {
            id: parse_id(&dto.id, "draft.id")?,
            patient: parse_id(&dto.patient, "draft.patient")?,
            decisions: decisions_from_dto(dto.decisions, "draft.decisions")?,
            term: dto.term.into_domain("draft.term", "draft.term.end")?,
            channel: parse_consent_channel(&dto.channel, "draft.channel")?,
            drafted_on: parse_iso(&dto.drafted_on, "draft.drafted_on")?,
        })
    }
}

impl From<&PrintedForm> for PrintedFormV1 {
    fn from(form: &PrintedForm) -> Self {
        PrintedFormV1 {
            form: form.form.to_string(),
            at: form.at.into(),
            by: staff_to_string(form.by),
        }
    }
}

impl TryFrom<PrintedFormV1> for PrintedForm {
    type Error = CodecError;

    fn try_from(dto: PrintedFormV1) -> Result<Self, Self::Error> {
        Ok(PrintedForm {
            form: parse_id(&dto.form, "forms.form")?,
            at: dto.at.into(),
            by: parse_staff(&dto.by, "forms.by")?,
        })
    }
}

impl From<&Signature> for SignatureV1 {
    fn from(signature: &Signature) -> Self {
        SignatureV1 {
            form: signature.form.to_string(),
            confirmed_by: staff_to_string(signature.confirmed_by),
            at: signature.at.into(),
            paper_location: signature.paper_location.clone(),
        }
    }
}

impl TryFrom<SignatureV1> for Signature {
    type Error = CodecError;

    fn try_from(dto: SignatureV1) -> Result<Self, Self::Error> {
        Ok(Signature {
            form: parse_id(&dto.form, "stage.signature.form")?,
            confirmed_by: parse_staff(&dto.confirmed_by, "stage.signature.confirmed_by")?,
            at: dto.at.into(),
            paper_location: dto.paper_location,
        })
    }
}

impl From<&Stage> for StageV1 {
    fn from(stage: &Stage) -> Self {
        match stage {
            Stage::Draft => StageV1::Draft,
            Stage::FormPrinted => StageV1::FormPrinted,
            Stage::Signed(signature) => StageV1::Signed {
                signature: signature.into(),
            },
            Stage::Superseded { by, signature } => StageV1::Superseded {
                by: by.to_string(),
                signature: signature.into(),
            },
        }
    }
}

impl TryFrom<StageV1> for Stage {
    type Error = CodecError;

    fn try_from(dto: StageV1) -> Result<Self, Self::Error> {
        Ok(match dto {
            StageV1::Draft => Stage::Draft,
            StageV1::FormPrinted => Stage::FormPrinted,
            StageV1::Signed { signature } => Stage::Signed(signature.try_into()?),
            StageV1::Superseded { by, signature } => Stage::Superseded {
                by: parse_id(&by, "stage.by")?,
                signature: signature.try_into()?,
            },
            StageV1::Unknown => return Err(CodecError::UnknownCode { field: "stage" }),
        })
    }
}

impl From<&PurposeWithdrawal> for PurposeWithdrawalV1 {
    fn from(withdrawal: &PurposeWithdrawal) -> Self {
        PurposeWithdrawalV1 {
            request: withdrawal.request.to_string(),
            received_on: to_iso(withdrawal.received_on),
        }
    }
}

impl TryFrom<PurposeWithdrawalV1> for PurposeWithdrawal {
    type Error = CodecError;

    fn try_from(dto: PurposeWithdrawalV1) -> Result<Self, Self::Error> {
        Ok(PurposeWithdrawal {
            request: parse_id(&dto.request, "withdrawn.request")?,
            received_on: parse_iso(&dto.received_on, "withdrawn.received_on")?,
        })
    }
}

impl From<&Consent> for ConsentV1 {
    fn from(consent: &Consent) -> Self {
        ConsentV1 {
            id: consent.id.to_string(),
            patient: consent.patient.to_string(),
            policy_version: consent.policy_version.as_str().to_owned(),
            decisions: decisions_to_dto(&consent.decisions),
            term: consent.term.into(),
            channel: consent_channel_code(consent.channel).to_owned(),
            drafted_on: to_iso(consent.drafted_on),
            forms: consent.forms.iter().map(PrintedFormV1::from).collect(),
            stage: (&consent.stage).into(),
            withdrawn: consent
                .withdrawn
                .iter()
                .map(|(code, withdrawal)| (code.as_str().to_owned(), withdrawal.into()))
                .collect(),
        }
    }
}

impl TryFrom<ConsentV1> for Consent {
    type Error = CodecError;

    fn try_from(dto: ConsentV1) -> Result<Self, Self::Error> {
        Ok(Consent {
            id: parse_id(&dto.id, "id")?,
            patient: parse_id(&dto.patient, "patient")?,
            policy_version: parse_policy_version(dto.policy_version, "policy_version")?,
            decisions: decisions_from_dto(dto.decisions, "decisions")?,
            term: dto.term.into_domain("term", "term.end")?,
            channel: parse_consent_channel(&dto.channel, "channel")?,
            drafted_on: parse_iso(&dto.drafted_on, "drafted_on")?,
            forms: dto
                .forms
                .into_iter()
                .map(PrintedForm::try_from)
                .collect::<Result<_, _>>()?,
            stage: dto.stage.try_into()?,
            withdrawn: dto
                .withdrawn
                .into_iter()
                .map(|(code, withdrawal)| {
                    Ok((parse_purpose(code, "withdrawn")?, withdrawal.try_into()?))
                })
                .collect::<Result<_, CodecError>>()?,
        })
    }
}
