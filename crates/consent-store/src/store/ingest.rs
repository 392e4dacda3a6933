//! Rows from other desks: the storage half of sync on a desk.
//!
//! Each desk appends only to its own chain; the others' chains reach it through the server as the
//! rows their desks hold. [`Store::ingest`] takes a batch of such rows in one `IMMEDIATE` transaction
//! (all or nothing): every row must continue its desk's chain as held here (a row already held with
//! the same hash is skipped, so a batch delivered twice is harmless), its hash must recompute, and
//! every body this desk can open must open. Then the rows are stored and folded.
//!
//! Rows from another desk arrive late: their clock readings may sort before events this desk has
//! already folded for the same subject, and the fold is only order-independent when events are
//! applied in fold order. So, per slice (a subject, or the desk-wide rows), the new events are applied
//! on top of the projection when they all sort after the slice's newest row already held (the common
//! case, as cheap as an append), and otherwise the slice is folded again from all its rows by the
//! same code `rebuild` uses.
//!
//! [`Store::rows_after`], [`Store::heads`] and [`Store::subject_key`] are what a push and a
//! comparison with the server read.

use std::collections::{BTreeMap, HashMap};

use consent_domain::event::Event;
use consent_domain::ids::{DeskId, PatientId};
use consent_domain::state::State;
use rusqlite::{TransactionBehavior, params};

use super::fold::fold_rows;
use super::{Store, calendar_in, fold_clear, open_clear, open_with, shred, stored_subject_key};
use crate::crypto::SubjectKey;
use crate::error::{StoreError, SyncRefusal};
use crate::ledger::{self, CLEAR_SUBJECT_KINDS, DESTRUCTION_KIND, GENESIS, Head, NO_SUBJECT, Row};
use crate::projection;

/// What [`Store::ingest`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IngestReport {
    /// Rows stored (new to this desk).
    pub stored: usize,
    /// Rows this desk already held with the same hash: nothing done.
    pub skipped: usize,
    /// Rows stored without being folded: their subject's data was destroyed (their key is gone).
    pub shredded: usize,
    /// Slices (subjects, and the desk-wide slice) folded again because a row sorted before one
    /// already folded.
    pub refolded: usize,
    /// Subjects whose projections the batch changed (what a patient card or search should refresh),
    /// in id order.
    pub subjects: Vec<PatientId>,
    /// Whether desk-wide rows (staff, passwords, the clinic's details) arrived.
    pub desk_changed: bool,
    /// The new head of every desk whose chain the batch extended, in desk id order.
    pub heads: Vec<(DeskId, Head)>,
}

/// One slice's new rows and how they can be read.
struct Slice<'a> {
    subject: PatientId,
    rows: Vec<&'a Row>,
    /// The key that opens the rows (`None` for the desk-wide slice, and for a destroyed subject whose
    /// key this desk does not have).
    key: Option<SubjectKey>,
    /// Whether the rows are folded: false for a destroyed subject (kept shredded).
    folded: bool,
    /// Whether the batch brings the destruction of this subject's data.
    destroyed_here: bool,
}

impl Store {
    /// Up to `limit` rows of `desk`'s chain after `after_seq`, in sequence order, exactly as held
    /// (subject bodies sealed with their key, desk-wide bodies plain: the sync engine seals those for
    /// the wire).
    pub fn rows_after(
        &self,
        desk: DeskId,
        after_seq: u64,
        limit: usize,
    ) -> Result<Vec<Row>, StoreError> {
        Ok(ledger::rows_after(self.conn(), desk, after_seq, limit)?)
    }

    /// The head of every desk's chain this desk holds (its own among them), in desk id order.
    pub fn heads(&self) -> Result<Vec<(DeskId, Head)>, StoreError> {
        Ok(ledger::heads(self.conn())?)
    }

