//! The purposes of personal-data processing, as the clinic's privacy policy states them, tied to the policy
//! version they come from.
//!
//! A consent names purposes; a withdrawal decides, per purpose, whether processing stops or goes on under a
//! ground other than consent. Both need the same facts about a purpose, so they live here once:
//! - its stable [`PurposeCode`] (a slug such as `advertising`) and the policy item that states it (`2.2.9`);
//! - Russian and English titles and a plain-language description for patients;
//! - its [`LegalGround`] under 152-FZ, whether it is [`Necessity::Required`] for the service or optional,
//!   whether the form may show it already ticked, and the [`DataCategory`]s it needs;
//! - whether choosing it needs the separate Art. 10.1 consent to data allowed for dissemination.
//!
//! The policy may change without the patient's agreement (policy 7.1–7.2), so a [`Catalogue`] is always a
//! [`PolicyVersion`] plus the purposes, processing actions and methods of that version, and a consent keeps
//! the version id it was given under. [`CatalogueHistory`] resolves a stored version id back to its
//! catalogue and tells which version was in force on a given day. [`Catalogue::builtin`] is the policy in
//! force now; [`Catalogue::revise`] starts the next version from it, and [`CatalogueBuilder::build`]
//! validates it.
//!
//! Slugs, not item numbers, are what other records store: a new policy edition may renumber its items, but
//! `advertising` stays `advertising`.

mod builtin;
mod catalogue;
mod code;
mod data_category;
mod legal_ground;
mod policy;
mod text;

pub use catalogue::{
    Catalogue, CatalogueBuilder, CatalogueError, CatalogueHistory, HistoryError, Necessity,
    Purpose, TextField,
};
pub use code::{FormatError, PolicyItem, PurposeCode};
pub use data_category::DataCategory;
pub use legal_ground::LegalGround;
pub use policy::{PolicyVersion, PolicyVersionId, ProcessingAction, ProcessingMethod};
pub use text::LocalizedText;

#[cfg(test)]
mod tests;
