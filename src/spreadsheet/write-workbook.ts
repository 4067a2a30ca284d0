/**
 * Workbooks the app hands out: the blank template of a service ("plantilla verge") and, after a ticket is
 * split, the rows of one service. Identifier cells are text, in text-formatted columns, so Excel keeps
 * their leading zeros (08019) even when someone edits them; text that looks like a formula ("=1+1") stays
 * text, unchanged. What this writes, filled with valid rows, passes `setdiba check`.
 */
import type * as SheetJsModule from 'xlsx';
import type { CellObject, ColInfo, WorkSheet } from 'xlsx';
import { SERVICES, type Service } from '../domain/services';
import type { TemplateEntity, TemplateField } from '../domain/template/types';
import { columnName, tTemplate } from '../i18n/catalog/template';
import type { Lang } from '../i18n';
import { SPREADSHEET_LIMITS } from './limits';
import { inflateZipCapped } from './zip-guard';
import { deflatedEntry, FLAG_UTF8, writeZip, type ZipWriteEntry } from './zip-writer';

type SheetJs = typeof SheetJsModule;
let sheetJs: SheetJs | null = null;

/**
 * SheetJS, loaded on the first workbook written. With its codepage tables it costs about as much to load
 * as everything else a Forge function loads, and only the code that writes a workbook needs it (the
 * reader runs its own bundled copy in the parser thread). Loaded synchronously, so that the writers
 * keep their synchronous API for their callers.
 */
function sheetjs(): SheetJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import` would load it with this module
  sheetJs ??= require('xlsx') as SheetJs;
  return sheetJs;
}

export interface WriteTemplateWorkbookInput {
  service: Service;
  lang: Lang;
  /** The rows to write; none (or an empty list) gives the blank template. */
  entities?: readonly TemplateEntity[];
}

interface ColumnSpec {
  field: TemplateField;
  width: number;
  /** Formatted as text ("@") so Excel keeps leading zeros and never turns a code into a number. */
  text: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { field: 'name', width: 40, text: false },
  { field: 'codiEns', width: 20, text: true },
  { field: 'ine', width: 12, text: true },
  { field: 'nif', width: 12, text: true },
  { field: 'dir3', width: 12, text: true },
  { field: 'service', width: 12, text: false },
  { field: 'productionDate', width: 16, text: false },
  { field: 'contactName', width: 28, text: false },
  { field: 'contactEmail', width: 30, text: false },
  { field: 'phone', width: 16, text: true },
  { field: 'notes', width: 40, text: false },
];

/** Rows below the header that get the Servei drop-down (and a template is not meant to hold more). */
const FORM_ROWS = 5000;

/**
 * Every value is a shared-string cell in a text-formatted ("@") cell: Excel, LibreOffice and Numbers show
 * it as text and never evaluate it, so "=1+1" is written unchanged. (The apostrophe trick against formula
 * injection belongs to CSV, where a leading "=" is parsed; in a workbook it would only corrupt the value.)
 */
function textCell(value: string | null): CellObject | null {
  return value === null || value === '' ? null : { t: 's', v: value, z: '@' };
}

const DAY_MS = 86_400_000;
/** yyyy-mm-dd → an Excel date cell (1900 system), shown as dd/mm/yyyy. */
function dateCell(iso: string | null): CellObject | null {
  if (iso === null || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return textCell(iso);
  const serial = (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / DAY_MS;
  return { t: 'n', v: serial, z: 'dd/mm/yyyy' };
}

function entityCells(entity: TemplateEntity, service: Service): (CellObject | null)[] {
  const value: Record<TemplateField, string | null> = {
    name: entity.name,
    codiEns: entity.codiEns,
    ine: entity.ine,
    nif: entity.nif,
    dir3: entity.dir3,
    service: entity.service ?? service,
    productionDate: entity.productionDate,
    contactName: entity.contactName,
    contactEmail: entity.contactEmail,
    phone: entity.phone,
    notes: entity.notes,
  };
  return COLUMNS.map((column) => (column.field === 'productionDate' ? dateCell(value.productionDate) : textCell(value[column.field])));
}

export function writeTemplateWorkbook(input: WriteTemplateWorkbookInput): Uint8Array {
  const { utils, write } = sheetjs();
  const { service, lang } = input;
  const t = (key: Parameters<typeof tTemplate>[1], params?: Parameters<typeof tTemplate>[2]): string => tTemplate(lang, key, params);
  // The data sheet is named after the service: a row without a Servei value still gets it from there.
  const dataSheetName = service;

  const instructions = utils.aoa_to_sheet([
    [t('workbook.title', { service })],
    [],
    ...(['1', '2', '3', '4', '5', '6'] as const).map((n) => [t(`workbook.instructions.${n}`, { sheet: dataSheetName, service })]),
  ]);
  instructions['!cols'] = [{ wch: 110 }];

  const header: CellObject[] = COLUMNS.map((column) => ({ t: 's', v: columnName(column.field, lang), z: '@' }));
  const rows = (input.entities ?? []).map((entity) => entityCells(entity, service));
  const data: WorkSheet = utils.aoa_to_sheet([header, ...rows]);
  data['!cols'] = COLUMNS.map((column): ColInfo => ({ wch: column.width }));

  const book = utils.book_new();
  utils.book_append_sheet(book, instructions, t('workbook.sheet.instructions'));
  utils.book_append_sheet(book, data, dataSheetName);
  const written = write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer;
  return addFormFeatures(new Uint8Array(written), 2, service);
}

/**
 * SheetJS (community edition) writes neither drop-downs, column formats nor frozen panes, so they are
 * added to the XML of the data sheet it wrote: a list validation on the Servei column, the text style on
 * identifier columns, and a frozen header row.
 */
function addFormFeatures(xlsx: Uint8Array, sheetNumber: number, service: Service): Uint8Array {
  const sheetPath = `xl/worksheets/sheet${sheetNumber}.xml`;
  const stylesPath = 'xl/styles.xml';
  // Our own SheetJS output, read with the same code as any file: only the two parts edited are inflated.
  const read = inflateZipCapped(xlsx, {
    maxPartBytes: SPREADSHEET_LIMITS.maxPartBytes,
    maxTotalBytes: SPREADSHEET_LIMITS.maxTotalInflatedBytes,
    keep: (name) => name === sheetPath || name === stylesPath,
  });
  const sheetBytes = read.ok ? read.parts.get(sheetPath)?.data : undefined;
  const stylesBytes = read.ok ? read.parts.get(stylesPath)?.data : undefined;
  if (!read.ok || !sheetBytes || !stylesBytes) throw new Error('unexpected workbook layout from SheetJS');
  let sheet = utf8.decode(sheetBytes);

  const textStyle = textStyleIndex(utf8.decode(stylesBytes));
  if (textStyle !== null) {
    COLUMNS.forEach((column, index) => {
      if (!column.text) return;
      const n = index + 1;
      sheet = sheet.replace(`<col min="${n}" max="${n}"`, `<col min="${n}" max="${n}" style="${textStyle}"`);
    });
  }

  sheet = sheet.replace(
    /<sheetView ([^>]*?)\/>/,
    '<sheetView $1><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>',
  );

  const serviceColumn = columnLetter(COLUMNS.findIndex((c) => c.field === 'service'));
  const list = [service, ...SERVICES.filter((s) => s !== service)].join(',');
  const validation =
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" ` +
    `sqref="${serviceColumn}2:${serviceColumn}${FORM_ROWS + 1}"><formula1>"${list}"</formula1></dataValidation></dataValidations>`;
  // dataValidations must come before these elements (ECMA-376 CT_Worksheet sequence).
  const after = /<(hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[ >/]|<\/worksheet>/.exec(sheet);
  if (!after) throw new Error('unexpected worksheet XML from SheetJS');
  sheet = sheet.slice(0, after.index) + validation + sheet.slice(after.index);

  // Every other part keeps the bytes SheetJS compressed; only the edited sheet is deflated again.
  const edited = deflatedEntry(sheetPath, new TextEncoder().encode(sheet));
  const entries = read.entries.map((entry): ZipWriteEntry =>
    entry.name === sheetPath
      ? edited
      : {
          rawName: entry.rawName,
          utf8Name: (entry.flags & FLAG_UTF8) !== 0,
          method: entry.method,
          crc32: entry.crc32,
          uncompressedSize: entry.uncompressedSize,
          data: xlsx.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize),
        },
  );
  return writeZip(entries);
}

