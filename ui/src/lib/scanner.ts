// A USB barcode scanner is a keyboard: it types the QR code's text and presses Enter, wherever the focus
// is. The desk's QR codes say `consent-desk:form:<uuid>`. In the Russian layout the same keys type
// Cyrillic letters, so characters are read from the physical key (`event.code`) as the US layout has them.

/** What the desk's QR codes start with, before the form id. */
export const FORM_QR_PREFIX = "consent-desk:form:";
/** How many characters a scanner types for one QR code: the prefix and a hyphenated UUID. */
export const FORM_QR_LENGTH = FORM_QR_PREFIX.length + 36;

export const FORM_QR = /consent-desk:form:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A pause that ends a burst of keys. The full `consent-desk:form:<uuid>` text is unambiguous (nobody types it by hand), so the gap only has to tolerate a busy machine. */
export const SCANNER_GAP_MS = 1000;

const shifted: Record<string, string> = { Semicolon: ":", Minus: "_" };
const plain: Record<string, string> = { Semicolon: ";", Minus: "-", Period: ".", Slash: "/" };

/** The character a key types in the US layout, or null for keys a scanner does not send. */
export function usLayoutChar(code: string, shift: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return shift ? letter[1]! : letter[1]!.toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return shift ? null : digit[1]!;
  if (code === "NumpadSubtract") return "-";
  return (shift ? shifted[code] : plain[code]) ?? null;
}

/** Collects fast keystrokes and recognises a form's QR code when Enter ends them. */
export class ScanBuffer {
  private text = "";
  private last = -Infinity;

  /**
   * Feeds one keydown (`code` the physical key, `key` what it typed); returns the form id when this
   * Enter completes a scanned QR code. A Latin character is taken as typed; anything else (a Cyrillic
   * letter of the Russian layout) is read from the physical key.
   */
  key(code: string, key: string, shift: boolean, at: number): string | null {
    if (at - this.last > SCANNER_GAP_MS) this.text = "";
    this.last = at;
    if (code === "Enter" || code === "NumpadEnter") {
      const match = FORM_QR.exec(this.text);
      this.text = "";
      return match ? match[1]!.toLowerCase() : null;
    }
    const char = /^[\x21-\x7e]$/.test(key) ? key : usLayoutChar(code, shift);
    if (char === null) {
      if (!/^(Shift|Control|Alt|Meta)(Left|Right)$/.test(code)) this.text = "";
      return null;
    }
    this.text = (this.text + char).slice(-64);
    return null;
  }
}

const RU_LOWER = "йцукенгшщзхъфывапролджэячсмитьбю";
const US_LOWER = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const RU_UPPER = "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ";
const US_UPPER = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>';

/**
 * Text a scanner typed while the Russian layout was on, read back as the keys it pressed (the US
 * layout): `сщтыуте-вуылЖощштЖ…` is `consent-desk:join:…`. Latin text passes unchanged.
 */
export function latinFromRussianLayout(text: string): string {
  let out = "";
  for (const char of text) {
    const lower = RU_LOWER.indexOf(char);
    const upper = RU_UPPER.indexOf(char);
    out += lower >= 0 ? US_LOWER[lower] : upper >= 0 ? US_UPPER[upper] : char;
  }
  return out;
}
