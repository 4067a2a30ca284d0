/**
 * The same template, written in every format people send (by the programs that write them), reads the same.
 */
import { unzipSync } from 'fflate';
import type { CellObject } from 'xlsx';
import type { TemplateEntity, TemplateReadResult } from '../../../src/domain/template';
import { readTemplate } from '../../../src/spreadsheet';
import { stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { dataDescriptorXlsx } from '../../fixtures/hostile-files';
import { CATALAN_HEADER, validNif } from '../../fixtures/template-rows';
import { csvFile, workbookFile, type FixtureCell, type FixtureFormat } from '../../fixtures/workbook-files';

afterAll(() => stopSpreadsheetParser());

const date = (serial: number): CellObject => ({ t: 'n', v: serial, z: 'dd/mm/yyyy' });

/** Title rows, then rows as a person fills them in: codes typed as numbers lose their zeros. */
function sheetRows(dates: 'cells' | 'text'): FixtureCell[][] {
  const productionDate = dates === 'cells' ? date(45000) : '15/03/2023';
  return [
    ['Plantilla SetDIBA: altes e-NOTUM'],
    [],
    [...CATALAN_HEADER],
    ['Ajuntament de Vic', null, 8298, 'P0829900J', null, 'eNotum', productionDate, 'Anna Puig', 'anna@vic.cat', '938862100', null],
    ["Ajuntament de l'Hospitalet de Llobregat", 810170005, null, validNif('0810100'), 'L01081017', 'EACAT', null, null, null, null, 'Prioritari'],
    ['Ajuntament del Bruc', '0802530008', '08025', validNif('0802500'), null, 'MUX', null, null, null, null, '=1+1'],
    [],
    ['Ajuntament de Vallès Inventat', null, '08999', 'P0800000X', null, 'SMS', 'demà', null, null, null, null],
  ];
}

/** The fields of a row a user sees, which do not depend on the format (the sheet's name does: a CSV has none). */
const SEEN = ['row', 'service', 'serviceAsWritten', 'name', 'codiEns', 'ine', 'nif', 'dir3', 'productionDate', 'notes', 'valid'] as const;

/** What a user sees of the result, independent of the format. */
function summary(result: TemplateReadResult) {
  return {
    readable: result.readable,
    services: result.services,
    problems: result.problems,
    entities: result.entities.map((e: TemplateEntity) => ({
      ...Object.fromEntries(SEEN.map((field) => [field, e[field]])),
      problems: e.problems.map((p) => `${p.code}@${p.column}=${p.value}`),
    })),
  };
}

const EXPECTED = {
  readable: true,
  services: ['MUX', 'e-NOTUM', 'OVER'],
  problems: [],
  entities: [
    {
      row: 4,
      service: 'e-NOTUM',
      serviceAsWritten: 'eNotum',
      name: 'Ajuntament de Vic',
      codiEns: '0829810007',
      ine: '08298',
      nif: 'P0829900J',
      dir3: null,
      productionDate: '2023-03-15',
      notes: null,
      valid: true,
      problems: [],
    },
    {
      row: 5,
      service: 'OVER',
      serviceAsWritten: 'EACAT',
      name: "Ajuntament de l'Hospitalet de Llobregat",
      codiEns: '0810170005',
      ine: '08101',
      nif: validNif('0810100'),
      dir3: 'L01081017',
      productionDate: null,
      notes: 'Prioritari',
      valid: true,
      problems: [],
    },
    {
      row: 6,
      service: 'MUX',
      serviceAsWritten: 'MUX',
      name: 'Ajuntament del Bruc',
      codiEns: '0802530008',
      ine: '08025',
      nif: validNif('0802500'),
      dir3: null,
      productionDate: null,
      notes: '=1+1',
      valid: true,
      problems: [],
    },
    {
      row: 8,
      service: null,
      serviceAsWritten: 'SMS',
      name: 'Ajuntament de Vallès Inventat',
      codiEns: null,
      ine: null,
      nif: null,
      dir3: null,
      productionDate: null,
      notes: null,
      valid: false,
      problems: [
        'ine.unknown@Codi INE=08999',
        'nif.checksum@NIF=P0800000X',
        'service.unknown@Servei=SMS',
        'productionDate.invalid@Data pas a producció=demà',
      ],
    },
  ],
};

describe('reading a template', () => {
  it.each(['xlsx', 'xlsm', 'xls', 'ods'] as FixtureFormat[])('from .%s', async (format) => {
    const bytes = workbookFile([{ name: 'Alta', rows: sheetRows('cells') }], format);
    expect(summary(await readTemplate({ bytes, fileName: `plantilla.${format}` }))).toEqual(EXPECTED);
  });

  it.each([
    [';', 'utf-8-bom'],
    [';', 'windows-1252'],
    [',', 'utf-8'],
    [',', 'windows-1252'],
  ] as const)('from .csv separated by %j in %s', async (delimiter, encoding) => {
    const rows = sheetRows('text').map((r) => r.map((c) => (typeof c === 'object' && c !== null ? String(c.v) : c)));
    const bytes = csvFile(rows, delimiter, encoding);
    const result = await readTemplate({ bytes, fileName: 'plantilla.csv' });
    expect(summary(result)).toEqual(EXPECTED);
    expect(result.entities[0]!.sheet).toBe('plantilla');
  });

  it('from an .xlsx written by a streaming zip writer (sizes after the data)', async () => {
    const parts = unzipSync(workbookFile([{ name: 'Alta', rows: sheetRows('cells') }], 'xlsx'));
    const result = await readTemplate({ bytes: dataDescriptorXlsx(parts), fileName: 'plantilla.xlsx' });
    expect(summary(result)).toEqual(EXPECTED);
  });

  it('with dates in the 1904 date system', async () => {
    const rows = sheetRows('cells');
    rows[3]![6] = date(45000 - 1462);
    const bytes = workbookFile([{ name: 'Alta', rows }], 'xlsx', { date1904: true });
    expect((await readTemplate({ bytes, fileName: 'plantilla.xlsx' })).entities[0]!.productionDate).toBe('2023-03-15');
  });

  it('gives formula cells their cached value, never evaluating anything', async () => {
    const rows = sheetRows('cells');
    rows[3]![2] = { t: 's', f: 'TEXT(8298,"00000")', v: '08298' };
    rows[3]![10] = { t: 'n', f: '1+1', v: 2 };
    const result = await readTemplate({ bytes: workbookFile([{ name: 'Alta', rows }], 'xlsx'), fileName: 'plantilla.xlsx' });
    expect(result.entities[0]).toMatchObject({ ine: '08298', notes: '2', valid: true });
  });

  it('reads every sheet with a header, skipping the instructions, with the service of each sheet', async () => {
    const header = [...CATALAN_HEADER];
    const vic = ['Ajuntament de Vic', null, '08298', 'P0829900J'];
    const bytes = workbookFile(
      [
        { name: 'Instruccions', rows: [['Una fila per ens.'], ['Columnes: Nom de l’ens, Codi INE, NIF']] },
        { name: 'MUX', rows: [header, vic] },
        { name: 'e-TAULER', rows: [header, vic, vic] },
      ],
      'xlsx',
    );
    const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
    expect(result.services).toEqual(['MUX', 'e-TAULER']);
    expect(result.entities.map((e) => [e.sheet, e.row, e.service, e.valid])).toEqual([
      ['MUX', 2, 'MUX', true],
      ['e-TAULER', 2, 'e-TAULER', true],
      ['e-TAULER', 3, 'e-TAULER', false], // the same ens twice for one service
    ]);
  });

  it('uses the fallback service when the file names none', async () => {
    const bytes = workbookFile([{ name: 'Full1', rows: [["Nom de l'ens", 'Codi INE', 'NIF'], ['Ajuntament de Vic', '08298', 'P0829900J']] }], 'ods');
    const result = await readTemplate({ bytes, fileName: 'plantilla.ods' }, { service: 'OVER' });
    expect(result.entities[0]).toMatchObject({ service: 'OVER', valid: true });
  });

  it('honours extra aliases from the settings', async () => {
    const bytes = csvFile([["Nom de l'ens", 'Codi INE', 'NIF', 'Servei'], ['Ajuntament de Vic', '08298', 'P0829900J', 'Notificacions']], ';', 'utf-8');
    const result = await readTemplate({ bytes, fileName: 'plantilla.csv' }, { extraAliases: { 'e-NOTUM': ['Notificacions'] } });
    expect(result.entities[0]).toMatchObject({ service: 'e-NOTUM', serviceAsWritten: 'Notificacions', valid: true });
  });

  it('reads Excel\'s "sep=" line in a CSV without counting it as a row', async () => {
    const text = `sep=,\r\nNom de l'ens,Codi INE,NIF\r\nAjuntament de Vic,08298,P0829900J\r\n`;
    const result = await readTemplate({ bytes: new TextEncoder().encode(text), fileName: 'x.csv' }, { service: 'MUX' });
    expect(result.entities[0]).toMatchObject({ row: 2, ine: '08298', valid: true });
  });
});
