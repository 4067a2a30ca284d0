/**
 * One pass over the bytes of an XML part, for the guard (xml-guard.ts): the most attributes on one element,
 * the longest text run or attribute value and, in an .xlsx worksheet, the cells SheetJS will materialise
 * and the characters their shared strings add up to.
 *
 * Bytes, not a decoded string: a worksheet is most of a template's bytes, and decoding it only to run
 * regular expressions over it (one match object per cell) cost more than the scan itself.
 */

const LT = 0x3c;
const GT = 0x3e;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const LOWER_C = 0x63;
const LOWER_I = 0x69;
const LOWER_S = 0x73;
const LOWER_T = 0x74;
const LOWER_V = 0x76;

export interface XmlMeasure {
  maxAttributes: number;
  maxRun: number;
}

export interface CellTally {
  /** Cell elements seen so far (`<c …>`, any namespace prefix), across the parts scanned with this tally. */
  cells: number;
  /** Characters of the shared strings the cells of type "s" refer to, each use counted. */
  expansion: number;
  /** The length of each shared string, by index. */
  readonly sharedStringLengths: readonly number[];
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function isWordByte(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f;
}

/** After a prefix (`x:`) if any, where an element's local name starts; `at` is the byte after `<`. */
function localNameAt(data: Uint8Array, at: number): number {
  let j = at;
  while (j < data.length && isWordByte(data[j]!)) j++;
  return j > at && data[j] === COLON ? j + 1 : at;
}

/**
 * Whether the element whose name (prefix included) starts at `at` has the local name `local` (as bytes),
 * followed by a space, `/` or `>` — how SheetJS splits cells and shared strings.
 */
function isElement(data: Uint8Array, at: number, local: readonly number[]): boolean {
  const name = localNameAt(data, at);
  for (let k = 0; k < local.length; k++) if (data[name + k] !== local[k]) return false;
  const next = data[name + local.length];
  return next !== undefined && (next === GT || next === SLASH || isSpace(next));
}

const CELL = [LOWER_C];
const SHARED_STRING = [LOWER_S, LOWER_I];

/** Whether the `=` at `at` ends an attribute named exactly `t` (preceded by white space). */
function isTypeAttribute(data: Uint8Array, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isSpace(data[j]!)) j--;
  return j > 0 && data[j] === LOWER_T && isSpace(data[j - 1]!);
}

/**
 * The shared-string index a cell's `<v>` gives right after its start tag ending at `from`
 * (`<v>12</v>`, white space allowed around), or -1.
 */
function valueIndexAfter(data: Uint8Array, from: number): number {
  let j = from;
  while (j < data.length && isSpace(data[j]!)) j++;
  if (data[j] !== LT) return -1;
  j = localNameAt(data, j + 1);
  if (data[j] !== LOWER_V || data[j + 1] !== GT) return -1;
  j += 2;
  while (j < data.length && isSpace(data[j]!)) j++;
  let index = 0;
  const start = j;
  while (j < data.length && data[j]! >= 0x30 && data[j]! <= 0x39 && j - start < 10) index = index * 10 + (data[j++]! - 0x30);
  if (j === start) return -1;
  while (j < data.length && isSpace(data[j]!)) j++;
  return data[j] === LT ? index : -1;
}

/**
 * Measures a part; with a tally, also counts its cells and their shared-string characters into it (the
 * caller passes one tally for all the worksheets of a file). Text, tags and quoted values each get a
 * tight loop that looks for the one byte ending them: a third faster than one loop testing every state
 * per byte, and faster than indexOf, whose per-call cost exceeds the short stretches of a sheet.
 */
export function scanXml(data: Uint8Array, tally?: CellTally): XmlMeasure {
  let maxAttributes = 0;
  let maxRun = 0;
  /** Where the current text run or quoted value started. */
  let runStart = 0;
  let inTag = false;
  /** The quote of a value still open at the end of the part, else 0. */
  let openQuote = 0;
  let attributes = 0;
  const end = data.length;
  let i = 0;
  while (i < end) {
    let lt = i;
    while (lt < end && data[lt] !== LT) lt++;
    if (lt === end) break;
    if (lt - runStart > maxRun) maxRun = lt - runStart;
    inTag = true;
    attributes = 0;
    // Cell state, only with a tally: in a cell's start tag, after its `t=`, and whether its type is "s".
    const cell = tally !== undefined && isElement(data, lt + 1, CELL);
    let typeAttribute = false;
    let typeIsShared = false;
    i = lt + 1;
    while (i < end) {
      const byte = data[i]!;
      if (byte === GT) break;
      if (byte === QUOT || byte === APOS) {
        const valueStart = i + 1;
        let close = valueStart;
        while (close < end && data[close] !== byte) close++;
        if (close === end) {
          openQuote = byte;
          runStart = valueStart;
          i = end;
          break;
        }
        const length = close - valueStart;
        if (length > maxRun) maxRun = length;
        if (typeAttribute) {
          typeIsShared = length === 1 && data[valueStart] === LOWER_S;
          typeAttribute = false;
        }
        i = close + 1;
        continue;
      }
      if (byte === EQ) {
        attributes++;
        if (cell) typeAttribute = isTypeAttribute(data, i);
      }
      i++;
    }
    if (i >= end) break;
    // The tag ends at i.
    inTag = false;
    if (attributes > maxAttributes) maxAttributes = attributes;
    runStart = i + 1;
    if (cell && tally) {
      tally.cells++;
      if (typeIsShared) {
        const index = valueIndexAfter(data, i + 1);
        if (index >= 0) tally.expansion += tally.sharedStringLengths[index] ?? 0;
      }
    }
    i++;
  }
  // An unterminated run at the end counts too, and so do the attributes of an unterminated tag.
  if (openQuote !== 0 && end - runStart > maxRun) maxRun = end - runStart;
  if (!inTag && end - runStart > maxRun) maxRun = end - runStart;
  if (inTag && attributes > maxAttributes) maxAttributes = attributes;
  return { maxAttributes, maxRun };
}

/**
 * The length of each shared string of xl/sharedStrings.xml (the bytes between `<si>` and `</si>`), or
 * null when an `<si>` opens inside another or is never closed. Jumps from `<` to `<`: linear whatever the
 * part holds (a regular expression with a lazy body runs to the end of the part for each unclosed `<si>`).
 */
export function sharedStringLengths(data: Uint8Array): number[] | null {
  const lengths: number[] = [];
  let contentStart = -1;
  let i = data.indexOf(LT);
  while (i !== -1) {
    if (data[i + 1] === SLASH) {
      if (contentStart >= 0 && isElement(data, i + 2, SHARED_STRING)) {
        lengths.push(i - contentStart);
        contentStart = -1;
      }
      i = data.indexOf(LT, i + 1);
      continue;
    }
    if (!isElement(data, i + 1, SHARED_STRING)) {
      i = data.indexOf(LT, i + 1);
      continue;
    }
    if (contentStart >= 0) return null;
    const close = data.indexOf(GT, i + 1);
    if (close === -1) return null;
    if (data[close - 1] === SLASH) lengths.push(0);
    else contentStart = close + 1;
    i = data.indexOf(LT, close + 1);
  }
  return contentStart >= 0 ? null : lengths;
}
