/**
 * The run after a fix: rows an earlier run left blocked (certificate) or failed (integration backend:
 * token, endpoint, a refusal) are in their batch's open rows (run state). Any run that finds nothing new
 * attached tries exactly those rows again, with the settings as they are now:
 * - a retry run gets an id of its own (the n-th retry of the ticket), stored as pending before anything
 *   is written, so the platform's retry of a run that died resumes it under the same id;
 * - integrations use idempotency keys of that retry run: the backend may have kept its answer to the
 *   earlier key (a refusal), and an earlier key must never make a failed row look done. The registry of
 *   integrated ens still guarantees an ens is integrated once;
 * - one internal results comment per ticket touched (and the requester's status), keyed by the run id;
 * - rows integrated now leave the open rows; rows that fail again stay for the next run;
 * - a retry past the run's time budget is cut like a batch run (continuation.ts): the continuation job
 *   finds the retry still pending and resumes it under the same id, so the same keys and one comment.
 */
import { idempotencyKey } from '../../domain/idempotency';
import { LABEL_REVIEW, buildPlan } from '../../domain/plan/build-plan';
import type { CertificateStatus, PlannedRow, ServicePlan } from '../../domain/plan/types';
import { doc, paragraph } from '../../domain/report/adf';
import type { RowResult } from '../../domain/report/types';
import {
  hasOpenRows,
  openRowKey,
  resumeOrStartRun,
  runRecord,
  updateOpenRows,
  withRun,
  type BatchState,
  type OpenRows,
  type PostedComment,
  type RunRecord,
  type RunState,
  type RunTrigger,
} from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import type { JiraComment } from '../../ports/jira';
import { commentIndex, joinSections, plannedComment, postMissing, type PlannedComment } from './comments';
import type { PipelineDeps } from './deps';
import { reportContext } from './describe';
import { integrateRows } from './integrate';
import { continueIfCut, integrationBudget, type ContinuedOutcome, type JobContext } from './continuation';
import { lookUpRequesterLang } from './lang';
import { readAttachments, readOptionsFor } from './read-attachments';
import { resultsSection, serviceReport } from './results-report';
import { countRows, DAILY_WATCH_ACTOR } from './run-history';
import { writeRunState } from './run-state-store';
import { settleAll } from './settle';
import { statusComment } from '../../domain/report/status-comment';
import type { LoadedTicket } from './ticket';
import { latestDecisions, readPanelProperty } from '../panel/panel-property';
import { ticketsNoLongerInReview, withoutOwnWork } from './review-label';
import { certificateStatus } from '../../domain/plan/certificate-status';
import type { Plan } from '../../domain/plan/types';

export interface RetryRunInput {
  ticket: LoadedTicket;
  settings: Settings;
  state: RunState;
  ownComments: readonly JiraComment[];
  trigger: RunTrigger | null;
  /** When the job stops starting integrations, and its queue event (for the continuation's key). */
  jobContext: JobContext;
}

export interface RetryRunOutcome {
  status: 'retry';
  run: string;
  state: RunState;
  results: Partial<Record<Service, RowResult[]>>;
  review: boolean;
}

/**
 * The batches with rows to try again: rows of the services in scope, failed ones always (the backend
 * may be back), blocked ones only when the certificate may now let them through.
 */
export function batchesToRetry(state: RunState, scope: readonly Service[] | null = null, blockedRetryable = true): BatchState[] {
  return state.batches.filter((b) => b.done && retryableKeys(b.open, scope, blockedRetryable).length > 0);
}

/** The open rows (`<service>:<codiEns>`) a retry would try now. */
function retryableKeys(open: OpenRows, scope: readonly Service[] | null, blockedRetryable: boolean): string[] {
  if (!hasOpenRows(open)) return [];
  const keys = [...(blockedRetryable ? open.blocked : []), ...Object.values(open.failed).flat()];
  return keys.filter((key) => !scope || scope.includes(key.split(':')[0] as Service));
}

/**
 * A row an earlier run cleared (planned to integrate, or released by a decision) and could not
 * integrate: it is cleared again now, blocked while the certificate is not valid. Rows the settings now
 * reject or whose service is off keep that decision (and leave the open rows).
 */
function retried(row: PlannedRow, certificate: CertificateStatus): PlannedRow {
  if (row.decision === 'reject' || row.decision === 'service-disabled') return row;
  return { ...row, decision: certificate === 'valid' ? 'integrate' : 'blocked' };
}

