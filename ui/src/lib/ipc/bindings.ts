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
} as const;
