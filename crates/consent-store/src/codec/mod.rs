//! The stored format of ledger event bodies and projected objects: versioned, serde-serializable mirror
//! types ("DTOs") of the domain's types, which have no serde of their own.
//!
//! Every stored value is one JSON object whose first field is the format version, `"v": 1`, followed by
//! the DTO's fields; an event body also carries its `"type"` (the same name as `EventBody::kind`; the
//! one exception is `data_disposed`, read from older ledgers and never written, which
//! `data_destroyed` and `data_blocked` replaced):
//!
//! ```json
//! {"v":1,"type":"request_started","patient":"00000000-0000-0000-0000-000000001001","request":"00000000-0000-0000-0000-000000004001"}
//! ```
//!
//! Conventions: ids (staff ids too) are hyphenated lowercase UUID strings; dates are `YYYY-MM-DD`;
//! purpose codes and policy version ids are their strings; plain enums are snake_case codes; enums with
//! data are objects tagged by `"code"`; clock readings are `{"wall_ms": u64, "counter": u32}`; absent
//! optional values are `null`. Unknown fields are refused, so a newer writer must bump `"v"` rather
//! than add data an older reader would silently drop.
//!
//! Patients are stored as their normalized edit form and validated again when read, as of the day the
//! record was made (see [`patient`]).
//!
//! Errors ([`CodecError`]) never quote what was read: stored bodies hold personal data.

pub mod clinic;
pub mod codes;
pub mod consent;
pub mod dates;
pub mod destruction;
mod error;
pub mod event;
pub mod hlc;
pub mod ids;
pub mod patient;
pub mod request;
pub mod staff;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use consent_domain::consent::Consent;
use consent_domain::event::EventBody;
use consent_domain::request::Request;
use consent_domain::staff::Staff;
use consent_domain::state::PatientRecord;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use consent::ConsentV1;
pub use error::CodecError;
pub use event::EventBodyV1;
pub use hlc::HlcV1;
pub use patient::{PatientRecordV1, PatientV1};
pub use request::RequestV1;
pub use staff::StaffV1;

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// `{"v": 1, ...dto}`: the version first, then the DTO's own fields.
#[derive(Serialize)]
struct Envelope<'a, T> {
    v: u64,
    #[serde(flatten)]
    dto: &'a T,
}

fn encode<T: Serialize>(dto: &T) -> Vec<u8> {
    let envelope = Envelope {
        v: FORMAT_VERSION,
        dto,
    };
    // Cannot fail: every DTO is plain structs, strings, numbers and string-keyed maps.
    serde_json::to_vec(&envelope).expect("a DTO always serializes to JSON")
}

/// What [`encode`] writes before a DTO's own fields (`{"v": 1, ...}` without spaces). Pinned to
/// [`FORMAT_VERSION`] and to `encode` by a test.
pub(crate) const ENCODED_PREFIX: &[u8] = b"{\"v\":1,";

/// Checks the envelope's version, then reads the DTO from the rest of the object.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    // What this build writes is read straight into the DTO: the object without its `"v":1,`. Going
    // through a `serde_json::Value` first (a map and a string per field) was a large share of an
    // ingest's time, which decodes every body and the slice's records for every event. Every DTO
    // denies unknown fields and none has a `v` of its own, so the shortcut accepts exactly what
    // the general path below accepts, with the same result; anything it refuses (another layout,
    // a duplicate key, bad data) goes the general path, which gives the answer and the error.
    // The next byte must open a field name, so both paths read an object of the same members.
    if let Some(rest) = bytes.strip_prefix(ENCODED_PREFIX)
        && rest.first() == Some(&b'"')
    {
        let mut object = Vec::with_capacity(rest.len() + 1);
        object.push(b'{');
        object.extend_from_slice(rest);
        if let Ok(dto) = serde_json::from_slice(&object) {
            return Ok(dto);
        }
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| CodecError::from_json(&e))?;
    let serde_json::Value::Object(mut object) = value else {
        return Err(CodecError::BadShape);
    };
    let version = object
        .remove("v")
        .and_then(|v| v.as_u64())
        .ok_or(CodecError::MissingVersion)?;
    if version != FORMAT_VERSION {
        return Err(CodecError::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| CodecError::from_json(&e))
}

/// An event body as stored JSON bytes.
pub fn encode_body(body: &EventBody) -> Vec<u8> {
    encode(&EventBodyV1::from(body))
}

/// Reads an event body back; a patient in it is validated again as of the day it was first validated.
pub fn decode_body(bytes: &[u8]) -> Result<EventBody, CodecError> {
    decode::<EventBodyV1>(bytes)?.into_domain()
}

/// A projected consent as stored JSON bytes.
pub fn encode_consent(consent: &Consent) -> Vec<u8> {
    encode(&ConsentV1::from(consent))
}

/// Reads a projected consent back.
pub fn decode_consent(bytes: &[u8]) -> Result<Consent, CodecError> {
    decode::<ConsentV1>(bytes)?.try_into()
}

/// A projected request as stored JSON bytes.
pub fn encode_request(request: &Request) -> Vec<u8> {
    encode(&RequestV1::from(request))
}

/// Reads a projected request back.
pub fn decode_request(bytes: &[u8]) -> Result<Request, CodecError> {
    decode::<RequestV1>(bytes)?.try_into()
}

/// A destroyed subject as projected, as stored JSON bytes.
pub fn encode_destroyed(subject: &consent_domain::destruction::DestroyedSubject) -> Vec<u8> {
    encode(&destruction::DestroyedSubjectV1::from(subject))
}

/// Reads a destroyed subject back.
pub fn decode_destroyed(
    bytes: &[u8],
) -> Result<consent_domain::destruction::DestroyedSubject, CodecError> {
    decode::<destruction::DestroyedSubjectV1>(bytes)?.try_into()
}

/// A patient record as stored JSON bytes.
pub fn encode_patient_record(record: &PatientRecord) -> Vec<u8> {
    encode(&PatientRecordV1::new(record))
}

/// Reads a patient record back, validating the patient as of the day it was first validated.
pub fn decode_patient_record(bytes: &[u8]) -> Result<PatientRecord, CodecError> {
    decode::<PatientRecordV1>(bytes)?.try_into()
}

/// A staff account as stored JSON bytes.
pub fn encode_staff(staff: &Staff) -> Vec<u8> {
    encode(&StaffV1::from(staff))
}

/// Reads a staff account back (login and full name checked again).
pub fn decode_staff(bytes: &[u8]) -> Result<Staff, CodecError> {
    decode::<StaffV1>(bytes)?.try_into()
}

/// An ISO date as the store writes it in its columns, or `None`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    dates::parse_iso(text, "date").ok()
}

/// The clinic's details as stored in the settings projection.
pub fn encode_clinic(clinic: &consent_domain::clinic::ClinicDetails) -> Vec<u8> {
    encode(&clinic::ClinicV1::from(clinic))
}

/// Reads [`encode_clinic`]'s bytes back (validated again).
pub fn decode_clinic(bytes: &[u8]) -> Result<consent_domain::clinic::ClinicDetails, CodecError> {
    decode::<clinic::ClinicV1>(bytes)?.into_domain()
}
