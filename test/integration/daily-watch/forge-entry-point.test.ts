/**
 * The daily watch's Forge entry point (manifest scheduledTrigger setdiba-daily-watch → index.dailyWatch)
 * with only the platform replaced, as in test/integration/forge: requestJira goes to the local Jira
 * emulator as the app, @forge/kvs is in memory. A certificate about 29 days from its end: one renewal ticket,
 * assigned to the project lead, with one comment; a second invocation the same day writes nothing.
 */
import type { MemoryKeyValueStore as MemoryStore } from '../../../src/adapters/memory/memory-key-value-store';

interface PushedEvent {
  body: Record<string, unknown>;
}

const mockPlatform = {
  baseUrl: '',
  appAccountId: '',
  /** The user a resolver invocation runs as (Forge's `asUser()` takes it from the invocation). */
  currentUser: '',
  pushed: [] as PushedEvent[],
  store: null as MemoryStore | null,
};

function mockRequestJira(accountId: () => string) {
  return async (route: { value: string }, init: { method?: string; headers?: Record<string, string>; body?: string | ArrayBuffer } = {}) =>
    fetch(`${mockPlatform.baseUrl}${route.value}`, {
      ...(init.method ? { method: init.method } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      headers: { ...init.headers, 'X-Emulator-User': accountId() },
      redirect: 'manual',
    });
}

jest.mock('@forge/api', () => {
  const actual = jest.requireActual('@forge/api');
  const asApp = () => ({ requestJira: mockRequestJira(() => mockPlatform.appAccountId) });
  const asUser = () => ({ requestJira: mockRequestJira(() => mockPlatform.currentUser) });
  const api = { ...actual.default, asApp, asUser, fetch: (url: string, init: RequestInit) => fetch(url, init) };
  return { __esModule: true, ...actual, default: api, asApp, asUser };
});

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual('@forge/kvs');
  const store = () => {
    if (!mockPlatform.store) throw new Error('the test has not set up the store');
    return mockPlatform.store;
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
});

jest.mock('@forge/events', () => {
  const actual = jest.requireActual('@forge/events');
  class Queue {
    constructor(readonly options: { key: string }) {}
    async push(events: PushedEvent[]) {
      mockPlatform.pushed.push(...events);
      return { jobId: `job-${mockPlatform.pushed.length}` };
    }
  }
  return { __esModule: true, ...actual, Queue };
});

// Imported after the mocks, so the app sees the stand-ins.
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { makeDemoCertificatePem } from '../../../src/cli/demo-certificate';
import { firstCertificateUpload } from '../../../src/domain/certificate';
import { defaultSettings, settingsStorageKey } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { dailyWatch } from '../../../src/index';

const DAY_MS = 86_400_000;
let emulator: JiraEmulator;

beforeAll(async () => {
  emulator = await startJiraEmulator({ seed: 'demo' });
  mockPlatform.baseUrl = emulator.baseUrl;
  mockPlatform.appAccountId = emulator.site.appAccountId;
  mockPlatform.store = new MemoryKeyValueStore();
  const settings = defaultSettings();
  // The demo certificate is valid from the day before it is made for 730 days: made 700 days ago, 29 days are left.
  const pem = await makeDemoCertificatePem(new Date(Date.now() - 700 * DAY_MS));
  settings.certificate = firstCertificateUpload(Buffer.from(pem), { accountId: DEMO.users.admin, at: new Date() });
  await mockPlatform.store.set(settingsStorageKey(DEMO.projectKey), { revision: 1, updatedAt: null, updatedBy: null, settings });
});
afterAll(async () => emulator.stop());

const renewalTickets = () => [...emulator.site.issues.values()].filter((issue) => issue.summary === 'Renovar el certificat CDA de SetDIBA');

it('raises the renewal ticket once, for the project lead, and tells the 30-day threshold once', async () => {
  await expect(dailyWatch()).resolves.toEqual({ statusCode: 204 });
  await expect(dailyWatch()).resolves.toEqual({ statusCode: 204 });
  const tickets = renewalTickets();
  expect(tickets).toHaveLength(1);
  const project = emulator.site.project(DEMO.projectKey);
  expect(tickets[0]!.assigneeAccountId).toBe(project?.leadAccountId);
  expect(project?.leadAccountId).toBeTruthy();
  const comments = emulator.site.commentsOf(tickets[0]!);
  expect(comments).toHaveLength(1);
  expect(JSON.stringify(comments[0]!.body)).toMatch(/Queden (29|30) dies/);
});
