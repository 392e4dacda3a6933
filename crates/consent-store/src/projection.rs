//! Projections: the state folded from the ledger, kept in tables so search and the queue are queries.
//!
//! Every event is about one data subject, and folding never crosses subjects, so a subject's objects
//! (their patient record, consents and requests) are a self-contained slice of the state. Appending an
//! event loads that slice, applies the event with the domain's own fold, and writes back what changed.
//! Rebuilding folds each subject's events from scratch the same way, so the two paths cannot disagree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use consent_domain::calendar::Calendar;
use consent_domain::clinic::ClinicDetails;
use consent_domain::consent::Consent;
use consent_domain::form_code::short_code;
use consent_domain::ids::{ConsentId, FormId, PatientId, RequestId};
use consent_domain::patient::search_key;
use consent_domain::request::Request;
use consent_domain::staff::{Staff, StaffId};
use consent_domain::state::{Conflict, PatientRecord, State};
use rusqlite::{Connection, OptionalExtension, params};

use crate::codec;
use crate::error::StoreError;
use crate::search::phone_key;

/// The slice of the state about `subject`, as projected.
pub fn load_subject(conn: &Connection, subject: PatientId) -> Result<State, StoreError> {
    let mut state = State::default();
    let key = subject.as_bytes();
    let patient: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM patients WHERE id = ?1")?
        .query_row(params![key], |r| r.get(0))
        .optional()?;
    if let Some(bytes) = patient {
        let record = codec::decode_patient_record(&bytes)?;
        state.patients.insert(record.id, record);
    }
    let mut consents = conn.prepare_cached("SELECT record FROM consents WHERE patient_id = ?1")?;
    for bytes in consents.query_map(params![key], |r| r.get::<_, Vec<u8>>(0))? {
        let consent = codec::decode_consent(&bytes?)?;
        state.consents.insert(consent.id, consent);
    }
    let mut requests = conn.prepare_cached("SELECT record FROM requests WHERE patient_id = ?1")?;
    for bytes in requests.query_map(params![key], |r| r.get::<_, Vec<u8>>(0))? {
        let request = codec::decode_request(&bytes?)?;
        state.requests.insert(request.id, request);
    }
    let destroyed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM destroyed_subjects WHERE subject_id = ?1")?
        .query_row(params![key], |r| r.get(0))
        .optional()?;
    if let Some(bytes) = destroyed {
        let subject = codec::decode_destroyed(&bytes)?;
        state.destroyed.insert(subject.patient, subject);
    }
    Ok(state)
}

/// The desk-wide slice that events without a subject fold into: staff and the clinic's details.
pub fn load_desk(conn: &Connection) -> Result<State, StoreError> {
    let mut state = State::default();
    for staff in all_staff(conn)? {
        state.staff.insert(staff.id(), staff);
    }
    state.clinic = clinic(conn)?;
    state.calendar_years = calendar_years(conn)?;
    state.form_wording = form_wording(conn)?;
    let hashes: Vec<(Vec<u8>, String)> = conn
        .prepare_cached("SELECT staff_id, hash FROM credentials")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, hash) in hashes {
        let id = StaffId::from_u128(u128::from_be_bytes(blob16(id)));
        state.passwords.insert(id, hash);
    }
    Ok(state)
}

/// The password hash of a staff member, once set.
pub fn password_hash(conn: &Connection, staff: StaffId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT hash FROM credentials WHERE staff_id = ?1")?
        .query_row(params![staff.as_u128().to_be_bytes()], |r| r.get(0))
        .optional()?)
}

/// The imported years of the production calendar, as stored (from the ledger, or imported before
/// imports were recorded in it).
pub fn calendar_years(conn: &Connection) -> Result<BTreeMap<i32, String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT year, xml FROM calendar_years")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The clinic's wording of its forms, once set.
pub fn form_wording(conn: &Connection) -> Result<Option<String>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM settings WHERE key = 'form_wording'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
}

/// The clinic's details, once saved.
pub fn clinic(conn: &Connection) -> Result<Option<ClinicDetails>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM settings WHERE key = 'clinic'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    bytes
        .map(|b| codec::decode_clinic(&b))
        .transpose()
        .map_err(Into::into)
}

