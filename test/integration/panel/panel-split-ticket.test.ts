/**
 * Every ticket the app raised is workable from its own panel (issue 10, item 3): a service ticket of a
 * split shows its rows (the split's workbook), its held rows can be decided, its assisted checklist
 * ticked, a run started, and a MUX service ticket has its MUX section — whatever the internal comment
 * tells agents to do "from the panel" can be done there.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import type { PanelState } from '../../../src/contracts/panel';
import type { RunState } from '../../../src/domain/run-state';
import { madridToday } from '../../../src/usecases/panel/panel-state';
import type { Service } from '../../../src/domain/services';
import { ajuntament, template } from '../pipeline/fixtures';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { panelCalls } from './panel-calls';

const U = DEMO.users;

type Download = { fileName: string; mimeType: string; contentBase64: string };
const ROWS = [
  ajuntament(240, { service: 'MUX' }),
  ajuntament(241, { service: 'OVER' }),
  ajuntament(242, { service: 'OVER', name: 'Ajuntament de Can Inventat' }), // name.mismatch: held
];

describe('a service ticket raised by a split', () => {
  let h: Harness;
  let key: string;
  let over: string;
  let mux: string;
  let panel: ReturnType<typeof panelCalls>;
  beforeAll(async () => {
    h = await startHarness({ backend: 'assisted', settings: (s) => void (s.splitMode = 'umbrella') });
    panel = panelCalls(h);
    key = h.raise({ files: { 'alta.xlsx': template(ROWS) } });
    await h.drain();
    const tickets = (h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState).tickets;
    over = tickets.OVER!;
    mux = tickets.MUX!;
  });
  afterAll(() => h.stop());

  it('lists its file and its rows, with the assisted checklist', async () => {
    const state = await panel.call(U.agent, over, 'getPanelState');
    expect(state.cloneOf).toBe(key);
    expect(state.attachments.map((a) => [a.status, a.rowCount])).toEqual([['read', 2]]);
    expect(state.rows.map((r) => [r.codiEns, r.status])).toEqual([
      [ROWS[1]!.codiEns, 'pending'],
      [ROWS[2]!.codiEns, 'waiting'],
    ]);
    expect(state.checklist?.map((s) => s.codiEns)).toEqual([ROWS[1]!.codiEns]);
  });

  it('confirms a held row and runs from the service ticket; the results land on it', async () => {
    const held = (await panel.call(U.agent, over, 'getPanelState')).rows.find((r) => r.status === 'waiting')!;
    const confirmed = await panel.call(U.agent, over, 'decideRows', { rowIds: [held.id], decision: 'confirm' });
    expect(confirmed.rows.find((r) => r.id === held.id)?.status).toBe('confirmed');
    const before = issuesOf(h.emulator).find((i) => i.key === over)!.comments.length;
    await panel.call(U.agent, over, 'run');
    await h.drain();
    const added = issuesOf(h.emulator).find((i) => i.key === over)!.comments.slice(before);
    expect(added.some((c) => !c.public && c.text.includes('Marta Puig'))).toBe(true);
    const state = await panel.call(U.agent, over, 'getPanelState');
    expect(state.checklist?.map((s) => s.codiEns).sort()).toEqual([ROWS[1]!.codiEns, ROWS[2]!.codiEns].sort());
  });

  it('ticks a checklist step on the service ticket', async () => {
    const before = await panel.call(U.agent, over, 'getPanelState');
    const step = before.checklist![0]!;
    const state = await panel.call(U.agent, over, 'markChecklistStep', { stepId: step.id, done: true });
    expect(state.checklist?.find((s) => s.id === step.id)).toMatchObject({ done: true, doneBy: { displayName: 'Marta Puig' } });
    // The ens integrated by hand reads "Integrada" in the Files tab, not "Pendent"; the other row is as it was.
    const statusOf = (s: PanelState) => Object.fromEntries(s.rows.map((r) => [r.codiEns, r.status]));
    expect(statusOf(before)[step.codiEns]).toBe('pending');
    expect(statusOf(state)).toEqual({ ...statusOf(before), [step.codiEns]: 'integrated' });
    // Unticked (a mistake), it is pending again.
    const undone = await panel.call(U.agent, over, 'markChecklistStep', { stepId: step.id, done: false });
    expect(statusOf(undone)[step.codiEns]).toBe('pending');
    expect(undone.checklist?.find((s) => s.id === step.id)).toMatchObject({ done: false });
    await panel.call(U.agent, over, 'markChecklistStep', { stepId: step.id, done: true });
  });

  it('has the MUX section on the MUX service ticket, where a date can be recorded', async () => {
    const today = madridToday(new Date());
    const before = await panel.call(U.agent, mux, 'getPanelState');
    expect(before.mux.applicable).toBe(true);
    expect(before.rows.map((r) => r.status)).toEqual(['mux-pending']);
    const state = await panel.call(U.agent, mux, 'setMuxProductionDate', { date: today });
    expect(state.mux.ens?.map((e) => [e.date, e.due])).toEqual([[today, true]]);
  });

  /** Descarrega el fitxer d'OVER from a ticket's plan, read back with the app's own template reader. */
  const download = async (issueKey: string, service: Service) => {
    const file = (await panel.call(U.agent, issueKey, 'downloadServiceWorkbook', { service })) as unknown as Download;
    const read = await h.pipeline.deps.templates.read(Buffer.from(file.contentBase64, 'base64'), file.fileName, { service, extraAliases: {} });
    return { fileName: file.fileName, rows: read.entities.map((e) => [e.codiEns, e.name, e.service]) };
  };

  it("downloads the service ticket's own rows, which live on the original", async () => {
    const file = await download(over, 'OVER');
    // The same name as the workbook the split attached to it.
    expect(file.fileName).toBe(`SetDIBA-OVER-${key}.xlsx`);
    expect(file.rows).toEqual([
      [ROWS[1]!.codiEns, ROWS[1]!.name, 'OVER'],
      [ROWS[2]!.codiEns, ROWS[2]!.name, 'OVER'],
    ]);
    expect((await download(mux, 'MUX')).rows).toEqual([[ROWS[0]!.codiEns, ROWS[0]!.name, 'MUX']]);
  });

  it('after a corrected file on the original, downloads the latest row of each ens, as the Files tab shows them', async () => {
    const corrected = ajuntament(242, { service: 'OVER' });
    h.emulator.site.addAttachment(key, { filename: 'alta-corregida.xlsx', content: template([corrected]), author: U.setdibaCustomer });
    await h.drain();
    const state = await panel.call(U.agent, over, 'getPanelState');
    expect(state.rows.map((r) => [r.codiEns, r.status === 'replaced'])).toEqual([
      [ROWS[1]!.codiEns, false],
      [ROWS[2]!.codiEns, true],
      [corrected.codiEns, false],
    ]);
    expect((await download(over, 'OVER')).rows).toEqual([
      [ROWS[1]!.codiEns, ROWS[1]!.name, 'OVER'],
      [corrected.codiEns, corrected.name, 'OVER'],
    ]);
  });
});
