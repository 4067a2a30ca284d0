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
import { scanXml, sharedStringLengths, type CellTally } from './xml-scan';
import type { ZipPart } from './zip-guard';

export type XmlRefusal =
  | { ok: false; reason: 'corrupt'; detail: string }
  /** Legitimately shaped, but more content than any template: told as "too large", with what is too large. */
  | { ok: false; reason: 'too_large'; unit: 'cells' | 'content'; detail: string };
export type XmlCheck = { ok: true } | XmlRefusal;

/** Latin-1 keeps one character per byte, so lengths and offsets are the bytes'; Buffer's decoder is native. */
const text = (part: ZipPart | undefined): string =>
  part ? Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('latin1') : '';

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Checks every kept XML part in one pass each (xml-scan.ts), which also counts the cells of .xlsx
 * worksheets, then the format's own amplifiers.
 */
export function checkXmlParts(parts: ReadonlyMap<string, ZipPart>, kind: 'ooxml' | 'ods'): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  let tally: CellTally | undefined;
  if (kind === 'ooxml') {
    const shared = parts.get('xl/sharedStrings.xml');
    // Each use of a shared string is a copy SheetJS makes and the worker's answer repeats.
    const lengths = shared ? sharedStringLengths(shared.data) : [];
    if (lengths === null) return { ok: false, reason: 'corrupt', detail: 'xl/sharedStrings.xml: a shared string is never closed' };
    tally = { cells: 0, expansion: 0, sharedStringLengths: lengths };
  }
  for (const [name, part] of parts) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const { maxAttributes, maxRun } = scanXml(part.data, tally && WORKSHEET.test(name) ? tally : undefined);
    if (maxAttributes > limits.maxXmlAttributes) return { ok: false, reason: 'corrupt', detail: `${name}: an element with ${maxAttributes} attributes` };
    if (maxRun > limits.maxXmlTextRun) return { ok: false, reason: 'too_large', unit: 'content', detail: `${name}: ${maxRun} characters in one text or value` };
    if (tally && tally.cells > limits.maxMaterialisedCells) return { ok: false, reason: 'too_large', unit: 'cells', detail: `more than ${limits.maxMaterialisedCells} cells` };
    if (tally && tally.expansion > limits.maxSharedStringExpansion) {
      return { ok: false, reason: 'too_large', unit: 'content', detail: `shared strings used for ${tally.expansion} characters of cells` };
    }
  }
  return kind === 'ods' ? checkOds(parts) : checkOoxmlSheets(parts);
}

const attributePatterns = new Map<string, RegExp>();

/** The value of `name="…"` (any namespace prefix) in one start tag. */
function attribute(tag: string, name: string): string | null {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(tag);
  return match ? (match[2] ?? match[3] ?? '') : null;
}

function count(value: string | null): number {
  if (value === null) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function checkOds(parts: ReadonlyMap<string, ZipPart>): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  const content = text(parts.get('content.xml'));
  for (const [name, xml] of [['content.xml', content], ['styles.xml', text(parts.get('styles.xml'))]] as const) {
    // Digit counts of number styles: SheetJS writes that many zeros into a format string.
    for (const match of xml.matchAll(/\snumber:(?:min-)?(?:decimal-places|integer-digits|exponent-digits|numerator-digits|denominator-digits)\s*=\s*["'](\d+)/g)) {
      if (Number(match[1]) > limits.maxNumberFormatDigits) return { ok: false, reason: 'corrupt', detail: `${name}: number style with ${match[1]} digits` };
    }
    let spaces = 0;
    for (const match of xml.matchAll(/<text:s\b[^<>]*?\stext:c\s*=\s*["'](\d+)/g)) {
      spaces += Number(match[1]);
      if (spaces > limits.maxXmlTextRun) return { ok: false, reason: 'too_large', unit: 'content', detail: `${name}: ${spaces} repeated spaces` };
    }
  }
  return checkOdsRepeats(content);
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
  const tags = /<table:(table-row|table-cell|covered-table-cell)\b([^<>]*)>/g;
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

/** `<sheet>` entries of the workbook: how many, and no two reading the same part. */
function checkOoxmlSheets(parts: ReadonlyMap<string, ZipPart>): XmlCheck {
  const limits = SPREADSHEET_LIMITS;
  const targets = new Map<string, string>();
  for (const match of text(parts.get('xl/_rels/workbook.xml.rels')).matchAll(/<(?:\w+:)?Relationship\b[^<>]*>/g)) {
    const id = attribute(match[0], 'Id');
    const target = attribute(match[0], 'Target');
    if (id !== null && target !== null) targets.set(id, resolveTarget(target));
  }
  const used = new Set<string>();
  let sheets = 0;
  for (const match of text(parts.get('xl/workbook.xml')).matchAll(/<(?:\w+:)?sheet\b[^<>]*>/g)) {
    sheets++;
    if (sheets > limits.maxSheets) return { ok: false, reason: 'too_large', unit: 'cells', detail: `more than ${limits.maxSheets} sheets` };
    const target = targets.get(attribute(match[0], 'id') ?? '');
    if (target === undefined) continue;
    if (used.has(target)) return { ok: false, reason: 'corrupt', detail: `two sheets read the same part ${target}` };
    used.add(target);
  }

  return { ok: true };
}
