/**
 * The project settings: one versioned zod schema, its defaults (which must work for SetDIBA out of the
 * box), migrations from older stored versions, field-level validation errors for the settings page, and
 * the diff written to the audit log.
 *
 * Deliberately NOT here: the HTTP backend's bearer token. It is a KeyValueStore secret, so it can never
 * travel with the settings document to a browser, an export file or the audit log.
 */
import { z } from 'zod';
import { SERVICES, parseService, serviceKey, type ExtraAliases, type Service } from './services';
import { migrateSettings, SettingsVersionError } from './settings-migrations';
import { kvsKeyPart } from './kvs-key';

export const SETTINGS_VERSION = 2;

/**
 * Error codes a field can carry. They are an interface: the settings page shows the catalogue text for
 * each code next to the field named by the error's path.
 */
export const SETTINGS_ERROR_CODES = [
  'required',
  'too_long',
  'too_many',
  'invalid_value',
  'invalid_domain',
  'invalid_label',
  'invalid_request_type',
  'https_only',
  'duplicate',
  'alias_conflict',
  'endpoint_required',
  'endpoint_not_allowed',
  'owner_required',
  'owner_not_assignable',
  'unknown_field',
  'invalid_certificate',
  'unsupported_version',
] as const;
export type SettingsErrorCode = (typeof SETTINGS_ERROR_CODES)[number];

export interface SettingsFieldError {
  /** Dotted path of the field, e.g. `services.MUX.ownerAccountId` or `recognition.reporterDomains.1`. */
  path: string;
  code: SettingsErrorCode;
  params?: Readonly<Record<string, string | number>>;
}

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const isoDateTime = z.iso.datetime({ offset: true, error: 'invalid_value' });

/** Domains are compared lower-case and a leading "@" (as people type them) is dropped. */
const reporterDomain = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'required')
      .max(253, 'too_long')
      .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'invalid_domain'),
  );

/** Jira labels cannot contain spaces. */
const jiraLabel = text(255).regex(/^\S+$/, 'invalid_label');
const requestTypeId = z.string().trim().regex(/^\d+$/, 'invalid_request_type');
const accountId = text(128);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The backend is called over https. Plain http is accepted only on this machine's loopback, where the
 * sandbox and `setdiba simulate` run the reference backend; the manifest's egress list never names
 * loopback, so a production save still refuses it (isEndpointAllowed).
 */
export function isSecureOrLoopback(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

export const storedCertificateSchema = z.strictObject({
  pem: z
    .string()
    .max(20_000, 'too_long')
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, 'invalid_certificate'),
  subject: z.string().max(2_000, 'too_long'),
  issuer: z.string().max(2_000, 'too_long'),
  /** Upper-case hex without separators, as `X509Certificate.serialNumber` gives it. */
  serialNumber: z.string().regex(/^[0-9A-F]+$/, 'invalid_certificate'),
  notBefore: isoDateTime,
  notAfter: isoDateTime,
  /** Upper-case hex pairs joined by ":", as `X509Certificate.fingerprint256` gives it. */
  sha256Fingerprint: z.string().regex(/^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'invalid_certificate'),
  uploadedAt: isoDateTime,
  uploadedBy: accountId,
  inUseFrom: isoDateTime,
  inUseUntil: isoDateTime.nullable(),
});
export type StoredCertificate = z.infer<typeof storedCertificateSchema>;

const serviceSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Extra spellings on top of the built-in ones in services.ts. */
  aliases: z.array(text(100)).max(50, 'too_many').default([]),
  /** Who new tickets of this service are assigned to; required for MUX when MUX is enabled (at save). */
  ownerAccountId: accountId.nullable().default(null),
  /** SetDIBA integrates straight into production (docs/domain.md), so PRO is the default. */
  environment: z.enum(['PRO', 'PRE'], 'invalid_value').default('PRO'),
  /** Request type of the tickets raised by a split; null = the original ticket's request type. */
  requestTypeId: requestTypeId.nullable().default(null),
  /** Columns the template must have for this service on top of the built-in required ones. */
  requiredColumns: z.array(text(100)).max(50, 'too_many').default([]),
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

const settingsObjectSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION, 'unsupported_version'),
  recognition: z
    .strictObject({
      organizations: z.array(text(255)).max(50, 'too_many').default(['SetDIBA']),
      reporterDomains: z.array(reporterDomain).max(50, 'too_many').default(['diba.cat']),
      requestTypeIds: z.array(requestTypeId).max(100, 'too_many').default([]),
      label: jiraLabel.default('setdiba'),
    })
    .prefault({}),
  services: z
    .strictObject({
      MUX: serviceSettingsSchema.prefault({}),
      'e-NOTUM': serviceSettingsSchema.prefault({}),
      'e-TAULER': serviceSettingsSchema.prefault({}),
      OVER: serviceSettingsSchema.prefault({}),
    })
    .prefault({}),
  splitMode: z.enum(['original-keeps-first', 'umbrella'], 'invalid_value').default('original-keeps-first'),
  backend: z
    .strictObject({
      mode: z.enum(['assisted', 'http'], 'invalid_value').default('assisted'),
      endpoint: z
        .url({ protocol: /^https?$/, error: 'https_only' })
        .max(2_000, 'too_long')
        .refine(isSecureOrLoopback, 'https_only')
        .nullable()
        .default(null),
    })
    .prefault({}),
  certificate: z
    .strictObject({
      current: storedCertificateSchema.nullable().default(null),
      /** Renewed certificates, newest first, with the dates they were in use. */
      previous: z.array(storedCertificateSchema).max(20, 'too_many').default([]),
    })
    .prefault({}),
  comments: z
    .strictObject({
      publicToRequester: z.boolean().default(true),
      defaultLanguage: z.enum(['ca', 'es', 'en'], 'invalid_value').default('ca'),
    })
    .prefault({}),
  /** The daily watch (src/usecases/daily-watch); added in version 2. */
  watch: z
    .strictObject({
      /** Off by default: the MUX owner decides when SetDIBA's ens go live unless the project opts in. */
      integrateMuxOnProductionDate: z.boolean().default(false),
      /** Days after the request before SetDIBA is asked for missing MUX dates, and between reminders. */
      missingDateDays: z.number().int('invalid_value').min(1, 'invalid_value').max(90, 'invalid_value').default(14),
    })
    .prefault({}),
});

function addDuplicateIssues(
  ctx: z.core.$RefinementCtx,
  values: readonly string[],
  path: (string | number)[],
  key: (value: string) => string = (value) => value.toLowerCase(),
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const k = key(value);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [...path, index], input: value });
    seen.add(k);
  });
}

/** The strings of a list that may not have parsed (the cross-field rules also run on a broken document). */
function stringsAt(value: unknown, ...path: string[]): string[] {
  let node: unknown = value;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return Array.isArray(node) ? node.map((item) => (typeof item === 'string' ? item : '')) : [];
}

/**
 * Rules that involve more than one field. They run even when some field already failed (`when`), so
 * the admin sees every problem of a document at once rather than a second round after fixing the
 * first; hence they read the document defensively.
 */
export const settingsSchema = settingsObjectSchema.superRefine((settings, ctx) => {
  addDuplicateIssues(ctx, stringsAt(settings, 'recognition', 'organizations'), ['recognition', 'organizations']);
  addDuplicateIssues(ctx, stringsAt(settings, 'recognition', 'reporterDomains'), ['recognition', 'reporterDomains']);
  addDuplicateIssues(ctx, stringsAt(settings, 'recognition', 'requestTypeIds'), ['recognition', 'requestTypeIds']);

  // An extra alias must not already mean another service, or a row could be routed to two services.
  const ownerOfAlias = new Map<string, Service>();
  for (const service of SERVICES) {
    const aliases = stringsAt(settings, 'services', service, 'aliases');
    addDuplicateIssues(ctx, aliases, ['services', service, 'aliases'], serviceKey);
    aliases.forEach((alias, index) => {
      const builtIn = parseService(alias);
      const other = builtIn ?? ownerOfAlias.get(serviceKey(alias)) ?? service;
      if (other !== service) {
        ctx.addIssue({
          code: 'custom',
          message: 'alias_conflict',
          path: ['services', service, 'aliases', index],
          params: { service: other },
          input: alias,
        });
      }
      ownerOfAlias.set(serviceKey(alias), service);
    });
    addDuplicateIssues(ctx, stringsAt(settings, 'services', service, 'requiredColumns'), ['services', service, 'requiredColumns']);
  }

  // Optional chaining: on a broken document a block may be missing or of the wrong type.
  const backend = settings.backend as Partial<Settings['backend']> | undefined;
  if (backend?.mode === 'http' && backend.endpoint === null) {
    ctx.addIssue({ code: 'custom', message: 'endpoint_required', path: ['backend', 'endpoint'], input: null });
  }
  const current = (settings.certificate as Partial<Settings['certificate']> | undefined)?.current;
  if (current && typeof current === 'object' && current.inUseUntil !== null && current.inUseUntil !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'invalid_certificate', path: ['certificate', 'current', 'inUseUntil'] });
  }
}, { when: () => true });