    /// The key of `patient`'s bodies, to be wrapped for other desks; `None` once their data was
    /// destroyed here (or before their first event).
    pub fn subject_key(&self, patient: PatientId) -> Result<Option<SubjectKey>, StoreError> {
        stored_subject_key(self.conn(), patient)
    }

    /// Stores and folds rows of other desks' chains, in one transaction: all of them or, refused,
    /// none (the refusal names the desk and row, never content).
    ///
    /// `rows` may hold several desks' rows in any order between desks, each desk's in its own order
    /// (they are sorted by desk and sequence). Desk-wide rows (nil subject, no nonce) carry their
    /// body plain, as the sending desk's ledger holds it: the sync engine has already opened the
    /// transport seal. `keys` are subject keys that came with the batch (unwrapped): a key is kept
    /// only when this desk has none for that subject and the subject's data was not destroyed.
    ///
    /// Refused ([`StoreError::SyncRefused`]): rows of this desk's own chain; a row held with another
    /// hash (a fork); a gap; a broken link; a hash that does not recompute; a body that does not open
    /// with its subject's key; an envelope that does not fit its body; subjects whose key neither
    /// came nor is held while their data was not destroyed (`KeyMissing` lists them all, so the
    /// engine fetches them and sends the batch again).
    pub fn ingest(
        &mut self,
        rows: &[Row],
        keys: &[(PatientId, SubjectKey)],
    ) -> Result<IngestReport, StoreError> {
        let own = self.desk;
        let path = self.db.path().to_path_buf();
        // IMMEDIATE, like an append: the heads read below stay the heads until the commit.
        let tx = self
            .db
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (version, fresh_calendar) = calendar_in(&tx, &path, self.seen_version, &self.calendar)?;
        let calendar = fresh_calendar.as_ref().unwrap_or(&self.calendar);
        let mut report = IngestReport::default();

        let new_rows = check_chains(&tx, own, rows, &mut report)?;
        let mut slices = plan_slices(&tx, &new_rows, keys)?;

        // Every body that can be opened is opened before anything is written: a tampered one
        // refuses the batch, and the events are what the fold needs.
        let mut events: Vec<Vec<Event>> = Vec::with_capacity(slices.len());
        for slice in &slices {
            let mut opened = Vec::new();
            if slice.key.is_some() || slice.subject == NO_SUBJECT {
                opened.reserve(slice.rows.len());
                for row in &slice.rows {
                    opened.push(open_checked(slice.key.as_ref(), row)?);
                }
            }
            opened.sort_by_key(Event::key);
            events.push(opened);
        }
        // Whether each slice's new events all sort after every row of it held before the batch:
        // then they are applied on top of its projection (the fast path), else it is folded again.
        let mut in_order = Vec::with_capacity(slices.len());
        for (slice, events) in slices.iter().zip(&events) {
            in_order.push(match events.first() {
                Some(first) if slice.folded => {
                    !ledger::holds_from(&tx, slice.subject, first.key())?
                }
                _ => true,
            });
        }

        let mut clock = self.clock;
        let mut shredded = false;
        for row in &new_rows {
            insert(&tx, row)?;
            clock = clock.max(row.hlc);
        }
        report.stored = new_rows.len();

        for ((slice, events), in_order) in slices.iter_mut().zip(&events).zip(in_order) {
            if slice.subject == NO_SUBJECT {
                report.desk_changed = true;
            } else {
                report.subjects.push(slice.subject);
            }
            if slice.destroyed_here {
                // What a destruction means for this desk: the key goes, and with it everything
                // folded from it; what the clear rows kept is folded in its place.
                shred(&tx, slice.subject, calendar)?;
                report.shredded += slice.rows.len();
                shredded = true;
                continue;
            }
            if !slice.folded {
                // Destroyed before: the new rows can only be clear steps after the destruction.
                projection::clear_slice(&tx, slice.subject)?;
                let all = ledger::of_subject(&tx, slice.subject)?;
                fold_clear(&tx, slice.subject, &all, calendar)?;
                report.shredded += slice.rows.iter().filter(|r| !r.nonce.is_empty()).count();
                continue;
            }
            if in_order {
                let before = if slice.subject == NO_SUBJECT {
                    projection::load_desk(&tx)?
                } else {
                    projection::load_subject(&tx, slice.subject)?
                };
                let mut after = before.clone();
                for event in events {
                    apply_in_order(&mut after, event)?;
                }
                projection::save_changes(&tx, &before, &after, calendar)?;
            } else {
                projection::clear_slice(&tx, slice.subject)?;
                let all = ledger::of_subject(&tx, slice.subject)?;
                fold_rows(&tx, slice.key.as_ref(), &all, calendar)?;
                report.refolded += 1;
            }
        }
        tx.commit()?;
        if shredded {
            // The commit stands either way; see `Store::checkpoint_after_shredding`.
            let _ = self.checkpoint_after_shredding();
        }
        // This desk's head did not move, so neither does its anchor; the clock does, so that a
        // later local event sorts after everything ingested (an append also re-reads it).
        self.clock = clock;
        if let Some(calendar) = fresh_calendar {
            self.calendar = calendar;
        }
        self.seen_version = version;
        // A calendar year among the rows changed the calendar in the same transaction.
        self.refresh_calendar()?;
        Ok(report)
    }
}

