/**
 * The validation rules of a template row (problem codes are an interface: the CLI, the ticket comments and
 * the panel key their texts on them).
 */
import { readTemplateWorkbook, type RawCell, type RawSheet, type TemplateReadResult } from '../../../../src/domain/template';
import type { Service } from '../../../../src/domain/services';
import { templateEntity } from '../../../fixtures/entities';

const HEADER = ["Nom de l'ens", "Codi d'ens", 'Codi INE', 'NIF', 'DIR3', 'Servei', 'Data pas a producció'];
const VIC = ['Ajuntament de Vic', null, '08298', 'P0829900J', null, 'e-NOTUM', null];

function read(rows: RawCell[][], options: { sheet?: string; service?: Service; date1904?: boolean; sheets?: RawSheet[] } = {}): TemplateReadResult {
  const sheets = options.sheets ?? [{ name: options.sheet ?? 'Full1', rows: [HEADER, ...rows] }];
  return readTemplateWorkbook({ sheets, date1904: options.date1904 ?? false }, { fileName: 'plantilla.xlsx', service: options.service ?? null });
}

function row(overrides: Partial<Record<'name' | 'codiEns' | 'ine' | 'nif' | 'dir3' | 'service' | 'date', RawCell>>): RawCell[] {
  const keys = ['name', 'codiEns', 'ine', 'nif', 'dir3', 'service', 'date'] as const;
  return keys.map((key, i) => (key in overrides ? overrides[key]! : VIC[i]!));
}

function codes(result: TemplateReadResult): string[] {
  return result.entities.flatMap((e) => e.problems.map((p) => p.code));
}

describe('a valid row', () => {
  it('becomes an entity with canonical identifiers and its spreadsheet row', () => {
    const result = read([row({})]);
    expect(result).toMatchObject({ readable: true, services: ['e-NOTUM'], problems: [] });
    // Valid, without problems, the service written as its canonical name, no date, contact or notes.
    expect(result.entities).toEqual([
      templateEntity({
        sheet: 'Full1',
        row: 2,
        service: 'e-NOTUM',
        name: 'Ajuntament de Vic',
        codiEns: '0829810007', // derived: INE6 + 000 + DC2
        ine: '08298',
        ine6: '082981',
        nif: 'P0829900J',
        dir3: null,
      }),
    ]);
  });

  it('restores leading zeros lost in number cells', () => {
    const [entity] = read([row({ ine: 8298 }), row({ ine: null, codiEns: 801930008, name: 'Barcelona' })]).entities;
    expect(entity).toMatchObject({ ine: '08298', valid: true });
    expect(read([row({ ine: null, codiEns: 801930008, name: 'Barcelona' })]).entities[0]).toMatchObject({
      ine: '08019',
      codiEns: '0801930008',
      valid: true,
    });
  });

  it('skips rows whose known cells are all empty, and keeps counting spreadsheet rows', () => {
    const result = read([[], [null, null, '  '], row({}), ['', '', '', '', '', '', '', 'only an unknown column']]);
    expect(result.entities.map((e) => e.row)).toEqual([4]);
  });
});

