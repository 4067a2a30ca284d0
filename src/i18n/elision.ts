/**
 * Catalan elision and contraction in front of a value only known at run time: "de MUX" but "d'OVER",
 * "el 5" but "l'1", "del 5" but "de l'11". Spanish and English never elide; Spanish still contracts
 * (del, al). The catalogue never writes the article or the apostrophe itself: only the code sees the
 * value (and an apostrophe before `{` would start an ICU quote).
 */
import { startsWithVowelSound } from '../domain/catalan-elision';
import type { Lang } from './lang';

export { startsWithVowelSound };

export type Preposition = 'de' | 'el' | 'del' | 'al';

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
