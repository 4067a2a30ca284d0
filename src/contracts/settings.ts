/**
 * The project settings page's contract: every resolver function, its payload and its answer, as zod
 * schemas. The resolver validates payloads with them; the Custom UI (static/project-settings) imports
 * the inferred types only (`import type`), so zod never reaches the browser bundle.
 *
 * - The project never travels in a payload: the resolver takes it from the invocation context Forge
 *   signs, so an admin of one project cannot act on another by editing a request.
 * - Every call is refused (`forbidden`) unless the calling user has ADMINISTER_PROJECTS on the project.
 * - The backend token goes in (setBackendToken) but never comes out: answers only say set / not set.
 * - The settings document itself is validated by the use case, not here, so that each problem comes
 *   back as a field error next to its field (`invalid` outcome) rather than as one `invalid_input`.
 * - Texts in answers (messages, field errors, notes) are already localised to the caller's language;
 *   the page's own labels come from src/i18n/catalog/settings.ts.
 */
import { z } from 'zod';
import { SERVICES } from '../domain/services';
import type { Settings } from '../domain/settings';

export const SETTINGS_FUNCTIONS = [
  'getSettingsPage',
  'saveSettings',
  'previewRecognition',
  'searchOwners',
  'testConnection',
  'setBackendToken',
  'clearBackendToken',
  'inspectCertificate',
  'uploadCertificate',
  'restoreCertificate',
  'removeCertificate',
  'exportSettings',
  'previewImport',
  'importSettings',
  'downloadTemplate',
  'runSelfCheck',
] as const;
export type SettingsFunction = (typeof SETTINGS_FUNCTIONS)[number];

/** What the page edits: the settings without the certificate block (changed by upload/remove only). */
export type EditableSettings = Omit<Settings, 'certificate'>;

const empty = z.strictObject({});
const revision = z.number().int().min(0);
/** A settings document; its fields are checked by the use case, which answers with field errors. */
const settingsDocument = z.record(z.string(), z.unknown());
/** A certificate is a few KB; base64 adds a third. Bounded well under the 500 KB invoke limit. */
const MAX_CERTIFICATE_BASE64 = 90_000;

export const settingsPayloadSchemas = {
  getSettingsPage: empty,
  saveSettings: z.strictObject({
    settings: settingsDocument,
    /** The revision the page loaded; a save after someone else's is refused as a conflict. */
    revision,
  }),
  previewRecognition: z.strictObject({
    /** The recognition rules as currently edited (not yet saved). */
    recognition: settingsDocument,
  }),
  searchOwners: z.strictObject({ query: z.string().trim().max(100) }),
  testConnection: z.strictObject({ endpoint: z.string().trim().min(1).max(2_000) }),
  setBackendToken: z.strictObject({
    token: z.string().trim().min(1).max(4_096),
    /** The address on the page (maybe not saved yet) to try the token against; else the stored one. */
    endpoint: z.string().trim().max(2_000).optional(),
    /** Save without trying, or after the backend refused or did not answer: the admin insists. */
    saveAnyway: z.boolean().optional(),
  }),
  clearBackendToken: empty,
  inspectCertificate: z.strictObject({
    fileName: z.string().max(255),
    contentBase64: z.string().min(1).max(MAX_CERTIFICATE_BASE64),
  }),
  uploadCertificate: z.strictObject({
    fileName: z.string().max(255),
    contentBase64: z.string().min(1).max(MAX_CERTIFICATE_BASE64),
  }),
  restoreCertificate: z.strictObject({ sha256Fingerprint: z.string().regex(/^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/) }),
  removeCertificate: empty,
  exportSettings: empty,
  previewImport: z.strictObject({ json: z.string().min(1).max(400_000), revision }),
  importSettings: z.strictObject({
    /** The text of a file written by exportSettings (or a bare settings document). */
    json: z.string().min(1).max(400_000),
    revision,
  }),
  downloadTemplate: z.strictObject({ service: z.enum(SERVICES) }),
  runSelfCheck: empty,
} satisfies Record<SettingsFunction, z.ZodType>;

