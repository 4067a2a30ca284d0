/**
 * Issue 11: files that reached SheetJS through every zip cap and crashed, stalled or bloated the reader,
 * and good files that were refused. Each class has its own file built in test/fixtures; each hostile one
 * must get a clear problem without SheetJS ever seeing it, and a good file must still read afterwards.
 */
import { unzipSync } from 'fflate';
import type { TemplateReadResult } from '../../../src/domain/template';
import { describeProblem } from '../../../src/i18n/catalog/template';
import { readTemplate } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { zip64Forced } from '../../fixtures/crafted-zips';
import { directoryCycleXls, nonStreamLoopXls } from '../../fixtures/hostile-ole2';
import {
  biff2Xls,
  htmlXls,
  odsColumnsRepeatBomb,
  odsDecimalPlacesBomb,
  odsFile,
  odsRowsRepeatBomb,
  odsSpacesBomb,
  odsTemplateRows,
  odsUnclosedTags,
  spreadsheetMl2003,
  xlsxGiantCell,
  xlsxManyAttributes,
  xlsxSharedStringAmplification,
  xlsxSheetAliasing,
  xlsxUnclosedSharedStrings,
  xlsxUnclosedSheetTags,
} from '../../fixtures/hostile-xml';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { csvFile, workbookFile } from '../../fixtures/workbook-files';

afterAll(() => stopSpreadsheetParser());

const problems = (result: TemplateReadResult) => result.problems.map((p) => ({ code: p.code, params: p.params }));
const corrupt = [{ code: 'file.unreadable', params: { reason: 'corrupt' } }];
const tooLarge = (unit: string) => [{ code: 'file.too_large', params: { unit } }];

async function stillReadsAGoodFile(): Promise<void> {
  const result = await readTemplate({ bytes: workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(20) }], 'xlsx'), fileName: 'bona.xlsx' });
  expect(result.entities).toHaveLength(20);
}

describe('OLE2 containers SheetJS would follow without end (classes 1 and 2)', () => {
  it.each([0, 1, 4] as const)('an entry of type %i whose sector chain loops past the end of the file is refused', async (type) => {
    const bytes = nonStreamLoopXls(type);
    expect(bytes.length).toBeLessThan(6000);
    expect(problems(await readTemplate({ bytes, fileName: 'bucle.xls' }))).toEqual(corrupt);
  });

  it('a directory whose left/right/child links form a cycle is refused', async () => {
    expect(problems(await readTemplate({ bytes: directoryCycleXls(), fileName: 'cicle.xls' }))).toEqual(corrupt);
    await stillReadsAGoodFile();
  });
});

describe('.ods whose XML multiplies (classes 3 and 4)', () => {
  it.each([
    ['a cell with content repeated across 2e9 columns', odsColumnsRepeatBomb(), corrupt],
    ['a row with content repeated 3 million times', odsRowsRepeatBomb(), corrupt],
    ['100,000-space runs repeated hundreds of times', odsSpacesBomb(), tooLarge('content')],
    ['a number style with 100 million decimal places', odsDecimalPlacesBomb(), corrupt],
  ])('%s is refused', async (_, bytes, expected) => {
    expect(bytes.length).toBeLessThan(4000);
    expect(problems(await readTemplate({ bytes, fileName: 'bomba.ods' }))).toEqual(expected);
  });

  it("a LibreOffice-shaped .ods with empty cells and rows repeated to the grid's end still reads", async () => {
    const result = await readTemplate({ bytes: odsFile(odsTemplateRows(12)), fileName: 'plantilla.ods' });
    expect(result.problems).toEqual([]);
    expect(result.entities.filter((e) => e.valid)).toHaveLength(12);
  });
});

describe('.xlsx within every cap that still amplifies (classes 5 and 6)', () => {
  it.each([
    ['2,000 sheets aliasing one worksheet part', () => xlsxSheetAliasing(), corrupt],
    ['a 300-character shared string used by 300,000 cells', () => xlsxSharedStringAmplification(), tooLarge('content')],
    ['an element with 1.5 million attributes', () => xlsxManyAttributes(), corrupt],
    ['one 15 MB text cell', () => xlsxGiantCell(), tooLarge('content')],
  ])('%s is refused', async (_, make, expected) => {
    expect(problems(await readTemplate({ bytes: make(), fileName: 'bomba.xlsx' }))).toEqual(expected);
  });

  it('the user is told the file holds far more than a template, in their language', async () => {
    const result = await readTemplate({ bytes: xlsxGiantCell(), fileName: 'bomba.xlsx' });
    expect(describeProblem(result.problems[0]!, 'en').message).toMatch(/far more text than a template/);
    expect(describeProblem(result.problems[0]!, 'ca').message).toMatch(/molt més text/);
    await stillReadsAGoodFile();
  });
});

