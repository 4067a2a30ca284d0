/**
 * Identifiers arrive typed by people and round-tripped through Excel: "08.019", "P-0801900-B", " l01 080193 ".
 * Spaces (including non-breaking ones), dots and hyphens never carry meaning in INE, INE10, NIF or DIR3.
 */
const ALREADY_NORMAL = /^[0-9A-Z]*$/;

export function normaliseIdentifier(text: string): string {
  // Most identifiers arrive clean ("08019", "P0801900B"): nothing to upper-case or strip, no copy to make.
  return ALREADY_NORMAL.test(text) ? text : text.toUpperCase().replace(/[\s.\-\u2010-\u2015]+/g, '');
}

export function isDigits(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

/** Province prefixes of Spain's INE codes: 01 (Araba) … 52 (Melilla). */
export function isProvince(twoDigits: string): boolean {
  const n = Number(twoDigits);
  return isDigits(twoDigits) && twoDigits.length === 2 && n >= 1 && n <= 52;
}
