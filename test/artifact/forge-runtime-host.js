// @ts-check
/**
 * Runs in a child process (forked by forge-bundle.test.ts): loads the bundle `npm run bundle` built
 * (forge-bundle/index.cjs), with nothing of the Forge runtime but the two globals the @forge/* packages
 * inside the bundle read (see node_modules/@forge/api/out/api/fetch.js and runtime.js,
 * @forge/kvs/out/index.js, @forge/events/out/queue.js):
 *
 * - `__forge_runtime__`: metrics, the app context, the invocation's remaining time.
 * - `__forge_fetch__(target, path, init)`: the platform's egress proxy.
 *   - `{ type: 'fpp', remote: 'jira', provider: 'app' | 'user' | 'none', accountId? }` → the Jira
 *     emulator, naming the caller in its user header: the app, or the invocation's user for `asUser()`.
 *   - `{ type: 'fpp', remote: 'stargate', provider: 'app' }` + `/webhook/queue/publish/…` → the push is
 *     sent to the parent (which feeds it to the consumer) and answered 201, as Forge does.
 *   - `{ type: 'kvs' }` → the in-memory KVS wire server.
 *
 * Plain CommonJS, no transpiler: the test also runs it under Node's permission model, and a loader that
 * spawns a compiler would only blur what is being tested.
 *
 * The parent sends `{ id, fn, args, accountId? }`; the host calls `index.<fn>(...args)` and answers
 * `{ id, result }` or `{ id, error }`. `accountId` is the user of that invocation (resolvers).
 */
'use strict';

const path = require('node:path');

const { FORGE_BUNDLE, JIRA_URL, JIRA_USER_HEADER, APP_ACCOUNT_ID, KVS_URL } = process.env;
if (!FORGE_BUNDLE || !JIRA_URL || !JIRA_USER_HEADER || !APP_ACCOUNT_ID || !KVS_URL) {
  throw new Error('forge-runtime-host: FORGE_BUNDLE, JIRA_URL, JIRA_USER_HEADER, APP_ACCOUNT_ID and KVS_URL are required');
}
const send = (/** @type {unknown} */ message) => {
  if (!process.send) throw new Error('forge-runtime-host must be forked with an IPC channel');
  process.send(message);
};

/** The user of the invocation being run; null for product events and queue deliveries. */
let invocationUser = /** @type {string | null} */ (null);

const noopTimer = { stop: () => undefined };
// any: the runtime object is whatever @forge/api reads; only those fields are provided.
/** @type {any} */ (globalThis).__forge_runtime__ = {
  metrics: {
    counter: () => ({ incr: () => undefined }),
    timing: () => ({ measure: () => noopTimer }),
  },
  appContext: {
    appId: '00000000-0000-0000-0000-000000000000',
    appVersion: '1.0.0',
    environmentId: 'artifact-test',
    environmentType: 'DEVELOPMENT',
    invocationId: 'artifact-test',
    installationId: 'artifact-test',
    moduleKey: 'artifact-test',
  },
  lambdaContext: { getRemainingTimeInMillis: () => 900_000 },
  tracing: { traceId: 'artifact-test', spanId: 'artifact-test' },
};

/**
 * @param {{ type: string, provider?: string, remote?: string, accountId?: string }} target
 * @param {string} requestPath
 * @param {RequestInit & { headers?: Record<string, string> }} [init]
 */
async function forgeFetch(target, requestPath, init = {}) {
  if (target.type === 'kvs') return fetch(`${KVS_URL}${requestPath}`, init);
  if (target.type === 'fpp' && target.remote === 'jira') {
    const caller = target.provider === 'user' ? (target.accountId ?? invocationUser) : APP_ACCOUNT_ID;
    // asUser() outside a user's invocation: Forge answers that the user must authenticate.
    if (!caller) return new Response('', { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
    return fetch(`${JIRA_URL}${requestPath}`, {
      ...init,
      headers: { ...init.headers, [String(JIRA_USER_HEADER)]: caller },
      // requestJira hands redirects back (attachment content answers 303 without redirect=false).
      redirect: 'manual',
    });
  }
  if (target.type === 'fpp' && target.remote === 'stargate' && requestPath.startsWith('/webhook/queue/publish/')) {
    const request = JSON.parse(String(init.body));
    send({ pushed: { queueName: request.queueName, jobId: request.jobId, payload: request.payload } });
    return new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } });
  }
  return new Response(JSON.stringify({ message: `artifact test: no stand-in for ${JSON.stringify(target)} ${requestPath}` }), { status: 501 });
}
// any: the global is read by the @forge/* packages inside the bundle, which declare no type for it.
/** @type {any} */ (globalThis).__forge_fetch__ = forgeFetch;

/** @type {Record<string, (...args: unknown[]) => Promise<unknown>>} */
const app = require(path.join(FORGE_BUNDLE, 'index.cjs'));

process.on('message', (/** @type {{ id: number, fn: string, args: unknown[], accountId?: string }} */ message) => {
  const { id, fn, args, accountId } = message;
  invocationUser = accountId ?? null;
  const handler = app[fn];
  const run = typeof handler === 'function' ? handler(...args) : Promise.reject(new Error(`the bundle exports no function ${fn}`));
  Promise.resolve(run).then(
    (result) => send({ id, result: result === undefined ? null : result }),
    (/** @type {unknown} */ error) =>
      send({ id, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) } }),
  );
});
send({ ready: true, exports: Object.keys(app), workersAllowed: !process.permission || process.permission.has('worker') });