export type SettingsPayload<F extends SettingsFunction> = z.input<(typeof settingsPayloadSchemas)[F]>;

// ---------------------------------------------------------------------------------------------------
// Answers.

export const userViewSchema = z.object({ accountId: z.string(), displayName: z.string() });
export type UserView = z.infer<typeof userViewSchema>;

export const fieldErrorViewSchema = z.object({
  /** Dotted path of the field, e.g. `services.MUX.ownerAccountId`, `recognition.reporterDomains.1`. */
  path: z.string(),
  code: z.string(),
  message: z.string(),
  /** The field in words ("MUX: responsable"), for lists away from the field. */
  label: z.string().optional(),
});
export type FieldErrorView = z.infer<typeof fieldErrorViewSchema>;

export const certificateViewSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  inUseFrom: z.string(),
  inUseUntil: z.string().nullable(),
  status: z.enum(['valid', 'expiring', 'expired', 'not_yet_valid']),
  daysUntilExpiry: z.number(),
  /** Localised, e.g. "Expires in 12 days: ask SetDIBA for the renewed certificate." */
  statusMessage: z.string(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

/** Secrets are already masked by the server (SECRET_MASK); the token only appears as set / not set. */
const auditValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()).readonly()]);

/** One changed field: raw values for machines, and the label and values in words for people. */
export const changeViewSchema = z.object({
  path: z.string(),
  before: auditValue,
  after: auditValue,
  label: z.string().optional(),
  beforeText: z.string().optional(),
  afterText: z.string().optional(),
});
export type ChangeView = z.infer<typeof changeViewSchema>;

