/**
 * Scans of the XML parts of an .xlsx/.xlsm/.ods, after the capped inflate and before SheetJS, for what
 * makes SheetJS's memory or time explode from a small file while every zip cap holds (issue 11):
 *
 * - any part: an element with thousands of attributes (SheetJS builds an object of them all) or one text
 *   run or attribute value longer than a cell can hold (Excel's limit is 32,767 characters);
 * - .ods: `number-columns-repeated` / `number-rows-repeated` on cells with content (SheetJS copies such a
 *   cell rows × columns times, whatever sheetRows says), `<text:s text:c="N"/>` (expanded to N spaces
 *   before anything else happens), and number styles whose digit counts (`number:decimal-places`…) SheetJS
 *   turns into strings of that many zeros;
 * - .xlsx: `<sheet>` entries whose relationships target a part another sheet already uses (SheetJS parses
 *   the part again for each), too many cells, and shared strings whose uses multiply into hundreds of MB
 *   (each use is a cell SheetJS materialises and the worker's answer repeats).
 *
 * Only byte and regular-expression scans: no DOM, nothing proportional to more than the part's own size.
 * Limits live in limits.ts, each with why it cannot refuse a template a person wrote.
 */
import { SPREADSHEET_LIMITS } from './limits';
import type { ZipPart } from './zip-guard';

export type XmlRefusal =
  | { ok: false; reason: 'corrupt'; detail: string }
  /** Legitimately shaped, but more content than any template: told as "too large", with what is too large. */
  | { ok: false; reason: 'too_large'; unit: 'cells' | 'content'; detail: string };
export type XmlCheck = { ok: true } | XmlRefusal;

const LT = 0x3c;
const GT = 0x3e;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

/** One pass over a part: the most attributes on one element and the longest text run or attribute value. */
export function measureXml(data: Uint8Array): { maxAttributes: number; maxRun: number } {
  let maxAttributes = 0;
  let maxRun = 0;
  let inTag = false;
  let quote = 0;
  let attributes = 0;
  let runStart = 0;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (quote !== 0) {
      if (byte === quote) {
        quote = 0;
        if (i - runStart > maxRun) maxRun = i - runStart;
      }
    } else if (inTag) {
      if (byte === QUOT || byte === APOS) {
        quote = byte;
        runStart = i + 1;
      } else if (byte === EQ) {
        attributes++;
      } else if (byte === GT) {
        inTag = false;
        if (attributes > maxAttributes) maxAttributes = attributes;
        runStart = i + 1;
      }
    } else if (byte === LT) {
      if (i - runStart > maxRun) maxRun = i - runStart;
      inTag = true;
      attributes = 0;
    }
  }
  // An unterminated run at the end counts too.
  if (!inTag && data.length - runStart > maxRun) maxRun = data.length - runStart;
  return { maxAttributes, maxRun };
}

const decoder = new TextDecoder('latin1');
const text = (part: ZipPart | undefined): string => (part ? decoder.decode(part.data) : '');

/** Checks every kept XML part, then the format's own amplifiers. */
export function checkXmlParts(parts: ReadonlyMap<string, ZipPart>, kind: 'ooxml' | 'ods'): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  for (const [name, part] of parts) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const { maxAttributes, maxRun } = measureXml(part.data);
    if (maxAttributes > limits.maxXmlAttributes) return { ok: false, reason: 'corrupt', detail: `${name}: an element with ${maxAttributes} attributes` };
    if (maxRun > limits.maxXmlTextRun) return { ok: false, reason: 'too_large', unit: 'content', detail: `${name}: ${maxRun} characters in one text or value` };
  }
  return kind === 'ods' ? checkOds(parts) : checkOoxml(parts);
}

