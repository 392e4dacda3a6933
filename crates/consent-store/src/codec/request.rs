//! Subject requests: the kind and outcome an event carries, and the projected request.
//!
//! Enums with data are objects tagged by `"code"`; plain enums are their code strings.

use consent_domain::journal::Fulfilment;
use consent_domain::request::{
    Extension, Notification, PurposeOutcome, Request, RequestKind, Scope,
};
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::codes::{
    disposal_code, parse_disposal, parse_purpose, parse_purposes, parse_request_channel,
    parse_request_status, purposes_to_vec, request_channel_code, request_status_code,
};
use super::dates::{parse_iso, to_iso};
use super::hlc::HlcV1;
use super::ids::{parse_id, parse_staff, staff_to_string};

/// Which purposes a withdrawal takes back: `{"code":"all"}` or
/// `{"code":"purposes","purposes":["advertising"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum ScopeV1 {
    All,
    Purposes {
        purposes: Vec<String>,
    },
    /// A code this build does not know. Never written; reading it fails with `stored_unknown_code`.
    #[serde(other)]
    Unknown,
}

/// What the subject asks for: `{"code":"withdrawal","scope":{...}}`, `{"code":"access"}`, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum RequestKindV1 {
    Withdrawal {
        scope: ScopeV1,
    },
    Access,
    Correction,
    Blocking,
    Claim,
    /// A code this build does not know. Never written; reading it fails with `stored_unknown_code`.
    #[serde(other)]
    Unknown,
}

/// The outcome for one purpose of a withdrawal: `{"code":"stopped"}` or
/// `{"code":"continues","legal_ground":"..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum PurposeOutcomeV1 {
    Stopped,
    Continues {
        legal_ground: String,
    },
    /// A code this build does not know. Never written; reading it fails with `stored_unknown_code`.
    #[serde(other)]
    Unknown,
}

/// The one +5 working day extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionV1 {
    pub reason: String,
    pub by: String,
    pub at: HlcV1,
}

/// How the subject was told the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationV1 {
    /// `YYYY-MM-DD`.
    pub on: String,
    /// `in_person`, `email` or `post`.
    pub channel: String,
    pub by: String,
}

/// A projected request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestV1 {
    pub id: String,
    pub patient: String,
    pub kind: RequestKindV1,
    /// `YYYY-MM-DD`.
    pub received_on: String,
    /// `in_person`, `email` or `post`.
    pub channel: String,
    /// `received`, `in_progress`, ... `closed`.
    pub status: String,
    /// Purpose code → outcome.
    pub outcomes: std::collections::BTreeMap<String, PurposeOutcomeV1>,
    /// Purpose codes, sorted.
    pub purposes: Vec<String>,
    pub extension: Option<ExtensionV1>,
    /// `destroyed` or `blocked`.
    pub disposal: Option<String>,
    pub notification: Option<NotificationV1>,
    /// The staff id whose work the request is (absent before anyone took it, and in records written
    /// before assignees were kept: a rebuild fills it in from the ledger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// The step that met the main obligation. Left out when there is none, so a request recorded
    /// before the journal existed reads (and, open, writes) the same bytes; a rebuild fills it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilled: Option<FulfilmentV1>,
    /// What the subject says (a correction: what is wrong); left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// A correction's values were applied; left out when not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
    /// How the extension's notice reached the subject; left out when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_notice: Option<NotificationV1>,
}

/// The step that met a request's main obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FulfilmentV1 {
    pub at: HlcV1,
    pub by: String,
}

impl From<&Scope> for ScopeV1 {
    fn from(scope: &Scope) -> Self {
        match scope {
            Scope::All => ScopeV1::All,
            Scope::Purposes(purposes) => ScopeV1::Purposes {
                purposes: purposes_to_vec(purposes),
            },
        }
    }
}

impl From<&RequestKind> for RequestKindV1 {
    fn from(kind: &RequestKind) -> Self {
        match kind {
            RequestKind::Withdrawal(scope) => RequestKindV1::Withdrawal {
                scope: scope.into(),
            },
            RequestKind::Access => RequestKindV1::Access,
            RequestKind::Correction => RequestKindV1::Correction,
            RequestKind::Blocking => RequestKindV1::Blocking,
            RequestKind::Claim => RequestKindV1::Claim,
        }
    }
}

impl TryFrom<RequestKindV1> for RequestKind {
    type Error = CodecError;

    fn try_from(dto: RequestKindV1) -> Result<Self, Self::Error> {
        Ok(match dto {
            RequestKindV1::Withdrawal { scope } => RequestKind::Withdrawal(match scope {
                ScopeV1::All => Scope::All,
                ScopeV1::Purposes { purposes } => {
                    Scope::Purposes(parse_purposes(purposes, "kind.scope.purposes")?)
                }
                ScopeV1::Unknown => {
                    return Err(CodecError::UnknownCode {
                        field: "kind.scope",
                    });
                }
            }),
            RequestKindV1::Access => RequestKind::Access,
            RequestKindV1::Correction => RequestKind::Correction,
            RequestKindV1::Blocking => RequestKind::Blocking,
            RequestKindV1::Claim => RequestKind::Claim,
            RequestKindV1::Unknown => return Err(CodecError::UnknownCode { field: "kind" }),
        })
    }
}

