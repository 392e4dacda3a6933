//! # consent-sync
//!
//! The desk's side of sync with the clinic server.
//!
//! * [`clinic_key`]: the clinic key every enrolled desk shares: it wraps subject keys for the trip,
//!   seals desk-level bodies for transport, and travels to a new desk only inside the package
//!   sealed under an enrollment code's secret.
//! * [`engine`]: joining a server, push, pull with long-polls, heads compared, healing after a
//!   restore; [`membership`]: what the desk keeps of it in its encrypted file; [`convert`]: ledger
//!   rows to wire rows and back.
//! * [`client`]: the HTTPS client of the server API. It trusts exactly the certificate whose
//!   fingerprint the enrollment code carried, and turns every answer into a typed result.
//!
//! Invariants: no key is ever printed; a certificate other than the pinned one is refused with its
//! own error ([`client::ClientError::CertificateChanged`]), never accepted; an answer of another
//! wire version is refused, never read as this one.

pub mod client;
pub mod clinic_key;
pub mod convert;
pub mod engine;
pub mod membership;

pub use engine::{Engine, Pulled, SyncError, join};
