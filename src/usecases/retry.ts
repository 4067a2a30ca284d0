import { RetryableError } from '../domain/errors';
import type { Clock } from '../ports/clock';

export interface RetryPolicy {
  clock: Pick<Clock, 'sleep'>;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /**
   * The most this helper will sleep in total. A wait that would go past it is not started: the
   * RetryableError is rethrown so the platform (queue retry, InvocationError) waits instead of a
   * function that has a 25 s or 900 s budget.
   */
  maxTotalWaitMs?: number;
  /** First backoff when Jira gives no Retry-After; doubled on each attempt. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each wait, for logs and tests. */
  onRetry?: (info: { attempt: number; delayMs: number; error: RetryableError }) => void;
}

const DEFAULTS = { maxAttempts: 4, maxTotalWaitMs: 10_000, baseDelayMs: 500, maxDelayMs: 5_000 } as const;

/**
 * Runs `operation`, retrying only RetryableErrors (Jira 429/503, dropped connections) with
 * exponential backoff that honours Retry-After, within a bounded number of attempts and total wait.
 * Any other error, and the last RetryableError, propagate unchanged.
 *
 * Only wrap operations that are safe to repeat: reads, PUTs, and creates the caller deduplicates.
 */
export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const maxAttempts = policy.maxAttempts ?? DEFAULTS.maxAttempts;
  const maxTotalWaitMs = policy.maxTotalWaitMs ?? DEFAULTS.maxTotalWaitMs;
  const baseDelayMs = policy.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = policy.maxDelayMs ?? DEFAULTS.maxDelayMs;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= maxAttempts) throw error;
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      // Retry-After is the server's minimum; never wait less than it says.
      const delayMs = error.retryAfterMs ?? backoff;
      if (waited + delayMs > maxTotalWaitMs) throw error;
      policy.onRetry?.({ attempt, delayMs, error });
      await policy.clock.sleep(delayMs);
      waited += delayMs;
    }
  }
}
