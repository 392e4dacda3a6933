//! The sync suite, on loopback:
//!
//! * [`storage`]: one story of the storage primitives, run against both backends (SQLite and a
//!   throwaway PostgreSQL), and the PostgreSQL backend's own checks (the cursor under concurrent
//!   writers above all).
//! * [`server`]: real `consent-server` processes with real TLS and the desk-side client:
//!   enrollment, push, pull, long-poll, refusals, a substituted certificate, a restart.
//! * [`lying`]: a server of the test's own that lies (a push taken without its head moving, pages
//!   that do not move on, another wire version): the engine refuses each at once.
//! * [`desks`]: desks through the service, syncing through a real server.
//! * [`task`]: the app's background sync task (long-poll, status, offline and back).
//! * [`faults`]: seeded fault schedules (a cutting and delaying proxy, server and desk kills,
//!   batches delivered twice, skewed clocks) and what must hold after each.

mod desks;
mod faults;
mod lying;
mod server;
mod storage;
mod task;
