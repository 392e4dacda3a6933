//! Staff accounts (the `staff_saved` event and the staff projection).
//!
//! A [`Staff`] is rebuilt through its public constructor (`Staff::new`, then `set_active`), so the
//! login and the full name are checked again when read.

use consent_domain::staff::{Login, Staff};
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::codes::{parse_role, role_code};
use super::ids::{parse_staff, staff_to_string};

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffV1 {
    pub id: String,
    pub login: String,
    pub full_name: String,
    /// `reception`, `manager` or `admin`.
    pub role: String,
    pub active: bool,
}

impl From<&Staff> for StaffV1 {
    fn from(staff: &Staff) -> Self {
        StaffV1 {
            id: staff_to_string(staff.id()),
            login: staff.login().as_str().to_owned(),
            full_name: staff.full_name().to_owned(),
            role: role_code(staff.role()).to_owned(),
            active: staff.is_active(),
        }
    }
}

impl StaffV1 {
    /// The staff member; `fields` names where this DTO sits, for error fields.
    pub(crate) fn into_domain(self, fields: StaffFields) -> Result<Staff, CodecError> {
        let login = Login::parse(&self.login).map_err(|_| CodecError::BadLogin {
            field: fields.login,
        })?;
        let mut staff = Staff::new(
            parse_staff(&self.id, fields.id)?,
            login,
            &self.full_name,
            parse_role(&self.role, fields.role)?,
        )
        .map_err(|_| CodecError::BadStaffName {
            field: fields.full_name,
        })?;
        staff.set_active(self.active);
        Ok(staff)
    }
}

/// Error field paths of a [`StaffV1`], by where it is stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StaffFields {
    id: &'static str,
    login: &'static str,
    full_name: &'static str,
    role: &'static str,
}

impl StaffFields {
    /// A staff row.
    pub(crate) const ROW: StaffFields = StaffFields {
        id: "id",
        login: "login",
        full_name: "full_name",
        role: "role",
    };
    /// The `staff` of a `staff_saved` event.
    pub(crate) const EVENT: StaffFields = StaffFields {
        id: "staff.id",
        login: "staff.login",
        full_name: "staff.full_name",
        role: "staff.role",
    };
}

impl TryFrom<StaffV1> for Staff {
    type Error = CodecError;

    fn try_from(dto: StaffV1) -> Result<Self, Self::Error> {
        dto.into_domain(StaffFields::ROW)
    }
}
