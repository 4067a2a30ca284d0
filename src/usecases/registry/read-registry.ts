/**
 * The registry as stored: one KVS record per (environment, service, codi d'ens) under
 * `setdiba:integrated:`, written by process-ticket/integrate.ts after the backend confirms. Records
 * written before the registry page kept names carry only the ticket and date; their environment,
 * service and codi come back from the key. A record that does not parse is skipped, not shown wrong.
 */
import { z } from 'zod';
import { kvsKeyPart } from '../../domain/kvs-key';
import { parseCodiEns } from '../../domain/identifiers';
import { SERVICES, type Service } from '../../domain/services';
import type { RegistryEntry } from '../../contracts/registry';
import type { KeyValueStore } from '../../ports/key-value-store';

export const REGISTRY_PREFIX = 'setdiba:integrated:';
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

function fromKey(key: string): { environment: string | null; service: string | null; codiEns: string | null } {
  const [environment, service, codiEns] = key.slice(REGISTRY_PREFIX.length).split(':').map(decodePart);
  return { environment: environment ?? null, service: service ?? null, codiEns: codiEns ?? null };
}

function toEntry(key: string, value: unknown): RegistryEntry | null {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return null;
  const record = parsed.data;
  const keyed = fromKey(key);
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

/** Every entry, narrowed by key prefix when the environment (and service) are known. */
export async function readRegistry(
  kvs: KeyValueStore,
  narrow: { environment?: 'PRO' | 'PRE'; service?: Service } = {},
): Promise<RegistryEntry[]> {
  let prefix = REGISTRY_PREFIX;
  if (narrow.environment) {
    prefix += `${kvsKeyPart(narrow.environment)}:`;
    if (narrow.service) prefix += `${kvsKeyPart(narrow.service)}:`;
  }
  const stored = await kvs.list(prefix, SCAN_LIMIT);
  return stored.flatMap(({ key, value }) => {
    const entry = toEntry(key, value);
    return entry ? [entry] : [];
  });
}