const utf8 = new TextDecoder();

/** Index of the cell format with number format 49 ("@", text) that SheetJS wrote for the header cells. */
function textStyleIndex(stylesXml: string): number | null {
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1];
  if (!cellXfs) return null;
  const xfs = cellXfs.match(/<xf\b[^>]*>/g) ?? [];
  const index = xfs.findIndex((xf) => /numFmtId="49"/.test(xf));
  return index < 0 ? null : index;
}

function columnLetter(index: number): string {
  return sheetjs().utils.encode_col(index);
}

/**
 * A plain table as a workbook (the issue panel's complete results table): one sheet, the header on row
 * 1, every cell text (codes keep their leading zeros; nothing is evaluated), the header row frozen by
 * nothing but its position. Generated on demand, never attached to a ticket.
 */
export function writeTableWorkbook(input: { sheetName: string; header: readonly string[]; rows: readonly (readonly string[])[] }): Uint8Array {
  const { utils, write } = sheetjs();
  const cells = [input.header, ...input.rows].map((row) => row.map((value) => textCell(value)));
  const sheet: WorkSheet = utils.aoa_to_sheet(cells);
  sheet['!cols'] = input.header.map((_, i): ColInfo => ({ wch: Math.min(60, Math.max(10, ...[input.header, ...input.rows].map((r) => (r[i] ?? '').length))) }));
  const book = utils.book_new();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  utils.book_append_sheet(book, sheet, input.sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1');
  return new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
}
