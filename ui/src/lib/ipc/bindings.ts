// Generated from the Rust types by `cargo xtask bindings` (src-tauri/src/bindings.rs).
// Do not edit by hand: the `bindings_are_current` test fails when this file drifts.

import { invoke } from "@tauri-apps/api/core";

/**
 * An act of destruction in the desk's register (order No. 179).
 */
export type ActView = { id: string, 
/**
 * The act's number on this desk.
 */
number: number, requestId: string, 
/**
 * The destroyed subject's pseudonymous reference (as the journal prints it).
 */
patientRef: string, 
/**
 * The subject's full name, the one personal datum the act keeps; `None` once its keeping
 * period ended.
 */
subjectName: string | null, 
/**
 * `YYYY-MM-DD`.
 */
drawnUpOn: string, 
/**
 * The last day the act is kept (three years), `YYYY-MM-DD`.
 */
keepUntil: string, 
/**
 * The keeping period ended: the name is gone and the paper copy is due for destruction.
 */
keepingEnded: boolean, destroyedBy: string, 
/**
 * The categories destroyed, in the desk's language.
 */
categories: Array<string>, };

/**
 * What the app knows about itself: shown on the Settings screen and in the status bar.
 */
export type AppInfo = { 
/**
 * The product name, «Consent Desk».
 */
product: string, 
/**
 * The version of this build (the workspace version).
 */
version: string, 
/**
 * `debug` or `release`.
 */
buildProfile: string, 
/**
 * The directory that holds this desk's database and settings.
 */
dataDir: string, 
/**
 * The state of the local database.
 */
database: DatabaseStatus, 
/**
 * The language of the UI and of messages.
 */
lang: UiLang, 
/**
 * Problems found at start-up (an unreadable settings file, say), already in the user's language.
 */
problems: Array<ErrorPayload>, };

/**
 * Data from other desks, taken in: what to refresh.
 */
export type Arrival = { 
/**
 * Patients whose data changed.
 */
patients: Array<string>, 
/**
 * Whether staff accounts, the clinic's details or other desk-level data changed.
 */
deskChanged: boolean, };

/**
 * Why a subject's data are blocked.
 */
export type BlockView = { requestId: string, 
/**
 * The kind of the request they are blocked under (`blocking`, `withdrawal`).
 */
requestKind: string, 
/**
 * ISO date the request was received.
 */
receivedOn: string | null, 
/**
 * ISO date blocked (clinic time).
 */
since: string, by: string, };

/**
 * What importing a year did: the year, and the years known now.
 */
export type CalendarImport = { year: number, years: Array<CalendarYearView>, };

/**
 * One year of the production calendar as Settings lists it.
 */
export type CalendarYearView = { year: number, 
/**
 * `decree` (built in), `provisional` (built in, unconfirmed) or `imported`.
 */
source: string, 
/**
 * Where it came from, in the desk's language.
 */
sourceText: string, workingDays: number, };

/**
 * The defaults the first-start form starts from: the postal address and e-mail of policy 2.1.
 */
export type ClinicDefaults = { legalAddress: string, withdrawalEmail: string, };

/**
 * A desk of the clinic as the server lists it (Settings → Desks).
 */
export type ClinicDeskView = { id: string, name: string, 
/**
 * When it joined (clinic time).
 */
enrolledAt: string, 
/**
 * When it last asked the server for news (clinic time, to the minute).
 */
lastSeen: string | null, 
/**
 * Records it has sent.
 */
records: number, 
/**
 * When it was revoked, if it was.
 */
revokedAt: string | null, 
/**
 * This desk.
 */
thisDesk: boolean, };

/**
 * A destroyed subject's consent: what it covered, when it was signed, what was withdrawn.
 */
export type ConsentTraceView = { consentId: string, 
/**
 * Purpose titles in the desk's language.
 */
granted: Array<string>, 
/**
 * `YYYY-MM-DDTHH:MM`, when the paper was confirmed signed.
 */
signedAt: string | null, withdrawn: Array<string>, };

/**
 * A consent as staff see it.
 */
export type ConsentView = { id: string, patientId: string, policyVersion: string, 
/**
 * `draft`, `awaiting_signature`, `active`, `partly_withdrawn`, `withdrawn`, `superseded`, `expired`.
 */
status: string, draftedOn: string, 
/**
 * ISO date the consent ends, or `null` until withdrawn.
 */
validUntil: string | null, purposes: Array<PurposeLine>, 
/**
 * Printed forms (their ids are in the QR codes), oldest first.
 */
forms: Array<string>, signedBy: string | null, paperLocation: string | null, };

/**
 * The state of the desk's encrypted database file.
 */
export type DatabaseStatus = { "state": "notCreated", path: string, } | { "state": "present", path: string, sizeBytes: number, };

