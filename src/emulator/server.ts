/**
 * The HTTP side: one node:http server on 127.0.0.1. Per request: read the body, find the documented
 * operation, apply latency and scripted faults, identify the caller, check the request against the
 * spec, run the route, check the response against the spec, log the call, then deliver any product
 * events the call caused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultPlan } from './faults';
import { ROUTES } from './routes';
import { errorBody, HttpError, type RouteContext, type RouteResult } from './routes/context';
import type { SiteUser } from './site/model';
import type { Site } from './site/site';
import { REMOVED_OPERATIONS } from './spec/errata';
import { matchOperation, type MatchedOperation } from './spec/specs';
import { checkParameters, checkRequestBody, checkResponse } from './spec/validators';

/** Identifies the caller without a token: the value is an accountId (see docs/emulator.md). */
export const EMULATOR_USER_HEADER = 'x-emulator-user';

export interface CallRecord {
  method: string;
  /** The request path without the query string. */
  path: string;
  /** `METHOD /template` of the documented operation, or of the emulator's own route. */
  route: string;
  /** HTTP status sent, or what happened instead. */
  status: number | 'dropped' | 'timeout';
  ms: number;
  /** accountId of the caller, null when unauthenticated. */
  caller: string | null;
  /** The scripted fault that was applied, if any. */
  fault?: string;
}

export interface Violation {
  method: string;
  path: string;
  route: string | null;
  direction: 'request' | 'response';
  where: string;
  message: string;
}

export interface ServerState {
  site: Site;
  faults: FaultPlan;
  calls: CallRecord[];
  violations: Violation[];
  limits: { maxAttachmentBytes: number; maxRequestBytes: number };
  baseUrl: string;
}

