/**
 * The issue panel's contract: every resolver function, its payload and its answer, as zod schemas.
 * The resolver validates payloads with them; the Custom UI (static/issue-panel) imports the inferred
 * types only (`import type`), so zod never reaches the browser bundle.
 *
 * Everything the UI shows is already localised by the server (problem messages, review reasons, the
 * list of writes a run would make) except the panel's own labels, which come from
 * src/i18n/catalog/panel.ts on both sides.
 */
import { z } from 'zod';
import { SERVICES } from '../domain/services';

export const PANEL_FUNCTIONS = [
  'getPanelState',
  'preview',
  'run',
  'decideRows',
  'setMuxProductionDate',
  'integrateMuxNow',
  'markChecklistStep',
  'processAsSetdiba',
  'downloadServiceWorkbook',
  'downloadResults',
] as const;
export type PanelFunction = (typeof PANEL_FUNCTIONS)[number];

const serviceSchema = z.enum(SERVICES);
/** Row ids are `<attachmentId>:<sheet>:<row>`; bounded so a payload cannot grow without limit. */
const rowIdSchema = z.string().min(1).max(400);
const empty = z.strictObject({});

// ---------------------------------------------------------------------------------------------------
// Payloads (what the browser sends). The issue key never travels in a payload: the resolver takes it
// from the invocation context Forge signs, so a user cannot act on another ticket by editing a request.

export const panelPayloadSchemas = {
  getPanelState: empty,
  preview: empty,
  run: empty,
  decideRows: z.strictObject({
    rowIds: z.array(rowIdSchema).min(1).max(1000),
    decision: z.enum(['confirm', 'reject']),
    /** Goes into the results comment; optional. */
    reason: z.string().trim().max(1000).optional(),
  }),
  setMuxProductionDate: z.strictObject({
    date: z.iso.date(),
    /**
     * Without rows: the date of the MUX ens that have none. With rows: those rows get this date,
     * replacing the template's or an earlier one (changing a date is always a choice of rows).
     */
    rowIds: z.array(rowIdSchema).min(1).max(1000).optional(),
  }),
  integrateMuxNow: z.strictObject({
    /** The one ens the MUX owner integrates before its date, and why (kept in the history). */
    force: z.strictObject({ rowId: rowIdSchema, reason: z.string().trim().min(1).max(500) }).optional(),
  }),
  markChecklistStep: z.strictObject({
    stepId: z.string().min(1).max(300),
    done: z.boolean(),
  }),
  processAsSetdiba: empty,
  downloadServiceWorkbook: z.strictObject({ service: serviceSchema }),
  /** The complete results table of the ticket, generated now (never attached: JSM shows attachments to the customer). */
  downloadResults: z.strictObject({ format: z.enum(['csv', 'xlsx']) }),
} satisfies Record<PanelFunction, z.ZodType>;

export type PanelPayload<F extends PanelFunction> = z.input<(typeof panelPayloadSchemas)[F]>;

// ---------------------------------------------------------------------------------------------------
// Answers.

export const problemViewSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The template column (or field) the problem is about; null for a row-level problem. */
  column: z.string().nullable(),
  /** The value as written, when there is one. */
  value: z.string().nullable(),
  message: z.string(),
});
export type ProblemView = z.infer<typeof problemViewSchema>;

/** What the plan decides for a row (see src/domain/plan/types.ts RowDecision). */
export const rowDecisionSchema = z.enum(['integrate', 'wait', 'reject', 'mux-pending', 'blocked', 'service-disabled']);
export type RowDecisionView = z.infer<typeof rowDecisionSchema>;

/** Where the row stands now, as an agent would say it. */
export const rowStatusSchema = z.enum([
  'pending', // nothing done yet; the plan says what will happen
  'waiting', // held for a warning: an agent confirms or rejects
  'confirmed', // an agent confirmed it; the next run integrates it
  'rejected', // an error, or an agent rejected it
  'integrated',
  'already-integrated',
  'mux-pending', // MUX with no production date yet
  'mux-scheduled', // MUX with its production date (template or panel): waits for that day
  'blocked',
  'failed', // the integration backend refused it or failed: retried by the next run (problem says why)
  'replaced', // a later file lists the same ens for the same service: that file's row stands for it now
]);
export type RowStatus = z.infer<typeof rowStatusSchema>;

