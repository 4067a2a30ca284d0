import { z } from 'zod';
import { RetryableError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import { JiraApiError, JiraResponseShapeError, parseRetryAfter } from './errors';
import type { JiraRequest, JiraResponse, JiraTransport } from './transport';

/** What every REST call needs: the transport, and a clock to turn a Retry-After date into a delay. */
export interface CallContext {
  transport: JiraTransport;
  clock: Pick<Clock, 'now'>;
}

/**
 * Statuses that mean "not now" rather than "no": rate limiting (429) and a service that is briefly
 * unavailable (503). Everything else is reported as it is.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

// Tolerant on purpose: we only use these fields to explain the failure, never to decide anything.
const errorBody = z.looseObject({
  errorMessages: z.array(z.unknown()).optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
  errorMessage: z.unknown().optional(),
});

async function toApiError(request: JiraRequest, response: JiraResponse): Promise<JiraApiError> {
  let messages: string[] = [];
  let errors: Record<string, string> = {};
  try {
    const parsed = errorBody.safeParse(await response.json());
    if (parsed.success) {
      messages = (parsed.data.errorMessages ?? []).map(String);
      if (typeof parsed.data.errorMessage === 'string') messages.push(parsed.data.errorMessage);
      errors = Object.fromEntries(Object.entries(parsed.data.errors ?? {}).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone must do.
  }
  return new JiraApiError(response.status, request.method, request.path, messages, errors);
}

/**
 * Sends a request and classifies the answer: 2xx is returned; 404 becomes null when the caller says
 * "not found" is a normal answer; 429/503 become a RetryableError carrying Retry-After; anything else
 * a JiraApiError with Jira's own messages.
 */
export async function send(ctx: CallContext, request: JiraRequest, options: { notFoundAsNull: true }): Promise<JiraResponse | null>;
export async function send(ctx: CallContext, request: JiraRequest, options?: { notFoundAsNull?: false }): Promise<JiraResponse>;
export async function send(
  ctx: CallContext,
  request: JiraRequest,
  options: { notFoundAsNull?: boolean } = {},
): Promise<JiraResponse | null> {
  return checked(ctx, request, await ctx.transport.request(request), options);
}

/** `send`'s classification of an answer already received (for calls that read some non-2xx bodies). */
export async function checked(
  ctx: CallContext,
  request: JiraRequest,
  response: JiraResponse,
  options: { notFoundAsNull?: boolean } = {},
): Promise<JiraResponse | null> {
  if (response.status >= 200 && response.status < 300) return response;
  if (response.status === 404 && options.notFoundAsNull) return null;
  const error = await toApiError(request, response);
  if (RETRYABLE_STATUSES.has(response.status)) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), ctx.clock.now());
    throw new RetryableError(error.message, retryAfterMs, { cause: error });
  }
  throw error;
}

/** Parses a 2xx body; a body without what we rely on is a JiraResponseShapeError naming the fields. */
export async function readJson<S extends z.ZodType>(
  schema: S,
  request: JiraRequest,
  response: JiraResponse,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new JiraResponseShapeError(request.method, request.path, `not JSON (${String(error)})`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new JiraResponseShapeError(request.method, request.path, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Send + parse, for the common "GET something and read it" case. */
export async function sendAndRead<S extends z.ZodType>(ctx: CallContext, schema: S, request: JiraRequest): Promise<z.output<S>> {
  return readJson(schema, request, await send(ctx, request));
}
