/**
 * A run its time budget cuts short goes on in a new job, as many times as it takes, and in the end every
 * ens is integrated exactly once and the ticket gets its comments once — as if the run had never been
 * cut. The clock is the pipeline's: each integration moves it 10 s on, the budget is 60 s.
 */
import type { FetchLike } from '../../../src/adapters/backend/http-client';
import { issuesOf } from '../../../src/cli/simulate-report';
import type { RunState } from '../../../src/domain/run-state';
import type { Clock } from '../../../src/ports/clock';
import { ajuntaments, template } from './fixtures';
import { duplicateEveryPush, outcomeStatuses, startHarness, type Harness } from './harness';

const ROWS = 20;
const BACKEND_MS = 10_000;
const BUDGET_MS = 60_000;

async function cutRun(options: { duplicateContinuations?: boolean } = {}) {
  let now = Date.parse('2027-03-15T09:00:00Z');
  const clock: Clock = { now: () => new Date(now), sleep: async () => undefined };
  // The backend takes 10 s per ens on the pipeline's clock.
  const slowBackend: FetchLike = async (url, init) => {
    now += BACKEND_MS;
    return fetch(url, init);
  };
  const h: Harness = await startHarness({ backend: 'http', clock, runBudgetMs: BUDGET_MS, integrationConcurrency: 1, fetch: slowBackend });
  try {
    const key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(ROWS, 'OVER')) } });
    await h.emulator.idle();
    if (options.duplicateContinuations) {
      // Each continuation delivered twice, as an at-least-once platform may.
      duplicateEveryPush(h);
    }
    await h.drain();
    const issues = issuesOf(h.emulator);
    return {
      key,
      issues,
      pushed: h.queue.pushed.length,
      outcomes: outcomeStatuses(h),
      integrationRequests: h.backend!.requests.filter((r) => r.method === 'POST').length,
      integrations: h.backend!.integrations,
      state: issues.find((i) => i.key === key)?.properties['setdiba.run'] as RunState,
    };
  } finally {
    await h.stop();
  }
}

describe('a run cut short by its time budget', () => {
  it('continues in new jobs and integrates each ens exactly once, commenting once at the end', async () => {
    const run = await cutRun();
    // 6 ens fit in 60 s at 10 s each: 6 + 6 + 6 + 2, so the trigger's job and three continuations.
    expect(run.pushed).toBe(4);
    expect(run.outcomes).toEqual(['continued', 'continued', 'continued', 'done']);
    expect(run.integrationRequests).toBe(ROWS);
    expect(run.integrations).toHaveLength(ROWS);
    expect(new Set(run.integrations.map((x) => x.codiEns)).size).toBe(ROWS);
    expect(run.integrations.every((x) => x.result === 'integrated')).toBe(true);
    // The requester and the agents hear of it once, when everything is done.
    const ticket = run.issues.find((i) => i.key === run.key)!;
    expect(ticket.comments.filter((c) => c.public)).toHaveLength(1);
    expect(ticket.comments.filter((c) => !c.public)).toHaveLength(1);
    expect(run.state.state).toBe('done');
    expect(run.state.batches.every((b) => b.done)).toBe(true);
    // One run in the history, as for a run that was never cut, with every row integrated.
    expect(run.state.runs).toHaveLength(1);
    expect(run.state.runs[0]).toMatchObject({ outcome: 'done', counts: expect.objectContaining({ integrated: ROWS }) });
  });

  it('ends the same when every continuation is delivered twice', async () => {
    const run = await cutRun({ duplicateContinuations: true });
    // The continuations were delivered twice: more deliveries than jobs pushed.
    expect(run.outcomes.length).toBeGreaterThan(run.pushed);
    expect(run.integrationRequests).toBe(ROWS);
    expect(new Set(run.integrations.map((x) => x.codiEns)).size).toBe(ROWS);
    const ticket = run.issues.find((i) => i.key === run.key)!;
    expect(ticket.comments).toHaveLength(2);
    expect(run.state.state).toBe('done');
  });
});
