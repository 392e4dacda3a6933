// The managers' queue on screen: how urgent each request is, the filters and the search, and the
// order (most urgent first). Pure functions over what the desk returned, so 10,000 requests filter
// and sort without asking the desk again.
import type { QueueItem } from "./ipc";

/** How urgent a request is, most urgent first. Shown by text and icon, never by colour alone. */
export type Urgency = "overdue" | "today" | "soon" | "later" | "unknownYear" | "nothingDue";

/** Working days within which a request counts as "due soon" (the navigation's badge agrees). */
export const DUE_SOON_DAYS = 2;
/** Working days within which a request is "due this week" for the filter. */
export const DUE_WEEK_DAYS = 5;

const order: Urgency[] = ["overdue", "today", "soon", "later", "unknownYear", "nothingDue"];

export function urgency(item: QueueItem): Urgency {
  const next = item.next;
  if (!next) return item.unknownYear != null ? "unknownYear" : "nothingDue";
  if (next.overdue || next.workingDaysLeft < 0) return "overdue";
  if (next.workingDaysLeft === 0) return "today";
  if (next.workingDaysLeft <= DUE_SOON_DAYS) return "soon";
  return "later";
}

/** The icon beside the urgency's words (the words carry the meaning; the icon helps the eye). Drawn
 * as SVG by `UrgencyIcon.svelte`, so it never depends on a font having the glyph. */
export type UrgencyIconName = "stop" | "warning" | "clock" | "question";

export function urgencyIcon(level: Urgency): UrgencyIconName | null {
  switch (level) {
    case "overdue":
      return "stop";
    case "today":
      return "warning";
    case "soon":
      return "clock";
    case "unknownYear":
      return "question";
    default:
      return null;
  }
}

export interface QueueFilter {
  /** A request kind code, or "" for every kind. */
  kind: string;
  /** A status code, or "" for every status. */
  status: string;
  /** "mine", "unassigned", or "" for anyone. */
  assignee: "" | "mine" | "unassigned";
  /** "overdue", "week" (due within five working days, overdue included), or "" for any. */
  due: "" | "overdue" | "week";
  /** Part of the patient's name, as typed. */
  search: string;
}

export const emptyFilter = (): QueueFilter => ({ kind: "", status: "", assignee: "", due: "", search: "" });

/** Folds case and ё/е so «ёлкина» finds «Ёлкина» and «елкина» finds it too. */
export function foldName(text: string): string {
  return text.toLocaleLowerCase("ru-RU").replaceAll("ё", "е").replace(/\s+/g, " ").trim();
}

export function matches(item: QueueItem, filter: QueueFilter): boolean {
  if (filter.kind && item.kind !== filter.kind) return false;
  if (filter.status && item.status !== filter.status) return false;
  if (filter.assignee === "mine" && !item.assignedToMe) return false;
  if (filter.assignee === "unassigned" && item.assignee != null) return false;
  if (filter.due) {
    const level = urgency(item);
    if (filter.due === "overdue" && level !== "overdue") return false;
    if (filter.due === "week" && !(level === "overdue" || (item.next && item.next.workingDaysLeft <= DUE_WEEK_DAYS)))
      return false;
  }
  const wanted = foldName(filter.search);
  if (wanted && !foldName(item.patientName).includes(wanted)) return false;
  return true;
}

/** Most urgent first; within one urgency the earliest due date, then the earliest received. */
export function compareUrgency(a: QueueItem, b: QueueItem): number {
  const byLevel = order.indexOf(urgency(a)) - order.indexOf(urgency(b));
  if (byLevel !== 0) return byLevel;
  const byDue = (a.next?.due ?? "").localeCompare(b.next?.due ?? "");
  if (byDue !== 0) return byDue;
  return a.receivedOn.localeCompare(b.receivedOn);
}

/** ISO dates order as text; plain comparison, not the locale's collation, which is slower. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The queue as the screen lists it: filtered, then most urgent first (the order of
 * [`compareUrgency`], each item's urgency computed once rather than in every comparison). */
export function visibleQueue(items: QueueItem[], filter: QueueFilter): QueueItem[] {
  const wanted = foldName(filter.search);
  const bare = { ...filter, search: "" };
  return items
    .filter((item) => matches(item, bare) && (!wanted || foldName(item.patientName).includes(wanted)))
    .map((item) => ({ item, rank: order.indexOf(urgency(item)), due: item.next?.due ?? "" }))
    .sort(
      (a, b) =>
        a.rank - b.rank || byText(a.due, b.due) || byText(a.item.receivedOn, b.item.receivedOn),
    )
    .map(({ item }) => item);
}

export interface QueueTally {
  open: number;
  overdue: number;
  today: number;
  week: number;
  unknownYear: number;
}

/** The dashboard's counts over the whole queue (not the filtered view). */
export function tally(items: QueueItem[]): QueueTally {
  const counts: QueueTally = { open: items.length, overdue: 0, today: 0, week: 0, unknownYear: 0 };
  for (const item of items) {
    const level = urgency(item);
    if (level === "overdue") counts.overdue += 1;
    if (level === "today") counts.today += 1;
    if (level === "unknownYear") counts.unknownYear += 1;
    if (level === "overdue" || (item.next && item.next.workingDaysLeft <= DUE_WEEK_DAYS)) counts.week += 1;
  }
  return counts;
}
