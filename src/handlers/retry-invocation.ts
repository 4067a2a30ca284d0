import { InvocationError, type InvocationErrorCode } from '@forge/events';

/** Forge accepts a redelivery delay of 1 to 900 seconds. */
const MAX_RETRY_AFTER_S = 900;

/**
 * Asks the platform to deliver the event again later: after the delay the failure named (Jira's
 * Retry-After), else after `fallbackMs`, clamped to what Forge accepts.
 */
export function retryInvocation(
  retryAfterMs: number | null,
  fallbackMs: number,
  retryReason: InvocationErrorCode,
): InvocationError {
  const seconds = Math.ceil((retryAfterMs ?? fallbackMs) / 1000);
  return new InvocationError({ retryAfter: Math.min(MAX_RETRY_AFTER_S, Math.max(1, seconds)), retryReason });
}
