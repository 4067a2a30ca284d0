/**
 * Language for the Custom UI apps: the user's Jira locale, mapped by the same `toLang` the server uses,
 * and a hook that binds a catalogue of src/i18n/catalog to it.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { DEFAULT_LANG, format, type Catalogue, type Lang, type Params } from '../../src/i18n';

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
    (key: keyof T & string, params?: Params) => format(catalogue[lang][key] ?? catalogue.ca[key], params),
    [catalogue, lang],
  );
}

const LOCALES: Record<Lang, string> = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };

/** Dates as people of that language write them; Jira works in Europe/Madrid for this service desk. */
export function formatDate(iso: string | null, lang: Lang, withTime = false): string {
  if (!iso) return '';
  // A bare date (2026-03-01) is a calendar day: format it without shifting it through a time zone.
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(bareDate ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'medium',
    ...(withTime && !bareDate ? { timeStyle: 'short' } : {}),
    timeZone: bareDate ? 'UTC' : 'Europe/Madrid',
  }).format(date);
}

export function formatTime(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(date);
}
