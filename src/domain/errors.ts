/**
 * The one place that decides how a failure is handled.
 * - UserError: the requester or the agent can fix it (a bad template, a missing attachment). It is
 *   reported to the ticket and never retried.
 * - Anything else is a system error (Jira down, a timeout): it is retried by the platform, then reported.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A system error that says when it is worth trying again (e.g. Jira's Retry-After). */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** SheetJS and some libraries throw strings; this keeps messages readable wherever they end up. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
