//! The store: one desk's encrypted database with its ledger and projections.
//!
//! [`Store::append`] is the only way in for this desk's events (other desks' rows come through
//! [`Store::ingest`], `store/ingest.rs`): in one transaction it gives the event the desk's next
//! sequence number and clock reading, seals its body with the subject's key, links it into the
//! desk's hash chain and updates the projections. When it returns, the event is committed (WAL, `synchronous =
//! FULL`): an acknowledged event survives a crash of the process at any moment.
//!
//! Several processes may hold a `Store` on one file (the app, `consentctl`, the sync task). Each write
//! is an `IMMEDIATE` transaction that reads the head and the clock inside it, so no writer builds on a
//! head another one has taken; a busy database is waited for up to the busy timeout. Reads go to the
//! database every time; the one thing kept in memory, the calendar, is re-read when `PRAGMA
//! data_version` says another connection has committed and the stored calendar revision differs.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use consent_domain::calendar::Calendar;
use consent_domain::event::{Event, EventBody};
use consent_domain::hlc::Hlc;
use consent_domain::ids::{DeskId, EventId, PatientId};
use consent_domain::request::Request;
use consent_domain::staff::{Staff, StaffId};
use consent_domain::state::{PatientRecord, State};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use uuid::Uuid;

use crate::anchor::{Anchor, AnchorState, Anchored, Rollback};
use crate::crypto::SubjectKey;
use crate::database_id::DatabaseId;
use crate::error::StoreError;
use crate::key::DbKey;
use crate::ledger::{self, GENESIS, Head, Row, Verification};
use crate::open::Database;
use crate::projection::{self, QueueRow};
use crate::{acts, codec, search};

mod backup;
mod fold;
mod ingest;
mod sync_state;

pub use fold::RebuildReport;
pub use ingest::IngestReport;

/// Moscow time, UTC+3 all year since 2014: the clinic's calendar day of an event.
pub const CLINIC_OFFSET: FixedOffset = FixedOffset::east_opt(3 * 3600).expect("UTC+3 is in range");

/// The clinic's wall-clock time at `wall_ms` (milliseconds since the Unix epoch); `None` out of range.
pub fn clinic_time(wall_ms: u64) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp_millis(i64::try_from(wall_ms).ok()?)
        .map(|t| t.with_timezone(&CLINIC_OFFSET))
}

/// The clinic's calendar date at `wall_ms`.
pub fn clinic_date(wall_ms: u64) -> NaiveDate {
    clinic_time(wall_ms).map_or(NaiveDate::MIN, |t| t.date_naive())
}

const META_DESK_ID: &str = "desk_id";

#[derive(Debug)]
pub struct Store {
    db: Database,
    desk: DeskId,
    /// The head and clock as this handle last wrote them; every append re-reads both inside its own
    /// write transaction, since another process (consentctl, the sync task) may have written since.
    head: Option<Head>,
    clock: Hlc,
    calendar: Calendar,
    /// `PRAGMA data_version` when the calendar was last read: it changes when another connection
    /// commits, and only then is the calendar read again.
    seen_version: i64,
    /// The head recorded outside the database after each commit.
    anchor: Anchor,
    /// What the open found when it compared the ledger with its anchor.
    rollback: Option<Rollback>,
}

