/**
 * The scenario file of `setdiba simulate --script` (docs/cli.md "Scenarios"), checked with zod before
 * anything starts: a typo in a step is a usage error naming the step, not a surprise halfway through.
 */
import { z } from 'zod';

const isoDate = z.iso.date();
const ticket = z.string().trim().min(1).max(100);
const actor = z.string().trim().min(1).max(200);
const note = z.string().max(500).optional();

const rowSpec = z.strictObject({
  /** The municipality (INE, 5 digits) whose ajuntament the row is; its name and codes are the real ones. */
  ine: z.string().regex(/^\d{5}$/),
  service: z.string().max(40).optional(),
  /** The production date as the customer writes it (yyyy-mm-dd), or null for none. */
  date: isoDate.nullable().optional(),
  /** Replace one value as written, e.g. a NIF with a wrong letter to make the row need correcting. */
  name: z.string().max(200).optional(),
  codiEns: z.string().max(40).optional(),
  nif: z.string().max(40).optional(),
  dir3: z.string().max(40).optional(),
});
export type RowSpec = z.infer<typeof rowSpec>;

/** A template written by the app's own workbook writer from the reference list of municipalities. */
const templateSpec = z.strictObject({
  /** The service of the data sheet and of every row that names none. */
  service: z.string().max(40),
  /** `count` ajuntaments in list order from index `from` (0..310)... */
  count: z.number().int().min(1).max(311).optional(),
  from: z.number().int().min(0).max(310).optional(),
  /** ...and/or these rows, after them. */
  rows: z.array(rowSpec).max(311).optional(),
});
export type TemplateSpec = z.infer<typeof templateSpec>;

export const fileSpecSchema = z.union([
  z.string().trim().min(1).max(1000),
  z.strictObject({ name: z.string().trim().min(1).max(200), template: templateSpec }),
]);
export type FileSpec = z.infer<typeof fileSpecSchema>;

/** A certificate file (PEM or DER), or one generated now: valid, or expired before the scenario's day. */
export const certificateSpecSchema = z.union([
  z.string().trim().min(1).max(1000),
  z.strictObject({ generate: z.enum(['valid', 'expired']) }),
]);
export type CertificateSpec = z.infer<typeof certificateSpecSchema>;

export const PANEL_ACTIONS = [
  'state',
  'preview',
  'run',
  'confirm',
  'reject',
  'mux-date',
  'integrate-mux',
  'checklist-done',
  'download-results',
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

const settingsPatch = z.record(z.string(), z.unknown());

export const stepSchema = z.discriminatedUnion('do', [
  z.strictObject({
    do: z.literal('raise'),
    note,
    files: z.array(fileSpecSchema).min(1).max(20),
    summary: z.string().max(255).optional(),
    description: z.string().max(10_000).optional(),
    reporter: actor.optional(),
    /** The reporter's language (their Jira locale); the app answers them in it. */
    lang: z.enum(['ca', 'es', 'en']).optional(),
  }),
  z.strictObject({
    do: z.literal('attach'),
    note,
    ticket,
    as: actor.optional(),
    files: z.array(fileSpecSchema).min(1).max(20),
    comment: z.string().max(10_000).optional(),
  }),
  z.strictObject({
    do: z.literal('comment'),
    note,
    ticket,
    as: actor.optional(),
    text: z.string().min(1).max(10_000),
    internal: z.boolean().optional(),
  }),
  z
    .strictObject({
      do: z.literal('settings'),
      note,
      as: actor.optional(),
      certificate: certificateSpecSchema.optional(),
      backendToken: z.string().min(1).max(4096).optional(),
      patch: settingsPatch.optional(),
    })
    .refine((s) => s.certificate !== undefined || s.backendToken !== undefined || s.patch !== undefined, {
      message: 'a settings step needs certificate, backendToken or patch',
    }),
  z.strictObject({
    do: z.literal('backend'),
    note,
    /** The bearer token the reference backend accepts from now on (null: any). */
    acceptToken: z.string().min(1).max(4096).nullable(),
  }),
  z.strictObject({
    do: z.literal('panel'),
    note,
    ticket,
    as: actor.optional(),
    action: z.enum(PANEL_ACTIONS),
    /** Rows by codi d'ens (INE10); without it the action applies to what the panel would apply it to. */
    ens: z.array(z.string().regex(/^\d{10}$/)).min(1).max(1000).optional(),
    date: isoDate.optional(),
    reason: z.string().max(1000).optional(),
    force: z.boolean().optional(),
    /** download-results: csv (default) or xlsx. */
    format: z.enum(['csv', 'xlsx']).optional(),
  }),
  /** The platform loses the ticket's run mid-way (killed, its retries used up): for the daily watch's stuck runs. */
  z.strictObject({ do: z.literal('lose-run'), note, ticket: z.string().min(1).max(100) }),
  z
    .strictObject({ do: z.literal('clock'), note, to: isoDate.optional(), days: z.number().int().min(1).max(3660).optional() })
    .refine((s) => (s.to === undefined) !== (s.days === undefined), { message: 'a clock step needs either to or days' }),
]);
export type Step = z.infer<typeof stepSchema>;

export const scenarioSchema = z.strictObject({
  /** What the scenario shows, for the readable account. */
  title: z.string().max(500).optional(),
  /** The clock at the start (its Europe/Madrid day); default: now. */
  now: isoDate.optional(),
  backend: z.enum(['http', 'assisted']).optional(),
  /** A patch applied to the starting settings, same fields as the settings document. */
  settings: settingsPatch.optional(),
  steps: z.array(stepSchema).min(1).max(500),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** Readable problems: `steps.3.action: …`, so the author finds the line. */
export function scenarioProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(scenario)'}: ${issue.message}`);
}
