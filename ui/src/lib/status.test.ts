import { describe, expect, it } from "vitest";
import type { AppInfo, SessionStatus, SyncStatus } from "./ipc";
import { statusItems, syncText } from "./status";
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
  accountGaveWay: false,
};
const notJoined: SyncStatus = {
  state: "notJoined",
  pending: 0,
  syncedAt: null,
  offlineSince: null,
  problem: null,
  server: null,
};
const server = { host: "192.168.1.10", port: 8443, fingerprint: "AB:CD" };
const tr = (lang: "ru" | "en") => (key: MessageKey, params?: Params) => translate(lang, key, params);

describe("statusItems", () => {
  it("lists who, where, sync, database and version, in that order", () => {
    expect(statusItems(info, session, notJoined, tr("ru")).map((i) => i.id)).toEqual(["staff", "desk", "sync", "database", "version"]);
  });

  it("keeps the whole name and role in the text (the bar shortens it on screen, the title keeps it)", () => {
    const [staff] = statusItems(info, session, notJoined, tr("ru"));
    expect(staff).toEqual({
      id: "staff",
      text: "Сотрудник: Константинопольская Александра Вячеславовна (Администратор системы)",
      shrinks: true,
    });
  });

  it("lets only the long, variable items shrink", () => {
    const fixed = statusItems(info, session, notJoined, tr("en")).filter((i) => !i.shrinks).map((i) => i.id);
    expect(fixed).toEqual(["database", "version"]);
  });

  it("speaks the current language, data aside", () => {
    const texts = statusItems(info, session, notJoined, tr("en")).map((i) => i.text);
    expect(texts).toEqual([
      "Staff: Константинопольская Александра Вячеславовна (Administrator)",
      "Desk: Регистратура, окно 1",
      "Sync: no clinic server connected",
      "Database: created",
      "Consent Desk · version 0.1.0",
    ]);
  });

  it("says it is loading until the app knows about itself", () => {
    expect(statusItems(null, null, null, tr("en")).map((i) => [i.id, i.text])).toEqual([
      ["sync", "Sync: connecting to the server…"],
      ["loading", "Loading…"],
    ]);
  });
});

describe("syncText", () => {
  const joined = (over: Partial<SyncStatus>): SyncStatus => ({ ...notJoined, server, ...over });

  it("says each state as the desk's staff read it", () => {
    const ru = tr("ru");
    expect(syncText(notJoined, ru)).toBe("сервер клиники не подключён");
    expect(syncText(joined({ state: "starting" }), ru)).toBe("соединение с сервером…");
    expect(syncText(joined({ state: "synced", syncedAt: "14:02" }), ru)).toBe("синхронизировано в 14:02");
    expect(syncText(joined({ state: "pending", pending: 12, syncedAt: "14:02" }), ru)).toBe("ожидают отправки: 12");
    expect(syncText(joined({ state: "offline", offlineSince: "13:40" }), ru)).toBe("нет связи с сервером с 13:40");
    expect(syncText(joined({ state: "offline", offlineSince: "13:40", pending: 3 }), ru)).toBe(
      "нет связи с сервером с 13:40, ожидают отправки: 3",
    );
  });

  it("gives a failure's short reason when there is one, else the desk's message", () => {
    const problem = (detail: string, message: string) => ({ code: "sync" as const, message, detail, fields: [] });
    expect(
      syncText(joined({ state: "failed", problem: problem("sync_certificate_changed", "длинный текст") }), tr("ru")),
    ).toBe("ошибка — сертификат сервера изменился");
    expect(syncText(joined({ state: "failed", problem: problem("sync_revoked", "long") }), tr("en"))).toBe(
      "error: this desk was revoked by an administrator",
    );
    expect(syncText(joined({ state: "failed", problem: problem("sync_sealed", "Сервер прислал данные…") }), tr("ru"))).toBe(
      "ошибка — Сервер прислал данные…",
    );
  });

  it("says it is connecting before the desk has answered", () => {
    expect(syncText(null, tr("en"))).toBe("connecting to the server…");
  });
});
