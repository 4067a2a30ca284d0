// @ts-check
/**
 * The only code that lets SheetJS touch an untrusted workbook. It runs in a worker thread so the host can
 * terminate it: a crafted .xls can make SheetJS loop forever, and no read option prevents it. The host
 * (parser-host.ts) also caps this thread's heap, so a memory blow-up kills the thread and not the app.
 *
 * Never loaded by path: scripts/build-parse-worker.js bundles this file and SheetJS into one script that
 * needs only Node's built-ins, exported as text by src/spreadsheet/generated/parse-worker-source.js, which
 * parser-host.ts imports and runs with `new Worker(text, { eval: true })`. So the worker travels inside
 * whatever bundle holds the host (Forge's webpack bundle, tsc's dist/, tsx from src/) and never looks for
 * a file or a node_modules folder next to it. Plain JavaScript, type-checked through checkJs.
 *
 * SheetJS is imported by name from its ES module, so the bundle holds only what is used (~355 KB, not 1.3 MB).
 * That leaves out SheetJS's codepage tables: 8-bit text in pre-1997 .xls files (BIFF2-5) is read as
 * Latin-1, so the Windows-1252 symbols in 0x80-0x9F (euro sign, curly quotes) are lost; Excel 97+ .xls,
 * .xlsx, .xlsm and .ods store Unicode and are unaffected (docs/dependencies.md, "Packaging note").
 *
 * Protocol: the host posts { bytes: Uint8Array, sheetRows, maxColumns, maxAnswerChars, mode } and gets back,
 * as a plain object (structured-cloned), { ok: true, sheets: [{ name, rows }], date1904 } with rows of plain cells (string |
 * number | boolean | null; dates stay serial numbers) or { ok: false, reason: 'encrypted' | 'corrupt' |
 * 'too_large', detail }. The thread says { ready: true } once SheetJS is loaded.
 *
 * The same script also runs in the host's own thread when no worker thread can start (parser-host.ts,
 * "in-process fallback"): evaluated with no parentPort, it only exports `handle(request)`.
 *
 * SheetJS writes to the console ("ODS number format may be incorrect", "Missing Info for XLS Record"); in a
 * worker, console.log reaches the process's stdout and would break `setdiba check --json`. The build puts a
 * silent `console` in this script's scope (scripts/build-parse-worker.js, banner), so nothing here prints.
 */
import { parentPort } from 'node:worker_threads';
import { CFB, read } from 'xlsx';

/** Error cells as Excel shows them (SheetJS keeps only the code when cellText is off). */
/** @type {Record<number, string>} */
const ERROR_TEXT = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' };

/**
 * @typedef {string | number | boolean | null} RawCell
 * @typedef {{ bytes: Uint8Array, sheetRows: number, maxColumns: number, maxAnswerChars: number, mode: 'parse' | 'encryption-only' }} ParseRequest
 * @typedef {{ ok: true, sheets: { name: string, rows: RawCell[][] }[], date1904: boolean }
 *   | { ok: true, encrypted: false }
 *   | { ok: false, reason: 'encrypted' | 'corrupt' | 'too_large', detail: string }} ParseResponse
 */

/** The answer grew past what the host accepts to copy. */
class AnswerTooLarge extends Error {}

/**
 * An OLE2 file holding an encrypted OOXML package (what Excel writes for a password-protected .xlsx).
 * @param {Buffer} buffer
 */
function isEncryptedPackage(buffer) {
  const container = CFB.read(buffer, { type: 'buffer' });
  return container.FullPaths.some((/** @type {string} */ path) => /(^|\/)(EncryptionInfo|EncryptedPackage)$/.test(path));
}

/** @param {import('xlsx').CellObject | undefined} cell @returns {RawCell} */
function cellValue(cell) {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null;
    case 'b':
      return Boolean(cell.v);
    case 'd':
      // Not produced with cellDates: false; kept readable should a format still yield one.
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? '');
    case 'e':
      return ERROR_TEXT[Number(cell.v)] ?? '#ERROR';
    default:
      return null;
  }
}

