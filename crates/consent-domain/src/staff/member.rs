//! A staff member: who signs in, under which role, and whether the account is still enabled.

use std::fmt;

use crate::text::TextProblem;

use super::login::Login;
use super::role::Role;

/// The permanent id of a staff member; ledger events name their actor by it.
///
/// A `u128` rather than the login, because a login may be renamed while the ledger must keep pointing at
/// the same person; the service fills it from a UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffId(u128);

impl StaffId {
    /// The id from its 128 bits (e.g. `Uuid::as_u128`).
    pub const fn from_u128(bits: u128) -> Self {
        Self(bits)
    }

    /// The 128 bits (e.g. for `Uuid::from_u128`).
    pub const fn as_u128(self) -> u128 {
        self.0
    }
}

impl fmt::Display for StaffId {
    /// The hyphenated UUID form, so the id reads the same here as in logs written by other crates.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            b >> 96,
            (b >> 80) & 0xffff,
            (b >> 64) & 0xffff,
            (b >> 48) & 0xffff,
            b & 0xffff_ffff_ffff
        )
    }
}

/// Why a staff member could not be created. Messages never repeat the name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    /// The full name is empty or only whitespace.
    #[error("the staff member's full name is empty")]
    BlankName,
    /// The full name is longer than 200 characters.
    #[error("the staff member's full name is too long: {len} characters, at most 200 are allowed")]
    NameTooLong {
        /// Its length in characters, after trimming.
        len: usize,
    },
    /// The full name has a control character (a line break, a tab, ...), which would break printed acts.
    #[error("the staff member's full name contains a control character")]
    NameControlCharacter,
    /// The full name has a bidirectional override or isolate, which would make the name shown on
    /// screens and acts read differently from the one stored.
    #[error("the staff member's full name contains a bidirectional override")]
    NameDirectionOverride,
}

impl StaffError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            StaffError::BlankName => "staff_name_blank",
            StaffError::NameTooLong { .. } => "staff_name_too_long",
            StaffError::NameControlCharacter => "staff_name_control_character",
            StaffError::NameDirectionOverride => "staff_name_direction_override",
        }
    }
}

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    id: StaffId,
    login: Login,
    full_name: String,
    role: Role,
    active: bool,
}

impl Staff {
    const MAX_NAME_LEN: usize = 200;

    /// A new, active staff member. The full name is trimmed; it is printed on acts of destruction
    /// (order No. 179), so it must be a real name on one line.
    pub fn new(id: StaffId, login: Login, full_name: &str, role: Role) -> Result<Self, StaffError> {
        let full_name = full_name.trim();
        if full_name.is_empty() {
            return Err(StaffError::BlankName);
        }
        let len = full_name.chars().count();
        if len > Self::MAX_NAME_LEN {
            return Err(StaffError::NameTooLong { len });
        }
        match crate::text::check_stored_text(full_name) {
            Ok(()) => {}
            Err(TextProblem::ControlCharacter) => return Err(StaffError::NameControlCharacter),
            Err(TextProblem::DirectionOverride) => return Err(StaffError::NameDirectionOverride),
        }
        Ok(Self {
            id,
            login,
            full_name: full_name.to_owned(),
            role,
            active: true,
        })
    }

    /// The permanent id.
    pub fn id(&self) -> StaffId {
        self.id
    }

    /// The sign-in login.
    pub fn login(&self) -> &Login {
        &self.login
    }

    /// The full name, as printed on acts.
    pub fn full_name(&self) -> &str {
        &self.full_name
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Whether the account is enabled. A disabled account stays, because ledger events name it.
    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Changes the role.
    pub fn set_role(&mut self, role: Role) {
        self.role = role;
    }

    /// Renames the login; the id, and so the ledger's references, stay.
    pub fn set_login(&mut self, login: Login) {
        self.login = login;
    }

    /// Enables or disables the account.
    pub fn set_active(&mut self, active: bool) {
        self.active = active;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> Login {
        Login::parse("ivanova").unwrap()
    }

    #[test]
    fn full_name_validation() {
        let long = "Я".repeat(201);
        let longest = "Я".repeat(200);
        let cases: Vec<(&str, Result<&str, StaffError>)> = vec![
            ("Иванова Анна Петровна", Ok("Иванова Анна Петровна")),
            ("  Petrov Ivan  ", Ok("Petrov Ivan")),
            (&longest, Ok(&longest)),
            ("", Err(StaffError::BlankName)),
            (" \t ", Err(StaffError::BlankName)),
            (&long, Err(StaffError::NameTooLong { len: 201 })),
            ("Иванова\nАнна", Err(StaffError::NameControlCharacter)),
            ("Иванова\tАнна", Err(StaffError::NameControlCharacter)),
            (
                "Иванова\u{1b}[2JАнна",
                Err(StaffError::NameControlCharacter),
            ),
            ("Иванова Анна\u{9b}", Err(StaffError::NameControlCharacter)),
            (
                "Иванова \u{202e}аннА",
                Err(StaffError::NameDirectionOverride),
            ),
            (
                "\u{2067}Иванова Анна\u{2069}",
                Err(StaffError::NameDirectionOverride),
            ),
        ];
        for (input, expected) in cases {
            let actual = Staff::new(StaffId::from_u128(1), login(), input, Role::Reception);
            match expected {
                Ok(name) => assert_eq!(
                    actual.map(|s| s.full_name().to_owned()),
                    Ok(name.to_owned())
                ),
                Err(e) => {
                    let err = actual.expect_err(input);
                    assert_eq!(err.code(), e.code());
                    assert_eq!(err, e, "input {input:?}");
                }
            }
        }
    }

    #[test]
    fn new_staff_is_active_and_keeps_its_id_across_changes() {
        let id = StaffId::from_u128(0x0192_3f4e_5d6c_7b8a_9f00_1122_3344_5566);
        let mut staff = Staff::new(id, login(), "Иванова Анна", Role::Reception).unwrap();
        assert!(staff.is_active());
        staff.set_role(Role::Manager);
        staff.set_login(Login::parse("a.ivanova").unwrap());
        staff.set_active(false);
        assert_eq!(staff.id(), id);
        assert_eq!(staff.role(), Role::Manager);
        assert_eq!(staff.login().as_str(), "a.ivanova");
        assert!(!staff.is_active());
    }

    #[test]
    fn staff_id_displays_as_a_uuid() {
        let cases = [
            (0, "00000000-0000-0000-0000-000000000000"),
            (
                0x0192_3f4e_5d6c_7b8a_9f00_1122_3344_5566,
                "01923f4e-5d6c-7b8a-9f00-112233445566",
            ),
            (u128::MAX, "ffffffff-ffff-ffff-ffff-ffffffffffff"),
        ];
        for (bits, text) in cases {
            let id = StaffId::from_u128(bits);
            assert_eq!(id.to_string(), text);
            assert_eq!(id.as_u128(), bits);
        }
    }
}