impl Store {
    /// Creates the desk's database at `path` (refusing to overwrite anything) for desk `desk`.
    pub fn create(
        path: impl AsRef<Path>,
        key: &DbKey,
        database_id: &DatabaseId,
        desk: DeskId,
    ) -> Result<Store, StoreError> {
        let db = Database::create(path, key, database_id)?;
        db.connection().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![META_DESK_ID, desk.to_string()],
        )?;
        let anchor = Anchor::of(db.path(), key);
        // Left by a database that was here before: this one starts its own.
        anchor.forget().map_err(|source| StoreError::Io {
            path: anchor.path().to_path_buf(),
            source,
        })?;
        Store::load(db, anchor)
    }

    /// Opens an existing desk database and compares its ledger with the anchor ([`Store::rollback`]).
    pub fn open(path: impl AsRef<Path>, key: &DbKey) -> Result<Store, StoreError> {
        let db = Database::open(path, key)?;
        let anchor = Anchor::of(db.path(), key);
        Store::load(db, anchor)
    }

    fn load(db: Database, anchor: Anchor) -> Result<Store, StoreError> {
        let conn = db.connection();
        let desk_text: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                params![META_DESK_ID],
                |r| r.get(0),
            )
            .optional()?;
        let desk = desk_text
            .and_then(|t| t.parse::<DeskId>().ok())
            .ok_or_else(|| StoreError::Incomplete {
                path: db.path().to_path_buf(),
                detail: "the desk id is missing from the database".to_owned(),
            })?;
        let head = ledger::head(conn, desk)?;
        let clock = latest_clock(conn)?;
        let calendar = stored_calendar(conn, db.path())?;
        let seen_version = data_version(conn)?;
        let mut store = Store {
            db,
            desk,
            head,
            clock,
            calendar,
            seen_version,
            anchor,
            rollback: None,
        };
        store.rollback = store.compare_with_anchor()?;
        if store.rollback.is_none() {
            // A desk from before anchors, or a new one: it is anchored from now on.
            store.write_anchor(store.head, store.clock.wall_ms);
        }
        store.sync_calendar_revision()?;
        Ok(store)
    }

    pub fn desk(&self) -> DeskId {
        self.desk
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn conn(&self) -> &Connection {
        self.db.connection()
    }

    /// This desk's head as its anchor records it (the time is the newest event's).
    pub(crate) fn anchored_head(&self) -> Option<Anchored> {
        self.head.map(|head| Anchored {
            desk: self.desk,
            head,
            wall_ms: self.clock.wall_ms,
        })
    }

    /// Closes the database, checkpointing its WAL into the file.
    pub fn close(self) -> Result<(), StoreError> {
        self.db.close()
    }

    /// What the open found when it compared the ledger with its anchor: `None` when the ledger
    /// reaches the head the anchor recorded.
    pub fn rollback(&self) -> Option<&Rollback> {
        self.rollback.as_ref()
    }

    /// Records `head` in the anchor. Best effort: a failed write leaves the anchor behind the
    /// ledger, which is never a false alarm, and the event is committed either way.
    fn write_anchor(&self, head: Option<Head>, wall_ms: u64) {
        if let Some(head) = head {
            let _ = self.anchor.advance(&Anchored {
                desk: self.desk,
                head,
                wall_ms,
            });
        }
    }

    /// Compares this desk's chain with its anchor.
    fn compare_with_anchor(&self) -> Result<Option<Rollback>, StoreError> {
        let anchored = match self.anchor.read() {
            AnchorState::Absent => return Ok(None),
            AnchorState::Invalid => return Ok(Some(Rollback::AnchorInvalid)),
            AnchorState::Valid(anchored) if anchored.desk != self.desk => {
                return Ok(Some(Rollback::AnchorInvalid));
            }
            AnchorState::Valid(anchored) => anchored,
        };
        let head = ledger::head(self.conn(), self.desk)?;
        Ok(
            match ledger::hash_at(self.conn(), self.desk, anchored.head.seq)? {
                Some(hash) if hash == anchored.head.hash => None,
                Some(_) => Some(Rollback::Rewritten {
                    seq: anchored.head.seq,
                }),
                None => Some(Rollback::Missing {
                    missing: anchored.head.seq - head.map_or(0, |h| h.seq.min(anchored.head.seq)),
                    last_seq: anchored.head.seq,
                    at_ms: anchored.wall_ms,
                }),
            },
        )
    }

    /// Brings what this handle keeps in memory (the production calendar) up to what other processes
    /// have committed since it last looked. Everything else is read from the database each time.
    pub fn catch_up(&mut self) -> Result<(), StoreError> {
        let version = data_version(self.conn())?;
        if version != self.seen_version
            && stored_revision(self.conn())? != Some(self.calendar.revision().value().to_string())
        {
            self.calendar = stored_calendar(self.conn(), self.db.path())?;
        }
        self.seen_version = version;
        Ok(())
    }

    /// Appends one event by `actor` at wall time `now_ms`, atomically with its projections.
    pub fn append(
        &mut self,
        actor: StaffId,
        now_ms: u64,
        body: EventBody,
    ) -> Result<Event, StoreError> {
        let mut events = self.append_all(actor, now_ms, vec![body])?;
        Ok(events.remove(0))
    }

    /// Appends several events in one transaction (all or none).
    pub fn append_all(
        &mut self,
        actor: StaffId,
        now_ms: u64,
        bodies: Vec<EventBody>,
    ) -> Result<Vec<Event>, StoreError> {
        self.append_with(actor, now_ms, bodies, |_, _| Ok(()))
    }

    /// Records the destruction of a subject (`body`, a destruction with its record) and its act
    /// of destruction in one transaction: the act (the one place the subject's name outlives the
    /// destruction) is written exactly when the data go, or neither happens. `act` gets the
    /// destruction event, and the act's number comes from the register in the same transaction.
    pub fn destroy_subject(
        &mut self,
        actor: StaffId,
        now_ms: u64,
        body: EventBody,
        act: impl FnOnce(&Event, u64) -> Result<acts::ActRecord, StoreError>,
    ) -> Result<(Event, acts::ActRecord), StoreError> {
        if !(body.in_clear() && body.subject().is_some()) {
            return Err(StoreError::Incomplete {
                path: Default::default(),
                detail: "only a destruction with its record destroys a subject".to_owned(),
            });
        }
        let mut recorded = None;
        let mut events = self.append_with(actor, now_ms, vec![body], |tx, events| {
            let record = act(&events[0], acts::next_number(tx)?)?;
            acts::insert(tx, &record)?;
            recorded = Some(record);
            Ok(())
        })?;
        let record = recorded.ok_or(StoreError::Incomplete {
            path: Default::default(),
            detail: "the act of destruction was not written".to_owned(),
        })?;
        Ok((events.remove(0), record))
    }

    /// A subject whose data were destroyed, as the destruction kept them.
    pub fn destroyed_subject(
        &self,
        id: PatientId,
    ) -> Result<Option<consent_domain::destruction::DestroyedSubject>, StoreError> {
        projection::destroyed(self.conn(), id)
    }

    /// Who did what about a subject and when, from the ledger's clear envelopes, in fold order:
    /// the audit trail that outlives a destruction (no body is opened).
    pub fn subject_trail(&self, id: PatientId) -> Result<Vec<(Hlc, StaffId, String)>, StoreError> {
        Ok(ledger::of_subject(self.conn(), id)?
            .into_iter()
            .map(|row| (row.hlc, row.actor, row.kind))
            .collect())
    }

    /// The register of acts of destruction, newest first.
    pub fn acts(&self) -> Result<Vec<acts::ActRecord>, StoreError> {
        acts::all(self.conn())
    }

    pub fn act(&self, id: [u8; 16]) -> Result<Option<acts::ActRecord>, StoreError> {
        acts::get(self.conn(), id)
    }

    /// Forgets the subject's name in every act whose keeping period ended before `today` and
    /// empties the WAL of the old pages; how many names went.
    pub fn forget_expired_act_names(&mut self, today: NaiveDate) -> Result<usize, StoreError> {
        let forgotten = acts::forget_expired_names(self.conn(), today)?;
        if forgotten > 0 {
            let _ = self.checkpoint_after_shredding();
        }
        Ok(forgotten)
    }

    fn append_with(
        &mut self,
        actor: StaffId,
        now_ms: u64,
        bodies: Vec<EventBody>,
        then: impl FnOnce(&Transaction<'_>, &[Event]) -> Result<(), StoreError>,
    ) -> Result<Vec<Event>, StoreError> {
        let desk = self.desk;
        let path = self.db.path().to_path_buf();
        // IMMEDIATE takes the write lock first (waiting out a busy database up to the busy timeout),
        // so the head read below cannot be taken by another writer before this commit.
        let tx = self
            .db
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut head = ledger::head(&tx, desk)?;
        let mut clock = self.clock.max(latest_clock(&tx)?);
        let (version, fresh_calendar) = calendar_in(&tx, &path, self.seen_version, &self.calendar)?;
        let calendar = fresh_calendar.as_ref().unwrap_or(&self.calendar);
        let mut events = Vec::with_capacity(bodies.len());
        let mut shredded = false;
        for body in bodies {
            clock = clock.tick(now_ms);
            let event = Event {
                id: EventId::from_uuid(new_v7(clock.wall_ms)?),
                desk,
                seq: head.map_or(1, |h| h.seq + 1),
                hlc: clock,
                actor,
                body,
            };
            let row = seal(&tx, &event, head.map_or(GENESIS, |h| h.hash))?;
            ledger::insert(&tx, &row)?;
            project(&tx, &event, calendar)?;
            if event.body.in_clear()
                && let Some(subject) = event.body.subject()
            {
                shred(&tx, subject, calendar)?;
                shredded = true;
            }
            head = Some(Head {
                seq: row.seq,
                hash: row.hash,
            });
            events.push(event);
        }
        then(&tx, &events)?;
        tx.commit()?;
        if shredded {
            // The commit stands either way; a WAL still held by a reader is emptied by the next
            // checkpoint (SQLite's own, or the next shredding's).
            let _ = self.checkpoint_after_shredding();
        }
        self.write_anchor(head, clock.wall_ms);
        self.head = head;
        self.clock = clock;
        if let Some(calendar) = fresh_calendar {
            self.calendar = calendar;
        }
        self.seen_version = version;
        Ok(events)
    }

    /// Copies the WAL into the database file and truncates it to nothing, so the pages that held a
    /// destroyed subject's key and projections before `secure_delete` overwrote them leave the WAL.
    /// SQLite waits (up to the busy timeout) for readers of an older snapshot; a reader that
    /// outlasts it leaves frames in the WAL until the next checkpoint, so the answer says whether
    /// the WAL was emptied.
    pub(crate) fn checkpoint_after_shredding(&self) -> bool {
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok_and(|busy| busy == 0)
    }

    /// Every event that can still be read, in fold order, and how many were crypto-shredded.
    pub fn events(&self) -> Result<(Vec<Event>, usize), StoreError> {
        let rows = ledger::all_in_order(self.conn())?;
        let mut events = Vec::with_capacity(rows.len());
        let mut shredded = 0;
        for row in rows {
            match open_row(self.conn(), &row)? {
                Some(event) => events.push(event),
                None => shredded += 1,
            }
        }
        Ok((events, shredded))
    }

    /// The readable events about one subject, in fold order (none once the subject was shredded).
    pub fn subject_events(&self, subject: PatientId) -> Result<Vec<Event>, StoreError> {
        let mut events = Vec::new();
        for row in ledger::of_subject(self.conn(), subject)? {
            if let Some(event) = open_row(self.conn(), &row)? {
                events.push(event);
            }
        }
        Ok(events)
    }

    /// Checks every desk's hash chain.
    /// Checks the file page by page (SQLCipher's HMACs, then SQLite's `quick_check`) and every desk's
    /// hash chain. A damaged page is a finding, not a failure: the report says which.
    pub fn verify(&self) -> Result<Verification, StoreError> {
        let mut problems = self.db.integrity_problems()?;
        let mut verification = match ledger::verify(self.conn()) {
            Ok(verification) => verification,
            Err(e) if is_damage(&e) => {
                problems.push(format!("the ledger cannot be read to its end: {e}"));
                Verification::default()
            }
            Err(e) => return Err(e.into()),
        };
        match ledger::keys_missing_without_disposal(self.conn()) {
            Ok(missing) => verification.keys_missing = missing,
            Err(e) if is_damage(&e) => {
                problems.push(format!("the subjects' keys cannot be read: {e}"));
            }
            Err(e) => return Err(e.into()),
        }
        match self.compare_with_anchor() {
            Ok(rollback) => verification.rollback = rollback,
            Err(StoreError::Damaged { detail, .. }) => {
                problems.push(format!("the ledger's head cannot be read: {detail}"));
            }
            Err(e) => return Err(e),
        }
        verification.file_problems = problems;
        Ok(verification)
    }

    /// The projected state of one subject (their patient record, consents and requests).
    pub fn subject(&self, patient: PatientId) -> Result<State, StoreError> {
        projection::load_subject(self.conn(), patient)
    }

    pub fn patient(&self, patient: PatientId) -> Result<Option<PatientRecord>, StoreError> {
        projection::patient(self.conn(), patient)
    }

    /// The clinic's details, once saved.
    /// The clinic's wording of its forms (`forms.toml` text), once an administrator set it.
    pub fn form_wording(&self) -> Result<Option<String>, StoreError> {
        projection::form_wording(self.conn())
    }

    pub fn clinic(&self) -> Result<Option<consent_domain::clinic::ClinicDetails>, StoreError> {
        projection::clinic(self.conn())
    }

    /// A staff member's password hash, once set.
    pub fn password_hash(
        &self,
        staff: consent_domain::staff::StaffId,
    ) -> Result<Option<String>, StoreError> {
        projection::password_hash(self.conn(), staff)
    }

    /// Staff accounts.
    pub fn staff(&self) -> Result<Vec<Staff>, StoreError> {
        projection::all_staff(self.conn())
    }

    /// The staff account with `login`, if any.
    pub fn staff_by_login(&self, login: &str) -> Result<Option<Staff>, StoreError> {
        projection::staff_by_login(self.conn(), login)
    }

    /// Up to `limit` patients matching what was typed into the search box, best first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<PatientRecord>, StoreError> {
        let ids = search::find(self.conn(), &search::parse(text), limit)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(record) = projection::patient(self.conn(), id)? {
                out.push(record);
            }
        }
        Ok(out)
    }

    /// Matching patient ids only (what the search box shows first; records load on demand).
    pub fn search_ids(&self, text: &str, limit: usize) -> Result<Vec<PatientId>, StoreError> {
        Ok(search::find(self.conn(), &search::parse(text), limit)?)
    }

    /// Open requests, soonest deadline first.
    pub fn queue(&self) -> Result<Vec<QueueRow>, StoreError> {
        projection::open_requests(self.conn())
    }

    /// Requests received from `from` to `to`, both days included (the journal).
    pub fn requests_received(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Request>, StoreError> {
        projection::requests_received(self.conn(), from, to)
    }

    /// Every request (the queue's dashboard).
    pub fn all_requests(&self) -> Result<Vec<Request>, StoreError> {
        projection::all_requests(self.conn())
    }

    /// Imports a year of the production calendar (xmlcalendar text) by `actor` at `now_ms`: checked
    /// against the calendar in force, then recorded in the ledger, so it travels to every desk of
    /// the clinic; the year's projection recounts every open deadline in the same transaction.
    pub fn import_calendar(
        &mut self,
        actor: StaffId,
        now_ms: u64,
        xml: &str,
    ) -> Result<i32, StoreError> {
        self.catch_up()?;
        let year = self.calendar.clone().import_xml(xml)?;
        self.append(
            actor,
            now_ms,
            EventBody::CalendarYearImported {
                year,
                xml: xml.to_owned(),
            },
        )?;
        self.refresh_calendar()?;
        Ok(year)
    }

    /// Takes the calendar as stored when a commit of this handle changed it (a year imported here
    /// or arrived from another desk).
    fn refresh_calendar(&mut self) -> Result<(), StoreError> {
        if stored_revision(self.conn())? != Some(self.calendar.revision().value().to_string()) {
            self.calendar = stored_calendar(self.conn(), self.db.path())?;
        }
        Ok(())
    }

    /// A new build may ship a corrected calendar: deadlines computed with another revision are redone.
    fn sync_calendar_revision(&mut self) -> Result<(), StoreError> {
        let current = self.calendar.revision().value().to_string();
        if stored_revision(self.conn())?.as_deref() == Some(current.as_str()) {
            return Ok(());
        }
        let calendar = self.calendar.clone();
        let tx = self
            .db
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        projection::recompute_deadlines(&tx, &calendar)?;
        set_meta(&tx, META_CALENDAR_REVISION, &current)?;
        tx.commit()?;
        Ok(())
    }
}

