//! One module per paper document; `common` holds what they share.

pub mod act;
pub(crate) mod common;
pub mod consent;
pub mod dissemination;
pub mod enrollment;
pub mod journal;
pub mod notice;
pub mod recovery;
pub mod withdrawal;