/**
 * One deadline of a request.
 */
export type DeadlineView = { 
/**
 * `stop_processing`, `destroy`, `answer`, `correct`, `block`, `answer_claim`.
 */
obligation: string, 
/**
 * ISO date.
 */
due: string, 
/**
 * Working days from today to the due date: 0 = due today, negative = overdue by that many.
 */
workingDaysLeft: number, overdue: boolean, };

/**
 * A code for a further desk to join, as the administrator shows or prints it. `Debug` hides the
 * code: it opens the clinic key.
 */
export type DeskCode = { code: string, 
/**
 * Until when it works (clinic time, `05.12.2026 14:02`).
 */
validUntil: string, };

/**
 * A subject whose data were destroyed, as an inspection sees them: what existed and what was
 * done, by whom and when, with no destroyed value.
 */
export type DestroyedSubjectView = { patientId: string, 
/**
 * The pseudonymous reference the journal prints.
 */
patientRef: string, 
/**
 * `YYYY-MM-DD`.
 */
destroyedOn: string, destroyedBy: string, 
/**
 * The withdrawal under which the data were destroyed.
 */
requestId: string, 
/**
 * The act's number when this desk drew it up.
 */
actNumber: number | null, consents: Array<ConsentTraceView>, 
/**
 * Every step recorded about the subject, newest first, from the ledger's clear envelopes.
 */
trail: Array<HistoryEntry>, };

/**
 * What destroying a withdrawal's subject would destroy, shown before a manager confirms.
 */
export type DestructionPlanView = { requestId: string, patientId: string, 
/**
 * The patient's full name: the confirmation asks for the surname.
 */
patientName: string, 
/**
 * Whether the subject may be destroyed as a whole now.
 */
allowed: boolean, 
/**
 * Why not, in the desk's language.
 */
refusal: string | null, 
/**
 * The categories of data that would go, in the desk's language.
 */
categories: Array<string>, };

/**
 * An identity document as typed.
 */
export type DocumentForm = { 
/**
 * `ru_passport`, `ru_birth_certificate`, `foreign_passport`, `residence_permit`, `other`.
 */
kind: string, series: string, number: string, issueDate: string, issuer: string, subdivisionCode: string, };

/**
 * A stable, machine-readable error category. The UI and scripts match on these (and on `detail`),
 * never on message text.
 */
export type ErrorCode = "data_dir_unavailable" | "settings_corrupt" | "settings_write_failed" | "unknown_language" | "invalid_input" | "forbidden" | "not_found" | "rule_violation" | "unknown_year" | "not_initialized" | "already_initialized" | "key" | "database" | "sign_in_failed" | "printing" | "sync";

/**
 * An error crossing IPC or printed by the CLI: `{code, message}`, the message already in the user's
 * language, plus the fine-grained `detail` code and the refused fields of a form.
 */
export type ErrorPayload = { code: ErrorCode, message: string, 
/**
 * A finer stable code (`consent_already_signed`, `db_wrong_key`, ...), when there is one.
 */
detail: string | null, 
/**
 * Field errors of a refused form; empty otherwise.
 */
fields: Array<FieldMessage>, };

/**
 * One field of a form that was refused, with the reason in the user's language.
 */
export type FieldMessage = { 
/**
 * Dotted path of the field, e.g. `representative.document.number`.
 */
field: string, 
/**
 * Stable problem code, e.g. `bad_format`.
 */
problem: string, 
/**
 * «Серия паспорта: неверный формат (ожидается 4 цифры)».
 */
message: string, };

/**
 * What the first start asks for: the clinic's details every form prints, the desk's name and the
 * first administrator.
 */
export type FirstStartInput = { clinicName: string, inn: string, ogrn: string, 
/**
 * Empty means the policy's address.
 */
legalAddress: string, 
/**
 * Empty means the policy's e-mail.
 */
withdrawalEmail: string, deskName: string, adminLogin: string, adminName: string, password: string, };

/**
 * What the first start returns: the new session (the administrator is signed in) and the sheet.
 */
export type FirstStartResult = { status: SessionStatus, recovery: RecoverySheet, };

/**
 * One line of a patient's history.
 */
export type HistoryEntry = { 
/**
 * `YYYY-MM-DDTHH:MM` in the clinic's time zone.
 */
at: string, 
/**
 * The staff member who did it.
 */
actor: string, 
/**
 * The kind of event: `patient_registered`, `consent_drafted`, `consent_form_printed`,
 * `consent_signed`, `request_received`, `request_extended`, …
 */
action: string, 
/**
 * What it was about, in short: a form's short code, a request's kind, purposes' items.
 */
detail: string | null, };

/**
 * One request in the journal.
 */
