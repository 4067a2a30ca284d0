/**
 * The files a scenario attaches and the certificates it uploads: read from disk (paths relative to the
 * scenario file) or generated on the spot, so a scenario needs no binary fixtures next to it.
 *
 * Generated templates are written by the app's own workbook writer (the blank template a customer
 * downloads, filled in) with ajuntaments from the reference list of municipalities: every identifier is
 * real unless the scenario replaces one to make the row need correcting.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { NIF_CONTROL_LETTERS, nifControlNumber } from '../../domain/identifiers/check-digits';
import { ajuntamentDir3 } from '../../domain/identifiers/dir3';
import { findMunicipality, MUNICIPALITIES, type Municipality } from '../../domain/municipalities';
import { parseService, type Service } from '../../domain/services';
import type { TemplateEntity } from '../../domain/template/types';
import { writeTemplateWorkbook } from '../../spreadsheet';
import { makeDemoCertificatePem } from '../demo-certificate';
import type { CertificateSpec, FileSpec, RowSpec, TemplateSpec } from './schema';

export interface ScenarioFile {
  filename: string;
  content: Uint8Array;
}

/** Thrown for a file the scenario names that cannot be read or generated: the step fails, the run goes on. */
export class ScenarioFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioFileError';
  }
}

const DAY_MS = 86_400_000;

/** A NIF of the "P" (local body) kind built from the INE code: plausible and with a correct letter. */
function nifOf(m: Municipality): string {
  const seven = `${m.ine5}00`;
  return `P${seven}${NIF_CONTROL_LETTERS[nifControlNumber(seven)]}`;
}

function entity(m: Municipality, row: number, sheet: string, service: string, spec: Partial<RowSpec> = {}): TemplateEntity {
  const serviceAsWritten = spec.service ?? service;
  return {
    sheet,
    row,
    service: parseService(serviceAsWritten),
    serviceAsWritten,
    name: spec.name ?? m.name,
    codiEns: spec.codiEns ?? m.codiEns,
    ine: m.ine5,
    nif: spec.nif ?? nifOf(m),
    dir3: spec.dir3 ?? ajuntamentDir3(m.ine6),
    productionDate: spec.date ?? null,
    contactName: null,
    contactEmail: null,
    phone: null,
    notes: null,
    valid: true,
    problems: [],
  };
}

export function generateTemplate(spec: TemplateSpec): Uint8Array {
  const service: Service | null = parseService(spec.service);
  if (!service) throw new ScenarioFileError(`unknown service «${spec.service}»`);
  const from = spec.from ?? 0;
  const listed = Array.from({ length: spec.count ?? 0 }, (_, i) => MUNICIPALITIES[(from + i) % MUNICIPALITIES.length]!);
  const entities = listed.map((m, i) => entity(m, i + 2, service, spec.service));
  for (const row of spec.rows ?? []) {
    const m = findMunicipality(row.ine);
    if (!m) throw new ScenarioFileError(`no municipality has the INE code ${row.ine}`);
    entities.push(entity(m, entities.length + 2, service, spec.service, row));
  }
  return writeTemplateWorkbook({ service, lang: 'ca', entities });
}

export async function scenarioFile(spec: FileSpec, scenarioDir: string): Promise<ScenarioFile> {
  if (typeof spec !== 'string') return { filename: spec.name, content: generateTemplate(spec.template) };
  try {
    return { filename: basename(spec), content: new Uint8Array(await readFile(resolve(scenarioDir, spec))) };
  } catch (error) {
    throw new ScenarioFileError(`cannot read ${spec}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * A certificate file's bytes. A generated one is the CLI's demo certificate (the same subject as the
 * settings' demo one); "expired" ended 30 days before the scenario's day.
 */
export async function scenarioCertificate(spec: CertificateSpec, scenarioDir: string, now: Date): Promise<ScenarioFile> {
  if (typeof spec !== 'string') {
    // makeDemoCertificatePem makes a certificate valid from the day before `issued` for 730 days.
    const issued = spec.generate === 'valid' ? now : new Date(now.getTime() - 760 * DAY_MS);
    const pem = await makeDemoCertificatePem(issued);
    return { filename: spec.generate === 'valid' ? 'SETDIBA-AYTOS-DEMO.pem' : 'SETDIBA-AYTOS-DEMO-expired.pem', content: Buffer.from(pem) };
  }
  return scenarioFile(spec, scenarioDir);
}
