/**
 * processTicket: from a SetDIBA ticket to one ticket per service, labels, the MUX owner, integrations
 * and comments — exactly once, whatever the deliveries, Jira's answers and the platform's retries.
 *
 * Shape of a run (each line is one round trip to Jira; independent calls inside a line run concurrently):
 *   1. the issue with its run state and panel decisions (one call), its JSM request; settings (KVS)
 *   2. download the batch's attachments (parse locally, each file marked "parsing" in the KVS), run
 *      state: this batch is running (first write), the requester's language, the ticket's comments
 *      only when an earlier attempt may have posted some
 *   3-4. the new services (KVS create-once lock each): the JSM field ids, then raise them all in one
 *        bulk create (keys in service order), each tagged, labelled and assigned in that request
 *   5. labels and MUX owner of the original (one edit), integrations, the clones' links and workbooks
 *   6-7. per ticket the public comment, then the internal results comment
 *   8. run state: batch done (second and last write)
 * Nothing in it grows with the number of rows except the integration backend calls.
 */
import { settleAll } from './settle';
import { batchId, commentKey, idempotencyKey } from '../../domain/idempotency';
import { buildPlan, LABEL_REVIEW } from '../../domain/plan/build-plan';
import { recognise } from '../../domain/plan/recognition';
import type { Plan } from '../../domain/plan/types';
import type { RowResult } from '../../domain/report/types';
import {
  RUN_PROPERTY,
  emptyRunState,
  markStep,
  parseRunState,
  noOpenRows,
  openRowKey,
  resumeOrStartRun,
  updateOpenRows,
  runRecord,
  withBatch,
  withRun,
  withSearchIndex,
  type BatchState,
  type PostedComment,
  type RunRecord,
  type RunState,
  type RunTrigger,
} from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import { emptyPanelProperty, PANEL_PROPERTY, panelPropertySchema, type PanelProperty } from '../panel/panel-property';
import { decisionIds } from '../../domain/plan/decisions';
import type { JiraComment, JiraUser } from '../../ports/jira';
import { ensureServiceTickets, type ServiceTicket } from './clones';
import { openBefore, publicComments, resultsComments } from './batch-comments';
import { commentIndex, muxToldOn, postMissing } from './comments';
import { decisionSetOf, runDecisions } from './decision-run';
import { batchesToRetry, runRetry } from './retry-run';
import { lookUpRequesterLang } from './lang';
import { countRows } from './run-history';
import { silentLog, type PipelineDeps, type PipelineStep } from './deps';
import { reportContext } from './describe';
import { integrateRows } from './integrate';
import { RunProgress } from './run-progress';
import { continueIfCut, integrationBudget, runDeadline, type JobContext } from './continuation';
import { acquireLease, type LeaseHolder } from './lease';
import { clearQueuedRun } from './queued-run';
import { readAttachments, readOptionsFor, templateAttachments } from './read-attachments';
import { runStateOf, writeRunState } from './run-state-store';
import { loadTicket, projectKeyOf, type LoadedTicket } from './ticket';
import type { ProcessJob, ProcessOutcome } from './types';

export type { ProcessJob, ProcessOutcome } from './types';
export { type PipelineDeps } from './deps';

/** A run a person asked for that found nothing to do: one history entry (once per queue event). */
async function recordNoop(deps: PipelineDeps, issueKey: string, state: RunState, trigger: RunTrigger, eventId: string): Promise<void> {
  const id = idempotencyKey('noop-run', issueKey, eventId);
  if (runRecord(state, id)) return;
  const now = deps.clock.now();
  const record: RunRecord = {
    ...resumeOrStartRun(state, { id, kind: 'noop', trigger, now }),
    finishedAt: now.toISOString(),
    outcome: 'done',
  };
  await writeRunState(deps, issueKey, withRun(state, record));
}

