/**
 * The workbooks the app hands out: the blank template of a service, and the rows of one service after a
 * split. What they hold must survive Excel (leading zeros, no formulas) and pass `setdiba check`.
 */
import { strFromU8, unzipSync } from 'fflate';
import { read, utils, write } from 'xlsx';
import { matchColumn, TEMPLATE_FIELDS, type TemplateEntity } from '../../../src/domain/template';
import { LANGS } from '../../../src/i18n';
import { columnName } from '../../../src/i18n/catalog/template';
import { readTemplate, writeTemplateWorkbook } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { municipality, validNif } from '../../fixtures/template-rows';

afterAll(() => stopSpreadsheetParser());

function entity(overrides: Partial<TemplateEntity>): TemplateEntity {
  const m = municipality('08019');
  return {
    sheet: 'x',
    row: 2,
    service: 'e-NOTUM',
    serviceAsWritten: 'eNotum',
    name: 'Ajuntament de Barcelona',
    codiEns: m.codiEns,
    ine: m.ine5,
    ine6: m.ine6,
    nif: 'P0801900B',
    dir3: `L01${m.ine6}`,
    productionDate: '2025-03-15',
    contactName: null,
    contactEmail: null,
    phone: '+34 93 402 70 00',
    notes: null,
    valid: true,
    problems: [],
    ...overrides,
  };
}

function sheetXml(xlsx: Uint8Array, n: number): string {
  return strFromU8(unzipSync(xlsx)[`xl/worksheets/sheet${n}.xml`]!);
}

describe('the blank template of a service', () => {
  it.each(LANGS)('in %s has instructions, then a header the reader recognises and no rows', async (lang) => {
    const bytes = writeTemplateWorkbook({ service: 'e-TAULER', lang });
    const book = read(bytes);
    expect(book.SheetNames[1]).toBe('e-TAULER');
    const header = utils.sheet_to_json<string[]>(book.Sheets['e-TAULER']!, { header: 1 })[0]!;
    expect(header.map((h) => matchColumn(h))).toEqual([...TEMPLATE_FIELDS]);
    const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
    expect(result).toMatchObject({ readable: true, entities: [], problems: [{ code: 'file.no_rows' }] });
  });

  it('offers the services in a drop-down, formats code columns as text and freezes the header', () => {
    const xml = sheetXml(writeTemplateWorkbook({ service: 'MUX', lang: 'ca' }), 2);
    expect(xml).toContain('<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="F2:F5001"><formula1>"MUX,e-NOTUM,e-TAULER,OVER"</formula1>');
    const styled = [...xml.matchAll(/<col min="(\d+)" max="\d+" style="\d+"/g)].map((m) => Number(m[1]));
    expect(styled).toEqual([2, 3, 4, 5, 10]); // codi d'ens, INE, NIF, DIR3, phone
    expect(xml).toContain('state="frozen"');
  });

  it('filled in as a person would, passes the check', async () => {
    const book = read(writeTemplateWorkbook({ service: 'OVER', lang: 'ca' }));
    utils.sheet_add_aoa(book.Sheets['OVER']!, [
      ['Ajuntament de Vic', null, '08298', 'P0829900J', null, null, '15/03/2025'],
      ["Ajuntament de l'Hospitalet de Llobregat", '0810170005', null, validNif('0810100'), 'L01081017', 'EACAT'],
    ], { origin: 'A2' });
    const bytes = new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const result = await readTemplate({ bytes, fileName: 'omplerta.xlsx' });
    expect(result.entities.map((e) => [e.row, e.service, e.ine, e.valid])).toEqual([
      [2, 'OVER', '08298', true],
      [3, 'OVER', '08101', true],
    ]);
  });
});

describe('the workbook of one service after a split', () => {
  it('reads back the same ens, with leading zeros and dates intact', async () => {
    const rows = [entity({}), entity({ name: 'Ajuntament de Vic', ine: '08298', codiEns: '0829810007', dir3: null, nif: 'P0829900J', productionDate: null, row: 3 })];
    const bytes = writeTemplateWorkbook({ service: 'e-NOTUM', lang: 'es', entities: rows });
    const result = await readTemplate({ bytes, fileName: 'e-NOTUM.xlsx' });
    expect(result.entities.map((e) => [e.service, e.name, e.codiEns, e.ine, e.nif, e.dir3, e.productionDate, e.phone, e.valid])).toEqual([
      ['e-NOTUM', 'Ajuntament de Barcelona', '0801930008', '08019', 'P0801900B', 'L01080193', '2025-03-15', '+34 93 402 70 00', true],
      ['e-NOTUM', 'Ajuntament de Vic', '0829810007', '08298', 'P0829900J', null, null, '+34 93 402 70 00', true],
    ]);
  });

  it('writes codes as text cells, so no spreadsheet turns them into numbers', () => {
    const book = read(writeTemplateWorkbook({ service: 'MUX', lang: 'ca', entities: [entity({})] }));
    const sheet = book.Sheets['MUX']!;
    expect(sheet['C2']).toMatchObject({ t: 's', v: '08019' });
    expect(sheet['B2']).toMatchObject({ t: 's', v: '0801930008' });
  });

  it('writes text that looks like a formula as a text cell, unchanged and never a formula', () => {
    const values = { name: '=HYPERLINK("http://evil.example","Vic")', notes: '=1+1', contactName: '-2+3', phone: '+34 93 402 70 00' };
    const bytes = writeTemplateWorkbook({ service: 'MUX', lang: 'ca', entities: [entity({ ...values, contactEmail: '@SUM(A1)' })] });
    const sheet = read(bytes, { cellFormula: true }).Sheets['MUX']!;
    expect(sheet['A2']).toMatchObject({ t: 's', v: values.name });
    expect(sheet['K2']).toMatchObject({ t: 's', v: '=1+1' });
    expect(sheet['H2']).toMatchObject({ t: 's', v: '-2+3' });
    expect(sheet['I2']).toMatchObject({ t: 's', v: '@SUM(A1)' });
    expect(sheet['J2']).toMatchObject({ t: 's', v: '+34 93 402 70 00' });
    for (const address of ['A2', 'H2', 'I2', 'K2']) expect(sheet[address]!.f).toBeUndefined();
    // In the XML itself: shared strings, no <f> element anywhere in the data sheet.
    expect(sheetXml(bytes, 2)).not.toContain('<f>');
  });
});

describe('column names', () => {
  it.each(LANGS)('in %s are all recognised by the reader', (lang) => {
    for (const field of TEMPLATE_FIELDS) expect(matchColumn(columnName(field, lang))).toBe(field);
  });
});
