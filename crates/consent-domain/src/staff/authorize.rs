//! The permission check every use case goes through.

use super::member::Staff;
use super::role::Role;
use super::use_case::UseCase;

/// A refused use case. Carries the use case and the role only: no login, no name, so it can be logged,
/// synced and shown anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Forbidden {
    /// The staff account is disabled.
    #[error("the staff account is disabled: \"{}\" is refused", .use_case.title_en())]
    Inactive {
        /// What was attempted.
        use_case: UseCase,
        /// The disabled account's role.
        role: Role,
    },
    /// The role is below the one the use case needs.
    #[error(
        "the {} role may not \"{}\": it needs the {} role or higher",
        .role.name_en(),
        .use_case.title_en(),
        .use_case.min_role().name_en()
    )]
    RoleTooLow {
        /// What was attempted.
        use_case: UseCase,
        /// The staff member's role.
        role: Role,
    },
}

impl Forbidden {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Forbidden::Inactive { .. } => "forbidden_inactive_staff",
            Forbidden::RoleTooLow { .. } => "forbidden_role",
        }
    }

    /// What was attempted.
    pub fn use_case(&self) -> UseCase {
        match *self {
            Forbidden::Inactive { use_case, .. } | Forbidden::RoleTooLow { use_case, .. } => {
                use_case
            }
        }
    }

    /// The role of the staff member who attempted it.
    pub fn role(&self) -> Role {
        match *self {
            Forbidden::Inactive { role, .. } | Forbidden::RoleTooLow { role, .. } => role,
        }
    }

    /// The lowest role that may perform the use case.
    pub fn required_role(&self) -> Role {
        self.use_case().min_role()
    }
}

/// Whether `staff` may perform `use_case`. A disabled account is refused everything, whatever its role.
pub fn authorize(staff: &Staff, use_case: UseCase) -> Result<(), Forbidden> {
    let role = staff.role();
    if !staff.is_active() {
        return Err(Forbidden::Inactive { use_case, role });
    }
    if !role.may(use_case) {
        return Err(Forbidden::RoleTooLow { use_case, role });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{Login, StaffId};

    fn staff(role: Role, active: bool) -> Staff {
        let mut staff = Staff::new(
            StaffId::from_u128(7),
            Login::parse("ivanova").unwrap(),
            "Иванова Анна Петровна",
            role,
        )
        .unwrap();
        staff.set_active(active);
        staff
    }

    const Y: bool = true;
    const N: bool = false;

    /// The full matrix: (use case, reception, manager, admin).
    const MATRIX: [(UseCase, bool, bool, bool); 26] = [
        (UseCase::ViewPatients, Y, Y, Y),
        (UseCase::RegisterPatient, Y, Y, Y),
        (UseCase::UpdatePatient, Y, Y, Y),
        (UseCase::GrantConsent, Y, Y, Y),
        (UseCase::PrintForm, Y, Y, Y),
        (UseCase::MarkFormSigned, Y, Y, Y),
        (UseCase::ReceiveRequest, Y, Y, Y),
        (UseCase::ViewQueue, N, Y, Y),
        (UseCase::StartProcessing, N, Y, Y),
        (UseCase::RecordPurposeDecision, N, Y, Y),
        (UseCase::ExtendDeadline, N, Y, Y),
        (UseCase::BlockData, N, Y, Y),
        (UseCase::DestroyData, N, Y, Y),
        (UseCase::NotifySubject, N, Y, Y),
        (UseCase::CloseRequest, N, Y, Y),
        (UseCase::PrintAct, N, Y, Y),
        (UseCase::Reports, N, Y, Y),
        (UseCase::VerifyLedger, N, Y, Y),
        (UseCase::ManageStaff, N, N, Y),
        (UseCase::EditSettings, N, N, Y),
        (UseCase::ImportCalendar, N, N, Y),
        (UseCase::EnrollDesk, N, N, Y),
        (UseCase::RebuildProjections, N, N, Y),
        (UseCase::BackupDesk, N, N, Y),
        (UseCase::RestoreDesk, N, N, Y),
        (UseCase::ApproveCorrection, N, Y, Y),
    ];

    #[test]
    fn matrix_covers_every_use_case_once() {
        let listed: Vec<UseCase> = MATRIX.iter().map(|row| row.0).collect();
        assert_eq!(listed, UseCase::ALL);
    }

    #[test]
    fn permission_matrix() {
        for (use_case, reception, manager, admin) in MATRIX {
            for (role, allowed) in [
                (Role::Reception, reception),
                (Role::Manager, manager),
                (Role::Admin, admin),
            ] {
                let result = authorize(&staff(role, true), use_case);
                if allowed {
                    assert_eq!(result, Ok(()), "{role:?} {use_case:?}");
                } else {
                    let refusal = result.expect_err("denied");
                    assert_eq!(refusal, Forbidden::RoleTooLow { use_case, role });
                    assert_eq!(refusal.code(), "forbidden_role");
                    assert!(refusal.required_role() > role, "{role:?} {use_case:?}");
                }
                assert_eq!(role.may(use_case), allowed, "{role:?} {use_case:?}");
            }
        }
    }

    #[test]
    fn inactive_staff_is_refused_everything() {
        for role in Role::ALL {
            for use_case in UseCase::ALL {
                let refusal = authorize(&staff(role, false), use_case).expect_err("inactive");
                assert_eq!(refusal, Forbidden::Inactive { use_case, role });
                assert_eq!(refusal.code(), "forbidden_inactive_staff");
                assert_eq!(refusal.use_case(), use_case);
                assert_eq!(refusal.role(), role);
            }
        }
    }

    #[test]
    fn refusals_carry_no_personal_data() {
        let cases = [
            (
                staff(Role::Reception, true),
                UseCase::ExtendDeadline,
                "the Reception role may not \"Extend a deadline with a reasoned notice\": it needs the \
                 Manager role or higher",
            ),
            (
                staff(Role::Manager, true),
                UseCase::RebuildProjections,
                "the Manager role may not \"Rebuild data from the ledger\": it needs the Administrator \
                 role or higher",
            ),
            (
                staff(Role::Admin, false),
                UseCase::ViewPatients,
                "the staff account is disabled: \"View patients\" is refused",
            ),
        ];
        for (member, use_case, message) in cases {
            let refusal = authorize(&member, use_case).expect_err("refused");
            let text = refusal.to_string();
            assert_eq!(text, message);
            assert!(!text.contains("ivanova") && !text.contains("Иванова"));
        }
    }
}
