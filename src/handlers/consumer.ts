/**
 * Forge queue consumer (manifest `consumer` on queue `setdiba-jobs` → function `consumer`): runs the
 * pipeline for one job and decides, in one place, what a failure means:
 * - a UserError (the ticket cannot be processed as it is) is reported on the ticket, not retried;
 * - a system error is thrown, so the platform retries it (for up to 24 h) — the pipeline is
 *   idempotent, so a retry continues where the failed attempt stopped;
 * - on the last attempt a system error is reported on the ticket instead, so it is never lost.
 */
import { InvocationErrorCode, type InvocationError } from '@forge/events';
import { retryInvocation } from './retry-invocation';
import { errorMessage, isUserError, RetryableError } from '../domain/errors';
import type { Pipeline } from '../composition/pipeline';
import type { ProcessOutcome } from '../usecases/process-ticket';
import { jobTrigger, pipelineJobSchema } from '../usecases/process-ticket/job';
import { claimQueuedRun } from '../usecases/process-ticket/queued-run';

/** What the platform hands a consumer (AsyncEvent of @forge/events), as far as we read it. */
export interface JobDelivery {
  body: unknown;
  eventId?: string;
  jobId?: string;
  retryContext?: { retryCount: number; retentionWindow?: { remainingTimeMs: number } };
}

export interface ConsumerOptions {
  /** Attempts after which a system error is reported instead of thrown (the memory queue's limit). */
  maxAttempts?: number;
  /** The platform keeps retrying for 24 h; within this much of the end, an attempt counts as the last. */
  lastWindowMs?: number;
  now?: () => Date;
}

export type ConsumerOutcome =
  | { status: 'invalid-job' }
  | { status: 'processed'; outcome: ProcessOutcome }
  | { status: 'reported'; kind: 'user' | 'final'; message: string }
  | { status: 'retry'; retryAfterMs: number | null };

const DAY_MS = 24 * 60 * 60 * 1000;

export async function handleJobDelivery(pipeline: Pipeline, delivery: JobDelivery, options: ConsumerOptions = {}): Promise<ConsumerOutcome> {
  const parsed = pipelineJobSchema.safeParse(delivery.body);
  // A malformed job will never become valid: retrying it would only burn 24 h of attempts.
  if (!parsed.success) return { status: 'invalid-job' };
  const job = parsed.data;
  const attempt = delivery.retryContext?.retryCount ?? 0;
  const eventId = delivery.eventId ?? `${job.issueKey}@${job.queuedAt}`;
  try {
    const outcome = await pipeline.processTicket({ issueKey: job.issueKey, eventId, attempt, trigger: jobTrigger(job), continues: job.continues ?? null, queuedAt: job.queuedAt });
    return { status: 'processed', outcome };
  } catch (error) {
    const now = (options.now ?? (() => new Date()))().getTime();
    const lastWindowMs = options.lastWindowMs ?? 30 * 60 * 1000;
    const remaining = delivery.retryContext?.retentionWindow?.remainingTimeMs ?? Date.parse(job.queuedAt) + DAY_MS - now;
    const last = attempt + 1 >= (options.maxAttempts ?? Number.POSITIVE_INFINITY) || remaining <= lastWindowMs;
    if (isUserError(error) || last) {
      const kind = isUserError(error) ? 'user' : 'final';
      const message = errorMessage(error);
      await pipeline.reportFailure({ issueKey: job.issueKey, kind, message, occurrence: `${job.queuedAt}:${job.cause}`, trigger: jobTrigger(job) });
      return { status: 'reported', kind, message };
    }
    // The platform delivers the job again: meanwhile the panel says the ticket is queued, since the job
    // was asked for (a fresh mark of another job stays: that job's run reads the ticket as it is too).
    await claimQueuedRun(pipeline.deps.kvs, new Date(now), job.issueKey, {
      queuedAt: job.queuedAt,
      requestedBy: job.requestedBy ?? null,
      why: job.continues ? 'continuation' : (job.reason ?? 'event'),
    }).catch(() => undefined); // a KVS hiccup must not hide the failure being reported
    if (error instanceof RetryableError) return { status: 'retry', retryAfterMs: error.retryAfterMs };
    throw error;
  }
}

/** Forge entry point. */
export async function consumer(event: JobDelivery): Promise<InvocationError | undefined> {
  const { forgePipeline } = await import('../composition/forge');
  return invocationResult(await handleJobDelivery(forgePipeline(), event));
}

/** What the platform is told: nothing (done), or "deliver again after a while" (busy, rate limited). */
export function invocationResult(outcome: ConsumerOutcome): InvocationError | undefined {
  if (outcome.status !== 'retry') return undefined;
  return retryInvocation(outcome.retryAfterMs, 60_000, InvocationErrorCode.FUNCTION_RETRY_REQUEST);
}
