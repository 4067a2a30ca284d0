/**
 * An in-memory Forge KVS that speaks the wire protocol @forge/kvs 1.6.5 uses (node_modules/@forge/kvs/
 * out/storage-api.js): `POST /api/v1/<op>` with a JSON body, errors as `{ code, message }`. The bundled
 * app's @forge/kvs reaches it through the stubbed `__forge_fetch__({ type: 'kvs' }, path, init)`, so
 * the artifact test exercises the real client, not a mock of it.
 *
 * Only what the app uses: get, set (keyPolicy OVERRIDE / FAIL_IF_EXISTS), delete, query by key prefix
 * with limit and cursor, and the secret store. Atlassian documents no code for a FAIL_IF_EXISTS
 * conflict; 409 KEY_CONFLICT is the one field report (leanzero.hashnode.dev, "Forge KVS locking:
 * FAIL_IF_EXISTS vs TTL leases"), hence `conflict` can be changed by a test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface KvsWireServer {
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  baseUrl: string;
  values: Map<string, unknown>;
  secrets: Map<string, unknown>;
  /** Every operation received (`set`, `query`, `secret/get`…), in order. */
  operations: string[];
  stop(): Promise<void>;
}

export interface KvsWireOptions {
  conflict?: { status: number; code: string };
}

const MAX_QUERY_LIMIT = 100;

const keyBody = z.object({ key: z.string() });
const setBody = z.object({
  key: z.string(),
  value: z.unknown(),
  options: z.object({ keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional() }).passthrough().optional(),
});
const queryBody = z.object({
  limit: z.number().int().positive().optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.tuple([z.string()]) })).optional(),
});

class WireError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WireError(400, 'BAD_REQUEST', 'body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new WireError(400, 'BAD_REQUEST', result.error.message);
  return result.data;
}

export async function startKvsWireServer(options: KvsWireOptions = {}): Promise<KvsWireServer> {
  const values = new Map<string, unknown>();
  const secrets = new Map<string, unknown>();
  const operations: string[] = [];
  const conflict = options.conflict ?? { status: 409, code: 'KEY_CONFLICT' };

  const get = (store: Map<string, unknown>, body: unknown) => {
    const { key } = parse(keyBody, body);
    if (!store.has(key)) throw new WireError(404, 'KEY_NOT_FOUND', `no key ${key}`);
    return { key, value: store.get(key) };
  };
  const set = (store: Map<string, unknown>, body: unknown): undefined => {
    const { key, value, options: setOptions } = parse(setBody, body);
    if (setOptions?.keyPolicy === 'FAIL_IF_EXISTS' && store.has(key)) throw new WireError(conflict.status, conflict.code, `key ${key} exists`);
    // Stored as JSON, as Forge does: what comes back is a copy, never the writer's object.
    store.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return undefined;
  };
  const remove = (store: Map<string, unknown>, body: unknown): undefined => {
    const { key } = parse(keyBody, body);
    if (!store.delete(key)) throw new WireError(404, 'KEY_NOT_FOUND', `no key ${key}`);
    return undefined;
  };
  const query = (body: unknown) => {
    const { limit = MAX_QUERY_LIMIT, after, where } = parse(queryBody, body);
    const prefix = where?.[0]?.values[0] ?? '';
    const keys = [...values.keys()].filter((key) => key.startsWith(prefix)).sort();
    const start = after ? keys.findIndex((key) => key > after) : 0;
    const page = start < 0 ? [] : keys.slice(start, start + Math.min(limit, MAX_QUERY_LIMIT));
    const more = start >= 0 && start + page.length < keys.length;
    return { data: page.map((key) => ({ key, value: values.get(key) })), ...(more ? { cursor: page.at(-1) } : {}) };
  };

  const routes: Record<string, (body: unknown) => unknown> = {
    get: (body) => get(values, body),
    set: (body) => set(values, body),
    delete: (body) => remove(values, body),
    query,
    'secret/get': (body) => get(secrets, body),
    'secret/set': (body) => set(secrets, body),
    'secret/delete': (body) => remove(secrets, body),
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    try {
      const operation = /^\/api\/v1\/(.+)$/.exec(request.url ?? '')?.[1] ?? '';
      const route = routes[operation];
      if (request.method !== 'POST' || !route) throw new WireError(404, 'NOT_FOUND', `${request.method} ${request.url} is not a KVS operation here`);
      operations.push(operation);
      const result = route(await readJson(request));
      reply(result === undefined ? 204 : 200, result);
    } catch (error) {
      if (error instanceof WireError) reply(error.status, { code: error.code, message: error.message });
      else reply(500, { code: 'INTERNAL_SERVER_ERROR', message: String(error) });
    }
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    values,
    secrets,
    operations,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
