//! The clinic server from the app: the background task's start and wake-ups, its status as the
//! status bar and Settings show it, joining a server, «Синхронизировать сейчас», and a further desk's
//! code and its printed sheet.

use super::{Prepared, PreparedKind, Session};
use crate::api::{ClinicDeskView, DeskCode, PreparedForm, SyncState, SyncStatus};
use crate::desk::DESK_CODE_TTL;
use crate::desk::PrintedPdf;
use crate::error::sync_problem::SyncProblem;
use crate::sync_task::{Listener, SyncTask};
use crate::{Desk, ServiceError};
use consent_domain::dates::ru_date;
use consent_domain::staff::{UseCase, authorize};
use consent_wire::code::{EnrollmentCode, show_fingerprint};
use zeroize::Zeroizing;

/// The handle of the prepared enrollment sheet (no form id: it is no patient's paper).
pub const DESK_SHEET: &str = "desk-sheet";
/// How many made codes the session remembers for their sheets: the screen shows the last one, a
/// few more cover an administrator who made several in a row.
const ISSUED_MAX: usize = 8;

/// A desk code this process made: what its sheet prints beside the code. The code is matched by
/// its token id, which opens nothing; the code's secret is not kept.
#[derive(Debug, Clone)]
pub(super) struct IssuedCode {
    token_id: [u8; 16],
    made_at_ms: u64,
    made_by: String,
}

impl Session {
    /// Starts the background sync; `listener` hears its events (the shell passes them to the UI).
    /// A second call changes nothing.
    pub fn start_sync(&self, listener: Listener) {
        let data_dir = self.data_dir().to_path_buf();
        let key = self.key.clone();
        let clock = self.clock.clone();
        let opener = Box::new(move || {
            Desk::open(
                &data_dir,
                key.clone(),
                clock.clone(),
                consent_domain::Lang::Ru,
            )
        });
        let task = SyncTask::start(opener, listener, self.clock.clone());
        if self.sync.set(task).is_ok() && self.inner().desk.is_some() {
            self.sync_desk_ready();
        }
    }

    pub(super) fn sync_desk_ready(&self) {
        if let Some(task) = self.sync.get() {
            task.desk_ready();
        }
    }

    pub(super) fn sync_local_change(&self) {
        if let Some(task) = self.sync.get() {
            task.local_change();
        }
    }

    /// Where sync stands. Needs nobody signed in: it holds no personal data.
    pub fn sync_status(&self) -> Result<SyncStatus, ServiceError> {
        let (server, pending) = {
            let mut inner = self.inner();
            match inner.desk.as_mut() {
                Some(desk) => {
                    desk.catch_up()?;
                    (desk.server()?, desk.unsent_rows()?)
                }
                None => (None, 0),
            }
        };
        let task = self.sync.get().map(SyncTask::state).unwrap_or_default();
        let now = self.clock.now_ms();
        let lang = self.service.lang();
        let problem = task.problem_in(lang).cloned();
        let state = match () {
            () if server.is_none() => SyncState::NotJoined,
            () if problem.is_some() => SyncState::Failed,
            () if task.offline_since_ms.is_some() => SyncState::Offline,
            () if pending > 0 => SyncState::Pending,
            () if task.synced_ms.is_some() => SyncState::Synced,
            () => SyncState::Starting,
        };
        Ok(SyncStatus {
            state,
            pending,
            synced_at: task.synced_ms.map(|at| moment(at, now)),
            offline_since: task.offline_since_ms.map(|at| moment(at, now)),
            problem,
            server,
        })
    }

    /// «Синхронизировать сейчас»: the background task tries at once (any staff member). Without a
    /// running task (a script, a test) the sync runs here and now.
    pub fn sync_now(&self) -> Result<SyncStatus, ServiceError> {
        match self.sync.get() {
            Some(task) => {
                self.act(|desk, staff| {
                    authorize(staff, UseCase::ViewPatients)?;
                    match desk.server()? {
                        Some(_) => Ok(()),
                        None => Err(ServiceError::Sync(
                            crate::error::sync_problem::SyncProblem::NotJoined,
                        )),
                    }
                })?;
                task.sync_now();
            }
            None => {
                self.act(|desk, staff| desk.sync_now(staff))?;
            }
        }
        self.sync_status()
    }

    /// Joins the clinic server the enrollment `code` names, under this desk's name (administrators).
    pub fn join_server(&self, code: &str) -> Result<SyncStatus, ServiceError> {
        let name = self.profile().desk_name.ok_or(ServiceError::BadInput {
            what: "desk_name",
            detail: "empty",
        })?;
        self.act(|desk, staff| desk.join_server(staff, code, &name))?;
        if let Some(task) = self.sync.get() {
            task.sync_now();
        }
        self.sync_status()
    }

    /// A one-time code, valid 24 hours, for a further desk to join (administrators).
    pub fn add_desk_code(&self) -> Result<DeskCode, ServiceError> {
        let made_at_ms = self.clock.now_ms();
        let (code, made_by) = self.act(|desk, staff| {
            let code = desk.add_desk_code(staff)?;
            Ok((code, staff.full_name().to_owned()))
        })?;
        // Remembered for the sheet: the code itself says neither who made it nor until when.
        if let Ok(parsed) = EnrollmentCode::parse(&code) {
            let mut inner = self.inner();
            inner.desk_codes.push(IssuedCode {
                token_id: parsed.token_id,
                made_at_ms,
                made_by,
            });
            let excess = inner.desk_codes.len().saturating_sub(ISSUED_MAX);
            inner.desk_codes.drain(..excess);
        }
        Ok(DeskCode {
            code,
            valid_until: moment(made_at_ms + DESK_CODE_TTL.as_millis() as u64, u64::MAX),
        })
    }

