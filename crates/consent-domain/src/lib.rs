//! # consent-domain
//!
//! The rules of Consent Desk as plain Rust: the languages the product speaks, and (as later issues land)
//! patients, purposes, consents, withdrawals, the production calendar and the ledger events that fold
//! into state.
//!
//! Invariants of this crate:
//! - it does no IO: no files, no network, no database, no environment variables;
//! - it reads no clock and draws no randomness: time and ids are always passed in;
//! - it knows nothing about SQL, IPC or serialisation formats: other crates map these types to their
//!   wire and storage shapes, so a change of format never changes a rule.

mod lang;

pub use lang::{Lang, UnknownLang};
