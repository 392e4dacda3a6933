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
 * A stable, machine-readable error code. The UI and scripts match on these, never on message text.
 */
export type ErrorCode = "data_dir_unavailable" | "settings_corrupt" | "settings_write_failed" | "unknown_language";

/**
 * An error crossing IPC: `{code, message}`, the message already in the user's language.
 */
export type ErrorPayload = { code: ErrorCode, message: string, };

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