fn refuse(reason: SyncRefusal) -> StoreError {
    StoreError::SyncRefused { reason }
}

/// Checks every row against its desk's chain as held and returns the rows new to this desk, by
/// desk and sequence; counts the skipped ones and records the new heads in `report`.
fn check_chains<'a>(
    conn: &rusqlite::Connection,
    own: DeskId,
    rows: &'a [Row],
    report: &mut IngestReport,
) -> Result<Vec<&'a Row>, StoreError> {
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by_key(|row| (row.desk, row.seq));
    let mut new_rows = Vec::with_capacity(order.len());
    for chain in order.chunk_by(|a, b| a.desk == b.desk) {
        let desk = chain[0].desk;
        if desk == own {
            // Only this desk writes its chain; what it pushed comes back from nowhere else.
            return Err(refuse(SyncRefusal::OwnDesk { seq: chain[0].seq }));
        }
        let held = ledger::head(conn, desk)?;
        let mut head = held;
        for row in chain {
            let seq = row.seq;
            if row.compute_hash() != row.hash {
                return Err(refuse(SyncRefusal::HashMismatch { desk, seq }));
            }
            if let Some(h) = head
                && seq <= h.seq
            {
                // Sorted, so a row at or below the running head is either held or the batch's own
                // duplicate of the row just taken.
                let same = if seq == h.seq {
                    h.hash == row.hash
                } else {
                    ledger::hash_at(conn, desk, seq)? == Some(row.hash)
                };
                if !same {
                    return Err(refuse(SyncRefusal::Fork { desk, seq }));
                }
                report.skipped += 1;
                continue;
            }
            let expected = head.map_or(1, |h| h.seq + 1);
            if seq != expected {
                return Err(refuse(SyncRefusal::Gap {
                    desk,
                    expected,
                    seq,
                }));
            }
            if row.prev_hash != head.map_or(GENESIS, |h| h.hash) {
                return Err(refuse(SyncRefusal::BrokenLink { desk, seq }));
            }
            // A desk-wide body is never sealed; a subject's is, but for a destruction and the steps
            // after it (what they say is checked when they are opened, `open_clear`).
            let clear_allowed =
                row.subject == NO_SUBJECT || CLEAR_SUBJECT_KINDS.contains(&&*row.kind);
            if (row.subject == NO_SUBJECT && !row.nonce.is_empty())
                || (row.nonce.is_empty() && !clear_allowed)
            {
                return Err(refuse(SyncRefusal::Malformed { desk, seq }));
            }
            new_rows.push(*row);
            head = Some(Head {
                seq,
                hash: row.hash,
            });
        }
        if let Some(head) = head
            && Some(head) != held
        {
            report.heads.push((desk, head));
        }
    }
    Ok(new_rows)
}

