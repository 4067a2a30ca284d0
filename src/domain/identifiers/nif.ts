import { NIF_CONTROL_LETTERS, nifControlNumber } from './check-digits';
import { normaliseIdentifier } from './normalise';

/**
 * NIF of a legal person ("CIF"): letter + 7 digits + control. An ens is always a legal person, so the
 * personal forms (DNI, NIE, K/L/M) are not accepted. Control: a letter for P, Q, R, S, N, W (public bodies,
 * foreign entities), a digit for A, B, E, H, either for the rest.
 * The digits are NOT derived from the INE code (Sabadell: INE 08187, NIF P0818600I), so nothing here
 * compares them with it.
 */
const LEGAL_PERSON_LETTERS = 'ABCDEFGHJNPQRSUVW';
const LETTER_CONTROL = 'PQRSNW';
const DIGIT_CONTROL = 'ABEH';

export type NifParse =
  | { ok: true; nif: string }
  | { ok: false; code: 'nif.invalid' }
  | { ok: false; code: 'nif.checksum'; expected: string };

export function parseNif(written: string): NifParse {
  const nif = normaliseIdentifier(written);
  const shape = /^([A-Z])([0-9]{7})([A-Z0-9])$/.exec(nif);
  if (!shape || !LEGAL_PERSON_LETTERS.includes(shape[1]!)) return { ok: false, code: 'nif.invalid' };
  const [, letter, digits, control] = shape as unknown as [string, string, string, string];
  const c = nifControlNumber(digits);
  const asLetter = NIF_CONTROL_LETTERS[c]!;
  const asDigit = String(c);
  const accepted = LETTER_CONTROL.includes(letter)
    ? [asLetter]
    : DIGIT_CONTROL.includes(letter)
      ? [asDigit]
      : [asLetter, asDigit];
  if (!accepted.includes(control)) return { ok: false, code: 'nif.checksum', expected: letter + digits + accepted[0] };
  return { ok: true, nif };
}
