//! Staff accounts: add, list, passwords, sign-in.

use consent_domain::event::EventBody;
use consent_domain::staff::{Login, Role, Staff, StaffId, UseCase, authorize};

use super::{Desk, NewStaff, new_uuid};
use crate::ServiceError;
use crate::api::StaffView;
use crate::error::Missing;

impl Desk {
    /// The staff member acting under `login` (the CLI's `--as`).
    pub fn staff_by_login(&self, login: &str) -> Result<Staff, ServiceError> {
        self.store
            .staff_by_login(login)?
            .ok_or(ServiceError::NotFound(Missing::Staff))
    }

    /// Adds a staff account.
    pub fn add_staff(&mut self, actor: &Staff, new: NewStaff) -> Result<StaffView, ServiceError> {
        authorize(actor, UseCase::ManageStaff)?;
        let staff = new_staff(StaffId::from_u128(new_uuid(self.now())?.as_u128()), &new)?;
        if self.store.staff_by_login(staff.login().as_str())?.is_some() {
            return Err(ServiceError::Rule {
                detail: "staff_login_taken",
            });
        }
        let view = StaffView::from(&staff);
        self.store
            .append(actor.id(), self.now(), EventBody::StaffSaved { staff })?;
        Ok(view)
    }

    pub fn staff_list(&self, actor: &Staff) -> Result<Vec<StaffView>, ServiceError> {
        authorize(actor, UseCase::ManageStaff)?;
        Ok(self.store.staff()?.iter().map(StaffView::from).collect())
    }

    /// Sets `login`'s password: an administrator may set anyone's, a staff member their own.
    pub fn set_password(
        &mut self,
        actor: &Staff,
        login: &str,
        password: &str,
    ) -> Result<(), ServiceError> {
        let target = self.staff_by_login(login)?;
        if target.id() != actor.id() {
            authorize(actor, UseCase::ManageStaff)?;
        }
        let hash = crate::password::hash(password)?;
        self.store.append(
            actor.id(),
            self.now(),
            EventBody::StaffPasswordSet {
                staff: target.id(),
                hash,
            },
        )?;
        Ok(())
    }

    /// Signs a staff member in. Every failure (unknown login, wrong password, no password set, a
    /// disabled account) is the same answer, so the screen does not tell which logins exist.
    pub fn sign_in(&self, login: &str, password: &str) -> Result<Staff, ServiceError> {
        let staff = self.staff_by_login(login.trim()).ok();
        let hash = match &staff {
            Some(s) => self.store.password_hash(s.id())?,
            None => None,
        };
        match (staff, hash) {
            (Some(staff), Some(hash))
                if staff.is_active() && crate::password::verify(password, &hash) =>
            {
                Ok(staff)
            }
            _ => Err(ServiceError::SignInFailed),
        }
    }
}

pub(super) fn new_staff(id: StaffId, new: &NewStaff) -> Result<Staff, ServiceError> {
    let login = Login::parse(new.login.trim()).map_err(|_| ServiceError::BadInput {
        what: "staff login",
        detail: "bad_login",
    })?;
    let role = new
        .role
        .trim()
        .parse::<Role>()
        .map_err(|_| ServiceError::BadInput {
            what: "role",
            detail: "unknown_choice",
        })?;
    Staff::new(id, login, &new.full_name, role).map_err(crate::error::staff_name_error)
}
