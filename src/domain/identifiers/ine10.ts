import { ineControlDigit } from './check-digits';
import { isDigits, isProvince, normaliseIdentifier } from './normalise';

/**
 * The AOC codi d'ens (INE10): d1..d5 + DC1 + d7 d8 d9 + DC2, DC1 = DC(d1..d5), DC2 = DC("0" + d6..d9).
 * For an ajuntament the first six digits are its INE code and d7..d9 = 000; bodies that depend on it have
 * other d7..d9; non-municipal ens (EMD 70…, comarca 81…) have prefixes above 52 and no municipality.
 */
export type CodiEnsParse =
  | {
      ok: true;
      codiEns: string;
      /** The municipality (5 and 6 digits) for a municipal prefix (01–52); null for other ens. */
      ine5: string | null;
      ine6: string | null;
      /** d7..d9 = 000: the ajuntament itself rather than a body that depends on it. */
      isAjuntament: boolean;
    }
  | { ok: false; code: 'codiEns.invalid' }
  | { ok: false; code: 'codiEns.checksum'; expected: string };

function secondControlDigit(firstNine: string): string {
  return ineControlDigit(`0${firstNine.slice(5, 9)}`);
}

export function parseCodiEns(written: string): CodiEnsParse {
  let digits = normaliseIdentifier(written);
  if (!isDigits(digits)) return { ok: false, code: 'codiEns.invalid' };
  // Excel drops the leading zero of every province below 10: 801930008 means 0801930008.
  if (digits.length === 9) digits = `0${digits}`;
  if (digits.length !== 10 || digits.startsWith('00')) return { ok: false, code: 'codiEns.invalid' };
  const dc1 = ineControlDigit(digits.slice(0, 5));
  const withDc1 = digits.slice(0, 5) + dc1 + digits.slice(6, 9);
  const dc2 = secondControlDigit(withDc1);
  const expected = withDc1 + dc2;
  if (expected !== digits) return { ok: false, code: 'codiEns.checksum', expected };
  const municipal = isProvince(digits.slice(0, 2));
  return {
    ok: true,
    codiEns: digits,
    ine5: municipal ? digits.slice(0, 5) : null,
    ine6: municipal ? digits.slice(0, 6) : null,
    isAjuntament: digits.slice(6, 9) === '000',
  };
}

/** The codi d'ens of the ajuntament of a municipality: INE6 + 000 + DC2 (Barcelona 080193 → 0801930008). */
export function deriveCodiEns(ine6: string): string {
  const firstNine = `${ine6}000`;
  return firstNine + secondControlDigit(firstNine);
}
