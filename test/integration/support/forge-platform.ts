/**
 * The Forge platform as the Forge entry-point tests replace it: `@forge/api`'s requestJira goes to the
 * local Jira emulator (as the app, or as the invocation's user), `@forge/kvs` is an in-memory store and
 * `@forge/events`' Queue records what is pushed.
 *
 * jest.mock factories are hoisted above the imports and may not use the test's variables, so each test
 * requires this module inside its factory:
 *
 *   jest.mock('@forge/api', () => jest.requireActual('../support/forge-platform').forgeApiMock());
 *
 * and imports `forgePlatform` to set it up. requireActual and import go through the same module
 * registry, so the factory and the test share one `forgePlatform`.
 */
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { settingsStorageKey, type Settings } from '../../../src/domain/settings';
import { DEMO, type JiraEmulator } from '../../../src/emulator';

export interface PushedEvent {
  body: Record<string, unknown>;
}

export const forgePlatform = {
  baseUrl: '',
  appAccountId: '',
  /** The user a resolver invocation runs as (Forge's `asUser()` takes it from the invocation). */
  currentUser: '',
  pushed: [] as PushedEvent[],
  store: null as MemoryKeyValueStore | null,
};

/** Points the platform at a running emulator, with a fresh store that holds the demo project's settings. */
export async function useEmulator(emulator: JiraEmulator, settings: Settings): Promise<void> {
  forgePlatform.baseUrl = emulator.baseUrl;
  forgePlatform.appAccountId = emulator.site.appAccountId;
  forgePlatform.store = new MemoryKeyValueStore();
  await forgePlatform.store.set(settingsStorageKey(DEMO.projectKey), { revision: 1, updatedAt: null, updatedBy: null, settings });
}

type RequestInitLike = { method?: string; headers?: Record<string, string>; body?: string | ArrayBuffer };

function requestJira(accountId: () => string) {
  return async (route: { value: string }, init: RequestInitLike = {}) =>
    fetch(`${forgePlatform.baseUrl}${route.value}`, {
      ...(init.method ? { method: init.method } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      headers: { ...init.headers, 'X-Emulator-User': accountId() },
      redirect: 'manual',
    });
}

/** `@forge/api` with asApp/asUser on the emulator; `fetch` also puts Node's fetch on the default export. */
export function forgeApiMock(options: { fetch?: boolean } = {}) {
  const actual = jest.requireActual('@forge/api');
  const asApp = () => ({ requestJira: requestJira(() => forgePlatform.appAccountId) });
  const asUser = () => ({ requestJira: requestJira(() => forgePlatform.currentUser) });
  const api = {
    ...actual.default,
    asApp,
    asUser,
    ...(options.fetch ? { fetch: (url: string, init: RequestInit) => fetch(url, init) } : {}),
  };
  return { __esModule: true, ...actual, default: api, asApp, asUser };
}

/** `@forge/kvs` on `forgePlatform.store`, including FAIL_IF_EXISTS and prefix queries. */
export function forgeKvsMock() {
  const actual = jest.requireActual('@forge/kvs');
  const store = () => {
    if (!forgePlatform.store) throw new Error('the test has not set up the store');
    return forgePlatform.store;
  };
  const kvs = {
    get: (key: string) => store().get(key),
    set: async (key: string, value: unknown, options?: { keyPolicy?: string }) => {
      if (options?.keyPolicy !== 'FAIL_IF_EXISTS') return store().set(key, value);
      if (!(await store().setIfAbsent(key, value))) {
        throw new actual.ForgeKvsAPIError({ status: 409, statusText: 'Conflict', traceId: null }, { code: 'KEY_CONFLICT', message: 'exists' });
      }
    },
    delete: (key: string) => store().delete(key),
    getSecret: (key: string) => store().getSecret(key),
    setSecret: (key: string, value: string) => store().setSecret(key, value),
    deleteSecret: (key: string) => store().deleteSecret(key),
    query: () => {
      let prefix = '';
      let limit = 100;
      const builder = {
        // The store only ever asks for a key prefix (WhereConditions.beginsWith).
        where: (_field: string, condition: { condition: string; values: string[] }) => {
          if (condition.condition !== 'BEGINS_WITH') throw new Error(`unexpected condition ${condition.condition}`);
          prefix = condition.values[0] ?? '';
          return builder;
        },
        limit: (n: number) => {
          limit = n;
          return builder;
        },
        cursor: () => builder,
        getMany: async () => ({ results: await store().list(prefix, limit), nextCursor: undefined }),
      };
      return builder;
    },
  };
  return { __esModule: true, ...actual, kvs };
}

/** `@forge/events` whose Queue records pushes in `forgePlatform.pushed`. */
export function forgeEventsMock() {
  const actual = jest.requireActual('@forge/events');
  class Queue {
    constructor(readonly options: { key: string }) {}
    async push(events: PushedEvent[]) {
      forgePlatform.pushed.push(...events);
      return { jobId: `job-${forgePlatform.pushed.length}` };
    }
  }
  return { __esModule: true, ...actual, Queue };
}
