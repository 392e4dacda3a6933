//! The enrollment code: everything a new desk needs to join the clinic's server, as one line of text
//! that a barcode scanner types from the printed sheet's QR code (or a person types from the sheet).
//!
//! It carries the server's address, the SHA-256 fingerprint of its certificate (desks pin it: clinics
//! have no public CA), a one-time token's id, and a 256-bit secret. The token the server checks and
//! the key that opens the clinic-key package are both derived from the secret, so the server, which
//! never sees the secret, can neither open the package nor make one of its own.
//!
//! Text: `consent-desk:join:` then Crockford base32 (digits and capitals without I, L, O, U) of
//! version, kind, fingerprint, token id, secret, port, host, and a 4-byte checksum that catches a
//! mistyped character. Reading ignores case, blanks and hyphens, and reads I and L as 1, O as 0.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// What a code's text starts with.
pub const PREFIX: &str = "consent-desk:join:";

const VERSION: u8 = 1;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const MAX_HOST: usize = 253;

/// Whom the code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// Made by `consent-server init` (or `consent-server code`): the clinic's first desk, which
    /// creates the clinic key if the clinic has none.
    First,
    /// Made by an administrator at an enrolled desk: the server holds the clinic key sealed under
    /// the code's secret, and a desk joining with it refuses to go on without that package.
    Further,
}

/// A decoded enrollment code. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct EnrollmentCode {
    pub kind: CodeKind,
    /// `host` (a DNS name or an IPv4 address) and `port` of the server.
    pub host: String,
    pub port: u16,
    /// SHA-256 of the server certificate's DER bytes.
    pub fingerprint: [u8; 32],
    pub token_id: [u8; 16],
    pub secret: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for EnrollmentCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentCode")
            .field("kind", &self.kind)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("fingerprint", &hex::encode(self.fingerprint))
            .field("secret", &"***")
            .finish_non_exhaustive()
    }
}

/// Why a text is not an enrollment code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the text is not an enrollment code")]
    NotACode,
    #[error("the code has a mistyped or missing character")]
    Checksum,
    #[error("the code was made by a newer Consent Desk")]
    Version,
    #[error("the server address in the code is not valid")]
    Address,
}

impl CodeError {
    pub fn code(self) -> &'static str {
        match self {
            CodeError::NotACode => "code_not_a_code",
            CodeError::Checksum => "code_checksum",
            CodeError::Version => "code_version",
            CodeError::Address => "code_address",
        }
    }
}

/// A certificate fingerprint as an administrator compares it: hex pairs in groups of four bytes.
pub fn show_fingerprint(fp: &[u8; 32]) -> String {
    fp.chunks(4)
        .map(hex::encode_upper)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `host` is a name or IPv4 address a code may carry: letters, digits, dots and hyphens.
pub fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= MAX_HOST
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-'])
}

impl EnrollmentCode {
    /// The token the server checks, derived from the secret.
    pub fn token(&self) -> [u8; 32] {
        derive(&self.secret, b"token")
    }

    /// The key that seals and opens the clinic-key package, derived from the secret.
    pub fn package_key(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(derive(&self.secret, b"clinic-key"))
    }

    /// The code as text.
    pub fn to_text(&self) -> Result<String, CodeError> {
        if !valid_host(&self.host) {
            return Err(CodeError::Address);
        }
        let mut bytes = Zeroizing::new(Vec::with_capacity(128));
        bytes.push(VERSION);
        bytes.push(match self.kind {
            CodeKind::First => 0,
            CodeKind::Further => 1,
        });
        bytes.extend_from_slice(&self.fingerprint);
        bytes.extend_from_slice(&self.token_id);
        bytes.extend_from_slice(&self.secret[..]);
        bytes.extend_from_slice(&self.port.to_be_bytes());
        bytes.push(self.host.len() as u8);
        bytes.extend_from_slice(self.host.as_bytes());
        let check = Sha256::digest(&bytes[..]);
        bytes.extend_from_slice(&check[..4]);
        Ok(format!("{PREFIX}{}", encode(&bytes)))
    }

