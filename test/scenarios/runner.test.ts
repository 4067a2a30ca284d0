/**
 * The scenario runner itself: the clock and its daily-watch hook, how a panel action becomes resolver
 * calls whatever the panel contract offers, steps that fail as their user would see it, and the
 * command line (usage errors, the readable account).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { daysCrossed, noDailyWatch, ScenarioClock, startOfScenarioDay } from '../../src/cli/scenario/clock';
import { runPanelAction, type PanelContractFeatures } from '../../src/cli/scenario/panel-actions';
import { runScenario } from '../../src/cli/scenario/run-scenario';
import { scenarioSchema } from '../../src/cli/scenario/schema';
import { mergePatch } from '../../src/cli/scenario/settings-patch';
import type { StepFailure } from '../../src/cli/scenario/step-failure';
import type { PanelState } from '../../src/contracts/panel';

describe('the scenario clock', () => {
  it('lists every Europe/Madrid day a jump crosses, across the change to summer time', () => {
    expect(daysCrossed(new Date('2027-03-27T09:00:00Z'), new Date('2027-03-29T09:00:00Z'))).toEqual(['2027-03-28', '2027-03-29']);
    // 23:30 UTC on 31 Dec is already 1 Jan in Barcelona.
    expect(daysCrossed(new Date('2026-12-31T12:00:00Z'), new Date('2026-12-31T23:30:00Z'))).toEqual(['2027-01-01']);
    expect(daysCrossed(new Date('2027-02-10T09:00:00Z'), new Date('2027-02-10T20:00:00Z'))).toEqual([]);
  });

  it('starts on the scenario day and only moves forward', () => {
    const clock = new ScenarioClock(startOfScenarioDay('2027-02-10'));
    expect(clock.today()).toBe('2027-02-10');
    expect(clock.advanceTo(startOfScenarioDay('2027-02-12'))).toEqual(['2027-02-11', '2027-02-12']);
    expect(clock.advanceTo(startOfScenarioDay('2027-02-01'))).toEqual([]);
    expect(clock.today()).toBe('2027-02-12');
  });

  it('runs nothing by default for a day crossed (the daily watch of issue 15 is not there yet)', async () => {
    await expect(noDailyWatch('2027-02-11')).resolves.toBeUndefined();
  });
});

describe('a settings patch', () => {
  it('merges objects field by field, replaces lists, and cannot reach the prototype', () => {
    const base = { splitMode: 'original-keeps-first', services: { MUX: { enabled: true, owner: 'a' } }, labels: ['x'] };
    const patch = JSON.parse('{"services":{"MUX":{"owner":"b"}},"labels":["y"],"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const merged = mergePatch(base, patch);
    expect(merged).toEqual({ splitMode: 'original-keeps-first', services: { MUX: { enabled: true, owner: 'b' } }, labels: ['y'] });
    expect((merged as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('panel actions as the panel would call them', () => {
  const row = (codiEns: string, status: string, service = 'MUX') => ({ id: `a:${codiEns}`, codiEns, status, service });
  const panelState = {
    rows: [row('0800180001', 'waiting'), row('0800230008', 'mux-scheduled'), row('0800390004', 'waiting', 'OVER')],
    checklist: [{ id: 's1', codiEns: '0800180001', done: false }, { id: 's2', codiEns: '0800230008', done: true }],
  } as unknown as PanelState;
  function recorder() {
    const calls: [string, unknown][] = [];
    const invoke = async (fn: string, payload: unknown) => {
      calls.push([fn, payload]);
      return fn === 'getPanelState' ? panelState : { fileName: 'r.csv', mimeType: 'text/csv', contentBase64: 'YQ==' };
    };
    return { calls, invoke, writes: () => calls.filter(([fn]) => fn !== 'getPanelState') };
  }
  const before: PanelContractFeatures = { functions: ['getPanelState', 'decideRows', 'setMuxProductionDate', 'integrateMuxNow'], payloadKeys: (fn) => (fn === 'setMuxProductionDate' ? ['date'] : []) };
  const after: PanelContractFeatures = {
    functions: [...before.functions, 'downloadResults'],
    payloadKeys: (fn) => ({ setMuxProductionDate: ['date', 'rowIds'], integrateMuxNow: ['force'], downloadResults: ['format'] })[fn] ?? [],
  };
  const code = async (promise: Promise<unknown>) => promise.then(() => 'ok', (e: StepFailure) => e.code);

  it('confirms the rows waiting for a decision, or the ens named, with the reason', async () => {
    const r = recorder();
    await runPanelAction(r.invoke, { action: 'confirm', reason: 'ok' }, before);
    await runPanelAction(r.invoke, { action: 'reject', ens: ['0800390004'] }, before);
    expect(r.writes()).toEqual([
      ['decideRows', { rowIds: ['a:0800180001', 'a:0800390004'], decision: 'confirm', reason: 'ok' }],
      ['decideRows', { rowIds: ['a:0800390004'], decision: 'reject' }],
    ]);
    expect(await code(runPanelAction(r.invoke, { action: 'confirm', ens: ['0899999999'] }, before))).toBe('no_matching_rows');
  });

  it('refuses per-ens dates, forcing and the results download until the contract offers them', async () => {
    const r = recorder();
    expect(await code(runPanelAction(r.invoke, { action: 'mux-date', date: '2027-03-01', ens: ['0800230008'] }, before))).toBe('unsupported_action');
    expect(await code(runPanelAction(r.invoke, { action: 'integrate-mux', force: true, ens: ['0800230008'], reason: 'r' }, before))).toBe('unsupported_action');
    expect(await code(runPanelAction(r.invoke, { action: 'download-results' }, before))).toBe('unsupported_action');
    expect(r.writes()).toEqual([]);
  });

  it('maps them to the contract once it has them', async () => {
    const r = recorder();
    await runPanelAction(r.invoke, { action: 'mux-date', date: '2027-03-01', ens: ['0800230008'] }, after);
    await runPanelAction(r.invoke, { action: 'integrate-mux', force: true, ens: ['0800230008'], reason: 'urgent' }, after);
    const file = await runPanelAction(r.invoke, { action: 'download-results', format: 'xlsx' }, after);
    await runPanelAction(r.invoke, { action: 'checklist-done' }, after);
    expect(r.writes()).toEqual([
      ['setMuxProductionDate', { date: '2027-03-01', rowIds: ['a:0800230008'] }],
      ['integrateMuxNow', { force: { rowId: 'a:0800230008', reason: 'urgent' } }],
      ['downloadResults', { format: 'xlsx' }],
      ['markChecklistStep', { stepId: 's1', done: true }],
    ]);
    expect(file).toEqual({ fileName: 'r.csv', mimeType: 'text/csv', bytes: 1 });
  });
});

describe('a scenario run', () => {
  it('calls the daily watch for every day a clock step crosses, and failing steps do not stop it', async () => {
    const watched: string[] = [];
    const scenario = scenarioSchema.parse({
      now: '2027-02-10',
      steps: [
        { do: 'panel', ticket: 'origin', action: 'state' },
        { do: 'clock', days: 3 },
        { do: 'clock', to: '2027-02-12' },
        { do: 'settings', as: 'customer', backendToken: 'x' },
        { do: 'settings', as: 'nobody', backendToken: 'x' },
        { do: 'raise', reporter: 'customer-es', files: [{ name: 'a.xlsx', template: { service: 'OVER', count: 1 } }] },
        { do: 'panel', ticket: 'origin', as: 'customer-es', action: 'state' },
        { do: 'attach', ticket: 'origin', as: 'outsider', files: [{ name: 'b.xlsx', template: { service: 'OVER', count: 1 } }] },
        { do: 'clock', to: '2027-02-15' },
      ],
    });
    const { report } = await runScenario(scenario, { dir: tmpdir(), lang: 'en', dailyWatch: async (day) => void watched.push(day) });
    expect(report.steps.map((s) => [s.do, s.ok, s.error?.code ?? null])).toEqual([
      ['panel', false, 'unknown_ticket'],
      ['clock', true, null],
      ['clock', false, 'clock_backwards'],
      ['settings', false, 'forbidden'],
      ['settings', false, 'unknown_user'],
      ['raise', true, null],
      ['panel', false, 'forbidden'],
      ['attach', false, 'jira_404'],
      ['clock', true, null],
    ]);
    expect(report.steps[1]!.result).toEqual({ today: '2027-02-13', daysCrossed: ['2027-02-11', '2027-02-12', '2027-02-13'] });
    expect(watched).toEqual(['2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14', '2027-02-15']);
    // The Spanish-speaking customer sees their request, its files and its public comments, nothing internal.
    const request = report.issues[0]!;
    expect(request.reporter).toBe('customer-setdiba-es');
    expect(request.customerView?.attachments).toEqual(['a.xlsx']);
    expect(request.comments.filter((c) => !c.public).length).toBeGreaterThan(0);
    expect(request.customerView?.comments.length).toBe(request.comments.filter((c) => c.public).length);
  }, 60_000);
});

describe('setdiba simulate --script on the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'setdiba-scenario-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ steps: [{ do: 'panel', ticket: 'origin', action: 'dance' }] }));
    writeFileSync(
      join(dir, 'life.json'),
      JSON.stringify({ now: '2027-02-10', steps: [{ do: 'raise', files: [{ name: 'plantilla.xlsx', template: { service: 'OVER', count: 1 } }] }] }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir });
    return { code, stdout, stderr };
  }

  it('refuses template files next to a scenario, and a scenario that is not valid, naming the step', async () => {
    expect(await cli(['simulate', '--script', 'life.json', 'plantilla.xlsx'])).toMatchObject({ code: 2 });
    const bad = await cli(['simulate', '--script', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('steps.0.action');
    expect((await cli(['simulate', '--script', 'missing.json'])).stderr).toContain('ENOENT');
  });

  it('tells the life step by step, then what the requester sees', async () => {
    const { code, stdout } = await cli(['simulate', '--script', 'life.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('Pas 1: raise');
    expect(stdout).toContain('fet: SUP-1');
    expect(stdout).toContain('SUP-1: adjunt plantilla.xlsx');
    expect(stdout).toContain('El sol·licitant veu');
  }, 60_000);
});
