// What the user reads when a command fails: the desk's own localized message, or, for anything that is
// not an error payload (a bug, a dead IPC bridge), the catalogue's «unexpected error» with the detail.
import { toErrorPayload } from "./ipc";
import { t } from "./i18n/index.svelte";

/** The readable text of a rejected command. */
export function errorText(reason: unknown): string {
  const payload = toErrorPayload(reason);
  return "message" in payload ? payload.message : t("error.unexpected", { detail: payload.detail });
}
