// Measurements taken in the app for `cargo xtask bench` (read through WebDriver): keystroke-to-results
// of the search box, and the queue screen's first render and each filter change. Kept in memory, bounded, and holding only durations.

type Metrics = { search: number[]; searchPainted: number[]; queueRender: number[]; queueFilter: number[] };

declare global {
  interface Window {
    __consentDeskMetrics?: Metrics;
  }
}

const LIMIT = 5000;

function metrics(): Metrics {
  window.__consentDeskMetrics ??= { search: [], searchPainted: [], queueRender: [], queueFilter: [] };
  return window.__consentDeskMetrics;
}

/** Records one duration in milliseconds. */
export function record(name: keyof Metrics, ms: number): void {
  const list = metrics()[name];
  list.push(ms);
  if (list.length > LIMIT) list.splice(0, list.length - LIMIT);
}
