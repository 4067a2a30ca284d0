/**
 * The `http` integration backend: POSTs one ens at a time to the endpoint in the settings, following
 * docs/integration-backend.openapi.yaml.
 *
 * How each answer is handled, and why:
 * - 200/201 → integrated (or already integrated, if the backend says so); the body is zod-checked.
 * - 409 → already integrated: the ens was integrated for that service before (another ticket or run).
 * - 422 → rejected: the backend refuses this ens for a reason a person must fix; the row is reported.
 *   Except `idempotency_key_reused`, which means our own bug (same key, different request): system error.
 * - 401/403/404 → UserError: the token or the endpoint in the settings is wrong; retrying cannot help,
 *   an admin must fix the settings.
 * - 408/425/429/5xx, network failures and timeouts → RetryableError (honouring Retry-After). Repeating
 *   is safe because every request carries the same Idempotency-Key.
 */
import { RetryableError, UserError } from '../../domain/errors';
import type {
  ConnectionCheck,
  IntegrationBackend,
  IntegrationBackendProbe,
  IntegrationRequest,
  IntegrationResult,
} from '../../ports/integration-backend';
import { parseRetryAfter } from '../jira/errors';
import {
  errorResponseSchema,
  HEALTH_PATH,
  healthResponseSchema,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_REUSED,
  integrationResponseSchema,
  INTEGRATIONS_PATH,
  type IntegrationRequestBody,
} from './wire';

/** The part of `fetch` we use, so Forge's `@forge/api` fetch, Node's fetch or a test double all fit. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<FetchResponseLike>;

export interface HttpBackendOptions {
  /** Base URL from the settings; the client appends /integrations and /health. */
  endpoint: string;
  /** Reads the bearer token from the secret store at call time, so a new token applies at once. */
  getToken: () => Promise<string | null | undefined>;
  fetch?: FetchLike;
  /** Per request. Forge functions have 25 s (resolvers) to 900 s (consumers). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

function defaultFetch(): FetchLike {
  return (url, init) => globalThis.fetch(url, init);
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

// The same Retry-After reading as the Jira client's (seconds or an HTTP date); re-exported for tests.
export { parseRetryAfter };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toBody(request: IntegrationRequest): IntegrationRequestBody {
  return {
    issueKey: request.issueKey,
    service: request.service,
    environment: request.environment,
    codiEns: request.codiEns,
    name: request.name,
    nif: request.nif,
    dir3: request.dir3,
    certificate: {
      serialNumber: request.certificate.serialNumber,
      sha256Fingerprint: request.certificate.sha256Fingerprint,
      pem: request.certificate.pem,
    },
  };
}

/** No HTTP answer at all (refused, reset, DNS, timeout): retryable, and the probe says which. */
class TransportFailure extends RetryableError {
  constructor(readonly timedOut: boolean, timeoutMs: number, cause: unknown) {
    super(timedOut ? `Integration backend did not answer within ${timeoutMs} ms` : 'Integration backend unreachable', null, {
      cause,
    });
  }
}

async function send(
  fetchFn: FetchLike,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<{ status: number; headers: FetchResponseLike['headers']; text: string }> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFn(url, { ...init, signal });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    // The signal, not the error's class, says it was our timeout (fetch implementations differ).
    throw new TransportFailure(signal.aborted, timeoutMs, error);
  }
}

export function createHttpIntegrationBackend(options: HttpBackendOptions): IntegrationBackend {
  const fetchFn = options.fetch ?? defaultFetch();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = joinUrl(options.endpoint, INTEGRATIONS_PATH);

  return {
    mode: 'http',
    async integrate(request: IntegrationRequest): Promise<IntegrationResult> {
      const token = await options.getToken();
      if (!token) {
        throw new UserError('backend_token_missing', 'The integration backend token is not set in the project settings');
      }
      const response = await send(
        fetchFn,
        url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${token}`,
            [IDEMPOTENCY_HEADER]: request.idempotencyKey,
          },
          body: JSON.stringify(toBody(request)),
        },
        timeoutMs,
      );
      const json = parseJson(response.text);
      const { status } = response;

      if (status === 200 || status === 201) {
        const parsed = integrationResponseSchema.safeParse(json);
        if (!parsed.success) {
          throw new Error(`Integration backend answered ${status} with a body that does not follow the contract`);
        }
        return { result: parsed.data.status, reference: parsed.data.reference ?? null };
      }
      if (status === 409) {
        const parsed = integrationResponseSchema.safeParse(json);
        return { result: 'already_integrated', reference: parsed.success ? (parsed.data.reference ?? null) : null };
      }
      const problem = errorResponseSchema.safeParse(json);
      const code = problem.success ? problem.data.code : undefined;
      const message = problem.success ? problem.data.message : undefined;
      if (status === 422 && code !== IDEMPOTENCY_KEY_REUSED) {
        return { result: 'rejected', code: code ?? 'rejected', reason: message ?? 'Rejected by the integration backend' };
      }
      if (status === 401 || status === 403) {
        throw new UserError('backend_unauthorized', 'The integration backend refused the token in the project settings', {
          status,
        });
      }
      if (status === 404) {
        throw new UserError('backend_not_found', 'The integration backend endpoint in the project settings was not found', {
          status,
        });
      }
      if (RETRYABLE_STATUSES.has(status) || status >= 500) {
        throw new RetryableError(
          `Integration backend answered ${status}`,
          parseRetryAfter(response.headers.get('retry-after'), new Date()),
        );
      }
      throw new Error(`Integration backend answered ${status}${code ? ` (${code})` : ''}${message ? `: ${message}` : ''}`);
    },
  };
}

/** "Test connection": GET /health with the token; never throws, the page shows the problem. */
export function createHttpBackendProbe(options: { fetch?: FetchLike; timeoutMs?: number } = {}): IntegrationBackendProbe {
  const fetchFn = options.fetch ?? defaultFetch();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async check(endpoint: string, token: string | null): Promise<ConnectionCheck> {
      if (!token) return { ok: false, problem: 'no_token', status: null };
      let response: Awaited<ReturnType<typeof send>>;
      try {
        response = await send(
          fetchFn,
          joinUrl(endpoint, HEALTH_PATH),
          { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } },
          timeoutMs,
        );
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        return { ok: false, problem: error.timedOut ? 'timeout' : 'unreachable', status: null };
      }
      const { status } = response;
      if (status === 200 && healthResponseSchema.safeParse(parseJson(response.text)).success) return { ok: true };
      if (status === 401 || status === 403) return { ok: false, problem: 'unauthorized', status };
      if (status === 404) return { ok: false, problem: 'not_found', status };
      return { ok: false, problem: 'unexpected_response', status };
    },
  };
}
