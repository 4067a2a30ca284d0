import { RetryableError } from '../../../../src/domain/errors';
import { withRetry } from '../../../../src/usecases/retry';

/** A clock whose sleep only records: the test sees every wait without spending it. */
function recordingClock() {
  const waits: number[] = [];
  return { waits, clock: { sleep: async (ms: number) => void waits.push(ms) } };
}

function failing(errors: unknown[], result = 'ok') {
  let calls = 0;
  const operation = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return result;
  };
  return { operation, calls: () => calls };
}

describe('withRetry', () => {
  it('waits what Retry-After says, then succeeds', async () => {
    const { waits, clock } = recordingClock();
    const op = failing([new RetryableError('429', 3000), new RetryableError('429', 1000)]);
    await expect(withRetry(op.operation, { clock })).resolves.toBe('ok');
    expect(waits).toEqual([3000, 1000]);
    expect(op.calls()).toBe(3);
  });

  it('backs off exponentially when Jira gives no Retry-After', async () => {
    const { waits, clock } = recordingClock();
    const op = failing([new RetryableError('503'), new RetryableError('503'), new RetryableError('503')]);
    await withRetry(op.operation, { clock, baseDelayMs: 100, maxAttempts: 4 });
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up without sleeping when the next wait would pass the total budget, rethrowing for the platform', async () => {
    const { waits, clock } = recordingClock();
    const tooLong = new RetryableError('429', 60_000);
    const op = failing([new RetryableError('429', 2000), tooLong]);
    await expect(withRetry(op.operation, { clock, maxTotalWaitMs: 10_000 })).rejects.toBe(tooLong);
    expect(waits).toEqual([2000]);
  });

  it('stops after maxAttempts', async () => {
    const { clock } = recordingClock();
    const op = failing([new RetryableError('a', 1), new RetryableError('b', 1), new RetryableError('c', 1)]);
    await expect(withRetry(op.operation, { clock, maxAttempts: 2 })).rejects.toThrow('b');
    expect(op.calls()).toBe(2);
  });

  it('never retries an error that is not retryable', async () => {
    const { waits, clock } = recordingClock();
    const op = failing([new Error('400 bad request')]);
    await expect(withRetry(op.operation, { clock })).rejects.toThrow('400 bad request');
    expect(op.calls()).toBe(1);
    expect(waits).toEqual([]);
  });
});
