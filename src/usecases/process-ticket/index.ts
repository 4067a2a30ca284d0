/**
 * processTicket: from a SetDIBA ticket to one ticket per service, labels, the MUX owner, integrations
 * and comments — exactly once, whatever the deliveries, Jira's answers and the platform's retries.
 *
 * Shape of a run (each line is one round trip; independent calls inside a line run concurrently):
 *   1. settings, issue, request, run state, comments
 *   2. download the batch's attachments, mark the first one "parsing"   (parse locally)
 *   3. store what was read (the batch and its attachments)
 *   4-6. per new service: find an earlier clone by property; raise it (tagged in the same request);
 *        link and attach its rows
 *   7. labels, MUX owner, run state, integrations, public comments
 *   8. internal results comments
 *   9. run state: batch done
 * Nothing in it grows with the number of rows except the integration backend calls.
 */
import { settleAll } from './settle';
import { persistently } from './persist';
import { batchId, idempotencyKey } from '../../domain/idempotency';
import { buildPlan, LABEL_REVIEW, newTicketServices } from '../../domain/plan/build-plan';
import { recognise } from '../../domain/plan/recognition';
import type { Plan } from '../../domain/plan/types';
import type { RowResult } from '../../domain/report/types';
import {
  emptyRunState,
  markStep,
  noOpenRows,
  openRowKey,
  resumeOrStartRun,
  updateOpenRows,
  runRecord,
  withBatch,
  withRun,
  type BatchState,
  type PostedComment,
  type RunRecord,
  type RunState,
  type RunTrigger,
} from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import { readPanelProperty, type PanelProperty } from '../panel/panel-property';
import type { JiraComment, JiraUser } from '../../ports/jira';
import { ensureServiceTickets, findClones, jsmFieldIds, type ServiceTicket } from './clones';
import { publicComments, resultsComments } from './batch-comments';
import { commentIndex, postMissing } from './comments';
import { runDecisions } from './decision-run';
import { runRetry } from './retry-run';
import { lookUpRequesterLang } from './lang';
import { countRows } from './run-history';
import { silentLog, type PipelineDeps, type PipelineStep } from './deps';
import { reportContext } from './describe';
import { integrateRows } from './integrate';
import { acquireLease, type LeaseHolder } from './lease';
import { readAttachments, readOptionsFor, templateAttachments } from './read-attachments';
import { readRunState, writeRunState } from './run-state-store';
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
  await writeRunState(deps.jira, deps.clock, issueKey, withRun(state, record));
}

