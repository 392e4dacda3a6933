import type { UiLang } from "../ipc/bindings";
import { translate, type MessageKey, type Params } from "./translate";

/** The UI's language. Russian until the desk says otherwise. */
export const locale = $state<{ lang: UiLang }>({ lang: "ru" });

/** Translates `key` in the current language; reading `locale.lang` makes templates re-render on a switch. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale.lang, key, params);
}