describe('problems of a row', () => {
  function single(overrides: Parameters<typeof row>[0]) {
    const entity = read([row(overrides)]).entities[0]!;
    return { entity, problems: entity.problems.map((p) => ({ code: p.code, severity: p.severity, field: p.field })) };
  }

  it.each([
    [{ name: null }, 'name.missing', 'name'],
    [{ ine: null }, 'ine.missing', 'ine'],
    [{ ine: '8A298' }, 'ine.invalid', 'ine'],
    [{ ine: '53001' }, 'ine.invalid', 'ine'],
    [{ ine: '082982' }, 'ine.checksum', 'ine'],
    [{ ine: '08999' }, 'ine.unknown', 'ine'],
    [{ codiEns: '08298100' }, 'codiEns.invalid', 'codiEns'],
    [{ codiEns: '0829810008' }, 'codiEns.checksum', 'codiEns'],
    [{ codiEns: '0801930008' }, 'codiEns.mismatch', 'codiEns'],
    [{ nif: null }, 'nif.missing', 'nif'],
    [{ nif: 'P08299J' }, 'nif.invalid', 'nif'],
    [{ nif: 'P0829900A' }, 'nif.checksum', 'nif'],
    [{ dir3: 'L0108' }, 'dir3.invalid', 'dir3'],
    [{ dir3: 'L01080193' }, 'dir3.mismatch', 'dir3'],
    [{ service: 'SMS' }, 'service.unknown', 'service'],
    [{ service: null }, 'service.missing', 'service'],
    [{ date: '31/02/2025' }, 'productionDate.invalid', 'productionDate'],
    [{ date: 'la setmana vinent' }, 'productionDate.invalid', 'productionDate'],
  ] as const)('%j gives %s (error) on %s', (overrides, code, field) => {
    const { entity, problems } = single(overrides);
    expect(problems).toEqual([{ code, severity: 'error', field }]);
    expect(entity.valid).toBe(false);
  });

  it('says where and what: the column header and the value as written', () => {
    const [problem] = read([row({ ine: ' 8A298 ' })]).entities[0]!.problems;
    expect(problem).toEqual({ field: 'ine', code: 'ine.invalid', severity: 'error', column: 'Codi INE', value: '8A298', params: {} });
  });

  it('gives the expected code with a checksum problem', () => {
    expect(single({ ine: '082982' }).entity.problems[0]!.params).toEqual({ expected: '082981' });
    expect(single({ nif: 'P0829900A' }).entity.problems[0]!.params).toEqual({ expected: 'P0829900J' });
  });

  it('accepts an ajuntament DIR3 that matches its INE', () => {
    expect(single({ dir3: 'l01-082981' })).toMatchObject({ entity: { dir3: 'L01082981', valid: true } });
  });

  it('warns, without invalidating the row, when the name is not the official one', () => {
    const { entity } = single({ name: 'Ajuntament de Manlleu' });
    expect(entity.valid).toBe(true);
    expect(entity.problems).toEqual([
      expect.objectContaining({ code: 'name.mismatch', severity: 'warning', params: { official: 'Vic' } }),
    ]);
  });

  it('does not compare the name of a body that depends on the ajuntament', () => {
    const { entity } = single({ name: 'Organisme Autònom de Cultura', codiEns: '0829810014', ine: null });
    expect(entity).toMatchObject({ ine: '08298', codiEns: '0829810014', valid: true, problems: [] });
  });

  it('gives a non-municipal ens no INE, and refuses an L01 DIR3 for it', () => {
    const { entity } = single({ name: 'EMD de Bellaterra', ine: null, codiEns: '7000640010', dir3: 'L01080193' });
    expect(entity).toMatchObject({ ine: null, codiEns: '7000640010' });
    expect(entity.problems.map((p) => p.code)).toEqual(['dir3.mismatch']);
  });

  it('treats cell text as data, formulas included', () => {
    const { entity } = single({ name: '=HYPERLINK("http://example.com","Vic")' });
    expect(entity.name).toBe('=HYPERLINK("http://example.com","Vic")');
  });
});

describe('services', () => {
  it.each([
    ['EACAT', 'OVER'],
    ['eNotum', 'e-NOTUM'],
    ['e-tauler', 'e-TAULER'],
    ['NOTUM', 'e-NOTUM'],
    [' mux ', 'MUX'],
  ])('%j means %s, and the spelling is kept', (written, service) => {
    expect(read([row({ service: written })]).entities[0]).toMatchObject({ service, serviceAsWritten: written.trim(), valid: true });
  });

  it('come from the sheet name, then from the fallback, when the row has none', () => {
    expect(read([row({ service: null })], { sheet: 'Plantilla e-TAULER' }).entities[0]).toMatchObject({
      service: 'e-TAULER',
      serviceAsWritten: 'Plantilla e-TAULER',
    });
    expect(read([row({ service: null })], { service: 'MUX' }).entities[0]).toMatchObject({ service: 'MUX', serviceAsWritten: null });
  });

  it('are listed canonical, in the app order', () => {
    const result = read([row({ service: 'EACAT' }), row({ service: 'mux', ine: '08019', name: 'Barcelona' }), row({ service: 'SMS' })]);
    expect(result.services).toEqual(['MUX', 'OVER']);
  });
});

