import { describe, expect, it } from "vitest";
import { isErrorPayload, toErrorPayload } from "./index";

describe("IPC errors", () => {
  it("recognises the {code, message} shape", () => {
    expect(isErrorPayload({ code: "settings_corrupt", message: "Файл настроек повреждён" })).toBe(true);
    expect(isErrorPayload({ code: 1, message: "x" })).toBe(false);
    expect(isErrorPayload("boom")).toBe(false);
    expect(isErrorPayload(null)).toBe(false);
  });

  it("turns anything else into an unexpected error with its detail", () => {
    expect(toErrorPayload(new Error("bridge down"))).toEqual({ code: "unexpected", detail: "bridge down" });
    expect(toErrorPayload("plain")).toEqual({ code: "unexpected", detail: "plain" });
    const payload = { code: "unknown_language", message: "Язык «de» не поддерживается" };
    expect(toErrorPayload(payload)).toBe(payload);
  });
});
