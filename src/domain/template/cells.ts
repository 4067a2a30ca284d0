import type { RawCell } from './types';

/** Whitespace that collapsing would change: anything but a plain space (tab, line break, NBSP…), or two in a row. */
const UNCOLLAPSED_WHITESPACE = /[^\S ]|\s\s/;

/**
 * A cell as text, the way a user would read it back: trimmed, numbers in plain decimal form (no
 * exponent, no float noise), empty → null. Text is data: "=SUM(A1)" stays that string.
 */
export function cellText(cell: RawCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? numberText(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // Most cells hold no run of whitespace to collapse; testing first spares building a copy of each.
  const text = (UNCOLLAPSED_WHITESPACE.test(cell) ? cell.replace(/\s+/g, ' ') : cell).trim();
  return text === '' ? null : text;
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  // Excel stores 8019 typed in a General cell exactly; anything else is shown as Excel would (≤ 15 digits).
  return String(Number(n.toPrecision(15)));
}
