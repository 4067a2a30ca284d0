/** The queue adapter with @forge/events mocked: batching within Forge's limits and retryable failures. */
const push = jest.fn();
const Queue = jest.fn(() => ({ push }));

jest.mock('@forge/events', () => {
  const actual = jest.requireActual('@forge/events');
  return { __esModule: true, ...actual, Queue };
});

import { RateLimitError } from '@forge/events';
import { RetryableError } from '../../../../src/domain/errors';
import { ForgeJobQueue, MAX_BYTES_PER_JOB, QueueJobTooLargeError, batchesWithinLimits } from '../../../../src/adapters/forge/events-job-queue';

beforeEach(() => {
  push.mockReset().mockResolvedValue({ jobId: 'j' });
  Queue.mockClear();
});

describe('ForgeJobQueue', () => {
  it('pushes jobs as event bodies to the named queue', async () => {
    await new ForgeJobQueue('setdiba-jobs').push([{ issueKey: 'SUP-1' }, { issueKey: 'SUP-2' }]);
    expect(Queue).toHaveBeenCalledWith({ key: 'setdiba-jobs' });
    expect(push).toHaveBeenCalledWith([{ body: { issueKey: 'SUP-1' } }, { body: { issueKey: 'SUP-2' } }]);
  });

  it('splits more than 50 jobs into several pushes', async () => {
    const jobs = Array.from({ length: 120 }, (_, i) => ({ n: i }));
    await new ForgeJobQueue('setdiba-jobs').push(jobs);
    expect(push.mock.calls.map((call) => (call[0] as unknown[]).length)).toEqual([50, 50, 20]);
  });

  it('keeps each push under 200 KB', () => {
    const big = { blob: 'x'.repeat(90 * 1024) };
    expect(batchesWithinLimits([big, big, big]).map((b) => b.length)).toEqual([2, 1]);
  });

  it('refuses a job over 100 KB (the limit for consumers with timeouts over 55 s) before pushing anything', async () => {
    const small = { issueKey: 'SUP-1' };
    const tooBig = { blob: 'x'.repeat(MAX_BYTES_PER_JOB) };
    await expect(new ForgeJobQueue('setdiba-jobs').push([small, tooBig])).rejects.toBeInstanceOf(QueueJobTooLargeError);
    expect(push).not.toHaveBeenCalled();
    // Just under the limit, counted as Forge counts the event ({ body }), is fine.
    const fits = { blob: 'x'.repeat(MAX_BYTES_PER_JOB - JSON.stringify({ body: { blob: '' } }).length) };
    await expect(new ForgeJobQueue('setdiba-jobs').push([fits])).resolves.toBeUndefined();
  });

  it('reports a rate-limited push as retryable', async () => {
    push.mockRejectedValueOnce(new RateLimitError('too many'));
    await expect(new ForgeJobQueue('setdiba-jobs').push([{ a: 1 }])).rejects.toBeInstanceOf(RetryableError);
  });
});