/** The value of `name="…"` (any namespace prefix) in one start tag. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[2] ?? match[3] ?? '') : null;
}

function count(value: string | null): number {
  if (value === null) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function checkOds(parts: ReadonlyMap<string, ZipPart>): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  for (const name of ['content.xml', 'styles.xml']) {
    const xml = text(parts.get(name));
    // Digit counts of number styles: SheetJS writes that many zeros into a format string.
    for (const match of xml.matchAll(/\snumber:(?:min-)?(?:decimal-places|integer-digits|exponent-digits|numerator-digits|denominator-digits)\s*=\s*["'](\d+)/g)) {
      if (Number(match[1]) > limits.maxNumberFormatDigits) return { ok: false, reason: 'corrupt', detail: `${name}: number style with ${match[1]} digits` };
    }
    let spaces = 0;
    for (const match of xml.matchAll(/<text:s\b[^>]*?\stext:c\s*=\s*["'](\d+)/g)) {
      spaces += Number(match[1]);
      if (spaces > limits.maxXmlTextRun) return { ok: false, reason: 'too_large', unit: 'content', detail: `${name}: ${spaces} repeated spaces` };
    }
  }
  return checkOdsRepeats(text(parts.get('content.xml')));
}

/**
 * The cells SheetJS materialises: each cell with content counts its columns-repeated times its row's
 * rows-repeated. Empty cells and rows only move a counter, but a repeat beyond any spreadsheet's grid
 * (1,048,576 rows, 16,384 columns) is no spreadsheet's.
 */
function checkOdsRepeats(xml: string): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  let rowRepeat = 1;
  let cells = 0;
  const tags = /<table:(table-row|table-cell|covered-table-cell)\b([^>]*)>/g;
  for (let match = tags.exec(xml); match !== null; match = tags.exec(xml)) {
    const [tag, element, body] = match as unknown as [string, string, string];
    if (element === 'table-row') {
      rowRepeat = count(attribute(tag, 'number-rows-repeated'));
      if (rowRepeat > limits.maxGridRows) return { ok: false, reason: 'corrupt', detail: `row repeated ${rowRepeat} times` };
      continue;
    }
    const columns = count(attribute(tag, 'number-columns-repeated'));
    if (columns > limits.maxGridColumns) return { ok: false, reason: 'corrupt', detail: `cell repeated ${columns} times` };
    // A self-closing cell holds nothing SheetJS copies (a string-value attribute on one is stored once).
    const selfClosing = body.endsWith('/');
    const closedAt = xml.startsWith('</table:', tags.lastIndex);
    // A directly closed cell still counts when it states a value type: SheetJS then copies its value.
    if (element === 'covered-table-cell' || selfClosing || (closedAt && attribute(tag, 'value-type') === null)) continue;
    cells += columns * rowRepeat;
    if (cells > limits.maxMaterialisedCells) return { ok: false, reason: 'too_large', unit: 'cells', detail: `${cells} cells once repeats are expanded` };
  }
  return { ok: true };
}

/** "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml". */
function resolveTarget(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/').toLowerCase();
}

function checkOoxml(parts: ReadonlyMap<string, ZipPart>): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  const targets = new Map<string, string>();
  for (const match of text(parts.get('xl/_rels/workbook.xml.rels')).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(match[0], 'Id');
    const target = attribute(match[0], 'Target');
    if (id !== null && target !== null) targets.set(id, resolveTarget(target));
  }
  const used = new Set<string>();
  let sheets = 0;
  for (const match of text(parts.get('xl/workbook.xml')).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    sheets++;
    if (sheets > limits.maxSheets) return { ok: false, reason: 'too_large', unit: 'cells', detail: `more than ${limits.maxSheets} sheets` };
    const target = targets.get(attribute(match[0], 'id') ?? '');
    if (target === undefined) continue;
    if (used.has(target)) return { ok: false, reason: 'corrupt', detail: `two sheets read the same part ${target}` };
    used.add(target);
  }

  // The length of every shared string, then what the sheets' uses of them add up to.
  const lengths: number[] = [];
  const strings = /<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g;
  for (const match of text(parts.get('xl/sharedStrings.xml')).matchAll(strings)) lengths.push(match[1]?.length ?? 0);
  let cells = 0;
  let expansion = 0;
  for (const [name, part] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    const xml = text(part);
    for (const match of xml.matchAll(/<(?:\w+:)?c\b([^>]*)>(?:\s*<(?:\w+:)?v>\s*(\d+)\s*<)?/g)) {
      cells++;
      if (match[2] !== undefined && /\st\s*=\s*["']s["']/.test(match[1]!)) expansion += lengths[Number(match[2])] ?? 0;
    }
    if (cells > limits.maxMaterialisedCells) return { ok: false, reason: 'too_large', unit: 'cells', detail: `more than ${limits.maxMaterialisedCells} cells` };
    if (expansion > limits.maxSharedStringExpansion) {
      return { ok: false, reason: 'too_large', unit: 'content', detail: `shared strings used for ${expansion} characters of cells` };
    }
  }
  return { ok: true };
}