export type Settings = z.output<typeof settingsSchema>;
/** What an admin or an import may send: every field optional, defaults fill the rest. */
export type SettingsInput = z.input<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION });
}

function isErrorCode(value: string): value is SettingsErrorCode {
  return (SETTINGS_ERROR_CODES as readonly string[]).includes(value);
}

/** zod issues → the page's field errors (one per field and problem, with our codes). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): SettingsFieldError[] {
  const errors: SettingsFieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: path ? `${path}.${key}` : key, code: 'unknown_field' });
      continue;
    }
    if (issue.code === 'custom' && issue.params && typeof issue.params['service'] === 'string') {
      errors.push({ path, code: 'alias_conflict', params: { service: issue.params['service'] } });
      continue;
    }
    let code: SettingsErrorCode;
    if (isErrorCode(issue.message)) code = issue.message;
    else if (issue.code === 'invalid_type' && issue.input === undefined) code = 'required';
    else if (issue.code === 'too_big') code = issue.origin === 'array' ? 'too_many' : 'too_long';
    else if (issue.code === 'too_small') code = 'required';
    else code = 'invalid_value';
    errors.push({ path, code });
  }
  return errors;
}

export type SettingsValidation =
  | { ok: true; settings: Settings }
  | { ok: false; errors: SettingsFieldError[] };

/**
 * Validates a settings document of any known version (migrations applied first). Never throws:
 * the settings page needs every error at once.
 */
export function validateSettings(raw: unknown): SettingsValidation {
  let migrated: unknown;
  try {
    migrated = migrateSettings(raw, SETTINGS_VERSION);
  } catch (error) {
    if (error instanceof SettingsVersionError) {
      return { ok: false, errors: [{ path: 'version', code: 'unsupported_version' }] };
    }
    throw error;
  }
  const result = settingsSchema.safeParse(migrated);
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}

function withoutPath(doc: unknown, path: readonly string[]): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || path.length === 0) return doc;
  const [key, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  const child = copy[key];
  // An error inside a list (an item) or at a leaf drops the whole field: the default takes its place.
  if (rest.length === 0 || Array.isArray(child) || /^\d+$/.test(rest[0] ?? '')) delete copy[key];
  else copy[key] = withoutPath(child, rest);
  return copy;
}

/**
 * The document with every faulty field put back to its default, or null when even that does not
 * parse. Only for the checks that need a whole document (completeness, owners, endpoint), so they can
 * report alongside the field errors instead of after them; it is never saved.
 */
export function salvageSettings(raw: unknown, errors: readonly SettingsFieldError[]): Settings | null {
  let doc: unknown;
  try {
    doc = migrateSettings(raw, SETTINGS_VERSION);
  } catch {
    return null;
  }
  let pending = errors;
  for (let round = 0; round < 3; round++) {
    // Each round drops one level more: a rule about a block (an http backend without its address)
    // is only silenced by dropping the block.
    for (const error of pending) {
      const path = error.path === '' ? [] : error.path.split('.');
      doc = withoutPath(doc, path.slice(0, Math.max(1, path.length - round)));
    }
    const retry = settingsSchema.safeParse(doc);
    if (retry.success) return retry.data;
    pending = toFieldErrors(retry.error.issues);
  }
  return null;
}

