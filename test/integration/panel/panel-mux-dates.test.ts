/**
 * MUX production dates are per ens (issue 10, item 2), through the panel's real resolver and the real
 * pipeline against the emulator: a template with three MUX ens — one dated in the past, one weeks
 * away, one with no date. The template's dates are each ens's own; a date recorded in the panel goes to
 * the ens without one; changing a dated ens is a choice of rows; a date before the ticket is refused;
 * "integrate now" integrates only what is due and says what waits; the owner can force one ens, with
 * who and why in the history; the pending label goes only when every MUX ens is in.
 */
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import { madridToday } from '../../../src/usecases/panel/panel-state';
import type { PanelState } from '../../../src/contracts/panel';
import { ajuntament, template } from '../pipeline/fixtures';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { panelCalls } from './panel-calls';

const U = DEMO.users;
const PAST = '2020-01-01';
const LATER = '2099-03-15';
const A = ajuntament(210, { service: 'MUX', productionDate: PAST });
const B = ajuntament(211, { service: 'MUX', productionDate: LATER });
const C = ajuntament(212, { service: 'MUX' });

const issue = (h: Harness, key: string): IssueSnapshot => issuesOf(h.emulator).find((i) => i.key === key)!;
const rowOf = (state: PanelState, codiEns: string) => state.rows.find((r) => r.codiEns === codiEns)!;
const muxIntegrations = (h: Harness) => h.backend!.integrations.filter((x) => x.service === 'MUX').map((x) => x.codiEns).sort();

describe('MUX production dates per ens', () => {
  let h: Harness;
  let key: string;
  let panel: ReturnType<typeof panelCalls>;
  const today = madridToday(new Date());
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    panel = panelCalls(h);
    key = h.raise({ files: { 'mux.xlsx': template([A, B, C]) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  it('shows a dated ens as scheduled, never as "date missing"', async () => {
    const state = await panel.call(U.agent, key, 'getPanelState');
    expect([A, B, C].map((e) => rowOf(state, e.codiEns).status)).toEqual(['mux-scheduled', 'mux-scheduled', 'mux-pending']);
    expect(state.mux.ens?.map((e) => [e.codiEns, e.date, e.source])).toEqual([
      [A.codiEns, PAST, 'template'],
      [B.codiEns, LATER, 'template'],
      [C.codiEns, null, null],
    ]);
  });

  it('refuses a date before the ticket was created, with a sentence in the agent\'s language', async () => {
    const answer = await panel.attempt(U.agent, key, 'setMuxProductionDate', { date: '2019-01-01' });
    expect(answer).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(answer.ok ? '' : answer.message).toMatch(/^La data 1 de gener de 2019 és anterior a la creació del tiquet \(.+\)/);
    // The panel knows that day beforehand, so the date field says it as the agent types (MuxTab).
    const created = h.emulator.site.issue(key)!.created;
    expect((await panel.call(U.agent, key, 'getPanelState')).mux.earliestDate).toBe(madridToday(new Date(created)));
  });

  it('gives a recorded date to the ens without one only', async () => {
    const state = await panel.call(U.agent, key, 'setMuxProductionDate', { date: today });
    expect(state.mux.ens?.map((e) => [e.codiEns, e.date, e.source, e.due])).toEqual([
      [A.codiEns, PAST, 'template', true],
      [B.codiEns, LATER, 'template', false],
      [C.codiEns, today, 'panel', true],
    ]);
  });

  it('changes a dated ens only when its row is named', async () => {
    const b = rowOf(await panel.call(U.agent, key, 'getPanelState'), B.codiEns);
    const state = await panel.call(U.agent, key, 'setMuxProductionDate', { date: '2099-01-10', rowIds: [b.id] });
    expect(state.mux.ens?.find((e) => e.codiEns === B.codiEns)).toMatchObject({ date: '2099-01-10', source: 'row', due: false });
    expect(state.mux.ens?.find((e) => e.codiEns === A.codiEns)).toMatchObject({ date: PAST, source: 'template' });
  });

  it('lets only the owner integrate, and integrates only the ens whose date is reached', async () => {
    const refused = await panel.attempt(U.agent, key, 'integrateMuxNow');
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const before = issue(h, key).comments.length;
    await panel.call(U.muxOwner, key, 'integrateMuxNow');
    await h.drain();
    expect(muxIntegrations(h)).toEqual([A.codiEns, C.codiEns].sort());
    const added = issue(h, key).comments.slice(before);
    const results = added.find((c) => !c.public)!;
    expect(results.text).toContain(`L'ens MUX ${B.name} (${B.codiEns}) espera la seva data de pas a producció: 10 de gener de 2099.`);
    // One ens still waits: the ticket keeps waiting for a production date.
    expect(issue(h, key).labels).toContain('setdiba-pendent-data-pro');
    const state = await panel.call(U.agent, key, 'getPanelState');
    expect([A, B, C].map((e) => rowOf(state, e.codiEns).status)).toEqual(['integrated', 'mux-scheduled', 'integrated']);
    expect(state.mux.dateReached).toBe(false);
  });

  it('says until when, rather than integrating, when nothing is due', async () => {
    const answer = await panel.attempt(U.muxOwner, key, 'integrateMuxNow');
    expect(answer).toMatchObject({ ok: false, code: 'conflict' });
    expect(answer.ok ? '' : answer.message).toContain('10 de gener de 2099');
  });

  it('lets the owner force one named ens, with who and why in the history, and then drops the label', async () => {
    const b = rowOf(await panel.call(U.agent, key, 'getPanelState'), B.codiEns);
    const reason = 'SetDIBA ha avançat el pas a producció';
    await panel.call(U.muxOwner, key, 'integrateMuxNow', { force: { rowId: b.id, reason } });
    await h.drain();
    expect(muxIntegrations(h)).toEqual([A.codiEns, B.codiEns, C.codiEns].sort());
    expect(issue(h, key).labels).not.toContain('setdiba-pendent-data-pro');
    const state = await panel.call(U.agent, key, 'getPanelState');
    expect(state.mux.integrated).toBe(true);
    const latest = state.history[0]!;
    expect(latest.by?.displayName).toBe('Pere Soler');
    expect(latest.summary).toContain(B.codiEns);
    expect(latest.summary).toContain(reason);
  });
});