    /// Renders the enrollment sheet of a desk code this desk made (administrators): the code as a
    /// QR code and in groups, with this desk's server and its fingerprint. The code opens the clinic
    /// key, so the sheet is kept in memory only, goes to the printer only and nothing is recorded.
    pub fn prepare_desk_sheet(&self, code: &str) -> Result<PreparedForm, ServiceError> {
        let parsed = EnrollmentCode::parse(code).ok();
        let issued = parsed.as_ref().and_then(|parsed| {
            self.inner()
                .desk_codes
                .iter()
                .find(|issued| issued.token_id == parsed.token_id)
                .cloned()
        });
        let pdf = self.act(|desk, staff| {
            authorize(staff, UseCase::EnrollDesk)?;
            let server = desk
                .server()?
                .ok_or(ServiceError::Sync(SyncProblem::NotJoined))?;
            let unknown = ServiceError::Rule {
                detail: "desk_code_unknown",
            };
            let (Some(parsed), Some(issued)) = (&parsed, &issued) else {
                return Err(unknown);
            };
            if parsed.host != server.host
                || parsed.port != server.port
                || show_fingerprint(&parsed.fingerprint) != server.fingerprint
            {
                return Err(unknown);
            }
            // The canonical text, whatever case or blanks the caller's copy had: the scanner must
            // type exactly what the new desk reads.
            let text = Zeroizing::new(parsed.to_text().map_err(|_| unknown)?);
            let clinic = desk
                .clinic(staff)?
                .map(|c| c.name)
                .ok_or(ServiceError::ClinicNotSet)?;
            let at = |ms: u64| {
                consent_store::clinic_time(ms)
                    .unwrap_or(chrono::DateTime::UNIX_EPOCH.fixed_offset())
            };
            let pdf = consent_forms::enrollment_sheet(
                &consent_forms::EnrollmentSheetForm {
                    clinic_name: &clinic,
                    host: &server.host,
                    port: server.port,
                    fingerprint: &server.fingerprint,
                    made_by: &issued.made_by,
                    made_at: at(issued.made_at_ms),
                    valid_until: at(issued.made_at_ms + DESK_CODE_TTL.as_millis() as u64),
                    code: &text,
                },
                &desk.form_texts()?,
            )?;
            Ok(PrintedPdf {
                form_id: DESK_SHEET.to_owned(),
                short_code: String::new(),
                title: pdf.title,
                pages: pdf.pages,
                bytes: pdf.bytes,
            })
        })?;
        let prepared = Prepared::new("desk_sheet", PreparedKind::DeskSheet, pdf);
        let view = prepared.view();
        self.inner()
            .prepared
            .retain(|p| !matches!(p.kind, PreparedKind::DeskSheet));
        self.keep_prepared(vec![prepared]);
        Ok(view)
    }
}

impl Session {
    /// The clinic's desks as the server lists them (administrators): name, last seen, records sent.
    pub fn clinic_desks(&self) -> Result<Vec<ClinicDeskView>, ServiceError> {
        let now = self.clock.now_ms();
        self.act(|desk, staff| {
            let own = desk.desk_id().to_string();
            let mut desks: Vec<ClinicDeskView> = desk
                .clinic_desks(staff)?
                .into_iter()
                .map(|d| {
                    let id = uuid::Uuid::from_bytes(d.desk).to_string();
                    ClinicDeskView {
                        this_desk: id == own,
                        id,
                        name: d.name,
                        enrolled_at: moment(d.enrolled_ms, now),
                        last_seen: d.last_seen_ms.map(|at| moment(at, now)),
                        records: d.rows,
                        revoked_at: d.revoked_ms.map(|at| moment(at, now)),
                    }
                })
                .collect();
            // Working desks first, then by name, so the list reads the same on every desk.
            desks.sort_by(|a, b| {
                (a.revoked_at.is_some(), &a.name, &a.id).cmp(&(
                    b.revoked_at.is_some(),
                    &b.name,
                    &b.id,
                ))
            });
            Ok(desks)
        })
    }

    /// Revokes another desk of the clinic (administrators); returns the list as it is now.
    pub fn revoke_desk(&self, id: &str) -> Result<Vec<ClinicDeskView>, ServiceError> {
        self.act(|desk, staff| desk.revoke_desk(staff, id))?;
        self.clinic_desks()
    }
}

/// A wall time as the desk shows it: `14:02` on the day of `now_ms`, else `05.12.2026 14:02`.
fn moment(at_ms: u64, now_ms: u64) -> String {
    let Some(at) = consent_store::clinic_time(at_ms) else {
        return String::new();
    };
    let time = at.format("%H:%M").to_string();
    if consent_store::clinic_date(now_ms) == at.date_naive() {
        time
    } else {
        format!("{} {time}", ru_date(at.date_naive()))
    }
}

#[cfg(test)]
mod tests {
    use super::moment;

    #[test]
    fn moments_are_clinic_time_with_the_date_when_not_today() {
        // 2026-12-05 10:02 UTC is 13:02 in the clinic (UTC+3).
        let at = 1_764_928_920_000;
        assert_eq!(moment(at, at + 60_000), "13:02");
        assert_eq!(moment(at, at + 24 * 3_600_000), "05.12.2025 13:02");
    }
}