export class InvalidSettingsError extends Error {
  constructor(readonly errors: readonly SettingsFieldError[]) {
    super(`Invalid settings: ${errors.map((e) => `${e.path || '(root)'}: ${e.code}`).join('; ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** Stored or imported settings of any known version → current Settings; throws InvalidSettingsError. */
export function parseSettings(raw: unknown): Settings {
  const result = validateSettings(raw);
  if (!result.ok) throw new InvalidSettingsError(result.errors);
  return result.settings;
}

/**
 * Rules that a complete, saved configuration must satisfy but the defaults cannot (nobody can be the
 * MUX owner by default). The pipeline tolerates their absence (the ticket goes to review); a save does not.
 */
export function completenessErrors(settings: Settings): SettingsFieldError[] {
  const errors: SettingsFieldError[] = [];
  if (settings.services.MUX.enabled && settings.services.MUX.ownerAccountId === null) {
    errors.push({ path: 'services.MUX.ownerAccountId', code: 'owner_required' });
  }
  return errors;
}

/** Extra aliases in the shape `parseService`/`findServicesInText` take. */
export function extraAliases(settings: Settings): ExtraAliases {
  const extra: Partial<Record<Service, readonly string[]>> = {};
  for (const service of SERVICES) extra[service] = settings.services[service].aliases;
  return extra;
}

/**
 * True when the endpoint's host is one the manifest lets the app call (`permissions.external.fetch`).
 * Entries are origins or hosts; `*.example.org` allows subdomains, as in the manifest.
 */
export function isEndpointAllowed(endpoint: string, allowed: readonly string[]): boolean {
  let host: string;
  try {
    if (!isSecureOrLoopback(endpoint)) return false;
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    const pattern = entry.replace(/^https?:\/\//i, '').replace(/[/:].*$/, '').toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

// ---------------------------------------------------------------------------------------------------
// Audit diff

/** What the audit log shows instead of a secret value. */
export const SECRET_MASK = '••••••';

export type AuditValue = string | number | boolean | null | readonly string[];

export interface SettingsChange {
  path: string;
  before: AuditValue;
  after: AuditValue;
}

/** Credentials in a URL (user:password@, query values such as ?key=...) are secrets too. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = SECRET_MASK;
      url.password = '';
    }
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, SECRET_MASK);
    return decodeURIComponent(url.toString());
  } catch {
    return SECRET_MASK;
  }
}

/** A certificate in the log is who it is and how to recognise it, not its 2 KB of PEM. */
function certificateSummary(cert: StoredCertificate | null): AuditValue {
  if (!cert) return null;
  return `${cert.subject} · serial ${cert.serialNumber} · SHA-256 ${cert.sha256Fingerprint}`;
}

function auditLeaves(settings: Settings): Map<string, AuditValue> {
  const leaves = new Map<string, AuditValue>();
  const walk = (value: unknown, path: string): void => {
    if (path === 'certificate.current') {
      leaves.set(path, certificateSummary(value as StoredCertificate | null));
      return;
    }
    if (path === 'certificate.previous') {
      leaves.set(path, (value as StoredCertificate[]).map((c) => c.sha256Fingerprint));
      return;
    }
    if (path === 'backend.endpoint') {
      leaves.set(path, typeof value === 'string' ? maskUrl(value) : null);
      return;
    }
    if (Array.isArray(value)) {
      leaves.set(path, value.map(String));
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    leaves.set(path, value as AuditValue);
  };
  walk(settings, '');
  return leaves;
}

function sameValue(a: AuditValue | undefined, b: AuditValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changed fields between two settings, secrets masked, in a stable order (for the audit log). */
export function diffSettings(before: Settings, after: Settings): SettingsChange[] {
  const a = auditLeaves(before);
  const b = auditLeaves(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((path) => !sameValue(a.get(path), b.get(path)))
    .map((path) => ({ path, before: a.get(path) ?? null, after: b.get(path) ?? null }));
}

/** Paths whose value is still the default, so the page can say "default" next to them. */
export function defaultPaths(settings: Settings): string[] {
  const defaults = auditLeaves(defaultSettings());
  const current = auditLeaves(settings);
  return [...current.keys()].filter((path) => sameValue(current.get(path), defaults.get(path)));
}

// ---------------------------------------------------------------------------------------------------
// Where settings live (KeyValueStore keys), shared by the settings use cases and whoever builds the backend

/** The settings document of one Jira project. */
export function settingsStorageKey(projectKey: string): string {
  return `settings:${kvsKeyPart(projectKey)}`;
}

/** Prefix of the project's audit entries; each key ends in a sortable timestamp. */
export function settingsAuditPrefix(projectKey: string): string {
  return `settings-audit:${kvsKeyPart(projectKey)}:`;
}

/** The HTTP backend's bearer token: a secret, never part of the settings document. */
export function backendTokenSecretKey(projectKey: string): string {
  return `backend-token:${kvsKeyPart(projectKey)}`;
}
