/**
 * The sample requests a customer can raise from the sandbox page. The workbooks are written by the
 * template reader's own fixture generators (test/fixtures), from the reference list of municipalities,
 * so every identifier in a "valid" row is real and every error is deliberate.
 */
import type { Service } from '../../domain/services';
import type { RawCell } from '../../domain/template/types';
import { lyingSizeXlsx, PDF_BYTES } from '../../../test/fixtures/hostile-files';
import { ajuntamentRow, CATALAN_HEADER, municipality } from '../../../test/fixtures/template-rows';
import { workbookFile } from '../../../test/fixtures/workbook-files';
import type { SampleRequest, UploadedFile } from './types';

/** Municipalities used by the samples (INE5), a few per service so the tickets stay readable. */
const ENS: Readonly<Record<Service, readonly string[]>> = {
  MUX: ['08001', '08002'],
  'e-NOTUM': ['08003', '08004', '08005'],
  'e-TAULER': ['08006', '08007'],
  OVER: ['08009', '08010'],
};

let rowIndex = 0;
function row(ine5: string, service: string, productionDate: RawCell = null): RawCell[] {
  rowIndex += 1;
  return ajuntamentRow(municipality(ine5), rowIndex, { service, productionDate });
}

function xlsx(name: string, rows: RawCell[][]): Uint8Array {
  return workbookFile([{ name, rows: [[...CATALAN_HEADER], ...rows] }], 'xlsx');
}

/** MUX rows carry the production date SetDIBA gave, some months ahead. */
function serviceRows(service: Service): RawCell[][] {
  return ENS[service].map((ine5) => row(ine5, service === 'OVER' ? 'EACAT' : service, service === 'MUX' ? '2027-03-01' : null));
}

function everyService(): UploadedFile[] {
  return (['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'] as const).map((service) => ({
    fileName: `plantilla-${service.toLowerCase()}.xlsx`,
    bytes: xlsx(service, serviceRows(service)),
  }));
}

function mixed(): UploadedFile[] {
  const rows = (['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'] as const).flatMap((service) => serviceRows(service));
  return [{ fileName: 'plantilla-setdiba.xlsx', bytes: xlsx('Ens', rows) }];
}

/** One good row and three with a wrong check digit each: NIF letter, codi d'ens, DIR3. */
function withErrors(): UploadedFile[] {
  const good = row('08011', 'e-NOTUM');
  const badNif = row('08012', 'e-NOTUM');
  badNif[3] = String(badNif[3]).slice(0, -1) + (String(badNif[3]).endsWith('A') ? 'B' : 'A');
  const badCodi = row('08013', 'e-NOTUM');
  badCodi[1] = String(badCodi[1]).slice(0, -1) + ((Number(String(badCodi[1]).slice(-1)) + 1) % 10);
  const badDir3 = row('08014', 'e-NOTUM');
  badDir3[4] = 'L01999999';
  return [{ fileName: 'plantilla-amb-errors.xlsx', bytes: xlsx('e-NOTUM', [good, badNif, badCodi, badDir3]) }];
}

/** A PDF named like a workbook, and a workbook whose zip headers lie about sizes. */
function hostile(): UploadedFile[] {
  return [
    { fileName: 'plantilla.xlsx', bytes: PDF_BYTES },
    { fileName: 'plantilla-manipulada.xlsx', bytes: lyingSizeXlsx() },
  ];
}

export const SAMPLE_REQUESTS: readonly SampleRequest[] = [
  {
    id: 'every-service',
    summary: 'Alta integracions SetDIBA: MUX, e-NOTUM, e-TAULER i OVER',
    description: 'Bon dia,\nUs adjuntem una plantilla per servei amb els ens a integrar.\nGràcies.',
    files: async () => everyService(),
  },
  {
    id: 'mixed',
    summary: 'Alta integracions SetDIBA',
    description: 'Bon dia,\nUs adjuntem la plantilla amb els ens a integrar a diversos serveis.\nGràcies.',
    files: async () => mixed(),
  },
  {
    id: 'with-errors',
    summary: 'Alta e-NOTUM SetDIBA',
    description: 'Bon dia,\nUs adjuntem la plantilla d’e-NOTUM.\nGràcies.',
    files: async () => withErrors(),
  },
  {
    id: 'hostile',
    summary: 'Alta e-TAULER SetDIBA',
    description: 'Bon dia,\nUs adjuntem la plantilla.',
    files: async () => hostile(),
  },
];
