/**
 * A run asked for from the panel waits in the queue before a consumer takes it (in Forge, seconds and
 * sometimes minutes). Against the Jira emulator with the queue delivered only when the test says so:
 * the panel says "queued" (since when) until the job starts, "running" while it runs and nothing once it
 * is over; meanwhile Executa and the MUX owner's "integrate now" are refused and queue nothing more.
 * A job the platform lost does not leave the ticket queued for ever, and a long run's continuation job
 * shows as queued between the two jobs.
 */
import type { FetchLike } from '../../../src/adapters/backend/http-client';
import type { PanelState } from '../../../src/contracts/panel';
import { RetryableError } from '../../../src/domain/errors';
import type { RunState } from '../../../src/domain/run-state';
import { handleJobDelivery, invocationResult } from '../../../src/handlers/consumer';
import type { Clock } from '../../../src/ports/clock';
import type { PipelineStep } from '../../../src/usecases/process-ticket/deps';
import { QUEUED_RUN_STALE_MS } from '../../../src/usecases/process-ticket/queued-run';
import { ajuntament, ajuntaments, template } from '../pipeline/fixtures';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { panelCalls } from './panel-calls';

const U = DEMO.users;
const QUEUED_SENTENCE = "Ja hi ha un processament en cua per a aquest tiquet: començarà aviat. Espereu que acabi; el panell s'actualitza sol.";

/** Real time, moved on at will (a job lost for longer than the consumer could take). */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), sleep: async () => undefined, advance: (ms) => void (offset += ms) };
}

/** Delivers the oldest queued job to the real consumer, as the platform does when a consumer is free. */
async function deliverOne(h: Harness): Promise<void> {
  const outcome = await h.queue.deliverNext(async (delivery) => invocationResult(await handleJobDelivery(h.pipeline, delivery)));
  if (outcome === null) throw new Error('no job was queued');
}

const runState = (h: Harness, key: string) => h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState;

describe('a run waiting in the queue, as the panel shows it', () => {
  const clock = movableClock();
  let probe: ((step: PipelineStep, issueKey: string) => Promise<void>) | null = null;
  let h: Harness;
  let panel: ReturnType<typeof panelCalls>;
  let key: string;
  let clone: string;

  beforeAll(async () => {
    h = await startHarness({ backend: 'http', clock, hooks: { afterStep: async (step, issueKey) => probe?.(step, issueKey) } });
    panel = panelCalls(h, clock);
    key = h.raise({
      files: {
        'alta.xlsx': template([ajuntament(300, { service: 'MUX', productionDate: '2020-01-01' }), ajuntament(301, { service: 'OVER' })]),
      },
    });
    await h.drain();
    clone = runState(h, key).tickets.OVER!;
  });
  afterAll(() => h.stop());

  it('shows nothing in progress once the first run is over', async () => {
    const state = await panel.call(U.agent, key, 'getPanelState');
    expect(state.run).toEqual({ status: 'idle', since: null, step: null });
    expect(h.queue.pending).toHaveLength(0);
  });

  it('says "queued", and since when, from the moment Executa is confirmed until a consumer takes the job', async () => {
    const before = clock.now().getTime();
    const answer = await panel.call(U.agent, key, 'run');
    expect(answer.run.status).toBe('queued');
    expect(Date.parse(answer.run.since!)).toBeGreaterThanOrEqual(before);
    expect(answer.run.step).toBeNull();
    expect(h.queue.pending).toHaveLength(1);
    // Reloading the panel, on the ticket or on the service ticket its run also works on, says the same.
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual(answer.run);
    expect((await panel.call(U.agent, clone, 'getPanelState')).run).toEqual(answer.run);
  });

  it('refuses Executa and "integrate now" while the job waits, and queues nothing more', async () => {
    for (const issueKey of [key, clone]) {
      const again = await panel.attempt(U.agent, issueKey, 'run');
      expect(again).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
    }
    const mux = await panel.attempt(U.muxOwner, key, 'integrateMuxNow');
    expect(mux).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
    expect(h.queue.pending).toHaveLength(1);
    // Nothing asked of the next run on the owner's behalf either.
    const property = h.emulator.site.issue(key)!.properties.get('setdiba.panel') as { mux?: { integrateRequestedBy?: unknown } } | undefined;
    expect(property?.mux?.integrateRequestedBy ?? null).toBeNull();
  });

  it('says "running" while the run works, and nothing once it is over; Executa is offered again', async () => {
    const seen: PanelState['run']['status'][] = [];
    probe = async (step, issueKey) => {
      if (step === 'loaded' && issueKey === key) seen.push((await panel.call(U.agent, key, 'getPanelState')).run.status);
    };
    try {
      await deliverOne(h);
    } finally {
      probe = null;
    }
    expect(seen).toEqual(['running']);
    expect((await panel.call(U.agent, key, 'getPanelState')).run.status).toBe('idle');
    expect((await panel.call(U.agent, clone, 'getPanelState')).run.status).toBe('idle');
    // The run the agent asked for is in the history (it had nothing new to do).
    expect(runState(h, key).runs.at(-1)).toMatchObject({ kind: 'noop', trigger: { cause: 'panel', reason: 'panel', requestedBy: U.agent } });
  });

  it('queues one job when two agents press Executa at the same moment', async () => {
    const answers = await Promise.all([panel.attempt(U.agent, key, 'run'), panel.attempt(U.agent, clone, 'run')]);
    expect(h.queue.pending).toHaveLength(1);
    for (const answer of answers) {
      // Each either queued the run, found it queued a moment ago, or was told it is queued.
      if (answer.ok) expect(answer.state.run.status).toBe('queued');
      else expect(answer).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
    }
    await h.drain();
    expect((await panel.call(U.agent, key, 'getPanelState')).run.status).toBe('idle');
  });

  it('says "queued" again, since the job was asked for, between an attempt that failed and the retry', async () => {
    const asked = await panel.call(U.agent, key, 'run');
    let failures = 0;
    probe = async (step, issueKey) => {
      if (step === 'loaded' && issueKey === key && failures === 0) {
        failures += 1;
        throw new RetryableError('Jira did not answer');
      }
    };
    try {
      const outcome = await h.queue.deliverNext(async (delivery) => invocationResult(await handleJobDelivery(h.pipeline, delivery)));
      expect(outcome).toBe('retry');
    } finally {
      probe = null;
    }
    expect(failures).toBe(1);
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual(asked.run);
    expect((await panel.call(U.agent, clone, 'getPanelState')).run).toEqual(asked.run);
    expect(await panel.attempt(U.agent, key, 'run')).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
    await deliverOne(h);
    expect((await panel.call(U.agent, key, 'getPanelState')).run.status).toBe('idle');
    expect(h.queue.pending).toHaveLength(0);
  });

  it('stops saying "queued" when the job has not started long after a consumer would have taken it', async () => {
    await panel.call(U.agent, key, 'run');
    expect(h.queue.pending).toHaveLength(1);
    // The platform never delivers it (a lost job): past the consumer's 900 s and the margin, the panel
    // no longer claims it is queued, and Executa queues a new job.
    clock.advance(QUEUED_RUN_STALE_MS + 1_000);
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual({ status: 'idle', since: null, step: null });
    const pressed = clock.now().getTime();
    const again = await panel.call(U.agent, key, 'run');
    expect(again.run.status).toBe('queued');
    expect(Date.parse(again.run.since!)).toBeGreaterThanOrEqual(pressed);
    expect(h.queue.pending).toHaveLength(2);
    // The lost job turns up after all: it runs, and the newer one is still shown queued until it runs too.
    await deliverOne(h);
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual(again.run);
    await deliverOne(h);
    expect((await panel.call(U.agent, key, 'getPanelState')).run.status).toBe('idle');
  });
});

