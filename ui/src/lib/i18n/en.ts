import type { MessageKey } from "./ru";

// The English catalogue: the second language. The type makes every Russian key required here.
export const en: Record<MessageKey, string> = {
  "app.windowTitle": "Personal data consents — Consent Desk",
  "app.name": "Consent Desk",
  "app.tagline": "Consents to the processing of personal data",
  "app.loading": "Loading…",

  "nav.label": "Sections",
  "nav.reception": "Reception",
  "nav.withdrawals": "Withdrawals",
  "nav.settings": "Settings",
  "nav.shortcutHint": "Alt+{n}",

  "reception.title": "Patient reception",
  "reception.lead": "Find and register patients, record consents to personal data processing, print the forms.",
  "reception.empty": "The patient register is empty: this desk's database has not been created yet.",

  "withdrawals.title": "Withdrawals queue",
  "withdrawals.lead": "Withdrawals of consent and other data subject requests, with deadlines in Russian working days.",
  "withdrawals.empty": "No pending withdrawals.",

  "settings.title": "Settings",
  "settings.language": "Interface language",
  "settings.language.ru": "Russian (Русский)",
  "settings.language.en": "English",
  "settings.about": "About",
  "settings.version": "Version",
  "settings.build": "Build",
  "settings.build.debug": "debug",
  "settings.build.release": "release",
  "settings.dataDir": "Data directory",
  "settings.database": "Database",
  "settings.database.notCreated": "not created yet ({path})",
  "settings.database.present": "{path}, {size}",
  "settings.problems": "Problems found",

  "status.sync": "Sync",
  "status.sync.notConfigured": "no clinic server connected",
  "status.database": "Database",
  "status.database.notCreated": "not created",
  "status.database.present": "created",
  "status.version": "version {version}",

  "shortcuts.label": "Keys",
  "shortcuts.help": "Alt+1…3 sections, Alt+L language",

  "error.title": "Error",
  "error.unexpected": "Unexpected error: {detail}",
  "error.dismiss": "Dismiss",

  "size.bytes": "{n} bytes",
  "size.kib": "{n} KiB",
  "size.mib": "{n} MiB",
};
