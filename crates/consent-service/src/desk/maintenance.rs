//! Keeping the desk whole: `verify` (the chains, the anchor, the file's pages, keys deleted without a
//! destruction), `rebuild` (the projections folded again from the ledger), `backup` (an encrypted,
//! checked copy made while the desk is in use) and `restore` (a backup checked, then put in the
//! desk's place while nothing has it open).

use std::path::Path;
use std::sync::Arc;

use consent_domain::Lang;
use consent_domain::ids::DeskId;
use consent_domain::staff::{Staff, UseCase, authorize};
use consent_store::{KeySource, Restore, StoreError};

use super::{DATABASE_FILE, DESK_FILE, DeskFile, KeyChoice, desk_key, write_desk_file};
use crate::api::{BackupView, RebuildView, RestoreView, VerifyReport};
use crate::clock::Clock;
use crate::{Desk, Missing, ServiceError};

impl Desk {
    /// What the open found when it compared the ledger with its anchor, in words for every staff
    /// member (who cannot repair it) with what to do; `None` when the ledger reaches its anchor.
    pub fn ledger_warning(&self, lang: Lang) -> Option<String> {
        let finding = rollback_text(lang, self.store.rollback()?);
        Some(match lang {
            Lang::Ru => format!(
                "Журнал событий неполон: {finding}. Сообщите администратору: он проверит базу \
                 (consentctl verify) и восстановит её из резервной копии (consentctl restore)."
            ),
            Lang::En => format!(
                "The event ledger is incomplete: {finding}. Tell the administrator: they check the \
                 database (consentctl verify) and restore it from a backup (consentctl restore)."
            ),
        })
    }

    /// `verify` for a desk whose store cannot load (a damaged page met while loading, say): the
    /// file's own check, page by page, and why the ledger could not be read. Needs only the key, as
    /// whoever holds it can read the file anyway; no staff member can be looked up in such a file.
    pub fn verify_file(
        data_dir: &Path,
        key: KeyChoice,
        lang: Lang,
        why: &ServiceError,
    ) -> Result<VerifyReport, ServiceError> {
        let (_, db_key) = desk_key(data_dir, &key)?;
        let problems = consent_store::Database::check_file(data_dir.join(DATABASE_FILE), &db_key)?;
        let unreadable = match lang {
            Lang::Ru => format!("журнал не читается до конца: {}", why.message(lang)),
            Lang::En => format!(
                "the ledger cannot be read to its end: {}",
                why.message(lang)
            ),
        };
        let defects = std::iter::once(unreadable)
            .chain(problems.iter().map(|p| file_problem_text(lang, p)))
            .collect();
        Ok(VerifyReport {
            intact: false,
            desks: 0,
            events: 0,
            defects,
        })
    }

    pub fn verify(&self, actor: &Staff) -> Result<VerifyReport, ServiceError> {
        authorize(actor, UseCase::VerifyLedger)?;
        let verification = self.store.verify()?;
        let defects = verification
            .defects
            .iter()
            .map(|d| match d {
                consent_store::ledger::Defect::Missing { desk, expected_seq } => {
                    defect_text(self.lang, "missing", *desk, *expected_seq)
                }
                consent_store::ledger::Defect::BrokenLink { desk, seq } => {
                    defect_text(self.lang, "broken", *desk, *seq)
                }
                consent_store::ledger::Defect::Tampered { desk, seq } => {
                    defect_text(self.lang, "tampered", *desk, *seq)
                }
            })
            .chain(verification.keys_missing.iter().map(|subject| {
                // The subject's id (a random UUID) names no one; the data stays unreadable.
                let subject = uuid::Uuid::from_bytes(*subject);
                match self.lang {
                    Lang::Ru => format!(
                        "ключ субъекта {subject} удалён без записи об уничтожении его данных: \
                         база изменена в обход программы"
                    ),
                    Lang::En => format!(
                        "the key of subject {subject} was deleted with no record of the destruction \
                         of their data: the database was changed behind the desk's back"
                    ),
                }
            }))
            .chain(verification.rollback.iter().map(|rollback| rollback_text(self.lang, rollback)))
            .chain(
                verification
                    .file_problems
                    .iter()
                    .map(|problem| file_problem_text(self.lang, problem)),
            )
            .collect();
        Ok(VerifyReport {
            intact: verification.is_intact(),
            desks: verification.desks as u64,
            events: verification.events,
            defects,
        })
    }

    pub fn rebuild(&mut self, actor: &Staff) -> Result<RebuildView, ServiceError> {
        authorize(actor, UseCase::RebuildProjections)?;
        let report = self.store.rebuild()?;
        Ok(RebuildView {
            events: report.events as u64,
            patients: report.patients as u64,
            consents: report.consents as u64,
            requests: report.requests as u64,
            shredded: report.shredded as u64,
            unchanged: report.unchanged,
        })
    }

    /// Writes an encrypted, checked copy of the whole desk to `target` (a new file, 0600), under the
    /// desk's own key, while the desk stays in use. Returns the number of events copied.
    pub fn backup(&self, actor: &Staff, target: &Path) -> Result<BackupView, ServiceError> {
        authorize(actor, UseCase::BackupDesk)?;
        let events = self.store.backup_to(target)?;
        tracing::info!(events, "desk backed up");
        Ok(BackupView {
            file: target.display().to_string(),
            events,
        })
    }