const META_CALENDAR_REVISION: &str = "calendar_revision";

/// The newest clock reading in the ledger, of any desk (a new event's clock must pass it).
fn latest_clock(conn: &Connection) -> Result<Hlc, StoreError> {
    Ok(conn
        .query_row(
            "SELECT hlc_ms, hlc_counter FROM ledger ORDER BY hlc_ms DESC, hlc_counter DESC LIMIT 1",
            [],
            |r| Ok(Hlc::new(r.get::<_, i64>(0)? as u64, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default())
}

/// Inside a write transaction: `PRAGMA data_version`, and the calendar as committed when another
/// process imported a year since this handle read it (`None`: the one in memory, `held`, still is).
/// Deadlines written in the transaction must be computed with the calendar of its commit.
fn calendar_in(
    conn: &Connection,
    path: &Path,
    seen_version: i64,
    held: &Calendar,
) -> Result<(i64, Option<Calendar>), StoreError> {
    let version = data_version(conn)?;
    let fresh = if version == seen_version
        || stored_revision(conn)? == Some(held.revision().value().to_string())
    {
        None
    } else {
        Some(stored_calendar(conn, path)?)
    };
    Ok((version, fresh))
}

/// The built-in calendar with the years imported into this database.
pub(crate) fn stored_calendar(conn: &Connection, path: &Path) -> Result<Calendar, StoreError> {
    let mut calendar = Calendar::builtin();
    let imported: Vec<String> = conn
        .prepare("SELECT xml FROM calendar_years ORDER BY year")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for xml in imported {
        calendar
            .import_xml(&xml)
            .map_err(|e| StoreError::Incomplete {
                path: path.to_path_buf(),
                detail: format!("a stored calendar year no longer imports: {e}"),
            })?;
    }
    Ok(calendar)
}

/// Whether SQLite gave up because the file is damaged (a page that fails its HMAC reads as corrupt).
pub(crate) fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// The revision of the calendar the stored deadlines were computed with.
fn stored_revision(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            params![META_CALENDAR_REVISION],
            |r| r.get(0),
        )
        .optional()?)
}

/// SQLite's count of commits by other connections, as seen from `conn`.
fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// Records which calendar the stored deadlines were counted with.
pub(crate) fn set_calendar_revision(
    conn: &Connection,
    calendar: &Calendar,
) -> Result<(), StoreError> {
    set_meta(
        conn,
        META_CALENDAR_REVISION,
        &calendar.revision().value().to_string(),
    )
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![key, value],
    )?;
    Ok(())
}

