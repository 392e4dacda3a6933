//! The real `consentctl` binary against a temporary data directory.
//!
//! Every child process gets a fixed database key in `CONSENT_DESK_DB_KEY`, an explicit `--data-dir`,
//! and none of the variables of the person running the tests (`CONSENT_DESK_LANG`, `..._STAFF`,
//! `..._DATA_DIR`, `..._NOW`), so the results do not depend on the machine.
//!
//! One test binary (ripgrep/atuin style) with the shared helpers in `support`.

mod calendar;
mod clinic_and_forms;
mod flow;
mod input;
mod journal;
mod ledger;
mod setup;
mod support;
