// Dates as Russian paperwork writes them: DD.MM.YYYY, in both languages of the UI.

/** `2025-10-24` (or the date part of an ISO timestamp) as `24.10.2025`; anything else unchanged. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}
