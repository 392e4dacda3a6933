//! The PostgreSQL schema, its forward-only migrations, and the statements every connection
//! prepares once.
//!
//! Migrations run in one transaction under an advisory lock, so two servers started at once against
//! one database cannot both migrate it; PostgreSQL's DDL is transactional, so a failed migration
//! leaves the previous schema whole. The version is kept in `meta` (decimal text) rather than in a
//! PostgreSQL-only place, so both backends describe their schema the same way.

use postgres::{Client, Statement};

use super::query_error;
use crate::storage::StorageError;

/// The `meta` key holding the schema version.
pub const SCHEMA_VERSION_KEY: &str = "schema_version";

/// An arbitrary constant naming this server's migration lock among the database's advisory locks.
const MIGRATION_LOCK: i64 = 0x636f_6e73_656e_7401;

/// Migration N (1-based) brings the schema from version N-1 to N. Never edit one that shipped: add
/// the next.
const MIGRATIONS: &[&str] = &[
    // 1: the initial schema. Sizes of ids and hashes are checked here too, so a value that could
    // not be read back is refused when written, not discovered by a reader.
    r"
    CREATE TABLE cursor_counter (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        value bigint NOT NULL CHECK (value >= 0)
    );
    INSERT INTO cursor_counter (one, value) VALUES (true, 0);

    CREATE TABLE rows (
        cursor bigint PRIMARY KEY CHECK (cursor > 0),
        desk bytea NOT NULL CHECK (length(desk) = 16),
        seq bigint NOT NULL CHECK (seq > 0),
        event bytea NOT NULL CHECK (length(event) = 16),
        hlc_ms bigint NOT NULL,
        hlc_counter bigint NOT NULL,
        actor bytea NOT NULL CHECK (length(actor) = 16),
        kind text NOT NULL,
        subject bytea NOT NULL CHECK (length(subject) = 16),
        nonce bytea NOT NULL,
        body bytea NOT NULL,
        transport_nonce bytea,
        prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
        hash bytea NOT NULL CHECK (length(hash) = 32),
        CONSTRAINT rows_event_key UNIQUE (event),
        -- Also the index `head`, `row_hash` and `heads` walk.
        CONSTRAINT rows_desk_seq_key UNIQUE (desk, seq)
    );

    CREATE TABLE subject_keys (
        subject bytea PRIMARY KEY CHECK (length(subject) = 16),
        nonce bytea NOT NULL,
        sealed bytea NOT NULL
    );

    CREATE TABLE destroyed_subjects (
        subject bytea PRIMARY KEY CHECK (length(subject) = 16),
        at_ms bigint NOT NULL
    );

    CREATE TABLE desks (
        desk bytea PRIMARY KEY CHECK (length(desk) = 16),
        name text NOT NULL,
        credential_hash bytea NOT NULL CHECK (length(credential_hash) = 32),
        enrolled_ms bigint NOT NULL,
        last_seen_ms bigint,
        rows bigint NOT NULL CHECK (rows >= 0),
        revoked_ms bigint
    );

    CREATE TABLE tokens (
        token_id bytea PRIMARY KEY CHECK (length(token_id) = 16),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        kind text NOT NULL CHECK (kind IN ('first', 'further')),
        package bytea,
        created_ms bigint NOT NULL,
        expires_ms bigint NOT NULL,
        made_by bytea CHECK (length(made_by) = 16),
        used_ms bigint
    );
    ",
];

/// The schema version this build writes and reads.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Creates the schema or brings it up to date; refuses a schema newer than this build's.
pub fn migrate(client: &mut Client) -> Result<(), StorageError> {
    let mut tx = client.transaction().map_err(query_error)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(query_error)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bytea NOT NULL)",
    )
    .map_err(query_error)?;
    let found = tx
        .query_opt(
            "SELECT value FROM meta WHERE key = $1",
            &[&SCHEMA_VERSION_KEY],
        )
        .map_err(query_error)?;
    let current = match found {
        None => 0,
        Some(row) => {
            let raw: Vec<u8> = row
                .try_get(0)
                .map_err(|_| StorageError::Corrupt("schema version"))?;
            std::str::from_utf8(&raw)
                .ok()
                .and_then(|text| text.parse::<i64>().ok())
                .filter(|version| *version >= 0)
                .ok_or(StorageError::Corrupt("schema version"))?
        }
    };
    if current > latest_version() {
        return Err(StorageError::TooNew(current));
    }
    for (done, migration) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(migration).map_err(query_error)?;
        let version = (done + 1).to_string();
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&SCHEMA_VERSION_KEY, &version.as_bytes()],
        )
        .map_err(query_error)?;
    }
    tx.commit().map_err(query_error)
}

/// The columns of `rows` in the order [`super::tx`] reads them.
pub const ROW_COLUMNS: &str = "cursor, desk, seq, event, hlc_ms, hlc_counter, actor, kind, subject, \
                               nonce, body, transport_nonce, prev_hash, hash";
const DESK_COLUMNS: &str =
    "desk, name, credential_hash, enrolled_ms, last_seen_ms, rows, revoked_ms";
const TOKEN_COLUMNS: &str =
    "token_id, token_hash, kind, package, created_ms, expires_ms, made_by, used_ms";

