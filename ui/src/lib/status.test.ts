import { describe, expect, it } from "vitest";
import type { AppInfo, SessionStatus } from "./ipc";
import { statusItems } from "./status";
import { translate, type MessageKey, type Params } from "./i18n/translate";

const info: AppInfo = {
  product: "Consent Desk",
  version: "0.1.0",
  buildProfile: "debug",
  dataDir: "/data",
  database: { state: "present", path: "/data/desk.db", sizeBytes: 1 },
  lang: "ru",
  problems: [],
};
const session: SessionStatus = {
  phase: "signed_in",
  deskName: "Регистратура, окно 1",
  clinicName: "Клиника",
  staff: { login: "admin", fullName: "Константинопольская Александра Вячеславовна", role: "admin" },
  idleLockMinutes: 5,
  idleLockSeconds: 300,
  clinicDefaults: null,
  problem: null,
  ledgerWarning: null,
};
const tr = (lang: "ru" | "en") => (key: MessageKey, params?: Params) => translate(lang, key, params);

describe("statusItems", () => {
  it("lists who, where, sync, database and version, in that order", () => {
    expect(statusItems(info, session, tr("ru")).map((i) => i.id)).toEqual(["staff", "desk", "sync", "database", "version"]);
  });

  it("keeps the whole name and role in the text (the bar shortens it on screen, the title keeps it)", () => {
    const [staff] = statusItems(info, session, tr("ru"));
    expect(staff).toEqual({
      id: "staff",
      text: "Сотрудник: Константинопольская Александра Вячеславовна (Администратор системы)",
      shrinks: true,
    });
  });

  it("lets only the long, variable items shrink", () => {
    const fixed = statusItems(info, session, tr("en")).filter((i) => !i.shrinks).map((i) => i.id);
    expect(fixed).toEqual(["database", "version"]);
  });

  it("speaks the current language, data aside", () => {
    const texts = statusItems(info, session, tr("en")).map((i) => i.text);
    expect(texts).toEqual([
      "Staff: Константинопольская Александра Вячеславовна (Administrator)",
      "Desk: Регистратура, окно 1",
      "Sync: no clinic server connected",
      "Database: created",
      "Consent Desk · version 0.1.0",
    ]);
  });

  it("says it is loading until the app knows about itself", () => {
    expect(statusItems(null, null, tr("en")).map((i) => [i.id, i.text])).toEqual([
      ["sync", "Sync: no clinic server connected"],
      ["loading", "Loading…"],
    ]);
  });
});
