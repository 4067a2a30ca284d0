/**
 * Parts of a workbook the reader has no use for (document properties, the theme, the calculation chain,
 * custom XML, LibreOffice's view settings) are never inflated, checked or handed to SheetJS: a template whose
 * properties or theme a program damaged still gives its rows, and a bomb hidden in one costs nothing.
 * Parts SheetJS does read stay checked.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { TemplateReadResult } from '../../../src/domain/template';
import { readTemplate } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { isPartToParse } from '../../../src/spreadsheet/read-template';
import { zipBombXlsx } from '../../fixtures/hostile-files';
import { odsFile, odsTemplateRows } from '../../fixtures/hostile-xml';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

afterAll(() => stopSpreadsheetParser());

const problems = (result: TemplateReadResult) => result.problems.map((p) => ({ code: p.code, params: p.params }));

/** One element with 5,000 attributes: what the guard refuses in any part it checks. */
const attributeBomb = `<?xml version="1.0"?><Properties ${Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' ')}/>`;

/** A 20-row .xlsx template whose parts are replaced or added as given. */
function xlsxWith(parts: Record<string, Uint8Array>): Uint8Array {
  const base = unzipSync(workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(20) }], 'xlsx'));
  return zipSync({ ...base, ...parts } as Zippable, { level: 6 });
}

/** The deflate data of `name` damaged (the zip's CRC and sizes left as they were). */
function withDamagedPart(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const at = Buffer.from(out).indexOf(Buffer.from(name));
  if (at < 0) throw new Error(`no ${name}`);
  // The local header's name is followed by the data (no extra field in fflate's output).
  const data = at + name.length;
  for (let i = 0; i < 16; i++) out[data + i] = 0xff;
  return out;
}

describe('parts the reader has no use for', () => {
  it.each(['docProps/core.xml', 'docProps/app.xml', 'xl/theme/theme1.xml'])('a template whose %s a program damaged still gives all its rows', async (name) => {
    const bytes = withDamagedPart(xlsxWith({}), name);
    const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
    expect(problems(result)).toEqual([]);
    expect(result.entities.filter((e) => e.valid)).toHaveLength(20);
  });

  it('an element with 5,000 attributes in the document properties or custom XML is not looked at', async () => {
    const bytes = xlsxWith({ 'docProps/custom.xml': strToU8(attributeBomb), 'customXml/item1.xml': strToU8(attributeBomb), 'xl/calcChain.xml': strToU8(attributeBomb) });
    const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
    expect(problems(result)).toEqual([]);
    expect(result.entities).toHaveLength(20);
  });

  it('a zip bomb as the document properties is never inflated (inflated, it would pass the 16 MiB part cap)', async () => {
    const result = await readTemplate({ bytes: zipBombXlsx([{ name: 'docProps/custom.xml', mib: 64 }]), fileName: 'bomba.xlsx' });
    expect(problems(result)).toEqual([]);
    expect(result.entities).toHaveLength(3);
  });

  it("an .ods whose LibreOffice view settings or properties are damaged still gives its rows", async () => {
    const parts = unzipSync(odsFile(odsTemplateRows(5)));
    const bytes = zipSync({ ...parts, 'settings.xml': strToU8(attributeBomb), 'meta.xml': strToU8(attributeBomb) } as Zippable, { level: 6 });
    const result = await readTemplate({ bytes, fileName: 'plantilla.ods' });
    expect(problems(result)).toEqual([]);
    expect(result.entities).toHaveLength(5);
  });

  it('the parts SheetJS reads are still checked: the same attributes in the styles or the workbook are refused', async () => {
    for (const name of ['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml']) {
      const result = await readTemplate({ bytes: xlsxWith({ [name]: strToU8(attributeBomb) }), fileName: 'plantilla.xlsx' });
      expect({ name, problems: problems(result) }).toEqual({ name, problems: [{ code: 'file.unreadable', params: { reason: 'corrupt' } }] });
    }
  });

  it('which parts those are, whatever the case of their names', () => {
    const parsed = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/metadata.xml', 'content.xml', 'styles.xml', 'mimetype', 'META-INF/manifest.xml'];
    const skipped = ['docProps/core.xml', 'DOCPROPS/APP.XML', 'xl/theme/theme1.xml', 'xl/calcChain.xml', 'customXml/item1.xml', 'meta.xml', 'settings.xml', 'Configurations2/accelerator/current.xml', 'xl/media/image1.png', 'xl/printerSettings/printerSettings1.bin'];
    expect(parsed.filter((name) => !isPartToParse(name))).toEqual([]);
    expect(skipped.filter((name) => isPartToParse(name))).toEqual([]);
  });
});
