/**
 * Stored settings outlive app versions: a project configured by an old version must keep working after
 * an upgrade. Each migration turns version N into N + 1; `migrateSettings` chains them. Migrations work on
 * plain JSON (never on the current zod type) because the shapes they read no longer exist in the code.
 *
 * Rules for adding version N + 1: bump SETTINGS_VERSION in settings.ts, add `MIGRATIONS[N]`, and add a
 * test fixture of a real version-N document. Never edit an old migration: documents of that version are
 * still in kvs somewhere.
 */

export type JsonObject = { [key: string]: unknown };

/** A document with no `version` field predates versioning: it is version 0. */
export function storedVersion(raw: JsonObject): number {
  const version = raw['version'];
  if (version === undefined) return 0;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return version;
  return Number.NaN;
}

function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Version 0 was the flat shape of the first prototype (one organization, one domain, one MUX owner, one
 * environment for every service, no certificate history):
 * `{ organization?, reporterDomain?, label?, muxOwnerAccountId?, environment?, integrationMode?,
 *    endpoint?, publicComments?, language? }`.
 * Missing values become absent so that the v1 defaults fill them in.
 */
function v0ToV1(raw: JsonObject): JsonObject {
  const organization = stringOrUndefined(raw['organization']);
  const reporterDomain = stringOrUndefined(raw['reporterDomain']);
  const label = stringOrUndefined(raw['label']);
  const environment = raw['environment'];
  const muxOwner = stringOrUndefined(raw['muxOwnerAccountId']) ?? null;

  const recognition: JsonObject = {};
  if (organization !== undefined) recognition['organizations'] = [organization];
  if (reporterDomain !== undefined) recognition['reporterDomains'] = [reporterDomain];
  if (label !== undefined) recognition['label'] = label;

  const services: JsonObject = {};
  for (const service of ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER']) {
    const entry: JsonObject = {};
    if (environment !== undefined) entry['environment'] = environment;
    if (service === 'MUX') entry['ownerAccountId'] = muxOwner;
    services[service] = entry;
  }

  const backend: JsonObject = {};
  if (raw['integrationMode'] !== undefined) backend['mode'] = raw['integrationMode'];
  if (raw['endpoint'] !== undefined) backend['endpoint'] = raw['endpoint'];

  const comments: JsonObject = {};
  if (raw['publicComments'] !== undefined) comments['publicToRequester'] = raw['publicComments'];
  if (raw['language'] !== undefined) comments['defaultLanguage'] = raw['language'];

  return { version: 1, recognition, services, backend, comments };
}

/**
 * Version 2 added the daily watch's block (`watch`). A version-1 document has none: the defaults (no
 * automatic MUX integration, SetDIBA asked for missing dates after 14 days) fill it in.
 */
function v1ToV2(raw: JsonObject): JsonObject {
  return { ...raw, version: 2 };
}

/** MIGRATIONS[n] turns a version-n document into a version-(n + 1) document. */
export const MIGRATIONS: Readonly<Record<number, (raw: JsonObject) => JsonObject>> = {
  0: v0ToV1,
  1: v1ToV2,
};

export class SettingsVersionError extends Error {
  constructor(readonly found: unknown, readonly supported: number) {
    super(`Settings version ${String(found)} cannot be read by this app (it reads up to version ${supported})`);
    this.name = 'SettingsVersionError';
  }
}

/** Applies every migration from the document's version up to `target`; validation is the caller's job. */
export function migrateSettings(raw: unknown, target: number): JsonObject {
  let doc = asObject(raw);
  let version = storedVersion(doc);
  // A newer document (written by a newer app, then rolled back) is refused rather than silently trimmed.
  if (Number.isNaN(version) || version > target) throw new SettingsVersionError(doc['version'], target);
  while (version < target) {
    const step = MIGRATIONS[version];
    if (!step) throw new SettingsVersionError(version, target);
    doc = step(doc);
    version = storedVersion(doc);
  }
  return doc;
}
