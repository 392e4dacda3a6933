//! A ledger row as it travels, and the hash that chains a desk's rows.
//!
//! A row about a data subject travels exactly as the desk holds it: envelope in clear, body sealed
//! with the subject's key. Its hash can be recomputed by anyone, the server included. A desk-level row
//! (staff accounts, the clinic's details, calendars, form wording) is held unsealed inside the desk's
//! encrypted file; on the wire its body is sealed with the clinic key (`transport_nonce` is set), so
//! the server can check only that it links to the row before it. Every desk opens it and checks the
//! hash in full.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bytes::{b64, b64_opt, hex32, uuid16};

/// The hash before a desk's first row.
pub const GENESIS: [u8; 32] = [0u8; 32];

/// The kinds of row about a data subject that are held in clear: the destruction of the subject
/// (what outlives them, no personal data, readable once their key is gone) and the steps that may
/// follow it. They travel sealed for transport with the clinic key, like desk-level rows.
pub const CLEAR_SUBJECT_KINDS: [&str; 4] = [
    "data_destroyed",
    "subject_notified",
    "request_closed",
    "form_printed",
];

/// The subject id of a desk-level row (the nil UUID).
pub const NO_SUBJECT_BYTES: [u8; 16] = [0u8; 16];

/// The longest kind name a row may have.
pub const MAX_KIND_LEN: usize = 64;
/// The largest body a row may carry (a scanned form is stored elsewhere; bodies are small).
pub const MAX_BODY_LEN: usize = 1 << 20;
/// An XChaCha20 nonce.
pub const NONCE_LEN: usize = 24;

const DOMAIN: &[u8] = b"consent-desk/ledger/v1";

/// One ledger row on the wire.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireRow {
    #[serde(with = "uuid16")]
    pub desk: [u8; 16],
    pub seq: u64,
    #[serde(with = "uuid16")]
    pub event: [u8; 16],
    pub hlc_ms: u64,
    pub hlc_counter: u32,
    #[serde(with = "uuid16")]
    pub actor: [u8; 16],
    pub kind: String,
    #[serde(with = "uuid16")]
    pub subject: [u8; 16],
    /// The subject key's nonce; empty for a desk-level row.
    #[serde(with = "b64")]
    pub nonce: Vec<u8>,
    /// The body: sealed with the subject's key, or, for a desk-level row, with the clinic key.
    #[serde(with = "b64")]
    pub body: Vec<u8>,
    /// Set exactly when `body` is a desk-level body sealed with the clinic key for transport.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "b64_opt")]
    pub transport_nonce: Option<Vec<u8>>,
    #[serde(with = "hex32")]
    pub prev_hash: [u8; 32],
    #[serde(with = "hex32")]
    pub hash: [u8; 32],
}

impl std::fmt::Debug for WireRow {
    // Bodies are sealed, but a debug print of megabytes helps no one: envelope and hash only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireRow")
            .field("desk", &uuid::Uuid::from_bytes(self.desk))
            .field("seq", &self.seq)
            .field("kind", &self.kind)
            .field("hash", &hex::encode(&self.hash[..8]))
            .finish_non_exhaustive()
    }
}

/// The hash of one row: SHA-256 over a domain tag, the previous hash, the envelope and the body as
/// the desk's ledger holds it. Lengths are written before variable fields so no two rows collide by
/// moving bytes between fields.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    prev_hash: &[u8; 32],
    event: &[u8; 16],
    desk: &[u8; 16],
    seq: u64,
    hlc_ms: u64,
    hlc_counter: u32,
    actor: &[u8; 16],
    kind: &str,
    subject: &[u8; 16],
    nonce: &[u8],
    body: &[u8],
) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(prev_hash);
    h.update(event);
    h.update(desk);
    h.update(seq.to_be_bytes());
    h.update(hlc_ms.to_be_bytes());
    h.update(hlc_counter.to_be_bytes());
    h.update(actor);
    h.update((kind.len() as u32).to_be_bytes());
    h.update(kind.as_bytes());
    h.update(subject);
    h.update((nonce.len() as u32).to_be_bytes());
    h.update(nonce);
    h.update((body.len() as u32).to_be_bytes());
    h.update(body);
    h.finalize().into()
}

/// Why a row cannot follow the rows before it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("row {seq} is not the next of its desk's series (expected {expected})")]
    Gap { seq: u64, expected: u64 },
    #[error("row {seq} does not link to the row before it")]
    BrokenLink { seq: u64 },
    #[error("row {seq}'s hash does not match its content")]
    BadHash { seq: u64 },
    #[error("row {seq} is malformed: {what}")]
    Malformed { seq: u64, what: &'static str },
}

impl LinkError {
    pub fn seq(&self) -> u64 {
        match self {
            LinkError::Gap { seq, .. }
            | LinkError::BrokenLink { seq }
            | LinkError::BadHash { seq }
            | LinkError::Malformed { seq, .. } => *seq,
        }
    }
}

impl WireRow {
    /// Whether the row is about no data subject (staff, the clinic, calendars, wording).
    pub fn is_desk_level(&self) -> bool {
        self.subject == NO_SUBJECT_BYTES
    }

    /// The hash of the row as the desk holds it; `None` for a transport-sealed desk-level row, whose
    /// hash covers the unsealed body only desks can see.
    pub fn computed_hash(&self) -> Option<[u8; 32]> {
        if self.transport_nonce.is_some() {
            return None;
        }
        Some(chain_hash(
            &self.prev_hash,
            &self.event,
            &self.desk,
            self.seq,
            self.hlc_ms,
            self.hlc_counter,
            &self.actor,
            &self.kind,
            &self.subject,
            &self.nonce,
            &self.body,
        ))
    }

