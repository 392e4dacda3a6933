// The background sync as the screens see it: its status (asked again whenever the desk says it
// changed, and after a language switch, so the texts are always in the language of the moment) and
// a counter of arrivals from other desks that screens watch to refresh what they show. The desk
// pushes both as events; nothing here polls.
import { untrack } from "svelte";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { commands, events, type Arrival, type SyncStatus } from "./ipc";

export const sync = $state<{ status: SyncStatus | null; arrivals: number; last: Arrival | null }>({
  status: null,
  arrivals: 0,
  last: null,
});

let asking = 0;

/** Asks the desk for the status; a slower, older answer never overwrites a newer one. */
export async function refreshSync(): Promise<void> {
  const mine = ++asking;
  try {
    const status = await commands.syncStatus();
    if (mine === asking) sync.status = status;
  } catch {
    // The status is read again on the next event; a failed read changes nothing on screen.
  }
}

/** Whether an arrival concerns the patient `id` (or desk-level data, which may concern anyone). */
export function concerns(arrival: Arrival | null, id: string): boolean {
  return arrival !== null && (arrival.deskChanged || arrival.patients.includes(id));
}

/**
 * Calls `refresh` after each arrival from another desk from now on (call it while a component is
 * set up; it ends with the component).
 */
export function afterArrivals(refresh: (arrival: Arrival) => void): void {
  let seen = untrack(() => sync.arrivals);
  $effect(() => {
    const count = sync.arrivals;
    const last = sync.last;
    if (count === seen || last === null) return;
    seen = count;
    untrack(() => refresh(last));
  });
}

/** Listens to the desk's sync events until the returned function is called. */
export async function watchSync(): Promise<() => void> {
  const stops: UnlistenFn[] = await Promise.all([
    listen(events.syncStatus, () => void refreshSync()),
    listen<Arrival>(events.syncArrived, (event) => {
      sync.last = event.payload;
      sync.arrivals += 1;
      void refreshSync();
    }),
  ]);
  await refreshSync();
  return () => stops.forEach((stop) => stop());
}
