// How a deadline reads: «срок 01.11.2025, осталось 6 раб. дн.».
import type { DeadlineView } from "./ipc";
import { formatDate } from "./dates";
import { codeKey, type MessageKey, type Params } from "./i18n/translate";
import { t } from "./i18n/index.svelte";

/** The catalogue key and parameters of a deadline's text. */
export function deadlineText(deadline: DeadlineView): [MessageKey, Params] {
  const date = formatDate(deadline.due);
  if (deadline.workingDaysLeft < 0) return ["deadline.overdue", { date, n: -deadline.workingDaysLeft }];
  if (deadline.workingDaysLeft === 0) return ["deadline.today", { date }];
  return ["deadline.left", { date, n: deadline.workingDaysLeft }];
}

/** The whole line: «прекратить обработку: срок 01.11.2025, осталось 6 раб. дн.». */
export function deadlineLine(deadline: DeadlineView): string {
  const [key, params] = deadlineText(deadline);
  return `${t(codeKey("obligation", deadline.obligation))}: ${t(key, params)}`;
}

/** The deadline that comes first (what the queue and the card show), if any. */
export function nextDeadline(deadlines: DeadlineView[]): DeadlineView | undefined {
  return [...deadlines].sort((a, b) => a.due.localeCompare(b.due))[0];
}

/** The clinic's offset from UTC in hours: the desk counts days in Moscow time (UTC+3, no DST;
 * `consent_store::CLINIC_OFFSET`), whatever time zone the PC is set to. */
const CLINIC_OFFSET_HOURS = 3;

/** The clinic's today as a person types it: DD.MM.YYYY. Not the PC's local date: between 21:00
 * and midnight UTC they differ, and a date the desk takes as "tomorrow" or "yesterday" would be
 * refused (a notice before its request was received) or recorded wrong. */
export function todayTyped(now: Date = new Date()): string {
  const clinic = new Date(now.getTime() + CLINIC_OFFSET_HOURS * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(clinic.getUTCDate())}.${pad(clinic.getUTCMonth() + 1)}.${clinic.getUTCFullYear()}`;
}
