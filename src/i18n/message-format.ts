/**
 * Fills a catalogue string: ICU MessageFormat (plural, select, `#`) through intl-messageformat, with the
 * values prepared for the language first:
 * - numbers are grouped as the language writes them (ca "5.000", es "5000" and "15.000");
 * - an ISO date or timestamp reads as a long date ("1 de març de 2027"), a list as "A, B i C";
 * - derived placeholders `{x_de}`, `{x_el}`, `{x_del}`, `{x_al}` (Catalan elision: "d'OVER", "l'1 de març"),
 *   `{x_les}` (time with its article: "les 13:05", "la 1:05"), `{x_time}`, `{x_short}` ("1/3/2027 13:05")
 *   and `{x_or}` (a list joined with "o") are computed from the parameter `x`.
 * A parameter the caller did not pass stays visible as `{name}` rather than vanishing or throwing.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { formatDate, formatTime, parseIsoValue, timeWithArticle } from './dates';
import { elide } from './elision';
import { LOCALES, type Lang } from './lang';

export type ParamValue = string | number | readonly string[] | null | undefined;
export type Params = Readonly<Record<string, ParamValue>>;

// The parser's element kinds (intl-messageformat's TYPE enum): argument, number, date, time, select, plural, pound, tag.
const ARGUMENT = 1;
const SELECT = 5;
const PLURAL = 6;
interface Element {
  readonly type: number;
  readonly value?: unknown;
  readonly options?: Readonly<Record<string, { readonly value: readonly Element[] }>>;
  readonly children?: readonly Element[];
}

interface Compiled {
  readonly message: IntlMessageFormat;
  /** Every argument name, and those that choose a branch (their value must stay a number or a key). */
  readonly names: ReadonlySet<string>;
  readonly selectors: ReadonlySet<string>;
}

function collect(elements: readonly Element[], names: Set<string>, selectors: Set<string>): void {
  for (const el of elements) {
    if (typeof el.value === 'string' && el.type >= ARGUMENT && el.type <= PLURAL) names.add(el.value);
    if ((el.type === SELECT || el.type === PLURAL) && typeof el.value === 'string') selectors.add(el.value);
    for (const option of Object.values(el.options ?? {})) collect(option.value, names, selectors);
    if (el.children) collect(el.children, names, selectors);
  }
}

const cache = new Map<string, Compiled | null>();
const CACHE_LIMIT = 5000;

function compile(lang: Lang, template: string): Compiled | null {
  const cacheKey = `${lang}\u0000${template}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;
  let compiled: Compiled | null;
  try {
    // ignoreTag: "<" is plain text in our messages, never markup.
    const message = new IntlMessageFormat(template, LOCALES[lang], undefined, { ignoreTag: true });
    const names = new Set<string>();
    const selectors = new Set<string>();
    collect(message.getAst() as unknown as readonly Element[], names, selectors);
    compiled = { message, names, selectors };
  } catch {
    compiled = null; // not valid ICU: filled by plain substitution below, so text never disappears
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, compiled);
  return compiled;
}

// Building an Intl formatter costs far more than using one: one of each per language, built on first use.
const numberFormats = new Map<Lang, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function numberFormat(lang: Lang): Intl.NumberFormat {
  let nf = numberFormats.get(lang);
  if (!nf) numberFormats.set(lang, (nf = new Intl.NumberFormat(LOCALES[lang])));
  return nf;
}

function listFormat(lang: Lang, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  let lf = listFormats.get(`${lang}:${type}`);
  if (!lf) listFormats.set(`${lang}:${type}`, (lf = new Intl.ListFormat(LOCALES[lang], { type })));
  return lf;
}

/** A value as it reads in running text. */
export function renderValue(lang: Lang, value: Exclude<ParamValue, null | undefined>): string {
  if (typeof value === 'number') return numberFormat(lang).format(value);
  if (typeof value !== 'string') return listFormat(lang, 'conjunction').format(value);
  return parseIsoValue(value) ? formatDate(lang, value) : value;
}

const DERIVED = /^(.+)_(de|el|del|al|les|time|short|or)$/;

function derive(lang: Lang, name: string, params: Params): string | undefined {
  const match = DERIVED.exec(name);
  if (!match) return undefined;
  const [, base = '', form] = match;
  const value = params[base];
  if (value === undefined || value === null) return undefined;
  switch (form) {
    case 'les':
      return typeof value === 'string' ? timeWithArticle(lang, value) : undefined;
    case 'time':
      return typeof value === 'string' ? formatTime(value) : undefined;
    case 'short':
      return typeof value === 'string' ? formatDate(lang, value, 'short') : undefined;
    case 'or':
      return typeof value === 'object'
        ? listFormat(lang, 'disjunction').format(value)
        : renderValue(lang, value);
    default:
      return elide(lang, form as 'de' | 'el' | 'del' | 'al', renderValue(lang, value));
  }
}

function plainSubstitution(lang: Lang, template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? (derive(lang, name, params) ?? whole) : renderValue(lang, value);
  });
}

/** Fills `template` for `lang`. */
export function formatMessage(lang: Lang, template: string, params: Params = {}): string {
  const compiled = compile(lang, template);
  if (!compiled) return plainSubstitution(lang, template, params);
  const values: Record<string, string | number> = {};
  for (const name of compiled.names) {
    const value = params[name];
    if (value === undefined || value === null) {
      values[name] = derive(lang, name, params) ?? `{${name}}`;
    } else if (compiled.selectors.has(name) && typeof value === 'number') {
      values[name] = value;
    } else if (compiled.selectors.has(name) && typeof value === 'string') {
      // A plural over a number that arrived as text ("3") still chooses by its value.
      values[name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    } else {
      values[name] = renderValue(lang, value);
    }
  }
  try {
    return String(compiled.message.format(values));
  } catch {
    return plainSubstitution(lang, template, params);
  }
}
