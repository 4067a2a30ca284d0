/**
 * `setdiba check` and `setdiba template` as a user runs them: output, --json document and exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { allMunicipalitiesSheet, CATALAN_HEADER } from '../../fixtures/template-rows';
import { csvFile, workbookFile } from '../../fixtures/workbook-files';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'setdiba-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setdiba(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

function file(name: string, bytes: Uint8Array): string {
  writeFileSync(join(dir, name), bytes);
  return name;
}

const withProblems = () =>
  file(
    'amb-errors.xlsx',
    workbookFile(
      [
        {
          name: 'Alta',
          rows: [
            [...CATALAN_HEADER],
            ['Ajuntament de Vic', null, '08298', 'P0829900J', null, 'eNotum'],
            ['Ajuntament de Manlleu', null, '8A112', 'P0829900J', null, 'e-NOTUM'],
            ['Ajuntament de Sant Pere', null, '08298', 'P0829900J', null, 'MUX'],
          ],
        },
      ],
      'xlsx',
    ),
  );

describe('setdiba check', () => {
  it('exits 0 and says so for a template without errors', async () => {
    const name = file('bona.csv', csvFile(allMunicipalitiesSheet(3), ';', 'utf-8-bom'));
    const { code, stdout } = await setdiba('check', name);
    expect(code).toBe(0);
    expect(stdout).toContain('bona.csv: 3 ens, 3 correctes, 0 amb errors, 0 avisos.');
    expect(stdout).toContain('Serveis: e-NOTUM.');
    expect(stdout).toContain('Tot correcte');
  });

  it('exits 1 and reports each problem with sheet, row, column, value, message and what to do', async () => {
    const { code, stdout } = await setdiba('check', withProblems());
    expect(code).toBe(1);
    expect(stdout).toContain('amb-errors.xlsx: 3 ens, 2 correctes, 1 amb errors, 1 avís.');
    expect(stdout).toContain('ERROR  Full «Alta», fila 3, columna «Codi INE», valor «8A112»');
    expect(stdout).toContain('El codi INE «8A112» no és vàlid.');
    expect(stdout).toContain('Què cal fer: Ha de tenir 5 xifres');
    expect(stdout).toContain('AVÍS   Full «Alta», fila 4, columna «Nom de l\'ens», valor «Ajuntament de Sant Pere»');
  });

  it('speaks Spanish and English with --lang', async () => {
    expect((await setdiba('check', withProblems(), '--lang', 'es')).stdout).toContain('El código INE «8A112» no es válido.');
    expect((await setdiba('check', withProblems(), '--lang=en')).stdout).toContain('The INE code "8A112" is not valid.');
  });

  it('prints exactly one JSON document with --json', async () => {
    const { code, stdout } = await setdiba('check', withProblems(), '--json');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(doc).toEqual({
      file: 'amb-errors.xlsx',
      services: ['MUX', 'e-NOTUM'],
      problems: [],
      entities: [
        expect.objectContaining({ sheet: 'Alta', row: 2, service: 'e-NOTUM', serviceAsWritten: 'eNotum', ine: '08298', codiEns: '0829810007', valid: true, problems: [] }),
        expect.objectContaining({
          row: 3,
          valid: false,
          ine: null,
          problems: [expect.objectContaining({ field: 'ine', code: 'ine.invalid', severity: 'error', message: 'El codi INE «8A112» no és vàlid.' })],
        }),
        expect.objectContaining({
          row: 4,
          service: 'MUX',
          valid: true,
          problems: [expect.objectContaining({ field: 'name', code: 'name.mismatch', severity: 'warning' })],
        }),
      ],
    });
    const entity = (doc['entities'] as Record<string, unknown>[])[0]!;
    for (const key of ['sheet', 'row', 'service', 'serviceAsWritten', 'name', 'codiEns', 'ine', 'nif', 'dir3', 'productionDate', 'valid', 'problems']) {
      expect(entity).toHaveProperty(key);
    }
  });

  it('uses --service when the file names no service', async () => {
    const name = file('sense-servei.csv', csvFile([["Nom de l'ens", 'Codi INE', 'NIF'], ['Ajuntament de Vic', '08298', 'P0829900J']], ',', 'utf-8'));
    expect((await setdiba('check', name)).code).toBe(1);
    const { code, stdout } = await setdiba('check', name, '--service', 'eacat', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ services: ['OVER'], entities: [{ service: 'OVER', valid: true }] });
  });

  it('exits 2 for a file that is not a readable template', async () => {
    const name = file('no.xlsx', new TextEncoder().encode('això no és un full de càlcul'));
    const { code, stdout } = await setdiba('check', name);
    expect(code).toBe(2);
    expect(stdout).toContain('no.xlsx: no es pot llegir com a plantilla.');
    expect(stdout).toContain('El contingut del fitxer no és el que diu la seva extensió (.xlsx)');
    const json = JSON.parse((await setdiba('check', name, '--json')).stdout);
    expect(json).toEqual({
      file: 'no.xlsx',
      services: [],
      entities: [],
      problems: [expect.objectContaining({ code: 'file.unreadable', severity: 'error', message: expect.any(String) })],
    });
  });

  it.each([
    [[], 'Ús:'],
    [['convert', 'x'], 'Ordre desconeguda: «convert».'],
    [['check'], 'Falta el fitxer'],
    [['check', 'a.xlsx', 'b.xlsx'], 'Falta el fitxer'],
    [['check', 'a.xlsx', '--service', 'SMS'], '«SMS» no és cap servei conegut'],
    [['check', 'a.xlsx', '--lang', 'fr'], '«fr» no és cap idioma disponible'],
    [['check', 'a.xlsx', '--colour'], 'Opcions incorrectes'],
    [['check', 'no-existeix.xlsx'], 'No es pot llegir el fitxer «no-existeix.xlsx»'],
    [['template'], 'Falta el servei'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stderr } = await setdiba(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('lists every command with --help', async () => {
    const { code, stdout } = await setdiba('--help', '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toContain('setdiba check <file>');
    expect(stdout).toContain('setdiba template <service>');
  });
});

describe('setdiba template', () => {
  it('writes the blank template of a service, which check reads (and finds empty)', async () => {
    const { code, stdout } = await setdiba('template', 'eNotum');
    expect(code).toBe(0);
    expect(stdout).toBe("Plantilla en blanc d'e-NOTUM desada a plantilla-setdiba-e-notum.xlsx.\n");
    expect(readFileSync(join(dir, 'plantilla-setdiba-e-notum.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const check = await setdiba('check', 'plantilla-setdiba-e-notum.xlsx', '--json');
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).problems).toEqual([expect.objectContaining({ code: 'file.no_rows' })]);
  });

  it('writes where -o says, in the language asked', async () => {
    const { code, stdout } = await setdiba('template', 'EACAT', '-o', 'over.xlsx', '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toBe('Blank OVER template saved to over.xlsx.\n');
  });

  it('exits 2 for an unknown service', async () => {
    const { code, stderr } = await setdiba('template', 'SMS');
    expect(code).toBe(2);
    expect(stderr).toContain('«SMS» no és cap servei conegut (MUX, e-NOTUM, e-TAULER, OVER).');
  });
});
