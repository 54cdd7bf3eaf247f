// The UI's language. The words come from the Paraglide messages compiled from the shared catalogues
// (`locales/<lang>.json` at the repository's root, also read by the backend): `import { m } from
// '$lib/i18n.svelte'` and write `m.key({ name })`. Which language, and the locale tag of dates, times
// and numbers (`Intl`), is the backend's answer (`ui_locale`), so the UI and the notifications agree.
import { getLocale, setLocale, type Locale } from './paraglide/runtime.js';
import type { UiLocale } from './bindings/UiLocale';
import * as api from './api';

export { m } from './paraglide/messages.js';

const current = $state({ lang: getLocale() as Locale, tag: 'en' });

/** The language in use; views are keyed on `locale.lang`, so a change re-renders every word. */
export const locale = {
  get lang(): Locale {
    return current.lang;
  },
  /** The tag for `Intl` (e.g. "en-GB": 24 hours, "en-US": 12). */
  get tag(): string {
    return current.tag;
  },
};

/** Speaks `l` from now on. */
export function useLocale(l: UiLocale) {
  setLocale(l.lang, { reload: false });
  current.lang = l.lang;
  current.tag = l.tag;
  if (typeof document !== 'undefined') document.documentElement.lang = l.tag;
}

/** Asks the backend which language to speak; keeps English when it cannot tell. */
export async function loadLocale(): Promise<void> {
  try {
    useLocale(await api.uiLocale());
  } catch {
    useLocale({ lang: 'en', tag: 'en' });
  }
}

/** The number in the locale's own form ("1,5" in German). */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(current.tag, options).format(n);

/** `item` with a `name` read when used, so a list made once still speaks the language of the moment. */
export function withName<T extends object>(item: T, name: () => string): T & { readonly name: string } {
  return Object.defineProperty(item, 'name', { get: name, enumerable: true }) as T & { readonly name: string };
}
