/**
 * Retry and decision runs cut short by their time budget go on in new jobs like a batch run does
 * (long-run.test.ts), and resume as the same run: the agent who pressed "Executa" after fixing the
 * certificate, confirmed held rows, or the MUX owner who asked to integrate now, sees every ens
 * integrated exactly once, one results comment, one run in the history and the panel idle and done.
 * The clock is the pipeline's: each integration moves it 10 s on, the budget is 60 s.
 */
import type { FetchLike } from '../../../src/adapters/backend/http-client';
import type { PanelState } from '../../../src/contracts/panel';
import type { Settings } from '../../../src/domain/settings';
import type { Clock } from '../../../src/ports/clock';
import { ajuntament, template, type FixtureRow } from './fixtures';
import { backendPostsPerKey, DEMO, duplicateEveryPush, fixCertificate, issueOf, outcomeStatuses, startHarness, storedRunState as runStateOf, type Harness } from './harness';
import { panelFor, type PanelCall } from './panel-client';

const U = DEMO.users;
const ROWS = 20;
const BACKEND_MS = 10_000;
const BUDGET_MS = 60_000;
// 6 ens fit in 60 s at 10 s each: 6 + 6 + 6 + 2, so the panel's job and three continuations.
const CUT_THEN_DONE = ['continued', 'continued', 'continued'];

interface SlowTicket {
  h: Harness;
  panel: PanelCall;
  key: string;
}

/** A harness whose backend takes 10 s per ens on the pipeline's clock (which starts now: the panel's dates). */
async function slowHarness(settings?: (s: Settings) => void, refuse?: { codiEns: string; requests: number }): Promise<Harness> {
  let now = Date.now();
  const clock: Clock = { now: () => new Date(now), sleep: async () => undefined };
  const slowBackend: FetchLike = async (url, init) => {
    now += BACKEND_MS;
    if (refuse && init.body?.includes(`"codiEns":"${refuse.codiEns}"`)) {
      refuse.requests += 1;
      return new Response(JSON.stringify({ code: 'ens_refused', message: 'Aquest ens no pot usar el servei' }), { status: 422 });
    }
    return fetch(url, init);
  };
  return startHarness({
    backend: 'http',
    clock,
    runBudgetMs: BUDGET_MS,
    integrationConcurrency: 1,
    fetch: slowBackend,
    ...(settings ? { settings } : {}),
  });
}

/** Raises the ticket and runs its batch run, which integrates nothing (rows blocked or held). */
async function raised(rows: readonly FixtureRow[], settings?: (s: Settings) => void, refuse?: { codiEns: string; requests: number }): Promise<SlowTicket> {
  const h = await slowHarness(settings, refuse);
  const key = h.raise({ files: { 'alta.xlsx': template(rows) } });
  await h.drain();
  expect(h.backend!.integrations).toHaveLength(0);
  return { h, panel: panelFor(h), key };
}

/** What the agent's action and its continuations did, as the people involved see it. */
async function afterRun(t: SlowTicket, act: () => Promise<unknown>, options: { duplicates?: boolean } = {}) {
  const { h, key } = t;
  const outcomesBefore = h.outcomes.length;
  const ticketBefore = issueOf(h, key);
  const runsBefore = runStateOf(h, key).runs.length;
  await act();
  // Each continuation delivered twice.
  if (options.duplicates) duplicateEveryPush(h);
  await h.drain();
  const perKey = backendPostsPerKey(h);
  const ticket = issueOf(h, key);
  const state = runStateOf(h, key);
  return {
    outcomes: outcomeStatuses(h, outcomesBefore),
    posts: [...perKey.values()].reduce((n, count) => n + count, 0),
    perKey,
    integrated: h.backend!.integrations.filter((x) => x.result === 'integrated').map((x) => x.codiEns),
    newComments: ticket.comments.slice(ticketBefore.comments.length),
    newRuns: state.runs.slice(runsBefore),
    state,
    panel: await t.panel<PanelState>(U.agent, key, 'getPanelState'),
  };
}

const overRows = Array.from({ length: ROWS }, (_, i) => ajuntament(i, { service: 'OVER' }));
const noCertificate = (s: Settings) => void (s.certificate.current = null);

