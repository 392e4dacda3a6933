//! Per-subject encryption of event bodies (crypto-shredding).
//!
//! Every data subject has a random 256-bit key. An event's body, which may hold personal data, is
//! sealed with that key using XChaCha20-Poly1305; the event's envelope (id, desk, sequence, kind,
//! subject) is bound in as associated data, so a sealed body cannot be moved to another event. To
//! destroy a subject's data, the key is deleted: the sealed bodies stay in the ledger (its hash chain
//! still verifies) but can never be read again.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use consent_domain::ids::{DeskId, EventId, PatientId};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The length of an XChaCha20 nonce.
pub const NONCE_LEN: usize = 24;

/// A subject's key. Never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SubjectKey([u8; 32]);

impl std::fmt::Debug for SubjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SubjectKey(***)")
    }
}

/// Sealing or opening failed. Opening fails when the body or its envelope was altered, or the key is
/// not the one it was sealed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the operating system's random number generator failed")]
    Random,
    #[error("an event body does not match its key or envelope")]
    Open,
    #[error("a stored subject key has the wrong length")]
    BadKey,
}

/// What a sealed body is bound to.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    pub event: EventId,
    pub desk: DeskId,
    pub seq: u64,
    pub kind: &'a str,
    pub subject: PatientId,
}

impl Envelope<'_> {
    fn associated_data(&self) -> Vec<u8> {
        let mut aad = Vec::with_capacity(16 * 3 + 8 + self.kind.len());
        aad.extend_from_slice(self.event.as_bytes());
        aad.extend_from_slice(self.desk.as_bytes());
        aad.extend_from_slice(&self.seq.to_be_bytes());
        aad.extend_from_slice(self.subject.as_bytes());
        aad.extend_from_slice(self.kind.as_bytes());
        aad
    }
}

impl SubjectKey {
    /// A fresh random key.
    pub fn generate() -> Result<SubjectKey, CryptoError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| CryptoError::Random)?;
        Ok(SubjectKey(bytes))
    }

    pub fn from_slice(bytes: &[u8]) -> Result<SubjectKey, CryptoError> {
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::BadKey)?;
        Ok(SubjectKey(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Seals `plaintext`; returns the random nonce and the ciphertext (with its tag).
    pub fn seal(
        &self,
        envelope: &Envelope<'_>,
        plaintext: &[u8],
    ) -> Result<([u8; NONCE_LEN], Vec<u8>), CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| CryptoError::Random)?;
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let aad = envelope.associated_data();
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)?;
        Ok((nonce, sealed))
    }

    /// Opens a body sealed by [`SubjectKey::seal`] for the same envelope.
    pub fn open(
        &self,
        envelope: &Envelope<'_>,
        nonce: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        if nonce.len() != NONCE_LEN {
            return Err(CryptoError::Open);
        }
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let aad = envelope.associated_data();
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn envelope(seq: u64) -> Envelope<'static> {
        Envelope {
            event: EventId::from_uuid(Uuid::from_u128(1)),
            desk: DeskId::from_uuid(Uuid::from_u128(2)),
            seq,
            kind: "patient_registered",
            subject: PatientId::from_uuid(Uuid::from_u128(3)),
        }
    }

    #[test]
    fn sealed_bodies_open_only_with_their_key_and_envelope() {
        let key = SubjectKey::generate().expect("rng");
        let other = SubjectKey::generate().expect("rng");
        let text = "Ёлкина Анна".as_bytes();
        let (nonce, sealed) = key.seal(&envelope(1), text).expect("seal");
        assert!(
            !sealed.windows(text.len()).any(|w| w == text),
            "ciphertext holds no plaintext"
        );
        assert_eq!(key.open(&envelope(1), &nonce, &sealed).expect("open"), text);
        let cases: Vec<(&str, Result<Vec<u8>, CryptoError>)> = vec![
            ("wrong key", other.open(&envelope(1), &nonce, &sealed)),
            (
                "moved to another slot",
                key.open(&envelope(2), &nonce, &sealed),
            ),
            ("short nonce", key.open(&envelope(1), &nonce[..10], &sealed)),
            ("flipped bit", {
                let mut bad = sealed.clone();
                bad[0] ^= 1;
                key.open(&envelope(1), &nonce, &bad)
            }),
        ];
        for (name, result) in cases {
            assert_eq!(result, Err(CryptoError::Open), "{name}");
        }
    }

    #[test]
    fn keys_never_print() {
        let key = SubjectKey::from_slice(&[7u8; 32]).expect("32 bytes");
        assert_eq!(format!("{key:?}"), "SubjectKey(***)");
        assert_eq!(
            SubjectKey::from_slice(&[1u8; 31]).err(),
            Some(CryptoError::BadKey)
        );
    }
}