// The guard runs in the host's own thread, where nothing can stop it: its scans must stay linear. Each
// of these made a regular expression of the guard run to the part's end once per opening (hours at this size).
describe("the guard's own scans on tags that open and never close", () => {
  it('a million <si> that never close in the shared strings are refused as damaged', async () => {
    expect(problems(await readTemplate({ bytes: xlsxUnclosedSharedStrings(), fileName: 'bomba.xlsx' }))).toEqual(corrupt);
  });

  it.each([
    ['an .ods with 250,000 <text:s and <table:table-cell that never close', () => odsUnclosedTags(), 'bomba.ods'],
    ['an .xlsx whose workbook ends with a million <sheet and <Relationship that never close', () => xlsxUnclosedSheetTags(), 'bomba.xlsx'],
  ])('%s is answered, its real rows read', async (_, make, fileName) => {
    const result = await readTemplate({ bytes: make(), fileName });
    expect(result.readable).toBe(true);
    expect(result.entities[0]).toMatchObject({ row: 2, valid: true });
    await stillReadsAGoodFile();
  });
});

describe('good files that were refused or misread (classes 9 to 12)', () => {
  it('reads an .xlsx re-zipped with ZIP64 forced (zip -fz)', async () => {
    const parts = unzipSync(workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(15) }], 'xlsx'));
    const result = await readTemplate({ bytes: zip64Forced(parts), fileName: 'zip64.xlsx' });
    expect(result.problems).toEqual([]);
    expect(result.entities.filter((e) => e.valid)).toHaveLength(15);
  });

  it("names a CSV's sheet after the file, not its folder", async () => {
    const bytes = csvFile(allMunicipalitiesSheet(2, { service: null }), ';', 'utf-8');
    const result = await readTemplate({ bytes, fileName: 'MUX/plantilla.csv' }, { service: 'OVER' });
    expect(result.entities.map((e) => [e.sheet, e.service])).toEqual([
      ['plantilla', 'OVER'],
      ['plantilla', 'OVER'],
    ]);
  });

  it('reads the yyyy/mm/dd dates of a Gnumeric CSV', async () => {
    const bytes = csvFile(allMunicipalitiesSheet(1, { productionDate: '2027/03/15' }), ',', 'utf-8');
    const result = await readTemplate({ bytes, fileName: 'gnumeric.csv' });
    expect(result.entities[0]!.productionDate).toBe('2027-03-15');
  });

  it('a US-style date stays an error whose hint names the format to use', async () => {
    const bytes = csvFile(allMunicipalitiesSheet(1, { productionDate: '3/15/27' }), ',', 'utf-8');
    const problem = (await readTemplate({ bytes, fileName: 'us.csv' })).entities[0]!.problems.find((p) => p.field === 'productionDate')!;
    expect(describeProblem(problem, 'en').hint).toMatch(/dd\/mm\/yyyy/);
  });

  it.each([
    ['BIFF2 (Excel 2.x)', biff2Xls(), 'oldExcel', /very old Excel/],
    ['Excel 2003 XML', spreadsheetMl2003(), 'excelXml', /Excel 2003 XML/],
    ['an HTML table', htmlXls(), 'html', /web page/],
  ])('an .xls that is %s is told for what it is, with how to save it', async (_, bytes, reason, message) => {
    const result = await readTemplate({ bytes, fileName: 'export.xls' });
    expect(problems(result)).toEqual([{ code: 'file.unreadable', params: { reason } }]);
    const en = describeProblem(result.problems[0]!, 'en');
    expect(en.message).toMatch(message);
    expect(en.hint).toMatch(/\.xlsx/);
    expect(describeProblem(result.problems[0]!, 'es').hint).toMatch(/Libro de Excel/);
  });
});
