//! # consent-service
//!
//! The use cases of Consent Desk. The desktop shell (`src-tauri`) and the command-line front end call
//! this crate and nothing else; each of their commands is a one-line adapter to a method of [`Service`].
//!
//! Invariants of this crate:
//! - it knows nothing about Tauri, WebKit or a display: it builds and tests headless;
//! - every type that crosses IPC lives in [`api`] and derives `ts_rs::TS`, so the TypeScript bindings
//!   are generated from it; domain types never derive IPC traits;
//! - every error is a [`ServiceError`] with a stable [`ErrorCode`] and a message in the user's language;
//!   the UI matches on codes, never on message text;
//! - messages, errors and logs carry no personal data.

pub mod api;
pub mod clock;
mod data_dir;
pub mod desk;
mod error;
mod export;
mod messages;
pub mod output;
mod password;
mod profile;
mod service;
pub mod session;
mod settings;
pub mod sync_task;

pub use data_dir::{DATA_DIR_ENV, default_data_dir};
pub use desk::{Desk, GrantInput, KeyChoice, NewStaff, ReceiveInput};
pub use error::{
    DataDirProblem, DeskFileDefect, ErrorCode, ErrorPayload, FieldMessage, Missing, ServiceError,
    SettingsDefect,
};
pub use messages::Surface;
pub use service::Service;
pub use session::Session;
pub use settings::LANG_ENV;
