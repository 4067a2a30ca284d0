import type { JobQueue } from '../../ports/job-queue';
import { assertJobsWithinLimit } from '../forge/queue-limits';

/** What Forge hands a queue consumer (`AsyncEvent` in @forge/events), so handlers run unchanged. */
export interface Delivery<Job> {
  body: Job;
  queueName: string;
  jobId: string;
  eventId: string;
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
}

export type Consumer<Job> = (delivery: Delivery<Job>) => Promise<unknown>;

export type DeliveryOutcome = 'done' | 'retry' | 'dead';

export interface MemoryJobQueueOptions {
  queueName?: string;
  /** Retries after the first delivery before an event is dead (Forge keeps trying for 24 h). */
  maxRetries?: number;
  /** Called when a delivery throws; by default errors are only counted (tests inspect `dead`). */
  onError?: (error: unknown, delivery: Delivery<unknown>) => void;
}

/**
 * `InvocationError` from @forge/events turns into `{ _retry: true, retryOptions }` when constructed;
 * recognised by shape so this module needs no Forge package.
 */
function askedForRetry(result: unknown): { retryReason: string; retryData: unknown } | null {
  if (typeof result !== 'object' || result === null || (result as { _retry?: unknown })._retry !== true) return null;
  const options = (result as { retryOptions?: { retryReason?: unknown; retryData?: unknown } }).retryOptions ?? {};
  return { retryReason: String(options.retryReason ?? 'FUNCTION_RETRY_REQUEST'), retryData: options.retryData };
}

/**
 * JobQueue in memory with Forge's at-least-once delivery made controllable: tests deliver events one
 * by one or drain the queue, and can `duplicate` pending events or `redeliver` finished ones to prove
 * the consumer is idempotent. A consumer that throws (or returns an InvocationError) gets the event
 * again with `retryContext`, up to `maxRetries`.
 */
export class MemoryJobQueue<Job> implements JobQueue<Job> {
  readonly queueName: string;
  private readonly maxRetries: number;
  private readonly onError: MemoryJobQueueOptions['onError'];
  private readonly queue: Delivery<Job>[] = [];
  private readonly finished: Delivery<Job>[] = [];
  private readonly deadLetters: { delivery: Delivery<Job>; error: unknown }[] = [];
  private readonly pushedJobs: Job[] = [];
  private nextId = 1;

  constructor(options: MemoryJobQueueOptions = {}) {
    this.queueName = options.queueName ?? 'setdiba-jobs';
    this.maxRetries = options.maxRetries ?? 3;
    this.onError = options.onError;
  }

  async push(jobs: readonly Job[]): Promise<void> {
    if (jobs.length === 0) return;
    // Forge's per-job limit, so a test meets it before production does.
    assertJobsWithinLimit(jobs);
    const jobId = `job-${this.nextId++}`;
    for (const job of jobs) {
      // A copy through JSON, as the platform serialises events: no shared state with the producer.
      const body = JSON.parse(JSON.stringify(job)) as Job;
      this.pushedJobs.push(body);
      this.queue.push({ body, queueName: this.queueName, jobId, eventId: `event-${this.nextId++}` });
    }
  }

  /** Every job ever pushed, in order (duplicates by the hooks below are not pushes). */
  get pushed(): readonly Job[] {
    return this.pushedJobs;
  }
  get pending(): readonly Delivery<Job>[] {
    return this.queue;
  }
  /** Deliveries the consumer completed. */
  get delivered(): readonly Delivery<Job>[] {
    return this.finished;
  }
  /** Events that used up their retries, with the last error. */
  get dead(): readonly { delivery: Delivery<Job>; error: unknown }[] {
    return this.deadLetters;
  }

  /** Delivers the oldest pending event; null when there is none. */
  async deliverNext(consumer: Consumer<Job>): Promise<DeliveryOutcome | null> {
    const delivery = this.queue.shift();
    if (!delivery) return null;
    return this.deliver(delivery, consumer);
  }

  /**
   * Delivers until nothing is pending, including retries and events the consumer pushes itself.
   * `concurrency` > 1 delivers that many events at once, as the platform may.
   */
  async drain(consumer: Consumer<Job>, options: { maxDeliveries?: number; concurrency?: number } = {}): Promise<number> {
    const maxDeliveries = options.maxDeliveries ?? 1000;
    const concurrency = Math.max(1, options.concurrency ?? 1);
    let count = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, Math.min(concurrency, maxDeliveries - count));
      if (batch.length === 0) throw new Error(`Queue ${this.queueName} still busy after ${maxDeliveries} deliveries`);
      count += batch.length;
      await Promise.all(batch.map((delivery) => this.deliver(delivery, consumer)));
    }
    return count;
  }

  /** Puts a second copy of each pending event (same eventId) in the queue: a duplicate delivery. */
  duplicate(filter: (delivery: Delivery<Job>) => boolean = () => true): number {
    const copies = this.queue.filter(filter).map((delivery) => ({ ...delivery }));
    this.queue.push(...copies);
    return copies.length;
  }

  /** Queues events the consumer already completed again, as a late redelivery would. */
  redeliver(filter: (delivery: Delivery<Job>) => boolean = () => true): number {
    const again = this.finished.filter(filter).map((delivery) => ({ ...delivery }));
    this.queue.push(...again);
    return again.length;
  }

  private async deliver(delivery: Delivery<Job>, consumer: Consumer<Job>): Promise<DeliveryOutcome> {
    let retry: { retryReason: string; retryData: unknown } | null;
    let error: unknown = null;
    try {
      retry = askedForRetry(await consumer(delivery));
    } catch (thrown) {
      error = thrown;
      this.onError?.(thrown, delivery as Delivery<unknown>);
      retry = { retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: undefined };
    }
    if (!retry) {
      this.finished.push(delivery);
      return 'done';
    }
    const retryCount = (delivery.retryContext?.retryCount ?? 0) + 1;
    if (retryCount > this.maxRetries) {
      this.deadLetters.push({ delivery, error: error ?? retry });
      return 'dead';
    }
    this.queue.push({ ...delivery, retryContext: { retryCount, ...retry } });
    return 'retry';
  }
}
