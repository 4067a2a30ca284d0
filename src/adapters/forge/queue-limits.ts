/**
 * Forge async-events limits (developer.atlassian.com/platform/forge/limits-async-events): 50 events
 * and 200 KB per push; an event for a consumer whose timeout exceeds 55 s (ours: 900 s) at most 100 KB.
 * No Forge import here: the memory queue applies the same limits so tests meet them first.
 */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_BYTES_PER_PUSH = 200 * 1024;
export const MAX_BYTES_PER_JOB = 100 * 1024;

/** A job bigger than Forge would deliver to a long-running consumer: a bug in whoever built it. */
export class QueueJobTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`A queue job of ${bytes} bytes exceeds Forge's ${MAX_BYTES_PER_JOB}-byte limit for long-running consumers; nothing was pushed`);
    this.name = 'QueueJobTooLargeError';
  }
}

/** Size of the event as pushed (`{ body }`), UTF-8. */
export function queuedJobBytes(job: unknown): number {
  return new TextEncoder().encode(JSON.stringify({ body: job })).length;
}

/** Throws before anything is pushed if any job is over the limit (a batch is all or nothing). */
export function assertJobsWithinLimit(jobs: readonly unknown[]): void {
  for (const job of jobs) {
    const bytes = queuedJobBytes(job);
    if (bytes > MAX_BYTES_PER_JOB) throw new QueueJobTooLargeError(bytes);
  }
}
