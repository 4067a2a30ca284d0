/**
 * A run that applies what agents decided in the issue panel (issue property `setdiba.panel`) to rows an
 * earlier run held: confirmed rows are integrated, rejected ones reported with the agent's reason, and
 * the MUX rows integrated once the MUX owner asked and the recorded production date has been reached.
 *
 * Exactly once, like a batch run:
 * - the decisions not yet applied get a decision run id, stored (with the decision ids) in the run
 *   state before anything is written; a retry resumes that run with the same decisions and id;
 * - integrations use the same idempotency keys as the batch that read the rows (and the registry of
 *   integrated ens), so a re-run never integrates twice;
 * - its comments are keyed by the decision run id: one results comment per ticket touched (and one
 *   public comment where rows were rejected), never a repeat of an earlier run's comment;
 * - once done, the decision ids are recorded as applied and the run appears in the history;
 * - a run past the job's time budget is cut like a batch run (continuation.ts): the continuation job
 *   finds the decision run still pending and resumes it with the same decisions, keys and comments.
 */
import { settleAll } from './settle';
import { idempotencyKey, kvsKeys } from '../../domain/idempotency';
import { calendarDayInMadrid, muxRowDate, NO_MUX_DATES } from '../../domain/plan/mux-dates';
import { LABEL_MUX_PENDING, LABEL_REVIEW, buildPlan } from '../../domain/plan/build-plan';
import {
  applyDecisions,
  decisionIds,
  muxReleaseId,
  plannedRowId,
  rowDecisionId,
  type DecidedService,
  type DecisionSet,
} from '../../domain/plan/decisions';
import type { CertificateStatus, Plan, PlannedRow, ServicePlan } from '../../domain/plan/types';
import { paragraph, doc, type AdfDoc } from '../../domain/report/adf';
import { correctionsComment } from '../../domain/report/corrections-comment';
import { statusComment } from '../../domain/report/status-comment';
import type { ReportContext, RowResult } from '../../domain/report/types';
import { openRowKey, resumeOrStartRun, runRecord, updateOpenRows, withRun, type BatchState, type DecisionReason, type PostedComment, type RunRecord, type RunState, type RunTrigger } from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import type { JiraComment, JiraUser } from '../../ports/jira';
import { latestDecisions, panelMuxDates, type PanelProperty } from '../panel/panel-property';
import { ticketsNoLongerInReview, withoutOwnWork } from './review-label';
import { commentIndex, joinSections, plannedComment, postMissing, type PlannedComment } from './comments';
import type { PipelineDeps } from './deps';
import { reportContext } from './describe';
import type { ProcessOutcome } from './types';
import { integrateRows } from './integrate';
import { continueIfCut, integrationBudget, type JobContext } from './continuation';
import { lookUpRequesterLang } from './lang';
import { readAttachments, readOptionsFor } from './read-attachments';
import { resultsSection, serviceReport } from './results-report';
import { countRows, DAILY_WATCH_ACTOR } from './run-history';
import { writeRunState } from './run-state-store';
import type { LoadedTicket } from './ticket';
import { formatDate, type Lang } from '../../i18n';

export interface DecisionRunInput {
  ticket: LoadedTicket;
  settings: Settings;
  state: RunState;
  ownComments: readonly JiraComment[];
  panel: PanelProperty;
  trigger: RunTrigger | null;
  /** When the job stops starting integrations, and its queue event (for the continuation's key). */
  jobContext: JobContext;
}

/** Every decision in the panel property, with its stable id. */
export function decisionSetOf(panel: PanelProperty): DecisionSet {
  const release = panel.mux?.integrateRequestedBy ?? null;
  return {
    rows: panel.decisions.map((batch) => ({
      id: rowDecisionId(batch.decision, batch.by),
      decision: batch.decision,
      rowIds: batch.rowIds,
      reason: batch.reason,
      by: batch.by,
    })),
    mux: release
      ? { id: muxReleaseId(release), dates: panelMuxDates(panel), force: panel.mux?.force ?? null, by: release, byWatch: panel.mux?.byWatch ?? false }
      : null,
  };
}

