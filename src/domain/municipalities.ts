/**
 * The 311 municipalities of the province of Barcelona (data/municipis-barcelona.csv, compiled into
 * municipalities.data.ts by scripts/generate-municipalities.ts). Used to refuse unknown INE codes in
 * province 08 and to warn when a row's name is not the official name of its code.
 */
import { startsWithVowelSound } from './catalan-elision';
import { deriveCodiEns } from './identifiers/ine10';
import { MUNICIPALITY_ROWS } from './municipalities.data';

export interface Municipality {
  ine5: string;
  ine6: string;
  /** Official Catalan name, article in front: "L'Hospitalet de Llobregat". */
  name: string;
  /** As INE writes it, article behind: "Hospitalet de Llobregat, L'". */
  nameIneFormat: string;
  /** Codi d'ens (INE10) of the ajuntament. */
  codiEns: string;
}

export const MUNICIPALITIES: readonly Municipality[] = MUNICIPALITY_ROWS.map(([ine6, name, nameIneFormat]) => ({
  ine5: ine6.slice(0, 5),
  ine6,
  name,
  nameIneFormat,
  codiEns: deriveCodiEns(ine6),
}));

const byIne5 = new Map(MUNICIPALITIES.map((m) => [m.ine5, m]));

/** The province whose municipalities the reference list holds completely. */
export const REFERENCE_PROVINCE = '08';

export function findMunicipality(ine5: string): Municipality | null {
  return byIne5.get(ine5) ?? null;
}

const COUNCIL_WORDS = new Set(['ajuntament', 'ayuntamiento']);
/** "Ajuntament de Vic", "d'Abrera", "del Bruc", "dels Prats de Rei" ("de la", "de l'" lose their article below). */
const LINKING_WORDS = new Set(['de', 'd', 'del', 'dels']);
const ARTICLES = new Set(['el', 'la', 'els', 'les', 'l', 'lo', 'los', 'las']);

/**
 * What is left of a name once case, accents, punctuation, articles and a leading "Ajuntament de" are
 * ignored: "Ajuntament de l'Ametlla del Vallès", "L'Ametlla del Vallès" and "Ametlla del Vallès, L'" all
 * give "ametlla del valles".
 */
export function nameKey(text: string): string {
  const words =
    withoutAccents(text)
      .toLowerCase()
      // "l·l" (and "l.l" typed without the middle dot) is one letter pair, not two words.
      .replace(/[·.]/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  let start = 0;
  if (words.length > 1 && COUNCIL_WORDS.has(words[0]!)) {
    start = 1;
    if (words.length > 2 && LINKING_WORDS.has(words[1]!)) start = 2;
  }
  return words
    .slice(start)
    .filter((w) => !ARTICLES.has(w))
    .join(' ');
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Accents dropped ("Vallès" → "Valles"). ASCII text has none, and Unicode normalisation is the costly step. */
function withoutAccents(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
}

const officialKeys = new Map<Municipality, readonly string[]>();
const councilLinks = new Map<Municipality, string>();
/** The spellings a template usually carries ("Ajuntament d'Abrera", "Abrera"), each known to be official. */
const officialSpellings = new Map<Municipality, ReadonlySet<string>>();

/**
 * How "Ajuntament" joins the municipality's name: the article contracts or elides
 * ("del Bruc", "de l'Ametlla del Vallès", "de la Garriga") and "de" elides before a vowel sound ("d'Abrera").
 */
function councilLink(municipality: Municipality): string {
  let link = councilLinks.get(municipality);
  if (link === undefined) {
    link = deriveCouncilLink(municipality);
    councilLinks.set(municipality, link);
  }
  return link;
}

function deriveCouncilLink(municipality: Municipality): string {
  const article = /^(els|el|les|la|l')\s*/i.exec(municipality.name.replace(/\u2019/g, "'"))?.[1]?.toLowerCase();
  if (article === 'el') return 'del';
  if (article === 'els') return 'dels';
  if (article !== undefined) return `de ${article}`;
  return startsWithVowelSound(municipality.name) ? "d'" : 'de';
}

/** The ajuntament's official name: "Ajuntament d'Abrera", "Ajuntament de l'Hospitalet de Llobregat". */
export function councilName(municipality: Municipality): string {
  const link = councilLink(municipality);
  const name = link === 'de' || link === "d'" ? municipality.name : municipality.name.replace(/^(els|el|les|la|l')\s*/i, '');
  return `Ajuntament ${link}${link.endsWith("'") ? '' : ' '}${name}`;
}

// "Ajuntament" and the words that join it to the name, longest first so "de la" is not read as "de".
const COUNCIL_LINK = /^\s*ajuntament\s+(de\s+l['\u2019]\s*|de\s+la\s+|de\s+les\s+|dels\s+|del\s+|d['\u2019]\s*|de\s+)/i;

/** A name written with "Ajuntament" must join it as Catalan does: "Ajuntament de Abrera" is not official. */
function councilLinkIsRight(written: string, municipality: Municipality): boolean {
  const match = COUNCIL_LINK.exec(written);
  if (!match) return true;
  const link = (match[1] ?? '').toLowerCase().replace(/\u2019/g, "'").replace(/\s+/g, ' ').trim();
  return link === councilLink(municipality);
}

/** True when a written name is the municipality's official name (see nameKey for what is ignored). */
export function isOfficialName(written: string, municipality: Municipality): boolean {
  // Thousands of rows each carry their council's name as the list writes it: one lookup answers those.
  let spellings = officialSpellings.get(municipality);
  if (!spellings) {
    const candidates = [councilName(municipality), municipality.name, municipality.nameIneFormat];
    spellings = new Set(candidates.filter((candidate) => matchesOfficialName(candidate, municipality)));
    officialSpellings.set(municipality, spellings);
  }
  return spellings.has(written) || matchesOfficialName(written, municipality);
}

function matchesOfficialName(written: string, municipality: Municipality): boolean {
  let keys = officialKeys.get(municipality);
  if (!keys) {
    keys = [nameKey(municipality.name), nameKey(municipality.nameIneFormat)];
    officialKeys.set(municipality, keys);
  }
  return keys.includes(nameKey(written)) && councilLinkIsRight(written, municipality);
}
