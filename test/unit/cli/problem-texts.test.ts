/**
 * Every problem code the reader can give has a message and a hint in every language, with its
 * parameters filled in: what the CLI, the ticket comments and the panel show.
 */
import type { FileProblem, RowProblem, RowProblemCode } from '../../../src/domain/template';
import { LANGS } from '../../../src/i18n';
import { describeLocation, describeProblem } from '../../../src/i18n/catalog/template';

const ROW_CODES: [RowProblemCode, Record<string, string | number>][] = [
  ['name.missing', {}],
  ['name.mismatch', { official: 'El Bruc' }],
  ['ine.missing', {}],
  ['ine.invalid', {}],
  ['ine.checksum', { expected: '080193' }],
  ['ine.unknown', { ine: '08999' }],
  ['codiEns.invalid', {}],
  ['codiEns.checksum', { expected: '0801930008' }],
  ['codiEns.mismatch', { ine: '080193', codiEnsIne: '082981' }],
  ['nif.missing', {}],
  ['nif.invalid', {}],
  ['nif.checksum', { expected: 'P0801900B' }],
  ['dir3.invalid', {}],
  ['dir3.mismatch', { expected: 'L01080193' }],
  ['dir3.mismatch', {}],
  ['service.missing', {}],
  ['service.unknown', { known: 'MUX, e-NOTUM, e-TAULER, OVER' }],
  ['productionDate.invalid', {}],
  ['entity.duplicate', { firstRow: 2, firstSheet: 'MUX' }],
];

const FILE_PROBLEMS: FileProblem[] = [
  { code: 'file.unreadable', severity: 'error', params: { reason: 'corrupt' } },
  { code: 'file.unreadable', severity: 'error', params: { reason: 'extension', file: 'a.pdf' } },
  { code: 'file.unreadable', severity: 'error', params: { reason: 'signature', extension: '.xlsx' } },
  { code: 'file.unreadable', severity: 'error', params: { reason: 'timeout' } },
  { code: 'file.unreadable', severity: 'error', params: { reason: 'text' } },
  { code: 'file.unreadable', severity: 'error', params: { reason: 'empty' } },
  { code: 'file.encrypted', severity: 'error', params: {} },
  { code: 'file.too_large', severity: 'error', params: { unit: 'bytes', limit: 5 } },
  { code: 'file.too_large', severity: 'error', params: { unit: 'inflated', limit: 16 } },
  { code: 'file.too_large', severity: 'error', params: { unit: 'rows', limit: 5000 } },
  { code: 'sheet.no_header', severity: 'error', params: { sheets: 'Full1', scanRows: 20 } },
  { code: 'file.no_rows', severity: 'error', params: {} },
];

describe.each(LANGS)('problem texts in %s', (lang) => {
  it.each(ROW_CODES)('%s %j says what is wrong and what to do', (code, params) => {
    const problem: RowProblem = { field: 'ine', code, severity: 'error', column: 'Codi INE', value: '8A019', params };
    const text = describeProblem(problem, lang);
    expect(text.message).not.toMatch(/\{\w+\}/);
    expect(text.hint).not.toMatch(/\{\w+\}/);
    expect(text.message.length).toBeGreaterThan(10);
    expect(text.hint.length).toBeGreaterThan(10);
  });

  it.each(FILE_PROBLEMS.map((p) => [`${p.code} ${JSON.stringify(p.params)}`, p] as const))('%s has its own words', (_, problem) => {
    const text = describeProblem(problem, lang);
    expect(text.message).not.toMatch(/\{\w+\}|^Problem/);
    expect(text.hint).not.toMatch(/\{\w+\}/);
  });
});

describe('texts', () => {
  it('put the value as written into the message', () => {
    const problem: RowProblem = { field: 'ine', code: 'ine.invalid', severity: 'error', column: 'Codi INE', value: '8A019', params: {} };
    expect(describeProblem(problem, 'ca').message).toBe('El codi INE «8A019» no és vàlid.');
    expect(describeProblem(problem, 'en').message).toBe('The INE code "8A019" is not valid.');
  });

  it('are more precise for a file problem with a reason', () => {
    const problem: FileProblem = { code: 'file.too_large', severity: 'error', params: { unit: 'rows', limit: 5000 } };
    expect(describeProblem(problem, 'ca').message).toBe("La plantilla té més de 5.000 files d'ens.");
  });

  it('locate a problem by sheet, row, column and value', () => {
    expect(describeLocation({ sheet: 'MUX', row: 7, column: 'NIF', value: 'P08' }, 'es')).toBe('Hoja «MUX», fila 7, columna «NIF», valor «P08»');
    expect(describeLocation({ sheet: 'MUX', row: 7 }, 'en')).toBe('Sheet "MUX", row 7');
  });
});