    /// Puts the backup `file` in the place of the desk in `data_dir`, which may hold a desk (damaged,
    /// rolled back, or simply older than needed) or nothing at all (a new computer). The backup is
    /// copied and checked first; the admin `login` must be an administrator in it; a desk already
    /// there is moved aside only with `replace`. Refused while any program has the desk open.
    pub fn restore(
        data_dir: &Path,
        key: KeyChoice,
        file: &Path,
        login: &str,
        replace: bool,
        clock: Arc<dyn Clock>,
    ) -> Result<RestoreView, ServiceError> {
        let desk_path = data_dir.join(DESK_FILE);
        let known = desk_path.exists();
        // The desk's own database id when it has a desk.json: the backup must carry the same one.
        let (expected_id, db_key) = if known {
            let (database_id, db_key) = desk_key(data_dir, &key)?;
            (Some(database_id), db_key)
        } else {
            let source = match &key {
                KeyChoice::Env(value) => KeySource::EnvValue(value.clone().into()),
                KeyChoice::File(path) => KeySource::KeyFile(path.clone()),
                KeyChoice::Keyring | KeyChoice::KeyringIn(_) => {
                    return Err(ServiceError::RestoreNeedsKey {
                        path: data_dir.to_path_buf(),
                    });
                }
            };
            (None, consent_store::resolve(&source)?)
        };
        std::fs::create_dir_all(data_dir).map_err(|e| ServiceError::DataDirUnavailable {
            path: data_dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let unusable = |error: StoreError| match error.code() {
            "db_in_use" | "db_io" => ServiceError::Store(error),
            _ => ServiceError::Backup {
                file: file.to_path_buf(),
                error,
            },
        };
        let restore =
            Restore::check(file, &data_dir.join(DATABASE_FILE), &db_key).map_err(unusable)?;
        let backup = restore.store();
        if expected_id.is_some_and(|id| backup.database().database_id() != &id) {
            return Err(unusable(StoreError::BackupOfAnotherDesk {
                path: file.to_path_buf(),
            }));
        }
        let actor = backup
            .staff_by_login(login)?
            .ok_or(ServiceError::NotFound(Missing::Staff))?;
        authorize(&actor, UseCase::RestoreDesk)?;
        let restored = restore.install(replace, clock.now_ms())?;
        if !known {
            write_desk_file(
                &desk_path,
                &DeskFile {
                    database_id: restored.database_id.as_str().to_owned(),
                    desk_id: restored.desk.to_string(),
                },
            )?;
        }
        let head = restored.head_seq.unwrap_or(0);
        tracing::warn!(
            events = restored.events,
            head,
            replaced = restored.replaced_into.is_some(),
            "desk restored from a backup"
        );
        Ok(RestoreView {
            file: file.display().to_string(),
            events: restored.events,
            head_seq: head,
            replaced_into: restored
                .replaced_into
                .map(|folder| folder.display().to_string()),
            missing_since_backup: restored
                .newer_than_backup
                .map_or(0, |newer| newer.head.seq - head),
            last_known_at: restored.newer_than_backup.and_then(|newer| {
                consent_store::clinic_time(newer.wall_ms)
                    .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            }),
            desk_file_written: !known,
        })
    }
}

/// The anchor's finding in words: how many of the newest events are gone, and the last one known.
fn rollback_text(lang: Lang, rollback: &consent_store::anchor::Rollback) -> String {
    use consent_store::anchor::Rollback;
    match (rollback, lang) {
        (Rollback::Missing { missing, last_seq, at_ms }, lang) => {
            let at = consent_store::clinic_time(*at_ms)
                .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_default();
            match lang {
                Lang::Ru => format!(
                    "нет последних событий журнала ({missing}): последнее известное — №{last_seq} от {at}"
                ),
                Lang::En => format!(
                    "the newest {missing} event(s) of the ledger are missing: the last one known was #{last_seq} at {at}"
                ),
            }
        }
        (Rollback::Rewritten { seq }, Lang::Ru) => {
            format!("событие №{seq} журнала подменено: цепочка переписана после записи якоря")
        }
        (Rollback::Rewritten { seq }, Lang::En) => {
            format!("event #{seq} of the ledger was replaced: the chain was rewritten after it was anchored")
        }
        (Rollback::AnchorInvalid, Lang::Ru) => {
            "якорь журнала (файл рядом с базой) повреждён, подделан или от другой базы".to_owned()
        }
        (Rollback::AnchorInvalid, Lang::En) => {
            "the ledger's anchor (the file beside the database) is damaged, forged or from another database"
                .to_owned()
        }
    }
}

/// SQLite's own words (page numbers, index names) after a localized heading.
fn file_problem_text(lang: Lang, problem: &str) -> String {
    match lang {
        Lang::Ru => format!("файл базы данных повреждён: {problem}"),
        Lang::En => format!("the database file is damaged: {problem}"),
    }
}

fn defect_text(lang: Lang, kind: &str, desk: DeskId, seq: u64) -> String {
    match (lang, kind) {
        (Lang::Ru, "missing") => format!("рабочее место {desk}: отсутствует событие № {seq}"),
        (Lang::Ru, "broken") => {
            format!("рабочее место {desk}: разорвана цепочка на событии № {seq}")
        }
        (Lang::Ru, _) => format!("рабочее место {desk}: событие № {seq} изменено"),
        (Lang::En, "missing") => format!("desk {desk}: event {seq} is missing"),
        (Lang::En, "broken") => format!("desk {desk}: the chain breaks at event {seq}"),
        (Lang::En, _) => format!("desk {desk}: event {seq} was altered"),
    }
}
