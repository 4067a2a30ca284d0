/**
 * Untrusted bytes → validated template. Never throws for a bad file: it answers with file problems.
 *
 *   extension → magic bytes → size → (zip: capped inflate, XML scans, re-pack | OLE2: container scan)
 *   → SheetJS in a killable thread (CSV: decode + split here) → raw sheets → src/domain/template
 *
 * Every guard runs before SheetJS sees a byte: those guards are what make the in-process fallback (no
 * thread available, parser-host.ts) safe. Only ParserUnavailableError, a system error, is thrown.
 */
import type { ExtraAliases, Service } from '../domain/services';
import { TEMPLATE_LIMITS } from '../domain/template/limits';
import { readTemplateWorkbook, unreadableResult } from '../domain/template/read-workbook';
import type { RawWorkbook, TemplateReadResult } from '../domain/template/types';
import { decodeCsvBytes, parseCsvText } from './csv';
import { spreadsheetFormatOf, type SpreadsheetFormat } from './file-names';
import { SPREADSHEET_LIMITS, MiB_BYTES } from './limits';
import { containerOf, legacyXlsKind } from './magic';
import { checkOle2Structure } from './ole2-guard';
import { parseInWorker, ParserUnavailableError, type ParseOutcome } from './parser-host';
import { checkXmlParts } from './xml-guard';
import { inflateZipCapped, type ZipPart } from './zip-guard';
import { repackStored } from './zip-writer';

export interface ReadTemplateInput {
  bytes: Uint8Array;
  fileName: string;
}

export interface ReadTemplateOptions {
  /** Fallback service when neither a row nor its sheet names one (e.g. the ticket's). */
  service?: Service | null;
  extraAliases?: ExtraAliases;
  /** Time the parser thread gets before it is terminated (default SPREADSHEET_LIMITS.parseTimeoutMs). */
  timeoutMs?: number;
}

/** Enough rows for a header anywhere in the scanned top rows plus one row past the data-row limit. */
const SHEET_ROWS = SPREADSHEET_LIMITS.sheetRows;

type Failure = { failure: TemplateReadResult };

export async function readTemplate(input: ReadTemplateInput, options: ReadTemplateOptions = {}): Promise<TemplateReadResult> {
  const { fileName } = input;
  try {
    const workbook = await readRawWorkbook(input, options);
    if ('failure' in workbook) return workbook.failure;
    return readTemplateWorkbook(workbook, {
      fileName,
      service: options.service ?? null,
      extraAliases: options.extraAliases ?? {},
    });
  } catch (error: unknown) {
    // No parser could run: the system's problem, to retry; never "your file is damaged".
    if (error instanceof ParserUnavailableError) throw error;
    // A bug or an exotic failure in a library must still be a clear answer about the file, not a crash.
    return unreadableResult(fileName, 'file.unreadable', { reason: 'corrupt' });
  }
}

async function readRawWorkbook(input: ReadTemplateInput, options: ReadTemplateOptions): Promise<RawWorkbook | Failure> {
  const { bytes, fileName } = input;
  const fail = (code: Parameters<typeof unreadableResult>[1], params: Record<string, string | number> = {}): Failure => ({
    failure: unreadableResult(fileName, code, params),
  });
  const format = spreadsheetFormatOf(fileName);
  if (!format) return fail('file.unreadable', { reason: 'extension', file: fileName });
  if (bytes.length === 0) return fail('file.unreadable', { reason: 'empty' });
  if (bytes.length > SPREADSHEET_LIMITS.maxFileBytes) {
    return fail('file.too_large', { unit: 'bytes', limit: SPREADSHEET_LIMITS.maxFileBytes / MiB_BYTES });
  }
  const signature = (): Failure => fail('file.unreadable', { reason: 'signature', extension: `.${format}` });

  if (format === 'csv') {
    if (containerOf(bytes) !== 'other') return signature();
    const text = decodeCsvBytes(bytes);
    if (text === null) return fail('file.unreadable', { reason: 'text' });
    const rows = await parseCsvText(text, SHEET_ROWS);
    return { sheets: [{ name: csvSheetName(fileName), rows }], date1904: false };
  }

  const container = containerOf(bytes);
  if (container === 'ole2' && !checkOle2Structure(bytes).ok) return fail('file.unreadable', { reason: 'corrupt' });
  if (format === 'xls') {
    if (container !== 'ole2') {
      // Old Excel (BIFF2-4) and Excel 2003 XML, as web exports name them, are not damaged: say what they are.
      const legacy = legacyXlsKind(bytes);
      return legacy ? fail('file.unreadable', { reason: legacy }) : signature();
    }
    return fromParser(await parse(bytes.slice(), 'parse', options), fail);
  }
  // .xlsx, .xlsm and .ods are zips. An OLE2 file under those names is what Excel writes for a
  // password-protected workbook; anything else in OLE2 is not what the extension says.
  if (container === 'ole2') {
    const outcome = await parse(bytes.slice(), 'encryption-only', options);
    return outcome.ok || outcome.reason !== 'encrypted' ? signature() : fail('file.encrypted');
  }
  if (container !== 'zip') return signature();
  const inflated = inflateZipCapped(bytes, {
    maxPartBytes: SPREADSHEET_LIMITS.maxPartBytes,
    maxTotalBytes: SPREADSHEET_LIMITS.maxTotalInflatedBytes,
    keep: isPartToParse,
  });
  if (!inflated.ok) {
    if (inflated.reason === 'too_large') return fail('file.too_large', { unit: 'inflated', limit: inflated.limitBytes / MiB_BYTES });
    // A zip whose entries are password-protected (what some zip tools make of a workbook) is no corrupt file.
    return inflated.reason === 'encrypted' ? fail('file.encrypted') : fail('file.unreadable', { reason: 'corrupt' });
  }
  const kind = zipKind(inflated.parts);
  if (kind === 'ods-encrypted') return fail('file.encrypted');
  if (kind !== expectedZipKind(format)) return signature();
  const scanned = checkXmlParts(inflated.parts, kind);
  if (!scanned.ok) {
    return scanned.reason === 'too_large' ? fail('file.too_large', { unit: scanned.unit }) : fail('file.unreadable', { reason: 'corrupt' });
  }
  return fromParser(await parse(repackStored(inflated.parts), 'parse', options), fail);
}