export const auditEntryViewSchema = z.object({
  at: z.string(),
  by: userViewSchema,
  action: z.string(),
  /** Localised, e.g. "saved the settings". */
  actionText: z.string(),
  revision: z.number().nullable(),
  changes: z.array(changeViewSchema),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

const idName = z.object({ id: z.string(), name: z.string() });

export const settingsPageSchema = z.object({
  projectKey: z.string(),
  lang: z.enum(['ca', 'es', 'en']),
  revision: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: userViewSchema.nullable(),
  /** The settings as stored (or the defaults), without the certificate block. */
  settings: z.custom<EditableSettings>(),
  /** Paths whose value is the default, so the page can say so next to them. */
  defaults: z.array(z.string()),
  /** Problems of a broken stored document (the page then shows the defaults). */
  storedErrors: z.array(fieldErrorViewSchema),
  backend: z.object({
    tokenSet: z.boolean(),
    /** The egress addresses the manifest declares: the only endpoints a save accepts. */
    allowedEndpoints: z.array(z.string()),
  }),
  certificate: z.object({ current: certificateViewSchema.nullable(), previous: z.array(certificateViewSchema) }),
  choices: z.object({
    organizations: z.array(idName),
    /** null when the service desk is not known yet (no request in the project): ids are typed by hand. */
    requestTypes: z.array(idName).nullable(),
    owners: z.record(z.enum(SERVICES), userViewSchema.nullable()),
  }),
  audit: z.array(auditEntryViewSchema),
  templatesAvailable: z.boolean(),
});
export type SettingsPage = z.infer<typeof settingsPageSchema>;

const saveResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), changed: z.boolean(), message: z.string(), page: settingsPageSchema }),
  z.object({ outcome: z.literal('invalid'), message: z.string(), errors: z.array(fieldErrorViewSchema) }),
  z.object({ outcome: z.literal('conflict'), message: z.string() }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

/** One line of the Self-check: texts already in the caller's language. */
export const selfCheckItemSchema = z.object({
  id: z.string(),
  status: z.enum(['ok', 'failed', 'manual']),
  title: z.string(),
  found: z.string().nullable(),
  fix: z.string().nullable(),
});
export type SelfCheckItemView = z.infer<typeof selfCheckItemSchema>;

export const settingsResponseSchemas = {
  getSettingsPage: settingsPageSchema,
  saveSettings: saveResultSchema,
  previewRecognition: z.object({
    /** How many of the project's latest requests were looked at. */
    sampled: z.number(),
    rules: z.array(
      z.object({ rule: z.enum(['organization', 'reporter-domain', 'request-type', 'label']), value: z.string(), count: z.number() }),
    ),
    any: z.number(),
    /** Field errors of the edited rules (the preview skips invalid values). */
    errors: z.array(fieldErrorViewSchema),
  }),
  searchOwners: z.object({ users: z.array(userViewSchema) }),
  testConnection: z.object({
    ok: z.boolean(),
    problem: z.string().nullable(),
    message: z.string(),
    errors: z.array(fieldErrorViewSchema),
  }),
  setBackendToken: z.object({
    tokenSet: z.boolean(),
    message: z.string(),
    /** False when the backend refused the token or could not be asked, and the admin did not insist. */
    saved: z.boolean(),
    test: z.enum(['accepted', 'refused', 'not_tested', 'skipped']),
    problem: z.string().nullable(),
  }),
  clearBackendToken: z.object({ tokenSet: z.boolean(), message: z.string() }),
  uploadCertificate: z.discriminatedUnion('outcome', [
    z.object({
      outcome: z.enum(['uploaded', 'unchanged']),
      message: z.string(),
      notes: z.array(z.string()),
      page: settingsPageSchema,
    }),
    z.object({ outcome: z.literal('refused'), code: z.string(), message: z.string() }),
  ]),
  inspectCertificate: z.discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('read'),
      certificate: z.object({
        subject: z.string(),
        issuer: z.string(),
        serialNumber: z.string(),
        notBefore: z.string(),
        notAfter: z.string(),
        sha256Fingerprint: z.string(),
        status: z.enum(['valid', 'expiring', 'expired', 'not_yet_valid']),
        daysUntilExpiry: z.number(),
      }),
      warnings: z.array(z.string()),
      notes: z.array(z.string()),
      sameAsCurrent: z.boolean(),
    }),
    z.object({ outcome: z.literal('refused'), code: z.string(), message: z.string() }),
  ]),
  restoreCertificate: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('restored'), message: z.string(), page: settingsPageSchema }),
    z.object({ outcome: z.literal('not_found'), message: z.string() }),
  ]),
  removeCertificate: z.object({ page: settingsPageSchema }),
  exportSettings: z.object({ fileName: z.string(), json: z.string() }),
  previewImport: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('preview'), message: z.string(), changes: z.array(changeViewSchema) }),
    z.object({ outcome: z.literal('invalid'), message: z.string(), errors: z.array(fieldErrorViewSchema) }),
    z.object({ outcome: z.literal('conflict'), message: z.string() }),
  ]),
  importSettings: saveResultSchema,
  downloadTemplate: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  runSelfCheck: z.object({ checks: z.array(selfCheckItemSchema) }),
} satisfies Record<SettingsFunction, z.ZodType>;

export type SettingsResponse<F extends SettingsFunction> = z.infer<(typeof settingsResponseSchemas)[F]>;

export const SETTINGS_ERROR_ENVELOPE_CODES = ['forbidden', 'invalid_input', 'not_found', 'conflict', 'unavailable', 'internal'] as const;
export type SettingsEnvelopeErrorCode = (typeof SETTINGS_ERROR_ENVELOPE_CODES)[number];

/** Every resolver answers with this envelope; a stack trace never reaches the browser. */
export type SettingsResult<F extends SettingsFunction> =
  | { ok: true; data: SettingsResponse<F> }
  | { ok: false; error: { code: SettingsEnvelopeErrorCode; message: string } };