export async function processTicket(deps: PipelineDeps, job: ProcessJob): Promise<ProcessOutcome> {
  const { issueKey } = job;
  // Writes nothing until the run reaches its first step, under the lease.
  const progress = new RunProgress(deps.kvs, deps.clock, issueKey, job.eventId);
  const jobContext: JobContext = { deadlineMs: runDeadline(deps, deps.clock.now()), eventId: job.eventId, continues: job.continues ?? null, progress };
  // The trigger queued this job because it recognised the ticket; the lease comes first so that the
  // ticket, its run state and the panel's decisions are all read under it, in one call.
  const holder: LeaseHolder = { eventId: job.eventId, attempt: job.attempt };
  const release = await acquireLease(deps.kvs, deps.clock, issueKey, holder, deps.leaseMs);
  try {
    // The job has left the queue: from now on the lease tells the panel this run is in progress.
    if (job.queuedAt) await clearQueuedRun(deps.kvs, issueKey, job.queuedAt);
    const [settings, ticket] = await settleAll([
      deps.loadSettings(projectKeyOf(issueKey)),
      loadTicket(deps.jira, issueKey, [RUN_PROPERTY, PANEL_PROPERTY]),
    ]);
    if (!ticket) return { status: 'not-found', issueKey };
    // Checked again: the settings may have changed since the trigger ran. Still no write to Jira.
    if (!recognise(ticket.facts, settings.recognition).recognised) return { status: 'ignored', issueKey };
    const raw = ticket.issue.properties?.[RUN_PROPERTY];
    const stored = await runStateOf(deps, raw, issueKey);
    // The agents' decisions from the issue panel: a run with nothing new applies those not yet applied.
    const panel = panelPropertyOf(ticket.issue.properties?.[PANEL_PROPERTY]);
    // Read only when a comment of this run may already be there (see `run`), once.
    let comments: Promise<JiraComment[]> | null = null;
    const ownComments = () =>
      (comments ??= deps.jira.getComments(issueKey).catch((error: unknown) => {
        if (jiraNotFound(error)) return [];
        throw error;
      }));
    const unreadableState = raw !== null && raw !== undefined && parseRunState(raw) === null;
    return await run(deps, ticket, settings, stored, ownComments, unreadableState, panel, job.trigger ?? null, jobContext);
  } finally {
    await progress.clear();
    await release();
  }
}

function panelPropertyOf(raw: unknown): PanelProperty {
  const parsed = panelPropertySchema.safeParse(raw);
  // Absent, or a value this version cannot read (a hand edit): no decisions, as the panel reads it.
  return parsed.success ? parsed.data : emptyPanelProperty();
}

/** Whether a run with nothing new attached has earlier rows to retry or panel decisions to apply. */
function hasEarlierWork(state: RunState, panel: PanelProperty): boolean {
  if (batchesToRetry(state).length > 0 || state.retries.pending || state.decisions.pending) return true;
  const applied = new Set(state.decisions.applied);
  return decisionIds(decisionSetOf(panel)).some((id) => !applied.has(id));
}

/** A ticket deleted since the event: its comments are "not found" like the ticket itself. */
function jiraNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

async function step(deps: PipelineDeps, name: PipelineStep, issueKey: string): Promise<void> {
  await deps.hooks?.afterStep?.(name, issueKey);
}

