import type { UiLang } from "../ipc/bindings";
import { en } from "./en";
import { ru, type MessageKey } from "./ru";

export type { MessageKey };
export type Params = Record<string, string | number>;

export const catalogs: Record<UiLang, Record<MessageKey, string>> = { ru, en };

/** The message `key` in `lang` with `{name}` placeholders filled from `params`. */
export function translate(lang: UiLang, key: MessageKey, params: Params = {}): string {
  const template = catalogs[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The key of a code's name in the catalogue: `codeKey("doc", "ru_passport")` → `doc.ru_passport`. */
export function codeKey(prefix: string, code: string): MessageKey {
  return `${prefix}.${code}` as MessageKey;
}

/** Whether the catalogue has `key` (codes the desk may add later fall back to a general name). */
export function hasKey(key: string): key is MessageKey {
  return key in ru;
}

/** A byte count for people: «512 байт», «1,5 КБ», «3,2 МБ». */
export function formatSize(lang: UiLang, bytes: number): string {
  const number = (n: number) =>
    n.toLocaleString(lang === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024) return translate(lang, "size.bytes", { n: bytes });
  if (bytes < 1024 * 1024) return translate(lang, "size.kib", { n: number(bytes / 1024) });
  return translate(lang, "size.mib", { n: number(bytes / (1024 * 1024)) });
}
