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

/// What a scanner or a person typed to name a printed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormCode {
    /// The QR code's payload, `consent-desk:form:<uuid>`, or a bare UUID.
    Id(FormId),
    /// A short code in canonical form (`XXXX-XXXX`): the caller finds the form it belongs to.
    Short(String),
}

/// Reads a scanned QR payload, a bare UUID or a typed short code (see [`normalize_short_code`]);
/// `None` when the text is none of them. Blanks around the text are ignored.
pub fn read_form_code(text: &str) -> Option<FormCode> {
    let text = text.trim();
    let id = text.strip_prefix(QR_PREFIX).unwrap_or(text);
    if let Ok(form) = id.parse::<FormId>() {
        return Some(FormCode::Id(form));
    }
    normalize_short_code(text).map(FormCode::Short)
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

    #[test]
    fn a_scan_a_uuid_or_a_short_code_names_a_form() {
        let form = FormId::from_uuid(Uuid::from_u128(0x0199_0000_0000_7000_8000_0000_0000_0001));
        for text in [qr_payload(form), format!(" {}\n", form.as_uuid())] {
            assert_eq!(read_form_code(&text), Some(FormCode::Id(form)), "{text:?}");
        }
        let short = short_code(form);
        assert_eq!(
            read_form_code(&short.to_lowercase()),
            Some(FormCode::Short(short))
        );
        for text in [
            "",
            "consent-desk:form:",
            "consent-desk:form:ABCD-EFGH-1",
            "no",
        ] {
            assert_eq!(read_form_code(text), None, "{text:?}");
        }
    }

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