function only(set: DecisionSet, ids: ReadonlySet<string>): DecisionSet {
  return { rows: set.rows.filter((d) => ids.has(d.id)), mux: set.mux && ids.has(set.mux.id) ? set.mux : null };
}

const attachmentOf = (rowId: string) => rowId.split(':')[0] ?? '';

/** The batches whose rows the decisions are about (the MUX release concerns every batch read). */
function touchedBatches(state: RunState, set: DecisionSet): BatchState[] {
  const read = state.batches.filter((b) => b.done && b.attachmentIds.length > 0);
  if (set.mux) return read;
  const attachments = new Set(set.rows.flatMap((d) => d.rowIds.map(attachmentOf)));
  return read.filter((b) => b.attachmentIds.some((id) => attachments.has(id)));
}

/**
 * The decision run to do now: the one a dead attempt left, or the decisions not yet applied that
 * concern rows read by an earlier batch (a MUX release releases only the ens whose date is reached,
 * decided row by row when the batches are planned again). Null: nothing.
 */
function decisionRunToDo(issueKey: string, state: RunState, all: DecisionSet): { id: string; ids: string[]; set: DecisionSet } | null {
  const pending = state.decisions.pending;
  if (pending) return { id: pending.id, ids: pending.ids, set: only(all, new Set(pending.ids)) };
  const applied = new Set(state.decisions.applied);
  const fresh: DecisionSet = {
    rows: all.rows.filter((d) => !applied.has(d.id)),
    mux: all.mux && !applied.has(all.mux.id) ? all.mux : null,
  };
  const relevant: DecisionSet = {
    rows: fresh.rows.filter((d) => touchedBatches(state, { rows: [d], mux: null }).length > 0),
    mux: fresh.mux && touchedBatches(state, { rows: [], mux: fresh.mux }).length > 0 ? fresh.mux : null,
  };
  const ids = decisionIds(relevant);
  if (ids.length === 0) return null;
  const batches = touchedBatches(state, relevant).map((b) => b.id);
  return { id: idempotencyKey('decision-run', issueKey, ...batches.sort(), ...ids), ids, set: relevant };
}

/** A MUX ens a release leaves waiting: how agents read it, its date (null: none yet), its row. */
interface MuxWaiting {
  ens: string;
  date: string | null;
  entity: PlannedRow['entity'];
}

/** One batch planned again, and what the decisions change in it. */
interface Decided {
  batch: string;
  services: DecidedService[];
  plans: readonly ServicePlan[];
  /** Why the original itself needs a person (unreadable file, rows without a service). */
  selfReviewReasons: Plan['selfReviewReasons'];
  certificate: CertificateStatus;
}

interface TicketWork {
  key: string;
  service: Service;
  environment: 'PRO' | 'PRE';
  rows: RowResult[];
  deciders: Set<string>;
  mux: { name: string; dates: Set<string>; byWatch: boolean } | null;
  /** The ens the MUX owner forced before its date, and why (for the comment and the history). */
  forced: { name: string; ens: string; reason: string } | null;
  /** MUX rows this run leaves waiting for their date, with that date (null: none known yet). */
  muxWaiting: MuxWaiting[];
  /** The agents' confirm/reject decisions applied on this ticket, with their reason (by decision id). */
  reasons: Map<string, DecisionReason>;
}