/// A UUIDv7 for `wall_ms` with random bits from the OS: ids that sort by creation time.
pub fn new_v7(wall_ms: u64) -> Result<Uuid, StoreError> {
    let mut random = [0u8; 10];
    getrandom::fill(&mut random).map_err(|_| StoreError::Random)?;
    Ok(uuid::Builder::from_unix_timestamp_millis(wall_ms, &random).into_uuid())
}

/// The subject's key, created on the subject's first event.
fn subject_key(tx: &Transaction<'_>, subject: PatientId) -> Result<SubjectKey, StoreError> {
    match stored_subject_key(tx, subject)? {
        Some(key) => Ok(key),
        None => {
            let key = SubjectKey::generate()?;
            tx.prepare_cached("INSERT INTO subject_keys (subject_id, key) VALUES (?1, ?2)")?
                .execute(params![subject.as_bytes(), key.as_bytes()])?;
            Ok(key)
        }
    }
}

/// The ledger row for `event`: its body encoded and, for a subject's event, sealed with their key.
///
/// About a destroyed subject only the steps that finish their request may still be recorded, and
/// in clear (they carry no personal data, and sealing would make the subject a new key); the
/// destruction itself is in clear too, so it outlives the key it deletes.
fn seal(tx: &Transaction<'_>, event: &Event, prev_hash: [u8; 32]) -> Result<Row, StoreError> {
    let key = match event.body.subject() {
        None => None,
        Some(subject) if ledger::destroyed(tx, subject)? => {
            if !event.body.after_destruction() {
                return Err(StoreError::SubjectDestroyed);
            }
            None
        }
        Some(_) if event.body.in_clear() => None,
        Some(subject) => Some(subject_key(tx, subject)?),
    };
    Ok(Row::seal(
        event,
        prev_hash,
        key.as_ref(),
        codec::encode_body(&event.body),
    )?)
}

