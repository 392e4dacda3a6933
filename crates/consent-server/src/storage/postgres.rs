//! The PostgreSQL backend, for a clinic chain whose IT already runs, replicates and backs up
//! PostgreSQL.
//!
//! **Cursors.** Desks pull "every row after cursor N", so a reader that has seen cursor N must never
//! later find a row below N appear. A `serial`/sequence column breaks exactly that: two writers take
//! 7 and 8, the one holding 8 commits first, a puller reads 8 and moves its cursor past 7, and row 7
//! (committed a moment later) is never sent to that desk. So cursors come from a one-row
//! `cursor_counter` table instead: every write transaction begins with
//! `SELECT value FROM cursor_counter FOR UPDATE`, hands out the next values itself and writes the
//! counter back just before commit, holding the row lock until then. Writers therefore run one
//! after another and commit in cursor order, which is also the "a write excludes every other write"
//! the [`Backend`] trait promises. Writes take READ COMMITTED because each statement then sees what
//! the previous writer committed once the lock is granted (under REPEATABLE READ the locked row
//! would be a serialization failure). Read transactions are REPEATABLE READ, read only: one snapshot,
//! so a page of rows, the heads and the keys sent with them agree with each other, and a snapshot
//! holds a prefix of the cursors, never a set with holes.
//!
//! **Threads.** The synchronous `postgres` client runs a small runtime of its own and blocks; it is
//! called from plain or `spawn_blocking` threads, never from inside an async task.
//!
//! **Connections.** A fixed number of slots behind a mutex and condvar: a transaction waits for a
//! free slot, a slot whose connection broke reconnects when next taken. Each connection prepares its
//! statements once ([`schema::Statements`]). A closure must not open another transaction on the same
//! backend: a nested write would wait for the counter lock its own caller holds.
//!
//! **Errors** carry the SQLSTATE code and constraint name only: PostgreSQL's own texts quote the
//! values involved (`Key (event)=(\x…) already exists`), and the connection string, which may hold
//! a password, is never part of any message.

mod schema;
mod tx;

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use postgres::{Client, IsolationLevel, NoTls};

use super::{Backend, ReadTx, StorageError, WriteTx};
use schema::Statements;
use tx::PgTx;

pub use schema::{HEADS_SQL, SCHEMA_VERSION_KEY, latest_version};

/// The server's storage in a PostgreSQL database.
pub struct PostgresBackend {
    pool: Pool,
}

impl std::fmt::Debug for PostgresBackend {
    // The configuration holds the password: it is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresBackend")
            .field("pool_size", &self.pool.size)
            .finish_non_exhaustive()
    }
}

impl PostgresBackend {
    /// Connects to the database at `url` (a `postgres://` URL or `key=value` string), creates or
    /// migrates the schema, and keeps up to `pool_size` connections (at least one).
    pub fn connect(url: &str, pool_size: usize) -> Result<PostgresBackend, StorageError> {
        // The parser's own messages may quote the text around a mistake: the password included.
        let config: postgres::Config = url.parse().map_err(|_| {
            StorageError::Database("the PostgreSQL connection string is not valid".into())
        })?;
        let mut first = open_client(&config)?;
        schema::migrate(&mut first)?;
        let statements = Statements::prepare(&mut first)?;
        let size = pool_size.max(1);
        let mut slots: Vec<Option<Conn>> = (1..size).map(|_| None).collect();
        slots.push(Some(Conn {
            client: first,
            statements,
        }));
        Ok(PostgresBackend {
            pool: Pool {
                config,
                size,
                slots: Mutex::new(slots),
                freed: Condvar::new(),
            },
        })
    }
}

impl Backend for PostgresBackend {
    fn read(
        &self,
        f: &mut dyn FnMut(&mut dyn ReadTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let mut lease = self.pool.take()?;
        let Conn { client, statements } = lease.conn();
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(query_error)?;
        let mut tx = PgTx {
            tx,
            st: statements,
            cursor: None,
        };
        if let Err(e) = f(&mut tx) {
            let _ = tx.tx.rollback();
            return Err(e);
        }
        tx.tx.commit().map_err(query_error)
    }

    fn write(
        &self,
        f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let mut lease = self.pool.take()?;
        let Conn { client, statements } = lease.conn();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()
            .map_err(query_error)?;
        // First statement of every write: from here to commit no other write runs (module docs).
        let locked = tx
            .query_one(&statements.lock_counter, &[])
            .map_err(query_error)?;
        let start: i64 = locked
            .try_get(0)
            .map_err(|_| StorageError::Corrupt("cursor counter"))?;
        let mut tx = PgTx {
            tx,
            st: statements,
            cursor: Some(start),
        };
        if let Err(e) = f(&mut tx) {
            let _ = tx.tx.rollback();
            return Err(e);
        }
        let PgTx {
            tx: mut pg, cursor, ..
        } = tx;
        if let Some(end) = cursor.filter(|end| *end != start) {
            pg.execute(&statements.set_counter, &[&end])
                .map_err(query_error)?;
        }
        pg.commit().map_err(query_error)
    }

    fn name(&self) -> &'static str {
        "postgres"
    }
}

