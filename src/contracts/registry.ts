/**
 * The registry project page's resolver contract (manifest `jira:projectPage` → function
 * `registryResolver`), shared by the handler, the use case and static/project-page.
 * An entry is one ens × service × environment the app integrated or is integrating; it carries what an
 * agent needs to answer "is this ens already in e-NOTUM?" and nothing a customer may see.
 */
import { z } from 'zod';
import { SERVICES } from '../domain/services';

export const REGISTRY_FUNCTIONS = ['queryRegistry', 'exportRegistry'] as const;
export type RegistryFunction = (typeof REGISTRY_FUNCTIONS)[number];

/**
 * `integrated`: this app's request integrated it; `already_integrated`: the backend had it before.
 * Not integrated yet, on a ticket that still works on it: `in_progress` (on an agent's checklist, the
 * `assisted` backend), `waiting_confirmation` (an agent confirms its warnings first),
 * `waiting_production_date` (MUX: SetDIBA's date to come), `blocked` (no usable certificate).
 */
export const REGISTRY_STATES = [
  'integrated',
  'already_integrated',
  'in_progress',
  'waiting_confirmation',
  'waiting_production_date',
  'blocked',
] as const;
export type RegistryState = (typeof REGISTRY_STATES)[number];

export const REGISTRY_MAX_PAGE_SIZE = 100;

export const registryQuerySchema = z.strictObject({
  /** Matches the name (accents and case ignored), the INE (5 or 6 digits) or the codi d'ens. */
  search: z.string().max(120).optional(),
  service: z.enum(SERVICES).optional(),
  state: z.enum(REGISTRY_STATES).optional(),
  environment: z.enum(['PRO', 'PRE']).optional(),
  /** 0-based. */
  page: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(REGISTRY_MAX_PAGE_SIZE).default(50),
});
export type RegistryQuery = z.output<typeof registryQuerySchema>;

export const registryEntrySchema = z.strictObject({
  service: z.enum(SERVICES),
  environment: z.enum(['PRO', 'PRE']),
  codiEns: z.string(),
  /** 5-digit municipality code; null for non-municipal ens. */
  ine: z.string().nullable(),
  /** Null for entries recorded before the registry kept names. */
  name: z.string().nullable(),
  state: z.enum(REGISTRY_STATES),
  /** ISO instant the backend confirmed. */
  date: z.string(),
  ticket: z.string(),
  certificateFingerprint: z.string().nullable(),
});
export type RegistryEntry = z.output<typeof registryEntrySchema>;

export const registryPageSchema = z.strictObject({
  entries: z.array(registryEntrySchema),
  /** Entries matching the query, all pages. */
  total: z.number().int().min(0),
  page: z.number().int().min(0),
  pageSize: z.number().int().min(1),
});
export type RegistryPage = z.output<typeof registryPageSchema>;

/** Every entry the page's search and filters select (all pages), as a file the resolver builds. */
export const registryExportSchema = z.strictObject({
  search: registryQuerySchema.shape.search,
  service: registryQuerySchema.shape.service,
  state: registryQuerySchema.shape.state,
  environment: registryQuerySchema.shape.environment,
  format: z.enum(['csv', 'xlsx']),
});
export type RegistryExport = z.output<typeof registryExportSchema>;

export const registryFileSchema = z.strictObject({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string(), rows: z.number().int().min(0) });
export type RegistryFile = z.output<typeof registryFileSchema>;

export const registryPayloadSchemas = { queryRegistry: registryQuerySchema, exportRegistry: registryExportSchema } as const;
export const registryResponseSchemas = { queryRegistry: registryPageSchema, exportRegistry: registryFileSchema } as const;
export type RegistryPayload<F extends RegistryFunction> = z.input<(typeof registryPayloadSchemas)[F]>;

/** `too_large`: the file would not fit the 5 MB a resolver may answer a Custom UI with. */
export const REGISTRY_ERROR_CODES = ['forbidden', 'invalid_input', 'too_large', 'unavailable', 'internal'] as const;
export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

export type RegistryResult<F extends RegistryFunction> =
  | { ok: true; data: z.output<(typeof registryResponseSchemas)[F]> }
  | { ok: false; error: { code: RegistryErrorCode; message: string } };
