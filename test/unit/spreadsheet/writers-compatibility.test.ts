/**
 * A template written by every writer the repo has from npm reads back the same: SheetJS (.xlsx stored and
 * deflated, .xls, .ods), exceljs's streaming writer (archiver: data descriptors, sizes after the data),
 * the same with ZIP64 forced (archiver's forceZip64, as `zip -fz` does), and our own ZIP64-forced re-zip.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { utils, write } from 'xlsx';
import type { RawCell } from '../../../src/domain/template/types';
import { readTemplate } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { zip64Forced } from '../../fixtures/crafted-zips';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

afterAll(() => stopSpreadsheetParser());

const ROWS = allMunicipalitiesSheet(30, { productionDate: '15/03/2027' });

/** exceljs's streaming writer, committed row by row as a large export would be. */
async function excelJsStreaming(rows: readonly (readonly RawCell[])[], zip: Record<string, unknown> = {}): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true, zip });
  const sheet = workbook.addWorksheet('MUX');
  for (const row of rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Whether any local header of the archive has the data-descriptor flag (bit 3). */
function usesDataDescriptors(bytes: Uint8Array): boolean {
  for (let at = 0; at + 8 <= bytes.length; at++) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 3 && bytes[at + 3] === 4 && (bytes[at + 6]! & 0x08) !== 0) return true;
  }
  return false;
}

function hasZip64EndRecord(bytes: Uint8Array): boolean {
  return Buffer.from(bytes).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]));
}

async function expectTemplate(bytes: Uint8Array, fileName: string): Promise<void> {
  const result = await readTemplate({ bytes, fileName });
  expect(result.problems).toEqual([]);
  expect(result.entities).toHaveLength(30);
  expect(result.entities.every((e) => e.valid)).toBe(true);
  expect(result.entities[29]).toMatchObject({ ine: ROWS[30]![2], nif: ROWS[30]![3], productionDate: '2027-03-15' });
}

describe('a template written by', () => {
  it.each(['xlsx', 'xls', 'ods'] as const)('SheetJS as .%s (deflated) reads back', async (format) => {
    await expectTemplate(workbookFile([{ name: 'MUX', rows: ROWS }], format), `sheetjs.${format}`);
  });

  it('SheetJS as .xlsx with stored (uncompressed) parts reads back', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet(ROWS.map((r) => [...r])), 'MUX');
    await expectTemplate(new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer), 'stored.xlsx');
  });

  it('exceljs streaming (data descriptors) reads back', async () => {
    const bytes = await excelJsStreaming(ROWS);
    expect(usesDataDescriptors(bytes)).toBe(true);
    await expectTemplate(bytes, 'exceljs.xlsx');
  });

  it('exceljs streaming with ZIP64 forced reads back', async () => {
    const bytes = await excelJsStreaming(ROWS, { forceZip64: true });
    expect(hasZip64EndRecord(bytes)).toBe(true);
    await expectTemplate(bytes, 'exceljs-zip64.xlsx');
  });

  it.each(['xlsx', 'ods'] as const)('SheetJS as .%s, re-zipped with ZIP64 forced, reads back', async (format) => {
    const bytes = zip64Forced(unzipSync(workbookFile([{ name: 'MUX', rows: ROWS }], format)));
    expect(hasZip64EndRecord(bytes)).toBe(true);
    await expectTemplate(bytes, `zip64.${format}`);
  });
});
