/**
 * The run state holds the run history and the applied panel decisions; Jira refuses an issue property
 * over 32,768 characters, so both stay bounded whatever happens on a ticket.
 */
import { emptyRunState, fitRunState, MAX_RUNS, RUN_STATE_MAX_CHARS, withRun, type RunRecord } from '../../../src/domain/run-state';

function record(i: number, comments = 4): RunRecord {
  return {
    id: `batch:${String(i).padStart(32, '0')}`,
    kind: 'batch',
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 0, i, 30)).toISOString(),
    trigger: { cause: 'panel', reason: 'panel', requestedBy: '5b10ac8d82e05b22cc7d4ef5' },
    outcome: 'done',
    created: ['SUP-1002', 'SUP-1003', 'SUP-1004'],
    comments: Array.from({ length: comments }, (_, c) => ({ issueKey: `SUP-${1000 + c}`, id: String(100000 + i * 10 + c), public: c % 2 === 0 })),
    counts: { integrated: 300, rejected: 11 },
    message: null,
  };
}

describe('the run state stays within the property limit', () => {
  it('keeps the last runs, and a retry updates its run instead of adding one', () => {
    let state = emptyRunState();
    for (let i = 0; i < 30; i++) state = withRun(state, record(i));
    state = withRun(state, { ...record(29), outcome: 'review' });
    expect(state.runs).toHaveLength(MAX_RUNS);
    expect(state.runs.at(-1)).toMatchObject({ id: record(29).id, outcome: 'review' });
    expect(state.runs[0]!.id).toBe(record(10).id);
  });

  it('drops the oldest history first when runs are large, never the batches', () => {
    let state = emptyRunState();
    state = { ...state, batches: [{ id: 'batch:x', attachmentIds: ['1'], steps: [], done: true, open: { blocked: [], failed: {} } }] };
    for (let i = 0; i < MAX_RUNS; i++) state = withRun(state, record(i, 40));
    state = { ...state, decisions: { applied: Array.from({ length: 500 }, (_, i) => `decision:${String(i).padStart(32, '0')}`), pending: null } };
    const fitted = fitRunState(state);
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(RUN_STATE_MAX_CHARS);
    expect(fitted.batches).toEqual(state.batches);
    expect(fitted.runs.at(-1)!.id).toBe(record(MAX_RUNS - 1).id);
    expect(fitted.runs.length).toBeLessThan(MAX_RUNS);
  });
});
