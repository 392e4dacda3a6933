//! Ids as hyphenated lowercase UUID strings (`01900000-0000-7000-8000-000000000001`).
//!
//! Domain ids print that way and parse back with `FromStr`; [`StaffId`] is a `u128` newtype, so it goes
//! through [`Uuid`] to read the same as every other id.

use std::str::FromStr;

use consent_domain::ids::BadId;
use consent_domain::staff::StaffId;
use uuid::Uuid;

use super::CodecError;

/// Parses a domain id (`PatientId`, `ConsentId`, ...) stored at `field`.
pub fn parse_id<T>(text: &str, field: &'static str) -> Result<T, CodecError>
where
    T: FromStr<Err = BadId>,
{
    text.parse().map_err(|_| CodecError::BadId { field })
}

/// A staff id as a hyphenated UUID string.
pub fn staff_to_string(id: StaffId) -> String {
    Uuid::from_u128(id.as_u128()).hyphenated().to_string()
}

/// Parses a staff id stored at `field`.
pub fn parse_staff(text: &str, field: &'static str) -> Result<StaffId, CodecError> {
    Uuid::parse_str(text)
        .map(|uuid| StaffId::from_u128(uuid.as_u128()))
        .map_err(|_| CodecError::BadId { field })
}

#[cfg(test)]
mod tests {
    use consent_domain::ids::PatientId;

    use super::*;

    #[test]
    fn staff_ids_read_like_other_ids() {
        let staff = StaffId::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
        assert_eq!(
            staff_to_string(staff),
            "01900000-0000-7000-8000-000000000001"
        );
        assert_eq!(staff_to_string(staff), staff.to_string());
        assert_eq!(parse_staff(&staff_to_string(staff), "actor"), Ok(staff));
        assert_eq!(
            parse_staff("not-a-uuid", "actor"),
            Err(CodecError::BadId { field: "actor" })
        );
    }

    #[test]
    fn domain_ids_parse_or_name_their_field() {
        let id: PatientId = parse_id("01900000-0000-7000-8000-000000000001", "patient").unwrap();
        assert_eq!(id.to_string(), "01900000-0000-7000-8000-000000000001");
        let bad: Result<PatientId, _> = parse_id("0190", "patient");
        assert_eq!(bad, Err(CodecError::BadId { field: "patient" }));
    }
}
