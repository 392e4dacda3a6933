// The idle lock: after `seconds` without keyboard, mouse or touch activity the screen locks itself. The
// UI decides when; the desk enforces the lock (every command is refused until the same person unlocks).

/** The events that count as someone working at the desk. */
export const activityEvents = ["keydown", "pointerdown", "pointermove", "mousedown", "mousemove", "wheel", "touchstart"] as const;

/**
 * Calls `onIdle` once after `seconds` without activity on `target`. Returns the function that stops
 * watching. Time is read from `now` (wall-clock milliseconds), so a machine waking from sleep locks at once.
 */
export function watchIdle(
  target: EventTarget,
  seconds: number,
  onIdle: () => void,
  now: () => number = Date.now,
): () => void {
  const limit = Math.max(1, seconds) * 1000;
  let last = now();
  const touch = () => {
    last = now();
  };
  for (const name of activityEvents) target.addEventListener(name, touch, { capture: true, passive: true });
  const timer = setInterval(
    () => {
      if (now() - last >= limit) {
        stop();
        onIdle();
      }
    },
    Math.min(1000, limit / 4),
  );
  function stop() {
    clearInterval(timer);
    for (const name of activityEvents) target.removeEventListener(name, touch, { capture: true });
  }
  return stop;
}