export type JournalRowView = { requestId: string, 
/**
 * The request's and the patient record's pseudonymous references (as the exports print them).
 */
requestRef: string, patientRef: string, receivedOn: string, kind: string, channel: string, 
/**
 * The main obligation (`stop_processing`, `answer`, `correct`, `block`, `answer_claim`).
 */
obligation: string, 
/**
 * Its due date, the extension applied; `null` when the calendar does not know the year.
 */
deadline: string | null, doneOn: string | null, 
/**
 * The staff member who met it.
 */
doneBy: string | null, 
/**
 * `on_time`, `late`, `pending`, `overdue`, `unknown` or `not_recorded`.
 */
timeliness: string, 
/**
 * Working days late or overdue, when known.
 */
workingDays: number | null, 
/**
 * The year the calendar lacks, for `unknown`.
 */
unknownYear: number | null, 
/**
 * Working days added by the extension, and its reason.
 */
extensionDays: number | null, extensionReason: string | null, };

/**
 * The journal of subject requests for a period (issue 12). Patients appear only by pseudonymous
 * references, never by name, phone or document.
 */
export type JournalView = { 
/**
 * The period, `YYYY-MM-DD`, both days included (by received date).
 */
from: string, to: string, 
/**
 * The day the on-time / overdue words are as of.
 */
today: string, rows: Array<JournalRowView>, };

/**
 * A legal ground a withdrawn purpose may go on under, as a manager chooses it.
 */
export type LegalGroundView = { code: string, title: string, 
/**
 * The provisions cited, in the desk's language.
 */
citation: string, };

/**
 * A staff account to add, with its first password.
 */
export type NewStaffInput = { login: string, fullName: string, 
/**
 * `reception`, `manager` or `admin`.
 */
role: string, password: string, };

/**
 * Everything about one patient: the card.
 */
export type PatientCard = { patient: PatientSummary, address: string, email: string | null, minor: boolean, representative: string | null, consents: Array<ConsentView>, requests: Array<RequestView>, 
/**
 * Purposes in force now, across the patient's consents.
 */
purposesInForce: Array<string>, 
/**
 * Every paper printed about the patient, newest first, with its state.
 */
printedForms: Array<PrintedFormView>, 
/**
 * Who did what and when, newest first.
 */
history: Array<HistoryEntry>, 
/**
 * Set while the data are blocked: why, since when, by whom. Reception then gets the name and
 * this, nothing else.
 */
blocked: BlockView | null, };

/**
 * The patient form as the registration screen sends it. Dates as typed (`DD.MM.YYYY`).
 */
export type PatientForm = { surname: string, givenName: string, patronymic: string, birthDate: string, 
/**
 * `male` or `female`.
 */
sex: string, phone: string, email: string, address: string, document: DocumentForm, 
/**
 * Absent (or left blank) for an adult patient without a representative.
 */
representative: RepresentativeForm | null, };

/**
 * A patient in a list of search results.
 */
export type PatientSummary = { id: string, 
/**
 * «Фамилия Имя Отчество».
 */
name: string, 
/**
 * ISO date.
 */
birthDate: string, phone: string | null, 
/**
 * The kind of identity document: `ru_passport`, `ru_birth_certificate`, `foreign_passport`,
 * `residence_permit`, `other`.
 */
documentKind: string, 
/**
 * Series and number: «2410 №654321».
 */
document: string, 
/**
 * The data are blocked (a verification runs): reception sees the name only.
 */
blocked: boolean, };

/**
 * A rendered form held in the app's memory until it is printed or discarded. Never written to disk
 * by the app.
 */
export type PreparedForm = { 
/**
 * The form instance's id (its QR code); also the handle to print it.
 */
formId: string, shortCode: string, 
/**
 * `consent`, `dissemination`, `withdrawal`, `recovery_sheet`.
 */
document: string, 
/**
 * The PDF's title (no personal data).
 */
title: string, pages: number, 
/**
 * The PDF itself, base64.
 */
pdfBase64: string, };

/**
 * What printing did.
 */
export type PrintOutcome = { formId: string, shortCode: string, 
/**
 * The print job as the printing system named it (`Kyocera-12`), when sent to a printer.
 */
job: string | null, 
/**
 * The consent the form belongs to, now awaiting signature.
 */
consent: ConsentView | null, };

/**
 * Where a prepared form goes.
 */
export type PrintTarget = "printer" | "viewer";

/**
 * A paper printed about a patient.
 */
export type PrintedFormView = { formId: string, 
/**
 * The code printed beside the QR code (`XXXX-XXXX`).
 */
shortCode: string, 
/**
 * `consent`, `withdrawal`, `extension_notice`, `outcome_notice`, `access_answer`,
 * `destruction_act`.
 */
document: string, 
/**
 * The consent a consent form belongs to.
 */
consentId: string | null, 
/**
 * Date and time printed, `YYYY-MM-DDTHH:MM` in the clinic's time zone.
 */
printedAt: string, printedBy: string, 
/**
 * `awaiting_signature`, `signed`, `not_signed` (another copy of the same consent was signed or
 * the consent ended), `issued` (papers that are not signed back: notices, acts, withdrawals).
 */
state: string, };

