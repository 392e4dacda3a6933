//! Destroying a data subject: when it is allowed, and what outlives it.
//!
//! A subject is destroyed by deleting their key (crypto-shredding, in the store), so every event
//! sealed with it becomes unreadable on every desk. What an inspector must still see — that consents
//! existed and were withdrawn, what each request asked and when each step was done — travels in the
//! destruction event itself as a [`DestructionRecord`] of codes, dates and ids only: free text (an
//! extension's reason, a legal ground's note, where the paper is kept) goes with the data, because it
//! may hold what was destroyed. The record is kept in clear, so the fold of a destroyed subject starts
//! from it ([`crate::state::State`]).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::consent::{Consent, Stage};
use crate::hlc::Hlc;
use crate::ids::{ConsentId, PatientId, RequestId};
use crate::purpose::PurposeCode;
use crate::request::{PurposeOutcome, Request, RequestKind, RequestStatus};
use crate::staff::StaffId;

/// What outlives a destroyed subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestructionRecord {
    /// The clinic day the data were destroyed.
    pub destroyed_on: NaiveDate,
    /// Every request of the subject as it stood, its free text left out
    /// ([`Request::without_free_text`]), the destroying one with its disposal recorded.
    pub requests: Vec<Request>,
    /// What each consent covered and what became of it.
    pub consents: Vec<ConsentTrace>,
}

/// A consent, reduced to what an audit needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentTrace {
    pub consent: ConsentId,
    /// The purposes consented to.
    pub granted: BTreeSet<PurposeCode>,
    /// When the paper was confirmed signed; `None` for a consent never signed.
    pub signed_at: Option<Hlc>,
    /// The purposes taken back, with the withdrawal that took each back.
    pub withdrawn: Vec<(PurposeCode, RequestId)>,
}

impl ConsentTrace {
    pub fn of(consent: &Consent) -> ConsentTrace {
        let signed_at = match &consent.stage {
            Stage::Signed(signature) | Stage::Superseded { signature, .. } => Some(signature.at),
            Stage::Draft | Stage::FormPrinted => None,
        };
        ConsentTrace {
            consent: consent.id,
            granted: consent.granted().cloned().collect(),
            signed_at,
            withdrawn: consent
                .withdrawn
                .iter()
                .map(|(code, w)| (code.clone(), w.request))
                .collect(),
        }
    }
}

/// A subject the fold knows only from their destruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestroyedSubject {
    pub patient: PatientId,
    /// The withdrawal under which the data were destroyed.
    pub request: RequestId,
    pub at: Hlc,
    pub by: StaffId,
    pub record: DestructionRecord,
}

/// Why a subject cannot be destroyed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DestructionRefusal {
    /// Only a withdrawal whose every purpose was decided destroys data.
    #[error("the request is not a withdrawal with every purpose decided")]
    NotStopped,
    /// A purpose goes on under a legal ground (here or in an earlier withdrawal), or a consent is
    /// still in force for a purpose the withdrawal did not cover: the data are still needed.
    #[error("the subject's data are still processed for a purpose")]
    StillNeeded,
    /// Another request of the subject is open: its answer needs the data.
    #[error("another request of the subject is open")]
    OtherRequestOpen,
    /// The data are blocked under another request (a verification is running).
    #[error("the subject's data are blocked")]
    Blocked,
}

impl DestructionRefusal {
    pub fn code(self) -> &'static str {
        match self {
            DestructionRefusal::NotStopped => "destruction_not_stopped",
            DestructionRefusal::StillNeeded => "destruction_data_needed",
            DestructionRefusal::OtherRequestOpen => "destruction_other_request_open",
            DestructionRefusal::Blocked => "destruction_subject_blocked",
        }
    }
}

/// Whether `request` may destroy its subject as a whole: it is a withdrawal at "processing stopped"
/// with every purpose stopped, no consent of the subject keeps a purpose in force, no decision of
/// any request keeps processing going on another ground, no other request is open, and the data are
/// not blocked.
pub fn check_whole<'a>(
    request: &Request,
    consents: impl IntoIterator<Item = &'a Consent>,
    requests: impl IntoIterator<Item = &'a Request>,
    blocked: bool,
) -> Result<(), DestructionRefusal> {
    let decided = matches!(request.kind, RequestKind::Withdrawal(_))
        && request.status == RequestStatus::ProcessingStopped
        && !request.outcomes.is_empty();
    if !decided {
        return Err(DestructionRefusal::NotStopped);
    }
    if request
        .outcomes
        .values()
        .any(|o| *o != PurposeOutcome::Stopped)
    {
        return Err(DestructionRefusal::StillNeeded);
    }
    if blocked {
        return Err(DestructionRefusal::Blocked);
    }
    for consent in consents {
        let signed = matches!(consent.stage, Stage::Signed(_));
        if signed && !consent.in_force_purposes().is_empty() {
            return Err(DestructionRefusal::StillNeeded);
        }
    }
    for other in requests {
        if other
            .outcomes
            .values()
            .any(|o| matches!(o, PurposeOutcome::Continues { .. }))
        {
            return Err(DestructionRefusal::StillNeeded);
        }
        if other.id != request.id && other.status != RequestStatus::Closed {
            return Err(DestructionRefusal::OtherRequestOpen);
        }
    }
    Ok(())
}

impl DestructionRecord {
    /// The record of destroying the subject of `destroying` (already disposed) on `destroyed_on`.
    pub fn new<'a>(
        destroyed_on: NaiveDate,
        destroying: &Request,
        consents: impl IntoIterator<Item = &'a Consent>,
        requests: impl IntoIterator<Item = &'a Request>,
    ) -> DestructionRecord {
        let mut kept: Vec<Request> = requests
            .into_iter()
            .filter(|r| r.id != destroying.id)
            .map(Request::without_free_text)
            .collect();
        kept.push(destroying.without_free_text());
        kept.sort_by_key(|r| r.id);
        DestructionRecord {
            destroyed_on,
            requests: kept,
            consents: consents.into_iter().map(ConsentTrace::of).collect(),
        }
    }
}
