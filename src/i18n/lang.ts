/** The languages of the catalogues, and how a Jira locale maps to one of them. */
export const LANGS = ['ca', 'es', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ca';

/** BCP 47 tags for Intl: the region fixes conventions (grouping, date order) for the people we write to. */
export const LOCALES: Readonly<Record<Lang, string>> = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };

/** Maps a Jira locale ("ca_ES", "es-ES", "en_US") or a language tag to one of ours. */
export function toLang(locale: string | null | undefined): Lang {
  const prefix = (locale ?? '').slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(prefix) ? (prefix as Lang) : DEFAULT_LANG;
}
