/**
 * Bad input gets a clear file problem, and the process survives to read the next file: zip bombs, forged
 * archives, truncated, renamed, encrypted, looping and oversized files.
 */
import type { TemplateReadResult } from '../../../src/domain/template';
import { isSpreadsheetFileName, readTemplate } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import {
  ELF_BYTES,
  encryptedOds,
  encryptedXlsx,
  HTML_BYTES,
  loopingXls,
  lyingSizeXlsx,
  PDF_BYTES,
  randomBytes,
  truncated,
  zipBombXlsx,
} from '../../fixtures/hostile-files';
import { unzipSync } from 'fflate';
import { describeProblem } from '../../../src/i18n/catalog/template';
import { craftZip, overlappingZip } from '../../fixtures/crafted-zips';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { csvFile, workbookFile } from '../../fixtures/workbook-files';

afterAll(() => stopSpreadsheetParser());

function fileProblem(result: TemplateReadResult) {
  return { readable: result.readable, entities: result.entities.length, problems: result.problems.map((p) => ({ code: p.code, params: p.params })) };
}

const unreadable = (params: Record<string, string | number>) => ({ readable: false, entities: 0, problems: [{ code: 'file.unreadable', params }] });
const good = () => workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(20) }], 'xlsx');

/** After any hostile file, a good one still reads: nothing was left broken or running. */
async function stillReadsAGoodFile(): Promise<void> {
  const result = await readTemplate({ bytes: good(), fileName: 'bona.xlsx' });
  expect(result.entities).toHaveLength(20);
}

describe('zip bombs and forged archives', () => {
  it('refuses a part that really inflates past 16 MiB, whatever the zip declares', async () => {
    const bytes = zipBombXlsx([{ name: 'xl/worksheets/sheet1.xml', mib: 24 }]);
    expect(bytes.length).toBeLessThan(200_000);
    expect(fileProblem(await readTemplate({ bytes, fileName: 'bomba.xlsx' }))).toEqual({
      readable: false,
      entities: 0,
      problems: [{ code: 'file.too_large', params: { unit: 'inflated', limit: 16 } }],
    });
    await stillReadsAGoodFile();
  });

  it('refuses parts that together inflate past 32 MiB', async () => {
    const bytes = zipBombXlsx(['a', 'b', 'c'].map((n) => ({ name: `xl/${n}.xml`, mib: 11 })));
    expect(fileProblem(await readTemplate({ bytes, fileName: 'bomba.xlsm' }))).toMatchObject({
      problems: [{ code: 'file.too_large', params: { unit: 'inflated', limit: 32 } }],
    });
  });

  it('refuses a part whose header states a size its data does not have', async () => {
    expect(fileProblem(await readTemplate({ bytes: lyingSizeXlsx(), fileName: 'mentida.xlsx' }))).toEqual(unreadable({ reason: 'corrupt' }));
  });

  it('refuses an archive whose entries share bytes (the overlapping-files bomb)', async () => {
    expect(fileProblem(await readTemplate({ bytes: overlappingZip(), fileName: 'solapat.xlsx' }))).toEqual(unreadable({ reason: 'corrupt' }));
  });
});

describe('broken and renamed files', () => {
  it.each(['xlsx', 'xls', 'ods'] as const)('refuses a truncated .%s', async (format) => {
    const bytes = truncated(workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(60) }], format));
    expect(fileProblem(await readTemplate({ bytes, fileName: `tallat.${format}` }))).toEqual(unreadable({ reason: 'corrupt' }));
  });

  it.each([
    ['soroll.xlsx', randomBytes(4096), { reason: 'signature', extension: '.xlsx' }],
    ['soroll.xls', randomBytes(4096), { reason: 'signature', extension: '.xls' }],
    ['soroll.ods', randomBytes(4096), { reason: 'signature', extension: '.ods' }],
    ['soroll.csv', randomBytes(4096), { reason: 'text' }],
    ['document.xlsx', PDF_BYTES, { reason: 'signature', extension: '.xlsx' }],
    ['programa.xls', ELF_BYTES, { reason: 'signature', extension: '.xls' }],
    ['pagina.xlsx', HTML_BYTES, { reason: 'signature', extension: '.xlsx' }],
    ['buit.xlsx', new Uint8Array(0), { reason: 'empty' }],
    ['llibre.csv', good(), { reason: 'signature', extension: '.csv' }],
    ['llibre.xls', good(), { reason: 'signature', extension: '.xls' }],
    ['llibre.ods', good(), { reason: 'signature', extension: '.ods' }],
    ['informe.pdf', PDF_BYTES, { reason: 'extension', file: 'informe.pdf' }],
  ])('refuses %s for what it really is', async (fileName, bytes, params) => {
    expect(fileProblem(await readTemplate({ bytes, fileName }))).toEqual(unreadable(params));
  });

  it('reads an HTML page renamed .csv as text without a header', async () => {
    expect(fileProblem(await readTemplate({ bytes: HTML_BYTES, fileName: 'pagina.csv' }))).toMatchObject({
      readable: false,
      problems: [{ code: 'sheet.no_header' }],
    });
  });
});

