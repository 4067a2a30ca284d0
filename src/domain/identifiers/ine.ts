import { ineControlDigit } from './check-digits';
import { isDigits, isProvince, normaliseIdentifier } from './normalise';

export type IneParse =
  | { ok: true; ine5: string; ine6: string }
  | { ok: false; code: 'ine.invalid' }
  | { ok: false; code: 'ine.checksum'; expected: string };

/**
 * Excel drops leading zeros, in numeric cells and after a CSV round trip alike:
 * 8019 → 08019, and a 5-digit code starting with 6–9 (no province does) is a 6-digit code that lost its
 * zero: 80193 → 080193.
 */
export function restoreIneZeros(digits: string): string {
  if (digits.length === 4) return `0${digits}`;
  if (digits.length === 5 && digits.charCodeAt(0) >= 54 /* '6' */) return `0${digits}`;
  return digits;
}

/** INE municipality code as written (5 digits, or 6 with the control digit) → both forms, checked. */
export function parseIne(written: string): IneParse {
  const digits = normaliseIdentifier(written);
  if (!isDigits(digits)) return { ok: false, code: 'ine.invalid' };
  const code = restoreIneZeros(digits);
  if ((code.length !== 5 && code.length !== 6) || !isProvince(code.slice(0, 2))) {
    return { ok: false, code: 'ine.invalid' };
  }
  const ine5 = code.slice(0, 5);
  const expected = ineControlDigit(ine5);
  if (code.length === 6 && code[5] !== expected) return { ok: false, code: 'ine.checksum', expected: ine5 + expected };
  return { ok: true, ine5, ine6: ine5 + expected };
}