/// Deletes `subject`'s key: their sealed bodies can never be opened again (crypto-shredding), while
/// the chain still verifies. The one place a subject key is deleted; only a recorded destruction
/// (`ledger::DESTRUCTION_KIND`) may lead here, or `verify` reports the subject as tampered with.
fn forget_subject_key(conn: &Connection, subject: PatientId) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM subject_keys WHERE subject_id = ?1")?
        .execute(params![subject.as_bytes()])?
        > 0)
}

/// The subject's stored key, if it was not destroyed.
fn stored_subject_key(
    conn: &Connection,
    subject: PatientId,
) -> Result<Option<SubjectKey>, StoreError> {
    let stored: Option<Vec<u8>> = conn
        .prepare_cached("SELECT key FROM subject_keys WHERE subject_id = ?1")?
        .query_row(params![subject.as_bytes()], |r| r.get(0))
        .optional()?;
    Ok(stored
        .map(|bytes| SubjectKey::from_slice(&bytes))
        .transpose()?)
}

/// The event in `row`, or `None` when its subject's key was destroyed.
fn open_row(conn: &Connection, row: &Row) -> Result<Option<Event>, StoreError> {
    match row.data_subject() {
        Some(_) if row.nonce.is_empty() => open_clear(row).map(Some),
        Some(subject) => match stored_subject_key(conn, subject)? {
            Some(key) => open_with(Some(&key), row).map(Some),
            None => Ok(None),
        },
        None => open_with(None, row).map(Some),
    }
}