/// The staff account with `login`, by the unique index.
pub fn staff_by_login(conn: &Connection, login: &str) -> Result<Option<Staff>, StoreError> {
    conn.prepare_cached("SELECT record FROM staff WHERE login = ?1")?
        .query_row(params![login], |r| r.get::<_, Vec<u8>>(0))
        .optional()?
        .map(|b| codec::decode_staff(&b))
        .transpose()
        .map_err(Into::into)
}

pub fn all_staff(conn: &Connection) -> Result<Vec<Staff>, StoreError> {
    let records: Vec<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM staff ORDER BY login")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    records
        .iter()
        .map(|bytes| codec::decode_staff(bytes).map_err(Into::into))
        .collect()
}

/// Writes every object of `after` that differs from `before`, and the conflicts `after` added.
pub fn save_changes(
    conn: &Connection,
    before: &State,
    after: &State,
    calendar: &Calendar,
) -> Result<(), StoreError> {
    // A calendar year first: the requests below, and every open one, count working days with it.
    let fresh = save_calendar_years(conn, before, after)?;
    let calendar = fresh.as_ref().unwrap_or(calendar);
    if after.form_wording != before.form_wording
        && let Some(toml) = &after.form_wording
    {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO settings (key, record) VALUES ('form_wording', ?1)",
        )?
        .execute(params![toml.as_bytes()])?;
    }
    for (id, record) in &after.patients {
        if before.patients.get(id) != Some(record) {
            put_patient(conn, record)?;
            // The queue keeps a copy of the name.
            conn.prepare_cached("UPDATE requests SET patient_name = ?1 WHERE patient_id = ?2")?
                .execute(params![record.data.display_name(), id.as_bytes()])?;
        }
    }
    for (id, consent) in &after.consents {
        if before.consents.get(id) != Some(consent) {
            put_consent(conn, consent)?;
        }
    }
    for (id, request) in &after.requests {
        if before.requests.get(id) != Some(request) {
            let name = after
                .patients
                .get(&request.patient)
                .map(|p| p.data.display_name())
                .unwrap_or_default();
            put_request(conn, request, &name, calendar)?;
        }
    }
    for (id, staff) in &after.staff {
        if before.staff.get(id) != Some(staff) {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO staff (id, login, record) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![
                staff.id().as_u128().to_be_bytes(),
                staff.login().as_str(),
                codec::encode_staff(staff),
            ])?;
        }
    }
    if after.clinic != before.clinic
        && let Some(clinic) = &after.clinic
    {
        conn.prepare_cached("INSERT OR REPLACE INTO settings (key, record) VALUES ('clinic', ?1)")?
            .execute(params![codec::encode_clinic(clinic)])?;
    }
    for (id, hash) in &after.passwords {
        if before.passwords.get(id) != Some(hash) {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO credentials (staff_id, hash) VALUES (?1, ?2)",
            )?
            .execute(params![id.as_u128().to_be_bytes(), hash])?;
        }
    }
    for (id, printed) in &after.printed {
        if before.printed.get(id) != Some(printed) {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO printed_forms \
                 (form_id, patient_id, document, request_id, short_code) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id.as_bytes(),
                printed.patient.as_bytes(),
                printed.document.code(),
                printed.request.map(|r| r.as_bytes().to_vec()),
                short_code(*id),
            ])?;
        }
    }
    for (id, subject) in &after.destroyed {
        if before.destroyed.get(id) != Some(subject) {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO destroyed_subjects (subject_id, record) VALUES (?1, ?2)",
            )?
            .execute(params![id.as_bytes(), codec::encode_destroyed(subject)])?;
        }
    }
    for conflict in after.conflicts.iter().skip(before.conflicts.len()) {
        put_conflict(conn, conflict)?;
    }
    Ok(())
}

