//! Why a sync use case did not happen, as the service reports it: a stable code per cause, with
//! the facts a message needs and nothing else (no credential, no key, no personal data).

use consent_sync::SyncError;
use consent_sync::client::ClientError;
use consent_wire::Refusal;
use consent_wire::code::show_fingerprint;

/// One cause of a failed join, sync or desk code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProblem {
    NotJoined,
    AlreadyJoined,
    Unreachable,
    CertificateChanged {
        expected: String,
        seen: String,
    },
    Revoked,
    Unauthenticated,
    CodeUsed,
    CodeExpired,
    CodeUnknown,
    /// The server refused what the desk sent (its reason's code, in English, for the log).
    ServerRefused {
        code: &'static str,
    },
    WireVersion,
    BadAnswer,
    CodeInvalid,
    Package,
    ClinicKeyMismatch,
    Sealed,
    ServerChanged,
    Diverged,
    OwnRowsAhead {
        server_seq: u64,
        local_seq: u64,
    },
}

impl SyncProblem {
    pub fn code(&self) -> &'static str {
        match self {
            SyncProblem::NotJoined => "sync_not_joined",
            SyncProblem::AlreadyJoined => "sync_already_joined",
            SyncProblem::Unreachable => "sync_unreachable",
            SyncProblem::CertificateChanged { .. } => "sync_certificate_changed",
            SyncProblem::Revoked => "sync_revoked",
            SyncProblem::Unauthenticated => "sync_unauthenticated",
            SyncProblem::CodeUsed => "sync_code_used",
            SyncProblem::CodeExpired => "sync_code_expired",
            SyncProblem::CodeUnknown => "sync_code_unknown",
            SyncProblem::ServerRefused { .. } => "sync_server_refused",
            SyncProblem::WireVersion => "sync_wire_version",
            SyncProblem::BadAnswer => "sync_bad_answer",
            SyncProblem::CodeInvalid => "sync_code_invalid",
            SyncProblem::Package => "sync_package",
            SyncProblem::ClinicKeyMismatch => "sync_clinic_key_mismatch",
            SyncProblem::Sealed => "sync_sealed",
            SyncProblem::ServerChanged => "sync_server_changed",
            SyncProblem::Diverged => "sync_diverged",
            SyncProblem::OwnRowsAhead { .. } => "sync_own_rows_ahead",
        }
    }

    /// Every code, for the catalogue's completeness test.
    pub const CODES: [&'static str; 19] = [
        "sync_not_joined",
        "sync_already_joined",
        "sync_unreachable",
        "sync_certificate_changed",
        "sync_revoked",
        "sync_unauthenticated",
        "sync_code_used",
        "sync_code_expired",
        "sync_code_unknown",
        "sync_server_refused",
        "sync_wire_version",
        "sync_bad_answer",
        "sync_code_invalid",
        "sync_package",
        "sync_clinic_key_mismatch",
        "sync_sealed",
        "sync_server_changed",
        "sync_diverged",
        "sync_own_rows_ahead",
    ];
}

/// A sync failure in the service's terms: the store's own errors stay store errors.
pub(crate) fn from_sync(error: SyncError) -> crate::ServiceError {
    let problem = match error {
        SyncError::Store(e) => return crate::ServiceError::Store(e),
        SyncError::NotJoined => SyncProblem::NotJoined,
        SyncError::AlreadyJoined => SyncProblem::AlreadyJoined,
        SyncError::Code(_) => SyncProblem::CodeInvalid,
        SyncError::Package => SyncProblem::Package,
        SyncError::ClinicKeyMismatch => SyncProblem::ClinicKeyMismatch,
        SyncError::Sealed => SyncProblem::Sealed,
        SyncError::ServerChanged => SyncProblem::ServerChanged,
        SyncError::Diverged { .. } => SyncProblem::Diverged,
        SyncError::OwnRowsAhead {
            server_seq,
            local_seq,
        } => SyncProblem::OwnRowsAhead {
            server_seq,
            local_seq,
        },
        SyncError::Client(e) => match e {
            ClientError::Unreachable(_) => SyncProblem::Unreachable,
            ClientError::CertificateChanged { expected, seen } => SyncProblem::CertificateChanged {
                expected: show_fingerprint(&expected),
                seen: show_fingerprint(&seen),
            },
            ClientError::WireVersion { .. } => SyncProblem::WireVersion,
            ClientError::BadAnswer(_) => SyncProblem::BadAnswer,
            ClientError::Refused { code, .. } => match code {
                Refusal::Revoked => SyncProblem::Revoked,
                Refusal::Unauthenticated => SyncProblem::Unauthenticated,
                Refusal::TokenUsed => SyncProblem::CodeUsed,
                Refusal::TokenExpired => SyncProblem::CodeExpired,
                Refusal::TokenUnknown => SyncProblem::CodeUnknown,
                Refusal::WireVersion => SyncProblem::WireVersion,
                Refusal::Unavailable => SyncProblem::Unreachable,
                Refusal::ClinicKeyMismatch | Refusal::ClinicKeyMissing => {
                    SyncProblem::ClinicKeyMismatch
                }
                other => SyncProblem::ServerRefused { code: other.code() },
            },
        },
    };
    crate::ServiceError::Sync(problem)
}
