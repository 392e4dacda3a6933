// The UI's door to the desk: the generated, typed commands plus error handling shared by every screen.
import type { ErrorPayload } from "./bindings";

export { commands, events } from "./bindings";
export type * from "./bindings";

/** True for the `{code, message}` shape every command rejects with. */
export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** A rejected command as an `ErrorPayload`; anything else (a bug, a dead IPC bridge) becomes `unexpected`. */
export function toErrorPayload(value: unknown): ErrorPayload | { code: "unexpected"; detail: string } {
  if (isErrorPayload(value)) return value;
  const detail = value instanceof Error ? value.message : String(value);
  return { code: "unexpected", detail };
}
