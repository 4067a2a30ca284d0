/**
 * Whether Catalan elides "de" / "el" / "la" in front of a word or a number ("d'Abrera", "d'OVER", "l'1",
 * "d'11.000" but "de MUX", "de Huelva", "de 1.000"). The one rule behind both the messages
 * (src/i18n/elision.ts) and the check of official names ("Ajuntament d'Abrera", never "de Abrera").
 */

// How each service name is read: "mux" (a word), "e-nòtum", "e-tauler", "óver", "eacat".
const READINGS: Readonly<Record<string, boolean>> = { MUX: false, 'E-NOTUM': true, 'E-TAULER': true, OVER: true, EACAT: true };

// Letters whose Catalan name starts with a vowel sound (efa, ela, ema, ena, erra, essa, ics, hac, and the vowels).
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

/** Whether Catalan elides an article or "de" in front of this value (its first word or number decides). */
export function startsWithVowelSound(value: string): boolean {
  const text = value.trim().replace(/^[«"“(]+/, '');
  const digits = /^\d[\d.\u00a0\u202f ]*/.exec(text);
  if (digits) return numberStartsWithVowel(Number(digits[0].replace(/[.\u00a0\u202f ]/g, '')));
  const word = /^[^\s,.;:)»"”]+/.exec(text)?.[0] ?? '';
  return word !== '' && wordStartsWithVowel(word);
}