/// Groups the new rows by slice and finds each slice's key: held, or given (then kept, unless the
/// subject's data was destroyed), or none for a destroyed subject. Refuses when any subject's key
/// is missing, naming them all.
fn plan_slices<'a>(
    conn: &rusqlite::Connection,
    new_rows: &[&'a Row],
    keys: &[(PatientId, SubjectKey)],
) -> Result<Vec<Slice<'a>>, StoreError> {
    let mut by_subject: BTreeMap<PatientId, Vec<&Row>> = BTreeMap::new();
    for row in new_rows {
        by_subject.entry(row.subject).or_default().push(row);
    }
    let given: HashMap<PatientId, &SubjectKey> = keys.iter().map(|(p, k)| (*p, k)).collect();
    let mut slices = Vec::with_capacity(by_subject.len());
    let mut missing = Vec::new();
    for (subject, rows) in by_subject {
        if subject == NO_SUBJECT {
            slices.push(Slice {
                subject,
                rows,
                key: None,
                folded: true,
                destroyed_here: false,
            });
            continue;
        }
        let destroyed_here = rows.iter().any(|row| row.kind == DESTRUCTION_KIND);
        let (key, folded) = match stored_subject_key(conn, subject)? {
            Some(key) => (Some(key), true),
            None => {
                // A key must never come back after a destruction, whichever desk recorded it.
                let destroyed = destroyed_here || ledger::destroyed(conn, subject)?;
                match given.get(&subject) {
                    Some(key) if !destroyed => {
                        conn.prepare_cached(
                            "INSERT INTO subject_keys (subject_id, key) VALUES (?1, ?2)",
                        )?
                        .execute(params![subject.as_bytes(), key.as_bytes()])?;
                        (Some((*key).clone()), true)
                    }
                    // Used to check the bodies, then dropped.
                    Some(key) => (Some((*key).clone()), false),
                    None if destroyed => (None, false),
                    None => {
                        missing.push(subject);
                        continue;
                    }
                }
            }
        };
        slices.push(Slice {
            subject,
            rows,
            key,
            folded,
            destroyed_here,
        });
    }
    if !missing.is_empty() {
        return Err(refuse(SyncRefusal::KeyMissing { subjects: missing }));
    }
    Ok(slices)
}

/// The event in `row`, which must open with `key` and whose envelope must say what its body is.
fn open_checked(key: Option<&SubjectKey>, row: &Row) -> Result<Event, StoreError> {
    let (desk, seq) = (row.desk, row.seq);
    let opened = if row.subject != NO_SUBJECT && row.nonce.is_empty() {
        open_clear(row)
    } else {
        open_with(key, row)
    };
    let event = opened.map_err(|e| match e {
        StoreError::Crypto(_) => refuse(SyncRefusal::Tampered { desk, seq }),
        other => other,
    })?;
    if event.body.kind() != row.kind || event.body.subject().unwrap_or(NO_SUBJECT) != row.subject {
        return Err(refuse(SyncRefusal::Malformed { desk, seq }));
    }
    Ok(event)
}

/// Inserts a checked row; an event id the ledger already holds under another place is refused as
/// malformed rather than reported as a database failure.
fn insert(conn: &rusqlite::Connection, row: &Row) -> Result<(), StoreError> {
    ledger::insert(conn, row).map_err(|e| {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
            refuse(SyncRefusal::Malformed {
                desk: row.desk,
                seq: row.seq,
            })
        } else {
            e.into()
        }
    })
}

/// Applies an event known to sort after everything in `state`.
fn apply_in_order(state: &mut State, event: &Event) -> Result<(), StoreError> {
    state.apply(event).map_err(|_| StoreError::Incomplete {
        path: Default::default(),
        detail: "a projection slice already holds a later event".to_owned(),
    })
}
