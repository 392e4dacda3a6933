//! The primitive reads and writes of one PostgreSQL transaction.
//!
//! One type serves both kinds: a read transaction is handed out as `&mut dyn ReadTx` only, so its
//! write methods are unreachable. A write transaction carries the cursor counter it locked, and
//! hands out cursors from it; the owner writes the final value back just before commit (one
//! statement per transaction instead of one per row).

use consent_wire::{Head, WireRow, WrappedKey};
use postgres::Transaction;
use postgres::types::FromSql;

use super::schema::Statements;
use super::{query_error, to_i64};
use crate::storage::{Counts, ReadTx, StorageError, StoredDesk, Token, TokenKind, WriteTx};

pub struct PgTx<'c> {
    pub tx: Transaction<'c>,
    pub st: &'c Statements,
    /// In a write transaction: the highest cursor given so far, counter lock held.
    pub cursor: Option<i64>,
}

/// Column `idx` of `row`; a value of the wrong type or a NULL where none may be is corruption.
fn col<'r, T: FromSql<'r>>(
    row: &'r postgres::Row,
    idx: usize,
    what: &'static str,
) -> Result<T, StorageError> {
    row.try_get(idx).map_err(|_| StorageError::Corrupt(what))
}

fn fixed<const N: usize>(bytes: &[u8], what: &'static str) -> Result<[u8; N], StorageError> {
    bytes.try_into().map_err(|_| StorageError::Corrupt(what))
}

fn col_fixed<const N: usize>(
    row: &postgres::Row,
    idx: usize,
    what: &'static str,
) -> Result<[u8; N], StorageError> {
    fixed(col::<&[u8]>(row, idx, what)?, what)
}

fn to_u64(value: i64, what: &'static str) -> Result<u64, StorageError> {
    u64::try_from(value).map_err(|_| StorageError::Corrupt(what))
}

fn col_u64(row: &postgres::Row, idx: usize, what: &'static str) -> Result<u64, StorageError> {
    to_u64(col::<i64>(row, idx, what)?, what)
}

fn col_opt_u64(
    row: &postgres::Row,
    idx: usize,
    what: &'static str,
) -> Result<Option<u64>, StorageError> {
    col::<Option<i64>>(row, idx, what)?
        .map(|v| to_u64(v, what))
        .transpose()
}

fn opt_i64(value: Option<u64>, what: &'static str) -> Result<Option<i64>, StorageError> {
    value.map(|v| to_i64(v, what)).transpose()
}

/// A row in [`super::schema::ROW_COLUMNS`] order.
fn wire_row(row: &postgres::Row) -> Result<(u64, WireRow), StorageError> {
    let cursor = col_u64(row, 0, "row cursor")?;
    let hlc_counter = u32::try_from(col::<i64>(row, 5, "row clock")?)
        .map_err(|_| StorageError::Corrupt("row clock"))?;
    Ok((
        cursor,
        WireRow {
            desk: col_fixed(row, 1, "row desk")?,
            seq: col_u64(row, 2, "row seq")?,
            event: col_fixed(row, 3, "row event")?,
            hlc_ms: col_u64(row, 4, "row clock")?,
            hlc_counter,
            actor: col_fixed(row, 6, "row actor")?,
            kind: col(row, 7, "row kind")?,
            subject: col_fixed(row, 8, "row subject")?,
            nonce: col(row, 9, "row nonce")?,
            body: col(row, 10, "row body")?,
            transport_nonce: col(row, 11, "row transport nonce")?,
            prev_hash: col_fixed(row, 12, "row hash")?,
            hash: col_fixed(row, 13, "row hash")?,
        },
    ))
}

fn stored_desk(row: &postgres::Row) -> Result<StoredDesk, StorageError> {
    Ok(StoredDesk {
        desk: col_fixed(row, 0, "desk id")?,
        name: col(row, 1, "desk name")?,
        credential_hash: col_fixed(row, 2, "desk credential")?,
        enrolled_ms: col_u64(row, 3, "desk time")?,
        last_seen_ms: col_opt_u64(row, 4, "desk time")?,
        rows: col_u64(row, 5, "desk rows")?,
        revoked_ms: col_opt_u64(row, 6, "desk time")?,
    })
}

fn token(row: &postgres::Row) -> Result<Token, StorageError> {
    let kind = match col::<&str>(row, 2, "token kind")? {
        "first" => TokenKind::First,
        "further" => TokenKind::Further,
        _ => return Err(StorageError::Corrupt("token kind")),
    };
    let made_by = col::<Option<&[u8]>>(row, 6, "token maker")?
        .map(|bytes| fixed(bytes, "token maker"))
        .transpose()?;
    Ok(Token {
        token_id: col_fixed(row, 0, "token id")?,
        token_hash: col_fixed(row, 1, "token hash")?,
        kind,
        package: col(row, 3, "token package")?,
        created_ms: col_u64(row, 4, "token time")?,
        expires_ms: col_u64(row, 5, "token time")?,
        made_by,
        used_ms: col_opt_u64(row, 7, "token time")?,
    })
}

