//! The append-only ledger: one hash chain per desk.
//!
//! A row is an event's envelope in clear (who, when, what kind, about whom) and its body sealed with
//! the subject's key. Each row's hash covers the previous row's hash of the same desk, the envelope and
//! the sealed body, so `verify` finds an edited, removed or reordered row, and it still can after a
//! subject's key was destroyed (the sealed body stays; only its key goes).

use consent_domain::event::{Event, EventKey};
use consent_domain::hlc::Hlc;
use consent_domain::ids::{DeskId, EventId, PatientId};
use consent_domain::staff::StaffId;
use rusqlite::{Connection, OptionalExtension, params};

use crate::crypto::{CryptoError, Envelope, SubjectKey};

/// The hash before a desk's first event.
pub const GENESIS: [u8; 32] = consent_wire::GENESIS;

/// One ledger row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub event: EventId,
    pub desk: DeskId,
    pub seq: u64,
    pub hlc: Hlc,
    pub actor: StaffId,
    pub kind: String,
    pub subject: PatientId,
    pub nonce: Vec<u8>,
    pub sealed: Vec<u8>,
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

/// Desk-level events (staff accounts, the clinic) are about no data subject: the nil id stands in.
pub const NO_SUBJECT: PatientId = PatientId::from_uuid(uuid::Uuid::nil());

impl Row {
    pub fn envelope(&self) -> Envelope<'_> {
        Envelope {
            event: self.event,
            desk: self.desk,
            seq: self.seq,
            kind: &self.kind,
            subject: self.subject,
        }
    }

    /// The hash this row must have, computed from its content.
    pub fn compute_hash(&self) -> [u8; 32] {
        consent_wire::chain_hash(
            &self.prev_hash,
            self.event.as_bytes(),
            self.desk.as_bytes(),
            self.seq,
            self.hlc.wall_ms,
            self.hlc.counter,
            &self.actor.as_u128().to_be_bytes(),
            &self.kind,
            self.subject.as_bytes(),
            &self.nonce,
            &self.sealed,
        )
    }

    /// The data subject the row is about; `None` for desk-level events (staff, the clinic).
    pub fn data_subject(&self) -> Option<PatientId> {
        (self.subject != NO_SUBJECT).then_some(self.subject)
    }

    /// The row for `event` after `prev_hash`: its encoded body `plain`, sealed with the subject's
    /// `key` when the event is about a data subject, and hashed once, as stored.
    pub fn seal(
        event: &Event,
        prev_hash: [u8; 32],
        key: Option<&SubjectKey>,
        plain: Vec<u8>,
    ) -> Result<Row, CryptoError> {
        let kind = event.body.kind();
        let subject = event.body.subject().unwrap_or(NO_SUBJECT);
        let (nonce, sealed) = match key {
            Some(key) => {
                let envelope = Envelope {
                    event: event.id,
                    desk: event.desk,
                    seq: event.seq,
                    kind,
                    subject,
                };
                let (nonce, sealed) = key.seal(&envelope, &plain)?;
                (nonce.to_vec(), sealed)
            }
            None => (Vec::new(), plain),
        };
        let mut row = Row {
            event: event.id,
            desk: event.desk,
            seq: event.seq,
            hlc: event.hlc,
            actor: event.actor,
            kind: kind.to_owned(),
            subject,
            nonce,
            sealed,
            prev_hash,
            hash: [0; 32],
        };
        row.hash = row.compute_hash();
        Ok(row)
    }
}

/// The last row of a desk's chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: [u8; 32],
}

/// The head of `desk`'s chain, `None` before its first event.
pub fn head(conn: &Connection, desk: DeskId) -> rusqlite::Result<Option<Head>> {
    conn.query_row(
        "SELECT seq, hash FROM ledger WHERE desk_id = ?1 ORDER BY seq DESC LIMIT 1",
        params![desk.as_bytes()],
        |r| {
            Ok(Head {
                seq: r.get::<_, i64>(0)? as u64,
                hash: blob32(r.get::<_, Vec<u8>>(1)?),
            })
        },
    )
    .optional()
}

