//! Folding the ledger into the projections from scratch: `rebuild` for the whole desk, and one
//! subject at a time for an ingest whose rows arrived late (both through `fold_rows`).

use consent_domain::calendar::Calendar;
use consent_domain::state::State;
use rusqlite::{Connection, TransactionBehavior};
use sha2::{Digest, Sha256};

use super::{Store, fold_clear, open_with, stored_subject_key};
use crate::crypto::SubjectKey;
use crate::error::StoreError;
use crate::ledger::{self, Row};
use crate::projection;

/// What [`Store::rebuild`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RebuildReport {
    pub events: usize,
    pub patients: usize,
    pub consents: usize,
    pub requests: usize,
    /// Events whose subject's key was destroyed: counted, not folded.
    pub shredded: usize,
    /// Whether the rebuilt projections equal the ones they replaced.
    pub unchanged: bool,
}

impl Store {
    /// Throws the projections away and folds them again from the ledger.
    pub fn rebuild(&mut self) -> Result<RebuildReport, StoreError> {
        // A subject whose key was deleted without a recorded disposal is not "shredded": folding
        // without them would make the tampering look like a lawful destruction.
        let missing = ledger::keys_missing_without_disposal(self.conn())?;
        if !missing.is_empty() {
            return Err(StoreError::KeysMissing {
                subjects: missing.len(),
            });
        }
        // Folding a cut ledger would make the loss look like the desk's true state.
        if self.compare_with_anchor()?.is_some() {
            return Err(StoreError::RolledBack);
        }
        let calendar = &self.calendar;
        let tx = self
            .db
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Everything inside one write transaction: the ledger folded is the ledger as of the commit.
        let before = projection_digest(&tx)?;
        projection::clear(&tx)?;
        let mut report = RebuildReport {
            events: 0,
            patients: 0,
            consents: 0,
            requests: 0,
            shredded: 0,
            unchanged: false,
        };
        // Folding never crosses subjects (projection.rs), so each subject is folded and written on
        // its own: time linear in the ledger, memory bounded by the biggest subject, not the clinic.
        ledger::by_subject(&tx, |subject, rows| -> Result<(), StoreError> {
            let key = if subject == ledger::NO_SUBJECT {
                None
            } else {
                match stored_subject_key(&tx, subject)? {
                    Some(key) => Some(key),
                    None => {
                        // Shredded: checked above that a recorded destruction explains it. What its
                        // clear rows kept is all there is to fold.
                        fold_clear(&tx, subject, &rows, calendar)?;
                        report.shredded += rows.iter().filter(|r| !r.nonce.is_empty()).count();
                        report.events += rows.iter().filter(|r| r.nonce.is_empty()).count();
                        return Ok(());
                    }
                }
            };
            let state = fold_rows(&tx, key.as_ref(), &rows, calendar)?;
            report.events += rows.len();
            report.patients += state.patients.len();
            report.consents += state.consents.len();
            report.requests += state.requests.len();
            Ok(())
        })?;
        report.unchanged = projection_digest(&tx)? == before;
        tx.commit()?;
        self.refresh_calendar()?;
        Ok(report)
    }

    /// A digest of every projection table (see [`projection_digest`]): two desks whose digests are
    /// equal show the same patients, consents, requests, staff and conflicts.
    pub fn projection_digest(&self) -> Result<[u8; 32], StoreError> {
        projection_digest(self.conn())
    }
}

/// Folds one slice (a subject's rows, or the desk-wide rows under the nil id), all of them, in any
/// order (the fold sorts), with the subject's `key`, and writes the result into projections that
/// hold nothing of that slice yet. The one folding path of `rebuild` and of an ingest that has to
/// fold a subject again, so the two cannot disagree.
pub(super) fn fold_rows(
    conn: &Connection,
    key: Option<&SubjectKey>,
    rows: &[Row],
    calendar: &Calendar,
) -> Result<State, StoreError> {
    let mut events = Vec::with_capacity(rows.len());
    for row in rows {
        events.push(open_with(key, row)?);
    }
    let state = State::fold(&events);
    projection::save_changes(conn, &State::default(), &state, calendar)?;
    Ok(state)
}

/// A digest of every column of every projection row, each table in its key's order, for comparing
/// the projections before and after a rebuild: equal exactly when the rows are (a search key or an
/// `is_open` flag as much as the record), whatever order they were written in. Streamed, so a big
/// clinic's projections are never copied into memory to be compared.
fn projection_digest(conn: &Connection) -> Result<[u8; 32], StoreError> {
    use rusqlite::types::ValueRef;
    let mut digest = Sha256::new();
    let mut field = |tag: u8, bytes: &[u8]| {
        digest.update([tag]);
        digest.update((bytes.len() as u64).to_le_bytes());
        digest.update(bytes);
    };
    for (table, key) in projection::TABLES {
        field(b'#', table.as_bytes());
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            field(b'|', &[]);
            for i in 0..columns {
                // Tagged with the type: the text "1" and the integer 1 differ.
                match row.get_ref(i)? {
                    ValueRef::Null => field(b'N', &[]),
                    ValueRef::Integer(n) => field(b'I', &n.to_le_bytes()),
                    ValueRef::Real(f) => field(b'R', &f.to_le_bytes()),
                    ValueRef::Text(t) => field(b'T', t),
                    ValueRef::Blob(b) => field(b'B', b),
                }
            }
        }
    }
    Ok(digest.finalize().into())
}
