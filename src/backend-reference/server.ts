/**
 * A reference implementation of the integration backend contract (docs/integration-backend.openapi.yaml)
 * on 127.0.0.1, used by the tests, `setdiba simulate` and the sandbox. It keeps everything in memory.
 *
 * What it promises, like a real backend must:
 * - Idempotency: a repeated Idempotency-Key gets the first answer again (same status and body, with
 *   `Idempotent-Replayed: true`) and is not a second integration; the same key with a different body is
 *   refused (422 idempotency_key_reused).
 * - An ens already integrated for a service, environment and certificate (under another key) answers
 *   409 already_integrated with the first integration's reference. A renewed certificate is a new
 *   integration: AOC loads the new certificate for the ens.
 * - 422 for an ens it refuses (a codi d'ens that is not 10 digits, or one listed in `rejectCodiEns`).
 *
 * Never imported by src/index.ts: it is not part of the Forge app.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HEALTH_PATH,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_REUSED,
  integrationRequestBodySchema,
  INTEGRATIONS_PATH,
  REPLAY_HEADER,
  type IntegrationRequestBody,
} from '../adapters/backend/wire';

export const REFERENCE_BACKEND_TOKEN = 'reference-backend-token';
const MAX_BODY_BYTES = 1024 * 1024;

export interface ReferenceIntegration {
  idempotencyKey: string;
  issueKey: string;
  service: IntegrationRequestBody['service'];
  environment: IntegrationRequestBody['environment'];
  codiEns: string;
  name: string;
  nif: string;
  dir3: string | null;
  certificateSerialNumber: string;
  certificateFingerprint: string;
  result: 'integrated' | 'already_integrated' | 'rejected';
  reference: string | null;
  receivedAt: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

export interface ReferenceBackendOptions {
  /** Expected bearer token; null accepts any caller. Default REFERENCE_BACKEND_TOKEN. */
  token?: string | null;
  /** 0 (default) lets the OS choose a free port. */
  port?: number;
  /** Integrations done before this server started (e.g. by an earlier ticket). */
  alreadyIntegrated?: readonly {
    service: IntegrationRequestBody['service'];
    environment: IntegrationRequestBody['environment'];
    codiEns: string;
    certificateFingerprint: string;
    reference?: string;
  }[];
  /** codi d'ens → reason: those ens are refused with 422. */
  rejectCodiEns?: Readonly<Record<string, string>>;
  now?: () => Date;
}

export interface ReferenceBackend {
  baseUrl: string;
  token: string | null;
  /** One entry per distinct integration request (idempotency key), in arrival order; replays add none. */
  readonly integrations: readonly ReferenceIntegration[];
  /** Every HTTP request, replays and injected failures included. */
  readonly requests: readonly ReceivedRequest[];
  /** From now on accept this bearer token instead (null: any caller), as a backend whose token was rotated. */
  acceptToken(token: string | null): void;
  /** The next `count` requests fail with `status` (e.g. 503, 429) before any processing. */
  failNext(status: number, count?: number, retryAfterSeconds?: number): void;
  /**
   * Keeps integration requests waiting until the returned function is called, as a slow backend would:
   * lets the sandbox's browser tests see a run in the middle of its integrations.
   */
  hold(): () => void;
  /** Forgets what was integrated (the idempotency records too). */
  reset(): void;
  stop(): Promise<void>;
}

