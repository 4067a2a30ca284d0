/**
 * Dates and times as the service desk writes them, identical on the server and in the browser.
 * A bare `yyyy-mm-dd` is a calendar day and never shifts; a timestamp is shown in Europe/Madrid.
 * Catalan long dates are built by hand: ICU's Catalan patterns give "1 de març 2027" (medium),
 * "1 de març del 2027" (long) and a typographic apostrophe ("d’abril"), none of which the glossary uses.
 */
import { LOCALES, type Lang } from './lang';

export const TIME_ZONE = 'Europe/Madrid';

const CA_MONTHS = [
  'de gener', 'de febrer', 'de març', "d'abril", 'de maig', 'de juny',
  'de juliol', "d'agost", 'de setembre', "d'octubre", 'de novembre', 'de desembre',
] as const;

/** A calendar day, and the wall-clock time in Madrid when the value was a timestamp. */
export interface CalendarValue {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly time: { readonly hour: number; readonly minute: number } | null;
}

const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const madridParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
});

/** Reads an ISO date or timestamp; anything else (including impossible days such as 2027-02-30) is null. */
export function parseIsoValue(value: string): CalendarValue | null {
  const bare = BARE_DATE.exec(value);
  if (bare) {
    const [year, month, day] = [Number(bare[1]), Number(bare[2]), Number(bare[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { year, month, day, time: null };
  }
  if (!TIMESTAMP.test(value)) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const parts = madridParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), time: { hour: part('hour'), minute: part('minute') } };
}

const longFormats = new Map<Lang, Intl.DateTimeFormat>();

function longDate(lang: Lang, v: CalendarValue): string {
  if (lang === 'ca') return `${v.day} ${CA_MONTHS[v.month - 1]} de ${v.year}`;
  const noon = new Date(Date.UTC(v.year, v.month - 1, v.day, 12));
  let formatter = longFormats.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    longFormats.set(lang, formatter);
  }
  return formatter.format(noon).replace(/\u2019/g, "'");
}

/** "13:05", "1:05", "0:30": hours without a leading zero, as ca and es write them in running text. */
function clock(time: { hour: number; minute: number }): string {
  return `${time.hour}:${String(time.minute).padStart(2, '0')}`;
}

export type DateStyle = 'long' | 'short';

/**
 * `long`: "1 de març de 2027", "1 de marzo de 2027", "1 March 2027" (sentences).
 * `short`: "1/3/2027", with the time for a timestamp: "1/3/2027 13:05" (table cells, logs).
 * A value that is not an ISO date or timestamp is returned unchanged.
 */
export function formatDate(lang: Lang, value: string, style: DateStyle = 'long'): string {
  const v = parseIsoValue(value);
  if (!v) return value;
  if (style === 'long') return longDate(lang, v);
  const day = `${v.day}/${v.month}/${v.year}`;
  return v.time ? `${day} ${clock(v.time)}` : day;
}

/** The time of a timestamp in Madrid ("13:05"); "" for a bare date; other text unchanged. */
export function formatTime(value: string): string {
  const v = parseIsoValue(value);
  if (!v) return value;
  return v.time ? clock(v.time) : '';
}

/**
 * The time with its article, for "a {x_les}" / "des de {x_les}": ca "les 13:05" / "la 1:05",
 * es "las 13:05" / "la 1:05", en "13:05". Accepts a timestamp or an already formatted "H:MM".
 */
export function timeWithArticle(lang: Lang, value: string): string {
  const text = formatTime(value);
  const hour = /^(\d{1,2}):\d{2}$/.exec(text)?.[1];
  if (hour === undefined || lang === 'en') return text;
  if (Number(hour) === 1) return `la ${text}`;
  return `${lang === 'ca' ? 'les' : 'las'} ${text}`;
}