export async function processTicket(deps: PipelineDeps, job: ProcessJob): Promise<ProcessOutcome> {
  const { issueKey } = job;
  const log = deps.log ?? silentLog;
  // The trigger queued this job because it recognised the ticket; the lease comes first so that the
  // ticket, its run state and its comments are all read under it, in one round trip.
  const holder: LeaseHolder = { eventId: job.eventId, attempt: job.attempt };
  const release = await acquireLease(deps.kvs, deps.clock, issueKey, holder, deps.leaseMs);
  try {
    const [settings, ticket, stored, comments, panel] = await settleAll([
      deps.loadSettings(projectKeyOf(issueKey)),
      loadTicket(deps.jira, issueKey),
      readRunState(deps.jira, issueKey, log),
      deps.jira.getComments(issueKey).catch((error: unknown) => {
        if (jiraNotFound(error)) return [];
        throw error;
      }),
      // The agents' decisions from the issue panel: a run with nothing new applies those not yet applied.
      readPanelProperty(deps.jira, issueKey),
    ]);
    if (!ticket) return { status: 'not-found', issueKey };
    // Checked again: the settings may have changed since the trigger ran. Still no write to Jira.
    if (!recognise(ticket.facts, settings.recognition).recognised) return { status: 'ignored', issueKey };
    return await run(deps, ticket, settings, stored, comments, panel, job.trigger ?? null, job.eventId);
  } finally {
    await release();
  }
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
  ownComments: readonly JiraComment[],
  panel: PanelProperty,
  trigger: RunTrigger | null,
  eventId: string,
): Promise<ProcessOutcome> {
  const { jira, clock, templates } = deps;
  const log = deps.log ?? silentLog;
  const issueKey = ticket.issue.key;
  let state: RunState = stored ?? emptyRunState();
  await step(deps, 'loaded', issueKey);

  const spreadsheets = templateAttachments(ticket.issue.attachments, templates);
  let batch: BatchState | undefined = state.batches.find((b) => !b.done);
  let noTemplate = false;
  if (!batch) {
    const fresh = spreadsheets.filter((a) => !(a.id in state.attachments));
    if (fresh.length === 0) {
      // Nothing new attached: first the rows a fix may now let through (blocked, failed), then what
      // agents decided in the panel since the last run, if anything.
      const retried = await runRetry(deps, { ticket, settings, state, ownComments, trigger });
      const decided = await runDecisions(deps, { ticket, settings, state: retried?.state ?? state, ownComments, panel, trigger });
      if (decided) return decided;
      if (retried) return { status: 'retry', issueKey, run: retried.run, results: retried.results, review: retried.review };
      // A ticket that never had a template gets one note asking for it; anything else is a no-op.
      if (spreadsheets.length > 0 || state.batches.length > 0 || state.role === 'clone') {
        // A person asked for this run: it is in the history, saying it had nothing to do.
        if (trigger?.cause === 'panel' && stored) await recordNoop(deps, issueKey, state, trigger, eventId);
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

  const { selfService, options } = readOptionsFor(ticket.facts, state, settings);
  const read = await readAttachments(deps, issueKey, state, batch, ticket.issue.attachments, options);
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

  // Independent things in one round trip: storing what was read, looking for earlier clones by
  // property before any is raised, and the requester's language (JSM's user objects carry no locale).
  // Losing the write would make a file that parsed fine look like one that killed the parser (the
  // retry would find its "parsing" mark), so it is retried on any error.
  const toRaise = newTicketServices(plan);
  const [written, found, fields, lang] = await settleAll([
    persistently(() => writeRunState(jira, clock, issueKey, read.state), clock),
    findClones(deps, ticket.issue.projectKey, state.originKey ?? issueKey, toRaise),
    // The JSM field ids a raise needs, fetched alongside the search rather than after it.
    toRaise.length > 0 && ticket.request ? jsmFieldIds(deps) : Promise.resolve(null),
    lookUpRequesterLang(jira, ticket, settings),
  ]);
  state = written;
  await step(deps, 'attachments-read', issueKey);

  const serviceTickets = await ensureServiceTickets(deps, ticket, plan, settings, state.tickets, lang, found, fields);
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

  // --- Phase A: everything that only needs the plan and the tickets, at once.
  const backend = deps.backendFor(settings, ticket.issue.projectKey);
  const others = serviceTickets.filter((t) => t.key !== issueKey);
  const existingKeys = new Map<string, Map<string, string>>([[issueKey, commentIndex(ownComments)]]);
  for (const t of others) if (t.fresh) existingKeys.set(t.key, new Map());
  const posted: PostedComment[] = [];

  const muxOwnerId = plan.services.some((s) => s.service === 'MUX') ? settings.services.MUX.ownerAccountId : null;
  const results: Partial<Record<Service, RowResult[]>> = {};
  let owner: JiraUser | null = null;
  const phaseA: Promise<unknown>[] = [
    applyLabels(deps, ticket, plan, ticketOf),
    writeRunState(jira, clock, issueKey, state).then((s) => (state = s)),
    ...plan.services.map(async (sp) => {
      results[sp.service] = await integrateRows(deps, {
        originKey: state.originKey ?? issueKey,
        ticketKey: keyOf(sp.service),
        batch: batchKey,
        plan: sp,
        settings,
        backend,
      });
    }),
    muxOwnerId ? jira.getUser(muxOwnerId).then((u) => (owner = u)) : Promise.resolve(),
    // Every other ticket's comments are read here, for phase B's comments.
    ...others.map(async (t) => {
      if (!existingKeys.has(t.key)) existingKeys.set(t.key, commentIndex(await jira.getComments(t.key)));
    }),
  ];
  await settleAll(phaseA);
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
  state = await writeRunState(jira, clock, issueKey, {
    ...withRun(withBatch(state, finished), done),
    state: review ? 'review' : 'done',
  });
  await step(deps, 'done', issueKey);
  log.info('ticket processed', { issueKey, batch: batchKey, tickets: serviceTickets.map((t) => t.key), review });
  return { status: 'done', issueKey, batch: batchKey, plan, tickets: serviceTickets, results, review };
}

/** Labels on every ticket of the plan, and the MUX ticket assigned to its owner. */
async function applyLabels(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  plan: Plan,
  ticketOf: ReadonlyMap<Service, ServiceTicket>,
): Promise<void> {
  const issueKey = ticket.issue.key;
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
    // The original's labels are known: an edit that changes nothing is not sent.
    const missing = key === issueKey ? [...labels].filter((l) => !ticket.issue.labels.includes(l)) : [...labels];
    if (missing.length > 0) work.push(deps.jira.editIssue(key, { labelsAdd: missing }));
  }
  for (const [key, accountId] of assignments) {
    if (key === issueKey && ticket.issue.assignee?.accountId === accountId) continue;
    work.push(deps.jira.assignIssue(key, accountId));
  }
  await settleAll(work);
}
