//! Restoring access with the recovery sheet: when the OS keyring lost this desk's key (a reinstalled
//! system, another user profile), the code on the sheet — typed, or scanned from its QR code — opens
//! the database again and is put back into the keyring. Nothing is stored until the code has opened
//! this very database.

use chrono::DateTime;
use consent_store::DbKey;

use consent_domain::staff::{UseCase, authorize};

use super::{Phase, Prepared, PreparedKind, Session};
use crate::api::{PreparedForm, SessionStatus};
use crate::desk::PrintedPdf;
use crate::{Desk, KeyChoice, ServiceError};

fn bad(detail: &'static str) -> ServiceError {
    ServiceError::BadInput {
        what: "recovery code",
        detail,
    }
}

/// The key and, when scanned from the QR code, the database it names.
fn parse_code(text: &str) -> Result<(Option<String>, DbKey), ServiceError> {
    let code = consent_forms::read_recovery_code(text).ok_or(bad("bad_recovery_code"))?;
    let key = DbKey::from_hex(&code.key_hex).map_err(|_| bad("bad_recovery_code"))?;
    Ok((code.database_id, key))
}

/// The handle of the prepared recovery sheet (it has no form id: it is no patient's paper).
pub const RECOVERY_SHEET: &str = "recovery-sheet";

impl Session {
    /// Renders the recovery sheet (an administrator's action) for printing: it holds the database
    /// key, so it is kept in memory only and goes to the printer, never to a viewer's file.
    pub fn prepare_recovery_sheet(&self) -> Result<PreparedForm, ServiceError> {
        let pdf = self.act(|desk, staff| {
            authorize(staff, UseCase::EditSettings)?;
            let profile = self.profile();
            let desk_name = profile.desk_name.unwrap_or_else(|| "—".to_owned());
            let clinic = desk
                .clinic(staff)?
                .map(|c| c.name)
                .ok_or(ServiceError::ClinicNotSet)?;
            let sheet = self.recovery_sheet(desk, &desk_name, &clinic)?;
            let code = zeroize::Zeroizing::new(sheet.code.replace('-', ""));
            let created_at = consent_store::clinic_time(self.clock.now_ms())
                .unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
            let pdf = consent_forms::recovery_sheet(
                &consent_forms::RecoverySheetForm {
                    clinic_name: &clinic,
                    desk_name: &desk_name,
                    database_id: &sheet.database_id,
                    desk_id: &sheet.desk_id,
                    code: &code,
                    key_location: self.key_location(),
                    created_at,
                },
                &desk.form_texts()?,
            )?;
            Ok(PrintedPdf {
                form_id: RECOVERY_SHEET.to_owned(),
                short_code: String::new(),
                title: pdf.title,
                pages: pdf.pages,
                bytes: pdf.bytes,
            })
        })?;
        let prepared = Prepared::new("recovery_sheet", PreparedKind::Recovery, pdf);
        let view = prepared.view();
        self.inner()
            .prepared
            .retain(|p| !matches!(p.kind, PreparedKind::Recovery));
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }

    /// Opens the desk's database with the recovery code and stores the key in the keyring again.
    /// Only while the database cannot be opened with the configured key.
    pub fn restore_access(&self, code: &str) -> Result<SessionStatus, ServiceError> {
        let mut inner = self.inner();
        if inner.desk.is_some() {
            return Err(ServiceError::Rule {
                detail: "restore_not_needed",
            });
        }
        let (scanned_database, key) = parse_code(code)?;
        let database_id =
            crate::desk::database_id(self.data_dir()).map_err(|_| self.not_initialized())?;
        if scanned_database.is_some_and(|scanned| scanned != database_id.as_str()) {
            return Err(bad("recovery_code_other_database"));
        }
        let hex = key.reveal_hex().to_string();
        let desk = match Desk::open(
            self.data_dir(),
            KeyChoice::Env(hex),
            self.clock.clone(),
            self.service.lang(),
        ) {
            Ok(desk) => desk,
            Err(ServiceError::Store(e)) if e.code() == "db_wrong_key" => {
                return Err(bad("recovery_code_wrong"));
            }
            Err(other) => return Err(other),
        };
        match &self.key {
            KeyChoice::Keyring | KeyChoice::KeyringIn(_) => {
                self.key.keyring()?.restore(&database_id, &key)?;
            }
            // The key comes from the environment or a file the administrator set: the desk cannot
            // change those, so it says where the code must go instead of opening half-way.
            KeyChoice::Env(_) | KeyChoice::File(_) => {
                return Err(ServiceError::Rule {
                    detail: "restore_key_not_in_keyring",
                });
            }
        }
        tracing::info!("access restored with the recovery code; the key is back in the keyring");
        inner.desk = Some(desk);
        inner.phase = Phase::SignedOut;
        self.sync_desk_ready();
        self.status_of(&mut inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn codes_are_read_as_typed_grouped_or_scanned() {
        let grouped = HEX
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>();
        for text in [
            HEX.to_owned(),
            HEX.to_uppercase(),
            grouped.join("-"),
            grouped.join(" "),
            format!("  {}\n", grouped.join(" ")),
        ] {
            let (database, key) = parse_code(&text).expect("a valid code");
            assert_eq!(database, None);
            assert_eq!(key.reveal_hex().as_str(), HEX);
        }
        let (database, _) =
            parse_code(&format!("consent-desk:recovery:abc123:{HEX}")).expect("scanned");
        assert_eq!(database.as_deref(), Some("abc123"));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for text in [
            "",
            "12345",
            &HEX[..63],
            &format!("{HEX}00"),
            "consent-desk:recovery:x",
        ] {
            let error = parse_code(text).map(|_| ()).expect_err(text);
            assert_eq!(error.detail(), Some("bad_recovery_code"), "{text}");
        }
    }
}
