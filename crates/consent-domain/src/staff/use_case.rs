//! The use cases that need a permission, and the lowest role allowed each.

use super::role::Role;

/// Something a staff member does through the service. Each variant's doc says who may do it and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UseCase {
    /// Find and open patients. Reception: the desk cannot serve a patient it cannot look up.
    ViewPatients,
    /// Register a new patient. Reception.
    RegisterPatient,
    /// Change a patient's details. Reception: details are captured and corrected at the desk.
    UpdatePatient,
    /// Record which purposes a patient consents to. Reception.
    GrantConsent,
    /// Print a consent or withdrawal form. Reception.
    PrintForm,
    /// Mark a printed form as signed (scan of its QR code). Reception.
    MarkFormSigned,
    /// Take in a withdrawal of consent or another subject request. Reception: deadlines run from the day
    /// a request is received, so any desk must be able to record it at once. Where the law requires
    /// blocking from receipt (Art. 21 p. 1), the intake itself does it; no separate permission is needed.
    ReceiveRequest,
    /// See the queue of pending requests. Manager: the queue is the managers' work list; reception sees a
    /// patient's own request on the patient's card.
    ViewQueue,
    /// Take a request from the queue and start working it. Manager.
    StartProcessing,
    /// Decide, per purpose, to stop processing or to continue on a named legal ground. Manager: a legal
    /// judgement that the desk must not make on the spot.
    RecordPurposeDecision,
    /// Extend a deadline by up to 5 working days with a reasoned notice (Art. 21 p. 5.1, Art. 14 p. 3).
    /// Manager: reception can neither complete nor extend a withdrawal.
    ExtendDeadline,
    /// Block a patient's data. Manager.
    BlockData,
    /// Destroy a patient's data where no legal ground remains. Manager.
    DestroyData,
    /// Send the patient a notice (completion, extension, refusal). Manager: it states the outcome of work
    /// only a manager does.
    NotifySubject,
    /// Close a completed request. Manager.
    CloseRequest,
    /// Print an act of destruction and the log extract (order No. 179). Manager.
    PrintAct,
    /// See reports (deadlines, overdue requests, destruction). Manager.
    Reports,
    /// Verify the ledger's hash chains. Manager: read-only, and managers are the ones who must prove
    /// consent and destruction (Art. 9 p. 3).
    VerifyLedger,
    /// Add, change the role of, or disable staff members. Admin.
    ManageStaff,
    /// Change the clinic's settings (operator name, address, withdrawal e-mail, ...). Admin: they are
    /// printed on every form.
    EditSettings,
    /// Load a new production calendar; running deadlines are recomputed. Admin.
    ImportCalendar,
    /// Join a new desk to the clinic server with an enrollment code. Admin.
    EnrollDesk,
    /// Rebuild the local projections from the ledger. Admin: maintenance that rewrites the desk's state.
    RebuildProjections,
    /// Write an encrypted copy of the whole desk to a file. Admin: the copy holds every patient.
    BackupDesk,
    /// Put a backup in the desk's place. Admin: it replaces every record the desk holds.
    RestoreDesk,
    /// Apply the corrected values of a correction request (Art. 21 p. 2). Manager: whether the data
    /// were inaccurate is the manager's judgement on the evidence, not the desk's.
    ApproveCorrection,
}

impl UseCase {
    /// Every use case, in workflow order.
    pub const ALL: [UseCase; 26] = [
        UseCase::ViewPatients,
        UseCase::RegisterPatient,
        UseCase::UpdatePatient,
        UseCase::GrantConsent,
        UseCase::PrintForm,
        UseCase::MarkFormSigned,
        UseCase::ReceiveRequest,
        UseCase::ViewQueue,
        UseCase::StartProcessing,
        UseCase::RecordPurposeDecision,
        UseCase::ExtendDeadline,
        UseCase::BlockData,
        UseCase::DestroyData,
        UseCase::NotifySubject,
        UseCase::CloseRequest,
        UseCase::PrintAct,
        UseCase::Reports,
        UseCase::VerifyLedger,
        UseCase::ManageStaff,
        UseCase::EditSettings,
        UseCase::ImportCalendar,
        UseCase::EnrollDesk,
        UseCase::RebuildProjections,
        UseCase::BackupDesk,
        UseCase::RestoreDesk,
        UseCase::ApproveCorrection,
    ];

