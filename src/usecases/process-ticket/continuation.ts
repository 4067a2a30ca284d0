/**
 * Long runs. A Forge queue consumer is killed after 900 s, and a big batch against a slow integration
 * backend (5,000 ens at 2 s each, 8 at a time, is some 21 minutes) would be killed mid-way, then retried
 * under its own lease, and killed again. Instead a run stops starting integrations once its budget
 * (600 s by default, on the pipeline's clock) is spent, waits for those in flight, and queues a
 * continuation job for the same ticket; then it returns.
 *
 * Nothing else needs saving: each ens integrated is already in the KVS registry (written when the
 * backend confirms), and the batch is not marked done, so the continuation resumes the same batch with
 * the same idempotency keys — the registry answers for the ens already integrated and only the open
 * rows reach the backend. The comments and the batch's end are written by the run that finishes.
 *
 * One continuation per cut: its job is pushed under a create-once key per (ticket, run, queue event),
 * so the platform's retry of a cut run that died after pushing does not queue a second one.
 *
 * Retry and decision runs are cut the same way. Their id is stored as pending in the run state before
 * any integration (retry-run.ts, decision-run.ts), so the continuation, finding nothing new attached,
 * resumes that very run: same id, same rows, same idempotency keys, the comments keyed by the run id
 * written once by the part that finishes.
 */
import { kvsKeys } from '../../domain/idempotency';
import type { RunTrigger } from '../../domain/run-state';
import type { PipelineDeps } from './deps';
import type { IntegrationBudget } from './integrate';
import type { RunProgress } from './run-progress';
import type { PipelineJob } from './job';
import { markQueuedRun } from './queued-run';
import type { ProcessOutcome } from './types';

/** Started integrations must end before Forge's 900 s; 2 s calls leave plenty of the 300 s margin. */
export const DEFAULT_RUN_BUDGET_MS = 600_000;

/** When a run that started at `startedAt` stops starting integrations (ms on the pipeline's clock). */
export function runDeadline(deps: Pick<PipelineDeps, 'runBudgetMs'>, startedAt: Date): number {
  return startedAt.getTime() + (deps.runBudgetMs ?? DEFAULT_RUN_BUDGET_MS);
}

/** What a run knows of the job it runs in. */
export interface JobContext {
  /** When it stops starting integrations (ms on the pipeline's clock). */
  deadlineMs: number;
  /** The queue event: one continuation per cut and event. */
  eventId: string;
  /** For a continuation job, the batch or run it goes on with; null for any other job. */
  continues: string | null;
  /** What the run tells the panel it is doing (run-progress.ts). */
  progress: RunProgress;
}

export type ContinuedOutcome = Extract<ProcessOutcome, { status: 'continued' }>;

/** The budget integrateRows fills with the rows it did not start in time. */
export function integrationBudget(job: JobContext): IntegrationBudget {
  return { deadlineMs: job.deadlineMs, deferred: [] };
}

/**
 * After a run's integrations: if the budget left rows unstarted, queues the job that goes on with `run`
 * (a batch id, or a retry or decision run id) and answers `continued`, writing nothing else; null when
 * every row was started, and the run goes on to its comments.
 */
export async function continueIfCut(
  deps: Pick<PipelineDeps, 'kvs' | 'clock' | 'queue' | 'log'>,
  budget: IntegrationBudget,
  args: { issueKey: string; kind: ContinuedOutcome['kind']; run: string; job: JobContext; trigger: RunTrigger | null },
): Promise<ContinuedOutcome | null> {
  const deferred = budget.deferred.length;
  if (deferred === 0) return null;
  await queueContinuation(deps, { issueKey: args.issueKey, run: args.run, eventId: args.job.eventId, trigger: args.trigger });
  deps.log?.info('run continued in a new job', { issueKey: args.issueKey, kind: args.kind, run: args.run, deferred });
  return { status: 'continued', issueKey: args.issueKey, kind: args.kind, run: args.run, deferred };
}

interface ContinuationMark {
  state: 'pushing' | 'pushed';
  at: string;
}

/**
 * Queues the job that goes on with `run` (a batch, or a retry or decision run). A mark left `pushing` (the attempt died between the mark
 * and the push) is pushed again: a second job is harmless (the lease and the registry make it a no-op),
 * a lost one would leave the batch unfinished.
 */
async function queueContinuation(
  deps: Pick<PipelineDeps, 'kvs' | 'clock' | 'queue'>,
  args: { issueKey: string; run: string; eventId: string; trigger: RunTrigger | null },
): Promise<void> {
  const queue = deps.queue;
  if (!queue) throw new Error('The pipeline has no job queue to continue a long run on');
  const key = kvsKeys.continuation(args.issueKey, args.run, args.eventId);
  const now = deps.clock.now().toISOString();
  if (!(await deps.kvs.setIfAbsent(key, { state: 'pushing', at: now } satisfies ContinuationMark))) {
    const mark = await deps.kvs.get<ContinuationMark>(key);
    if (mark?.state === 'pushed') return;
  }
  const trigger = args.trigger;
  const job: PipelineJob = {
    issueKey: args.issueKey,
    cause: trigger?.cause ?? 'updated',
    ...(trigger?.reason ? { reason: trigger.reason } : {}),
    ...(trigger?.requestedBy ? { requestedBy: trigger.requestedBy } : {}),
    ...(trigger?.services && trigger.services.length > 0 ? { services: trigger.services } : {}),
    // A person's cause (the panel) stays the cause; this says the job is no new request of theirs.
    continues: args.run,
    queuedAt: now,
  };
  // Between this run's end and the continuation's start the panel says the run is queued, not idle.
  await markQueuedRun(deps.kvs, args.issueKey, { queuedAt: now, requestedBy: trigger?.requestedBy ?? null, why: 'continuation' });
  await queue.push([job]);
  await deps.kvs.set(key, { state: 'pushed', at: now } satisfies ContinuationMark);
}
