import { InternalServerError, PartialSuccessError, Queue, RateLimitError, type PushEvent } from '@forge/events';
import { RetryableError } from '../../domain/errors';
import type { JobQueue } from '../../ports/job-queue';
import { MAX_BYTES_PER_PUSH, MAX_EVENTS_PER_PUSH, assertJobsWithinLimit, queuedJobBytes } from './queue-limits';

export { MAX_BYTES_PER_JOB, MAX_BYTES_PER_PUSH, MAX_EVENTS_PER_PUSH, QueueJobTooLargeError } from './queue-limits';

/** A job must be a JSON object: Forge delivers it to the consumer as `event.body`. */
export type QueueJob = Record<string, unknown>;

/**
 * Splits jobs into pushes within Forge's limits. Any job over the per-job limit refuses the whole call
 * before the first push, so a caller never leaves half its jobs queued.
 */
export function batchesWithinLimits<Job extends QueueJob>(jobs: readonly Job[]): Job[][] {
  assertJobsWithinLimit(jobs);
  const batches: Job[][] = [];
  let current: Job[] = [];
  let size = 0;
  for (const job of jobs) {
    const jobSize = queuedJobBytes(job);
    if (current.length === MAX_EVENTS_PER_PUSH || size + jobSize > MAX_BYTES_PER_PUSH) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(job);
    size += jobSize;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * JobQueue on a Forge async-events queue (`consumer` module in manifest.yml). Delivery is at least
 * once, so the consumer must be idempotent; a failed push is retryable because pushing the same job
 * twice is harmless for the same reason.
 */
export class ForgeJobQueue<Job extends QueueJob> implements JobQueue<Job> {
  private readonly queue: Queue<Job>;

  constructor(queueKey: string) {
    this.queue = new Queue<Job>({ key: queueKey });
  }

  async push(jobs: readonly Job[]): Promise<void> {
    for (const batch of batchesWithinLimits(jobs)) {
      const events: PushEvent<Job>[] = batch.map((body) => ({ body }));
      try {
        await this.queue.push(events);
      } catch (error) {
        if (error instanceof RateLimitError || error instanceof PartialSuccessError || error instanceof InternalServerError) {
          throw new RetryableError(`Forge queue push failed: ${error.message}`, null, { cause: error });
        }
        throw error;
      }
    }
  }
}