/**
 * Parts SheetJS reads only for what the reader never returns: document properties (docProps/, .ods
 * meta.xml), the theme (read only with cellStyles), the calculation chain (only with bookDeps), custom XML
 * and LibreOffice's view settings. SheetJS looks each up leniently, so with the worker's read options
 * (parse-worker.js) a missing one changes nothing. They are not inflated, scanned or handed on: less of
 * an untrusted file for SheetJS to parse, a damaged one no longer hides the rows, and less work (on the
 * bench template, inflating 0.39 → 0.23 ms: each part costs a zlib stream of its own). Parts SheetJS
 * requires once [Content_Types].xml lists them (styles, metadata, people) stay, whatever they hold for us.
 */
const NEVER_PARSED = /^(?:docProps\/|customXml\/|xl\/theme\/|xl\/calcChain\.xml$|meta\.xml$|settings\.xml$|Configurations2\/)/i;

/** The zip parts the guard inflates and checks, and the parser gets. */
export function isPartToParse(name: string): boolean {
  return (/\.(?:xml|rels)$/i.test(name) || name === 'mimetype') && !NEVER_PARSED.test(name);
}

/** "MUX/plantilla.csv" → "plantilla": the folder is no part of the sheet's name (nor names a service). */
function csvSheetName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]*$/, '');
}

function expectedZipKind(format: Exclude<SpreadsheetFormat, 'csv' | 'xls'>): 'ooxml' | 'ods' {
  return format === 'ods' ? 'ods' : 'ooxml';
}

const decoder = new TextDecoder();

function zipKind(parts: ReadonlyMap<string, ZipPart>): 'ooxml' | 'ods' | 'ods-encrypted' | 'unknown' {
  if (parts.has('[Content_Types].xml')) return 'ooxml';
  const mimetype = parts.get('mimetype')?.data;
  if (mimetype && decoder.decode(mimetype).trim() === 'application/vnd.oasis.opendocument.spreadsheet') {
    // LibreOffice encrypts content.xml and says so in the manifest.
    const manifest = parts.get('META-INF/manifest.xml')?.data;
    return manifest && decoder.decode(manifest).includes('encryption-data') ? 'ods-encrypted' : 'ods';
  }
  return 'unknown';
}

function parse(bytes: Uint8Array, mode: 'parse' | 'encryption-only', options: ReadTemplateOptions): Promise<ParseOutcome> {
  return parseInWorker({ bytes, mode, sheetRows: SHEET_ROWS, maxColumns: TEMPLATE_LIMITS.maxColumns }, options.timeoutMs);
}

function fromParser(
  outcome: ParseOutcome,
  fail: (code: 'file.unreadable' | 'file.encrypted' | 'file.too_large', params?: Record<string, string | number>) => Failure,
): RawWorkbook | Failure {
  if (outcome.ok) return 'workbook' in outcome ? outcome.workbook : fail('file.unreadable', { reason: 'corrupt' });
  if (outcome.reason === 'encrypted') return fail('file.encrypted');
  if (outcome.reason === 'too_large') return fail('file.too_large', { unit: 'content' });
  return fail('file.unreadable', { reason: outcome.reason === 'timeout' ? 'timeout' : 'corrupt' });
}
