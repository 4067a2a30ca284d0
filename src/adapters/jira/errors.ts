import type { HttpMethod } from './transport';

/**
 * A Jira answer the app did not expect, with what Jira said about it. Jira platform errors are
 * `{ errorMessages: string[], errors: { field: message } }`; JSM's are `{ errorMessage }`.
 */
export class JiraApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: HttpMethod,
    readonly route: string,
    readonly errorMessages: readonly string[],
    readonly errors: Readonly<Record<string, string>>,
  ) {
    const details = [...errorMessages, ...Object.entries(errors).map(([field, text]) => `${field}: ${text}`)];
    super(`Jira ${method} ${route} answered ${status}${details.length ? `: ${details.join('; ')}` : ''}`);
    this.name = 'JiraApiError';
  }
}

/** Jira answered 2xx with a body that lacks what the app relies on: a contract break, not bad luck. */
export class JiraResponseShapeError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly route: string,
    readonly problems: string,
  ) {
    super(`Jira ${method} ${route} answered with an unexpected body: ${problems}`);
    this.name = 'JiraResponseShapeError';
  }
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds
 * from `now`, or null when absent or unreadable (the caller then uses its own backoff).
 */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}
