// The counts a manager sees beside «Обращения» in the navigation on every screen: overdue, due
// within two working days, and requests whose calendar year is not loaded. Read from the desk when a
// manager signs in, when the screen changes, after a step in the queue and when records arrive from
// other desks; nothing polls.
import { commands, type QueueCounts } from "./ipc";

export const queueCounts = $state<{ counts: QueueCounts | null }>({ counts: null });

let asking = 0;

/** Whether `role` works the queue (the desk refuses it to reception anyway). */
export function worksQueue(role: string | undefined): boolean {
  return role === "manager" || role === "admin";
}

/** Reads the counts again; an older, slower answer never overwrites a newer one. */
export async function refreshQueueCounts(role: string | undefined): Promise<void> {
  const mine = ++asking;
  if (!worksQueue(role)) {
    queueCounts.counts = null;
    return;
  }
  try {
    const counts = await commands.queueCounts();
    if (mine === asking) queueCounts.counts = counts;
  } catch {
    // A locked or signed-out session refuses; the badge goes until the next read.
    if (mine === asking) queueCounts.counts = null;
  }
}