/// `value` as a `bigint`, or a clear refusal: PostgreSQL has no unsigned type, and wrapping a large
/// `u64` into a negative number would store a different value than the one given.
pub(crate) fn to_i64(value: u64, what: &'static str) -> Result<i64, StorageError> {
    i64::try_from(value).map_err(|_| {
        StorageError::Database(format!(
            "{what} {value} is above the largest value PostgreSQL's bigint holds"
        ))
    })
}

/// A failed statement, as the SQLSTATE code and the constraint it broke, if any.
pub(crate) fn query_error(e: postgres::Error) -> StorageError {
    match e.as_db_error() {
        Some(db) => StorageError::Database(match db.constraint() {
            Some(constraint) => format!("SQLSTATE {} ({constraint})", db.code().code()),
            None => format!("SQLSTATE {}", db.code().code()),
        }),
        // Not from the server: the client's own kind of failure ("connection closed"), which
        // quotes no value.
        None => StorageError::Database(format!("PostgreSQL: {e}")),
    }
}

/// A failed connection: the server's reason (it names the user or database, never the password)
/// or the network's.
fn connect_error(e: postgres::Error) -> StorageError {
    let reason = match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    };
    StorageError::Database(format!("cannot connect to PostgreSQL: {reason}"))
}

fn open_client(config: &postgres::Config) -> Result<Client, StorageError> {
    config.connect(NoTls).map_err(connect_error)
}

/// One pooled connection and its prepared statements.
struct Conn {
    client: Client,
    statements: Statements,
}

impl Conn {
    fn open(config: &postgres::Config) -> Result<Conn, StorageError> {
        let mut client = open_client(config)?;
        let statements = Statements::prepare(&mut client)?;
        Ok(Conn { client, statements })
    }
}

struct Pool {
    config: postgres::Config,
    size: usize,
    /// Free slots; `None` is a slot without a live connection (never opened, or broken).
    slots: Mutex<Vec<Option<Conn>>>,
    freed: Condvar,
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, Vec<Option<Conn>>> {
        // A panic while holding the lock leaves only a list of free slots behind: still sound.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(&self) -> Result<Lease<'_>, StorageError> {
        let mut slots = self.lock();
        let slot = loop {
            match slots.pop() {
                Some(slot) => break slot,
                None => {
                    slots = self
                        .freed
                        .wait(slots)
                        .unwrap_or_else(PoisonError::into_inner)
                }
            }
        };
        drop(slots);
        let mut lease = Lease {
            pool: self,
            conn: None,
        };
        lease.conn = match slot {
            Some(conn) if !conn.client.is_closed() => Some(conn),
            // On failure the lease still returns the (empty) slot when dropped.
            _ => Some(Conn::open(&self.config)?),
        };
        Ok(lease)
    }
}

/// A connection taken from the pool; dropping it gives the slot back.
struct Lease<'p> {
    pool: &'p Pool,
    conn: Option<Conn>,
}

impl Lease<'_> {
    fn conn(&mut self) -> &mut Conn {
        self.conn
            .as_mut()
            .expect("a lease holds its connection until dropped")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let conn = self.conn.take().filter(|conn| !conn.client.is_closed());
        self.pool.lock().push(conn);
        self.pool.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_above_bigint_is_refused_not_wrapped() {
        assert_eq!(to_i64(i64::MAX as u64, "x").unwrap(), i64::MAX);
        let err = to_i64(i64::MAX as u64 + 1, "row seq").unwrap_err();
        assert!(err.to_string().contains("row seq"), "{err}");
    }

    #[test]
    fn no_connection_error_shows_the_password() {
        for url in [
            // Nothing listens on port 1.
            "postgres://consent:Sekr3t-pw@127.0.0.1:1/consent?connect_timeout=2",
            "host=127.0.0.1 port=1 user=consent password=Sekr3t-pw connect_timeout=2",
            // Malformed: the parser's message would quote the text around the mistake.
            "postgres://consent:Sekr3t-pw@127.0.0.1:notaport/consent",
            "host=127.0.0.1 password='Sekr3t-pw",
        ] {
            let err = PostgresBackend::connect(url, 1).unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("Sekr3t"), "{shown}");
            assert!(matches!(err, StorageError::Database(_)), "{shown}");
        }
    }
}