interface StoredAnswer {
  bodyHash: string;
  status: number;
  body: unknown;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Key order in the JSON must not make the "same request" look different. */
function canonicalHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

export async function startReferenceBackend(options: ReferenceBackendOptions = {}): Promise<ReferenceBackend> {
  let token = options.token === undefined ? REFERENCE_BACKEND_TOKEN : options.token;
  const now = options.now ?? (() => new Date());
  const integrations: ReferenceIntegration[] = [];
  const requests: ReceivedRequest[] = [];
  const answers = new Map<string, StoredAnswer>();
  const done = new Map<string, string>();
  const faults: { status: number; retryAfterSeconds: number | undefined }[] = [];
  /** Integration requests wait on it while a test holds the backend (hold()). */
  let held: Promise<void> = Promise.resolve();
  let sequence = 0;

  const identity = (service: string, environment: string, codiEns: string, fingerprint: string) =>
    `${service}|${environment}|${codiEns}|${fingerprint.toUpperCase()}`;
  const seed = () => {
    for (const old of options.alreadyIntegrated ?? []) {
      done.set(
        identity(old.service, old.environment, old.codiEns, old.certificateFingerprint),
        old.reference ?? `PREVIOUS-${old.codiEns}`,
      );
    }
  };
  seed();

  function integrate(key: string, body: IntegrationRequestBody): { status: number; body: unknown } {
    const base = {
      idempotencyKey: key,
      issueKey: body.issueKey,
      service: body.service,
      environment: body.environment,
      codiEns: body.codiEns,
      name: body.name,
      nif: body.nif,
      dir3: body.dir3,
      certificateSerialNumber: body.certificate.serialNumber,
      certificateFingerprint: body.certificate.sha256Fingerprint,
      receivedAt: now().toISOString(),
    };
    const rejection = !/^\d{10}$/.test(body.codiEns)
      ? { code: 'invalid_codi_ens', message: `The codi d'ens ${body.codiEns} is not 10 digits` }
      : options.rejectCodiEns?.[body.codiEns] !== undefined
        ? { code: 'ens_refused', message: options.rejectCodiEns[body.codiEns] as string }
        : null;
    if (rejection) {
      integrations.push({ ...base, result: 'rejected', reference: null });
      return { status: 422, body: rejection };
    }
    const id = identity(body.service, body.environment, body.codiEns, body.certificate.sha256Fingerprint);
    const earlier = done.get(id);
    if (earlier !== undefined) {
      integrations.push({ ...base, result: 'already_integrated', reference: earlier });
      return { status: 409, body: { status: 'already_integrated', reference: earlier } };
    }
    const reference = `REF-${String(++sequence).padStart(6, '0')}`;
    done.set(id, reference);
    integrations.push({ ...base, result: 'integrated', reference });
    return { status: 201, body: { status: 'integrated', reference } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === INTEGRATIONS_PATH) await held;
    const keyHeader = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    const key = typeof keyHeader === 'string' ? keyHeader : null;
    const log = (status: number, replayed = false) =>
      requests.push({ method: req.method ?? '', path, idempotencyKey: key, status, replayed });
    const raw = await readBody(req);

    const fault = faults.shift();
    if (fault) {
      log(fault.status);
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return sendJson(res, fault.status, { code: 'injected_fault', message: 'Failure injected by the test' }, headers);
    }
    if (token !== null && req.headers.authorization !== `Bearer ${token}`) {
      log(401);
      return sendJson(res, 401, { code: 'unauthorized', message: 'Missing or wrong bearer token' });
    }
    if (req.method === 'GET' && path === HEALTH_PATH) {
      log(200);
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path !== INTEGRATIONS_PATH) {
      log(404);
      return sendJson(res, 404, { code: 'not_found', message: `No route ${req.method} ${path}` });
    }
    if (req.method !== 'POST') {
      log(405);
      return sendJson(res, 405, { code: 'method_not_allowed', message: 'Use POST' }, { Allow: 'POST' });
    }
    if (raw === null) {
      log(413);
      return sendJson(res, 413, { code: 'too_large', message: `The body exceeds ${MAX_BODY_BYTES} bytes` });
    }
    if (key === null || key.length === 0 || key.length > 255) {
      log(400);
      return sendJson(res, 400, { code: 'idempotency_key_required', message: `${IDEMPOTENCY_HEADER} (1-255 characters) is required` });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw) as unknown;
    } catch {
      log(400);
      return sendJson(res, 400, { code: 'invalid_json', message: 'The body is not JSON' });
    }
    const parsed = integrationRequestBodySchema.safeParse(json);
    if (!parsed.success) {
      log(400);
      return sendJson(res, 400, {
        code: 'invalid_request',
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    }
    // From here to the answer there is no await: concurrent repeats of a key cannot both integrate.
    const bodyHash = canonicalHash(parsed.data);
    const previous = answers.get(key);
    if (previous) {
      if (previous.bodyHash !== bodyHash) {
        log(422);
        return sendJson(res, 422, {
          code: IDEMPOTENCY_KEY_REUSED,
          message: 'This Idempotency-Key was used for a different request',
        });
      }
      log(previous.status, true);
      return sendJson(res, previous.status, previous.body, { [REPLAY_HEADER]: 'true' });
    }
    const answer = integrate(key, parsed.data);
    answers.set(key, { bodyHash, ...answer });
    log(answer.status);
    return sendJson(res, answer.status, answer.body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', message: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get token() {
      return token;
    },
    integrations,
    requests,
    acceptToken(next) {
      token = next;
    },
    hold() {
      let release = (): void => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        held = Promise.resolve();
      };
    },
    failNext(status, count = 1, retryAfterSeconds) {
      for (let i = 0; i < count; i++) faults.push({ status, retryAfterSeconds });
    },
    reset() {
      integrations.length = 0;
      requests.length = 0;
      answers.clear();
      done.clear();
      faults.length = 0;
      sequence = 0;
      seed();
    },
    stop() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