impl ReadTx for PgTx<'_> {
    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let found = self
            .tx
            .query_opt(&self.st.meta_get, &[&key])
            .map_err(query_error)?;
        found.map(|row| col(&row, 0, "meta value")).transpose()
    }

    fn head(&mut self, desk: &[u8; 16]) -> Result<Option<(u64, [u8; 32])>, StorageError> {
        let found = self
            .tx
            .query_opt(&self.st.head, &[&&desk[..]])
            .map_err(query_error)?;
        found
            .map(|row| {
                Ok((
                    col_u64(&row, 0, "row seq")?,
                    col_fixed(&row, 1, "row hash")?,
                ))
            })
            .transpose()
    }

    fn row_hash(&mut self, desk: &[u8; 16], seq: u64) -> Result<Option<[u8; 32]>, StorageError> {
        // No row can have a seq the column cannot hold: asking for one finds nothing.
        let Ok(seq) = i64::try_from(seq) else {
            return Ok(None);
        };
        let found = self
            .tx
            .query_opt(&self.st.row_hash, &[&&desk[..], &seq])
            .map_err(query_error)?;
        found.map(|row| col_fixed(&row, 0, "row hash")).transpose()
    }

    fn rows_after(
        &mut self,
        after: u64,
        limit: usize,
    ) -> Result<Vec<(u64, WireRow)>, StorageError> {
        let Ok(after) = i64::try_from(after) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .tx
            .query(&self.st.rows_after, &[&after, &limit])
            .map_err(query_error)?;
        rows.iter().map(wire_row).collect()
    }

    fn keys_for(&mut self, subjects: &[[u8; 16]]) -> Result<Vec<WrappedKey>, StorageError> {
        let wanted: Vec<&[u8]> = subjects.iter().map(|s| &s[..]).collect();
        let rows = self
            .tx
            .query(&self.st.keys_for, &[&wanted])
            .map_err(query_error)?;
        let mut held = std::collections::HashMap::with_capacity(rows.len());
        for row in &rows {
            let subject: [u8; 16] = col_fixed(row, 0, "key subject")?;
            let key = WrappedKey {
                subject,
                nonce: col(row, 1, "key nonce")?,
                sealed: col(row, 2, "key")?,
            };
            held.insert(subject, key);
        }
        // In the order asked for, each once.
        Ok(subjects.iter().filter_map(|s| held.remove(s)).collect())
    }

    fn heads(&mut self) -> Result<Vec<Head>, StorageError> {
        let rows = self.tx.query(&self.st.heads, &[]).map_err(query_error)?;
        rows.iter()
            .map(|row| {
                Ok(Head {
                    desk: col_fixed(row, 0, "row desk")?,
                    seq: col_u64(row, 1, "row seq")?,
                    hash: col_fixed(row, 2, "row hash")?,
                })
            })
            .collect()
    }

    fn latest_cursor(&mut self) -> Result<u64, StorageError> {
        if let Some(cursor) = self.cursor {
            return to_u64(cursor, "cursor counter");
        }
        let row = self
            .tx
            .query_one(&self.st.counter, &[])
            .map_err(query_error)?;
        col_u64(&row, 0, "cursor counter")
    }

    fn desk(&mut self, desk: &[u8; 16]) -> Result<Option<StoredDesk>, StorageError> {
        let found = self
            .tx
            .query_opt(&self.st.desk, &[&&desk[..]])
            .map_err(query_error)?;
        found.as_ref().map(stored_desk).transpose()
    }

    fn desks(&mut self) -> Result<Vec<StoredDesk>, StorageError> {
        let rows = self.tx.query(&self.st.desks, &[]).map_err(query_error)?;
        rows.iter().map(stored_desk).collect()
    }

    fn token(&mut self, token_id: &[u8; 16]) -> Result<Option<Token>, StorageError> {
        let found = self
            .tx
            .query_opt(&self.st.token, &[&&token_id[..]])
            .map_err(query_error)?;
        found.as_ref().map(token).transpose()
    }

    fn destroyed(&mut self, subject: &[u8; 16]) -> Result<bool, StorageError> {
        let row = self
            .tx
            .query_one(&self.st.destroyed, &[&&subject[..]])
            .map_err(query_error)?;
        col(&row, 0, "destroyed subject")
    }

    fn counts(&mut self) -> Result<Counts, StorageError> {
        let row = self
            .tx
            .query_one(&self.st.counts, &[])
            .map_err(query_error)?;
        let rows = match self.cursor {
            Some(cursor) => to_u64(cursor, "cursor counter")?,
            None => col_u64(&row, 0, "cursor counter")?,
        };
        Ok(Counts {
            rows,
            desks: col_u64(&row, 1, "desk count")?,
            keys: col_u64(&row, 2, "key count")?,
        })
    }
}

