import { normaliseIdentifier } from './normalise';

/**
 * DIR3 codes (the State's directory of administrative units) are nine characters: a letter, then letters
 * or digits (L01080193, L02000008, EA0003166, GE0000519). Only an ajuntament's code (L01 + its 6-digit INE)
 * can be checked against the row; the others are checked for shape only.
 */
export type Dir3Parse = { ok: true; dir3: string } | { ok: false; code: 'dir3.invalid' };

export function parseDir3(written: string): Dir3Parse {
  const dir3 = normaliseIdentifier(written);
  return /^[A-Z][A-Z0-9]{8}$/.test(dir3) ? { ok: true, dir3 } : { ok: false, code: 'dir3.invalid' };
}

export const AJUNTAMENT_DIR3_PREFIX = 'L01';

export function ajuntamentDir3(ine6: string): string {
  return AJUNTAMENT_DIR3_PREFIX + ine6;
}
