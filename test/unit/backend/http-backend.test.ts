import { RetryableError, UserError } from '../../../src/domain/errors';
import { createAssistedIntegrationBackend } from '../../../src/adapters/backend/assisted';
import { createIntegrationBackend } from '../../../src/adapters/backend/create-backend';
import {
  createHttpBackendProbe,
  createHttpIntegrationBackend,
  parseRetryAfter,
  type FetchLike,
} from '../../../src/adapters/backend/http-client';
import { backendTokenSecretKey, defaultSettings } from '../../../src/domain/settings';
import { REFERENCE_BACKEND_TOKEN, startReferenceBackend, type ReferenceBackend } from '../../../src/backend-reference/server';
import type { IntegrationRequest } from '../../../src/ports/integration-backend';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':');

function request(overrides: Partial<IntegrationRequest> = {}): IntegrationRequest {
  return {
    idempotencyKey: 'SUP-1|e-NOTUM|0801930008',
    issueKey: 'SUP-1',
    service: 'e-NOTUM',
    environment: 'PRO',
    codiEns: '0801930008',
    name: 'Ajuntament de Barcelona',
    nif: 'P0801900B',
    dir3: 'L01080193',
    certificate: { serialNumber: '1A2B', sha256Fingerprint: FINGERPRINT, pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

let server: ReferenceBackend;
beforeEach(async () => {
  server = await startReferenceBackend();
});
afterEach(async () => {
  await server.stop();
});

const backendFor = (token: string | null = REFERENCE_BACKEND_TOKEN) =>
  createHttpIntegrationBackend({ endpoint: server.baseUrl, getToken: async () => token });

describe('http integration backend against the reference server', () => {
  it('integrates an ens and the backend receives exactly what the ticket asked for', async () => {
    const result = await backendFor().integrate(request());
    expect(result).toEqual({ result: 'integrated', reference: 'REF-000001' });
    expect(server.integrations).toHaveLength(1);
    expect(server.integrations[0]).toMatchObject({
      idempotencyKey: 'SUP-1|e-NOTUM|0801930008',
      issueKey: 'SUP-1',
      service: 'e-NOTUM',
      environment: 'PRO',
      codiEns: '0801930008',
      nif: 'P0801900B',
      dir3: 'L01080193',
      certificateSerialNumber: '1A2B',
      certificateFingerprint: FINGERPRINT,
      result: 'integrated',
    });
  });

  it('does not integrate twice when the same request is repeated, even concurrently', async () => {
    const backend = backendFor();
    const first = await backend.integrate(request());
    const repeats = await Promise.all(Array.from({ length: 5 }, () => backend.integrate(request())));
    expect(repeats).toEqual(Array(5).fill(first));
    expect(server.integrations).toHaveLength(1);
    expect(server.requests.filter((r) => r.replayed)).toHaveLength(5);
  });

  it('reports an ens integrated by an earlier ticket as already integrated, with the first reference', async () => {
    await backendFor().integrate(request());
    const again = await backendFor().integrate(request({ idempotencyKey: 'SUP-9|e-NOTUM|0801930008', issueKey: 'SUP-9' }));
    expect(again).toEqual({ result: 'already_integrated', reference: 'REF-000001' });
    expect(server.integrations.map((i) => i.result)).toEqual(['integrated', 'already_integrated']);
  });

  it('integrates the same ens again for another service, environment or a renewed certificate', async () => {
    const backend = backendFor();
    await backend.integrate(request());
    const other = [
      request({ idempotencyKey: 'k2', service: 'OVER' }),
      request({ idempotencyKey: 'k3', environment: 'PRE' }),
      request({ idempotencyKey: 'k4', certificate: { ...request().certificate, sha256Fingerprint: FINGERPRINT.replace(/^10/, 'FF') } }),
    ];
    for (const r of other) expect((await backend.integrate(r)).result).toBe('integrated');
  });

  it('returns a rejection the row can show, without retrying', async () => {
    await server.stop();
    server = await startReferenceBackend({ rejectCodiEns: { '0801930008': 'Ens de baixa al directori' } });
    expect(await backendFor().integrate(request())).toEqual({
      result: 'rejected',
      code: 'ens_refused',
      reason: 'Ens de baixa al directori',
    });
    expect(await backendFor().integrate(request({ idempotencyKey: 'k5', codiEns: '801930008' }))).toMatchObject({
      result: 'rejected',
      code: 'invalid_codi_ens',
    });
  });

  it('asks for a retry on 503 and 429, honouring Retry-After, and the retry integrates once', async () => {
    server.failNext(503, 1, 7);
    server.failNext(429, 1);
    const backend = backendFor();
    const first = await failureOf(backend.integrate(request()));
    expect(first).toBeInstanceOf(RetryableError);
    expect((first as RetryableError).retryAfterMs).toBe(7000);
    expect(await failureOf(backend.integrate(request()))).toBeInstanceOf(RetryableError);
    expect((await backend.integrate(request())).result).toBe('integrated');
    expect(server.integrations).toHaveLength(1);
  });

  it('tells an admin to fix the settings when the token is wrong or missing', async () => {
    const wrong = await failureOf(backendFor('wrong').integrate(request()));
    expect(wrong).toBeInstanceOf(UserError);
    expect((wrong as UserError).code).toBe('backend_unauthorized');
    const missing = await failureOf(backendFor(null).integrate(request()));
    expect((missing as UserError).code).toBe('backend_token_missing');
    expect(server.integrations).toHaveLength(0);
  });

  it('tells an admin when the endpoint has no integrations route', async () => {
    const backend = createHttpIntegrationBackend({ endpoint: `${server.baseUrl}/wrong/`, getToken: async () => REFERENCE_BACKEND_TOKEN });
    expect(((await failureOf(backend.integrate(request()))) as UserError).code).toBe('backend_not_found');
  });

  it('treats a reused key with a different request as a system error, not as a result', async () => {
    await backendFor().integrate(request());
    const error = await failureOf(backendFor().integrate(request({ nif: 'P0800000X' })));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UserError);
    expect(error).not.toBeInstanceOf(RetryableError);
    expect(server.integrations).toHaveLength(1);
  });

  it('retries when the backend cannot be reached', async () => {
    const { baseUrl } = server;
    await server.stop();
    const backend = createHttpIntegrationBackend({ endpoint: baseUrl, getToken: async () => 't' });
    expect(await failureOf(backend.integrate(request()))).toBeInstanceOf(RetryableError);
    server = await startReferenceBackend();
  });
});

describe('http integration backend against a misbehaving server', () => {
  const answering =
    (status: number, body: string, headers: Record<string, string> = {}): FetchLike =>
    async () => ({ status, headers: { get: (name) => headers[name.toLowerCase()] ?? null }, text: async () => body });
  const backendWith = (fetch: FetchLike, timeoutMs?: number) =>
    createHttpIntegrationBackend({ endpoint: 'https://backend.example.cat', getToken: async () => 't', fetch, ...(timeoutMs ? { timeoutMs } : {}) });

  it('refuses a success answer that does not follow the contract', async () => {
    const error = await failureOf(backendWith(answering(201, '{"ok":true}')).integrate(request()));
    expect((error as Error).message).toMatch(/contract/);
    expect(error).not.toBeInstanceOf(RetryableError);
  });

  it('accepts a 409 without a body as already integrated', async () => {
    expect(await backendWith(answering(409, '')).integrate(request())).toEqual({ result: 'already_integrated', reference: null });
  });

  it('retries any 5xx, even from a proxy answering HTML', async () => {
    expect(await failureOf(backendWith(answering(502, '<html>Bad gateway</html>')).integrate(request()))).toBeInstanceOf(RetryableError);
  });

  it('gives up waiting after the timeout and asks for a retry', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const error = await failureOf(backendWith(hanging, 20).integrate(request()));
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(/did not answer/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('test connection', () => {
  it('says whether the endpoint answers and accepts the token', async () => {
    const probe = createHttpBackendProbe();
    expect(await probe.check(server.baseUrl, REFERENCE_BACKEND_TOKEN)).toEqual({ ok: true });
    expect(await probe.check(`${server.baseUrl}/`, REFERENCE_BACKEND_TOKEN)).toEqual({ ok: true });
    expect(await probe.check(server.baseUrl, 'wrong')).toEqual({ ok: false, problem: 'unauthorized', status: 401 });
    expect(await probe.check(server.baseUrl, null)).toEqual({ ok: false, problem: 'no_token', status: null });
    expect(await probe.check(`${server.baseUrl}/elsewhere`, REFERENCE_BACKEND_TOKEN)).toEqual({
      ok: false,
      problem: 'not_found',
      status: 404,
    });
    const { baseUrl } = server;
    await server.stop();
    expect(await probe.check(baseUrl, 'x')).toEqual({ ok: false, problem: 'unreachable', status: null });
    server = await startReferenceBackend();
  });
});

describe('choosing the backend from the settings', () => {
  it('is assisted by default and records nothing remote: each ens becomes a checklist step', async () => {
    const secrets = { getSecret: async () => undefined };
    const backend = createIntegrationBackend(defaultSettings().backend, { secrets, projectKey: 'SUP' });
    expect(backend.mode).toBe('assisted');
    expect(await backend.integrate(request())).toEqual({ result: 'pending_agent' });
    expect(await createAssistedIntegrationBackend().integrate(request())).toEqual({ result: 'pending_agent' });
  });

  it('uses the http endpoint with the project\'s token from the secret store', async () => {
    const secrets = {
      getSecret: async (key: string) => (key === backendTokenSecretKey('SUP') ? REFERENCE_BACKEND_TOKEN : undefined),
    };
    const backend = createIntegrationBackend({ mode: 'http', endpoint: server.baseUrl }, { secrets, projectKey: 'SUP' });
    expect(backend.mode).toBe('http');
    expect((await backend.integrate(request())).result).toBe('integrated');
    const otherProject = createIntegrationBackend({ mode: 'http', endpoint: server.baseUrl }, { secrets, projectKey: 'ALT' });
    expect(((await failureOf(otherProject.integrate(request()))) as UserError).code).toBe('backend_token_missing');
  });
});
