//! Staff members, their roles, and what each role may do.
//!
//! Three nested roles (DESIGN.md, "People and roles"):
//! - [`Role::Reception`] registers patients, captures consents, prints forms and takes in withdrawals
//!   and other requests on the day they arrive;
//! - [`Role::Manager`] can do all that and also works the request queue: records per-purpose
//!   decisions, extends deadlines with a reasoned notice, blocks, destroys, notifies, prints acts and
//!   reports;
//! - [`Role::Admin`] can do all that and also manages staff, settings, the production calendar, desk
//!   enrollment and maintenance of the local state.
//!
//! Because the roles nest, each [`UseCase`] names the lowest role that may perform it
//! ([`UseCase::min_role`]); [`authorize`] is the one check every use case goes through, and a disabled
//! staff member is refused everything. A refusal ([`Forbidden`]) carries the use case and the role, never
//! a login or a name, so it can be logged and shown without leaking personal data.
//!
//! Staff ids are `u128` so the service can use UUIDs (v7 for new staff) without this crate knowing the
//! `uuid` crate; they never change when a login is renamed, so ledger events keep pointing at the right
//! person.

mod authorize;
mod login;
mod member;
mod role;
mod use_case;

pub use authorize::{Forbidden, authorize};
pub use login::{Login, LoginError};
pub use member::{Staff, StaffError, StaffId};
pub use role::{Role, UnknownRole};
pub use use_case::UseCase;