impl From<&PurposeOutcome> for PurposeOutcomeV1 {
    fn from(outcome: &PurposeOutcome) -> Self {
        match outcome {
            PurposeOutcome::Stopped => PurposeOutcomeV1::Stopped,
            PurposeOutcome::Continues { legal_ground } => PurposeOutcomeV1::Continues {
                legal_ground: legal_ground.clone(),
            },
        }
    }
}

impl PurposeOutcomeV1 {
    /// The outcome stored at `field`.
    pub fn into_domain(self, field: &'static str) -> Result<PurposeOutcome, CodecError> {
        match self {
            PurposeOutcomeV1::Stopped => Ok(PurposeOutcome::Stopped),
            PurposeOutcomeV1::Continues { legal_ground } => {
                Ok(PurposeOutcome::Continues { legal_ground })
            }
            PurposeOutcomeV1::Unknown => Err(CodecError::UnknownCode { field }),
        }
    }
}

impl From<&Extension> for ExtensionV1 {
    fn from(extension: &Extension) -> Self {
        ExtensionV1 {
            reason: extension.reason.clone(),
            by: staff_to_string(extension.by),
            at: extension.at.into(),
        }
    }
}

impl TryFrom<ExtensionV1> for Extension {
    type Error = CodecError;

    fn try_from(dto: ExtensionV1) -> Result<Self, Self::Error> {
        Ok(Extension {
            reason: dto.reason,
            by: parse_staff(&dto.by, "extension.by")?,
            at: dto.at.into(),
        })
    }
}

impl From<&Notification> for NotificationV1 {
    fn from(notification: &Notification) -> Self {
        NotificationV1 {
            on: to_iso(notification.on),
            channel: request_channel_code(notification.channel).to_owned(),
            by: staff_to_string(notification.by),
        }
    }
}

impl TryFrom<NotificationV1> for Notification {
    type Error = CodecError;

    fn try_from(dto: NotificationV1) -> Result<Self, Self::Error> {
        Ok(Notification {
            on: parse_iso(&dto.on, "notification.on")?,
            channel: parse_request_channel(&dto.channel, "notification.channel")?,
            by: parse_staff(&dto.by, "notification.by")?,
        })
    }
}

impl From<&Request> for RequestV1 {
    fn from(request: &Request) -> Self {
        RequestV1 {
            id: request.id.to_string(),
            patient: request.patient.to_string(),
            kind: (&request.kind).into(),
            received_on: to_iso(request.received_on),
            channel: request_channel_code(request.channel).to_owned(),
            status: request_status_code(request.status).to_owned(),
            outcomes: request
                .outcomes
                .iter()
                .map(|(code, outcome)| (code.as_str().to_owned(), outcome.into()))
                .collect(),
            purposes: purposes_to_vec(&request.purposes),
            extension: request.extension.as_ref().map(ExtensionV1::from),
            disposal: request
                .disposal
                .map(|disposal| disposal_code(disposal).to_owned()),
            notification: request.notification.as_ref().map(NotificationV1::from),
            assignee: request.assignee.map(staff_to_string),
            fulfilled: request.fulfilled.map(|f| FulfilmentV1 {
                at: f.at.into(),
                by: staff_to_string(f.by),
            }),
            details: request.details.clone(),
            corrected: request.corrected,
            extension_notice: request.extension_notice.as_ref().map(NotificationV1::from),
        }
    }
}

impl TryFrom<RequestV1> for Request {
    type Error = CodecError;

    fn try_from(dto: RequestV1) -> Result<Self, Self::Error> {
        Ok(Request {
            id: parse_id(&dto.id, "id")?,
            patient: parse_id(&dto.patient, "patient")?,
            kind: dto.kind.try_into()?,
            received_on: parse_iso(&dto.received_on, "received_on")?,
            channel: parse_request_channel(&dto.channel, "channel")?,
            status: parse_request_status(&dto.status, "status")?,
            outcomes: dto
                .outcomes
                .into_iter()
                .map(|(code, outcome)| {
                    Ok((
                        parse_purpose(code, "outcomes")?,
                        outcome.into_domain("outcomes")?,
                    ))
                })
                .collect::<Result<_, CodecError>>()?,
            purposes: parse_purposes(dto.purposes, "purposes")?,
            extension: dto.extension.map(Extension::try_from).transpose()?,
            disposal: dto
                .disposal
                .map(|code| parse_disposal(&code, "disposal"))
                .transpose()?,
            notification: dto.notification.map(Notification::try_from).transpose()?,
            assignee: dto
                .assignee
                .as_deref()
                .map(|id| parse_staff(id, "assignee"))
                .transpose()?,
            fulfilled: dto
                .fulfilled
                .map(|f| {
                    Ok::<_, CodecError>(Fulfilment {
                        at: f.at.into(),
                        by: parse_staff(&f.by, "fulfilled.by")?,
                    })
                })
                .transpose()?,
            details: dto.details,
            corrected: dto.corrected,
            extension_notice: dto
                .extension_notice
                .map(Notification::try_from)
                .transpose()?,
        })
    }
}