/// `heads`: a skip scan of the (desk, seq) index, one descent per desk to find the next desk id
/// and one to find its last row. Reading every row to find a few dozen heads would make each pull
/// answer cost the size of the clinic's whole history. Public so a test can check the plan.
pub const HEADS_SQL: &str = "WITH RECURSIVE held(desk) AS ( \
       (SELECT desk FROM rows ORDER BY desk LIMIT 1) \
       UNION ALL \
       SELECT (SELECT r.desk FROM rows r WHERE r.desk > held.desk ORDER BY r.desk LIMIT 1) \
       FROM held WHERE held.desk IS NOT NULL) \
     SELECT last.desk, last.seq, last.hash FROM held \
     CROSS JOIN LATERAL (SELECT r.desk, r.seq, r.hash FROM rows r WHERE r.desk = held.desk \
                         ORDER BY r.seq DESC LIMIT 1) last \
     WHERE held.desk IS NOT NULL ORDER BY last.desk";

/// Every statement a transaction runs, prepared once per connection (a statement sent as text is
/// parsed on every call: a round trip more per row of a push).
pub struct Statements {
    pub meta_get: Statement,
    pub meta_set: Statement,
    pub head: Statement,
    pub row_hash: Statement,
    pub rows_after: Statement,
    pub keys_for: Statement,
    pub heads: Statement,
    pub counter: Statement,
    pub lock_counter: Statement,
    pub set_counter: Statement,
    pub desk: Statement,
    pub desks: Statement,
    pub token: Statement,
    pub destroyed: Statement,
    pub counts: Statement,
    pub insert_row: Statement,
    pub put_key: Statement,
    pub delete_key: Statement,
    pub record_destroyed: Statement,
    pub insert_desk: Statement,
    pub revoke_desk: Statement,
    pub desk_pushed: Statement,
    pub desk_seen: Statement,
    pub insert_token: Statement,
    pub mark_token_used: Statement,
}

impl Statements {
    pub fn prepare(client: &mut Client) -> Result<Statements, StorageError> {
        let mut p = |sql: &str| client.prepare(sql).map_err(query_error);
        Ok(Statements {
            meta_get: p("SELECT value FROM meta WHERE key = $1")?,
            meta_set: p("INSERT INTO meta (key, value) VALUES ($1, $2) \
                         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")?,
            head: p("SELECT seq, hash FROM rows WHERE desk = $1 ORDER BY seq DESC LIMIT 1")?,
            row_hash: p("SELECT hash FROM rows WHERE desk = $1 AND seq = $2")?,
            rows_after: p(&format!(
                "SELECT {ROW_COLUMNS} FROM rows WHERE cursor > $1 ORDER BY cursor LIMIT $2"
            ))?,
            keys_for: p("SELECT subject, nonce, sealed FROM subject_keys WHERE subject = ANY($1)")?,
            heads: p(HEADS_SQL)?,
            counter: p("SELECT value FROM cursor_counter")?,
            lock_counter: p("SELECT value FROM cursor_counter FOR UPDATE")?,
            set_counter: p("UPDATE cursor_counter SET value = $1")?,
            desk: p(&format!("SELECT {DESK_COLUMNS} FROM desks WHERE desk = $1"))?,
            desks: p(&format!(
                "SELECT {DESK_COLUMNS} FROM desks ORDER BY enrolled_ms, desk"
            ))?,
            token: p(&format!(
                "SELECT {TOKEN_COLUMNS} FROM tokens WHERE token_id = $1"
            ))?,
            destroyed: p("SELECT EXISTS (SELECT 1 FROM destroyed_subjects WHERE subject = $1)")?,
            // Rows are never deleted and every cursor is one row, so the counter is the row
            // count; count(*) would read the whole table on every `/metrics` scrape.
            counts: p("SELECT (SELECT value FROM cursor_counter), \
                              (SELECT count(*) FROM desks), \
                              (SELECT count(*) FROM subject_keys)")?,
            // A duplicate event id is answered without an error so the transaction stays usable,
            // as SQLite's does after a failed statement; (desk, seq) clashes still fail.
            insert_row: p(&format!(
                "INSERT INTO rows ({ROW_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (event) DO NOTHING"
            ))?,
            put_key: p("INSERT INTO subject_keys (subject, nonce, sealed) \
                        SELECT $1, $2, $3 \
                        WHERE NOT EXISTS (SELECT 1 FROM destroyed_subjects WHERE subject = $1) \
                        ON CONFLICT (subject) DO NOTHING")?,
            delete_key: p("DELETE FROM subject_keys WHERE subject = $1")?,
            // The trait gives no time; the database's transaction time is what "when" means here.
            record_destroyed: p("INSERT INTO destroyed_subjects (subject, at_ms) \
                                 VALUES ($1, (extract(epoch FROM now()) * 1000)::bigint) \
                                 ON CONFLICT (subject) DO NOTHING")?,
            insert_desk: p(&format!(
                "INSERT INTO desks ({DESK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            ))?,
            // The first revocation and the first use are the ones on record.
            revoke_desk: p(
                "UPDATE desks SET revoked_ms = COALESCE(revoked_ms, $2) WHERE desk = $1",
            )?,
            desk_pushed: p("UPDATE desks SET rows = rows + $2, last_seen_ms = $3 WHERE desk = $1")?,
            desk_seen: p("UPDATE desks SET last_seen_ms = $2 WHERE desk = $1")?,
            insert_token: p(&format!(
                "INSERT INTO tokens ({TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ))?,
            mark_token_used: p("UPDATE tokens SET used_ms = COALESCE(used_ms, $2) \
                                WHERE token_id = $1")?,
        })
    }
}
