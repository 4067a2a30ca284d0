import { MemoryJobQueue, type Delivery } from '../../../../src/adapters/memory/memory-job-queue';
import { QueueJobTooLargeError } from '../../../../src/adapters/forge/queue-limits';

type Job = { issueKey: string };

describe('MemoryJobQueue', () => {
  it('delivers pushed jobs in Forge’s event shape', async () => {
    const queue = new MemoryJobQueue<Job>();
    await queue.push([{ issueKey: 'SUP-1' }]);
    const seen: Delivery<Job>[] = [];
    await queue.drain(async (delivery) => void seen.push(delivery));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ body: { issueKey: 'SUP-1' }, queueName: 'setdiba-jobs' });
    expect(seen[0]?.retryContext).toBeUndefined();
    expect(queue.pending).toHaveLength(0);
  });

  it('refuses a job over Forge’s 100 KB limit loudly, queuing none of the call’s jobs', async () => {
    const queue = new MemoryJobQueue<{ issueKey: string; blob?: string }>();
    await expect(queue.push([{ issueKey: 'SUP-1' }, { issueKey: 'SUP-2', blob: 'x'.repeat(100 * 1024) }])).rejects.toBeInstanceOf(QueueJobTooLargeError);
    expect(queue.pushed).toHaveLength(0);
    expect(queue.pending).toHaveLength(0);
  });

  it('retries a failing consumer with retryContext until it succeeds', async () => {
    const queue = new MemoryJobQueue<Job>();
    await queue.push([{ issueKey: 'SUP-1' }]);
    const retryCounts: (number | undefined)[] = [];
    await queue.drain(async (delivery) => {
      retryCounts.push(delivery.retryContext?.retryCount);
      if (retryCounts.length < 3) throw new Error('Jira is down');
    });
    expect(retryCounts).toEqual([undefined, 1, 2]);
    expect(queue.delivered).toHaveLength(1);
  });

  it('honours an InvocationError-style answer asking for a retry, with its retryData', async () => {
    const queue = new MemoryJobQueue<Job>();
    await queue.push([{ issueKey: 'SUP-1' }]);
    const seen: unknown[] = [];
    await queue.drain(async (delivery) => {
      seen.push(delivery.retryContext?.retryData);
      if (!delivery.retryContext) return { _retry: true, retryOptions: { retryAfter: 5, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { step: 2 } } };
      return undefined;
    });
    expect(seen).toEqual([undefined, { step: 2 }]);
  });

  it('dead-letters an event that keeps failing, with the last error', async () => {
    const queue = new MemoryJobQueue<Job>({ maxRetries: 2 });
    await queue.push([{ issueKey: 'SUP-1' }]);
    const deliveries = await queue.drain(async () => {
      throw new Error('always');
    });
    expect(deliveries).toBe(3);
    expect(queue.dead).toHaveLength(1);
    expect(String(queue.dead[0]?.error)).toContain('always');
  });

  it('duplicates pending events and redelivers finished ones, to exercise idempotency', async () => {
    const queue = new MemoryJobQueue<Job>();
    await queue.push([{ issueKey: 'SUP-1' }]);
    expect(queue.duplicate()).toBe(1);
    const eventIds: string[] = [];
    await queue.drain(async (delivery) => void eventIds.push(delivery.eventId));
    expect(eventIds).toHaveLength(2);
    expect(new Set(eventIds).size).toBe(1);
    expect(queue.redeliver()).toBe(2);
    await queue.drain(async (delivery) => void eventIds.push(delivery.eventId));
    expect(eventIds).toHaveLength(4);
  });

  it('delivers several events at once when asked, as the platform may', async () => {
    const queue = new MemoryJobQueue<Job>();
    await queue.push([{ issueKey: 'SUP-1' }, { issueKey: 'SUP-2' }]);
    let running = 0;
    let maxRunning = 0;
    await queue.drain(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
      },
      { concurrency: 2 },
    );
    expect(maxRunning).toBe(2);
  });

  it('copies jobs on push, as events are serialised', async () => {
    const queue = new MemoryJobQueue<Job>();
    const job = { issueKey: 'SUP-1' };
    await queue.push([job]);
    job.issueKey = 'changed';
    expect(queue.pending[0]?.body.issueKey).toBe('SUP-1');
  });
});
