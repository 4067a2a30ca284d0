/**
 * The life of a ticket after a settings fix (issue 10, defect 1): rows blocked by the certificate, or
 * failed because the backend refused the token, are integrated by the next run from the panel — exactly
 * those rows, exactly once, reported in a comment and in the history. The confirmation says what the run
 * will do before it starts, and a run that changes nothing says so and still appears in the history.
 */
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import { backendTokenSecretKey, settingsStorageKey, type Settings } from '../../../src/domain/settings';
import type { RunState } from '../../../src/domain/run-state';
import { ajuntaments, template } from './fixtures';
import { certificateBlock, DEMO, startHarness, type Harness } from './harness';
import { panelFor, type PanelCall } from './panel-client';

const U = DEMO.users;
const issue = (h: Harness, key: string): IssueSnapshot => issuesOf(h.emulator).find((i) => i.key === key)!;
const runState = (h: Harness, key: string) => h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState;

async function patchSettings(h: Harness, patch: (s: Settings) => void): Promise<void> {
  const key = settingsStorageKey(DEMO.projectKey);
  const stored = (await h.kvs.get<{ revision: number; settings: Settings }>(key))!;
  const settings = structuredClone(stored.settings);
  patch(settings);
  await h.kvs.set(key, { ...stored, revision: stored.revision + 1, settings });
}

describe('a run from the panel after the certificate is fixed', () => {
  let h: Harness;
  let panel: PanelCall;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http', settings: (s) => void (s.certificate.current = null) });
    panel = panelFor(h);
    key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(3, 'OVER')) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  it('first leaves every row blocked and integrates nothing', async () => {
    expect(h.backend!.integrations).toHaveLength(0);
    const state = await panel(U.agent, key, 'getPanelState');
    expect(state.rows.map((r) => r.status)).toEqual(['blocked', 'blocked', 'blocked']);
  });

  it('confirms what the run will do, then integrates exactly the blocked rows once and reports them', async () => {
    const certificate = await certificateBlock();
    await patchSettings(h, (s) => (s.certificate = structuredClone(certificate)));
    const before = await panel(U.agent, key, 'getPanelState');
    expect(before.plan?.writes.some((w) => w.includes('Integrar 3 ens'))).toBe(true);
    const comments = issue(h, key).comments.length;

    await panel(U.agent, key, 'run');
    await h.drain();

    expect(h.backend!.integrations.map((x) => x.result)).toEqual(['integrated', 'integrated', 'integrated']);
    const added = issue(h, key).comments.slice(comments);
    expect(added.some((c) => !c.public && /3 ens [^:]*: 3 integrats\./.test(c.text))).toBe(true);
    const after = await panel(U.agent, key, 'getPanelState');
    expect(after.rows.map((r) => r.status)).toEqual(['integrated', 'integrated', 'integrated']);
    expect(after.history[0]).toMatchObject({ trigger: 'panel', by: { displayName: expect.any(String) }, outcome: 'done' });
    expect(after.history[0]!.summary).toContain('3 integrats');
  });

  it('says a further run writes nothing, and records that run in the history', async () => {
    const before = await panel(U.agent, key, 'getPanelState');
    expect(before.plan?.writes).toEqual([]);
    const runs = runState(h, key).runs.length;
    const comments = issue(h, key).comments.length;
    await panel(U.agent, key, 'run');
    await h.drain();
    expect(h.backend!.integrations).toHaveLength(3);
    expect(issue(h, key).comments).toHaveLength(comments);
    expect(runState(h, key).runs).toHaveLength(runs + 1);
    const after = await panel(U.agent, key, 'getPanelState');
    expect(after.history[0]).toMatchObject({ trigger: 'panel', outcome: 'done' });
  });
});

describe('a run from the panel after the backend token is fixed', () => {
  let h: Harness;
  let panel: PanelCall;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    await h.kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), 'a-wrong-token');
    panel = panelFor(h);
    key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(2, 'OVER')) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  it('shows the refused rows as failed, with the reason in the caller\'s language', async () => {
    expect(h.backend!.integrations).toHaveLength(0);
    const internal = issue(h, key).comments.filter((c) => !c.public).map((c) => c.text).join('\n');
    expect(internal).not.toContain('refused the token');
    const state = await panel(U.agent, key, 'getPanelState');
    expect(state.rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(state.rows[0]!.problems.map((p) => p.message).join(' ')).toMatch(/testimoni|token/i);
    expect(state.rows[0]!.problems.map((p) => p.message).join(' ')).not.toContain('refused');
  });

  it('integrates them on the next run once the token is right, and not again after', async () => {
    await h.kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), h.backend!.token!);
    const before = await panel(U.agent, key, 'getPanelState');
    expect(before.plan?.writes.some((w) => w.includes('Integrar 2 ens'))).toBe(true);
    await panel(U.agent, key, 'run');
    await h.drain();
    expect(h.backend!.integrations.map((x) => x.result)).toEqual(['integrated', 'integrated']);
    await panel(U.agent, key, 'run');
    await h.drain();
    expect(h.backend!.integrations).toHaveLength(2);
    expect((await panel(U.agent, key, 'getPanelState')).rows.map((r) => r.status)).toEqual(['integrated', 'integrated']);
  });
});
