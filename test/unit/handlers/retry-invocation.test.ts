/**
 * What the platform is told when a trigger or consumer asks to be run again: Jira's Retry-After when it
 * gave one, a default otherwise, always within the 1–900 s Forge accepts.
 */
import { InvocationErrorCode } from '@forge/events';
import { retryInvocation } from '../../../src/handlers/retry-invocation';

const reason = InvocationErrorCode.FUNCTION_RETRY_REQUEST;
const seconds = (retryAfterMs: number | null, fallbackMs = 60_000) =>
  (retryInvocation(retryAfterMs, fallbackMs, reason) as unknown as { retryOptions: { retryAfter: number } }).retryOptions.retryAfter;

describe('retryInvocation', () => {
  it('waits as long as Jira asked, rounded up to whole seconds', () => {
    expect(seconds(2_500)).toBe(3);
  });

  it('uses the handler\'s default when Jira named no delay', () => {
    expect(seconds(null, 30_000)).toBe(30);
  });

  it('stays within what Forge accepts', () => {
    expect(seconds(0)).toBe(1);
    expect(seconds(3_600_000)).toBe(900);
  });
});