/**
 * A purpose decision as shown on a consent.
 */
export type PurposeLine = { code: string, title: string, 
/**
 * `granted` or `refused`.
 */
decision: string, 
/**
 * Set when the purpose was withdrawn: the request that took it back.
 */
withdrawnBy: string | null, };

/**
 * One purpose of a withdrawal and what was decided for it.
 */
export type PurposeOutcomeView = { purpose: string, 
/**
 * The purpose's title in the desk's language.
 */
title: string, 
/**
 * `pending`, `stopped` or `continues`.
 */
decision: string, 
/**
 * The legal ground it continues on, as recorded (and printed in the notice).
 */
legalGround: string | null, };

/**
 * A purpose of the policy as the consent screen offers it.
 */
export type PurposeView = { code: string, 
/**
 * The policy item: `2.2.1`.
 */
item: string, title: string, 
/**
 * What it means for the patient, in plain words.
 */
description: string, 
/**
 * `required`: needed to treat or serve the patient; `optional`: refusing changes nothing.
 */
necessity: string, 
/**
 * `consent`, `contract`, `legal_obligation`, `legitimate_interests`, `medical_purposes`.
 */
legalGround: string, 
/**
 * Whether the screen may offer it already ticked (never for a consent-based purpose such as
 * advertising).
 */
preselect: boolean, 
/**
 * Choosing it also prints the separate consent to data allowed for dissemination (Art. 10.1).
 */
needsDisseminationConsent: boolean, };

/**
 * The counts a manager sees in the navigation on every screen.
 */
export type QueueCounts = { open: number, 
/**
 * Past their next deadline.
 */
overdue: number, 
/**
 * Due today or within the next two working days.
 */
dueSoon: number, 
/**
 * Their deadline falls in a year the calendar does not know.
 */
unknownYear: number, };

/**
 * The queue screen's counts as of today.
 */
export type QueueDashboard = { today: string, open: number, 
/**
 * Open requests whose next deadline is from today to this Sunday.
 */
dueThisWeek: number, overdue: number, 
/**
 * Requests whose main obligation was met this calendar month, on time and late.
 */
doneThisMonthOnTime: number, doneThisMonthLate: number, };

/**
 * One line of the managers' queue.
 */
export type QueueItem = { requestId: string, patientId: string, patientName: string, kind: string, status: string, receivedOn: string, 
/**
 * `in_person`, `email` or `post`.
 */
channel: string, extended: boolean, 
/**
 * The next obligation and its deadline; `null` when nothing is due or the calendar does not
 * know the year (then `unknown_year` says which).
 */
next: DeadlineView | null, 
/**
 * The year of a deadline the production calendar does not know.
 */
unknownYear: number | null, 
/**
 * The manager whose work it is, once taken: their name (their id when unknown here).
 */
assignee: string | null, 
/**
 * Whether the assignee is the staff member asking.
 */
assignedToMe: boolean, };

/**
 * The recovery sheet: the code that opens this desk's database without the OS keyring. Shown once,
 * at the first start, to be printed or written down and kept locked away.
 */
export type RecoverySheet = { 
/**
 * The database key: 64 hex characters in groups of four (`a1b2-c3d4-…`).
 */
code: string, 
/**
 * Which database the code opens (the keyring entry's name).
 */
databaseId: string, deskId: string, deskName: string, clinicName: string, 
/**
 * ISO date of the first start.
 */
createdOn: string, 
/**
 * Where the key normally lives: `keyring` (the OS keyring), `environment`
 * (`CONSENT_DESK_DB_KEY`) or `key_file`.
 */
keyLocation: string, };

/**
 * What registering a patient found: the card of the new patient, or the similar patients already
 * registered (nothing is recorded until staff confirm that the patient is a different person).
 */
export type Registration = { "outcome": "registered", card: PatientCard, } | { "outcome": "possibleDuplicates", similar: Array<PatientSummary>, };

/**
 * A legal representative (of a minor, or by power of attorney) as typed.
 */
export type RepresentativeForm = { surname: string, givenName: string, patronymic: string, birthDate: string, phone: string, address: string, document: DocumentForm, 
/**
 * `child_birth_certificate`, `guardianship_decision`, `power_of_attorney`, `other`.
 */
authorityKind: string, authorityNumber: string, authorityDate: string, authorityIssuer: string, };

/**
 * Another subject request as received at the desk: an access request, a correction, a complaint
 * that needs blocking, a claim.
 */