export async function runDecisions(deps: PipelineDeps, input: DecisionRunInput): Promise<ProcessOutcome | null> {
  const { jira, clock, templates } = deps;
  const { ticket, settings, trigger } = input;
  const issueKey = ticket.issue.key;
  const today = calendarDayInMadrid(clock.now());
  const todo = decisionRunToDo(issueKey, input.state, decisionSetOf(input.panel));
  if (!todo) return null;

  // The MUX owner's setting let the daily watch ask for this run: the history says the watch did it.
  const byWatch = todo.set.mux?.byWatch === true;
  const runTrigger: RunTrigger | null = byWatch ? { cause: 'panel', reason: 'mux', ...trigger, requestedBy: DAILY_WATCH_ACTOR } : trigger;
  const record = resumeOrStartRun(input.state, { id: todo.id, kind: 'decisions', trigger: runTrigger, now: clock.now() });
  let state = withRun(
    { ...input.state, decisions: { ...input.state.decisions, pending: { id: todo.id, ids: todo.ids } } },
    record,
  );
  const { selfService, options: readOptions } = readOptionsFor(ticket.facts, state, settings);
  const batches = touchedBatches(state, todo.set);
  // The pending run is stored before anything else is written; the rows are read meanwhile (files
  // read fine before, so no "parsing" marks are needed and nothing else is written by the read).
  const [written, reads, requesterLang] = await settleAll([
    writeRunState(deps, issueKey, state),
    settleAll(batches.map((batch) => readAttachments(deps, issueKey, input.state, batch, ticket.issue.attachments, readOptions))),
    lookUpRequesterLang(jira, ticket, settings),
  ]);
  state = written;
  await deps.hooks?.afterStep?.('decisions-started', issueKey);

  // Each batch is planned on its own, as its run planned it: its integrations keep their keys.
  const planned: Decided[] = batches.map((batch, i) => {
    const read = reads[i]!;
    const plan = buildPlan({
      ticketKey: issueKey,
      entities: read.entities,
      unreadable: read.unreadable,
      settings,
      now: clock.now(),
      existingTickets: state.tickets,
      selfService,
    });
    return { batch: batch.id, services: applyDecisions(plan, todo.set, today), plans: plan.services, selfReviewReasons: plan.selfReviewReasons, certificate: plan.certificate };
  });
  const decided = await withoutEarlierMux(deps, newestMuxRowsOnly(planned), record.startedAt);

  const backend = deps.backendFor(settings, ticket.issue.projectKey);
  const originKey = state.originKey ?? issueKey;
  const byTicket = new Map<string, TicketWork>();
  const workFor = (service: Service, environment: 'PRO' | 'PRE'): TicketWork => {
    const key = state.tickets[service] ?? issueKey;
    const id = `${key}|${service}`;
    const existing = byTicket.get(id);
    if (existing) return existing;
    const fresh: TicketWork = { key, service, environment, rows: [], deciders: new Set(), mux: null, forced: null, muxWaiting: [], reasons: new Map() };
    byTicket.set(id, fresh);
    return fresh;
  };
  const muxOwnerId = settings.services.MUX.ownerAccountId;
  let owner: JiraUser | null = null;
  const keys = [...new Set(decided.flatMap((d) => d.services.map((s) => state.tickets[s.service] ?? issueKey)))];
  const existing = new Map<string, Map<string, string>>([[issueKey, commentIndex(input.ownComments)]]);

  // --- Phase A: integrations, the comments already on the tickets, the MUX owner's name.
  // Rows not started before the deadline are left to a continuation job that resumes this run.
  const budget = integrationBudget(input.jobContext);
  const touchedRows = new Map<string, { key: string; result: string; code: string | null }[]>();
  await settleAll([
    ...decided.flatMap(({ batch, services, plans }) =>
      services.map(async (ds) => {
        const sp = plans.find((p) => p.service === ds.service);
        if (!sp) return;
        const work = workFor(ds.service, ds.environment);
        const results = await integrateRows(deps, {
          originKey,
          ticketKey: work.key,
          batch,
          plan: { ...sp, rows: ds.rows },
          settings,
          backend,
          budget,
          progress: input.jobContext.progress,
        });
        work.rows.push(...results);
        // Rows blocked or failed here stay open in their batch: the next run retries them (retry-run.ts).
        touchedRows.set(batch, [
          ...(touchedRows.get(batch) ?? []),
          ...results.flatMap((r) => (r.entity.codiEns ? [{ key: openRowKey(ds.service, r.entity.codiEns), result: r.result, code: r.code ?? null }] : [])),
        ]);
        for (const row of ds.rows) {
          if (row.origin === 'mux' || row.origin === 'mux-forced') {
            const dates = muxRowDate(plannedRowId(row.entity), row.entity, todo.set.mux?.dates ?? NO_MUX_DATES).date;
            work.mux ??= { name: row.by.displayName, dates: new Set(), byWatch: todo.set.mux?.byWatch ?? false };
            if (dates && row.origin === 'mux') work.mux.dates.add(dates);
            if (row.origin === 'mux-forced') {
              work.forced = { name: row.by.displayName, ens: row.entity.codiEns ?? row.entity.name ?? '', reason: todo.set.mux?.force?.reason ?? '' };
            }
          } else {
            work.deciders.add(row.by.displayName);
            noteReason(work, todo.set, row);
          }
        }
      }),
    ),
    ...keys.filter((key) => key !== issueKey).map(async (key) => void existing.set(key, commentIndex(await jira.getComments(key)))),
    todo.set.mux && muxOwnerId ? jira.getUser(muxOwnerId).then((u) => void (owner = u)) : Promise.resolve(),
    todo.set.mux ? stillWaitingMux(deps, decided, todo.set).then((waiting) => void waiting.forEach((w) => (workFor('MUX', w.environment).muxWaiting = w.rows))) : Promise.resolve(),
  ]);
  // Out of time: the integrated ens are in the registry, the decisions stay pending, a new job goes on
  // (with the job's own trigger: the resumed run keeps the one its history already records).
  const continued = await continueIfCut(deps, budget, { issueKey, kind: 'decisions', run: todo.id, job: input.jobContext, trigger });
  if (continued) return continued;
  void input.jobContext.progress.step('reporting');
  await deps.hooks?.afterStep?.('updated', issueKey);

  // --- Phase B: per ticket, the public "what to correct" (rejected rows) and the results comment.
  const { publicComments, internalComments, failedTickets, muxDone } = decisionComments([...byTicket.values()], {
    runId: todo.id,
    settings,
    now: clock.now(),
    mode: backend.mode,
    certificateStatus: decided[0]?.certificate ?? 'missing',
    muxOwner: owner,
    pub: reportContext(templates, requesterLang),
    internal: reportContext(templates, settings.comments.defaultLanguage),
  });
  const batchesAfter = state.batches.map((b) => (touchedRows.has(b.id) ? { ...b, open: updateOpenRows(b.open, touchedRows.get(b.id) ?? []) } : b));
  // A ticket whose rows the decisions settled, with nothing else for a person to do, is no longer in review.
  const resultsByTicket = new Map<string, RowResult[]>();
  for (const work of byTicket.values()) resultsByTicket.set(work.key, [...(resultsByTicket.get(work.key) ?? []), ...work.rows]);
  const settled = new Set(
    await withoutOwnWork(deps, issueKey, ticketsNoLongerInReview({
      issueKey,
      state: { ...state, batches: batchesAfter },
      plans: decided.map((d) => ({ services: d.plans, selfReviewReasons: d.selfReviewReasons })),
      results: resultsByTicket,
      decided: new Set(latestDecisions(input.panel).keys()),
    })),
  );
  const posted: PostedComment[] = [];
  await settleAll([
    ...keys.map(async (key) => {
      const planned = [...publicComments, ...internalComments].filter((c) => c.issueKey === key);
      posted.push(...(await postMissing(jira, planned, existing.get(key) ?? new Map())));
    }),
    ...keys.map(async (key) => {
      const labelsAdd = failedTickets.has(key) ? [LABEL_REVIEW] : [];
      // The MUX ens are in production now: the ticket no longer waits for a date.
      const labelsRemove = [...(muxDone.has(key) ? [LABEL_MUX_PENDING] : []), ...(settled.has(key) && !failedTickets.has(key) ? [LABEL_REVIEW] : [])];
      if (labelsAdd.length + labelsRemove.length > 0) await jira.editIssue(key, { labelsAdd, labelsRemove });
    }),
  ]);
  await deps.hooks?.afterStep?.('internal-comments', issueKey);

  // --- Phase C: the decisions are applied; the history says what the run did.
  const all = [...byTicket.values()].flatMap((w) => w.rows);
  const review = failedTickets.size > 0 || all.some((r) => r.result === 'blocked') || stillWaiting(decided, input.panel);
  const done: RunRecord = {
    ...(runRecord(state, todo.id) ?? record),
    finishedAt: clock.now().toISOString(),
    outcome: review ? 'review' : 'done',
    comments: posted,
    counts: countRows(all),
    forced: forcedOf([...byTicket.values()]),
    reasons: [...new Map([...byTicket.values()].flatMap((w) => [...w.reasons])).values()],
  };
  state = await writeRunState(deps, issueKey, {
    ...withRun(state, done),
    batches: batchesAfter,
    decisions: { applied: [...state.decisions.applied.filter((id) => !todo.ids.includes(id)), ...todo.ids], pending: null },
    state: review ? 'review' : 'done',
  });
  await deps.hooks?.afterStep?.('done', issueKey);
  deps.log?.info('decisions applied', { issueKey, run: todo.id, rows: all.length, review });
  const results: Partial<Record<Service, RowResult[]>> = {};
  for (const work of byTicket.values()) results[work.service] = [...(results[work.service] ?? []), ...work.rows];
  return { status: 'decisions', issueKey, run: todo.id, results, review };
}