    /// The checks anyone can make of one row on its own: sizes, nonce lengths, the seal matching the
    /// kind of row, and the hash where it can be recomputed.
    pub fn check_shape(&self) -> Result<(), LinkError> {
        let seq = self.seq;
        let bad = |what| Err(LinkError::Malformed { seq, what });
        if seq == 0 {
            return bad("sequence numbers start at 1");
        }
        if self.kind.is_empty() || self.kind.len() > MAX_KIND_LEN {
            return bad("kind");
        }
        if !self
            .kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
        {
            return bad("kind");
        }
        if self.body.len() > MAX_BODY_LEN {
            return bad("body too large");
        }
        match (self.is_desk_level(), &self.transport_nonce) {
            (true, Some(t)) if self.nonce.is_empty() && t.len() == NONCE_LEN => {}
            (false, None) if self.nonce.len() == NONCE_LEN => {}
            (false, Some(t))
                if self.nonce.is_empty()
                    && t.len() == NONCE_LEN
                    && CLEAR_SUBJECT_KINDS.contains(&self.kind.as_str()) => {}
            _ => return bad("seal"),
        }
        if self.computed_hash().is_some_and(|h| h != self.hash) {
            return Err(LinkError::BadHash { seq });
        }
        Ok(())
    }

    /// Checks that the row follows `before`, the (seq, hash) of its desk's previous row (`None`
    /// before the first), and is sound on its own.
    pub fn check_follows(&self, before: Option<(u64, [u8; 32])>) -> Result<(), LinkError> {
        let (expected, prev) = before.map_or((1, GENESIS), |(s, h)| (s + 1, h));
        if self.seq != expected {
            return Err(LinkError::Gap {
                seq: self.seq,
                expected,
            });
        }
        if self.prev_hash != prev {
            return Err(LinkError::BrokenLink { seq: self.seq });
        }
        self.check_shape()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn subject_row(seq: u64, prev: [u8; 32]) -> WireRow {
        let mut row = WireRow {
            desk: [1; 16],
            seq,
            event: [seq as u8; 16],
            hlc_ms: 1_700_000_000_000 + seq,
            hlc_counter: 0,
            actor: [2; 16],
            kind: "patient_registered".into(),
            subject: [3; 16],
            nonce: vec![7; NONCE_LEN],
            body: vec![9; 40],
            transport_nonce: None,
            prev_hash: prev,
            hash: [0; 32],
        };
        row.hash = row.computed_hash().expect("a subject row");
        row
    }

    #[test]
    fn a_chain_of_rows_links_and_any_change_breaks_it() {
        let first = subject_row(1, GENESIS);
        let second = subject_row(2, first.hash);
        assert_eq!(first.check_follows(None), Ok(()));
        assert_eq!(second.check_follows(Some((1, first.hash))), Ok(()));
        assert_eq!(
            second.check_follows(None),
            Err(LinkError::Gap {
                seq: 2,
                expected: 1
            })
        );
        assert_eq!(
            second.check_follows(Some((1, [5; 32]))),
            Err(LinkError::BrokenLink { seq: 2 })
        );
        let mut tampered = second.clone();
        tampered.body[0] ^= 1;
        assert_eq!(
            tampered.check_follows(Some((1, first.hash))),
            Err(LinkError::BadHash { seq: 2 })
        );
        let mut moved = second.clone();
        moved.kind = "patient_updated".into();
        assert_eq!(moved.check_shape(), Err(LinkError::BadHash { seq: 2 }));
    }

    #[test]
    fn a_seal_that_does_not_match_the_kind_of_row_is_malformed() {
        let mut row = subject_row(1, GENESIS);
        row.transport_nonce = Some(vec![0; NONCE_LEN]);
        assert!(matches!(
            row.check_shape(),
            Err(LinkError::Malformed { what: "seal", .. })
        ));
        let mut desk_level = subject_row(1, GENESIS);
        desk_level.subject = NO_SUBJECT_BYTES;
        desk_level.nonce.clear();
        assert!(desk_level.check_shape().is_err(), "not transport sealed");
        desk_level.transport_nonce = Some(vec![0; NONCE_LEN]);
        assert_eq!(
            desk_level.check_shape(),
            Ok(()),
            "the hash is not checkable"
        );
        // A subject's row held in clear travels transport-sealed, and only for a destruction and
        // the steps after it.
        let mut clear = subject_row(1, GENESIS);
        clear.nonce.clear();
        clear.transport_nonce = Some(vec![0; NONCE_LEN]);
        assert!(
            clear.check_shape().is_err(),
            "a patient's registration in clear"
        );
        clear.kind = "data_destroyed".into();
        assert_eq!(clear.check_shape(), Ok(()));
        clear.transport_nonce = None;
        assert!(clear.check_shape().is_err(), "in clear on the wire");
    }

    #[test]
    fn a_row_reads_back_as_written_and_unknown_fields_are_refused() {
        let row = subject_row(1, GENESIS);
        let json = serde_json::to_string(&row).expect("serialises");
        let back: WireRow = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, row);
        let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
        value["extra"] = serde_json::Value::Bool(true);
        assert!(serde_json::from_value::<WireRow>(value).is_err());
    }
}
