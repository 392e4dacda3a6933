// What the status bar says, item by item. It stays one line at any window width the desk runs at:
// items shrink (ellipsis) rather than wrap, and each keeps its whole text for the tooltip.
import type { AppInfo, SessionStatus, SyncStatus } from "./ipc";
import type { MessageKey, Params } from "./i18n/translate";
import { roleKey } from "./roles";

export interface StatusItem {
  /** `status-<id>` is the element's test id. */
  id: "staff" | "desk" | "sync" | "database" | "version" | "loading";
  text: string;
  /** Whether it may be shortened with an ellipsis (short, fixed texts are kept whole). */
  shrinks: boolean;
}

/** The items in order, worded by `tr` (the current language's `t`). */
export function statusItems(
  info: AppInfo | null,
  session: SessionStatus | null,
  sync: SyncStatus | null,
  tr: (key: MessageKey, params?: Params) => string,
): StatusItem[] {
  const items: StatusItem[] = [];
  const staff = session?.staff;
  if (staff) {
    items.push({ id: "staff", text: `${tr("status.staff")}: ${staff.fullName} (${tr(roleKey(staff.role))})`, shrinks: true });
  }
  if (session?.deskName) items.push({ id: "desk", text: `${tr("status.desk")}: ${session.deskName}`, shrinks: true });
  items.push({ id: "sync", text: `${tr("status.sync")}: ${syncText(sync, tr)}`, shrinks: true });
  if (info) {
    const database = info.database.state === "present" ? tr("status.database.present") : tr("status.database.notCreated");
    items.push({ id: "database", text: `${tr("status.database")}: ${database}`, shrinks: false });
    items.push({ id: "version", text: `${info.product} · ${tr("status.version", { version: info.version })}`, shrinks: false });
  } else {
    items.push({ id: "loading", text: tr("app.loading"), shrinks: false });
  }
  return items;
}

/** Short reasons for the failures staff meet most; any other shows the desk's own message. */
const SHORT_REASONS: Record<string, MessageKey> = {
  sync_certificate_changed: "status.sync.reason.certificate",
  sync_revoked: "status.sync.reason.revoked",
  sync_unauthenticated: "status.sync.reason.unknownDesk",
  sync_server_refused: "status.sync.reason.refused",
  sync_wire_version: "status.sync.reason.version",
  sync_diverged: "status.sync.reason.diverged",
};

/** The sync state in words: synced at, waiting to be sent, no connection since, or the error. */
export function syncText(sync: SyncStatus | null, tr: (key: MessageKey, params?: Params) => string): string {
  if (!sync) return tr("status.sync.starting");
  const waiting = sync.pending > 0 ? tr("status.sync.pending", { n: sync.pending }) : "";
  switch (sync.state) {
    case "notJoined":
      return tr("status.sync.notConfigured");
    case "failed": {
      const key = sync.problem?.detail ? SHORT_REASONS[sync.problem.detail] : undefined;
      const reason = key ? tr(key) : (sync.problem?.message ?? "");
      return [tr("status.sync.failed", { reason }), waiting].filter(Boolean).join(", ");
    }
    case "offline":
      return [tr("status.sync.offline", { since: sync.offlineSince ?? "" }), waiting].filter(Boolean).join(", ");
    case "pending":
      return waiting;
    case "synced":
      return tr("status.sync.synced", { at: sync.syncedAt ?? "" });
    case "starting":
      return tr("status.sync.starting");
  }
}
