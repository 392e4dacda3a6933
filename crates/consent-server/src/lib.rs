//! # consent-server
//!
//! The clinic's sync server. Desks push their ledger rows (envelopes in clear, bodies sealed) and
//! wrapped subject keys; the server checks every chain link it can, gives each new row a cursor, and
//! hands rows to the other desks. It never holds a key that opens a body: subject keys arrive wrapped
//! with the clinic key, which only desks have.
//!
//! * [`storage`]: the one storage interface and its SQLite (SQLCipher) and PostgreSQL backends, with
//!   the rules of push and enrollment written once on top of them.

pub mod config;
pub mod http;
pub mod metrics;
pub mod setup;
pub mod storage;
pub mod tls;
