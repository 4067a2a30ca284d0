/**
 * Typed message lookup. Every user-facing text lives in a catalogue under ./catalog, one module per
 * concern, each with the same keys in Catalan (default), Spanish and English. The compiler checks that
 * every language has every key: a catalogue declares `ca` and types `es`/`en` as `Messages<typeof ca>`.
 * Messages are ICU MessageFormat (plurals and selects); `{name}` placeholders are ICU's simple arguments.
 * Wording rules (terms, register, apostrophe) are in docs/glossary.md.
 */
import { DEFAULT_LANG, type Lang } from './lang';
import { formatMessage, type Params } from './message-format';

export { DEFAULT_LANG, LANGS, LOCALES, toLang, type Lang } from './lang';
export type { ParamValue, Params } from './message-format';
export { elide, startsWithVowelSound, type Preposition } from './elision';
export { formatDate, formatTime, timeWithArticle, type DateStyle } from './dates';

export type Messages<T> = { readonly [K in keyof T]: string };
export type Catalogue<T> = { readonly ca: T; readonly es: Messages<T>; readonly en: Messages<T> };

/**
 * Fills a message for `lang` (Catalan when omitted): plurals and selects, numbers, dates and lists as the
 * language writes them, and the derived placeholders described in ./message-format. A missing parameter
 * stays visible as `{name}` rather than vanishing.
 */
export function format(template: string, params: Params = {}, lang: Lang = DEFAULT_LANG): string {
  return formatMessage(lang, template, params);
}

/** Whether a string built at run time (e.g. `problem.${code}`) is a key of a catalogue. */
export function isCatalogueKey<T extends Record<string, string>>(catalogue: Catalogue<T>, key: string): key is keyof T & string {
  return Object.prototype.hasOwnProperty.call(catalogue.ca, key);
}

/** A translator bound to one catalogue: `const t = translator(pipelineMessages); t('es', 'key', {...})`. */
export function translator<T extends Record<string, string>>(catalogue: Catalogue<T>) {
  return (lang: Lang, key: keyof T & string, params?: Params): string =>
    format(catalogue[lang][key] ?? catalogue.ca[key], params, lang);
}