    /// Reads a code as typed or scanned.
    pub fn parse(text: &str) -> Result<EnrollmentCode, CodeError> {
        let text = text.trim();
        let body = match text.get(..PREFIX.len()) {
            Some(head) if head.eq_ignore_ascii_case(PREFIX) => &text[PREFIX.len()..],
            _ => text,
        };
        let bytes = Zeroizing::new(decode(body).ok_or(CodeError::NotACode)?);
        // version, kind, fingerprint, token id, secret, port, host length, checksum
        const FIXED: usize = 1 + 1 + 32 + 16 + 32 + 2 + 1;
        if bytes.len() < FIXED + 4 {
            return Err(CodeError::NotACode);
        }
        let (content, check) = bytes.split_at(bytes.len() - 4);
        if Sha256::digest(content)[..4] != *check {
            return Err(CodeError::Checksum);
        }
        if content[0] != VERSION {
            return Err(CodeError::Version);
        }
        let kind = match content[1] {
            0 => CodeKind::First,
            1 => CodeKind::Further,
            _ => return Err(CodeError::Version),
        };
        let take = |from: usize, n: usize| &content[from..from + n];
        let host_len = usize::from(content[FIXED - 1]);
        if content.len() != FIXED + host_len {
            return Err(CodeError::NotACode);
        }
        let host = std::str::from_utf8(&content[FIXED..])
            .map_err(|_| CodeError::Address)?
            .to_owned();
        if !valid_host(&host) {
            return Err(CodeError::Address);
        }
        let port = u16::from_be_bytes([content[82], content[83]]);
        if port == 0 {
            return Err(CodeError::Address);
        }
        let mut secret = Zeroizing::new([0u8; 32]);
        secret.copy_from_slice(take(50, 32));
        Ok(EnrollmentCode {
            kind,
            host,
            port,
            fingerprint: take(2, 32).try_into().map_err(|_| CodeError::NotACode)?,
            token_id: take(34, 16).try_into().map_err(|_| CodeError::NotACode)?,
            secret,
        })
    }
}

/// HKDF-SHA256 (RFC 5869) expansion of a named key from the secret. The secret is already 256
/// uniformly random bits, so it serves as the pseudorandom key and no extract step is needed.
fn derive(secret: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let hkdf = hkdf::Hkdf::<Sha256>::from_prk(secret).expect("32 bytes is a valid SHA-256 PRK");
    let mut out = [0u8; 32];
    hkdf.expand_multi_info(&[b"consent-desk/enrollment/v1/", label], &mut out)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    out
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut any = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        let value = ALPHABET.iter().position(|&a| char::from(a) == c)? as u32;
        any = true;
        acc = (acc << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn code(host: &str) -> EnrollmentCode {
        EnrollmentCode {
            kind: CodeKind::Further,
            host: host.into(),
            port: 8443,
            fingerprint: [0xab; 32],
            token_id: [7; 16],
            secret: Zeroizing::new([42; 32]),
        }
    }

    #[test]
    fn a_code_reads_back_however_it_was_typed() {
        let original = code("clinic-server.local");
        let text = original.to_text().expect("a valid host");
        assert!(text.starts_with(PREFIX));
        assert_eq!(EnrollmentCode::parse(&text), Ok(original.clone()));
        let body = &text[PREFIX.len()..];
        let sloppy: String = body
            .to_lowercase()
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let sep = if i % 4 == 3 { Some('-') } else { None };
                std::iter::once(c).chain(sep)
            })
            .collect();
        assert_eq!(EnrollmentCode::parse(&sloppy), Ok(original));
    }

    #[test]
    fn a_mistyped_character_is_caught_by_the_checksum() {
        let text = code("10.0.0.5").to_text().expect("valid");
        let mut chars: Vec<char> = text.chars().collect();
        let i = PREFIX.len() + 20;
        chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        assert_eq!(EnrollmentCode::parse(&typo), Err(CodeError::Checksum));
        assert_eq!(
            EnrollmentCode::parse(&text[..text.len() - 3]),
            Err(CodeError::Checksum)
        );
        assert_eq!(EnrollmentCode::parse("hello"), Err(CodeError::NotACode));
        assert_eq!(EnrollmentCode::parse(""), Err(CodeError::NotACode));
    }

    #[test]
    fn token_and_package_key_differ_and_depend_on_the_secret() {
        let a = code("h");
        let mut b = code("h");
        b.secret = Zeroizing::new([43; 32]);
        assert_ne!(a.token(), *a.package_key());
        assert_ne!(a.token(), b.token());
        assert_ne!(*a.package_key(), *b.package_key());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let shown = format!("{:?}", code("h"));
        assert!(!shown.contains("42"), "{shown}");
        assert!(shown.contains("***"));
    }

    #[test]
    fn a_bad_host_is_refused_both_ways() {
        assert_eq!(code("a b").to_text(), Err(CodeError::Address));
        assert_eq!(code("").to_text(), Err(CodeError::Address));
        assert_eq!(code("-x").to_text(), Err(CodeError::Address));
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in ".{0,300}") {
            let _ = EnrollmentCode::parse(&text);
        }

        #[test]
        fn any_code_round_trips(
            host in "[a-z0-9][a-z0-9.-]{0,60}",
            port in 1u16..,
            secret in any::<[u8; 32]>(),
            token_id in any::<[u8; 16]>(),
            further in any::<bool>(),
        ) {
            let original = EnrollmentCode {
                kind: if further { CodeKind::Further } else { CodeKind::First },
                host,
                port,
                fingerprint: [1; 32],
                token_id,
                secret: Zeroizing::new(secret),
            };
            let text = original.to_text().expect("valid");
            prop_assert_eq!(EnrollmentCode::parse(&text), Ok(original));
        }
    }
}