export type RequestIntake = { patientId: string, 
/**
 * `access`, `correction`, `blocking` or `claim`.
 */
kind: string, 
/**
 * `DD.MM.YYYY`; empty means today.
 */
receivedOn: string, 
/**
 * `in_person`, `email`, `post`.
 */
channel: string, 
/**
 * What the patient says (a correction: what is wrong and what is right; required for it).
 */
details: string, };

/**
 * A subject request as staff see it.
 */
export type RequestView = { id: string, patientId: string, 
/**
 * `withdrawal`, `access`, `correction`, `blocking`, `claim`.
 */
kind: string, status: string, receivedOn: string, channel: string, purposes: Array<string>, extended: boolean, deadlines: Array<DeadlineView>, 
/**
 * Each purpose the withdrawal covers, with its decision so far (empty for other kinds).
 */
outcomes: Array<PurposeOutcomeView>, 
/**
 * The extension's reason, once extended.
 */
extensionReason: string | null, 
/**
 * The manager whose work it is, once taken: their name (their id when unknown here).
 */
assignee: string | null, 
/**
 * Whether the assignee is the staff member asking.
 */
assignedToMe: boolean, 
/**
 * A deadline falls in a year the production calendar does not know (flagged, never guessed).
 */
unknownYear: number | null, 
/**
 * The subject's data are blocked under this request now.
 */
blocksData: boolean, 
/**
 * The domain takes the notice to the subject now (the step the panel offers).
 */
readyToNotify: boolean, 
/**
 * The subject's data were destroyed: only finishing the request and the act remain.
 */
subjectDestroyed: boolean, 
/**
 * What the subject says, in their words (a correction: what is wrong and what is right).
 */
details: string | null, 
/**
 * A correction's values were applied.
 */
corrected: boolean, 
/**
 * The day the extension's notice reached the patient (`YYYY-MM-DD`), once recorded.
 */
extensionNoticeOn: string | null, 
/**
 * How it was sent: `post`, `email`, `in_person`.
 */
extensionNoticeChannel: string | null, };

/**
 * A report saved as a file in the user's documents folder.
 */
export type SavedExport = { 
/**
 * Where it was saved, as the file manager shows it.
 */
path: string, };

/**
 * What a scanned or typed form code found.
 */
export type ScannedForm = { formId: string, shortCode: string, 
/**
 * `consent`, `withdrawal`, `extension_notice`, …
 */
document: string, patient: PatientSummary, 
/**
 * For a consent form: its consent.
 */
consent: ConsentView | null, 
/**
 * `awaiting_signature`: one key press confirms it; `already_signed`; `not_signed` (another copy
 * was signed, or the consent is no longer waiting); `not_for_signature` (notices, acts).
 */
state: string, 
/**
 * The form belongs to another patient than the card open on screen.
 */
otherPatient: boolean, };

/**
 * The server this desk belongs to.
 */
export type ServerView = { host: string, port: number, 
/**
 * The pinned certificate's fingerprint, as an administrator compares it.
 */
fingerprint: string, };

/**
 * Where the desk is, as the UI needs to know it to pick a screen.
 */
export type SessionPhase = "needs_setup" | "signed_out" | "signed_in" | "locked" | "unavailable";

/**
 * The signed-in staff member as the status bar and the lock screen show them. No secrets.
 */
export type SessionStaff = { login: string, fullName: string, 
/**
 * `reception`, `manager` or `admin`.
 */
role: string, };

/**
 * The desk's session: which screen the app shows, who is signed in, when the screen locks itself.
 */
export type SessionStatus = { phase: SessionPhase, 
/**
 * The desk's name given at the first start («Регистратура, окно 1»).
 */
deskName: string | null, 
/**
 * The clinic's name, while a staff member is signed in (or locked).
 */
clinicName: string | null, 
/**
 * The signed-in staff member (also while locked).
 */
staff: SessionStaff | null, 
/**
 * The configured idle time before the screen locks itself, in minutes (default 5).
 */
idleLockMinutes: number, 
/**
 * The idle time actually in force, in seconds: the minutes above, or the
 * `CONSENT_DESK_IDLE_LOCK_SECONDS` override of a test run.
 */
idleLockSeconds: number, 
/**
 * The defaults of the first-start form (only while the phase is `needs_setup`).
 */
clinicDefaults: ClinicDefaults | null, 
/**
 * Why the database cannot be opened (only while the phase is `unavailable`).
 */
problem: ErrorPayload | null, 
/**
 * What the open found wrong with a ledger it could still open (its newest events missing, say),
 * with what to do: shown on every screen until an administrator repairs the desk.
 */
ledgerWarning: string | null, 
/**
 * The last session ended because its account gave way to the clinic's account with the same
 * login, which arrived from another desk: the sign-in screen says to use that account.
 */
accountGaveWay: boolean, };

