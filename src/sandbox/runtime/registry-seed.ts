/**
 * A registry the size SetDIBA's will reach: records in the shape process-ticket/integrate.ts writes,
 * for the ajuntaments of the reference list and up to four bodies that depend on each (valid codis
 * d'ens, derived check digits), spread over the four services. The sandbox seeds it on demand
 * (`SANDBOX_REGISTRY=5000 npm start`); the registry tests and bench use it through test/fixtures.
 */
import { ineControlDigit } from '../../domain/identifiers';
import { kvsKeys } from '../../domain/idempotency';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { SERVICES, type Service } from '../../domain/services';
import { settingsStorageKey, type Settings } from '../../domain/settings';
import type { KeyValueStore } from '../../ports/key-value-store';

export interface GeneratedRecord {
  key: string;
  service: Service;
  codiEns: string;
  name: string;
  ine5: string;
  state: 'integrated' | 'already_integrated';
  ticket: string;
  at: string;
}

const BODIES = ['Ajuntament', 'Organisme Autònom de Cultura', "Institut Municipal d'Esports", 'Patronat de Turisme', 'Consorci Local'];

/** The codi d'ens of body `body` (0 = the ajuntament) of a municipality. */
export function bodyCodiEns(ine6: string, body: number): string {
  const firstNine = `${ine6}${String(body).padStart(3, '0')}`;
  return firstNine + ineControlDigit(`0${firstNine.slice(5, 9)}`);
}

export function registryRecords(count: number): GeneratedRecord[] {
  const records: GeneratedRecord[] = [];
  for (let i = 0; records.length < count; i += 1) {
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
    const body = Math.floor(i / MUNICIPALITIES.length) % BODIES.length;
    const service = SERVICES[Math.floor(i / (MUNICIPALITIES.length * BODIES.length)) % SERVICES.length]!;
    const codiEns = bodyCodiEns(m.ine6, body);
    const name = body === 0 ? m.name : `${BODIES[body]} de ${m.name}`;
    const day = 1 + (i % 28);
    records.push({
      key: kvsKeys.integrated('PRO', service, codiEns),
      service,
      codiEns,
      name,
      ine5: m.ine5,
      state: i % 7 === 0 ? 'already_integrated' : 'integrated',
      ticket: `SUP-${1000 + Math.floor(i / 20)}`,
      at: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00.000Z`,
    });
  }
  return records;
}

/** Stores the records around what is already there: an ens a real run integrated keeps its record. */
export async function storeRegistry(kvs: KeyValueStore, records: readonly GeneratedRecord[], certificateFingerprint = 'AA:BB'): Promise<void> {
  for (const r of records) {
    await kvs.setIfAbsent(r.key, {
      result: r.state,
      issueKey: r.ticket,
      batch: 'b1',
      at: r.at,
      reference: null,
      service: r.service,
      environment: 'PRO',
      codiEns: r.codiEns,
      name: r.name,
      ine: r.ine5,
      nif: 'P0800000A',
      certificateFingerprint,
    });
  }
}

/** The sandbox's seed step: `count` generated entries, signed with the project's current certificate. */
export async function seedRegistry(kvs: KeyValueStore, projectKey: string, count: number): Promise<string> {
  if (count <= 0) return 'no generated entries (SANDBOX_REGISTRY=5000 npm start seeds them)';
  const stored = await kvs.get<{ settings: Settings }>(settingsStorageKey(projectKey));
  const fingerprint = stored?.settings.certificate.current?.sha256Fingerprint;
  await storeRegistry(kvs, registryRecords(count), fingerprint);
  return `${count} generated entries`;
}
