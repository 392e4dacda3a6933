//! # consent-wire
//!
//! What travels between a desk and the clinic server, and nothing else. Both sides link this crate;
//! the server links nothing of the desk (no store, no forms, no UI).
//!
//! * [`row`]: a ledger row as it travels ([`WireRow`]) and [`chain_hash`], the one definition of a
//!   row's hash that the desk's ledger and the server both compute.
//! * [`messages`]: every request and answer of the HTTP API, each carrying [`WIRE_VERSION`], and the
//!   [`Refusal`] codes a server answers with.
//! * [`code`]: the enrollment code a new desk joins with (server address, certificate fingerprint,
//!   one-time token and enrollment secret), as text a person or a barcode scanner can type.
//! * [`bytes`]: how bytes and ids are spelled in JSON (base64, hex, hyphenated UUIDs).
//!
//! Invariants: a type here never holds a key that opens a body, except [`code::EnrollmentCode`],
//! whose secret never reaches the server and never prints; a message of another wire version is
//! refused, never read as this one; parsing never panics on any input.

pub mod bytes;
pub mod code;
pub mod messages;
pub mod row;

pub use code::{CodeError, CodeKind, EnrollmentCode};
pub use messages::*;
pub use row::{CLEAR_SUBJECT_KINDS, GENESIS, LinkError, NO_SUBJECT_BYTES, WireRow, chain_hash};

/// The wire format's version. Every request and answer names it; a side that does not speak it
/// refuses the message with [`Refusal::WireVersion`] instead of guessing. Version 2: a subject's
/// destruction and the steps after it travel held in clear and transport-sealed
/// ([`CLEAR_SUBJECT_KINDS`]), which a version 1 server refuses as a malformed seal.
pub const WIRE_VERSION: u32 = 2;