async function run(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  settings: Settings,
  stored: RunState | null,
  readOwnComments: () => Promise<readonly JiraComment[]>,
  unreadableState: boolean,
  panel: PanelProperty,
  trigger: RunTrigger | null,
  jobContext: JobContext,
): Promise<ProcessOutcome> {
  const { jira, clock, templates } = deps;
  const log = deps.log ?? silentLog;
  const issueKey = ticket.issue.key;
  const { eventId } = jobContext;
  let state: RunState = stored ?? emptyRunState();
  await step(deps, 'loaded', issueKey);

  const spreadsheets = templateAttachments(ticket.issue.attachments, templates);
  let batch: BatchState | undefined = state.batches.find((b) => !b.done);
  // A batch an earlier attempt started may have posted its comments; a new one cannot have (comments
  // come after the run state names the batch), so the ticket's comments are read only in the first case.
  const resumed = !!batch || unreadableState;
  let noTemplate = false;
  if (!batch) {
    const fresh = spreadsheets.filter((a) => !(a.id in state.attachments));
    if (fresh.length === 0) {
      // Nothing new attached: first the rows a fix may now let through (blocked, failed), then what
      // agents decided in the panel since the last run, if anything.
      const ownComments = hasEarlierWork(state, panel) || unreadableState ? await readOwnComments() : [];
      // A decision run an earlier job left (cut short by its budget, or killed) goes on first: the retry
      // ran before it in that job, and a second one now would only try its failed rows again.
      const retried = state.decisions.pending ? null : await runRetry(deps, { ticket, settings, state, ownComments, trigger, jobContext });
      if (retried?.status === 'continued') return retried;
      const decided = await runDecisions(deps, { ticket, settings, state: retried?.state ?? state, ownComments, panel, trigger, jobContext });
      if (decided) return decided;
      if (retried) return { status: 'retry', issueKey, run: retried.run, results: retried.results, review: retried.review };
      // A ticket that never had a template gets one note asking for it; anything else is a no-op.
      if (spreadsheets.length > 0 || state.batches.length > 0 || state.role === 'clone') {
        // A person asked for this run: it is in the history, saying it had nothing to do. Not so a
        // continuation (a redelivered one finds its run finished): the person's run is in the history.
        if (trigger?.cause === 'panel' && stored && !jobContext.continues) await recordNoop(deps, issueKey, state, trigger, eventId);
        return { status: 'nothing-new', issueKey };
      }
      noTemplate = true;
    }
    const ids = fresh.map((a) => a.id);
    batch = { id: batchId(issueKey, noTemplate ? ['no-template'] : ids), attachmentIds: ids, steps: [], done: false, open: noOpenRows() };
    state = withBatch({ ...state, state: 'running' }, batch);
  }
  noTemplate = noTemplate || (batch.attachmentIds.length === 0 && spreadsheets.length === 0);
  const batchKey = batch.id;
  const record = resumeOrStartRun(state, { id: batchKey, kind: 'batch', trigger, now: clock.now() });
  state = withRun(state, record);

  // One round trip: the files (parsed here, marked in the KVS meanwhile), the run state saying this
  // batch is running (the first of the run's two writes: before anything else is written, so a run
  // that dies is found running), the requester's language (JSM's user objects carry no locale), and the
  // ticket's comments when an earlier attempt may have posted some.
  const { selfService, options } = readOptionsFor(ticket.facts, state, settings);
  const [read, written, lang, ownComments] = await settleAll([
    readAttachments(deps, issueKey, state, batch, ticket.issue.attachments, options),
    writeRunState(deps, issueKey, state),
    lookUpRequesterLang(jira, ticket, settings),
    resumed ? readOwnComments() : Promise.resolve([]),
    // The panel's "En curs" line, in the same round trip.
    jobContext.progress.step('reading'),
  ]);
  state = { ...read.state, updatedAt: written.updatedAt };
  const plan = buildPlan({
    ticketKey: issueKey,
    entities: read.entities,
    unreadable: read.unreadable,
    settings,
    now: clock.now(),
    existingTickets: read.state.tickets,
    selfService,
    noTemplate,
  });
  await step(deps, 'attachments-read', issueKey);

  if (plan.services.some((sp) => sp.target.kind === 'new')) void jobContext.progress.step('tickets');
  const { tickets: serviceTickets, finishing } = await ensureServiceTickets(deps, ticket, plan, settings, state.tickets, lang, state.originKey ?? issueKey);
  await step(deps, 'clones', issueKey);
  const ticketOf = new Map(serviceTickets.map((t) => [t.service, t]));
  const keyOf = (service: Service) => ticketOf.get(service)?.key ?? issueKey;
  state = markStep(
    { ...state, tickets: { ...state.tickets, ...Object.fromEntries(serviceTickets.map((t) => [t.service, t.key])) } },
    batchKey,
    'clones',
  );
  // Remembered with the tickets: a retry plans them as existing ones, no longer as new.
  const raised = plan.services.filter((sp) => sp.target.kind === 'new').flatMap((sp) => ticketOf.get(sp.service)?.key ?? []);
  const soFar = runRecord(state, batchKey) ?? record;
  state = withRun(state, { ...soFar, created: [...new Set([...soFar.created, ...raised])] });

  // --- Phase A: everything that only needs the plan and the tickets, at once. No run-state write here:
  // what is done is found again by its own key (clone lock, integration registry, comment keys).
  const backend = deps.backendFor(settings, ticket.issue.projectKey);
  const others = serviceTickets.filter((t) => t.key !== issueKey);
  const existingKeys = new Map<string, Map<string, string>>([[issueKey, commentIndex(ownComments)]]);
  for (const t of others) if (t.fresh) existingKeys.set(t.key, new Map());
  // What earlier MUX notices on each ticket said, so a corrected file does not ask about the same ens again.
  const muxTold = new Map<string, Set<string>>();
  const ownMuxPending = plan.services.some((sp) => sp.target.kind === 'self' && sp.service === 'MUX' && sp.rows.some((r) => r.decision === 'mux-pending'));
  const earlierNotices = state.batches.some((b) => b.id !== batchKey) || (state.originKey ?? issueKey) !== issueKey;
  const posted: PostedComment[] = [];

  const muxOwnerId = plan.services.some((s) => s.service === 'MUX') ? settings.services.MUX.ownerAccountId : null;
  const results: Partial<Record<Service, RowResult[]>> = {};
  // Rows not started before the deadline are left to a continuation job (continuation.ts).
  const budget = integrationBudget(jobContext);
  let owner: JiraUser | null = null;
  const phaseA: Promise<unknown>[] = [
    finishing,
    applyLabels(deps, ticket, plan, ticketOf),
    ...plan.services.map(async (sp) => {
      results[sp.service] = await integrateRows(deps, {
        originKey: state.originKey ?? issueKey,
        ticketKey: keyOf(sp.service),
        batch: batchKey,
        plan: sp,
        settings,
        backend,
        budget,
        progress: jobContext.progress,
      });
    }),
    muxOwnerId ? jira.getUser(muxOwnerId).then((u) => (owner = u)) : Promise.resolve(),
    // Every other ticket's comments are read here, for phase B's comments.
    ...others.map(async (t) => {
      if (existingKeys.has(t.key)) return;
      const comments = await jira.getComments(t.key);
      existingKeys.set(t.key, commentIndex(comments));
      muxTold.set(t.key, muxToldOn(comments, commentKey(t.key, batchKey, 'public')));
    }),
    ownMuxPending && (resumed || earlierNotices)
      ? readOwnComments().then((comments) => void muxTold.set(issueKey, muxToldOn(comments, commentKey(issueKey, batchKey, 'public'))))
      : Promise.resolve(),
  ];
  await settleAll(phaseA);
  // Out of time: what is integrated is in the registry, the batch stays open, a new job goes on.
  const continued = await continueIfCut(deps, budget, { issueKey, kind: 'batch', run: batchKey, job: jobContext, trigger });
  if (continued) return continued;
  void jobContext.progress.step('reporting');
  await step(deps, 'updated', issueKey);
  // --- Phase B: the comments, which need the integration results: per ticket the requester's (what is
  // in production, what waits and for what, what to correct), then the agents' results comment.
  const plannedPublic = publicComments({
    plan,
    issueKey,
    batchKey,
    others,
    selfService,
    noTemplate,
    noRowsRead: read.entities.length === 0,
    results,
    pub: reportContext(templates, lang),
    isPublic: settings.comments.publicToRequester,
    openBefore: openBefore(state.batches, batchKey),
    muxTold: (key) => muxTold.get(key) ?? new Set(),
  });
  const { comments: internalComments, failedTickets } = resultsComments({
    plan,
    issueKey,
    batchKey,
    keyOf,
    results,
    noTemplate,
    settings,
    now: clock.now(),
    mode: backend.mode,
    muxOwner: owner,
    internal: reportContext(templates, settings.comments.defaultLanguage),
  });
  const planned = [...plannedPublic, ...internalComments];
  await settleAll([
    ...[...new Set(planned.map((c) => c.issueKey))].map(async (key) =>
      posted.push(...(await postMissing(jira, planned.filter((c) => c.issueKey === key), existingKeys.get(key) ?? new Map()))),
    ),
    ...[...new Set(failedTickets)].map((key) => jira.editIssue(key, { labelsAdd: [LABEL_REVIEW] })),
  ]);
  await step(deps, 'internal-comments', issueKey);

  // --- Phase C: the batch is done.
  const review =
    plan.selfReviewReasons.length > 0 || plan.services.some((s) => s.reviewReasons.length > 0) || failedTickets.length > 0;
  // Rows blocked or failed stay open for the next run; ens integrated now leave older batches' lists.
  const touched = Object.entries(results).flatMap(([service, rows]) =>
    (rows ?? []).flatMap((r) => (r.entity.codiEns ? [{ key: openRowKey(service as Service, r.entity.codiEns), result: r.result, code: r.code ?? null }] : [])),
  );
  const settled = touched.filter((r) => r.result === 'integrated' || r.result === 'already');
  state = { ...state, batches: state.batches.map((b) => (b.id === batchKey ? b : { ...b, open: updateOpenRows(b.open, settled) })) };
  const current = state.batches.find((b) => b.id === batchKey) ?? batch;
  const finished: BatchState = { ...current, done: true, open: updateOpenRows(noOpenRows(), touched) };
  const done: RunRecord = {
    ...(runRecord(state, batchKey) ?? record),
    finishedAt: clock.now().toISOString(),
    outcome: review ? 'review' : 'done',
    comments: posted,
    counts: countRows(Object.values(results).flat()),
  };
  const searchedBy = plan.services.flatMap((sp) => sp.rows.map((row) => ({ service: sp.service, codiEns: row.entity.codiEns })));
  state = await writeRunState(deps, issueKey, {
    ...withSearchIndex(withRun(withBatch(state, finished), done), searchedBy),
    state: review ? 'review' : 'done',
  });
  await step(deps, 'done', issueKey);
  log.info('ticket processed', { issueKey, batch: batchKey, tickets: serviceTickets.map((t) => t.key), review });
  return { status: 'done', issueKey, batch: batchKey, plan, tickets: serviceTickets, results, review };
}