/** The comments a decision run plans (pure), per ticket it touched, and what its labels must say. */
function decisionComments(
  works: readonly TicketWork[],
  ctx: {
    runId: string;
    settings: Settings;
    now: Date;
    mode: 'assisted' | 'http';
    certificateStatus: CertificateStatus;
    muxOwner: JiraUser | null;
    pub: ReportContext;
    internal: ReportContext;
  },
): { publicComments: PlannedComment[]; internalComments: PlannedComment[]; failedTickets: Set<string>; muxDone: Set<string> } {
  const { runId, settings, pub, internal } = ctx;
  const publicComments: PlannedComment[] = [];
  const internalComments: PlannedComment[] = [];
  const failedTickets = new Set<string>();
  const muxDone = new Set<string>();
  for (const work of works) {
    const rejected = work.rows.filter((r) => r.result === 'rejected').map((r) => ({ entity: r.entity, problems: r.problems }));
    const corrections = correctionsComment(rejected, pub);
    // A ticket holds one service (the run state maps each service to its ticket): one key per ticket.
    // What changed for the requester (in production, still waiting) and, for rejected rows, what to correct.
    // The MUX ens still waiting are part of it too, with the date they wait for.
    const waiting: RowResult[] = work.muxWaiting.map((w) => ({ entity: { ...w.entity, productionDate: w.date }, result: 'muxPending', problems: [] }));
    const status = statusComment(work.service, [...work.rows.filter((r) => r.result !== 'rejected'), ...waiting], pub);
    const publicComment = plannedComment(work.key, runId, 'public', joinSections([status, corrections]), settings.comments.publicToRequester);
    if (publicComment) publicComments.push(publicComment);
    if (work.rows.some((r) => r.result === 'failed')) failedTickets.add(work.key);
    // The label goes only once every MUX ens of the ticket is in production, not just this run's.
    const allIn = work.rows.every((r) => r.result === 'integrated' || r.result === 'already');
    if (work.mux && allIn && work.muxWaiting.length === 0) muxDone.add(work.key);
    const report = serviceReport(settings, ctx.now, ctx.muxOwner, {
      service: work.service,
      environment: work.environment,
      ticketKey: work.key,
      mode: ctx.mode,
      rows: work.rows,
      certificateStatus: ctx.certificateStatus,
      reviewReasons: work.rows.some((r) => r.result === 'failed') ? ['integration-failed'] : [],
    });
    const section = resultsSection(report, internal);
    const intro = decisionIntro(work, internal.t, settings.comments.defaultLanguage);
    const comment = plannedComment(work.key, runId, 'results', joinSections([intro, section.body]), false);
    if (comment) internalComments.push(comment);
  }
  return { publicComments, internalComments, failedTickets, muxDone };
}

