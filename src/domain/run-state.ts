/**
 * The run state the pipeline keeps on each ticket in the issue property `setdiba.run`. It is what makes
 * a re-run cheap and exactly-once: which attachments were read (or killed the parser), which batch of
 * attachments is being worked on and which of its steps are done, and which clone ticket holds each
 * service. Clone tickets carry the same property with `originKey` and `service`, indexed for JQL by the
 * manifest's `jira:entityProperty` module, so an earlier clone is found by property before another one
 * is created: `issue.property[setdiba.run].originKey = "SUP-1" AND issue.property[setdiba.run].service = "MUX"`.
 *
 * Per-row results are deliberately not stored: an issue property holds at most 32,768 characters and a
 * template may list 311 ens. Results are recomputed on a re-run from idempotent sources instead.
 *
 * It also keeps which of the agents' panel decisions (issue property `setdiba.panel`) runs have applied,
 * and a bounded history of runs for the panel: when, triggered by what or whom, the outcome, the tickets
 * raised and the comments posted.
 */
import { z } from 'zod';
import { SERVICES, type Service } from './services';

export const RUN_PROPERTY = 'setdiba.run';
export const RUN_STATE_VERSION = 1;

export const STEPS = ['clones', 'labels', 'integrations', 'comments'] as const;
export type Step = (typeof STEPS)[number];

const serviceSchema = z.enum(SERVICES);

export const attachmentStateSchema = z.object({
  fileName: z.string(),
  hash: z.string().nullable(),
  /**
   * parsing: the parser was started and has not reported back; found on a retry it means the earlier
   * attempt died while parsing, so the file is treated as unreadable rather than parsed again.
   * produced: the app attached it itself (a clone's workbook) and never reads it back.
   */
  status: z.enum(['parsing', 'read', 'unreadable', 'duplicate', 'produced']),
  batch: z.string().nullable(),
  reason: z.string().nullable().default(null),
});
export type AttachmentState = z.infer<typeof attachmentStateSchema>;

/**
 * Rows of a batch that a run could not integrate for a reason a settings fix removes: the certificate
 * (blocked) or the backend (failed, by error code). Entries are `<service>:<codiEns>`, compact because
 * a template may list 311 ens. The next run retries exactly these (see retry-run.ts) and drops those it
 * integrates; an empty record means nothing is left to retry.
 */
export const openRowsSchema = z.object({
  blocked: z.array(z.string()).default([]),
  failed: z.record(z.string(), z.array(z.string())).default({}),
});
export type OpenRows = z.infer<typeof openRowsSchema>;

export const openRowsMarkerSchema = z.object({ key: z.string(), blocked: z.number().int().min(0), failed: z.number().int().min(0) });
export type OpenRowsMarker = z.infer<typeof openRowsMarkerSchema>;

export const batchStateSchema = z.object({
  id: z.string(),
  attachmentIds: z.array(z.string()),
  steps: z.array(z.enum(STEPS)),
  done: z.boolean(),
  /** Added after version 1 shipped: absent in older states. */
  open: openRowsSchema.default({ blocked: [], failed: {} }),
  /**
   * In the property only: `open` was too long for it and is in this KVS entry instead (`open` is then
   * empty there), with its counts. The run-state store writes and follows it; a state it hands out has
   * the lists back in `open`. Added after version 1 shipped: absent in older states.
   */
  openIn: openRowsMarkerSchema.optional(),
});
export type BatchState = z.infer<typeof batchStateSchema>;

/** What woke a run: a product event, or a person from the issue panel (with the panel's reason). */
export const runTriggerSchema = z.object({
  cause: z.enum(['created', 'updated', 'commented', 'panel']),
  reason: z.enum(['panel', 'decision', 'mux', 'label']).nullable(),
  requestedBy: z.string().nullable(),
  /** Asked for from a split's service ticket: the run kept to these services' rows. */
  services: z.array(serviceSchema).optional(),
});
export type RunTrigger = z.infer<typeof runTriggerSchema>;

export const postedCommentSchema = z.object({ issueKey: z.string(), id: z.string(), public: z.boolean() });
export type PostedComment = z.infer<typeof postedCommentSchema>;

