/**
 * What the requester and the agents see over a ticket's life (issue 10): the requester is answered on
 * every ticket in their language with what is in production and what waits, never with internal data,
 * and never left with a stale "correct these rows"; umbrella mode only for tickets that mix services;
 * the reason of a rejection reaches the internal comment and the history.
 */
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import type { PanelState } from '../../../src/contracts/panel';
import type { RunState } from '../../../src/domain/run-state';
import { ajuntament, template } from './fixtures';
import { certificateBlock, DEMO, startHarness, type Harness } from './harness';
import { panelFor } from './panel-client';

const U = DEMO.users;
const issue = (h: Harness, key: string): IssueSnapshot => issuesOf(h.emulator).find((i) => i.key === key)!;
const publicText = (h: Harness, key: string) => issue(h, key).comments.filter((c) => c.public).map((c) => c.text);
const runState = (h: Harness, key: string) => h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState;

describe('umbrella mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http', settings: (s) => void (s.splitMode = 'umbrella') });
  });
  afterAll(() => h.stop());

  it('keeps a single-service request whole and never tells the customer it mixes services', async () => {
    const before = issuesOf(h.emulator).length;
    const key = h.raise({ files: { 'alta.xlsx': template([ajuntament(10, { service: 'OVER' }), ajuntament(11, { service: 'OVER' })]) } });
    await h.drain();
    expect(issuesOf(h.emulator)).toHaveLength(before + 1);
    expect(h.backend!.integrations.map((x) => x.issueKey)).toEqual([key, key]);
    const said = publicText(h, key).join('\n');
    expect(said).not.toMatch(/diversos serveis|agrupa/);
    expect(said).toContain(ajuntament(10).name);
  });

  it('still splits a request that mixes services, the original grouping them', async () => {
    const key = h.raise({ files: { 'alta.xlsx': template([ajuntament(20, { service: 'OVER' }), ajuntament(21, { service: 'e-NOTUM' })]) } });
    await h.drain();
    expect(Object.values(runState(h, key).tickets).filter((k) => k !== key)).toHaveLength(2);
  });
});

describe('the requester, in their language, on every ticket', () => {
  let h: Harness;
  let key: string;
  let serial: string;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    serial = (await certificateBlock()).current!.serialNumber;
    h.emulator.site.addUser({ accountId: 'customer-es', displayName: 'Ana García', emailAddress: 'ana.garcia@diba.cat', locale: 'es_ES' });
    key = h.raise({
      reporter: 'customer-es',
      files: { 'alta.xlsx': template([ajuntament(30, { service: 'OVER' }), ajuntament(31, { service: 'e-NOTUM' }), ajuntament(32, { service: 'OVER', codiEns: '123' })]) },
    });
    await h.drain();
  });
  afterAll(() => h.stop());

  // The original keeps e-NOTUM (the first service in the procedure's order); OVER goes to a new ticket.
  const overTicket = () => runState(h, key).tickets.OVER!;

  it('tells each split ticket what is now in production, in Spanish', () => {
    expect(overTicket()).not.toBe(key);
    expect(publicText(h, overTicket()).join('\n')).toContain(`Ya en producción: ${ajuntament(30).name}.`);
    expect(publicText(h, key).join('\n')).toContain(`Ya en producción: ${ajuntament(31).name}.`);
  });

  it('puts nothing internal in a public comment and attaches nothing internal', () => {
    const family = [key, ...Object.values(runState(h, key).tickets)];
    for (const k of family) {
      const said = publicText(h, k).join('\n');
      expect(said).not.toContain(serial);
      expect(said).not.toMatch(/SHA-256|SetDIBA-resultats|empremta|huella/i);
      expect(issue(h, k).attachments.filter((name) => name.endsWith('.csv'))).toEqual([]);
    }
  });

  it('after the corrected file, says the corrected ens is in production and asks for nothing more', async () => {
    const over = overTicket();
    expect(publicText(h, over).join('\n')).toMatch(/corregir/i);
    const before = publicText(h, over).length;
    h.emulator.site.addAttachment(over, { filename: 'corregida.xlsx', content: template([ajuntament(32, { service: 'OVER' })]), author: 'customer-es' });
    await h.drain();
    const added = publicText(h, over).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(`Ya en producción: ${ajuntament(32).name}.`);
    expect(added[0]).not.toMatch(/corregir/i);
  });
});

describe('a rejection decided in the panel', () => {
  let h: Harness;
  let key: string;
  const REASON = 'No és un ens de la Diputació';
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    key = h.raise({ files: { 'alta.xlsx': template([ajuntament(40, { service: 'OVER', name: 'Ajuntament de Can Inventat' })]) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  it('is not integrated, and its reason is in the internal comment and the history', async () => {
    const panel = panelFor(h);
    const waiting = (await panel<PanelState>(U.agent, key, 'getPanelState')).rows.filter((r) => r.status === 'waiting');
    expect(waiting).toHaveLength(1);
    await panel(U.agent, key, 'decideRows', { rowIds: [waiting[0]!.id], decision: 'reject', reason: REASON });
    await panel(U.agent, key, 'run');
    await h.drain();
    expect(h.backend!.integrations).toHaveLength(0);
    const internal = issue(h, key).comments.filter((c) => !c.public).map((c) => c.text).join('\n');
    expect(internal).toContain(`Marta Puig ha rebutjat 1 fila; no s'integrarà. Motiu: ${REASON}`);
    const state = await panel<PanelState>(U.agent, key, 'getPanelState');
    expect(state.history[0]!.summary).toContain(REASON);
    expect(state.rows[0]!.status).toBe('rejected');
  });
});