/**
 * A staff account (no secrets).
 */
export type StaffView = { id: string, login: string, fullName: string, role: string, active: boolean, };

/**
 * Where sync stands, in the order the status bar checks it.
 */
export type SyncState = "notJoined" | "failed" | "offline" | "pending" | "synced" | "starting";

/**
 * The sync status for the status bar and Settings, in the desk's current language.
 */
export type SyncStatus = { state: SyncState, 
/**
 * Records of this desk the server has not acknowledged.
 */
pending: number, 
/**
 * When the desk was last in step with the server (clinic time: `14:02` today, else
 * `05.12.2026 14:02`).
 */
syncedAt: string | null, 
/**
 * Since when the server cannot be reached (same format).
 */
offlineSince: string | null, 
/**
 * Why the last attempt failed.
 */
problem: ErrorPayload | null, 
/**
 * The server this desk has joined.
 */
server: ServerView | null, };

/**
 * A language as the UI names it.
 */
export type UiLang = "ru" | "en";

/**
 * A withdrawal as received at the desk, by post or by e-mail.
 */
export type WithdrawalIntake = { patientId: string, 
/**
 * `DD.MM.YYYY`; empty means today.
 */
receivedOn: string, 
/**
 * `in_person`, `email`, `post`.
 */
channel: string, 
/**
 * The purposes withdrawn; empty means every purpose in force.
 */
purposes: Array<string>, };

