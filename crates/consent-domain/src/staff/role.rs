//! The three roles; each includes everything the lower ones may do.

use std::str::FromStr;

use super::use_case::UseCase;

/// A staff role. Ordered by power: `Reception < Manager < Admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Front desk: registration, consents, forms, intake of requests.
    Reception,
    /// Reception plus working the request queue, destruction and reports.
    Manager,
    /// Manager plus staff, settings, the calendar, desk enrollment and maintenance.
    Admin,
}

impl Role {
    /// Every role, least powerful first.
    pub const ALL: [Role; 3] = [Role::Reception, Role::Manager, Role::Admin];

    /// A stable snake_case code, as stored and as typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Reception => "reception",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// The role's name in Russian.
    // Not "Администратор": in Russian clinics that word usually means the front-desk receptionist.
    pub fn name_ru(self) -> &'static str {
        match self {
            Role::Reception => "Регистратор",
            Role::Manager => "Менеджер",
            Role::Admin => "Администратор системы",
        }
    }

    /// The role's name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Role::Reception => "Reception",
            Role::Manager => "Manager",
            Role::Admin => "Administrator",
        }
    }

    /// Whether this role may do everything `other` may.
    pub fn includes(self, other: Role) -> bool {
        self >= other
    }

    /// Whether this role may perform `use_case` (for an active staff member; see
    /// [`authorize`](super::authorize)).
    pub fn may(self, use_case: UseCase) -> bool {
        self.includes(use_case.min_role())
    }
}

/// A role code that is not one of `reception`, `manager`, `admin`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected one of: reception, manager, admin)")]
pub struct UnknownRole(pub String);

impl UnknownRole {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        "unknown_role"
    }
}

impl FromStr for Role {
    type Err = UnknownRole;

    /// Accepts the exact code only: a role is a permission, so near-misses are not guessed at.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.code() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest() {
        use Role::*;
        // (role, other, role includes other)
        let cases = [
            (Reception, Reception, true),
            (Reception, Manager, false),
            (Reception, Admin, false),
            (Manager, Reception, true),
            (Manager, Manager, true),
            (Manager, Admin, false),
            (Admin, Reception, true),
            (Admin, Manager, true),
            (Admin, Admin, true),
        ];
        for (role, other, expected) in cases {
            assert_eq!(
                role.includes(other),
                expected,
                "{role:?} includes {other:?}"
            );
        }
    }

    #[test]
    fn parses_exact_codes_only() {
        let cases = [
            ("reception", Ok(Role::Reception)),
            ("manager", Ok(Role::Manager)),
            ("admin", Ok(Role::Admin)),
            ("Admin", Err(UnknownRole("Admin".into()))),
            (" admin", Err(UnknownRole(" admin".into()))),
            ("administrator", Err(UnknownRole("administrator".into()))),
            ("", Err(UnknownRole(String::new()))),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse::<Role>(), expected, "input {input:?}");
        }
        assert_eq!(UnknownRole("x".into()).code(), "unknown_role");
    }

    #[test]
    fn names_in_both_languages() {
        let expected = [
            (Role::Reception, "Регистратор", "Reception"),
            (Role::Manager, "Менеджер", "Manager"),
            (Role::Admin, "Администратор системы", "Administrator"),
        ];
        for (role, ru, en) in expected {
            assert_eq!(role.name_ru(), ru);
            assert_eq!(role.name_en(), en);
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
    }
}
