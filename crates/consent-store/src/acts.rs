//! The register of acts of destruction (order No. 179): what each act says, kept with the
//! destruction that produced it, and the subject's full name until the act's keeping period ends.
//!
//! Not a projection: the register is written in the destruction's own transaction and is never
//! rebuilt from the ledger, because the name it holds is exactly what the ledger no longer can
//! give. The act's content (`act`) is the service's business; the store keeps its bytes.

use chrono::NaiveDate;
use consent_domain::ids::{PatientId, RequestId};
use rusqlite::{Connection, OptionalExtension, params};

use crate::codec::parse_iso_date;
use crate::error::StoreError;

/// One act in the register.
#[derive(Clone, PartialEq, Eq)]
pub struct ActRecord {
    pub id: [u8; 16],
    /// The act's number on this desk: 1, 2, 3, ...
    pub number: u64,
    pub subject: PatientId,
    pub request: RequestId,
    pub drawn_up_on: NaiveDate,
    /// The last day the act must be kept; the name goes after it.
    pub keep_until: NaiveDate,
    /// The subject's full name; `None` once the keeping period ended.
    pub subject_name: Option<String>,
    /// What the act says, as the service encoded it.
    pub act: Vec<u8>,
}

impl std::fmt::Debug for ActRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActRecord")
            .field("number", &self.number)
            .field("drawn_up_on", &self.drawn_up_on)
            .field("keep_until", &self.keep_until)
            .field(
                "subject_name",
                &self.subject_name.as_ref().map(|_| "<personal data>"),
            )
            .finish_non_exhaustive()
    }
}

/// The number the next act gets.
pub fn next_number(conn: &Connection) -> Result<u64, StoreError> {
    let max: Option<i64> =
        conn.query_row("SELECT MAX(number) FROM destruction_acts", [], |r| r.get(0))?;
    Ok(max.map_or(1, |n| n as u64 + 1))
}

pub fn insert(conn: &Connection, act: &ActRecord) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO destruction_acts (act_id, number, subject_id, request_id, drawn_up_on, \
         keep_until, subject_name, act) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        act.id,
        act.number as i64,
        act.subject.as_bytes(),
        act.request.as_bytes(),
        act.drawn_up_on.to_string(),
        act.keep_until.to_string(),
        act.subject_name,
        act.act,
    ])?;
    Ok(())
}

const SELECT: &str = "SELECT act_id, number, subject_id, request_id, drawn_up_on, keep_until, \
                      subject_name, act FROM destruction_acts";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ActRecord, String, String)> {
    let blob = |i: usize| -> rusqlite::Result<[u8; 16]> {
        let bytes: Vec<u8> = r.get(i)?;
        bytes.try_into().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Blob,
                "an id is 16 bytes".into(),
            )
        })
    };
    Ok((
        ActRecord {
            id: blob(0)?,
            number: r.get::<_, i64>(1)? as u64,
            subject: PatientId::from_bytes(blob(2)?),
            request: RequestId::from_bytes(blob(3)?),
            drawn_up_on: NaiveDate::MIN,
            keep_until: NaiveDate::MIN,
            subject_name: r.get(6)?,
            act: r.get(7)?,
        },
        r.get(4)?,
        r.get(5)?,
    ))
}

fn with_dates(
    (mut act, drawn, keep): (ActRecord, String, String),
) -> Result<ActRecord, StoreError> {
    let bad = || StoreError::Incomplete {
        path: Default::default(),
        detail: "an act of destruction has an unreadable date".to_owned(),
    };
    act.drawn_up_on = parse_iso_date(&drawn).ok_or_else(bad)?;
    act.keep_until = parse_iso_date(&keep).ok_or_else(bad)?;
    Ok(act)
}

/// Every act, newest first.
pub fn all(conn: &Connection) -> Result<Vec<ActRecord>, StoreError> {
    let rows: Vec<_> = conn
        .prepare_cached(&format!("{SELECT} ORDER BY number DESC"))?
        .query_map([], read)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(with_dates).collect()
}

pub fn get(conn: &Connection, id: [u8; 16]) -> Result<Option<ActRecord>, StoreError> {
    conn.prepare_cached(&format!("{SELECT} WHERE act_id = ?1"))?
        .query_row(params![id], read)
        .optional()?
        .map(with_dates)
        .transpose()
}

/// Forgets the subject's name in every act whose keeping period ended before `today`; how many.
pub fn forget_expired_names(conn: &Connection, today: NaiveDate) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE destruction_acts SET subject_name = NULL \
             WHERE subject_name IS NOT NULL AND keep_until < ?1",
        )?
        .execute(params![today.to_string()])?)
}
