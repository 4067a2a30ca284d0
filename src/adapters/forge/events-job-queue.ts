import { InternalServerError, PartialSuccessError, Queue, RateLimitError, type PushEvent } from '@forge/events';
import { RetryableError } from '../../domain/errors';
import type { JobQueue } from '../../ports/job-queue';

/** Forge limits per push (limits-async-events): 50 events and 200 KB. */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_BYTES_PER_PUSH = 200 * 1024;

/** A job must be a JSON object: Forge delivers it to the consumer as `event.body`. */
export type QueueJob = Record<string, unknown>;

function byteLength(job: QueueJob): number {
  return new TextEncoder().encode(JSON.stringify({ body: job })).length;
}

/** Splits jobs into pushes within Forge's limits; one job over the size limit is refused outright. */
export function batchesWithinLimits<Job extends QueueJob>(jobs: readonly Job[]): Job[][] {
  const batches: Job[][] = [];
  let current: Job[] = [];
  let size = 0;
  for (const job of jobs) {
    const jobSize = byteLength(job);
    if (jobSize > MAX_BYTES_PER_PUSH) throw new Error(`A queue job of ${jobSize} bytes exceeds Forge's ${MAX_BYTES_PER_PUSH}`);
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
