//! The requests and answers of the sync API (`/api/v1/…`), as JSON. Every message carries `wire`, the
//! [`WIRE_VERSION`](crate::WIRE_VERSION) of its writer; a reader of another version refuses it.

use serde::{Deserialize, Serialize};

use crate::WIRE_VERSION;
use crate::bytes::{b64, hex32, uuid16};
use crate::row::WireRow;

/// A subject's key sealed with the clinic key (the subject id bound as associated data). The server
/// keeps it and hands it out with the subject's rows; it cannot open it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrappedKey {
    #[serde(with = "uuid16")]
    pub subject: [u8; 16],
    #[serde(with = "b64")]
    pub nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub sealed: Vec<u8>,
}

impl std::fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WrappedKey")
            .field("subject", &uuid::Uuid::from_bytes(self.subject))
            .finish_non_exhaustive()
    }
}

/// The last row the server holds of one desk's series. The hash covers the whole chain, so equal
/// heads mean equal histories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    #[serde(with = "uuid16")]
    pub desk: [u8; 16],
    pub seq: u64,
    #[serde(with = "hex32")]
    pub hash: [u8; 32],
}

/// `POST /api/v1/enroll`: a new desk proves a one-time token and becomes a member of the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub wire: u32,
    #[serde(with = "uuid16")]
    pub token_id: [u8; 16],
    /// The token itself (derived from the code's secret); the server holds only its SHA-256.
    #[serde(with = "hex32")]
    pub token: [u8; 32],
    #[serde(with = "uuid16")]
    pub desk: [u8; 16],
    pub desk_name: String,
    /// The id of the clinic key this desk created, when it is the clinic's first desk.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_hex32")]
    pub clinic_key_id: Option<[u8; 32]>,
}

/// The answer to an enrollment.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollResponse {
    pub wire: u32,
    #[serde(with = "uuid16")]
    pub server: [u8; 16],
    /// This desk's credential (64 hex digits); the server keeps only its hash.
    pub credential: String,
    /// The clinic key sealed under the enrollment secret, for a further desk's code.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::bytes::b64_opt"
    )]
    pub package: Option<Vec<u8>>,
    /// The id of the clinic's key, once the clinic has one.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_hex32")]
    pub clinic_key_id: Option<[u8; 32]>,
}

impl std::fmt::Debug for EnrollResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollResponse")
            .field("server", &uuid::Uuid::from_bytes(self.server))
            .field("package", &self.package.is_some())
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/enrollments`: an enrolled desk registers a code an administrator made for a
/// further desk.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEnrollment {
    pub wire: u32,
    #[serde(with = "uuid16")]
    pub token_id: [u8; 16],
    /// SHA-256 of the token the new desk will present.
    #[serde(with = "hex32")]
    pub token_hash: [u8; 32],
    /// The clinic key sealed under the code's secret.
    #[serde(with = "b64")]
    pub package: Vec<u8>,
    /// When the code stops working (milliseconds since the Unix epoch).
    pub expires_ms: u64,
}

impl std::fmt::Debug for NewEnrollment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEnrollment")
            .field("token_id", &uuid::Uuid::from_bytes(self.token_id))
            .field("expires_ms", &self.expires_ms)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/push`: a batch of the calling desk's own rows, in sequence order, with the wrapped
/// keys of the subjects they are about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub wire: u32,
    pub rows: Vec<WireRow>,
    #[serde(default)]
    pub keys: Vec<WrappedKey>,
}

/// The answer to a push: what the server now holds of the desk's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushResponse {
    pub wire: u32,
    /// The server's head of this desk's series after the push.
    pub held: Option<Head>,
    /// How many of the batch's rows were new to the server.
    pub stored: u64,
}

/// One row of a pull page with the cursor the server gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PulledRow {
    pub cursor: u64,
    pub row: WireRow,
}

/// `POST /api/v1/pull`: rows after cursor `after`. With `wait_ms`, the server holds the request
/// until a row arrives or the wait ends (then answers with no rows): a long-poll, so a desk hears of
/// news within moments and never busy-polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    pub wire: u32,
    pub after: u64,
    pub limit: u32,
    #[serde(default)]
    pub wait_ms: u64,
}

/// The answer to a pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullResponse {
    pub wire: u32,
    #[serde(with = "uuid16")]
    pub server: [u8; 16],
    pub rows: Vec<PulledRow>,
    /// The wrapped keys of the subjects of `rows` that the server still holds.
    pub keys: Vec<WrappedKey>,
    /// The cursor to ask after next time.
    pub next: u64,
    /// Whether more rows wait after `next`.
    pub more: bool,
    /// The highest cursor the server has given. Below a desk's own cursor it means the server was
    /// put back from an older backup: the desk pulls again from the start and re-pushes.
    pub latest: u64,
    /// Every desk series the server holds, as of this answer.
    pub heads: Vec<Head>,
}