    /// The lowest role that may perform this use case; every higher role may too.
    pub fn min_role(self) -> Role {
        match self {
            UseCase::ViewPatients
            | UseCase::RegisterPatient
            | UseCase::UpdatePatient
            | UseCase::GrantConsent
            | UseCase::PrintForm
            | UseCase::MarkFormSigned
            | UseCase::ReceiveRequest => Role::Reception,
            UseCase::ViewQueue
            | UseCase::StartProcessing
            | UseCase::RecordPurposeDecision
            | UseCase::ExtendDeadline
            | UseCase::BlockData
            | UseCase::DestroyData
            | UseCase::NotifySubject
            | UseCase::CloseRequest
            | UseCase::PrintAct
            | UseCase::Reports
            | UseCase::VerifyLedger
            | UseCase::ApproveCorrection => Role::Manager,
            UseCase::ManageStaff
            | UseCase::EditSettings
            | UseCase::ImportCalendar
            | UseCase::EnrollDesk
            | UseCase::RebuildProjections
            | UseCase::BackupDesk
            | UseCase::RestoreDesk => Role::Admin,
        }
    }

    /// A stable snake_case code, for logs and audit records.
    pub fn code(self) -> &'static str {
        match self {
            UseCase::ViewPatients => "view_patients",
            UseCase::RegisterPatient => "register_patient",
            UseCase::UpdatePatient => "update_patient",
            UseCase::GrantConsent => "grant_consent",
            UseCase::PrintForm => "print_form",
            UseCase::MarkFormSigned => "mark_form_signed",
            UseCase::ReceiveRequest => "receive_request",
            UseCase::ViewQueue => "view_queue",
            UseCase::StartProcessing => "start_processing",
            UseCase::RecordPurposeDecision => "record_purpose_decision",
            UseCase::ExtendDeadline => "extend_deadline",
            UseCase::BlockData => "block_data",
            UseCase::DestroyData => "destroy_data",
            UseCase::NotifySubject => "notify_subject",
            UseCase::CloseRequest => "close_request",
            UseCase::PrintAct => "print_act",
            UseCase::Reports => "reports",
            UseCase::VerifyLedger => "verify_ledger",
            UseCase::ManageStaff => "manage_staff",
            UseCase::EditSettings => "edit_settings",
            UseCase::ImportCalendar => "import_calendar",
            UseCase::EnrollDesk => "enroll_desk",
            UseCase::RebuildProjections => "rebuild_projections",
            UseCase::BackupDesk => "backup_desk",
            UseCase::RestoreDesk => "restore_desk",
            UseCase::ApproveCorrection => "approve_correction",
        }
    }

    /// The use case as the UI names it, in Russian.
    pub fn title_ru(self) -> &'static str {
        match self {
            UseCase::ViewPatients => "Просмотр пациентов",
            UseCase::RegisterPatient => "Регистрация пациента",
            UseCase::UpdatePatient => "Изменение данных пациента",
            UseCase::GrantConsent => "Оформление согласия",
            UseCase::PrintForm => "Печать бланка",
            UseCase::MarkFormSigned => "Отметка о подписании бланка",
            UseCase::ReceiveRequest => "Приём отзыва согласия или обращения",
            UseCase::ViewQueue => "Просмотр очереди обращений",
            UseCase::StartProcessing => "Начало обработки обращения",
            UseCase::RecordPurposeDecision => "Решение по цели обработки",
            UseCase::ExtendDeadline => "Продление срока с мотивированным уведомлением",
            UseCase::BlockData => "Блокирование данных",
            UseCase::DestroyData => "Уничтожение данных",
            UseCase::NotifySubject => "Уведомление пациента",
            UseCase::CloseRequest => "Закрытие обращения",
            UseCase::PrintAct => "Печать акта об уничтожении",
            UseCase::Reports => "Отчёты",
            UseCase::VerifyLedger => "Проверка журнала событий",
            UseCase::ManageStaff => "Управление сотрудниками",
            UseCase::EditSettings => "Изменение настроек",
            UseCase::ImportCalendar => "Загрузка производственного календаря",
            UseCase::EnrollDesk => "Подключение рабочего места",
            UseCase::RebuildProjections => "Перестроение данных из журнала",
            UseCase::BackupDesk => "Резервная копия рабочего места",
            UseCase::RestoreDesk => "Восстановление рабочего места из резервной копии",
            UseCase::ApproveCorrection => "Исправление данных по обращению",
        }
    }

    /// The use case as the UI names it, in English.
    pub fn title_en(self) -> &'static str {
        match self {
            UseCase::ViewPatients => "View patients",
            UseCase::RegisterPatient => "Register a patient",
            UseCase::UpdatePatient => "Update a patient's details",
            UseCase::GrantConsent => "Record a consent",
            UseCase::PrintForm => "Print a form",
            UseCase::MarkFormSigned => "Mark a form as signed",
            UseCase::ReceiveRequest => "Receive a withdrawal or request",
            UseCase::ViewQueue => "View the request queue",
            UseCase::StartProcessing => "Start processing a request",
            UseCase::RecordPurposeDecision => "Record a decision per purpose",
            UseCase::ExtendDeadline => "Extend a deadline with a reasoned notice",
            UseCase::BlockData => "Block data",
            UseCase::DestroyData => "Destroy data",
            UseCase::NotifySubject => "Notify the patient",
            UseCase::CloseRequest => "Close a request",
            UseCase::PrintAct => "Print an act of destruction",
            UseCase::Reports => "View reports",
            UseCase::VerifyLedger => "Verify the ledger",
            UseCase::ManageStaff => "Manage staff",
            UseCase::EditSettings => "Edit settings",
            UseCase::ImportCalendar => "Import the production calendar",
            UseCase::EnrollDesk => "Enroll a desk",
            UseCase::RebuildProjections => "Rebuild data from the ledger",
            UseCase::BackupDesk => "Back up the desk",
            UseCase::RestoreDesk => "Restore the desk from a backup",
            UseCase::ApproveCorrection => "Correct data on a request",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // No wildcard arm: a new variant fails to compile here until it is added to `ALL` and this list.
    fn position(use_case: UseCase) -> usize {
        match use_case {
            UseCase::ViewPatients => 0,
            UseCase::RegisterPatient => 1,
            UseCase::UpdatePatient => 2,
            UseCase::GrantConsent => 3,
            UseCase::PrintForm => 4,
            UseCase::MarkFormSigned => 5,
            UseCase::ReceiveRequest => 6,
            UseCase::ViewQueue => 7,
            UseCase::StartProcessing => 8,
            UseCase::RecordPurposeDecision => 9,
            UseCase::ExtendDeadline => 10,
            UseCase::BlockData => 11,
            UseCase::DestroyData => 12,
            UseCase::NotifySubject => 13,
            UseCase::CloseRequest => 14,
            UseCase::PrintAct => 15,
            UseCase::Reports => 16,
            UseCase::VerifyLedger => 17,
            UseCase::ManageStaff => 18,
            UseCase::EditSettings => 19,
            UseCase::ImportCalendar => 20,
            UseCase::EnrollDesk => 21,
            UseCase::RebuildProjections => 22,
            UseCase::BackupDesk => 23,
            UseCase::RestoreDesk => 24,
            UseCase::ApproveCorrection => 25,
        }
    }

    #[test]
    fn all_lists_every_variant_once() {
        for (i, use_case) in UseCase::ALL.into_iter().enumerate() {
            assert_eq!(position(use_case), i, "{use_case:?}");
        }
    }

    #[test]
    fn codes_are_unique_snake_case_and_titles_bilingual() {
        let mut codes: Vec<&str> = UseCase::ALL.iter().map(|u| u.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), UseCase::ALL.len());
        for use_case in UseCase::ALL {
            let code = use_case.code();
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
            let ru = use_case.title_ru();
            let en = use_case.title_en();
            assert!(
                ru.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')),
                "{ru}"
            );
            assert!(!en.is_empty() && en.is_ascii(), "{en}");
        }
    }
}
