//! The snake_case codes of the domain's plain enums.
//!
//! The codes are spelled here, not borrowed from the domain's `code()` at run time: they are a stored
//! format, and a rename in the domain must not silently change what old rows mean. Where the domain
//! has a `code()`, a test checks that both spell every variant the same. Encoding is an exhaustive
//! `match`, so a new domain variant fails to compile until it has a code here.

use std::collections::BTreeSet;

use consent_domain::consent::{ConsentChannel, Decision};
use consent_domain::purpose::{PolicyVersionId, PurposeCode};
use consent_domain::request::{Disposal, RequestChannel, RequestStatus};
use consent_domain::staff::Role;

use super::CodecError;

/// Parses a purpose code (`advertising`) stored at `field`.
pub fn parse_purpose(code: String, field: &'static str) -> Result<PurposeCode, CodecError> {
    PurposeCode::parse(code).map_err(|_| CodecError::BadPurposeCode { field })
}

/// Parses a set of purpose codes stored at `field` (a JSON array; order and repeats do not matter).
pub fn parse_purposes(
    codes: Vec<String>,
    field: &'static str,
) -> Result<BTreeSet<PurposeCode>, CodecError> {
    codes
        .into_iter()
        .map(|code| parse_purpose(code, field))
        .collect()
}

/// A set of purpose codes as a sorted array.
pub fn purposes_to_vec(codes: &BTreeSet<PurposeCode>) -> Vec<String> {
    codes.iter().map(|code| code.as_str().to_owned()).collect()
}

/// Parses a policy version id (`2024-01`) stored at `field`.
pub fn parse_policy_version(
    id: String,
    field: &'static str,
) -> Result<PolicyVersionId, CodecError> {
    PolicyVersionId::parse(id).map_err(|_| CodecError::BadPolicyVersion { field })
}

macro_rules! codes {
    ($(#[$doc:meta])* $ty:ty, $encode:ident, $decode:ident, { $($variant:path => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        pub fn $encode(value: $ty) -> &'static str {
            match value {
                $($variant => $code,)+
            }
        }

        /// Parses the code stored at `field`.
        pub fn $decode(code: &str, field: &'static str) -> Result<$ty, CodecError> {
            match code {
                $($code => Ok($variant),)+
                _ => Err(CodecError::UnknownCode { field }),
            }
        }
    };
}

codes!(
    /// `granted` or `refused`.
    Decision, decision_code, parse_decision, {
        Decision::Granted => "granted",
        Decision::Refused => "refused",
    }
);

codes!(
    /// `paper`.
    ConsentChannel, consent_channel_code, parse_consent_channel, {
        ConsentChannel::Paper => "paper",
    }
);

codes!(
    /// Same as [`RequestChannel::code`].
    RequestChannel, request_channel_code, parse_request_channel, {
        RequestChannel::InPerson => "in_person",
        RequestChannel::Email => "email",
        RequestChannel::Post => "post",
    }
);

codes!(
    /// Same as [`RequestStatus::code`].
    RequestStatus, request_status_code, parse_request_status, {
        RequestStatus::Received => "received",
        RequestStatus::InProgress => "in_progress",
        RequestStatus::ProcessingStopped => "processing_stopped",
        RequestStatus::DataDisposed => "data_disposed",
        RequestStatus::SubjectNotified => "subject_notified",
        RequestStatus::Closed => "closed",
    }
);

codes!(
    /// `destroyed` or `blocked`.
    Disposal, disposal_code, parse_disposal, {
        Disposal::Destroyed => "destroyed",
        Disposal::Blocked => "blocked",
    }
);

codes!(
    /// Same as [`Role::code`].
    Role, role_code, parse_role, {
        Role::Reception => "reception",
        Role::Manager => "manager",
        Role::Admin => "admin",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_agree_with_the_domain_and_parse_back() {
        for channel in [
            RequestChannel::InPerson,
            RequestChannel::Email,
            RequestChannel::Post,
        ] {
            assert_eq!(request_channel_code(channel), channel.code());
            assert_eq!(
                parse_request_channel(channel.code(), "channel"),
                Ok(channel)
            );
        }
        for status in [
            RequestStatus::Received,
            RequestStatus::InProgress,
            RequestStatus::ProcessingStopped,
            RequestStatus::DataDisposed,
            RequestStatus::SubjectNotified,
            RequestStatus::Closed,
        ] {
            assert_eq!(request_status_code(status), status.code());
            assert_eq!(parse_request_status(status.code(), "status"), Ok(status));
        }
        for role in Role::ALL {
            assert_eq!(role_code(role), role.code());
            assert_eq!(parse_role(role.code(), "role"), Ok(role));
        }
        for decision in [Decision::Granted, Decision::Refused] {
            assert_eq!(
                parse_decision(decision_code(decision), "decision"),
                Ok(decision)
            );
        }
        for disposal in [Disposal::Destroyed, Disposal::Blocked] {
            assert_eq!(
                parse_disposal(disposal_code(disposal), "disposal"),
                Ok(disposal)
            );
        }
        assert_eq!(
            parse_consent_channel(consent_channel_code(ConsentChannel::Paper), "channel"),
            Ok(ConsentChannel::Paper)
        );
    }

    #[test]
    fn unknown_and_differently_cased_codes_are_refused() {
        for code in ["", "Email", "e-mail", "fax", " post"] {
            assert_eq!(
                parse_request_channel(code, "channel"),
                Err(CodecError::UnknownCode { field: "channel" }),
                "{code:?}"
            );
        }
    }
}