export const rowViewSchema = z.object({
  id: rowIdSchema,
  attachmentId: z.string(),
  fileName: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  name: z.string().nullable(),
  codiEns: z.string().nullable(),
  ine: z.string().nullable(),
  nif: z.string().nullable(),
  dir3: z.string().nullable(),
  serviceAsWritten: z.string().nullable(),
  service: serviceSchema.nullable(),
  productionDate: z.string().nullable(),
  decision: rowDecisionSchema.nullable(),
  status: rowStatusSchema,
  problems: z.array(problemViewSchema),
  /** The later file whose row for the same ens and service replaces this one (status `replaced`). */
  replacedBy: z.object({ attachmentId: z.string(), fileName: z.string(), rowId: rowIdSchema }).nullable().optional(),
});
export type RowView = z.infer<typeof rowViewSchema>;

export const attachmentViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  /** read: rows below; unreadable: `message` says why; produced: a workbook the app attached itself. */
  status: z.enum(['read', 'unreadable', 'produced']),
  message: z.string().nullable(),
  rowCount: z.number().int(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

export const userViewSchema = z.object({ accountId: z.string(), displayName: z.string() });
export type UserView = z.infer<typeof userViewSchema>;

export const servicePlanViewSchema = z.object({
  service: serviceSchema,
  /** self: stays on this ticket; existing: a ticket the app raised before; new: a run would raise one. */
  target: z.enum(['self', 'existing', 'new']),
  targetKey: z.string().nullable(),
  environment: z.enum(['PRO', 'PRE']),
  assignee: userViewSchema.nullable(),
  labels: z.array(z.string()),
  counts: z.object({
    integrate: z.number().int(),
    wait: z.number().int(),
    reject: z.number().int(),
    muxPending: z.number().int(),
    blocked: z.number().int(),
    disabled: z.number().int(),
    /** Rows a later file replaced: not counted in the others (added later, hence optional). */
    replaced: z.number().int().optional(),
  }),
  /** Localised reasons a person must look at this service's ticket. */
  reviewReasons: z.array(z.string()),
});
export type ServicePlanView = z.infer<typeof servicePlanViewSchema>;

export const planViewSchema = z.object({
  computedAt: z.string(),
  certificate: z.object({
    status: z.enum(['valid', 'missing', 'expired', 'not-yet-valid', 'unreadable']),
    serialNumber: z.string().nullable(),
    sha256Fingerprint: z.string().nullable(),
    notAfter: z.string().nullable(),
    /** Days left, from 30 days before the end of a valid certificate (the renewal is due). */
    expiresInDays: z.number().int().nullable().optional(),
  }),
  services: z.array(servicePlanViewSchema),
  /** Row ids no service could be found for. */
  unassignedRowIds: z.array(rowIdSchema),
  /** Localised, one sentence per write a run would make now (empty: a run would write nothing). */
  writes: z.array(z.string()),
});
export type PlanView = z.infer<typeof planViewSchema>;

export const runViewSchema = z.object({
  /** idle: nothing in progress; queued/running: the panel refreshes until it is idle again. */
  status: z.enum(['idle', 'queued', 'running']),
  since: z.string().nullable(),
  /** Localised description of the step in progress, when known. */
  step: z.string().nullable(),
});
export type RunView = z.infer<typeof runViewSchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  trigger: z.enum(['created', 'updated', 'commented', 'panel', 'retry', 'watch']),
  by: userViewSchema.nullable(),
  outcome: z.enum(['done', 'needs-review', 'failed', 'running']),
  /** Localised one-line summary. */
  summary: z.string(),
  createdTickets: z.array(z.string()),
  comments: z.array(z.object({ id: z.string(), public: z.boolean() })),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const siblingViewSchema = z.object({
  key: z.string(),
  service: serviceSchema.nullable(),
  summary: z.string(),
  status: z.string(),
  role: z.enum(['original', 'clone']),
  current: z.boolean(),
  /** Its labels now, so the preview does not announce a label the ticket already has. */
  labels: z.array(z.string()).optional(),
});
export type SiblingView = z.infer<typeof siblingViewSchema>;

export const muxViewSchema = z.object({
  /** False when this ticket has no MUX rows: the MUX section is hidden. */
  applicable: z.boolean(),
  /** Dates the template gives (distinct, ISO). */
  templateDates: z.array(z.string()),
  /** The date an agent recorded from SetDIBA's answer. */
  recordedDate: z.string().nullable(),
  recordedBy: userViewSchema.nullable(),
  owner: userViewSchema.nullable(),
  callerIsOwner: z.boolean(),
  /** Some MUX ens not integrated yet has its production date today or past (Europe/Madrid). */
  dateReached: z.boolean(),
  /** The ticket's creation day (Europe/Madrid): no go-live date can be before it. Added later, hence optional. */
  earliestDate: z.string().nullable().optional(),
  integrated: z.boolean(),
  /** Each MUX ens with its own date and where it comes from; added later, hence optional. */
  ens: z
    .array(
      z.object({
        rowId: rowIdSchema,
        codiEns: z.string().nullable(),
        name: z.string().nullable(),
        date: z.string().nullable(),
        /** row: chosen in the panel for this row; template: the template's; panel: the date for ens without one. */
        source: z.enum(['row', 'template', 'panel']).nullable(),
        status: rowStatusSchema,
        /** Not integrated yet and its date is today or past: "integrate now" takes it. */
        due: z.boolean(),
      }),
    )
    .optional(),
});
export type MuxView = z.infer<typeof muxViewSchema>;

export const checklistStepSchema = z.object({
  id: z.string(),
  service: serviceSchema,
  environment: z.enum(['PRO', 'PRE']),
  codiEns: z.string(),
  name: z.string(),
  nif: z.string().nullable(),
  dir3: z.string().nullable(),
  done: z.boolean(),
  doneBy: userViewSchema.nullable(),
  doneAt: z.string().nullable(),
});
export type ChecklistStep = z.infer<typeof checklistStepSchema>;

export const panelStateSchema = z.object({
  issueKey: z.string(),
  lang: z.enum(['ca', 'es', 'en']),
  recognition: z.object({
    recognised: z.boolean(),
    rule: z.enum(['organization', 'reporter-domain', 'request-type', 'label']).nullable(),
    /** The label that makes a ticket SetDIBA (settings); "process as SetDIBA" adds it. */
    label: z.string(),
  }),
  /** The ticket is a service ticket the app raised from another one. */
  cloneOf: z.string().nullable(),
  attachments: z.array(attachmentViewSchema),
  rows: z.array(rowViewSchema),
  plan: planViewSchema.nullable(),
  run: runViewSchema,
  history: z.array(historyEntrySchema),
  siblings: z.array(siblingViewSchema),
  mux: muxViewSchema,
  /** Null unless the integration backend is in assisted mode and there are steps to do by hand. */
  checklist: z.array(checklistStepSchema).nullable(),
});
export type PanelState = z.infer<typeof panelStateSchema>;

/** What a write-type call answers: the fresh state, so the panel never needs a second round trip. */
export const panelResponseSchemas = {
  getPanelState: panelStateSchema,
  preview: panelStateSchema,
  run: panelStateSchema,
  decideRows: panelStateSchema,
  setMuxProductionDate: panelStateSchema,
  integrateMuxNow: panelStateSchema,
  markChecklistStep: panelStateSchema,
  processAsSetdiba: panelStateSchema,
  downloadServiceWorkbook: z.object({
    fileName: z.string(),
    mimeType: z.string(),
    /** base64: `invoke` answers are JSON. */
    contentBase64: z.string(),
  }),
  downloadResults: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
} satisfies Record<PanelFunction, z.ZodType>;

export type PanelResponse<F extends PanelFunction> = z.infer<(typeof panelResponseSchemas)[F]>;

export const PANEL_ERROR_CODES = ['forbidden', 'invalid_input', 'not_found', 'conflict', 'unavailable', 'internal'] as const;
export type PanelErrorCode = (typeof PANEL_ERROR_CODES)[number];

/** Every resolver answers with this envelope; a stack trace never reaches the browser. */
export type PanelResult<F extends PanelFunction> =
  | { ok: true; data: PanelResponse<F> }
  | { ok: false; error: { code: PanelErrorCode; message: string } };
