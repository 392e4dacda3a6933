import { describe, expect, it } from "vitest";
import { latinFromRussianLayout, ScanBuffer, SCANNER_GAP_MS, usLayoutChar } from "./scanner";

const ID = "019a15a9-2d00-7368-8d98-931d4db182fd";

/** The key codes a scanner sends for `text` (US layout), with Shift for ':' and capitals. */
function keys(text: string): [string, boolean][] {
  return [...text].map((c) => {
    if (c === ":") return ["Semicolon", true];
    if (c === "-") return ["Minus", false];
    if (/\d/.test(c)) return [`Digit${c}`, false];
    return [`Key${c.toUpperCase()}`, c !== c.toLowerCase()];
  });
}

function scan(buffer: ScanBuffer, text: string, start: number, gap = 5): string | null {
  let at = start;
  for (const [code, shift] of keys(text)) {
    // The key as the Russian layout types it: the physical key still says which Latin character.
    expect(buffer.key(code, "ж", shift, at)).toBeNull();
    at += gap;
  }
  return buffer.key("Enter", "Enter", false, at);
}

describe("scanner input", () => {
  it("reads keys as the US layout has them, whatever the system layout", () => {
    expect(usLayoutChar("KeyC", false)).toBe("c");
    expect(usLayoutChar("KeyC", true)).toBe("C");
    expect(usLayoutChar("Semicolon", true)).toBe(":");
    expect(usLayoutChar("Digit7", false)).toBe("7");
    expect(usLayoutChar("Minus", false)).toBe("-");
    expect(usLayoutChar("ArrowLeft", false)).toBeNull();
  });

  it("recognises a form's QR code ended by Enter", () => {
    const buffer = new ScanBuffer();
    expect(scan(buffer, `consent-desk:form:${ID}`, 1000)).toBe(ID);
  });

  it("accepts upper-case ids and ignores text before the code", () => {
    const buffer = new ScanBuffer();
    expect(scan(buffer, `xyconsent-desk:form:${ID.toUpperCase()}`, 0)).toBe(ID);
  });

  it("ignores slow typing, other text and Enter alone", () => {
    const buffer = new ScanBuffer();
    expect(scan(buffer, `consent-desk:form:${ID}`, 0, SCANNER_GAP_MS + 1)).toBeNull();
    expect(scan(buffer, "consent-desk:form:not-an-id", 10_000)).toBeNull();
    expect(buffer.key("Enter", "Enter", false, 20_000)).toBeNull();
  });

  it("takes Latin characters as typed (a Latin layout, WebDriver)", () => {
    const buffer = new ScanBuffer();
    let at = 0;
    for (const c of `consent-desk:form:${ID}`) buffer.key("Unidentified", c, false, (at += 3));
    expect(buffer.key("Enter", "Enter", false, at + 3)).toBe(ID);
  });

  it("starts again after a pause", () => {
    const buffer = new ScanBuffer();
    scan(buffer, "garbage", 0);
    expect(scan(buffer, `consent-desk:form:${ID}`, 5_000)).toBe(ID);
  });
});

describe("latinFromRussianLayout", () => {
  it("reads a join code typed in the Russian layout as the keys pressed", () => {
    expect(latinFromRussianLayout("сщтыуте-вуылЖощшт")).toBe("consent-desk:join");
    expect(latinFromRussianLayout("СЩТЫУТЕ-ВУЫЛЖОЩШТЖ0Ф9")).toBe("CONSENT-DESK:JOIN:0A9");
  });

  it("leaves Latin text and digits as they are", () => {
    expect(latinFromRussianLayout("consent-desk:join:7K2M-0")).toBe("consent-desk:join:7K2M-0");
  });
});