/// Inserts `row`. The caller holds the write transaction and built the row on the current head.
pub fn insert(conn: &Connection, row: &Row) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO ledger (desk_id, seq, event_id, hlc_ms, hlc_counter, actor, kind, subject_id, \
         nonce, payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        row.desk.as_bytes(),
        row.seq as i64,
        row.event.as_bytes(),
        row.hlc.wall_ms as i64,
        row.hlc.counter,
        row.actor.as_u128().to_be_bytes(),
        row.kind,
        row.subject.as_bytes(),
        row.nonce,
        row.sealed,
        row.prev_hash,
        row.hash,
    ])?;
    Ok(())
}

const SELECT: &str = "SELECT desk_id, seq, event_id, hlc_ms, hlc_counter, actor, kind, subject_id, \
                      nonce, payload, prev_hash, hash FROM ledger";

/// Reads a row whatever someone may have written into it: a value of the wrong type becomes bytes
/// that no longer match the hash, so `verify` reports the row as altered instead of failing.
fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let bytes = |i: usize| -> rusqlite::Result<Vec<u8>> {
        use rusqlite::types::ValueRef;
        Ok(match r.get_ref(i)? {
            ValueRef::Blob(b) | ValueRef::Text(b) => b.to_vec(),
            ValueRef::Integer(n) => n.to_be_bytes().to_vec(),
            ValueRef::Real(f) => f.to_be_bytes().to_vec(),
            ValueRef::Null => Vec::new(),
        })
    };
    let int = |i: usize| -> rusqlite::Result<i64> {
        use rusqlite::types::ValueRef;
        Ok(match r.get_ref(i)? {
            ValueRef::Integer(n) => n,
            _ => -1,
        })
    };
    Ok(Row {
        desk: DeskId::from_bytes(blob16(bytes(0)?)),
        seq: int(1)? as u64,
        event: EventId::from_bytes(blob16(bytes(2)?)),
        hlc: Hlc::new(int(3)? as u64, int(4)? as u32),
        actor: StaffId::from_u128(u128::from_be_bytes(blob16(bytes(5)?))),
        kind: String::from_utf8_lossy(&bytes(6)?).into_owned(),
        subject: PatientId::from_bytes(blob16(bytes(7)?)),
        nonce: bytes(8)?,
        sealed: bytes(9)?,
        prev_hash: blob32(bytes(10)?),
        hash: blob32(bytes(11)?),
    })
}

/// Every row in fold order (clock reading, desk, sequence).
pub fn all_in_order(conn: &Connection) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} ORDER BY hlc_ms, hlc_counter, desk_id, seq"
    ))?;
    stmt.query_map([], read_row)?.collect()
}

/// Every row about one subject, in fold order.
pub fn of_subject(conn: &Connection, subject: PatientId) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE subject_id = ?1 ORDER BY hlc_ms, hlc_counter, desk_id, seq"
    ))?;
    stmt.query_map(params![subject.as_bytes()], read_row)?
        .collect()
}

/// Every row, one subject at a time: `each` gets a subject's rows in fold order, then the next
/// subject's (desk-wide rows, under the nil id, come first). One pass along the subject index, holding
/// one subject's rows at a time, never the whole ledger: what a rebuild of a big clinic needs.
pub fn by_subject<E: From<rusqlite::Error>>(
    conn: &Connection,
    mut each: impl FnMut(PatientId, Vec<Row>) -> Result<(), E>,
) -> Result<(), E> {
    // The order is the subject index's own (desk and seq follow in it as the table's key), so
    // SQLite walks the index and sorts nothing.
    let mut stmt = conn.prepare(&format!(
        "{SELECT} ORDER BY subject_id, hlc_ms, hlc_counter, desk_id, seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut subject: Option<PatientId> = None;
    let mut batch = Vec::new();
    while let Some(r) = rows.next()? {
        let row = read_row(r)?;
        if let Some(current) = subject
            && current != row.subject
        {
            each(current, std::mem::take(&mut batch))?;
        }
        subject = Some(row.subject);
        batch.push(row);
    }
    if let Some(subject) = subject {
        each(subject, batch)?;
    }
    Ok(())
}

/// The first defect `verify` found in a desk's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// A sequence number is missing: rows were deleted (or never arrived).
    Missing { desk: DeskId, expected_seq: u64 },
    /// A row does not point at the hash of the row before it.
    BrokenLink { desk: DeskId, seq: u64 },
    /// A row's content no longer matches its hash: it was edited.
    Tampered { desk: DeskId, seq: u64 },
}

/// What `verify` found, per desk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    pub desks: usize,
    pub events: u64,
    pub defects: Vec<Defect>,
    /// What SQLCipher's page check and SQLite's `quick_check` said of the file itself (damaged pages,
    /// broken indexes), in their words: page numbers and table names, never stored values.
    pub file_problems: Vec<String>,
    /// Subjects whose key is gone with no recorded disposal of their data: someone deleted it.
    pub keys_missing: Vec<[u8; 16]>,
    /// The chain no longer reaches the head its anchor outside the database recorded.
    pub rollback: Option<crate::anchor::Rollback>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.defects.is_empty()
            && self.file_problems.is_empty()
            && self.keys_missing.is_empty()
            && self.rollback.is_none()
    }
}

