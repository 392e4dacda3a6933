//! What identifies a printed form instance: the QR payload and the short code people can read aloud or
//! type when the scanner is broken (computed by the domain, which the store's index shares).

pub use consent_domain::form_code::{normalize_short_code, short_code};
use consent_domain::ids::FormId;

/// The prefix of every form's QR payload; the service strips it when a scan comes in.
pub const QR_PREFIX: &str = "consent-desk:form:";

/// The QR code's content: `consent-desk:form:<hyphenated lowercase uuid>`.
pub fn qr_payload(form: FormId) -> String {
    format!("{QR_PREFIX}{}", form.as_uuid().hyphenated())
}

/// SplitMix64's finaliser: every input bit affects every output bit. The recovery sheet's document id
/// digests with it (the short code's own copy lives with the code, in the domain).
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn form(n: u128) -> FormId {
        FormId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn payload_is_the_prefix_and_the_hyphenated_uuid() {
        let id = form(0x0190_0000_0000_7000_8000_0000_0000_0001);
        assert_eq!(
            qr_payload(id),
            "consent-desk:form:01900000-0000-7000-8000-000000000001"
        );
    }
}
