/// <reference types="node" />
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { locale } from "./i18n/index.svelte";
import { hasKey } from "./i18n/translate";
import { deskSaid, said } from "./text";
import { errorCodeKey, errorText, formFailure } from "./errors";

afterEach(() => {
  locale.lang = "ru";
});

describe("text on screen", () => {
  it("is worded in the language of the moment it is shown", () => {
    const text = said("form.fix");
    expect(text()).toBe("Исправьте отмеченные поля: введённые данные сохранены.");
    locale.lang = "en";
    expect(text()).toBe("Correct the marked fields: what you typed is kept.");
  });

  it("keeps the desk's words while their language is on, and names the error in another", () => {
    const text = deskSaid("Неверный логин или пароль.", "errorCode.sign_in_failed", "ru");
    expect(text()).toBe("Неверный логин или пароль.");
    locale.lang = "en";
    expect(text()).toBe("Wrong login or password.");
    locale.lang = "ru";
    expect(text()).toBe("Неверный логин или пароль.");
  });
});

describe("errorText", () => {
  it("shows the desk's message, then its code's name after a language switch", () => {
    const text = errorText({ code: "printing", message: "Принтер не ответил.", detail: null, fields: [] });
    expect(text()).toBe("Принтер не ответил.");
    locale.lang = "en";
    expect(text()).toBe("Printing failed.");
  });

  it("words a failure that is not the desk's answer in the current language", () => {
    const text = errorText(new Error("bridge down"));
    locale.lang = "en";
    expect(text()).toBe("Unexpected error: bridge down");
  });

  it("has a name for every error code the desk sends", () => {
    const bindings = readFileSync(new URL("./ipc/bindings.ts", import.meta.url), "utf8");
    const union = /export type ErrorCode = ([^;]+);/.exec(bindings)?.[1] ?? "";
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) expect(hasKey(`errorCode.${code}`), code).toBe(true);
    expect(errorCodeKey("something_new")).toBe("errorCode.other");
  });
});

describe("formFailure", () => {
  it("puts the desk's field messages under their fields and lets them follow the language", () => {
    const failure = formFailure(
      {
        code: "invalid_input",
        message: "Анкета заполнена с ошибками.",
        detail: null,
        fields: [{ field: "full_name", problem: "required", message: "ФИО: обязательно." }],
      },
      { full_name: "fullName" },
    );
    expect(Object.keys(failure.fields ?? {})).toEqual(["fullName"]);
    expect(failure.fields?.["fullName"]?.()).toBe("ФИО: обязательно.");
    expect(failure.message()).toBe("Исправьте отмеченные поля: введённые данные сохранены.");
    locale.lang = "en";
    expect(failure.fields?.["fullName"]?.()).toMatch(/^Check this field/);
    expect(failure.message()).toBe("Correct the marked fields: what you typed is kept.");
  });
});
