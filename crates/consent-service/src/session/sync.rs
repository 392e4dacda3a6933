//! The clinic server from the app: the background task's start and wake-ups, its status as the
//! status bar and Settings show it, joining a server, «Синхронизировать сейчас», and a further desk's
//! code.

use super::Session;
use crate::api::{ClinicDeskView, DeskCode, SyncState, SyncStatus};
use crate::desk::DESK_CODE_TTL;
use crate::sync_task::{Listener, SyncTask};
use crate::{Desk, ServiceError};
use consent_domain::dates::ru_date;
use consent_domain::staff::{UseCase, authorize};

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
                            crate::sync_problem::SyncProblem::NotJoined,
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
        let code = self.act(|desk, staff| desk.add_desk_code(staff))?;
        let until = self.clock.now_ms() + DESK_CODE_TTL.as_millis() as u64;
        Ok(DeskCode {
            code,
            valid_until: moment(until, u64::MAX),
        })
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