/// The event in `row`, opened with its subject's `key` (`None` for a desk-wide row, kept in clear).
fn open_with(key: Option<&SubjectKey>, row: &Row) -> Result<Event, StoreError> {
    // A subject's row without a nonce was kept in clear (`seal`); the hash covers the empty nonce,
    // so a sealed row cannot be passed off as clear.
    let key = key.filter(|_| !row.nonce.is_empty());
    let plain = match key {
        Some(key) => key.open(&row.envelope(), &row.nonce, &row.sealed)?,
        None => row.sealed.clone(),
    };
    let body = codec::decode_body(&plain)?;
    Ok(Event {
        id: row.event,
        desk: row.desk,
        seq: row.seq,
        hlc: row.hlc,
        actor: row.actor,
        body,
    })
}

/// A subject's row kept in clear, which only a destruction and the steps after it may be: any
/// other body in clear is refused as tampered with, so nothing sealed can be swapped for clear text.
pub(crate) fn open_clear(row: &Row) -> Result<Event, StoreError> {
    let event = open_with(None, row)?;
    if event.body.in_clear() || event.body.after_destruction() {
        Ok(event)
    } else {
        Err(StoreError::Crypto(crate::crypto::CryptoError::Open))
    }
}

/// What destroying `subject` means for this desk, in the transaction that recorded or received the
/// destruction: their key goes, and with it every projection folded from their data; what the
/// clear rows say (the destruction's record and the steps after it) is folded again in their place.
pub(crate) fn shred(
    tx: &Transaction<'_>,
    subject: PatientId,
    calendar: &Calendar,
) -> Result<(), StoreError> {
    forget_subject_key(tx, subject)?;
    projection::clear_slice(tx, subject)?;
    fold_clear(tx, subject, &ledger::of_subject(tx, subject)?, calendar)
}

/// Folds the clear rows among a destroyed subject's `rows` into projections holding nothing of them.
pub(crate) fn fold_clear(
    tx: &Connection,
    subject: PatientId,
    rows: &[Row],
    calendar: &Calendar,
) -> Result<(), StoreError> {
    debug_assert!(rows.iter().all(|r| r.subject == subject));
    let mut events = Vec::new();
    for row in rows.iter().filter(|r| r.nonce.is_empty()) {
        events.push(open_clear(row)?);
    }
    let state = State::fold(&events);
    projection::save_changes(tx, &State::default(), &state, calendar)
}

/// Applies `event` to the projections through the domain's fold.
fn project(tx: &Transaction<'_>, event: &Event, calendar: &Calendar) -> Result<(), StoreError> {
    let before = match event.body.subject() {
        Some(subject) => projection::load_subject(tx, subject)?,
        None => projection::load_desk(tx)?,
    };
    let mut after = before.clone();
    after.apply(event).map_err(|_| StoreError::Incomplete {
        path: Default::default(),
        detail: "a projection slice already holds a later event".to_owned(),
    })?;
    projection::save_changes(tx, &before, &after, calendar)
}
