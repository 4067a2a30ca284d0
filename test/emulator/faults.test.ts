import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { FaultPlan } from '../../src/emulator/faults';
import { call } from './helpers';

const { agent } = DEMO.users;
const MYSELF = 'GET /rest/api/3/myself';

async function statuses(jira: JiraEmulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await call(jira, agent, 'GET', '/rest/api/3/myself')).status);
  return out;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('emulator: scripted faults and the call log', () => {
  test('the Nth call of a route fails with 429 and Retry-After; the call log says so', async () => {
    const jira = await startJiraEmulator({ faults: [{ route: MYSELF, nth: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } }] });
    try {
      await call(jira, agent, 'GET', '/rest/api/3/myself');
      const limited = await call(jira, agent, 'GET', '/rest/api/3/myself');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.json.errorMessages).toHaveLength(1);
      expect((await call(jira, agent, 'GET', '/rest/api/3/myself')).status).toBe(200);
      expect(jira.calls.map((c) => [c.route, c.status, c.caller, c.fault ?? null])).toEqual([
        [MYSELF, 200, agent, null],
        [MYSELF, 429, agent, 'status 429'],
        [MYSELF, 200, agent, null],
      ]);
      expect(jira.calls.every((c) => typeof c.ms === 'number')).toBe(true);
    } finally {
      await jira.stop();
    }
  });

  test('500 and 503 added at run time, with the JSM error shape on JSM routes', async () => {
    const jira = await startJiraEmulator();
    try {
      jira.faults.add({ route: 'GET /rest/servicedeskapi/organization', nth: [1, 2], fault: 503 });
      jira.faults.add({ route: 'GET /rest/api/3/issueLinkType', nth: 1, fault: 500 });
      const unavailable = await call(jira, agent, 'GET', '/rest/servicedeskapi/organization');
      expect(unavailable.status).toBe(503);
      expect(typeof unavailable.json.errorMessage).toBe('string');
      expect((await call(jira, agent, 'GET', '/rest/servicedeskapi/organization')).status).toBe(503);
      expect((await call(jira, agent, 'GET', '/rest/servicedeskapi/organization')).status).toBe(200);
      expect((await call(jira, agent, 'GET', '/rest/api/3/issueLinkType')).status).toBe(500);
      jira.faults.clear();
      expect((await call(jira, agent, 'GET', '/rest/api/3/issueLinkType')).status).toBe(200);
    } finally {
      await jira.stop();
    }
  });

  test('a dropped connection makes the client fail without a response', async () => {
    const jira = await startJiraEmulator({ faults: [{ route: MYSELF, nth: 1, fault: 'drop' }] });
    try {
      await expect(call(jira, agent, 'GET', '/rest/api/3/myself')).rejects.toThrow();
      expect(jira.calls[0]?.status).toBe('dropped');
      expect((await call(jira, agent, 'GET', '/rest/api/3/myself')).status).toBe(200);
    } finally {
      await jira.stop();
    }
  });

  test('a timeout never answers: the client gives up, and stop() still closes cleanly', async () => {
    const jira = await startJiraEmulator({ faults: [{ route: MYSELF, nth: [1, 2], fault: 'timeout' }] });
    const aborter = new AbortController();
    const abandoned = fetch(`${jira.baseUrl}/rest/api/3/myself`, { headers: jira.authHeaders(agent), signal: aborter.signal });
    await until(() => jira.calls.length === 1);
    aborter.abort();
    await expect(abandoned).rejects.toThrow();
    const pendingAtStop = fetch(`${jira.baseUrl}/rest/api/3/myself`, { headers: jira.authHeaders(agent) });
    await until(() => jira.calls.length === 2);
    await jira.stop();
    await expect(pendingAtStop).rejects.toThrow();
    expect(jira.calls.map((c) => c.status)).toEqual(['timeout', 'timeout']);
  });

  test('random faults are the same for the same seed and differ for another', async () => {
    const run = async (randomSeed: number) => {
      const jira = await startJiraEmulator({ seed: 'demo', randomSeed, faults: [{ route: '*', rate: 0.5, fault: 503 }] });
      try {
        return await statuses(jira, 24);
      } finally {
        await jira.stop();
      }
    };
    const first = await run(42);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run(42)).toEqual(first);
    expect(await run(7)).not.toEqual(first);
  });

  test('latency: fixed, or drawn from a range by the seeded generator, per route if asked', () => {
    const a = new FaultPlan(3, [], { minMs: 10, maxMs: 200 }, { [MYSELF]: 5 });
    const b = new FaultPlan(3, [], { minMs: 10, maxMs: 200 });
    const drawsA = Array.from({ length: 10 }, () => a.delayFor('GET /rest/api/3/issue/{issueIdOrKey}'));
    const drawsB = Array.from({ length: 10 }, () => b.delayFor('GET /rest/api/3/issue/{issueIdOrKey}'));
    expect(drawsA).toEqual(drawsB);
    expect(drawsA.every((d) => d >= 10 && d <= 200)).toBe(true);
    expect(new Set(drawsA).size).toBeGreaterThan(1);
    expect(a.delayFor(MYSELF)).toBe(5);
    expect(new FaultPlan(1).delayFor(MYSELF)).toBe(0);
  });
});
