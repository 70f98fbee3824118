// The interface language and t(). i18next does lookup, plurals (Intl.PluralRules: `_one`/`_other`
// keys) and `{{var}}` interpolation; the language lives in a signal, so every component that
// called t() while rendering renders again when it changes. See docs/i18n.md.
import { effect, signal } from '@preact/signals';
import { createInstance, type TOptions } from 'i18next';
import { errorMessage, type Translatable } from '../../shared/errors';
import { languageInfo, languages, pickLanguage, type Language } from './languages';
import { namespaces, resources } from './resources';

const storageKey = 'rag-lab-language';

const i18n = createInstance();
void i18n.init({
  resources,
  ns: namespaces,
  defaultNS: 'common',
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...languages],
  // Preact escapes text itself; escaping here would show &amp; in the page.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

function stored(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    return (languages as readonly string[]).includes(v ?? '') ? (v as Language) : null;
  } catch {
    return null; // storage blocked (some private modes): follow the browser every visit
  }
}

/** The interface language: the remembered choice, else the browser's (first visit). */
export const language = signal<Language>(stored() ?? pickLanguage(globalThis.navigator?.languages ?? []));

/** The BCP 47 tag of the current language, for Intl and `<html lang>`. */
export const locale = (): string => languageInfo[language.value].tag;

/** Switches the interface language and remembers it. */
export function setLanguage(next: Language): void {
  language.value = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // not remembered, still switched
  }
}

if (typeof document !== 'undefined') effect(() => void (document.documentElement.lang = locale()));

/**
 * The text of `key` ("namespace:path.to.key"; a key without a namespace is in common) in the
 * current language, with `{{var}}` values from `params`; `count` picks the plural form.
 */
export function t(key: string, params?: Record<string, unknown>): string {
  const lng = language.value; // read here so that the calling component subscribes
  return i18n.t(key, { ...(params as TOptions), lng }) as string;
}

/** A translatable message (an error's, a notice's) in the current language. */
export const tr = (m: Translatable): string => t(m.key, m.params);

/**
 * Text kept in state (a notice): plain text (a detail from the browser), a key that is translated when
 * shown (so a later language switch applies), or several of those sentences in a row.
 */
export type Message = string | Translatable | readonly (string | Translatable)[];

/** A Message in the current language; sentences are joined as the language does (a space in English, none in Chinese). */
export function say(m: Message): string {
  if (typeof m === 'string') return m;
  if (!Array.isArray(m)) return tr(m as Translatable);
  return m.map((part: string | Translatable) => (typeof part === 'string' ? part : tr(part))).join(t('common:sentenceSeparator'));
}

/** A thrown value as a Message: its translation key when it carries one, so a later language switch applies. */
export function messageOf(e: unknown): Message {
  const m = (e as { i18n?: Translatable } | null)?.i18n;
  return m && typeof m.key === 'string' ? m : errorMessage(e);
}

/** What to show for a thrown value: its translation when it carries one, else its message. */
export const errorText = (e: unknown): string => say(messageOf(e));
