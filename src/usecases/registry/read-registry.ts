/**
 * The registry as stored: one KVS record per (environment, service, codi d'ens) under
 * `setdiba:integrated:`, written by process-ticket/integrate.ts after the backend confirms, and one per
 * ticket under `setdiba:in-progress:` while a ticket still works on the ens (waiting, or on an agent's
 * checklist); an integrated record hides the in-progress ones of the same ens. Records written before the registry
 * page kept names carry only the ticket and date; their environment, service and codi come back from
 * the key. A record that does not parse is skipped, not shown wrong.
 *
 * Forge KVS answers a query with at most 100 records, so 5,000 entries read one cursor after another
 * are 50 round trips. The keys start with environment and service, so the read is split into one
 * scan per (prefix, environment, service), run together: each follows its own cursor.
 */
import { z } from 'zod';
import { kvsKeyPart } from '../../domain/kvs-key';
import { parseCodiEns } from '../../domain/identifiers';
import { SERVICES, type Service } from '../../domain/services';
import type { RegistryEntry, RegistryState } from '../../contracts/registry';
import type { KeyValueStore } from '../../ports/key-value-store';

export const REGISTRY_PREFIX = 'setdiba:integrated:';
export const IN_PROGRESS_PREFIX = 'setdiba:in-progress:';
const ENVIRONMENTS = ['PRO', 'PRE'] as const;
/** Far above any real registry (SetDIBA has a few thousand ens × 4 services × 2 environments). */
const SCAN_LIMIT = 200_000;

const recordSchema = z.object({
  result: z.enum(['integrated', 'already_integrated']),
  issueKey: z.string(),
  at: z.string(),
  service: z.enum(SERVICES).optional(),
  environment: z.enum(['PRO', 'PRE']).optional(),
  codiEns: z.string().optional(),
  name: z.string().optional(),
  ine: z.string().nullable().optional(),
  certificateFingerprint: z.string().optional(),
});

/** Reverses kvsKeyPart for parts it encoded byte by byte (hashed parts stay null). */
function decodePart(part: string): string | null {
  if (part.startsWith('#h')) return null;
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i += 1) {
    if (part[i] === '#') {
      bytes.push(Number.parseInt(part.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(part.charCodeAt(i));
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

function fromKey(key: string, prefix: string): { environment: string | null; service: string | null; codiEns: string | null } {
  const [environment, service, codiEns] = key.slice(prefix.length).split(':').map(decodePart);
  return { environment: environment ?? null, service: service ?? null, codiEns: codiEns ?? null };
}

const IN_PROGRESS_STATES = {
  agent: 'in_progress',
  confirmation: 'waiting_confirmation',
  'production-date': 'waiting_production_date',
  certificate: 'blocked',
} as const satisfies Record<string, RegistryState>;

/** Records written before the reason existed were all for the agent's checklist. */
const inProgressSchema = recordSchema
  .omit({ result: true })
  .extend({ reason: z.enum(['agent', 'confirmation', 'production-date', 'certificate']).default('agent') })
  .transform(({ reason, ...rest }) => ({ ...rest, result: IN_PROGRESS_STATES[reason] }));

function toEntry(key: string, value: unknown, prefix: string): RegistryEntry | null {
  const parsed = (prefix === IN_PROGRESS_PREFIX ? inProgressSchema : recordSchema).safeParse(value);
  if (!parsed.success) return null;
  const record = parsed.data;
  const keyed = fromKey(key, prefix);
  const environment = record.environment ?? keyed.environment;
  const service = record.service ?? keyed.service;
  const codiEns = record.codiEns ?? keyed.codiEns;
  if ((environment !== 'PRO' && environment !== 'PRE') || !SERVICES.includes(service as Service) || !codiEns) return null;
  const codi = parseCodiEns(codiEns);
  return {
    service: service as Service,
    environment,
    codiEns,
    ine: record.ine !== undefined ? record.ine : codi.ok ? codi.ine5 : null,
    name: record.name ?? null,
    state: record.result,
    date: record.at,
    ticket: record.issueKey,
    certificateFingerprint: record.certificateFingerprint ?? null,
  };
}

const identity = (entry: RegistryEntry) => `${entry.environment}:${entry.service}:${entry.codiEns}`;

/** Every entry, narrowed to an environment and a service when the query names them. */
export async function readRegistry(
  kvs: KeyValueStore,
  narrow: { environment?: 'PRO' | 'PRE'; service?: Service } = {},
): Promise<RegistryEntry[]> {
  const environments = narrow.environment ? [narrow.environment] : ENVIRONMENTS;
  const services = narrow.service ? [narrow.service] : SERVICES;
  const scan = async (prefix: string): Promise<RegistryEntry[]> => {
    const starts = environments.flatMap((environment) => services.map((service) => `${prefix}${kvsKeyPart(environment)}:${kvsKeyPart(service)}:`));
    const found = await Promise.all(starts.map((start) => kvs.list(start, SCAN_LIMIT)));
    return found.flat().flatMap(({ key, value }) => {
      const entry = toEntry(key, value, prefix);
      return entry ? [entry] : [];
    });
  };
  const [records, working] = await Promise.all([scan(REGISTRY_PREFIX), scan(IN_PROGRESS_PREFIX)]);
  const recorded = new Set(records.map(identity));
  return [...records, ...working.filter((entry) => !recorded.has(identity(entry)))];
}
