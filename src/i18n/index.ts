/**
 * Typed message lookup. Every user-facing text lives in a catalogue under ./catalog, one module per
 * concern, each with the same keys in Catalan (default), Spanish and English. The compiler checks that
 * every language has every key: a catalogue declares `ca` and types `es`/`en` as `Messages<typeof ca>`.
 */
export const LANGS = ['ca', 'es', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ca';

export type Messages<T> = { readonly [K in keyof T]: string };
export type Catalogue<T> = { readonly ca: T; readonly es: Messages<T>; readonly en: Messages<T> };
export type Params = Readonly<Record<string, string | number | null | undefined>>;

/** Maps a Jira locale ("ca_ES", "es-ES", "en_US") or a language tag to one of ours. */
export function toLang(locale: string | null | undefined): Lang {
  const prefix = (locale ?? '').slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(prefix) ? (prefix as Lang) : DEFAULT_LANG;
}

/** Replaces `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Whether a string built at run time (e.g. `problem.${code}`) is a key of a catalogue. */
export function isCatalogueKey<T extends Record<string, string>>(catalogue: Catalogue<T>, key: string): key is keyof T & string {
  return Object.prototype.hasOwnProperty.call(catalogue.ca, key);
}

/** A translator bound to one catalogue: `const t = translator(pipelineMessages); t('es', 'key', {...})`. */
export function translator<T extends Record<string, string>>(catalogue: Catalogue<T>) {
  return (lang: Lang, key: keyof T & string, params?: Params): string =>
    format(catalogue[lang][key] ?? catalogue.ca[key], params);
}
