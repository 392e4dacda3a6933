//! The IPC commands. Each one is a one-line adapter to a [`Session`] method (or to its
//! [`Service`](consent_service::Service)); the list below is the single source for Tauri's handler and
//! for the generated TypeScript bindings, so the two cannot disagree.

use consent_service::api::{
    ActView, CalendarImport, CalendarYearView, ClinicDeskView, DeskCode, DestroyedSubjectView,
    DestructionPlanView, JournalView, LegalGroundView, QueueCounts, QueueDashboard, SavedExport,
    SyncStatus,
};
use consent_service::api::{
    AppInfo, ConsentView, FirstStartInput, FirstStartResult, NewStaffInput, PatientCard,
    PatientForm, PatientSummary, PreparedForm, PrintOutcome, PrintTarget, PurposeView, QueueItem,
    Registration, RequestIntake, RequestView, ScannedForm, SessionStatus, StaffView, UiLang,
    WithdrawalIntake,
};
use consent_service::{ErrorPayload, Session};
use tauri::State;

use crate::bindings::{ArgSpec, CommandSpec};

/// Declares the commands: `fn name(service, arg: Type, ...) -> Ok => body;`. Expands to one
/// `#[tauri::command]` per entry (run off the main thread, errors localized to `{code, message}`),
/// [`handler`] for Tauri and [`specs`] for the bindings generator.
macro_rules! ipc_commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($service:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ok:ty => $body:expr;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command(async)]
            pub fn $name($service: State<'_, Session> $(, $arg: $ty)*) -> Result<$ok, ErrorPayload> {
                $body.map_err(|e| $service.localize(e))
            }
        )*

        /// Tauri's invoke handler for every command above.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every command above, described for the TypeScript generator.
        pub fn specs() -> Vec<CommandSpec> {
            vec![$(
                CommandSpec::new::<$ok>(
                    stringify!($name),
                    &[$($doc),*],
                    vec![$(ArgSpec::new::<$ty>(stringify!($arg))),*],
                )
            ),*]
        }
    };
}