describe('a new ticket whose first job waits in the queue, as the panel shows it', () => {
  const clock = movableClock();
  let h: Harness;
  let panel: ReturnType<typeof panelCalls>;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http', clock });
    panel = panelCalls(h, clock);
  });
  afterAll(() => h.stop());

  it('says "queued" from the moment the ticket arrives, refuses Executa, and runs the ticket once', async () => {
    const before = clock.now().getTime();
    key = h.raise({ files: { 'alta.xlsx': template([ajuntament(310, { service: 'OVER' })]) } });
    await h.emulator.idle();
    expect(h.queue.pending).toHaveLength(1);
    const state = await panel.call(U.agent, key, 'getPanelState');
    expect(state.run.status).toBe('queued');
    expect(Date.parse(state.run.since!)).toBeGreaterThanOrEqual(before);
    expect(await panel.attempt(U.agent, key, 'run')).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
    expect(h.queue.pending).toHaveLength(1);

    await deliverOne(h);
    expect((await panel.call(U.agent, key, 'getPanelState')).run).toEqual({ status: 'idle', since: null, step: null });
    expect(h.backend!.integrations.map((x) => x.service)).toEqual(['OVER']);
  });

  it('a file attached while the first job waits queues its own job, and the panel stays "queued" until both ran', async () => {
    const second = h.raise({ files: { 'alta.xlsx': template([ajuntament(311, { service: 'OVER' })]) } });
    await h.emulator.idle();
    h.emulator.site.addAttachment(second, { filename: 'correccio.xlsx', content: template([ajuntament(312, { service: 'OVER' })]), author: DEMO.users.setdibaCustomer });
    await h.emulator.idle();
    expect(h.queue.pending).toHaveLength(2);
    await deliverOne(h);
    expect((await panel.call(U.agent, second, 'getPanelState')).run.status).toBe('queued');
    await deliverOne(h);
    expect((await panel.call(U.agent, second, 'getPanelState')).run.status).toBe('idle');
  });
});

describe('a long run continued in a new job, as the panel shows it', () => {
  const ROWS = 8;
  const BACKEND_MS = 10_000;
  const BUDGET_MS = 60_000;

  it('is queued, not idle, between the job its budget cut and the continuation', async () => {
    let now = Date.parse('2027-03-15T09:00:00Z');
    const clock: Clock = { now: () => new Date(now), sleep: async () => undefined };
    // The backend takes 10 s per ens on the pipeline's clock: 6 ens fit in the 60 s budget.
    const slowBackend: FetchLike = async (url, init) => {
      now += BACKEND_MS;
      return fetch(url, init);
    };
    const h = await startHarness({ backend: 'http', clock, runBudgetMs: BUDGET_MS, integrationConcurrency: 1, fetch: slowBackend });
    try {
      const panel = panelCalls(h, clock);
      const key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(ROWS, 'OVER')) } });
      await h.emulator.idle();
      await deliverOne(h);
      expect(h.queue.pending).toHaveLength(1);
      const cut = new Date(now).toISOString();
      const waiting = await panel.call(U.agent, key, 'getPanelState');
      expect(waiting.run).toEqual({ status: 'queued', since: cut, step: null });
      expect(await panel.attempt(U.agent, key, 'run')).toEqual({ ok: false, code: 'conflict', message: QUEUED_SENTENCE });
      await deliverOne(h);
      expect(h.queue.pending).toHaveLength(0);
      expect((await panel.call(U.agent, key, 'getPanelState')).run.status).toBe('idle');
      expect(h.backend!.integrations).toHaveLength(ROWS);
    } finally {
      await h.stop();
    }
  });
});
