//! # consent-domain
//!
//! The rules of Consent Desk as plain Rust: patients and their documents, the purposes of the clinic's
//! privacy policy, consents and their life from draft to withdrawal, subject requests with their legal
//! deadlines, the Russian production calendar, staff and what each role may do, and the ledger events
//! whose deterministic fold is the state of a desk.
//!
//! Invariants of this crate:
//! - it does no IO: no files, no network, no database, no environment variables;
//! - it reads no clock and draws no randomness: `today`, clock readings and ids are passed in;
//! - it knows nothing about SQL, IPC or serialisation formats: no serde, no SQL traits on domain types,
//!   so a change of wire or storage format never changes a rule;
//! - every free text it accepts for storage passes [`text::check_stored_text`];
//! - errors say which rule or field failed with a stable `code()`, never the personal data involved;
//! - a transition that makes no sense is an error, never a silent no-op.

pub mod calendar;
pub mod clinic;
pub mod consent;
pub mod date_rules;
pub mod dates;
pub mod destruction;
pub mod event;
pub mod form_code;
pub mod hlc;
pub mod ids;
pub mod journal;
mod lang;
pub mod patient;
pub mod purpose;
pub mod request;
pub mod staff;
pub mod state;
#[cfg(test)]
mod testkit;
pub mod text;

pub use lang::{Lang, UnknownLang};
