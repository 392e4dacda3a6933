//! The clinic key (256 random bits) and what it seals, each with XChaCha20-Poly1305 and a domain
//! tag in the associated data so no sealed thing can be passed off as another:
//! * a subject's key, bound to the subject id ([`ClinicKey::wrap`]);
//! * a desk-level row's body for transport, bound to the row's envelope ([`ClinicKey::seal_body`]);
//! * the clinic key itself, under an enrollment code's package key, bound to the code's token id
//!   and the server's fingerprint ([`ClinicKey::seal_package`]), so a server that substitutes a
//!   package or its certificate is found out.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use consent_wire::{WireRow, WrappedKey};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

const NONCE_LEN: usize = 24;

/// The clinic key. Never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct ClinicKey([u8; 32]);

impl std::fmt::Debug for ClinicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClinicKey(***)")
    }
}

/// Sealing failed (no randomness) or opening failed (altered, or another key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the system random number generator failed")]
    Random,
    #[error("sealed data does not open with the clinic key: altered, or another clinic's")]
    Open,
}

fn seal(key: &[u8; 32], aad: &[u8], plain: &[u8]) -> Result<(Vec<u8>, Vec<u8>), SealError> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| SealError::Random)?;
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
        .map_err(|_| SealError::Random)?;
    Ok((nonce.to_vec(), sealed))
}

fn open(key: &[u8; 32], aad: &[u8], nonce: &[u8], sealed: &[u8]) -> Result<Vec<u8>, SealError> {
    if nonce.len() != NONCE_LEN {
        return Err(SealError::Open);
    }
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
        .map_err(|_| SealError::Open)
}

fn row_aad(row: &WireRow) -> Vec<u8> {
    let mut aad = b"consent-desk/transport/v1".to_vec();
    aad.extend_from_slice(&row.event);
    aad.extend_from_slice(&row.desk);
    aad.extend_from_slice(&row.seq.to_be_bytes());
    aad.extend_from_slice(&row.subject);
    aad.extend_from_slice(&row.hash);
    aad.extend_from_slice(row.kind.as_bytes());
    aad
}

impl ClinicKey {
    /// A new random clinic key (the clinic's first desk makes it).
    pub fn generate() -> Result<ClinicKey, SealError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|_| SealError::Random)?;
        Ok(ClinicKey(key))
    }

    pub fn from_bytes(bytes: [u8; 32]) -> ClinicKey {
        ClinicKey(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key's public id: desks and the server compare it to tell one clinic's key from another.
    pub fn id(&self) -> [u8; 32] {
        Sha256::new()
            .chain_update(b"consent-desk/clinic-key-id/v1")
            .chain_update(self.0)
            .finalize()
            .into()
    }

    /// Wraps a subject's key for the trip through the server.
    pub fn wrap(&self, subject: [u8; 16], key: &[u8; 32]) -> Result<WrappedKey, SealError> {
        let aad = [b"consent-desk/subject-key/v1".as_slice(), &subject].concat();
        let (nonce, sealed) = seal(&self.0, &aad, key)?;
        Ok(WrappedKey {
            subject,
            nonce,
            sealed,
        })
    }

    /// Opens a wrapped subject key.
    pub fn unwrap(&self, wrapped: &WrappedKey) -> Result<zeroize::Zeroizing<[u8; 32]>, SealError> {
        let aad = [b"consent-desk/subject-key/v1".as_slice(), &wrapped.subject].concat();
        let plain = zeroize::Zeroizing::new(open(&self.0, &aad, &wrapped.nonce, &wrapped.sealed)?);
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            return Err(SealError::Open);
        }
        key.copy_from_slice(&plain);
        Ok(key)
    }

    /// Seals a desk-level row's plain body for transport: `row.body` becomes the sealed body and
    /// `transport_nonce` is set. The hash is left as the desk computed it over the plain body.
    pub fn seal_body(&self, row: &mut WireRow) -> Result<(), SealError> {
        let (nonce, sealed) = seal(&self.0, &row_aad(row), &row.body)?;
        row.body = sealed;
        row.transport_nonce = Some(nonce);
        Ok(())
    }

    /// Opens a transport-sealed body back to the plain body the row's hash covers.
    pub fn open_body(&self, row: &mut WireRow) -> Result<(), SealError> {
        let nonce = row.transport_nonce.take().ok_or(SealError::Open)?;
        match open(&self.0, &row_aad(row), &nonce, &row.body) {
            Ok(plain) => {
                row.body = plain;
                Ok(())
            }
            Err(e) => {
                row.transport_nonce = Some(nonce);
                Err(e)
            }
        }
    }

    /// Seals this key under an enrollment code's package key.
    pub fn seal_package(
        &self,
        package_key: &[u8; 32],
        token_id: [u8; 16],
        fingerprint: [u8; 32],
    ) -> Result<Vec<u8>, SealError> {
        let aad = package_aad(token_id, fingerprint);
        let (nonce, sealed) = seal(package_key, &aad, &self.0)?;
        Ok([nonce, sealed].concat())
    }

    /// Opens a package sealed by [`ClinicKey::seal_package`].
    pub fn open_package(
        package: &[u8],
        package_key: &[u8; 32],
        token_id: [u8; 16],
        fingerprint: [u8; 32],
    ) -> Result<ClinicKey, SealError> {
        if package.len() < NONCE_LEN {
            return Err(SealError::Open);
        }
        let (nonce, sealed) = package.split_at(NONCE_LEN);
        let plain = zeroize::Zeroizing::new(open(
            package_key,
            &package_aad(token_id, fingerprint),
            nonce,
            sealed,
        )?);
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| SealError::Open)?;
        Ok(ClinicKey(bytes))
    }
}