/** What every cut run must end with, whatever it was. */
function expectDoneOnce(run: Awaited<ReturnType<typeof afterRun>>, kind: 'retry' | 'decisions'): void {
  // Each ens reached the backend once, under one key, and was integrated once.
  expect(run.posts).toBe(ROWS);
  expect(run.perKey.size).toBe(ROWS);
  expect([...run.perKey.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(run.integrated).size).toBe(ROWS);
  expect(run.integrated).toHaveLength(ROWS);
  // One results comment for the agents, one word for the requester, written by the part that finished.
  expect(run.newComments.filter((c) => !c.public)).toHaveLength(1);
  expect(run.newComments.filter((c) => c.public)).toHaveLength(1);
  expect(run.newComments.find((c) => !c.public)!.text).toMatch(new RegExp(`${ROWS} integrats`));
  // One run in the history, of the kind asked for, done with every row integrated.
  expect(run.newRuns).toHaveLength(1);
  expect(run.newRuns[0]).toMatchObject({ kind, outcome: 'done', counts: expect.objectContaining({ integrated: ROWS }) });
  expect(run.state.state).toBe('done');
  expect(run.state.retries.pending).toBeNull();
  expect(run.state.decisions.pending).toBeNull();
  // The panel: nothing running, every row integrated, the run done at the top of the history.
  expect(run.panel.run.status).toBe('idle');
  expect(run.panel.rows.map((r) => r.status)).toEqual(Array(ROWS).fill('integrated'));
  expect(run.panel.history[0]).toMatchObject({ trigger: 'panel', outcome: 'done' });
}

describe('a retry run cut short by its time budget', () => {
  it('resumes as the same retry in new jobs: each ens integrated once, one comment, the panel done', async () => {
    const t = await raised(overRows, noCertificate);
    try {
      await fixCertificate(t.h);
      const run = await afterRun(t, () => t.panel(U.agent, t.key, 'run'));
      expect(run.outcomes).toEqual([...CUT_THEN_DONE, 'retry']);
      expectDoneOnce(run, 'retry');
      // The continuations ran as the agent's retry, and said so: not a run no person asked for.
      expect(run.newComments.find((c) => !c.public)!.text).toContain('Marta Puig');
      expect(run.panel.history[0]!.by).toMatchObject({ displayName: 'Marta Puig' });
    } finally {
      await t.h.stop();
    }
  });

  it('ends the same when every continuation is delivered twice', async () => {
    const t = await raised(overRows, noCertificate);
    try {
      await fixCertificate(t.h);
      const run = await afterRun(t, () => t.panel(U.agent, t.key, 'run'), { duplicates: true });
      // The continuations were delivered twice: more deliveries than the four jobs of the run.
      expect(run.outcomes.length).toBeGreaterThan(CUT_THEN_DONE.length + 1);
      expectDoneOnce(run, 'retry');
    } finally {
      await t.h.stop();
    }
  });
});

describe('a decision run cut short by its time budget', () => {
  // Names that do not match the codi d'ens: rows held for an agent to confirm.
  const heldRows = overRows.map((row, i) => ({ ...row, name: `Ajuntament de Can Inventat ${i + 1}` }));

  async function confirmAll(t: SlowTicket): Promise<void> {
    const waiting = (await t.panel<PanelState>(U.agent, t.key, 'getPanelState')).rows.filter((r) => r.status === 'waiting');
    expect(waiting).toHaveLength(ROWS);
    await t.panel(U.agent, t.key, 'decideRows', { rowIds: waiting.map((r) => r.id), decision: 'confirm' });
    await t.panel(U.agent, t.key, 'run');
  }

  it('integrates the confirmed rows once over new jobs, with one comment naming who confirmed them', async () => {
    const t = await raised(heldRows);
    try {
      const run = await afterRun(t, () => confirmAll(t));
      expect(run.outcomes).toEqual([...CUT_THEN_DONE, 'decisions']);
      expectDoneOnce(run, 'decisions');
      expect(run.newComments.find((c) => !c.public)!.text).toContain('Marta Puig');
      expect(run.state.decisions.applied).toHaveLength(1);
    } finally {
      await t.h.stop();
    }
  });

  it('ends the same when every continuation is delivered twice', async () => {
    const t = await raised(heldRows);
    try {
      const run = await afterRun(t, () => confirmAll(t), { duplicates: true });
      // The continuations were delivered twice: more deliveries than the four jobs of the run.
      expect(run.outcomes.length).toBeGreaterThan(CUT_THEN_DONE.length + 1);
      expectDoneOnce(run, 'decisions');
    } finally {
      await t.h.stop();
    }
  });

  it('resumes the decision run first, without trying the refused row again in each continuation', async () => {
    // One more ens the backend refuses: it stays open, and the job's retry run tries it before the decisions.
    const refused = ajuntament(200, { service: 'OVER' });
    const refuse = { codiEns: refused.codiEns, requests: 0 };
    const t = await raised([...heldRows, refused], undefined, refuse);
    try {
      expect(refuse.requests).toBe(1);
      const run = await afterRun(t, () => confirmAll(t));
      // The panel's job: the retry (refused again) and the decisions, cut; then the decisions go on alone.
      expect(run.outcomes).toEqual([...CUT_THEN_DONE, 'decisions']);
      expect(refuse.requests).toBe(2);
      expect(run.newRuns.map((r) => [r.kind, r.outcome])).toEqual([['retry', 'review'], ['decisions', 'done']]);
      expect(run.newComments.filter((c) => !c.public)).toHaveLength(2);
      expect(run.integrated).toHaveLength(ROWS);
      expect([...run.perKey.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await t.h.stop();
    }
  });

  it("integrates the MUX owner's \"integrate now\" once, and drops the waiting label once every ens is in", async () => {
    const muxRows = Array.from({ length: ROWS }, (_, i) => ajuntament(100 + i, { service: 'MUX', productionDate: '2020-01-01' }));
    const t = await raised(muxRows);
    try {
      expect(issueOf(t.h, t.key).labels).toContain('setdiba-pendent-data-pro');
      const run = await afterRun(t, () => t.panel(U.muxOwner, t.key, 'integrateMuxNow'));
      expect(run.outcomes).toEqual([...CUT_THEN_DONE, 'decisions']);
      expectDoneOnce(run, 'decisions');
      expect(issueOf(t.h, t.key).labels).not.toContain('setdiba-pendent-data-pro');
    } finally {
      await t.h.stop();
    }
  });
});