/**
 * Labels on every ticket of the plan, and the MUX ticket assigned to its owner: one edit per ticket
 * (labels and assignee together), none for a ticket raised with them or already carrying them.
 */
async function applyLabels(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  plan: Plan,
  ticketOf: ReadonlyMap<Service, ServiceTicket>,
): Promise<void> {
  const issueKey = ticket.issue.key;
  const labelled = new Set([...ticketOf.values()].filter((t) => t.labelled).map((t) => t.key));
  const labelsFor = new Map<string, Set<string>>([[issueKey, new Set(plan.selfLabels)]]);
  const assignments = new Map<string, string>();
  for (const sp of plan.services) {
    const key = ticketOf.get(sp.service)?.key ?? issueKey;
    const set = labelsFor.get(key) ?? new Set<string>();
    sp.labels.forEach((l) => set.add(l));
    labelsFor.set(key, set);
    if (sp.assignee) assignments.set(key, sp.assignee);
  }
  const work: Promise<void>[] = [];
  for (const [key, labels] of labelsFor) {
    if (labelled.has(key)) continue;
    // The original's labels and assignee are known: an edit that changes nothing is not sent.
    const own = key === issueKey;
    const missing = own ? [...labels].filter((l) => !ticket.issue.labels.includes(l)) : [...labels];
    const accountId = assignments.get(key);
    const assign = accountId !== undefined && !(own && ticket.issue.assignee?.accountId === accountId);
    if (missing.length === 0 && !assign) continue;
    work.push(deps.jira.editIssue(key, { ...(missing.length > 0 ? { labelsAdd: missing } : {}), ...(assign ? { assigneeAccountId: accountId } : {}) }));
  }
  await settleAll(work);
}
