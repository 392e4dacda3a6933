// Generated from the Rust types by `cargo xtask bindings` (src-tauri/src/bindings.rs).
// Do not edit by hand: the `bindings_are_current` test fails when this file drifts.

import { invoke } from "@tauri-apps/api/core";

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
 * The defaults the first-start form starts from: the postal address and e-mail of policy 2.1.
 */
export type ClinicDefaults = { legalAddress: string, withdrawalEmail: string, };

/**
 * The state of the desk's encrypted database file.
 */
export type DatabaseStatus = { "state": "notCreated", path: string, } | { "state": "present", path: string, sizeBytes: number, };

/**
 * A stable, machine-readable error category. The UI and scripts match on these (and on `detail`),
 * never on message text.
 */
export type ErrorCode = "data_dir_unavailable" | "settings_corrupt" | "settings_write_failed" | "unknown_language" | "invalid_input" | "forbidden" | "not_found" | "rule_violation" | "unknown_year" | "not_initialized" | "already_initialized" | "key" | "database" | "sign_in_failed";

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
createdOn: string, };

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
problem: ErrorPayload | null, };

/**
 * A language as the UI names it.
 */
export type UiLang = "ru" | "en";

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
} as const;