export function formatViolation(v: Violation): string {
  return `${v.method} ${v.path} (${v.route ?? 'no such operation'}) ${v.direction} ${v.where}: ${v.message}`;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function identify(site: Site, req: IncomingMessage): SiteUser | null {
  const header = req.headers[EMULATOR_USER_HEADER];
  if (typeof header === 'string' && header !== '') return site.user(header) ?? null;
  const auth = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(auth);
  return match ? (site.userByToken(match[1]!.trim()) ?? null) : null;
}

export function startServer(state: ServerState, port: number): { server: Server; ready: Promise<number>; stop: () => Promise<void> } {
  const sockets = new Set<Socket>();
  // Requests scripted to time out are parked here and answered with a dropped socket at stop().
  const parked = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(state, req, res, parked).catch((error: unknown) => {
      // A bug in the emulator itself: answer 500 and make the test fail through a violation.
      state.violations.push({ method: req.method ?? '', path: req.url ?? '', route: null, direction: 'response', where: 'emulator', message: String(error instanceof Error ? error.stack : error) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errorMessages: ['emulator internal error'], errors: {} }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const ready = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  const stop = async () => {
    for (const res of parked) res.socket?.destroy();
    parked.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return { server, ready, stop };
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse, parked: Set<ServerResponse>): Promise<void> {
  const started = process.hrtime.bigint();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', state.baseUrl);
  const path = url.pathname;
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1000n) / 1000;
  const record = (route: string, status: CallRecord['status'], caller: SiteUser | null, fault?: string) =>
    state.calls.push({ method, path, route, status, ms: elapsed(), caller: caller?.accountId ?? null, ...(fault ? { fault } : {}) });

  const rawBody = await readBody(req, state.limits.maxRequestBytes);

  if (path.startsWith('/_emulator/')) {
    const result = emulatorOwnRoute(state, method, path, url.searchParams);
    send(res, result);
    record(`${method} ${result.route}`, result.status, null);
    return;
  }

  const op = matchOperation(method, path);
  if (!op) {
    state.violations.push({ method, path, route: null, direction: 'request', where: 'path', message: 'no operation in the Jira platform or JSM specs has this method and path' });
    send(res, { status: 404, json: { errorMessages: ['No such operation (emulator: not in the specs).'], errors: {} } });
    record(`${method} ?`, 404, null);
    return;
  }
  const route = `${op.method} ${op.template}`;
  const caller = identify(state.site, req);

  const delay = state.faults.delayFor(route);
  if (delay > 0) await sleep(delay);
  const fault = state.faults.faultFor(route);
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    record(route, 'dropped', caller, 'drop');
    return;
  }
  if (fault?.kind === 'timeout') {
    parked.add(res);
    record(route, 'timeout', caller, 'timeout');
    return;
  }
  if (fault?.kind === 'status') {
    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    const error = new HttpError(fault.status, [fault.status === 429 ? 'Rate limit exceeded.' : 'Service unavailable (emulated fault).']);
    send(res, { status: fault.status, json: errorBody(op.spec, error), headers });
    record(route, fault.status, caller, `status ${fault.status}`);
    return;
  }

  const result = await run(state, op, req, url, rawBody, caller);
  send(res, result);
  record(route, result.status, caller);
  state.site.deliverEvents();
}

async function run(state: ServerState, op: MatchedOperation, req: IncomingMessage, url: URL, rawBody: Buffer | null, caller: SiteUser | null): Promise<RouteResult> {
  const method = op.method;
  const path = url.pathname;
  const route = `${op.method} ${op.template}`;
  let requestViolations = 0;
  const violation = (direction: Violation['direction'], where: string, message: string) => {
    if (direction === 'request') requestViolations += 1;
    state.violations.push({ method, path, route, direction, where, message });
  };

  if (rawBody === null) return { status: 413, json: errorBody(op.spec, new HttpError(413, ['The request is too large.'])) };
  if (!caller) return { status: 401, json: errorBody(op.spec, new HttpError(401, ['You are not authenticated. Authentication required to perform this operation.'])) };

  const contentType = String(req.headers['content-type'] ?? '');
  let body: unknown;
  if (rawBody.length > 0 && contentType.toLowerCase().startsWith('application/json')) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      violation('request', 'body', 'is not valid JSON');
      return { status: 400, json: errorBody(op.spec, new HttpError(400, ['Unexpected character in the request body: it is not valid JSON.'])) };
    }
  }
  const problems = [
    ...checkParameters(op, url.searchParams),
    ...checkRequestBody(op, contentType, rawBody.length > 0 ? (body ?? rawBody) : undefined),
  ];
  for (const p of problems) violation('request', p.where, p.message);
  if (problems.length > 0) {
    // Jira answers a body in the wrong media type (fetch's default text/plain, say) with 415.
    if (problems.some((p) => p.where === 'headers.content-type')) {
      return { status: 415, json: errorBody(op.spec, new HttpError(415, problems.map((p) => `${p.where}: ${p.message}`))) };
    }
    return { status: 400, json: errorBody(op.spec, new HttpError(400, problems.map((p) => `${p.where}: ${p.message}`))) };
  }

  const removed = REMOVED_OPERATIONS[route];
  if (removed) {
    violation('request', 'route', `removed from Jira Cloud: ${removed}`);
    return { status: 410, json: errorBody(op.spec, new HttpError(410, [`This operation has been removed: ${removed}.`])) };
  }
  const handler = ROUTES[route];
  let result: RouteResult;
  if (!handler) {
    // Documented by Atlassian but not emulated: the app has started using something new.
    violation('request', 'route', 'the emulator does not implement this operation yet');
    result = { status: 501, json: errorBody(op.spec, new HttpError(501, [`The emulator does not implement ${route}.`])) };
    return result;
  }
  const ctx: RouteContext = {
    site: state.site,
    caller,
    params: op.pathParams,
    query: url.searchParams,
    body,
    rawBody,
    headers: req.headers,
    baseUrl: state.baseUrl,
    limits: state.limits,
    reportViolation: (where, message) => violation('request', where, message),
  };
  try {
    result = await handler(ctx);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    result = { status: error.status, json: errorBody(op.spec, error), ...(error.status === 429 ? { headers: { 'retry-after': '1' } } : {}) };
  }
  // An answer to a request the caller got wrong is the emulator's improvisation, not Jira's contract.
  if (requestViolations === 0) {
    const responseProblems = checkResponse(op, result.status, result.json !== undefined ? 'application/json' : (result.bytes?.contentType ?? null), result.json);
    for (const p of responseProblems) violation('response', p.where, p.message);
  }
  return result;
}

function send(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (result.json !== undefined) {
    const text = JSON.stringify(result.json);
    headers['content-type'] = 'application/json;charset=UTF-8';
    res.writeHead(result.status, headers);
    res.end(text);
  } else if (result.bytes) {
    headers['content-type'] = result.bytes.contentType;
    headers['content-length'] = String(result.bytes.data.byteLength);
    res.writeHead(result.status, headers);
    res.end(Buffer.from(result.bytes.data.buffer, result.bytes.data.byteOffset, result.bytes.data.byteLength));
  } else {
    res.writeHead(result.status, headers);
    res.end();
  }
}

/** Routes that belong to the emulator, not to Jira: attachment media (the 303 target) and avatars. */
function emulatorOwnRoute(state: ServerState, method: string, path: string, query: URLSearchParams): RouteResult & { route: string } {
  const media = /^\/_emulator\/media\/([^/]+)$/.exec(path);
  if (method === 'GET' && media) {
    const attachment = state.site.attachments.get(media[1] ?? '');
    if (!attachment || query.get('token') !== attachment.mediaToken) return { route: '/_emulator/media/{id}', status: 404, json: { error: 'not found' } };
    return { route: '/_emulator/media/{id}', status: 200, bytes: { contentType: attachment.mimeType, data: attachment.content } };
  }
  if (method === 'GET' && path.startsWith('/_emulator/avatar/')) {
    // A 1×1 transparent PNG is all an avatar needs to be here.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    return { route: '/_emulator/avatar/{id}', status: 200, bytes: { contentType: 'image/png', data: png } };
  }
  return { route: path, status: 404, json: { error: 'not found' } };
}