/**
 * The MUX rows a release leaves waiting (their date is not reached), other than those an earlier
 * release already had integrated (the registry knows them): what the comment says still waits, and
 * what keeps `setdiba-pendent-data-pro` on the ticket.
 */
async function stillWaitingMux(
  deps: PipelineDeps,
  decided: readonly Decided[],
  set: DecisionSet,
): Promise<{ environment: 'PRO' | 'PRE'; rows: MuxWaiting[] }[]> {
  const released = new Set(decided.flatMap((d) => d.services.flatMap((s) => s.rows.map((r) => plannedRowId(r.entity)))));
  const out: { environment: 'PRO' | 'PRE'; rows: MuxWaiting[] }[] = [];
  for (const d of decided) {
    for (const sp of d.plans.filter((p) => p.service === 'MUX')) {
      const candidates = sp.rows.filter((r) => r.decision === 'mux-pending' && !released.has(plannedRowId(r.entity)));
      const known = await Promise.all(
        candidates.map((r) => (r.entity.codiEns ? deps.kvs.get(kvsKeys.integrated(sp.environment, 'MUX', r.entity.codiEns)) : Promise.resolve(undefined))),
      );
      const rows = candidates
        .filter((_, i) => !known[i])
        .map((r) => ({ ens: ensLabel(r.entity), date: muxRowDate(plannedRowId(r.entity), r.entity, set.mux?.dates ?? NO_MUX_DATES).date, entity: r.entity }));
      if (rows.length > 0) out.push({ environment: sp.environment, rows });
    }
  }
  return out;
}

