//! Typed identifiers. Every id is a UUID (version 7 when this project makes it, so ids sort by creation
//! time), wrapped in its own type so a patient's id can never be passed where a consent's is expected.
//! The domain never makes ids: callers pass them in.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

/// A string that is not a UUID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {kind} id")]
pub struct BadId {
    pub kind: &'static str,
}

impl BadId {
    pub fn code(&self) -> &'static str {
        "bad_id"
    }
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Uuid);

        impl $name {
            pub const KIND: &'static str = $kind;

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }

            pub fn as_bytes(&self) -> &[u8; 16] {
                self.0.as_bytes()
            }

            pub fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(Uuid::from_bytes(bytes))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = BadId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| BadId { kind: $kind })
            }
        }
    };
}

uuid_id!(
    /// A data subject (patient) registered at the clinic.
    PatientId,
    "patient"
);
uuid_id!(
    /// One consent document (a set of purpose decisions given on one form).
    ConsentId,
    "consent"
);
uuid_id!(
    /// A subject's request: a withdrawal, an access request, a correction, a complaint, a claim.
    RequestId,
    "request"
);
uuid_id!(
    /// One printed form instance (its QR code carries this id).
    FormId,
    "form"
);
uuid_id!(
    /// One ledger event.
    EventId,
    "event"
);
uuid_id!(
    /// One desk (a workstation with its own database and its own event series).
    DeskId,
    "desk"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_bytes() {
        let uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
        let id = PatientId::from_uuid(uuid);
        assert_eq!(id.to_string(), "01900000-0000-7000-8000-000000000001");
        assert_eq!(id.to_string().parse::<PatientId>(), Ok(id));
        assert_eq!(PatientId::from_bytes(*id.as_bytes()), id);
        assert_eq!(
            format!("{id:?}"),
            "PatientId(01900000-0000-7000-8000-000000000001)"
        );
    }

    #[test]
    fn malformed_ids_name_their_kind() {
        for text in ["", "123", "01900000-0000-7000-8000-00000000000g"] {
            let err = text.parse::<ConsentId>().expect_err(text);
            assert_eq!(err.kind, "consent", "{text:?}");
            assert_eq!(err.code(), "bad_id");
        }
    }
}
