/**
 * Language for the Custom UI apps: the user's Jira locale, mapped by the same `toLang` the server uses,
 * and a hook that binds a catalogue of src/i18n/catalog to it.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { DEFAULT_LANG, format, formatDate as formatDateFor, formatTime as formatTimeOf, type Catalogue, type Lang, type Params } from '../../src/i18n';

const LangContext = createContext<Lang>(DEFAULT_LANG);

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext);
}

export type Translate<T> = (key: keyof T & string, params?: Params) => string;

export function useTranslate<T extends Record<string, string>>(catalogue: Catalogue<T>): Translate<T> {
  const lang = useLang();
  return useCallback(
    (key: keyof T & string, params?: Params) => format(catalogue[lang][key] ?? catalogue.ca[key], params, lang),
    [catalogue, lang],
  );
}

/**
 * Dates through the same helper as the server's messages (src/i18n/dates.ts): long ("1 de març de 2027")
 * in running text, short with the time ("1/3/2027 13:05") in cells; Europe/Madrid; a bare date never shifts.
 * Sentences that need the article ("l'1 de març … a les 13:05") get the ISO value and let the catalogue say it.
 */
export function formatDate(iso: string | null, lang: Lang, withTime = false): string {
  if (!iso) return '';
  return formatDateFor(lang, iso, withTime ? 'short' : 'long');
}

/** "13:05", "1:05": the time in Madrid. */
export function formatTime(iso: string | null, _lang?: Lang): string {
  if (!iso) return '';
  return formatTimeOf(iso);
}