/** One run, as the panel's history shows it. Keyed by what it worked on, so retries update it. */
export const runRecordSchema = z.object({
  /** The batch id, the decision run id, or the failure's comment key. */
  id: z.string(),
  /** retry: rows left blocked or failed integrated after a fix; noop: a run asked for that had nothing to do. */
  kind: z.enum(['batch', 'decisions', 'failure', 'retry', 'noop']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: runTriggerSchema.nullable(),
  outcome: z.enum(['running', 'done', 'review', 'failed']),
  /** Tickets this run raised (one per service split off). */
  created: z.array(z.string()),
  comments: z.array(postedCommentSchema),
  /** Rows per result (integrated, rejected, …) over every ticket of the run. */
  counts: z.record(z.string(), z.number()),
  /** For a failure: the error, cut short. */
  message: z.string().nullable(),
  /** A MUX ens the owner forced before its production date, and the reason given (decision runs). */
  forced: z.object({ ens: z.string(), reason: z.string() }).nullable().optional(),
  /** Decision runs: each confirm or reject applied, who, how many rows, and the reason given in the panel. */
  reasons: z
    .array(z.object({ decision: z.enum(['confirm', 'reject']), by: z.string().max(200), rows: z.number(), reason: z.string().max(500) }))
    .optional(),
});
export type DecisionReason = NonNullable<z.infer<typeof runRecordSchema>['reasons']>[number];
export type RunRecord = z.infer<typeof runRecordSchema>;

/** Decisions of the panel (`setdiba.panel`) a run has applied, and the one a run is applying. */
export const decisionStateSchema = z.object({
  applied: z.array(z.string()),
  /** Set before a decision run writes anything: its retry applies the same decisions under the same id. */
  pending: z.object({ id: z.string(), ids: z.array(z.string()) }).nullable(),
});
export type DecisionState = z.infer<typeof decisionStateSchema>;

export const runStateSchema = z.object({
  version: z.literal(RUN_STATE_VERSION),
  role: z.enum(['original', 'clone']),
  /** On a clone: the ticket it was split from (indexed). */
  originKey: z.string().nullable(),
  /** On a clone: its service (indexed). */
  service: serviceSchema.nullable(),
  /** Where the latest run got to (indexed): running, done, or review (a person is needed). */
  state: z.enum(['running', 'done', 'review']),
  /** Content hashes of workbooks the app attached itself (a clone's rows): never read back. */
  produced: z.array(z.string()),
  attachments: z.record(z.string(), attachmentStateSchema),
  batches: z.array(batchStateSchema),
  /** Service → ticket holding it (the original itself for the service it keeps). */
  tickets: z.partialRecord(serviceSchema, z.string()),
  /**
   * What agents search by in JQL (indexed: manifest setdiba-run-index, docs/registry.md): the services
   * and the codis d'ens of the rows the ticket holds; on the original, every row the request came with.
   * Added after version 1 shipped: absent in older states. The codis are capped at MAX_INDEXED_ENS.
   */
  services: z.array(serviceSchema).optional(),
  ens: z.array(z.string()).optional(),
  updatedAt: z.string().nullable(),
  /** Added after version 1 shipped: absent in older states, hence the defaults. */
  decisions: decisionStateSchema.default({ applied: [], pending: null }),
  runs: z.array(runRecordSchema).default([]),
  /**
   * Retry runs started so far, and the one under way: set before it writes, so the platform's retry of
   * a run that died resumes it under the same id (the same idempotency keys for the backend).
   */
  retries: z.object({ count: z.number().int().min(0), pending: z.string().nullable() }).default({ count: 0, pending: null }),
});
export type RunState = z.infer<typeof runStateSchema>;

export function emptyRunState(): RunState {
  return {
    version: RUN_STATE_VERSION,
    role: 'original',
    originKey: null,
    service: null,
    state: 'running',
    produced: [],
    attachments: {},
    batches: [],
    tickets: {},
    updatedAt: null,
    decisions: { applied: [], pending: null },
    runs: [],
    retries: { count: 0, pending: null },
  };
}

/** The key of a row in a batch's open rows. */
export const openRowKey = (service: Service, codiEns: string): string => `${service}:${codiEns}`;

export const noOpenRows = (): OpenRows => ({ blocked: [], failed: {} });

export function hasOpenRows(open: OpenRows): boolean {
  return open.blocked.length > 0 || Object.values(open.failed).some((rows) => rows.length > 0);
}

/** Whether a row is open, and why: 'blocked', or the backend's error code. */
export function openReason(open: OpenRows, key: string): { result: 'blocked' } | { result: 'failed'; code: string } | null {
  if (open.blocked.includes(key)) return { result: 'blocked' };
  for (const [code, rows] of Object.entries(open.failed)) if (rows.includes(key)) return { result: 'failed', code };
  return null;
}

/**
 * A batch's open rows after a run's results for some of its rows: rows the run touched leave the list
 * unless they ended blocked or failed again; untouched rows keep their entry.
 */
export function updateOpenRows(
  open: OpenRows,
  touched: readonly { key: string; result: string; code?: string | null }[],
): OpenRows {
  const seen = new Set(touched.map((r) => r.key));
  const blocked = open.blocked.filter((k) => !seen.has(k));
  const failed: Record<string, string[]> = {};
  for (const [code, rows] of Object.entries(open.failed)) {
    const kept = rows.filter((k) => !seen.has(k));
    if (kept.length > 0) failed[code] = kept;
  }
  for (const row of touched) {
    if (row.result === 'blocked' && !blocked.includes(row.key)) blocked.push(row.key);
    if (row.result === 'failed') {
      const code = row.code ?? 'unknown';
      const list = failed[code] ?? [];
      if (!list.includes(row.key)) list.push(row.key);
      failed[code] = list;
    }
  }
  return { blocked, failed };
}

export function cloneRunState(originKey: string, service: Service, producedHash: string | null, ens: readonly string[] = []): RunState {
  return withSearchIndex(
    {
      ...emptyRunState(),
      role: 'clone',
      originKey,
      service,
      state: 'done',
      produced: producedHash ? [producedHash] : [],
    },
    ens.map((codiEns) => ({ service, codiEns })),
  );
}

/** An issue property holds 32,768 characters; 400 codis take about 5,200 of them. */
export const MAX_INDEXED_ENS = 400;

/** The state with these rows' services and codis d'ens added to what JQL searches by. */
export function withSearchIndex(state: RunState, rows: readonly { service: Service; codiEns: string | null }[]): RunState {
  const services = [...new Set([...(state.services ?? []), ...rows.map((row) => row.service)])];
  const ens = [...new Set([...(state.ens ?? []), ...rows.flatMap((row) => (row.codiEns ? [row.codiEns] : []))])].slice(0, MAX_INDEXED_ENS);
  return { ...state, services, ens };
}

/** JQL that finds the clone of `originKey` for `service` by its indexed run property. */
export function cloneSearchJql(projectKey: string, originKey: string, service: Service): string {
  const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  return [
    `project = ${quote(projectKey)}`,
    `issue.property[${RUN_PROPERTY}].originKey = ${quote(originKey)}`,
    `issue.property[${RUN_PROPERTY}].service = ${quote(service)}`,
  ].join(' AND ');
}

/**
 * Reads the stored property. Anything unreadable (another app version, a hand edit) is reported as
 * null so the caller can decide; it is never silently taken as "nothing done". A batch whose open rows
 * were spilled has `open` empty here (`openIn` has their counts): whoever needs the lists reads through
 * the run-state store (readRunState); readers that look at no open rows parse the property alone, with
 * no KVS call.
 */
export function parseRunState(value: unknown): RunState | null {
  const parsed = runStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Only the last batches are kept: the property is bounded and old batches are never resumed. */
export const MAX_BATCHES = 20;

export function withBatch(state: RunState, batch: BatchState): RunState {
  const others = state.batches.filter((b) => b.id !== batch.id);
  return { ...state, batches: [...others, batch].slice(-MAX_BATCHES) };
}

export function markStep(state: RunState, batchIdValue: string, step: Step): RunState {
  const batch = state.batches.find((b) => b.id === batchIdValue);
  if (!batch || batch.steps.includes(step)) return state;
  return withBatch(state, { ...batch, steps: [...batch.steps, step] });
}

/** The history keeps the last runs only; the panel shows them, older ones are in the comments. */
export const MAX_RUNS = 20;
/** Applied decision ids kept (the panel drops decisions that later ones replaced). */
export const MAX_APPLIED_DECISIONS = 200;
/** Below Jira's 32,768 characters per property, with room for what a run adds before it writes. */
export const RUN_STATE_MAX_CHARS = 30_000;

/** Adds or replaces the record with the same id (a retry updates its run), keeping the last MAX_RUNS. */
export function withRun(state: RunState, record: RunRecord): RunState {
  const index = state.runs.findIndex((r) => r.id === record.id);
  const runs = index >= 0 ? state.runs.map((r, i) => (i === index ? record : r)) : [...state.runs, record];
  return { ...state, runs: runs.slice(-MAX_RUNS) };
}

export function runRecord(state: RunState, id: string): RunRecord | undefined {
  return state.runs.find((r) => r.id === id);
}

/** The run with this id: the one a retry resumes (keeping its first start and trigger), else a new one. */
export function resumeOrStartRun(
  state: RunState,
  start: { id: string; kind: RunRecord['kind']; trigger: RunRecord['trigger']; now: Date },
): RunRecord {
  return (
    runRecord(state, start.id) ?? {
      id: start.id,
      kind: start.kind,
      startedAt: start.now.toISOString(),
      finishedAt: null,
      trigger: start.trigger,
      outcome: 'running',
      created: [],
      comments: [],
      counts: {},
      message: null,
    }
  );
}

/**
 * Keeps the property within Jira's limit: the history is what gives way (oldest runs first, down to
 * the latest one), then the oldest applied decision ids. Batches and attachments are never dropped
 * here: forgetting them would make old files look new.
 */
export function fitRunState(state: RunState, maxChars = RUN_STATE_MAX_CHARS): RunState {
  let fitted: RunState = {
    ...state,
    runs: state.runs.slice(-MAX_RUNS),
    decisions: { ...state.decisions, applied: state.decisions.applied.slice(-MAX_APPLIED_DECISIONS) },
  };
  while (JSON.stringify(fitted).length > maxChars && fitted.runs.length > 1) fitted = { ...fitted, runs: fitted.runs.slice(1) };
  while (JSON.stringify(fitted).length > maxChars && fitted.decisions.applied.length > 0) {
    fitted = { ...fitted, decisions: { ...fitted.decisions, applied: fitted.decisions.applied.slice(1) } };
  }
  return fitted;
}