fn put_patient(conn: &Connection, record: &PatientRecord) -> Result<(), StoreError> {
    let data = &record.data;
    let name = data.name();
    let document = data.document();
    let number = search_key::document_number(document.number());
    let full = search_key::document_number(&format!(
        "{}{}",
        document.series().unwrap_or_default(),
        document.number()
    ));
    conn.prepare_cached(
        "INSERT OR REPLACE INTO patients (id, surname_key, given_key, patronymic_key, phone_key, \
         birth_date, document_key, document_full_key, display_name, record) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        record.id.as_bytes(),
        search_key::name(name.surname.as_str()),
        search_key::name(name.given_name.as_str()),
        name.patronymic
            .as_ref()
            .map(|p| search_key::name(p.as_str()))
            .unwrap_or_default(),
        phone_key(data.phone().map(|p| p.as_str())),
        data.birth_date().to_string(),
        number,
        full,
        data.display_name(),
        codec::encode_patient_record(record),
    ])?;
    Ok(())
}

fn put_consent(conn: &Connection, consent: &Consent) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO consents (id, patient_id, record) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        consent.id.as_bytes(),
        consent.patient.as_bytes(),
        codec::encode_consent(consent),
    ])?;
    let mut forms = conn.prepare_cached(
        "INSERT OR IGNORE INTO forms (form_id, consent_id, patient_id, short_code) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for printed in &consent.forms {
        forms.execute(params![
            printed.form.as_bytes(),
            consent.id.as_bytes(),
            consent.patient.as_bytes(),
            short_code(printed.form),
        ])?;
    }
    Ok(())
}

/// Writes a request with its next deadline under `calendar` (none when the year is unknown: the queue
/// then shows "unknown year" rather than a guess).
fn put_request(
    conn: &Connection,
    request: &Request,
    patient_name: &str,
    calendar: &Calendar,
) -> Result<(), StoreError> {
    let next = request.next_deadline(calendar).ok().flatten();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO requests (id, patient_id, patient_name, is_open, kind, status, \
         extended, received_on, next_due, next_obligation, record) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        request.id.as_bytes(),
        request.patient.as_bytes(),
        patient_name,
        request.status.is_open(),
        request.kind.code(),
        request.status.code(),
        request.extension.is_some(),
        request.received_on.to_string(),
        next.map(|d| d.due.to_string()),
        next.map(|d| d.obligation.code()),
        codec::encode_request(request),
    ])?;
    Ok(())
}

fn put_conflict(conn: &Connection, conflict: &Conflict) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO conflicts (event_id, kind, reason) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        conflict.event.as_bytes(),
        conflict.kind,
        conflict.reason
    ])?;
    Ok(())
}

/// Every table the projections write (and `rebuild` clears, refills and compares), with its primary
/// key: the order in which `rebuild` reads a table to compare it.
pub const TABLES: [(&str, &str); 10] = [
    ("patients", "id"),
    ("consents", "id"),
    ("forms", "form_id"),
    ("requests", "id"),
    ("conflicts", "event_id"),
    ("staff", "id"),
    ("settings", "key"),
    ("printed_forms", "form_id"),
    ("credentials", "staff_id"),
    ("destroyed_subjects", "subject_id"),
];

/// Empties every projection table (before a rebuild).
pub fn clear(conn: &Connection) -> Result<(), StoreError> {
    for (table, _) in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// Writes the calendar years `after` holds anew and, when any was written, returns the calendar
/// they make, with every open request's deadline counted again by it. A year whose text does not
/// import (another build's format, a damaged event) is left out, so it cannot stop this desk from
/// opening; the years already held stay.
fn save_calendar_years(
    conn: &Connection,
    before: &State,
    after: &State,
) -> Result<Option<Calendar>, StoreError> {
    let mut written = false;
    for (year, xml) in &after.calendar_years {
        if before.calendar_years.get(year) == Some(xml) {
            continue;
        }
        match Calendar::builtin().import_xml(xml) {
            Ok(imported) if imported == *year => {
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO calendar_years (year, xml) VALUES (?1, ?2)",
                )?
                .execute(params![year, xml])?;
                written = true;
            }
            // Left out: `verify` and the fold still hold the event.
            _ => {}
        }
    }
    if !written {
        return Ok(None);
    }
    let calendar = crate::store::stored_calendar(conn, std::path::Path::new(""))?;
    recompute_deadlines(conn, &calendar)?;
    crate::store::set_calendar_revision(conn, &calendar)?;
    Ok(Some(calendar))
}

