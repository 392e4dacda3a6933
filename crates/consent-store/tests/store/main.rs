//! Integration tests: real SQLCipher files in temp dirs, keyring-core's mock store.
//! One test binary (ripgrep/atuin style) with shared helpers in `util`.

mod anchor;
mod backup;
mod damage;
mod destruction;
mod ingest;
mod ingest_order;
mod keyring;
mod keys;
mod ledger;
mod migrate;
mod open;
mod repair;
mod restore;
mod util;
mod writers;
