/**
 * The customer portal's resolver contract (manifest `jiraServiceManagement:portalRequestDetail` and
 * `portalRequestCreatePropertyPanel` → function `portalResolver`), shared by the handler, the use case and
 * static/portal-request and static/portal-check (which import the types only).
 *
 * What the requester sees is deliberately small: per ens, where it stands, in the requester's language.
 * No integration references, certificate fingerprints, internal notes, agent names or ticket keys of the
 * split travel in these answers; the schemas are strict so a field added by mistake fails the tests.
 */
import { z } from 'zod';
import { SERVICES } from '../domain/services';

export const PORTAL_FUNCTIONS = ['getRequestStatus', 'downloadBlankTemplate'] as const;
export type PortalFunction = (typeof PORTAL_FUNCTIONS)[number];

const serviceSchema = z.enum(SERVICES);

// The request key never travels in a payload: the resolver takes it from the context Forge signs.
export const portalPayloadSchemas = {
  getRequestStatus: z.strictObject({}),
  downloadBlankTemplate: z.strictObject({ service: serviceSchema }),
} satisfies Record<PortalFunction, z.ZodType>;

export type PortalPayload<F extends PortalFunction> = z.input<(typeof portalPayloadSchemas)[F]>;

/** Where an ens stands, as the requester's public comment says it (src/domain/report/status-comment.ts). */
export const PORTAL_LINE_STATES = ['production', 'waitDate', 'correct', 'waitAoc'] as const;
export type PortalLineState = (typeof PORTAL_LINE_STATES)[number];

export const portalCorrectionSchema = z.strictObject({
  /** The template column, as the requester's file names it (null: the whole row). */
  column: z.string().nullable(),
  value: z.string().nullable(),
  /** What is wrong and what to do, in the requester's language. */
  message: z.string(),
});
export type PortalCorrection = z.infer<typeof portalCorrectionSchema>;

export const portalLineSchema = z.strictObject({
  name: z.string(),
  codiEns: z.string().nullable(),
  service: serviceSchema.nullable(),
  state: z.enum(PORTAL_LINE_STATES),
  /** production: the day the integration was recorded (yyyy-mm-dd), when known. */
  since: z.string().nullable(),
  /** waitDate: the production date SetDIBA gave, when there is one. */
  productionDate: z.string().nullable(),
  /** correct: what to correct and how; empty otherwise. */
  corrections: z.array(portalCorrectionSchema),
});
export type PortalLine = z.infer<typeof portalLineSchema>;

export const requestStatusSchema = z.strictObject({
  lang: z.enum(['ca', 'es', 'en']),
  /** False when the request is no SetDIBA integration request: the panel says so and shows nothing else. */
  applicable: z.boolean(),
  lines: z.array(portalLineSchema),
  /** Files of the request the app could not read, and why (the requester attaches them again). */
  unreadableFiles: z.array(z.strictObject({ fileName: z.string(), reason: z.string() })),
  /** The services of the request, whose blank templates the panel offers. */
  templates: z.array(serviceSchema),
});
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const portalFileSchema = z.strictObject({
  fileName: z.string(),
  mimeType: z.string(),
  /** base64: `invoke` answers are JSON. */
  contentBase64: z.string(),
});

export const portalResponseSchemas = {
  getRequestStatus: requestStatusSchema,
  downloadBlankTemplate: portalFileSchema,
} satisfies Record<PortalFunction, z.ZodType>;

export type PortalResponse<F extends PortalFunction> = z.infer<(typeof portalResponseSchemas)[F]>;

export const PORTAL_ERROR_CODES = ['forbidden', 'invalid_input', 'unavailable', 'internal'] as const;
export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

/** Every resolver answer; a stack trace never reaches the browser. */
export type PortalResult<F extends PortalFunction> =
  | { ok: true; data: PortalResponse<F> }
  | { ok: false; error: { code: PortalErrorCode; message: string } };

/**
 * What the checker on the request-create screen stores as the request's property (`view.submit`): a
 * short summary of the check, never the file nor its rows.
 */
export { CHECK_PROPERTY } from './portal-check-property';
export const checkSummarySchema = z.strictObject({
  version: z.literal(1),
  fileName: z.string().max(255),
  checkedAt: z.string(),
  /** checked: the reader answered; the others: the browser could not give an answer for this file. */
  outcome: z.enum(['checked', 'too_large', 'timeout', 'failed']),
  readable: z.boolean(),
  services: z.array(serviceSchema),
  rows: z.number().int().min(0),
  rowsWithErrors: z.number().int().min(0),
  warnings: z.number().int().min(0),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;