/// The row `seq` of `desk`'s chain, as its hash.
pub fn hash_at(conn: &Connection, desk: DeskId, seq: u64) -> rusqlite::Result<Option<[u8; 32]>> {
    // Cached: an ingest asks it for every row it already holds.
    conn.prepare_cached("SELECT hash FROM ledger WHERE desk_id = ?1 AND seq = ?2")?
        .query_row(params![desk.as_bytes(), seq as i64], |r| {
            r.get::<_, Vec<u8>>(0).map(blob32)
        })
        .optional()
}

/// Up to `limit` rows of `desk`'s chain after `after_seq`, in sequence order (a range of the
/// primary key).
pub fn rows_after(
    conn: &Connection,
    desk: DeskId,
    after_seq: u64,
    limit: usize,
) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE desk_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"
    ))?;
    stmt.query_map(
        params![
            desk.as_bytes(),
            i64::try_from(after_seq).unwrap_or(i64::MAX),
            i64::try_from(limit).unwrap_or(i64::MAX)
        ],
        read_row,
    )?
    .collect()
}

/// The head of every desk's chain the ledger holds, by desk id. The desks are found by skipping
/// along the primary key (one seek per desk), not by reading every row.
pub fn heads(conn: &Connection) -> rusqlite::Result<Vec<(DeskId, Head)>> {
    let desks: Vec<Vec<u8>> = conn
        .prepare_cached(
            "WITH RECURSIVE d(id) AS ( \
               SELECT (SELECT MIN(desk_id) FROM ledger) \
               UNION ALL \
               SELECT (SELECT MIN(desk_id) FROM ledger WHERE desk_id > d.id) FROM d \
               WHERE d.id IS NOT NULL) \
             SELECT id FROM d WHERE id IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(desks.len());
    for bytes in desks {
        let desk = DeskId::from_bytes(blob16(bytes));
        if let Some(head) = head(conn, desk)? {
            out.push((desk, head));
        }
    }
    Ok(out)
}

/// Whether the ledger holds a row about `subject` (the nil id for the desk-wide rows) that sorts at
/// or after `key` in fold order: one range seek along the subject index, whose entries carry desk and
/// seq as the table's key.
pub fn holds_from(conn: &Connection, subject: PatientId, key: EventKey) -> rusqlite::Result<bool> {
    conn.prepare_cached(HOLDS_FROM)?
        .query_row(
            params![
                subject.as_bytes(),
                key.hlc.wall_ms as i64,
                key.hlc.counter,
                key.desk.as_bytes(),
                key.seq as i64,
            ],
            |_| Ok(()),
        )
        .optional()
        .map(|found| found.is_some())
}

/// Without an ORDER BY on purpose: with one, SQLite's planner marks the subject parameter as one
/// whose value may change the plan, and since rusqlite clears the bindings of every statement its
/// cache takes back, the statement was compiled again at each use (a compile per subject of every
/// ingest, a fifth of its time).
const HOLDS_FROM: &str = "SELECT 1 FROM ledger WHERE subject_id = ?1 \
                          AND (hlc_ms, hlc_counter, desk_id, seq) >= (?2, ?3, ?4, ?5) LIMIT 1";

/// Whether the ledger records the destruction of `subject`'s data (a row of kind
/// [`DESTRUCTION_KIND`]), read from the clear envelopes along the subject index.
pub fn destroyed(conn: &Connection, subject: PatientId) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM ledger WHERE subject_id = ?1 AND kind = ?2)")?
        .query_row(params![subject.as_bytes(), DESTRUCTION_KIND], |r| r.get(0))
}