describe('encrypted files', () => {
  it.each([
    ['protegit.xlsx', encryptedXlsx()],
    ['protegit.xlsm', encryptedXlsx()],
    ['protegit.ods', encryptedOds()],
  ])('%s is reported as password-protected', async (fileName, bytes) => {
    expect(fileProblem(await readTemplate({ bytes, fileName }))).toEqual({
      readable: false,
      entities: 0,
      problems: [{ code: 'file.encrypted', params: {} }],
    });
  });
});

describe('workbooks zipped with a password', () => {
  /** A real workbook's parts, re-zipped as a zip tool does with a password: every entry flagged encrypted. */
  function passwordZipped(method?: number): Uint8Array {
    const parts = unzipSync(good());
    return craftZip(Object.entries(parts).map(([name, content]) => ({ name, content, flags: 1, ...(method === undefined ? {} : { method }) })));
  }

  it.each([
    ['ZipCrypto', passwordZipped()],
    ['AES', passwordZipped(99)],
  ])('an .xlsx whose entries use %s is reported as password-protected, not corrupt', async (_, bytes) => {
    const result = await readTemplate({ bytes, fileName: 'protegit.xlsx' });
    expect(fileProblem(result)).toEqual({ readable: false, entities: 0, problems: [{ code: 'file.encrypted', params: {} }] });
    // What the user reads: it is password-protected, and to save it without the password.
    expect(describeProblem(result.problems[0]!, 'en')).toEqual({
      message: expect.stringMatching(/password-protected/),
      hint: expect.stringMatching(/without a password/),
    });
    expect(describeProblem(result.problems[0]!, 'ca').message).toMatch(/protegit amb contrasenya/);
    await stillReadsAGoodFile();
  });
});

describe('the parser itself', () => {
  it('is never handed an .xls whose sector chain loops (it would grow until the process aborts)', async () => {
    expect(fileProblem(await readTemplate({ bytes: loopingXls(), fileName: 'bucle.xls' }))).toEqual(unreadable({ reason: 'corrupt' }));
    await stillReadsAGoodFile();
  });

  it('is stopped when it takes too long, and a fresh one reads the next file', async () => {
    const rows = Array.from({ length: 4 }, () => allMunicipalitiesSheet()).flat();
    const bytes = workbookFile([{ name: 'MUX', rows }], 'xlsx');
    expect(fileProblem(await readTemplate({ bytes, fileName: 'lent.xlsx' }, { timeoutMs: 1 }))).toEqual(unreadable({ reason: 'timeout' }));
    await stillReadsAGoodFile();
  });
});

describe('limits', () => {
  it('refuses a file over 5 MiB before looking inside', async () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    expect(fileProblem(await readTemplate({ bytes, fileName: 'gran.xlsx' }))).toMatchObject({
      problems: [{ code: 'file.too_large', params: { unit: 'bytes', limit: 5 } }],
    });
  });

  it('refuses more than 5,000 data rows', async () => {
    const rows = [allMunicipalitiesSheet(1)[0]!, ...Array.from({ length: 5001 }, (_, i) => allMunicipalitiesSheet(1)[1]!.map((c, j) => (j === 0 ? `Ens ${i}` : c)))];
    const result = await readTemplate({ bytes: csvFile(rows, ';', 'utf-8'), fileName: 'moltes.csv' });
    expect(fileProblem(result)).toMatchObject({ problems: [{ code: 'file.too_large', params: { unit: 'rows', limit: 5000 } }] });
  });

  it('is not broken by __proto__ or constructor as column or sheet names', async () => {
    const rows = [['__proto__', 'constructor', "Nom de l'ens", 'Codi INE', 'NIF'], ['x', 'y', 'Ajuntament de Vic', '08298', 'P0829900J']];
    const bytes = workbookFile([{ name: '__proto__', rows }, { name: 'constructor', rows }], 'xlsx');
    const result = await readTemplate({ bytes, fileName: 'proto.xlsx' }, { service: 'MUX' });
    expect(result.entities.map((e) => e.valid)).toContain(true);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('attachments worth reading', () => {
  it.each([
    ['plantilla.xlsx', true],
    ['PLANTILLA.XLSM', true],
    ['alta.ods', true],
    ['alta.xls', true],
    ['alta.csv', true],
    ['certificat.cer', false],
    ['captura.png', false],
    ['xlsx', false],
  ])('%s → %s', (name, expected) => {
    expect(isSpreadsheetFileName(name)).toBe(expected);
  });
});
