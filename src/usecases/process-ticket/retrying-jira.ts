/**
 * JiraPort with Jira's "not now" answers (429 with Retry-After, 503) retried in place, within a
 * bounded number of attempts and total wait (usecases/retry.ts). What is still failing after that,
 * and every other error, propagates: the queue consumer then fails and the platform retries the whole
 * job later, which the pipeline's idempotency makes safe.
 *
 * Repeating a POST after a 429/503 is safe because Jira did not process it; creates are deduplicated
 * by the pipeline anyway (clone lookup by property, comment idempotency keys).
 */
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import { withRetry, type RetryPolicy } from '../retry';

export function retryingJira(jira: JiraPort, clock: Pick<Clock, 'sleep'>, policy: Omit<RetryPolicy, 'clock'> = {}): JiraPort {
  return new Proxy(jira, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        withRetry(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), { ...policy, clock });
    },
  });
}