describe('production dates', () => {
  it.each([
    [45000, '2023-03-15'],
    [45000.75, '2023-03-15'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // past Excel's phantom 29/02/1900
    ['15/03/2025', '2025-03-15'],
    ['5/3/2025', '2025-03-05'],
    ['2025-03-15', '2025-03-15'],
    ['2025-03-15T00:00:00.000Z', '2025-03-15'],
    ['2027/03/15', '2027-03-15'], // Gnumeric's CSV
    ['2027/3/5', '2027-03-05'],
    ['15-3-2027', '2027-03-15'],
    ['2025/03/15 ', '2025-03-15'],
  ])('%j is %s', (cell, iso) => {
    expect(read([row({ date: cell })]).entities[0]).toMatchObject({ productionDate: iso, valid: true });
  });

  it('follow the 1904 date system when the workbook uses it', () => {
    expect(read([row({ date: 43538 })], { date1904: true }).entities[0]!.productionDate).toBe('2023-03-15');
  });

  // Day and month are never guessed: US-style month-first dates stay errors, whose hint names dd/mm/aaaa.
  it.each([60, 0, -1, true, '15-13-2025', '15/03/25', '3/15/2027', '3/15/27', '2027/15/03', '15/03-2027'])('%j is not a date', (cell) => {
    expect(codes(read([row({ date: cell })]))).toEqual(['productionDate.invalid']);
  });
});

describe('duplicates', () => {
  it('are errors on the later row, pointing at the first, across sheets', () => {
    const result = read([], {
      sheets: [
        { name: 'A', rows: [HEADER, row({})] },
        { name: 'B', rows: [HEADER, row({}), row({ service: 'MUX' }), row({ ine: null, codiEns: '0829810007' })] },
      ],
    });
    expect(result.entities.map((e) => e.valid)).toEqual([true, false, true, false]);
    expect(result.entities[1]!.problems).toEqual([
      { field: 'ine', code: 'entity.duplicate', severity: 'error', column: 'Codi INE', value: '08298', params: { firstRow: 2, firstSheet: 'A' } },
    ]);
    expect(result.entities[3]!.problems[0]).toMatchObject({ field: 'codiEns', column: "Codi d'ens", value: '0829810007' });
  });
});

describe('the file as a whole', () => {
  it('ignores sheets without a header (instructions) and reads every sheet with one', () => {
    const result = read([], {
      sheets: [
        { name: 'Instruccions', rows: [['Ompliu una fila per ens.'], ["Nom de l'ens: el nom"]] },
        { name: 'MUX', rows: [HEADER, row({ service: null })] },
        { name: 'OVER', rows: [['Alta OVER'], HEADER, row({ service: null })] },
      ],
    });
    expect(result.entities.map((e) => [e.sheet, e.row, e.service])).toEqual([
      ['MUX', 2, 'MUX'],
      ['OVER', 3, 'OVER'],
    ]);
  });

  it('is unreadable without a header in any sheet', () => {
    expect(read([], { sheets: [{ name: 'Full1', rows: [['a', 'b'], ['c']] }] })).toEqual({
      file: 'plantilla.xlsx',
      services: [],
      entities: [],
      problems: [{ code: 'sheet.no_header', severity: 'error', params: { sheets: 'Full1', scanRows: 20 } }],
      readable: false,
    });
  });

  it('says so when the header has no rows below it', () => {
    expect(read([])).toMatchObject({ readable: true, problems: [{ code: 'file.no_rows' }] });
  });

  it('refuses more than 5,000 data rows', () => {
    const rows = Array.from({ length: 5001 }, () => row({}));
    expect(read(rows)).toMatchObject({ readable: false, problems: [{ code: 'file.too_large', params: { unit: 'rows', limit: 5000 } }] });
    expect(read(rows.slice(1)).readable).toBe(true);
  });
});