/// Removes everything projected from one slice before it is folded again from its rows: for a
/// subject, their patient record, consents with their forms, requests and other printed forms; for
/// the desk-wide slice (the nil id), staff, passwords and the clinic's details; for either, the
/// conflicts its events raised. Index lookups only, never a scan of a table.
pub fn clear_slice(conn: &Connection, subject: PatientId) -> Result<(), StoreError> {
    let key = subject.as_bytes();
    if subject == crate::ledger::NO_SUBJECT {
        for sql in [
            "DELETE FROM staff",
            "DELETE FROM credentials",
            "DELETE FROM settings WHERE key = 'clinic'",
            "DELETE FROM settings WHERE key = 'form_wording'",
        ] {
            conn.prepare_cached(sql)?.execute([])?;
        }
    } else {
        // `forms` has no index by patient; every form row was written from a consent's list of its
        // forms, which only grows, so the consents as projected name every row there is.
        let held = load_subject(conn, subject)?;
        let mut forms = conn.prepare_cached("DELETE FROM forms WHERE form_id = ?1")?;
        for consent in held.consents.values() {
            for printed in &consent.forms {
                forms.execute(params![printed.form.as_bytes()])?;
            }
        }
        for sql in [
            "DELETE FROM consents WHERE patient_id = ?1",
            "DELETE FROM requests WHERE patient_id = ?1",
            "DELETE FROM printed_forms WHERE patient_id = ?1",
            "DELETE FROM patients WHERE id = ?1",
            "DELETE FROM destroyed_subjects WHERE subject_id = ?1",
        ] {
            conn.prepare_cached(sql)?.execute(params![key])?;
        }
    }
    // Conflicts name only their event: the slice's are those of its rows in the ledger.
    conn.prepare_cached(
        "DELETE FROM conflicts WHERE event_id IN (SELECT event_id FROM ledger WHERE subject_id = ?1)",
    )?
    .execute(params![key])?;
    Ok(())
}

/// A destroyed subject, as their destruction kept them.
pub fn destroyed(
    conn: &Connection,
    id: PatientId,
) -> Result<Option<consent_domain::destruction::DestroyedSubject>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM destroyed_subjects WHERE subject_id = ?1")?
        .query_row(params![id.as_bytes()], |r| r.get(0))
        .optional()?;
    bytes
        .map(|b| codec::decode_destroyed(&b).map_err(Into::into))
        .transpose()
}

/// Recomputes the next deadline of every open request (after the calendar changed).
pub fn recompute_deadlines(conn: &Connection, calendar: &Calendar) -> Result<usize, StoreError> {
    let records: Vec<(Vec<u8>, String)> = conn
        .prepare("SELECT record, patient_name FROM requests WHERE is_open = 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (bytes, name) in &records {
        put_request(conn, &codec::decode_request(bytes)?, name, calendar)?;
    }
    Ok(records.len())
}

pub fn patient(conn: &Connection, id: PatientId) -> Result<Option<PatientRecord>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM patients WHERE id = ?1")?
        .query_row(params![id.as_bytes()], |r| r.get(0))
        .optional()?;
    bytes
        .map(|b| codec::decode_patient_record(&b))
        .transpose()
        .map_err(Into::into)
}

pub fn consent(conn: &Connection, id: ConsentId) -> Result<Option<Consent>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM consents WHERE id = ?1")?
        .query_row(params![id.as_bytes()], |r| r.get(0))
        .optional()?;
    bytes
        .map(|b| codec::decode_consent(&b))
        .transpose()
        .map_err(Into::into)
}

pub fn request(conn: &Connection, id: RequestId) -> Result<Option<Request>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM requests WHERE id = ?1")?
        .query_row(params![id.as_bytes()], |r| r.get(0))
        .optional()?;
    bytes
        .map(|b| codec::decode_request(&b))
        .transpose()
        .map_err(Into::into)
}