interface Work {
  key: string;
  service: Service;
  environment: 'PRO' | 'PRE';
  rows: RowResult[];
}

export async function runRetry(deps: PipelineDeps, input: RetryRunInput): Promise<RetryRunOutcome | ContinuedOutcome | null> {
  const { jira, clock, templates } = deps;
  const { ticket, settings, trigger } = input;
  const issueKey = ticket.issue.key;
  // A run asked for from a split's service ticket keeps to that ticket's services (its confirmation's rows).
  const scope = trigger?.services ?? null;
  // Blocked rows wait for a valid certificate: retrying them before would only repeat "blocked".
  const blockedRetryable = certificateStatus(settings.certificate.current, clock.now()) === 'valid';
  const batches = batchesToRetry(input.state, scope, blockedRetryable);
  // An ens open in several batches (a corrected file listed it again) is tried once, from the newest.
  const newest = new Map<string, string>();
  for (const batch of batches) for (const key of retryableKeys(batch.open, scope, blockedRetryable)) newest.set(key, batch.id);
  const pending = input.state.retries.pending;
  if (batches.length === 0 && !pending) return null;
  const id = pending ?? idempotencyKey('retry-run', issueKey, String(input.state.retries.count + 1));

  const record = resumeOrStartRun(input.state, { id, kind: 'retry', trigger, now: clock.now() });
  let state = withRun(
    { ...input.state, retries: { count: pending ? input.state.retries.count : input.state.retries.count + 1, pending: id } },
    record,
  );
  const { selfService, options } = readOptionsFor(ticket.facts, state, settings);
  const [written, reads, requesterLang] = await settleAll([
    writeRunState(deps, issueKey, state),
    settleAll(batches.map((batch) => readAttachments(deps, issueKey, input.state, batch, ticket.issue.attachments, options))),
    lookUpRequesterLang(jira, ticket, settings),
  ]);
  state = written;
  await deps.hooks?.afterStep?.('decisions-started', issueKey);

  const backend = deps.backendFor(settings, ticket.issue.projectKey);
  const originKey = state.originKey ?? issueKey;
  const works = new Map<string, Work>();
  const touched = new Map<string, { key: string; result: string; code?: string | null }[]>();
  let certificate: CertificateStatus = 'missing';
  const plans: Plan[] = [];
  const jobs: Promise<void>[] = [];
  // Rows not started before the deadline are left to a continuation job that resumes this retry.
  const budget = integrationBudget(input.jobContext);
  batches.forEach((batch, i) => {
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
    certificate = plan.certificate;
    plans.push(plan);
    for (const sp of plan.services) {
      if (scope && !scope.includes(sp.service)) continue;
      const rows = sp.rows
        .filter((row) => row.entity.codiEns && newest.get(openRowKey(sp.service, row.entity.codiEns)) === batch.id)
        .map((row) => retried(row, plan.certificate));
      if (rows.length === 0) continue;
      const key = state.tickets[sp.service] ?? issueKey;
      const work = works.get(`${key}|${sp.service}`) ?? { key, service: sp.service, environment: sp.environment, rows: [] };
      works.set(`${key}|${sp.service}`, work);
      jobs.push(
        integrateRows(deps, { originKey, ticketKey: key, batch: id, plan: { ...sp, rows } satisfies ServicePlan, settings, backend, budget, progress: input.jobContext.progress }).then(
          (results) => {
            work.rows.push(...results);
            const list = touched.get(batch.id) ?? [];
            list.push(...results.map((r) => ({ key: openRowKey(sp.service, r.entity.codiEns ?? ''), result: r.result, code: r.code ?? null })));
            touched.set(batch.id, list);
          },
        ),
      );
    }
  });
  const keys = [...new Set([...works.values()].map((w) => w.key))];
  const existing = new Map<string, Map<string, string>>([[issueKey, commentIndex(input.ownComments)]]);
  const heldRows = plans.some((plan) => plan.services.some((sp) => sp.rows.some((row) => row.decision === 'wait')));
  const [, , panel] = await settleAll([
    settleAll(jobs),
    settleAll(keys.filter((key) => key !== issueKey).map(async (key) => void existing.set(key, commentIndex(await jira.getComments(key))))),
    // Held rows an agent decided no longer need a person: only read when there are held rows.
    heldRows ? readPanelProperty(jira, issueKey) : null,
  ]);
  // Out of time: the integrated ens are in the registry, the retry stays pending, a new job goes on.
  const continued = await continueIfCut(deps, budget, { issueKey, kind: 'retry', run: id, job: input.jobContext, trigger });
  if (continued) return continued;
  void input.jobContext.progress.step('reporting');
  await deps.hooks?.afterStep?.('updated', issueKey);
  // Older batches holding an ens tried from a newer one take its result.
  for (const batch of batches) {
    for (const key of retryableKeys(batch.open, scope, blockedRetryable)) {
      const from = newest.get(key);
      if (!from || from === batch.id) continue;
      const result = touched.get(from)?.find((r) => r.key === key);
      if (result) touched.set(batch.id, [...(touched.get(batch.id) ?? []), result]);
    }
  }
  const batchesAfter = state.batches.map((b) => (touched.has(b.id) ? { ...b, open: updateOpenRows(b.open, touched.get(b.id) ?? []) } : b));

  // --- Phase B: per ticket, the results comment and the requester's status.
  const internal = reportContext(templates, settings.comments.defaultLanguage);
  const pub = reportContext(templates, requesterLang);
  const who =
    trigger?.requestedBy === DAILY_WATCH_ACTOR
      ? internal.t('history.byWatch')
      : trigger?.requestedBy
        ? ((await jira.getUser(trigger.requestedBy).catch(() => null))?.displayName ?? null)
        : null;
  const comments: PlannedComment[] = [];
  const failedTickets = new Set<string>();
  const resultsByTicket = new Map<string, RowResult[]>();
  for (const work of works.values()) {
    resultsByTicket.set(work.key, [...(resultsByTicket.get(work.key) ?? []), ...work.rows]);
    const failed = work.rows.some((r) => r.result === 'failed');
    if (failed) failedTickets.add(work.key);
    const report = serviceReport(settings, clock.now(), null, {
      service: work.service,
      environment: work.environment,
      ticketKey: work.key,
      mode: backend.mode,
      rows: work.rows,
      certificateStatus: certificate,
      reviewReasons: failed ? ['integration-failed'] : [],
    });
    const section = resultsSection(report, internal);
    // A run no person asked for (a comment, an attachment's event) says so rather than "asked for by —".
    const intro = doc(paragraph(who ? internal.t('retry.intro', { names: who }) : internal.t('retry.introNoPerson')));
    const results = plannedComment(work.key, id, 'results', joinSections([intro, section.body]), false);
    if (results) comments.push(results);
    const status = plannedComment(work.key, id, 'public', statusComment(work.service, work.rows, pub), settings.comments.publicToRequester);
    if (status) comments.push(status);
  }
  // A ticket whose rows this run settled, with nothing else for a person to do, is no longer in review.
  const settled = await withoutOwnWork(deps, issueKey, ticketsNoLongerInReview({
    issueKey,
    state: { ...state, batches: batchesAfter },
    plans,
    results: resultsByTicket,
    decided: new Set(panel ? latestDecisions(panel).keys() : []),
  }));
  const posted: PostedComment[] = [];
  await settleAll([
    ...keys.map(async (key) => {
      posted.push(...(await postMissing(jira, comments.filter((c) => c.issueKey === key), existing.get(key) ?? new Map())));
    }),
    ...[...failedTickets].map((key) => jira.editIssue(key, { labelsAdd: [LABEL_REVIEW] })),
    ...settled.map((key) => jira.editIssue(key, { labelsRemove: [LABEL_REVIEW] })),
  ]);
  await deps.hooks?.afterStep?.('internal-comments', issueKey);

  // --- Phase C: what is still open, and the run in the history.
  const all = [...works.values()].flatMap((w) => w.rows);
  const review = all.some((r) => r.result === 'failed' || r.result === 'blocked');
  const done: RunRecord = {
    ...(runRecord(state, id) ?? record),
    finishedAt: clock.now().toISOString(),
    outcome: review ? 'review' : 'done',
    comments: posted,
    counts: countRows(all),
  };
  state = await writeRunState(deps, issueKey, {
    ...withRun(state, done),
    batches: batchesAfter,
    retries: { ...state.retries, pending: null },
    state: review ? 'review' : 'done',
  });
  await deps.hooks?.afterStep?.('done', issueKey);
  deps.log?.info('blocked and failed rows retried', { issueKey, run: id, rows: all.length, review });
  const results: Partial<Record<Service, RowResult[]>> = {};
  for (const work of works.values()) results[work.service] = [...(results[work.service] ?? []), ...work.rows];
  return { status: 'retry', run: id, state, results, review };
}
