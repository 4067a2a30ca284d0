/**
 * Catalan elision and contraction in front of a value only known at run time: "de MUX" but "d'OVER",
 * "el 5" but "l'1", "del 5" but "de l'11". Spanish and English never elide; Spanish still contracts
 * (del, al). The catalogue never writes the article or the apostrophe itself: only the code sees the
 * value (and an apostrophe before `{` would start an ICU quote).
 */
import type { Lang } from './lang';

export type Preposition = 'de' | 'el' | 'del' | 'al';

// How each service name is read: "mux" (a word), "e-nòtum", "e-tauler", "óver", "eacat".
const READINGS: Readonly<Record<string, boolean>> = { MUX: false, 'E-NOTUM': true, 'E-TAULER': true, OVER: true, EACAT: true };

// Letters whose Catalan name starts with a vowel sound (efa, ela, ema, ena, erra, essa, ics, and the vowels).
const VOWEL_NAMED_LETTERS = new Set('AEFHILMNORSUX');

const VOWEL = /^[aeiouàèéíïòóúü]/i;

/** Whether a number is read starting with "u", "un" or "onze" (1, 11, 11.000, 1.000.000), never "mil". */
function numberStartsWithVowel(n: number): boolean {
  if (n >= 1_000_000) return Math.floor(n / 1_000_000) === 1 || numberStartsWithVowel(Math.floor(n / 1_000_000));
  if (n >= 1000) {
    const thousands = Math.floor(n / 1000);
    return thousands !== 1 && numberStartsWithVowel(thousands);
  }
  return n === 1 || n === 11;
}

function wordStartsWithVowel(word: string): boolean {
  const reading = READINGS[word.toUpperCase()];
  if (reading !== undefined) return reading;
  // An acronym without a vowel is spelled letter by letter ("d'SMS", "de CD").
  if (/^[A-Z]{2,}$/.test(word) && !/[AEIOU]/.test(word)) return VOWEL_NAMED_LETTERS.has(word[0] ?? '');
  const rest = /^h/i.test(word) ? word.slice(1) : word;
  if (!VOWEL.test(rest)) return false;
  // i/u before a vowel are consonants ("de iogurt", "de Huelva").
  return !/^[iuïü][aeiouàèéíòóú]/i.test(rest);
}

/** Whether Catalan elides an article or "de" in front of this value. */
export function startsWithVowelSound(value: string): boolean {
  const text = value.trim().replace(/^[«"“(]+/, '');
  const digits = /^\d[\d.\u00a0\u202f ]*/.exec(text);
  if (digits) return numberStartsWithVowel(Number(digits[0].replace(/[.\u00a0\u202f ]/g, '')));
  const word = /^[^\s,.;:)»"”]+/.exec(text)?.[0] ?? '';
  return word !== '' && wordStartsWithVowel(word);
}

const CA: Readonly<Record<Preposition, readonly [string, string]>> = {
  de: ['de ', "d'"],
  el: ['el ', "l'"],
  del: ['del ', "de l'"],
  al: ['al ', "a l'"],
};
const ES: Readonly<Record<Preposition, string>> = { de: 'de ', el: 'el ', del: 'del ', al: 'al ' };

/** `value` preceded by the preposition or article, elided or contracted as the language writes it. */
export function elide(lang: Lang, prep: Preposition, value: string): string {
  if (lang === 'ca') {
    const [full, elided] = CA[prep];
    return (startsWithVowelSound(value) ? elided : full) + value;
  }
  if (lang === 'es') return ES[prep] + value;
  return value;
}
