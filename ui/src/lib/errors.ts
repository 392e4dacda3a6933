// What the user reads when a command fails: the desk's own localized message, or, for anything that is
// not an error payload (a bug, a dead IPC bridge), the catalogue's «unexpected error» with the detail.
// Both are `Text`s, so a message left on screen follows a language switch (see lib/text.ts).
import { toErrorPayload, type ErrorPayload } from "./ipc";
import { codeKey, hasKey, type MessageKey } from "./i18n/translate";
import { fieldErrors, type FieldErrors } from "./forms";
import { deskSaid, said, type Text } from "./text";

/** The catalogue's general name of an error code, for when the desk's words are in another language. */
export function errorCodeKey(code: string): MessageKey {
  const key = codeKey("errorCode", code);
  return hasKey(key) ? key : "errorCode.other";
}

/** The readable text of a rejected command. */
export function errorText(reason: unknown): Text {
  const payload = toErrorPayload(reason);
  return "message" in payload
    ? deskSaid(payload.message, errorCodeKey(payload.code))
    : said("error.unexpected", { detail: payload.detail });
}

/** The payload of a rejected command, when it is the desk's answer (not a bug). */
export function deskError(reason: unknown): ErrorPayload | null {
  const payload = toErrorPayload(reason);
  return "message" in payload ? payload : null;
}

/**
 * A refused form: the messages of its fields (keyed by the form's names, see `fieldErrors`) and the text
 * for the form as a whole — «fix the marked fields» when fields are named. `fields` is absent when the
 * failure is not the desk's answer at all.
 */
export function formFailure(
  reason: unknown,
  aliases: Record<string, string> = {},
): { fields?: FieldErrors<Text>; message: Text } {
  const payload = deskError(reason);
  if (!payload) return { message: errorText(reason) };
  const { fields, rest } = fieldErrors(payload, aliases);
  const texts: FieldErrors<Text> = {};
  for (const [key, message] of Object.entries(fields)) texts[key] = deskSaid(message, "error.field");
  return { fields: texts, message: rest !== null ? deskSaid(rest, errorCodeKey(payload.code)) : said("form.fix") };
}