/** The dates as long dates in the agents' language, joined as the language joins a list. */
function muxDatesParam(dates: ReadonlySet<string>, lang: Lang): string[] {
  return [...dates].sort().map((date) => formatDate(lang, date));
}

/**
 * An ens a later file lists again (a corrected template) is one MUX ens, not two: the release takes
 * its row from the newest batch, and the older rows are neither released nor said to wait.
 */
function newestMuxRowsOnly(decided: readonly Decided[]): Decided[] {
  const newest = newestMuxBatch(decided);
  const keep = (batch: string, entity: PlannedRow['entity']) => !entity.codiEns || newest.get(entity.codiEns) === batch;
  return decided.map((d) => ({
    ...d,
    services: d.services
      .map((ds) => (ds.service === 'MUX' ? { ...ds, rows: ds.rows.filter((row) => keep(d.batch, row.entity)) } : ds))
      .filter((ds) => ds.rows.length > 0),
    plans: d.plans.map((sp) => (sp.service === 'MUX' ? { ...sp, rows: sp.rows.filter((row) => keep(d.batch, row.entity)) } : sp)),
  }));
}

/**
 * A MUX ens an earlier release already integrated is not released again: the owner's next "integrate
 * now" reports the ens it integrates, not every ens of the ticket so far. Earlier means registered
 * before this run started, so a resumed run still reports what its first attempt integrated.
 */
