/** The pipeline as the issue panel sees it: preview without writing, progress, the service workbook. */
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import { ajuntaments, template } from './fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let key: string;
beforeAll(async () => {
  h = await startHarness({ backend: 'http' });
  key = h.raise({ files: { 'p.xlsx': template([...ajuntaments(2, 'MUX', 220), ...ajuntaments(2, 'OVER', 230)]) } });
});
afterAll(() => h.stop());

describe('the panel pipeline', () => {
  it('previews the plan without writing anything', async () => {
    await h.emulator.idle();
    const before = h.emulator.calls.length;
    const preview = await panelPipeline(h.pipeline).preview(key, 'ca');
    const writes = h.emulator.calls.slice(before).filter((c) => c.method !== 'GET');
    expect(writes).toEqual([]);
    expect(preview!.plan!.services.map((s) => [s.service, s.target.kind])).toEqual([
      ['MUX', 'self'],
      ['OVER', 'new'],
    ]);
    expect(preview!.attachments).toEqual([{ id: expect.any(String), fileName: 'p.xlsx', status: 'read', reason: null, rowCount: 4 }]);
  });

  it('after the run, shows integrated rows, the split tickets and the run history', async () => {
    await h.drain();
    const panel = panelPipeline(h.pipeline);
    const preview = await panel.preview(key, 'ca');
    expect([...preview!.results.values()]).toEqual(['integrated', 'integrated']);
    const progress = await panel.progress(key, 'ca');
    expect(progress.run.status).toBe('idle');
    expect(progress.siblings.map((s) => [s.role, s.service])).toEqual([
      ['original', 'MUX'],
      ['clone', 'OVER'],
    ]);
    expect(progress.history).toEqual([expect.objectContaining({ outcome: 'done', createdTickets: ['SUP-2'] })]);
    const muxRows = preview!.plan!.services.find((s) => s.service === 'MUX')!.rows.map((r) => r.entity);
    const workbook = await panel.serviceWorkbook(key, 'MUX', 'ca', muxRows);
    expect(workbook.fileName).toBe(`SetDIBA-MUX-${key}.xlsx`);
  });
});
