//! The sync suite: the clinic server's storage and, as it lands, the desks and server that sync
//! through it, on loopback.
//!
//! * [`storage`]: one story of the storage primitives, run against every backend, and the
//!   PostgreSQL backend's own checks (the cursor under concurrent writers above all).

mod storage;
