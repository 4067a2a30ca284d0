/**
 * End to end through the issue panel's real resolver and the real pipeline, against the Jira emulator:
 * what agents decide in the panel is honoured by the next run — confirmed rows integrated, rejected ones
 * reported with the agent's reason, MUX ens integrated once the owner asks and the date is reached —
 * exactly once, with a results comment of its own, and every run in the panel's history.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import type { RunState } from '../../../src/domain/run-state';
import type { PanelState } from '../../../src/contracts/panel';
import { canDecideRow } from '../../../src/contracts/row-decision';
import { handlePanelCall } from '../../../src/handlers/panel-resolver';
import type { PanelDeps } from '../../../src/usecases/panel';
import type { FaultRule } from '../../../src/emulator';
import type { PipelineStep } from '../../../src/usecases/process-ticket/deps';
import { ajuntament, template } from '../pipeline/fixtures';
import { DEMO, fastClock, startHarness, type Harness } from '../pipeline/harness';

const U = DEMO.users;
const REASON = 'Aquest ens no el gestiona SetDIBA';

const FILES = () => ({
  'alta.xlsx': template([
    ajuntament(200, { service: 'MUX', productionDate: '2020-01-01' }),
    ajuntament(201, { service: 'OVER' }),
    ajuntament(202, { service: 'OVER', name: 'Ajuntament de Can Inventat' }), // name.mismatch: waits
    ajuntament(203, { service: 'OVER', name: 'Ajuntament de Can Somiat' }), // name.mismatch: waits
  ]),
});

function panelFor(h: Harness) {
  const jiraAs = (accountId: string | null) =>
    new JiraClient(
      new FetchJiraTransport({
        baseUrl: h.emulator.baseUrl,
        identity: accountId ? { kind: 'user', accountId } : { kind: 'app' },
        headers: h.emulator.authHeaders(accountId ?? h.emulator.site.appAccountId),
      }),
    );
  const makeDeps = (accountId: string): PanelDeps => ({
    jiraAsUser: jiraAs(accountId),
    jiraAsApp: jiraAs(null),
    clock: fastClock,
    pipeline: panelPipeline(h.pipeline),
  });
  return async (accountId: string, issueKey: string, functionKey: string, payload: unknown = {}): Promise<PanelState> => {
    const result = await handlePanelCall(makeDeps, { functionKey, payload, issueKey, accountId });
    if (!result.ok) throw new Error(`${functionKey}: ${result.error.message}`);
    return result.data as PanelState;
  };
}

const issue = (h: Harness, key: string): IssueSnapshot => issuesOf(h.emulator).find((i) => i.key === key)!;
const runState = (h: Harness, key: string) => h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState;
const waitingRows = (state: PanelState) => state.rows.filter((r) => r.status === 'waiting');

describe('decisions taken in the panel', () => {
  let h: Harness;
  let key: string;
  let clone: string;
  let panel: ReturnType<typeof panelFor>;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    panel = panelFor(h);
    key = h.raise({ files: FILES() });
    await h.drain();
    clone = runState(h, key).tickets.OVER!;
  });
  afterAll(() => h.stop());

  it('start with the warning rows held and nothing decided', async () => {
    const state = await panel(U.agent, key, 'getPanelState');
    expect(waitingRows(state).map((r) => r.row)).toEqual([4, 5]);
    expect(h.backend!.integrations.map((x) => x.service)).toEqual(['OVER']);
  });

  it('preview a finished run as writing nothing: the MUX owner already has the ticket', async () => {
    const state = await panel(U.agent, key, 'getPanelState');
    expect(issue(h, key).assignee).toBeTruthy();
    // Nothing new was attached or decided: the MUX owner already has the original, the clone already
    // carries its labels, so a run would write nothing and the confirmation must say so.
    expect(state.plan?.writes).toEqual([]);
  });

  it('integrate the confirmed row and report the rejected one with the agent\'s reason, once', async () => {
    const [confirm, reject] = waitingRows(await panel(U.agent, key, 'getPanelState'));
    await panel(U.agent, key, 'decideRows', { rowIds: [confirm!.id], decision: 'confirm' });
    await panel(U.agent, key, 'decideRows', { rowIds: [reject!.id], decision: 'reject', reason: REASON });
    // Every held row is decided: the plan no longer says some await confirmation (it did until the run).
    const decided = await panel(U.agent, key, 'getPanelState');
    const over = decided.plan?.services.find((service) => service.service === 'OVER');
    expect(over?.reviewReasons).not.toContain('Hi ha files amb avisos que esperen confirmació.');
    const before = issue(h, clone).comments.length;
    await panel(U.agent, key, 'run');
    await h.drain();

    expect(h.backend!.integrations.filter((x) => x.codiEns === confirm!.codiEns)).toHaveLength(1);
    const added = issue(h, clone).comments.slice(before);
    expect(added.map((c) => c.public)).toEqual([true, false]);
    expect(added[0]!.text).toContain(`fila 5: un agent l'ha rebutjada: ${REASON}`);
    expect(added[1]!.text).toContain('Resultat de les decisions preses al panell del tiquet per Marta Puig.');
    expect(added[1]!.text).toContain('2 ens en aquest tiquet: 1 integrat i 1 rebutjat.');

    const state = await panel(U.agent, key, 'getPanelState');
    expect(state.rows.find((r) => r.id === confirm!.id)?.status).toBe('integrated');
    expect(state.rows.find((r) => r.id === reject!.id)?.status).toBe('rejected');
  });

  it('change nothing when the run is asked for again', async () => {
    const comments = issuesOf(h.emulator).map((i) => i.comments.length);
    const integrations = h.backend!.integrations.length;
    await panel(U.agent, key, 'run');
    await h.drain();
    expect(issuesOf(h.emulator).map((i) => i.comments.length)).toEqual(comments);
    expect(h.backend!.integrations).toHaveLength(integrations);
  });

  it('integrate the MUX ens when the owner asks once its date (the template\'s) is reached', async () => {
    const before = issue(h, key).comments.length;
    await panel(U.muxOwner, key, 'integrateMuxNow');
    await h.drain();
    expect(h.backend!.integrations.filter((x) => x.service === 'MUX')).toHaveLength(1);
    const added = issue(h, key).comments.slice(before);
    // The requester hears the ens is in production; the agents get the results.
    expect(added.map((c) => c.public)).toEqual([true, false]);
    expect(added[0]!.text).toMatch(/Ja en producció: .+\./);
    expect(added[1]!.text).toContain('Pere Soler ha demanat integrar els ens MUX; data de pas a producció: 1 de gener de 2020.');
    expect(added[1]!.text).toContain('1 ens en aquest tiquet: 1 integrat.');
    expect(issue(h, key).labels).not.toContain('setdiba-pendent-data-pro');
    expect((await panel(U.agent, key, 'getPanelState')).mux.integrated).toBe(true);
  });

  it('list every run in the history: when, by what or whom, outcome, tickets and comments', async () => {
    const { history } = await panel(U.agent, key, 'getPanelState');
    expect(history.map((e) => [e.trigger, e.by?.displayName ?? null, e.outcome, e.createdTickets, e.comments.length])).toEqual([
      ['panel', 'Pere Soler', 'done', [], 2],
      // The run asked for with nothing to do is in the history too, with no comment.
      ['panel', 'Marta Puig', 'done', [], 0],
      ['panel', 'Marta Puig', 'done', [], 2],
      // The split ticket's status for the requester is one of them.
      ['created', null, 'needs-review', [clone], 4],
    ]);
    // The reason typed with the rejection is kept with the run.
    expect(history[2]!.summary).toBe(`Marta Puig ha rebutjat 1 fila; no s'integrarà. Motiu: ${REASON} 2 ens: 1 integrat i 1 rebutjat.`);
    expect(history.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // Every comment the history names is on one of the tickets.
    const ids = new Set(issuesOf(h.emulator).flatMap((i) => h.emulator.site.issue(i.key)!.commentIds));
    expect(history.flatMap((e) => e.comments).every((c) => ids.has(c.id))).toBe(true);
  });
});

describe('rows that can no longer be decided', () => {
  let h: Harness;
  let panel: ReturnType<typeof panelFor>;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    panel = panelFor(h);
  });
  afterAll(() => h.stop());

  it('a held row a corrected file replaced is neither offered nor accepted: the corrected row stands for the ens', async () => {
    const key = h.raise({ files: { 'alta.xlsx': template([ajuntament(220, { service: 'OVER', name: 'Ajuntament de Can Inventat' })]) } });
    await h.drain();
    const [held] = waitingRows(await panel(U.agent, key, 'getPanelState'));
    h.emulator.site.addAttachment(key, { filename: 'alta-corregida.xlsx', content: template([ajuntament(220, { service: 'OVER' })]), author: DEMO.users.setdibaCustomer });
    await h.drain();
    const state = await panel(U.agent, key, 'getPanelState');
    const replaced = state.rows.find((r) => r.id === held!.id)!;
    expect(replaced.status).toBe('replaced');
    expect(canDecideRow(replaced)).toBe(false); // the Files tab's rule: no buttons
    await expect(panel(U.agent, key, 'decideRows', { rowIds: [held!.id], decision: 'reject', reason: REASON })).rejects.toThrow(
      /decideRows: Aquestes files no esperen confirmació: /,
    );
    expect((h.emulator.site.issue(key)!.properties.get('setdiba.panel') as { decisions?: unknown[] } | undefined)?.decisions ?? []).toEqual([]);
  });
});

describe('a decision run killed after every step', () => {
  /**
   * Runs the ticket, decides, then runs again with the process dying after the n-th step (0: never)
   * or with `fault` failing one call of the decision run.
   */
  async function decideAndRun(crashAt: number, fault?: FaultRule): Promise<{ h: Harness; key: string; steps: PipelineStep[]; calls: string[] }> {
    let armed = false;
    let seen = 0;
    const steps: PipelineStep[] = [];
    const h = await startHarness({
      backend: 'http',
      hooks: {
        afterStep: (step) => {
          if (!armed) return;
          steps.push(step);
          if (++seen === crashAt) throw new Error(`simulated crash after ${step}`);
        },
      },
    });
    const key = h.raise({ files: FILES() });
    await h.drain();
    const panel = panelFor(h);
    const [confirm, reject] = waitingRows(await panel(U.agent, key, 'getPanelState'));
    await panel(U.agent, key, 'decideRows', { rowIds: [confirm!.id], decision: 'confirm' });
    await panel(U.agent, key, 'decideRows', { rowIds: [reject!.id], decision: 'reject', reason: REASON });
    armed = true;
    await panel(U.agent, key, 'run');
    if (fault) h.emulator.faults.add(fault);
    const from = h.emulator.calls.length;
    await h.drain();
    return { h, key, steps, calls: h.emulator.calls.slice(from).map((c) => c.route) };
  }

  function outcome(h: Harness) {
    return {
      integrations: h.backend!.integrations.map((x) => `${x.service} ${x.codiEns}`).sort(),
      comments: issuesOf(h.emulator).map((i) => i.comments.map((c) => `${i.key} ${c.public} ${c.text.slice(0, 80)}`)),
      labels: issuesOf(h.emulator).map((i) => i.labels),
    };
  }

  it('ends with one integration and one results comment, like an undisturbed run', async () => {
    const clean = await decideAndRun(0);
    const expected = outcome(clean.h);
    const steps = clean.steps.length;
    await clean.h.stop();
    expect(clean.steps).toEqual(['loaded', 'decisions-started', 'updated', 'internal-comments', 'done']);
    const failures: string[] = [];
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const run = await decideAndRun(crashAt);
      try {
        expect(outcome(run.h)).toEqual(expected);
        const state = runState(run.h, run.key);
        expect(state.decisions.pending).toBeNull();
        expect(state.runs.filter((r) => r.kind === 'decisions')).toHaveLength(1);
      } catch (e) {
        failures.push(`crash after ${clean.steps[crashAt - 1]}: ${String(e).slice(0, 600)}`);
      } finally {
        await run.h.stop();
      }
    }
    expect(failures).toEqual([]);
  });

  it('ends the same with a 500 or a 429 at every Jira call of the decision run in turn', async () => {
    const clean = await decideAndRun(0);
    const expected = outcome(clean.h);
    await clean.h.stop();
    const seen = new Map<string, number>();
    const targets = clean.calls.map((route) => {
      const nth = (seen.get(route) ?? 0) + 1;
      seen.set(route, nth);
      return { route, nth };
    });
    expect(targets.length).toBeGreaterThan(8);
    const failures: string[] = [];
    for (const [index, target] of targets.entries()) {
      const fault = index % 2 === 0 ? 500 : 429;
      const run = await decideAndRun(0, { ...target, fault });
      try {
        expect(run.h.emulator.calls.filter((c) => c.fault)).toHaveLength(1);
        expect(outcome(run.h)).toEqual(expected);
      } catch (e) {
        failures.push(`${fault} at ${target.route} #${target.nth}: ${String(e).slice(0, 600)}`);
      } finally {
        await run.h.stop();
      }
    }
    expect(failures).toEqual([]);
  });
});