/** Every IPC command of the desk. A rejected promise carries an `ErrorPayload`. */
export const commands = {
  /**
   * What the app knows about itself: version, data directory, database state, language.
   */
  appInfo: (): Promise<AppInfo> => invoke<AppInfo>("app_info"),
  /**
   * Switches the language of the UI and of messages, and remembers it.
   */
  setLanguage: (lang: UiLang): Promise<AppInfo> => invoke<AppInfo>("set_language", { lang }),
  /**
   * Tells the desk that the UI has painted its first screen (logged for start-up measurements).
   */
  uiReady: (): Promise<null> => invoke<null>("ui_ready"),
  /**
   * Where the app is (first start, signed out, signed in, locked) and who is signed in.
   */
  sessionStatus: (): Promise<SessionStatus> => invoke<SessionStatus>("session_status"),
  /**
   * The first start: creates the database, the clinic's details and the first administrator, signs
   * them in and returns the recovery sheet.
   */
  firstStart: (input: FirstStartInput): Promise<FirstStartResult> => invoke<FirstStartResult>("first_start", { input }),
  /**
   * Restores access to the desk's database with the recovery sheet's code (typed or scanned) and
   * puts the key back into the OS keyring.
   */
  restoreAccess: (code: string): Promise<SessionStatus> => invoke<SessionStatus>("restore_access", { code }),
  /**
   * Renders the recovery sheet for printing (administrators); it goes only to the printer.
   */
  prepareRecoverySheet: (): Promise<PreparedForm> => invoke<PreparedForm>("prepare_recovery_sheet"),
  /**
   * Signs a staff member in with their own account.
   */
  signIn: (login: string, password: string): Promise<SessionStatus> => invoke<SessionStatus>("sign_in", { login, password }),
  /**
   * Ends the session.
   */
  signOut: (): Promise<SessionStatus> => invoke<SessionStatus>("sign_out"),
  /**
   * Locks the screen: nothing is shown or done until the same staff member unlocks it.
   */
  lock: (): Promise<SessionStatus> => invoke<SessionStatus>("lock"),
  /**
   * Unlocks the screen with the locked-in staff member's password.
   */
  unlock: (password: string): Promise<SessionStatus> => invoke<SessionStatus>("unlock", { password }),
  /**
   * Sets the idle time before the screen locks itself (administrators).
   */
  setIdleLock: (minutes: number): Promise<SessionStatus> => invoke<SessionStatus>("set_idle_lock", { minutes }),
  /**
   * Every staff account (administrators).
   */
  staffList: (): Promise<Array<StaffView>> => invoke<Array<StaffView>>("staff_list"),
  /**
   * Adds a staff account with its first password (administrators).
   */
  addStaff: (input: NewStaffInput): Promise<Array<StaffView>> => invoke<Array<StaffView>>("add_staff", { input }),
  /**
   * The policy's purposes with their plain-language descriptions, for the consent screen.
   */
  purposes: (): Promise<Array<PurposeView>> => invoke<Array<PurposeView>>("purposes"),
  /**
   * The search box: surname prefix, phone, birth date or document number.
   */
  findPatients: (query: string): Promise<Array<PatientSummary>> => invoke<Array<PatientSummary>>("find_patients", { query }),
  /**
   * Registers a patient, or lists similar patients first unless `confirmedNew`.
   */
  registerPatient: (form: PatientForm, confirmedNew: boolean): Promise<Registration> => invoke<Registration>("register_patient", { form, confirmedNew }),
  /**
   * Everything about one patient: consents, requests, printed forms, history.
   */
  patientCard: (id: string): Promise<PatientCard> => invoke<PatientCard>("patient_card", { id }),
  /**
   * Drafts a consent with the chosen purposes.
   */
  draftConsent: (patientId: string, purposes: Array<string>): Promise<ConsentView> => invoke<ConsentView>("draft_consent", { patientId, purposes }),
  /**
   * Renders the consent form(s) for preview; nothing is recorded yet.
   */
  prepareConsentForm: (consentId: string): Promise<Array<PreparedForm>> => invoke<Array<PreparedForm>>("prepare_consent_form", { consentId }),
  /**
   * Renders the pre-filled withdrawal form for preview; nothing is recorded yet.
   */
  prepareWithdrawalForm: (patientId: string, purposes: Array<string>): Promise<PreparedForm> => invoke<PreparedForm>("prepare_withdrawal_form", { patientId, purposes }),
  /**
   * Sends a prepared form to the printer or viewer, then records it as printed.
   */
  outputForm: (formId: string, document: string, target: PrintTarget): Promise<PrintOutcome> => invoke<PrintOutcome>("output_form", { formId, document, target }),
  /**
   * Forgets the rendered forms (the preview was closed).
   */
  discardForms: (): Promise<null> => invoke<null>("discard_forms"),
  /**
   * What a scanned QR code or typed short code is.
   */
  scanForm: (code: string, openPatient: string | null): Promise<ScannedForm> => invoke<ScannedForm>("scan_form", { code, openPatient }),
  /**
   * Confirms the patient's signature on a printed consent form.
   */
  confirmSignature: (formId: string, paperLocation: string): Promise<ConsentView> => invoke<ConsentView>("confirm_signature", { formId, paperLocation }),
  /**
   * Takes in a withdrawal; it enters the managers' queue with its deadline.
   */
  receiveWithdrawal: (intake: WithdrawalIntake): Promise<RequestView> => invoke<RequestView>("receive_withdrawal", { intake }),
  /**
   * Takes in another kind of request (access, correction, blocking, claim) with its deadline.
   */
  receiveRequest: (intake: RequestIntake): Promise<RequestView> => invoke<RequestView>("receive_request", { intake }),
  /**
   * The managers' queue of open requests (managers and administrators).
   */
  queue: (): Promise<Array<QueueItem>> => invoke<Array<QueueItem>>("queue"),
  /**
   * Overdue, due within two working days, and in an unknown year: the navigation's counts.
   */
  queueCounts: (): Promise<QueueCounts> => invoke<QueueCounts>("queue_counts"),
  /**
   * The journal's PDF for preview and printing (managers and administrators).
   */
  prepareJournal: (from: string, to: string): Promise<PreparedForm> => invoke<PreparedForm>("prepare_journal", { from, to }),
  /**
   * Saves the journal of a period as CSV in the user's documents folder; says where.
   */
  saveJournalCsv: (from: string, to: string): Promise<SavedExport> => invoke<SavedExport>("save_journal_csv", { from, to }),
  /**
   * One request with its purposes, deadlines and assignee.
   */
  request: (id: string): Promise<RequestView> => invoke<RequestView>("request", { id }),
  /**
   * The legal grounds a withdrawn purpose may go on under.
   */
  legalGrounds: (): Promise<Array<LegalGroundView>> => invoke<Array<LegalGroundView>>("legal_grounds"),
  /**
   * The queue screen's counts (managers and administrators).
   */
  queueDashboard: (): Promise<QueueDashboard> => invoke<QueueDashboard>("queue_dashboard"),
  /**
   * The journal of subject requests received in a period (managers and administrators).
   */
  journal: (from: string, to: string): Promise<JournalView> => invoke<JournalView>("journal", { from, to }),
  /**
   * A manager takes a request into work, or takes it over from another manager.
   */
  startRequest: (id: string): Promise<RequestView> => invoke<RequestView>("start_request", { id }),
  /**
   * A manager extends a request's deadline once, with the reason.
   */
  extendRequest: (id: string, reason: string): Promise<RequestView> => invoke<RequestView>("extend_request", { id, reason }),
  /**
   * Decides one purpose of a withdrawal: stopped (no ground) or going on under a ground, with a note.
   */
  decidePurpose: (id: string, purpose: string, ground: string | null, note: string): Promise<RequestView> => invoke<RequestView>("decide_purpose", { id, purpose, ground, note }),
  /**
   * Blocks the subject's data under the request (a verification runs).
   */
  blockRequest: (id: string): Promise<RequestView> => invoke<RequestView>("block_request", { id }),
  /**
   * Unblocks the data blocked under the request.
   */
  unblockRequest: (id: string): Promise<RequestView> => invoke<RequestView>("unblock_request", { id }),
  /**
   * Records that the patient was told the outcome (a day, a channel).
   */
  notifySubject: (id: string, on: string | null, channel: string): Promise<RequestView> => invoke<RequestView>("notify_subject", { id, on, channel }),
  /**
   * Records how and when the extension's notice reached the patient (a day, a channel).
   */
  recordExtensionNotice: (id: string, on: string | null, channel: string): Promise<RequestView> => invoke<RequestView>("record_extension_notice", { id, on, channel }),
  /**
   * Renders a notice about a request for preview and printing: `extension`, `outcome` or `access`.
   */
  prepareNotice: (id: string, kind: string): Promise<PreparedForm> => invoke<PreparedForm>("prepare_notice", { id, kind }),
  /**
   * Closes a request whose patient was notified.
   */
  closeRequest: (id: string): Promise<RequestView> => invoke<RequestView>("close_request", { id }),
  /**
   * The patient's current data as the form shows them, for a correction request's manager.
   */
  correctionForm: (id: string): Promise<PatientForm> => invoke<PatientForm>("correction_form", { id }),
  /**
   * Applies a correction request's values: the patient form as the manager corrected it.
   */
  correctData: (id: string, form: PatientForm): Promise<RequestView> => invoke<RequestView>("correct_data", { id, form }),
  /**
   * What destroying a withdrawal's subject would destroy, and whether it may be done now.
   */
  destructionPlan: (id: string): Promise<DestructionPlanView> => invoke<DestructionPlanView>("destruction_plan", { id }),
  /**
   * Destroys a withdrawal's subject as a whole, confirmed by their surname as typed.
   */
  destroySubject: (id: string, surname: string): Promise<ActView> => invoke<ActView>("destroy_subject", { id, surname }),
  /**
   * The register of acts of destruction (managers and administrators).
   */
  acts: (): Promise<Array<ActView>> => invoke<Array<ActView>>("acts"),
  /**
   * Renders the act of destruction of a withdrawal, with its extract, for preview and printing.
   */
  prepareAct: (id: string): Promise<PreparedForm> => invoke<PreparedForm>("prepare_act", { id }),
  /**
   * A destroyed subject as an inspection sees them: consents, steps, who and when.
   */
  destroyedSubject: (id: string): Promise<DestroyedSubjectView> => invoke<DestroyedSubjectView>("destroyed_subject", { id }),
  /**
   * The production calendar's years and where each came from (administrators).
   */
  calendarYears: (): Promise<Array<CalendarYearView>> => invoke<Array<CalendarYearView>>("calendar_years"),
  /**
   * Imports a year of the production calendar from an xmlcalendar file's text (administrators).
   */
  importCalendar: (xml: string): Promise<CalendarImport> => invoke<CalendarImport>("import_calendar", { xml }),
  /**
   * Where sync with the clinic server stands: the status bar and Settings.
   */
  syncStatus: (): Promise<SyncStatus> => invoke<SyncStatus>("sync_status"),
  /**
   * «Синхронизировать сейчас»: the background sync tries at once.
   */
  syncNow: (): Promise<SyncStatus> => invoke<SyncStatus>("sync_now"),
  /**
   * Joins the clinic server with an enrollment code, typed or scanned (administrators).
   */
  joinServer: (code: string): Promise<SyncStatus> => invoke<SyncStatus>("join_server", { code }),
  /**
   * A one-time code, valid 24 hours, for a further desk to join (administrators).
   */
  addDeskCode: (): Promise<DeskCode> => invoke<DeskCode>("add_desk_code"),
  /**
   * The clinic's desks as the server lists them (administrators).
   */
  clinicDesks: (): Promise<Array<ClinicDeskView>> => invoke<Array<ClinicDeskView>>("clinic_desks"),
  /**
   * Revokes another desk of the clinic (administrators); returns the list as it is now.
   */
  revokeDesk: (id: string): Promise<Array<ClinicDeskView>> => invoke<Array<ClinicDeskView>>("revoke_desk", { id }),
  /**
   * Renders the enrollment sheet of a desk code made here (administrators); printer only.
   */
  prepareDeskSheet: (code: string): Promise<PreparedForm> => invoke<PreparedForm>("prepare_desk_sheet", { code }),
} as const;

/** The events the desk sends the UI, by name. */
export const events = {
  /** The sync status changed: ask `syncStatus` again (in the language of the moment). */
  syncStatus: "sync-status",
  /** Other desks' records arrived: refresh search, the open card and the queue. */
  syncArrived: "sync-arrived",
} as const;

/** Each event's payload. */
export type EventPayloads = {
  "sync-status": null;
  "sync-arrived": Arrival;
};