impl PgTx<'_> {
    /// One statement that changes rows; how many it changed.
    fn change(
        &mut self,
        statement: &postgres::Statement,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<u64, StorageError> {
        self.tx.execute(statement, params).map_err(query_error)
    }
}

impl WriteTx for PgTx<'_> {
    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StorageError> {
        let st = self.st;
        self.change(&st.meta_set, &[&key, &value]).map(drop)
    }

    fn insert_row(&mut self, row: &WireRow) -> Result<u64, StorageError> {
        let current = self.cursor.ok_or(StorageError::Database(
            "a row was written outside a write transaction".into(),
        ))?;
        let cursor = current.checked_add(1).ok_or(StorageError::Database(
            "the cursor counter is at the largest value PostgreSQL's bigint holds".into(),
        ))?;
        let st = self.st;
        let inserted = self.change(
            &st.insert_row,
            &[
                &cursor,
                &&row.desk[..],
                &to_i64(row.seq, "row seq")?,
                &&row.event[..],
                &to_i64(row.hlc_ms, "row clock")?,
                &i64::from(row.hlc_counter),
                &&row.actor[..],
                &row.kind,
                &&row.subject[..],
                &row.nonce,
                &row.body,
                &row.transport_nonce,
                &&row.prev_hash[..],
                &&row.hash[..],
            ],
        )?;
        if inserted == 0 {
            return Err(StorageError::DuplicateEvent);
        }
        self.cursor = Some(cursor);
        to_u64(cursor, "cursor counter")
    }

    fn put_key(&mut self, key: &WrappedKey) -> Result<(), StorageError> {
        let st = self.st;
        self.change(&st.put_key, &[&&key.subject[..], &key.nonce, &key.sealed])
            .map(drop)
    }

    fn destroy_key(&mut self, subject: &[u8; 16]) -> Result<(), StorageError> {
        let st = self.st;
        self.change(&st.delete_key, &[&&subject[..]])?;
        self.change(&st.record_destroyed, &[&&subject[..]])
            .map(drop)
    }

    fn insert_desk(&mut self, desk: &StoredDesk) -> Result<(), StorageError> {
        let st = self.st;
        self.change(
            &st.insert_desk,
            &[
                &&desk.desk[..],
                &desk.name,
                &&desk.credential_hash[..],
                &to_i64(desk.enrolled_ms, "desk time")?,
                &opt_i64(desk.last_seen_ms, "desk time")?,
                &to_i64(desk.rows, "desk rows")?,
                &opt_i64(desk.revoked_ms, "desk time")?,
            ],
        )
        .map(drop)
    }

    fn revoke_desk(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        let st = self.st;
        let at_ms = to_i64(at_ms, "desk time")?;
        self.change(&st.revoke_desk, &[&&desk[..], &at_ms])
            .map(drop)
    }

    fn desk_pushed(&mut self, desk: &[u8; 16], rows: u64, at_ms: u64) -> Result<(), StorageError> {
        let st = self.st;
        let rows = to_i64(rows, "desk rows")?;
        let at_ms = to_i64(at_ms, "desk time")?;
        self.change(&st.desk_pushed, &[&&desk[..], &rows, &at_ms])
            .map(drop)
    }

    fn desk_seen(&mut self, desk: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        let st = self.st;
        let at_ms = to_i64(at_ms, "desk time")?;
        self.change(&st.desk_seen, &[&&desk[..], &at_ms]).map(drop)
    }

    fn insert_token(&mut self, token: &Token) -> Result<(), StorageError> {
        let st = self.st;
        let kind = match token.kind {
            TokenKind::First => "first",
            TokenKind::Further => "further",
        };
        self.change(
            &st.insert_token,
            &[
                &&token.token_id[..],
                &&token.token_hash[..],
                &kind,
                &token.package,
                &to_i64(token.created_ms, "token time")?,
                &to_i64(token.expires_ms, "token time")?,
                &token.made_by.as_ref().map(|d| &d[..]),
                &opt_i64(token.used_ms, "token time")?,
            ],
        )
        .map(drop)
    }

    fn mark_token_used(&mut self, token_id: &[u8; 16], at_ms: u64) -> Result<(), StorageError> {
        let st = self.st;
        let at_ms = to_i64(at_ms, "token time")?;
        self.change(&st.mark_token_used, &[&&token_id[..], &at_ms])
            .map(drop)
    }
}
