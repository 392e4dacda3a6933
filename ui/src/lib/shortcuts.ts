// Keyboard-first: every action has a key. Shortcuts match on `KeyboardEvent.code` (the physical key), not
// `key`, so Alt+L works the same in the Russian layout, where that key types «Д». Alt+1…3 screens, Alt+K
// locks the screen, Alt+L switches the language.

export type Screen = "reception" | "withdrawals" | "settings";

export const screens: readonly Screen[] = ["reception", "withdrawals", "settings"];

export type Action = { kind: "go"; screen: Screen } | { kind: "toggleLanguage" } | { kind: "lock" };

export interface KeyLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The action a key press asks for, or `null` when it is not a shortcut. */
export function shortcutFor(event: KeyLike): Action | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (digit) {
    const screen = screens[Number(digit[1]) - 1];
    return screen ? { kind: "go", screen } : null;
  }
  if (event.code === "KeyL") return { kind: "toggleLanguage" };
  if (event.code === "KeyK") return { kind: "lock" };
  return null;
}
