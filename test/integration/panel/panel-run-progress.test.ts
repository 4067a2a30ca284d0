/**
 * While a run works, the panel says what it is doing under "En curs": reading the files, raising the
 * service tickets, how many ens of how many it has integrated, writing the results. Against the Jira
 * emulator and the HTTP backend, the panel asked at each step as an agent would see it on refresh. What a
 * killed run left behind is not shown once another run holds the ticket, and a delivery with nothing to do
 * costs no progress write.
 */
import type { FetchLike } from '../../../src/adapters/backend/http-client';
import { issuesOf } from '../../../src/cli/simulate-report';
import { kvsKeys } from '../../../src/domain/idempotency';
import type { Clock } from '../../../src/ports/clock';
import type { PipelineStep } from '../../../src/usecases/process-ticket/deps';
import { ajuntaments, template } from '../pipeline/fixtures';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { panelCalls } from './panel-calls';

const U = DEMO.users;

describe("the panel's 'En curs' line during a run", () => {
  // The pipeline's clock: each integration takes 4 s, more than the interval between two count writes.
  let now = Date.parse('2027-03-15T09:00:00Z');
  const clock: Clock = { now: () => new Date(now), sleep: async () => undefined };
  let key = '';
  const seen: string[] = [];
  let panel: ReturnType<typeof panelCalls>;
  const seenEs: string[] = [];
  const look = async (): Promise<void> => {
    const state = await panel.call(U.agent, key, 'getPanelState');
    seen.push(`${state.run.status}: ${state.run.step ?? '-'}`);
    // A Spanish-speaking agent on a service ticket the run has raised sees the original's run.
    const clone = issuesOf(h.emulator).find((issue) => issue.key !== key);
    if (clone) {
      const es = await panel.call(U.agentEs, clone.key, 'getPanelState');
      seenEs.push(`${es.run.status}: ${es.run.step ?? '-'}`);
    }
  };
  const slowBackend: FetchLike = async (url, init) => {
    await look();
    now += 4_000;
    return fetch(url, init);
  };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      backend: 'http',
      clock,
      integrationConcurrency: 1,
      fetch: slowBackend,
      hooks: {
        afterStep: async (step: PipelineStep, issueKey: string) => {
          if (issueKey === key && (step === 'attachments-read' || step === 'clones' || step === 'updated')) await look();
        },
      },
    });
    panel = panelCalls(h, clock);
  });
  afterAll(() => h.stop());

  it('says which step, and how many ens of how many, then nothing once the run is over', async () => {
    key = h.raise({ files: { 'alta.xlsx': template([...ajuntaments(2, 'OVER'), ...ajuntaments(2, 'e-NOTUM', 10)]) } });
    await h.drain();
    // The two services integrate one ens at a time each, side by side: the count covers both.
    expect(seen.slice(0, 2)).toEqual(['running: Llegint els fitxers adjunts', 'running: Creant els tiquets de cada servei']);
    expect(seen).toContain('running: Integrant els ens: 0 de 4');
    expect(seen.some((s) => /^running: Integrant els ens: [1-3] de 4$/.test(s))).toBe(true);
    expect(seen.at(-1)).toBe('running: Escrivint els resultats als tiquets');
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual({ status: 'idle', since: null, step: null });
    expect(await h.kvs.get(kvsKeys.runProgress(key))).toBeUndefined();
  });

  it('in Spanish too, on the service ticket the run also works on', () => {
    expect(seenEs).toContain('running: Integrando los entes: 0 de 4');
    expect(seenEs.at(-1)).toBe('running: Escribiendo los resultados en las solicitudes');
  });

  it('a delivery with nothing new to do writes no progress', async () => {
    const sets: string[] = [];
    const original = h.kvs.set.bind(h.kvs);
    h.kvs.set = async (k: string, v: unknown) => {
      sets.push(k);
      return original(k, v);
    };
    try {
      expect(h.queue.redeliver()).toBeGreaterThan(0);
      await h.drain();
    } finally {
      h.kvs.set = original;
    }
    // The job did run (it found nothing new), and wrote no step for the panel.
    expect(h.outcomes.at(-1)).toMatchObject({ status: 'processed', outcome: { status: 'nothing-new', issueKey: key } });
    expect(sets.filter((k) => k === kvsKeys.runProgress(key))).toEqual([]);
  });

  it('does not show what a killed run left behind once another run holds the ticket', async () => {
    await h.kvs.set(kvsKeys.runProgress(key), { eventId: 'a-killed-run', step: 'integrating', done: 3, total: 9, at: clock.now().toISOString() });
    // Its lease was taken over by a live run with another event: only that run's progress may show.
    await h.kvs.set(kvsKeys.runLease(key), { eventId: 'the-live-run', attempt: 0, expiresAt: new Date(now + 60_000).toISOString() });
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toMatchObject({ status: 'running', step: null });
    await h.kvs.delete(kvsKeys.runLease(key));
  });
});