/**
 * Rows and columns are clamped here too: `<dimension>` and cell references are the file's claims. The
 * characters of the answer are counted as it is built, so a huge one is refused before it is serialised.
 * @param {import('xlsx').WorkSheet} sheet @param {number} maxRows @param {number} maxColumns
 * @param {{ left: number }} budget characters the answer may still take
 * @returns {RawCell[][]}
 */
function sheetRows(sheet, maxRows, maxColumns, budget) {
  /** @type {(import('xlsx').CellObject[] | undefined)[]} */
  const data = sheet['!data'] ?? [];
  /** @type {RawCell[][]} */
  const rows = [];
  const height = Math.min(data.length, maxRows);
  for (let r = 0; r < height; r++) {
    const source = data[r];
    /** @type {RawCell[]} */
    const row = [];
    if (source) {
      const width = Math.min(source.length, maxColumns);
      for (let c = 0; c < width; c++) {
        const value = cellValue(source[c]);
        budget.left -= typeof value === 'string' ? value.length + 3 : 8;
        row.push(value);
      }
      if (budget.left < 0) throw new AnswerTooLarge('the cells hold more than the answer may carry');
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
    }
    rows.push(row);
  }
  return rows;
}

/** @param {ParseRequest} request @returns {ParseResponse} */
function parse(request) {
  const buffer = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const isOle2 = buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0 && buffer.readUInt32BE(4) === 0xa1b11ae1;
  if (isOle2 && isEncryptedPackage(buffer)) return { ok: false, reason: 'encrypted', detail: 'encrypted OOXML package' };
  if (request.mode === 'encryption-only') return { ok: true, encrypted: false };
  const workbook = read(buffer, {
    type: 'buffer',
    dense: true,
    sheetRows: request.sheetRows,
    cellFormula: false, // formula cells give their cached value; nothing is ever evaluated
    cellHTML: false,
    cellText: false,
    cellNF: false,
    cellStyles: false, // and so the theme is never read: read-template.ts (isPartToParse) leaves it out
    cellDates: false, // dates stay serial numbers: SheetJS's Date objects depend on the time zone
    bookVBA: false,
    bookDeps: false, // the calculation chain, likewise left out
    bookFiles: false,
    WTF: false,
  });
  const sheets = [];
  const budget = { left: request.maxAnswerChars };
  for (const name of workbook.SheetNames) {
    // A sheet named "__proto__" must not reach the prototype.
    if (!Object.prototype.hasOwnProperty.call(workbook.Sheets, name)) continue;
    const sheet = workbook.Sheets[name];
    if (sheet) sheets.push({ name: String(name), rows: sheetRows(sheet, request.sheetRows, request.maxColumns, budget) });
  }
  return { ok: true, sheets, date1904: Boolean(workbook.Workbook?.WBProps?.date1904) };
}

/** SheetJS throws strings as well as Errors. @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One request → the answer, plain data only (strings, numbers, booleans, null, arrays, objects). Posted as
 * is: measured against the bare SheetJS read it sits next to, the structured clone of a template's cells
 * costs less than JSON.stringify here plus JSON.parse in the host (0.5 ms less on 311 rows, even at 5,000).
 * Its size is bounded as it is built (sheetRows' budget). Never throws.
 * @param {ParseRequest} request @returns {ParseResponse}
 */
export function handle(request) {
  /** @type {ParseResponse} */
  let response;
  try {
    response = parse(request);
  } catch (error) {
    const detail = describe(error);
    if (error instanceof AnswerTooLarge) response = { ok: false, reason: 'too_large', detail };
    else response = { ok: false, reason: /password|encrypt/i.test(detail) ? 'encrypted' : 'corrupt', detail };
  }
  return response;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (/** @type {ParseRequest} */ request) => port.postMessage(handle(request)));
  port.postMessage({ ready: true });
}
