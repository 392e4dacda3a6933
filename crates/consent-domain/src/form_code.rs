//! The short code printed beside a form's QR code (`XXXX-XXXX`), which people read aloud or type when
//! the scanner is broken. It lives here rather than with the PDFs because the store keeps each printed
//! form's code in an indexed column, so a typed code is found by one index lookup: the forms print it
//! and the store indexes it, and both must compute exactly the same thing.
//!
//! The code is 40 bits of a fixed digest of the form id: it says nothing the form id does not (an id
//! made by the desk, holding a print time and random bits, no personal data), and nothing can be
//! recovered from it but a guess at which form it was.

use crate::ids::FormId;

/// Crockford's base32 alphabet: digits and capitals without I, L, O and U, so nothing reads as
/// another character (0/O, 1/I/L) and no accidental words appear.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The short code printed next to the QR code, `XXXX-XXXX`: 40 bits in Crockford base32.
///
/// The 40 bits are a digest of the whole UUID rather than its first 40 bits: the project makes
/// UUIDv7 ids, whose leading 48 bits are a millisecond timestamp, so forms printed within the same
/// quarter of a second would otherwise share a code. The digest is fixed (a SplitMix64 finaliser over
/// both halves): the same form always gets the same code, on every desk and in every version.
pub fn short_code(form: FormId) -> String {
    let bits = form.as_uuid().as_u128();
    // Both casts keep exactly 64 bits of the u128 on purpose.
    let high = (bits >> 64) as u64;
    let low = bits as u64;
    let digest = mix(high ^ mix(low)) >> 24;
    let mut out = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            out.push('-');
        }
        let shift = 35 - 5 * i;
        let index = ((digest >> shift) & 0x1f) as usize;
        out.push(char::from(CROCKFORD[index]));
    }
    out
}

/// A typed short code in canonical form (`XXXX-XXXX`), or `None` when it cannot be one. Accepts lower
/// case, a missing or extra hyphen and spaces, and reads O as 0 and I or L as 1, as Crockford intends.
pub fn normalize_short_code(typed: &str) -> Option<String> {
    let mut symbols = String::with_capacity(8);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !CROCKFORD.contains(&u8::try_from(c).ok()?) {
            return None;
        }
        symbols.push(c);
    }
    if symbols.len() != 8 {
        return None;
    }
    Some(format!("{}-{}", &symbols[..4], &symbols[4..]))
}

/// SplitMix64's finaliser: every input bit affects every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use uuid::Uuid;

    use super::*;

    fn form(n: u128) -> FormId {
        FormId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn short_codes_have_the_shape_and_no_ambiguous_letters() {
        for n in 0..2_000u128 {
            let code = short_code(form(n));
            assert_eq!(code.len(), 9, "{code}");
            assert_eq!(&code[4..5], "-", "{code}");
            assert!(
                code.chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()),
                "{code}"
            );
            assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
            assert_eq!(normalize_short_code(&code), Some(code.clone()));
        }
    }

    #[test]
    fn uuid7s_of_the_same_millisecond_get_different_codes() {
        // Same 48-bit timestamp, version 7, different random tails.
        let base: u128 = 0x0190_1234_5678_7000_8000_0000_0000_0000;
        let codes: BTreeSet<String> = (1..=1_000u128)
            .map(|n| short_code(form(base + n)))
            .collect();
        assert_eq!(codes.len(), 1_000);
    }

    #[test]
    fn the_code_of_a_form_never_changes() {
        // Pinned: printed papers carry these codes, and databases store them in an indexed column;
        // changing the digest would orphan both.
        assert_eq!(short_code(form(0)), "0000-0000");
        assert_eq!(
            short_code(form(0x0190_0000_0000_7000_8000_0000_0000_0001)),
            "XVPP-TNTY"
        );
        assert_eq!(
            short_code(form(0x0190_0000_0000_7000_8000_0000_0000_0002)),
            "80DJ-7V0Y"
        );
    }

    #[test]
    fn typed_codes_are_normalized() {
        let cases = [
            ("abcd-efgh", Some("ABCD-EFGH")),
            ("ABCDEFGH", Some("ABCD-EFGH")),
            (" ab cd ef gh ", Some("ABCD-EFGH")),
            ("o1l0-i234", Some("0110-1234")),
            ("ABCD-EFG", None),
            ("ABCD-EFGHJ", None),
            ("ABCD-EFGU", None),
            ("АБВГ-ДЕЖЗ", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(
                normalize_short_code(typed).as_deref(),
                expected,
                "{typed:?}"
            );
        }
    }
}
