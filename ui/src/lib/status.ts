// What the status bar says, item by item. It stays one line at any window width the desk runs at:
// items shrink (ellipsis) rather than wrap, and each keeps its whole text for the tooltip.
import type { AppInfo, SessionStatus } from "./ipc";
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
  tr: (key: MessageKey, params?: Params) => string,
): StatusItem[] {
  const items: StatusItem[] = [];
  const staff = session?.staff;
  if (staff) {
    items.push({ id: "staff", text: `${tr("status.staff")}: ${staff.fullName} (${tr(roleKey(staff.role))})`, shrinks: true });
  }
  if (session?.deskName) items.push({ id: "desk", text: `${tr("status.desk")}: ${session.deskName}`, shrinks: true });
  // Reserved for the sync state: synced / pending N / offline since / error with a reason.
  items.push({ id: "sync", text: `${tr("status.sync")}: ${tr("status.sync.notConfigured")}`, shrinks: true });
  if (info) {
    const database = info.database.state === "present" ? tr("status.database.present") : tr("status.database.notCreated");
    items.push({ id: "database", text: `${tr("status.database")}: ${database}`, shrinks: false });
    items.push({ id: "version", text: `${info.product} · ${tr("status.version", { version: info.version })}`, shrinks: false });
  } else {
    items.push({ id: "loading", text: tr("app.loading"), shrinks: false });
  }
  return items;
}