async function withoutEarlierMux(deps: PipelineDeps, decided: readonly Decided[], startedAt: string): Promise<Decided[]> {
  const released = decided.flatMap((d) =>
    d.services.flatMap((ds) => ds.rows.filter((row) => row.origin === 'mux' && row.entity.codiEns).map((row) => ({ ds, row }))),
  );
  const known = await Promise.all(
    released.map(({ ds, row }) => deps.kvs.get<{ at?: string }>(kvsKeys.integrated(ds.environment, ds.service, row.entity.codiEns ?? ''))),
  );
  const earlier = new Set(released.filter((_, i) => (known[i]?.at ?? startedAt) < startedAt).map(({ row }) => row));
  if (earlier.size === 0) return [...decided];
  return decided.map((d) => ({
    ...d,
    services: d.services.map((ds) => ({ ...ds, rows: ds.rows.filter((row) => !earlier.has(row)) })).filter((ds) => ds.rows.length > 0),
  }));
}

function newestMuxBatch(decided: readonly Decided[]): Map<string, string> {
  const newest = new Map<string, string>();
  for (const d of decided) {
    for (const sp of d.plans) if (sp.service === 'MUX') for (const row of sp.rows) if (row.entity.codiEns) newest.set(row.entity.codiEns, d.batch);
  }
  return newest;
}

/** "Alella (0800390004)": the name agents know, and the code they search by. */
function ensLabel(entity: PlannedRow['entity']): string {
  if (entity.name && entity.codiEns) return `${entity.name} (${entity.codiEns})`;
  return entity.codiEns ?? entity.name ?? '';
}

function forcedOf(works: readonly TicketWork[]): { ens: string; reason: string } | null {
  const work = works.find((w) => w.forced);
  return work?.forced ? { ens: work.forced.ens, reason: work.forced.reason } : null;
}

/** Rows still held for a warning that no agent has decided on: a person is still needed. */
function stillWaiting(decided: readonly Decided[], panel: PanelProperty): boolean {
  const decidedRows = new Set(panel.decisions.flatMap((d) => d.rowIds));
  return decided.some((d) => d.plans.some((sp) => sp.rows.some((r) => r.decision === 'wait' && !decidedRows.has(plannedRowId(r.entity)))));
}

/** The decision batch a decided row came from (same rows, who and when), and its reason. */
function noteReason(work: TicketWork, set: DecisionSet, row: { entity: PlannedRow['entity']; by: { at: string; accountId: string }; origin: string }): void {
  const rowId = plannedRowId(row.entity);
  const batch = set.rows.find((d) => d.decision === row.origin && d.by.at === row.by.at && d.by.accountId === row.by.accountId && d.rowIds.includes(rowId));
  // Without a reason there is nothing to add: the table already says confirmed or rejected.
  if (!batch?.reason?.trim()) return;
  const known = work.reasons.get(batch.id);
  if (known) known.rows += 1;
  else work.reasons.set(batch.id, { decision: batch.decision, by: batch.by.displayName, rows: 1, reason: batch.reason ?? '' });
}

/** A reason given in the panel, as the comment and the history say it (none: '—'). */
export function reasonText(reason: DecisionReason, t: ReportContext['t']): string {
  return t(reason.decision === 'confirm' ? 'decisions.reasonConfirm' : 'decisions.reasonReject', {
    name: reason.by,
    n: reason.rows,
    reason: reason.reason,
  });
}

function decisionIntro(work: TicketWork, t: ReportContext['t'], lang: Lang): AdfDoc {
  return doc(
    work.deciders.size > 0 ? paragraph(t('decisions.intro', { names: [...work.deciders].join(', ') })) : null,
    ...[...work.reasons.values()].map((reason) => paragraph(reasonText(reason, t))),
    work.mux && work.mux.dates.size > 0
      ? paragraph(t(work.mux.byWatch ? 'decisions.muxWatch' : 'decisions.mux', { name: work.mux.name, date: muxDatesParam(work.mux.dates, lang) }))
      : null,
    work.forced ? paragraph(t('decisions.muxForced', work.forced)) : null,
    ...work.muxWaiting.map((w) =>
      paragraph(w.date ? t('decisions.muxWaitsUntil', { ens: w.ens, date: w.date }) : t('decisions.muxWaitsForDate', { ens: w.ens })),
    ),
  );
}
