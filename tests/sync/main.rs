//! The sync suite, on loopback:
//!
//! * [`storage`]: one story of the storage primitives, run against both backends (SQLite and a
//!   throwaway PostgreSQL), and the PostgreSQL backend's own checks (the cursor under concurrent
//!   writers above all).
//! * [`server`]: real `consent-server` processes with real TLS and the desk-side client:
//!   enrollment, push, pull, long-poll, refusals, a substituted certificate, a restart.

mod desks;
mod server;
mod storage;
