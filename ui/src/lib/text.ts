// Text kept on screen (an error, a "saved" note) that must follow Alt+L like the rest of the page. It is
// kept as a function and called while rendering: `t` reads `locale.lang`, so the template re-renders
// in the new language. A string computed once would stay in the language it was made in.
import type { UiLang } from "./ipc";
import { locale, t } from "./i18n/index.svelte";
import type { MessageKey, Params } from "./i18n/translate";

/** A message that is re-worded on every render. */
export type Text = () => string;

/** The catalogue's `key` in whatever the current language is when it is shown. */
export function said(key: MessageKey, params?: Params): Text {
  return () => t(key, params);
}

/**
 * The desk's own words (an error message): they are in the language the desk spoke at the time, and
 * only the desk can word the details again. Shown as they are while that language is on; after a
 * switch, `fallback` stands in, in the new language.
 */
export function deskSaid(message: string, fallback: MessageKey, writtenIn: UiLang = locale.lang): Text {
  return () => (locale.lang === writtenIn ? message : t(fallback));
}
