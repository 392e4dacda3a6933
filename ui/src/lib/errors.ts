// What the user reads when a command fails: the desk's own localized message, or, for anything that is
// not an error payload (a bug, a dead IPC bridge), the catalogue's «unexpected error» with the detail.
import { toErrorPayload } from "./ipc";
import { t } from "./i18n/index.svelte";
import { fieldErrors, type FieldErrors } from "./forms";

/** The readable text of a rejected command. */
export function errorText(reason: unknown): string {
  const payload = toErrorPayload(reason);
  return "message" in payload ? payload.message : t("error.unexpected", { detail: payload.detail });
}

/**
 * A refused form: the messages of its fields (keyed by the form's names, see `fieldErrors`) and the text
 * for the form as a whole — «fix the marked fields» when fields are named. `fields` is absent when the
 * failure is not the desk's answer at all.
 */
export function formFailure(
  reason: unknown,
  aliases: Record<string, string> = {},
): { fields?: FieldErrors; message: string } {
  const payload = toErrorPayload(reason);
  if (!("message" in payload)) return { message: errorText(reason) };
  const { fields, rest } = fieldErrors(payload, aliases);
  return { fields, message: rest ?? t("form.fix") };
}
