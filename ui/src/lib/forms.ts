// Form errors from the desk: the `fields` of an error payload become messages under their inputs.
import type { ErrorPayload } from "./ipc";

/** A form's messages by field name: strings as the desk sent them, or `Text`s on screen. */
export type FieldErrors<T = string> = Record<string, T>;

/**
 * The field errors of `payload` keyed by the form's own field names (`aliases` maps the desk's field
 * names to the form's, e.g. `name` → `clinicName`). `rest` is the message when no field is named.
 */
export function fieldErrors(
  payload: ErrorPayload,
  aliases: Record<string, string> = {},
): { fields: FieldErrors; rest: string | null } {
  const fields: FieldErrors = {};
  for (const field of payload.fields) {
    const key = aliases[field.field] ?? field.field;
    fields[key] ??= field.message;
  }
  return { fields, rest: payload.fields.length === 0 ? payload.message : null };
}

/** The first of `order` that has an error, to move the focus there. */
export function firstInvalid(order: readonly string[], errors: FieldErrors<unknown>): string | undefined {
  return order.find((key) => key in errors);
}