/// One desk as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskInfo {
    #[serde(with = "uuid16")]
    pub desk: [u8; 16],
    pub name: String,
    pub enrolled_ms: u64,
    pub last_seen_ms: Option<u64>,
    pub rows: u64,
    pub revoked_ms: Option<u64>,
}

/// `GET /api/v1/desks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskList {
    pub wire: u32,
    pub desks: Vec<DeskInfo>,
}

/// `POST /api/v1/desks/revoke`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeDesk {
    pub wire: u32,
    #[serde(with = "uuid16")]
    pub desk: [u8; 16],
}

/// An answer that carries nothing but its version (a revocation, an accepted enrollment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Done {
    pub wire: u32,
}

impl Done {
    pub fn new() -> Done {
        Done { wire: WIRE_VERSION }
    }
}

impl Default for Done {
    fn default() -> Self {
        Done::new()
    }
}

/// Why the server refused a request. Stable codes: desks show each with its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The request's wire version is not the server's.
    WireVersion,
    /// No credential, or one the server does not know.
    Unauthenticated,
    /// The desk's credential was revoked by an administrator.
    Revoked,
    /// A row of another desk's series in this desk's push.
    WrongDesk,
    /// The enrollment token is unknown, or its proof is wrong.
    TokenUnknown,
    TokenExpired,
    TokenUsed,
    /// The desk id is already enrolled.
    DeskExists,
    /// The clinic already has a key and this is a first-desk code, or the keys' ids differ.
    ClinicKeyMismatch,
    /// A further desk's code, but the clinic has no key yet.
    ClinicKeyMissing,
    /// The same (desk, seq) with other content than the server holds.
    Fork,
    /// A row that does not follow the last one held.
    Gap,
    BrokenLink,
    BadHash,
    Malformed,
    TooLarge,
    NotFound,
    /// The server is shutting down; try again.
    Unavailable,
    Internal,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::WireVersion => "wire_version",
            Refusal::Unauthenticated => "unauthenticated",
            Refusal::Revoked => "revoked",
            Refusal::WrongDesk => "wrong_desk",
            Refusal::TokenUnknown => "token_unknown",
            Refusal::TokenExpired => "token_expired",
            Refusal::TokenUsed => "token_used",
            Refusal::DeskExists => "desk_exists",
            Refusal::ClinicKeyMismatch => "clinic_key_mismatch",
            Refusal::ClinicKeyMissing => "clinic_key_missing",
            Refusal::Fork => "fork",
            Refusal::Gap => "gap",
            Refusal::BrokenLink => "broken_link",
            Refusal::BadHash => "bad_hash",
            Refusal::Malformed => "malformed",
            Refusal::TooLarge => "too_large",
            Refusal::NotFound => "not_found",
            Refusal::Unavailable => "unavailable",
            Refusal::Internal => "internal",
        }
    }

    pub const ALL: [Refusal; 19] = [
        Refusal::WireVersion,
        Refusal::Unauthenticated,
        Refusal::Revoked,
        Refusal::WrongDesk,
        Refusal::TokenUnknown,
        Refusal::TokenExpired,
        Refusal::TokenUsed,
        Refusal::DeskExists,
        Refusal::ClinicKeyMismatch,
        Refusal::ClinicKeyMissing,
        Refusal::Fork,
        Refusal::Gap,
        Refusal::BrokenLink,
        Refusal::BadHash,
        Refusal::Malformed,
        Refusal::TooLarge,
        Refusal::NotFound,
        Refusal::Unavailable,
        Refusal::Internal,
    ];
}

/// The body of every refusal: `{wire, code, message, seq}`. `message` is English, for logs; desks
/// word the code themselves. `seq` names the row a push was refused at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub wire: u32,
    pub code: Refusal,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
}

/// The HTTP header every request and answer of the API carries with its wire version, so a
/// version mismatch is seen before any body is read.
pub const WIRE_HEADER: &str = "consent-wire";

/// Reads just the `wire` field of a message, so a reader can refuse another version before it
/// tries to read the rest as its own.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct WireOnly {
    pub wire: u32,
}

mod opt_hex32 {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<[u8; 32]>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_some(&hex::encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<[u8; 32]>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|t| {
            let mut out = [0u8; 32];
            hex::decode_to_slice(t.as_bytes(), &mut out)
                .map_err(|_| D::Error::custom("not 64 hex digits"))?;
            Ok(out)
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_code_is_its_json_spelling() {
        for r in Refusal::ALL {
            let json = serde_json::to_string(&r).expect("serialises");
            assert_eq!(json, format!("\"{}\"", r.code()));
            let back: Refusal = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, r);
        }
    }

    #[test]
    fn a_message_of_another_version_is_seen_before_it_is_read() {
        let json = r#"{"wire":2,"rows":[{"new":"shape"}]}"#;
        let only: WireOnly = serde_json::from_str(json).expect("the version reads");
        assert_eq!(only.wire, 2);
        assert!(serde_json::from_str::<PushRequest>(json).is_err());
    }
}
