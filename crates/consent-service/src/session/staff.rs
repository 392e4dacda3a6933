//! Staff accounts from the app: the administrator lists them and adds colleagues with their first
//! password. Everything is checked before anything is recorded, so a refused password never leaves an
//! account that nobody can sign in to.

use super::Session;
use crate::api::{NewStaffInput, StaffView};
use crate::{NewStaff, ServiceError};

impl Session {
    /// Every staff account (administrators).
    pub fn staff_list(&self) -> Result<Vec<StaffView>, ServiceError> {
        self.act(|desk, staff| desk.staff_list(staff))
    }

    /// Adds a staff account with its first password (administrators); returns the new list.
    pub fn add_staff(&self, input: &NewStaffInput) -> Result<Vec<StaffView>, ServiceError> {
        crate::password::check(&input.password)?;
        let login = input.login.trim().to_owned();
        self.act(|desk, staff| {
            desk.add_staff(
                staff,
                NewStaff {
                    login: login.clone(),
                    full_name: input.full_name.trim().to_owned(),
                    role: input.role.trim().to_owned(),
                },
            )?;
            desk.set_password(staff, &login, &input.password)?;
            desk.staff_list(staff)
        })
    }
}