fn package_aad(token_id: [u8; 16], fingerprint: [u8; 32]) -> Vec<u8> {
    [
        b"consent-desk/clinic-key-package/v1".as_slice(),
        &token_id,
        &fingerprint,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ClinicKey {
        ClinicKey::from_bytes([9; 32])
    }

    #[test]
    fn a_wrapped_key_opens_only_for_its_subject_and_its_clinic() {
        let wrapped = key().wrap([1; 16], &[5; 32]).expect("wraps");
        assert_eq!(*key().unwrap(&wrapped).expect("opens"), [5; 32]);
        let mut moved = wrapped.clone();
        moved.subject = [2; 16];
        assert_eq!(key().unwrap(&moved), Err(SealError::Open));
        assert_eq!(
            ClinicKey::from_bytes([8; 32]).unwrap(&wrapped),
            Err(SealError::Open)
        );
        assert!(!wrapped.sealed.windows(32).any(|w| w == [5; 32]));
    }

    #[test]
    fn a_package_opens_only_with_its_code_and_its_server() {
        let package = key()
            .seal_package(&[3; 32], [4; 16], [6; 32])
            .expect("seals");
        assert_eq!(
            ClinicKey::open_package(&package, &[3; 32], [4; 16], [6; 32]).expect("opens"),
            key()
        );
        for (k, t, f) in [
            ([2; 32], [4; 16], [6; 32]),
            ([3; 32], [5; 16], [6; 32]),
            ([3; 32], [4; 16], [7; 32]),
        ] {
            assert_eq!(
                ClinicKey::open_package(&package, &k, t, f),
                Err(SealError::Open)
            );
        }
        // A server that makes its own package cannot: it has no package key.
        let forged = ClinicKey::from_bytes([1; 32])
            .seal_package(&[0; 32], [4; 16], [6; 32])
            .expect("seals");
        assert!(ClinicKey::open_package(&forged, &[3; 32], [4; 16], [6; 32]).is_err());
    }

    #[test]
    fn debug_hides_the_key_and_ids_differ_by_key() {
        assert_eq!(format!("{:?}", key()), "ClinicKey(***)");
        assert_ne!(key().id(), ClinicKey::from_bytes([8; 32]).id());
    }
}
