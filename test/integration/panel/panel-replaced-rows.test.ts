/**
 * The correction loop seen from the issue panel (issue 10): once the requester's corrected file is read,
 * the first file's row for an ens the corrected file lists again is replaced — not "to correct", not a
 * problem, not in the problems filter — and the plan's counts and the downloadable results table say
 * the same. An ens the corrected file leaves out keeps its problem.
 */
import { read, utils } from 'xlsx';
import type { PanelState, RowView } from '../../../src/contracts/panel';
import { replacedRows } from '../../../src/usecases/panel/replaced-rows';
import { ajuntament, template } from '../pipeline/fixtures';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { panelCalls } from './panel-calls';

type Download = { fileName: string; mimeType: string; contentBase64: string };

const GOOD = ajuntament(240, { service: 'OVER' });
const BAD = ajuntament(241, { service: 'OVER', nif: 'P0800000Z' });
const FIXED = ajuntament(241, { service: 'OVER' });
const LEFT_OUT = ajuntament(242, { service: 'OVER', nif: 'P0800000Z' });
/** What the panel's "only rows with problems" filter keeps. */
const withProblems = (state: PanelState) => state.rows.filter((row) => row.status !== 'replaced' && row.problems.length > 0);
const rowOf = (state: PanelState, fileIndex: number, codiEns: string): RowView => {
  const files = [...new Set(state.rows.map((row) => row.attachmentId))];
  return state.rows.find((row) => row.attachmentId === files[fileIndex] && row.codiEns === codiEns)!;
};

describe('the first file\'s rows once a corrected file is read', () => {
  let h: Harness;
  let key: string;
  let panel: ReturnType<typeof panelCalls>;
  let before: PanelState;
  let after: PanelState;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    panel = panelCalls(h);
    key = h.raise({ files: { 'alta.xlsx': template([GOOD, BAD, LEFT_OUT]) } });
    await h.drain();
    before = await panel.call(DEMO.users.agent, key, 'getPanelState');
    // Same name as the first file, as people often send it: the rows must still be told apart by file.
    h.emulator.site.addAttachment(key, { filename: 'alta.xlsx', content: template([GOOD, FIXED]), author: DEMO.users.setdibaCustomer });
    await h.drain();
    after = await panel.call(DEMO.users.agent, key, 'getPanelState');
  });
  afterAll(() => h.stop());

  it('before the correction, lists the two wrong rows as problems', () => {
    expect(withProblems(before).map((row) => row.codiEns)).toEqual([BAD.codiEns, LEFT_OUT.codiEns]);
    expect(before.rows.some((row) => row.status === 'replaced')).toBe(false);
  });

  it('marks the first file\'s rows for ens the corrected file lists again as replaced by it, whatever the later row\'s status', () => {
    const [first, second] = [...new Set(after.rows.map((row) => row.attachmentId))];
    // Grouped per file, in the order they were added, even with the same name.
    expect(after.rows.map((row) => row.attachmentId)).toEqual([first, first, first, second, second]);
    const bad = rowOf(after, 0, BAD.codiEns);
    expect(bad).toMatchObject({ status: 'replaced', problems: [], replacedBy: { attachmentId: second, fileName: 'alta.xlsx' } });
    expect(rowOf(after, 1, FIXED.codiEns).status).toBe('integrated');
    // Integrated from the first file and listed again: the second file's row stands for it.
    expect(rowOf(after, 0, GOOD.codiEns).status).toBe('replaced');
    expect(['integrated', 'already-integrated']).toContain(rowOf(after, 1, GOOD.codiEns).status);
  });

  it('keeps the problem of an ens the corrected file left out, and only that one', () => {
    expect(withProblems(after).map((row) => row.codiEns)).toEqual([LEFT_OUT.codiEns]);
    expect(rowOf(after, 0, LEFT_OUT.codiEns).status).toBe('rejected');
  });

  it('counts the replaced rows apart in the plan: one to correct, not two', () => {
    const over = after.plan!.services.find((service) => service.service === 'OVER')!;
    expect(over.counts).toMatchObject({ reject: 1, replaced: 2 });
  });

  it('says the same in the downloadable results table, CSV and XLSX', async () => {
    const csvFile = (await panel.call(DEMO.users.agent, key, 'downloadResults', { format: 'csv' })) as unknown as Download;
    const csv = Buffer.from(csvFile.contentBase64, 'base64').toString('utf8').split('\r\n').filter(Boolean);
    const line = (codiEns: string, nth: number) => csv.filter((l) => l.includes(codiEns))[nth]!;
    expect(line(BAD.codiEns, 0)).toContain('Substituïda pel fitxer «alta.xlsx»');
    expect(line(BAD.codiEns, 0)).not.toMatch(/NIF/);
    expect(line(BAD.codiEns, 1)).toContain('Integrada');
    // Refused for a wrong value: the panel's word for it, not "Rebutjada" (an agent's decision).
    expect(line(LEFT_OUT.codiEns, 0)).toContain('Cal corregir');
    expect(line(LEFT_OUT.codiEns, 0)).not.toContain('Rebutjada');

    const xlsxFile = (await panel.call(DEMO.users.agent, key, 'downloadResults', { format: 'xlsx' })) as unknown as Download;
    const book = read(Buffer.from(xlsxFile.contentBase64, 'base64'));
    const rows = utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 }).slice(1);
    const statuses = rows.filter((r) => r[4] === BAD.codiEns).map((r) => [r[8], r[9] ?? '']);
    expect(statuses).toEqual([
      ['Substituïda pel fitxer «alta.xlsx»', ''],
      ['Integrada', ''],
    ]);
  });
});

describe('which rows a later file replaces', () => {
  const row = (id: string, attachmentId: string, extra: Partial<RowView>): RowView => ({
    id,
    attachmentId,
    fileName: `${attachmentId}.xlsx`,
    sheet: 'Full1',
    row: 2,
    name: null,
    codiEns: null,
    ine: null,
    nif: null,
    dir3: null,
    serviceAsWritten: null,
    service: 'OVER',
    productionDate: null,
    decision: 'reject',
    status: 'rejected',
    problems: [],
    ...extra,
  });
  const rank = (attachmentId: string) => Number(attachmentId);

  it('matches the same ens by codi d\'ens or by INE, for the same service only, and only from a later file', () => {
    const rows = [
      row('10:a', '10', { codiEns: '0801930008', ine: '080193' }),
      row('10:b', '10', { codiEns: '0899999999', ine: '080011' }), // codi wrong in the first file
      row('10:c', '10', { codiEns: '0801200005', ine: '080120' }),
      row('11:a', '11', { codiEns: '0801930008', ine: '080193', status: 'rejected' }),
      row('11:b', '11', { codiEns: '0800110003', ine: '080011' }),
      row('11:c', '11', { codiEns: '0801200005', ine: '080120', service: 'MUX' }),
    ];
    const replaced = replacedRows(rows, rank);
    expect([...replaced.entries()].map(([id, by]) => [id, by.id])).toEqual([
      ['10:a', '11:a'],
      ['10:b', '11:b'],
    ]);
  });

  it('points to the latest file when the ens is corrected twice', () => {
    const rows = [row('10:a', '10', { codiEns: 'X' }), row('11:a', '11', { codiEns: 'X' }), row('12:a', '12', { codiEns: 'X' })];
    const replaced = replacedRows(rows, rank);
    expect(replaced.get('10:a')?.id).toBe('12:a');
    expect(replaced.get('11:a')?.id).toBe('12:a');
    expect(replaced.has('12:a')).toBe(false);
  });
});