/// The printed forms (consents and other documents) whose short code is `code` (canonical,
/// `XXXX-XXXX`): consent forms first, each table in form id order. Two index lookups; more than one
/// form only when two ids share a 40-bit code.
pub fn forms_with_short_code(conn: &Connection, code: &str) -> Result<Vec<FormId>, StoreError> {
    let ids: Vec<Vec<u8>> = conn
        .prepare_cached(
            "SELECT form_id FROM (SELECT 0 AS t, form_id FROM forms WHERE short_code = ?1 \
             UNION ALL SELECT 1, form_id FROM printed_forms WHERE short_code = ?1) \
             ORDER BY t, form_id",
        )?
        .query_map(params![code], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids
        .into_iter()
        .map(|b| FormId::from_bytes(blob16(b)))
        .collect())
}

/// The patient a printed form is about: a consent form or any other printed document.
pub fn patient_of_form(conn: &Connection, form: FormId) -> Result<Option<PatientId>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT patient_id FROM forms WHERE form_id = ?1 \
             UNION ALL SELECT patient_id FROM printed_forms WHERE form_id = ?1 LIMIT 1",
        )?
        .query_row(params![form.as_bytes()], |r| r.get(0))
        .optional()?;
    Ok(bytes
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
        .map(PatientId::from_bytes))
}

/// The consent a printed form belongs to.
pub fn consent_of_form(conn: &Connection, form: FormId) -> Result<Option<ConsentId>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT consent_id FROM forms WHERE form_id = ?1")?
        .query_row(params![form.as_bytes()], |r| r.get(0))
        .optional()?;
    Ok(bytes
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
        .map(ConsentId::from_bytes))
}

/// Requests received from `from` to `to`, both days included, in no particular order (the journal
/// sorts them). `received_on` is ISO text, so the range compares as dates.
pub fn requests_received(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Request>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT record FROM requests WHERE received_on BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        r.get::<_, Vec<u8>>(0)
    })?;
    let mut out = Vec::new();
    for bytes in rows {
        out.push(codec::decode_request(&bytes?)?);
    }
    Ok(out)
}

/// Every request: the dashboard counts the open ones and those met this month, whenever received.
pub fn all_requests(conn: &Connection) -> Result<Vec<Request>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT record FROM requests")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for bytes in rows {
        out.push(codec::decode_request(&bytes?)?);
    }
    Ok(out)
}

/// One line of the managers' queue, read from columns (no record decoding: the queue must list ten
/// thousand open requests in milliseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub request: RequestId,
    pub patient: PatientId,
    pub patient_name: String,
    pub kind: String,
    pub status: String,
    pub extended: bool,
    pub received_on: NaiveDate,
    /// `None` when nothing is due or the deadline falls in a year the calendar does not know.
    pub next_due: Option<NaiveDate>,
    pub next_obligation: Option<String>,
    /// The request as folded (its channel, assignee, outcomes: what a queue line shows beyond the
    /// indexed columns, and what tells a deadline in an unknown year from nothing due).
    pub record: Request,
}

/// Open requests, soonest deadline first; those without a known deadline come last.
pub fn open_requests(conn: &Connection) -> Result<Vec<QueueRow>, StoreError> {
    // Two index-ordered scans instead of one sort: dated rows first, then those without a deadline.
    let mut out = Vec::new();
    for sql in [
        "SELECT id, patient_id, patient_name, kind, status, extended, received_on, next_due, \
                next_obligation, record FROM requests \
         WHERE is_open = 1 AND next_due IS NOT NULL ORDER BY is_open, next_due, received_on",
        "SELECT id, patient_id, patient_name, kind, status, extended, received_on, next_due, \
                next_obligation, record FROM requests \
         WHERE is_open = 1 AND next_due IS NULL ORDER BY is_open, next_due, received_on",
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(9)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        for row in rows {
            let (record, patient_name, next_due, next_obligation) = row?;
            let record = codec::decode_request(&record)?;
            out.push(QueueRow {
                request: record.id,
                patient: record.patient,
                patient_name,
                kind: record.kind.code().to_owned(),
                status: record.status.code().to_owned(),
                extended: record.extension.is_some(),
                received_on: record.received_on,
                next_due: next_due.as_deref().and_then(iso_date),
                next_obligation,
                record,
            });
        }
    }
    Ok(out)
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    codec::parse_iso_date(text)
}

fn blob16(bytes: Vec<u8>) -> [u8; 16] {
    <[u8; 16]>::try_from(bytes).unwrap_or_default()
}
