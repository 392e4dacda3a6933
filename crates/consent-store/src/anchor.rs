//! The chain's anchor outside the database: after each committed write the desk's head (sequence
//! number, hash, wall time) is written beside the database file, authenticated with a key derived
//! from the database key. A hash chain shows a changed or missing middle link but not a cut tail: the
//! newest rows deleted, a lost `-wal` file, an older copy of the file put back. The anchor remembers
//! how far the chain reached, so `verify` and every open can say "the newest N events are missing".
//!
//! The anchor is written after the commit, never before: a crash between the two leaves it behind
//! the ledger (no false alarm), never ahead. Several processes may write it; each only moves it
//! forward. It is replaced atomically (a temporary file renamed over it).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use consent_domain::ids::DeskId;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::key::DbKey;
use crate::ledger::Head;

const MAGIC: &str = "consent-desk-anchor v1";

/// The head the anchor last recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchored {
    pub desk: DeskId,
    pub head: Head,
    /// When that event was committed (milliseconds since the Unix epoch).
    pub wall_ms: u64,
}

/// What reading the anchor found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorState {
    /// No anchor yet (a new desk, or one written before anchors existed).
    Absent,
    /// An anchor whose authentication holds.
    Valid(Anchored),
    /// A file that is not an anchor made with this database's key: damaged or forged.
    Invalid,
}

/// How the ledger compares with its anchor, when it does not reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rollback {
    /// The newest `missing` events are gone: the last one known was `last_seq`, committed at
    /// `at_ms`.
    Missing {
        missing: u64,
        last_seq: u64,
        at_ms: u64,
    },
    /// The event the anchor recorded is there but is not the same event: the chain was rewritten.
    Rewritten { seq: u64 },
    /// The anchor is damaged, forged or belongs to another desk's database.
    AnchorInvalid,
}

/// `<file>-anchor` beside the database at `database`.
pub fn anchor_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-anchor");
    PathBuf::from(name)
}

/// The anchor file of one database, and the key that authenticates it.
pub struct Anchor {
    path: PathBuf,
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Anchor")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Anchor {
    /// The anchor of the database at `database`: `<file>-anchor` beside it.
    pub fn of(database: &Path, key: &DbKey) -> Anchor {
        // A key of its own, so the MAC never exposes anything about the database key.
        let mut derived = Zeroizing::new([0u8; 32]);
        let mut hasher = Sha256::new();
        hasher.update(b"consent-desk/anchor-key/v1");
        hasher.update(key.as_bytes());
        derived.copy_from_slice(&hasher.finalize());
        Anchor {
            path: anchor_path(database),
            key: derived,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes a stale anchor (a new database at this path starts its own).
    pub fn forget(&self) -> std::io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn mac(&self, body: &str) -> [u8; 32] {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_slice()).expect("HMAC takes any key");
        mac.update(body.as_bytes());
        mac.finalize().into_bytes().into()
    }

    fn body(anchored: &Anchored) -> String {
        format!(
            "{MAGIC} {} {} {} {}",
            hex::encode(anchored.desk.as_bytes()),
            anchored.head.seq,
            hex::encode(anchored.head.hash),
            anchored.wall_ms
        )
    }

    /// Reads and authenticates the anchor.
    pub fn read(&self) -> AnchorState {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return AnchorState::Absent,
            Err(_) => return AnchorState::Invalid,
        };
        self.parse(text.trim_end())
            .map_or(AnchorState::Invalid, AnchorState::Valid)
    }

    fn parse(&self, line: &str) -> Option<Anchored> {
        let (body, mac) = line.rsplit_once(' ')?;
        let mac: [u8; 32] = hex::decode(mac).ok()?.try_into().ok()?;
        // Constant-time comparison through the MAC itself.
        let mut check =
            <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_slice()).expect("HMAC takes any key");
        check.update(body.as_bytes());
        check.verify_slice(&mac).ok()?;
        let rest = body.strip_prefix(MAGIC)?.trim_start();
        let mut fields = rest.split(' ');
        let desk: [u8; 16] = hex::decode(fields.next()?).ok()?.try_into().ok()?;
        let seq = fields.next()?.parse().ok()?;
        let hash: [u8; 32] = hex::decode(fields.next()?).ok()?.try_into().ok()?;
        let wall_ms = fields.next()?.parse().ok()?;
        fields.next().is_none().then_some(Anchored {
            desk: DeskId::from_uuid(uuid::Uuid::from_bytes(desk)),
            head: crate::ledger::Head { seq, hash },
            wall_ms,
        })
    }

    /// Records `anchored` unless the anchor already reaches further (another process wrote after
    /// this one). A failure to write is returned but changes nothing already committed.
    pub fn advance(&self, anchored: &Anchored) -> std::io::Result<()> {
        if let AnchorState::Valid(current) = self.read()
            && current.desk == anchored.desk
            && current.head.seq >= anchored.head.seq
        {
            return Ok(());
        }
        let body = Self::body(anchored);
        let line = format!("{body} {}\n", hex::encode(self.mac(&body)));
        let mut temporary = self.path.as_os_str().to_owned();
        temporary.push(format!(".{}.part", std::process::id()));
        let temporary = PathBuf::from(temporary);
        let written = fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(line.as_bytes()))
            .and_then(|()| fs::rename(&temporary, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchored(seq: u64) -> Anchored {
        Anchored {
            desk: DeskId::from_uuid(uuid::Uuid::from_u128(7)),
            head: Head {
                seq,
                hash: [seq as u8; 32],
            },
            wall_ms: 1_761_296_400_000 + seq,
        }
    }

    #[test]
    fn it_moves_forward_only_and_reads_back() {
        let dir = tempfile::tempdir().expect("dir");
        let key = DbKey::generate().expect("key");
        let anchor = Anchor::of(&dir.path().join("desk.db"), &key);
        assert_eq!(anchor.read(), AnchorState::Absent);
        anchor.advance(&anchored(5)).expect("write");
        anchor
            .advance(&anchored(3))
            .expect("an older head is ignored");
        assert_eq!(anchor.read(), AnchorState::Valid(anchored(5)));
        anchor.advance(&anchored(6)).expect("write");
        assert_eq!(anchor.read(), AnchorState::Valid(anchored(6)));
    }

    #[test]
    fn an_edited_or_foreign_anchor_is_invalid() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("desk.db");
        let key = DbKey::generate().expect("key");
        let anchor = Anchor::of(&path, &key);
        anchor.advance(&anchored(9)).expect("write");
        let text = fs::read_to_string(anchor.path()).expect("read");
        // Lowering the sequence number to hide a cut tail breaks the MAC.
        fs::write(anchor.path(), text.replacen(" 9 ", " 6 ", 1)).expect("edit");
        assert_eq!(anchor.read(), AnchorState::Invalid);
        fs::write(anchor.path(), &text).expect("restore");
        let other = Anchor::of(&path, &DbKey::generate().expect("another key"));
        assert_eq!(other.read(), AnchorState::Invalid, "made with another key");
        fs::write(anchor.path(), "garbage").expect("garbage");
        assert_eq!(anchor.read(), AnchorState::Invalid);
    }
}
