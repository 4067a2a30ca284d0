/**
 * INE's control digit, used for the 6th digit
 * of a municipality code and, applied twice, for both control digits of the AOC codi d'ens (INE10).
 * With A and B below, for digits d1..d5: s = B[d1] + A[d2] + d3 + B[d4] + A[d5]; DC = (10 − s mod 10) mod 10.
 */
const A = [0, 3, 8, 2, 7, 4, 1, 5, 9, 6] as const;
const B = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9] as const;

/** `fiveDigits` must be exactly five ASCII digits (callers check the shape first). */
export function ineControlDigit(fiveDigits: string): string {
  const s =
    B[fiveDigits.charCodeAt(0) - 48]! +
    A[fiveDigits.charCodeAt(1) - 48]! +
    (fiveDigits.charCodeAt(2) - 48) +
    B[fiveDigits.charCodeAt(3) - 48]! +
    A[fiveDigits.charCodeAt(4) - 48]!;
  return String((10 - (s % 10)) % 10);
}

/**
 * Spanish NIF of a legal person (letter + 7 digits + control): over the 7 digits, odd positions (1st, 3rd,
 * 5th, 7th) are doubled and their digits summed, even positions added; c = (10 − sum mod 10) mod 10.
 */
export function nifControlNumber(sevenDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const digit = sevenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10;
}

export const NIF_CONTROL_LETTERS = 'JABCDEFGHI';
