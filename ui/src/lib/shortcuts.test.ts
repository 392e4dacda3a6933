import { describe, expect, it } from "vitest";
import { shortcutFor, type KeyLike } from "./shortcuts";

const key = (code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe("shortcutFor", () => {
  it.each([
    ["Digit1", { kind: "go", screen: "reception" }],
    ["Digit2", { kind: "go", screen: "withdrawals" }],
    ["Numpad3", { kind: "go", screen: "settings" }],
    ["KeyL", { kind: "toggleLanguage" }],
    ["KeyK", { kind: "lock" }],
    ["Digit4", null],
    ["KeyQ", null],
  ])("Alt+%s", (code, expected) => {
    expect(shortcutFor(key(code))).toEqual(expected);
  });

  it("ignores keys without Alt or with other modifiers", () => {
    expect(shortcutFor(key("Digit1", { altKey: false }))).toBeNull();
    expect(shortcutFor(key("Digit1", { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key("KeyL", { shiftKey: true }))).toBeNull();
    expect(shortcutFor(key("KeyL", { metaKey: true }))).toBeNull();
  });
});