/// The event kind that records the destruction of a subject's data: the only reason a subject's key
/// may be gone. (The kind is in the row's clear envelope, so it can be read once the key is gone.) A
/// blocking keeps the data, and rows from before destruction had a kind of its own
/// (`data_disposed`) were written when no key was ever deleted, so neither makes a missing key lawful.
pub const DESTRUCTION_KIND: &str = "data_destroyed";

/// The kinds of subject rows that may be kept in clear: the destruction (its record outlives the
/// key) and the steps that may follow it (`EventBody::after_destruction`); the wire's list.
pub use consent_wire::CLEAR_SUBJECT_KINDS;

/// Subjects with events in the ledger and no key, whose data was never recorded as destroyed: a
/// key deleted behind the desk's back erases a patient without a trace unless this is checked.
pub fn keys_missing_without_disposal(conn: &Connection) -> rusqlite::Result<Vec<[u8; 16]>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT l.subject_id FROM ledger l \
         WHERE l.subject_id <> ?2 \
           AND NOT EXISTS (SELECT 1 FROM subject_keys k WHERE k.subject_id = l.subject_id) \
           AND NOT EXISTS (SELECT 1 FROM ledger d WHERE d.subject_id = l.subject_id AND d.kind = ?1) \
         ORDER BY l.subject_id",
    )?;
    stmt.query_map(
        rusqlite::params![DESTRUCTION_KIND, NO_SUBJECT.as_bytes()],
        |r| r.get::<_, Vec<u8>>(0).map(blob16),
    )?
    .collect()
}

/// Walks every desk's chain from its first event and reports the first defect of each.
pub fn verify(conn: &Connection) -> rusqlite::Result<Verification> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY desk_id, seq"))?;
    let mut rows = stmt.query([])?;
    let mut report = Verification::default();
    let mut current: Option<(DeskId, Head, bool)> = None;
    while let Some(r) = rows.next()? {
        let row = read_row(r)?;
        report.events += 1;
        let (prev, failed) = match current {
            Some((desk, head, failed)) if desk == row.desk => (Some(head), failed),
            _ => {
                report.desks += 1;
                (None, false)
            }
        };
        let expected_seq = prev.map_or(1, |h| h.seq + 1);
        let expected_prev = prev.map_or(GENESIS, |h| h.hash);
        let defect = if row.seq != expected_seq {
            Some(Defect::Missing {
                desk: row.desk,
                expected_seq,
            })
        } else if row.compute_hash() != row.hash {
            Some(Defect::Tampered {
                desk: row.desk,
                seq: row.seq,
            })
        } else if row.prev_hash != expected_prev {
            Some(Defect::BrokenLink {
                desk: row.desk,
                seq: row.seq,
            })
        } else {
            None
        };
        let failed = match defect {
            Some(defect) if !failed => {
                report.defects.push(defect);
                true
            }
            _ => failed,
        };
        current = Some((
            row.desk,
            Head {
                seq: row.seq,
                hash: row.hash,
            },
            failed,
        ));
    }
    Ok(report)
}

fn blob16(bytes: Vec<u8>) -> [u8; 16] {
    let mut out = [0u8; 16];
    let n = bytes.len().min(16);
    out[..n].copy_from_slice(&bytes[..n]);
    out
}

fn blob32(bytes: Vec<u8>) -> [u8; 32] {
    let mut out = [0u8; 32];
    let n = bytes.len().min(32);
    out[..n].copy_from_slice(&bytes[..n]);
    out
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;
    use uuid::Uuid;

    use super::*;

    #[test]
    fn the_check_an_ingest_makes_per_subject_is_compiled_once() {
        let mut conn = Connection::open_in_memory().expect("open");
        crate::migrations::migrate(&mut conn).expect("migrate");
        let key = EventKey {
            hlc: Hlc::new(1, 0),
            desk: DeskId::from_uuid(Uuid::from_u128(1)),
            seq: 1,
        };
        for n in 0..3 {
            let subject = PatientId::from_uuid(Uuid::from_u128(n));
            assert!(!holds_from(&conn, subject, key).expect("query"));
        }
        let stmt = conn.prepare_cached(HOLDS_FROM).expect("cached");
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
