/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ru } from "./ru";
import { catalogs, formatSize, translate, type MessageKey } from "./translate";

const keys = Object.keys(ru) as MessageKey[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("have the same keys in Russian and English", () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it("use the same placeholders in both languages", () => {
    for (const key of keys) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
    }
  });

  it("have no empty messages", () => {
    for (const lang of ["ru", "en"] as const) {
      for (const key of keys) expect(catalogs[lang][key].trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("leak no English into the Russian UI", () => {
    // Names that stay Latin in Russian text: the product, key names (Alt, Enter, Esc, K, L), the language's
    // own name, «QR-код» and «PDF», which Russian paperwork writes in Latin letters, the key variable, and the
    // calendar files' format (xmlcalendar, its site and extension), which has no Russian name, and
    // «CSV» and «Excel», the file format and the program an inspection's spreadsheet is for.
    const allowed =
      /Consent Desk|CONSENT_DESK_DB_KEY|Alt|Enter|Esc|English|QR|PDF|CSV|Excel|xmlcalendar(\.ru)?|\.xml\b|\b[KL]\b|\{\w+\}/g;
    for (const key of keys) {
      const rest = ru[key].replace(allowed, "");
      expect(rest, `ru ${key}: «${ru[key]}»`).not.toMatch(/[A-Za-z]/);
    }
  });

  it("leak no Russian into the English UI", () => {
    for (const key of keys) {
      const rest = en[key].replace("Русский", "");
      expect(rest, `en ${key}: "${en[key]}"`).not.toMatch(/[А-Яа-яЁё]/);
    }
  });
});

describe("translate", () => {
  it("fills placeholders and keeps unknown ones visible", () => {
    expect(translate("ru", "status.version", { version: "1.2.3" })).toBe("версия 1.2.3");
    expect(translate("en", "status.version", { version: "1.2.3" })).toBe("version 1.2.3");
    expect(translate("ru", "status.version")).toBe("версия {version}");
  });

  it("formats sizes in the reader's language", () => {
    expect(formatSize("ru", 512)).toBe("512 байт");
    expect(formatSize("ru", 1536)).toBe("1,5 КБ");
    expect(formatSize("en", 1536)).toBe("1.5 KiB");
    expect(formatSize("en", 3 * 1024 * 1024)).toBe("3 MiB");
  });
});

// Components take every visible string from the catalogues: no text between tags and no literal
// aria-label/title/placeholder/alt with letters in any .svelte file.
describe("components", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
  const svelteFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return svelteFiles(path);
      return path.endsWith(".svelte") ? [path] : [];
    });

  it("exist (the scan below is not vacuous)", () => {
    expect(svelteFiles(root).length).toBeGreaterThanOrEqual(4);
  });

  it.each(svelteFiles(root).map((f) => [f.slice(root.length + 1), f]))(
    "%s has no hard-coded text",
    (_name, file) => {
      let markup = readFileSync(file, "utf8")
        .replace(/<script[\s\S]*?<\/script>/g, "")
        .replace(/<style[\s\S]*?<\/style>/g, "")
        .replace(/<!--[\s\S]*?-->/g, "");
      // Expressions nest ({t("k", { n })}): strip innermost braces until none are left.
      for (let prev = ""; prev !== markup; ) {
        prev = markup;
        markup = markup.replace(/\{[^{}]*\}/g, "");
      }
      const textNodes = [...markup.matchAll(/>([^<]*)</g)]
        .map((m) => (m[1] ?? "").trim())
        .filter((text) => /[A-Za-zА-Яа-яЁё]/.test(text));
      expect(textNodes).toEqual([]);
      const attrs = [...markup.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)]
        .map((m) => m[2] ?? "")
        .filter((value) => /[A-Za-zА-Яа-яЁё]/.test(value));
      expect(attrs).toEqual([]);
    },
  );
});