ipc_commands! {
    /// What the app knows about itself: version, data directory, database state, language.
    fn app_info(session) -> AppInfo => session.service().app_info();
    /// Switches the language of the UI and of messages, and remembers it.
    fn set_language(session, lang: UiLang) -> AppInfo => session.service().set_language(lang);
    /// Tells the desk that the UI has painted its first screen (logged for start-up measurements).
    fn ui_ready(session) -> () => session.service().ui_ready();
    /// Where the app is (first start, signed out, signed in, locked) and who is signed in.
    fn session_status(session) -> SessionStatus => session.status();
    /// The first start: creates the database, the clinic's details and the first administrator, signs
    /// them in and returns the recovery sheet.
    fn first_start(session, input: FirstStartInput) -> FirstStartResult => session.first_start(&input);
    /// Restores access to the desk's database with the recovery sheet's code (typed or scanned) and
    /// puts the key back into the OS keyring.
    fn restore_access(session, code: String) -> SessionStatus => session.restore_access(&code);
    /// Renders the recovery sheet for printing (administrators); it goes only to the printer.
    fn prepare_recovery_sheet(session) -> PreparedForm => session.prepare_recovery_sheet();
    /// Signs a staff member in with their own account.
    fn sign_in(session, login: String, password: String) -> SessionStatus => session.sign_in(&login, &password);
    /// Ends the session.
    fn sign_out(session) -> SessionStatus => session.sign_out();
    /// Locks the screen: nothing is shown or done until the same staff member unlocks it.
    fn lock(session) -> SessionStatus => session.lock();
    /// Unlocks the screen with the locked-in staff member's password.
    fn unlock(session, password: String) -> SessionStatus => session.unlock(&password);
    /// Sets the idle time before the screen locks itself (administrators).
    fn set_idle_lock(session, minutes: u32) -> SessionStatus => session.set_idle_lock_minutes(minutes);
    /// Every staff account (administrators).
    fn staff_list(session) -> Vec<StaffView> => session.staff_list();
    /// Adds a staff account with its first password (administrators).
    fn add_staff(session, input: NewStaffInput) -> Vec<StaffView> => session.add_staff(&input);
    /// The policy's purposes with their plain-language descriptions, for the consent screen.
    fn purposes(session) -> Vec<PurposeView> => session.purposes();
    /// The search box: surname prefix, phone, birth date or document number.
    fn find_patients(session, query: String) -> Vec<PatientSummary> => session.find_patients(&query);
    /// Registers a patient, or lists similar patients first unless `confirmedNew`.
    fn register_patient(session, form: PatientForm, confirmed_new: bool) -> Registration => session.register_patient(&form, confirmed_new);
    /// Everything about one patient: consents, requests, printed forms, history.
    fn patient_card(session, id: String) -> PatientCard => session.patient_card(&id);
    /// Drafts a consent with the chosen purposes.
    fn draft_consent(session, patient_id: String, purposes: Vec<String>) -> ConsentView => session.draft_consent(&patient_id, &purposes);
    /// Renders the consent form(s) for preview; nothing is recorded yet.
    fn prepare_consent_form(session, consent_id: String) -> Vec<PreparedForm> => session.prepare_consent_form(&consent_id);
    /// Renders the pre-filled withdrawal form for preview; nothing is recorded yet.
    fn prepare_withdrawal_form(session, patient_id: String, purposes: Vec<String>) -> PreparedForm => session.prepare_withdrawal_form(&patient_id, &purposes);
    /// Sends a prepared form to the printer or viewer, then records it as printed.
    fn output_form(session, form_id: String, document: String, target: PrintTarget) -> PrintOutcome => session.output_form(&form_id, &document, target);
    /// Forgets the rendered forms (the preview was closed).
    fn discard_forms(session) -> () => session.discard_forms();
    /// What a scanned QR code or typed short code is.
    fn scan_form(session, code: String, open_patient: Option<String>) -> ScannedForm => session.scan_form(&code, open_patient.as_deref());
    /// Confirms the patient's signature on a printed consent form.
    fn confirm_signature(session, form_id: String, paper_location: String) -> ConsentView => session.confirm_signature(&form_id, &paper_location);
    /// Takes in a withdrawal; it enters the managers' queue with its deadline.
    fn receive_withdrawal(session, intake: WithdrawalIntake) -> RequestView => session.receive_withdrawal(&intake);
    /// Takes in another kind of request (access, correction, blocking, claim) with its deadline.
    fn receive_request(session, intake: RequestIntake) -> RequestView => session.receive_request(&intake);
    /// The managers' queue of open requests (managers and administrators).
    fn queue(session) -> Vec<QueueItem> => session.queue();
    /// Overdue, due within two working days, and in an unknown year: the navigation's counts.
    fn queue_counts(session) -> QueueCounts => session.queue_counts();
    /// The journal's PDF for preview and printing (managers and administrators).
    fn prepare_journal(session, from: String, to: String) -> PreparedForm => session.prepare_journal(&from, &to);
    /// Saves the journal of a period as CSV in the user's documents folder; says where.
    fn save_journal_csv(session, from: String, to: String) -> SavedExport => session.save_journal_csv(&from, &to);
    /// One request with its purposes, deadlines and assignee.
    fn request(session, id: String) -> RequestView => session.request(&id);
    /// The legal grounds a withdrawn purpose may go on under.
    fn legal_grounds(session) -> Vec<LegalGroundView> => session.legal_grounds();
    /// The queue screen's counts (managers and administrators).
    fn queue_dashboard(session) -> QueueDashboard => session.queue_dashboard();
    /// The journal of subject requests received in a period (managers and administrators).
    fn journal(session, from: String, to: String) -> JournalView => session.journal(&from, &to);
    /// A manager takes a request into work, or takes it over from another manager.
    fn start_request(session, id: String) -> RequestView => session.start_request(&id);
    /// A manager extends a request's deadline once, with the reason.
    fn extend_request(session, id: String, reason: String) -> RequestView => session.extend_request(&id, &reason);
    /// Decides one purpose of a withdrawal: stopped (no ground) or going on under a ground, with a note.
    fn decide_purpose(session, id: String, purpose: String, ground: Option<String>, note: String) -> RequestView => session.decide_purpose(&id, &purpose, ground.as_deref(), &note);
    /// Blocks the subject's data under the request (a verification runs).
    fn block_request(session, id: String) -> RequestView => session.block_request(&id);
    /// Unblocks the data blocked under the request.
    fn unblock_request(session, id: String) -> RequestView => session.unblock_request(&id);
    /// Records that the patient was told the outcome (a day, a channel).
    fn notify_subject(session, id: String, on: Option<String>, channel: String) -> RequestView => session.notify_subject(&id, on.as_deref(), &channel);
    /// Records how and when the extension's notice reached the patient (a day, a channel).
    fn record_extension_notice(session, id: String, on: Option<String>, channel: String) -> RequestView => session.record_extension_notice(&id, on.as_deref(), &channel);
    /// Renders a notice about a request for preview and printing: `extension`, `outcome` or `access`.
    fn prepare_notice(session, id: String, kind: String) -> PreparedForm => session.prepare_notice(&id, &kind);
    /// Closes a request whose patient was notified.
    fn close_request(session, id: String) -> RequestView => session.close_request(&id);
    /// The patient's current data as the form shows them, for a correction request's manager.
    fn correction_form(session, id: String) -> PatientForm => session.correction_form(&id);
    /// Applies a correction request's values: the patient form as the manager corrected it.
    fn correct_data(session, id: String, form: PatientForm) -> RequestView => session.correct_data(&id, &form);
    /// What destroying a withdrawal's subject would destroy, and whether it may be done now.
    fn destruction_plan(session, id: String) -> DestructionPlanView => session.destruction_plan(&id);
    /// Destroys a withdrawal's subject as a whole, confirmed by their surname as typed.
    fn destroy_subject(session, id: String, surname: String) -> ActView => session.destroy_subject(&id, &surname);
    /// The register of acts of destruction (managers and administrators).
    fn acts(session) -> Vec<ActView> => session.acts();
    /// Renders the act of destruction of a withdrawal, with its extract, for preview and printing.
    fn prepare_act(session, id: String) -> PreparedForm => session.prepare_act(&id);
    /// A destroyed subject as an inspection sees them: consents, steps, who and when.
    fn destroyed_subject(session, id: String) -> DestroyedSubjectView => session.destroyed_subject(&id);
    /// The production calendar's years and where each came from (administrators).
    fn calendar_years(session) -> Vec<CalendarYearView> => session.calendar_years();
    /// Imports a year of the production calendar from an xmlcalendar file's text (administrators).
    fn import_calendar(session, xml: String) -> CalendarImport => session.import_calendar(&xml);
    /// Where sync with the clinic server stands: the status bar and Settings.
    fn sync_status(session) -> SyncStatus => session.sync_status();
    /// «Синхронизировать сейчас»: the background sync tries at once.
    fn sync_now(session) -> SyncStatus => session.sync_now();
    /// Joins the clinic server with an enrollment code, typed or scanned (administrators).
    fn join_server(session, code: String) -> SyncStatus => session.join_server(&code);
    /// A one-time code, valid 24 hours, for a further desk to join (administrators).
    fn add_desk_code(session) -> DeskCode => session.add_desk_code();
    /// The clinic's desks as the server lists them (administrators).
    fn clinic_desks(session) -> Vec<ClinicDeskView> => session.clinic_desks();
    /// Revokes another desk of the clinic (administrators); returns the list as it is now.
    fn revoke_desk(session, id: String) -> Vec<ClinicDeskView> => session.revoke_desk(&id);
    /// Renders the enrollment sheet of a desk code made here (administrators); printer only.
    fn prepare_desk_sheet(session, code: String) -> PreparedForm => session.prepare_desk_sheet(&code);
}
