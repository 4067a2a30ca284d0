/**
 * When no worker thread can start (the Forge bundle run with `node --permission` and no --allow-worker:
 * `new Worker` throws ERR_ACCESS_DENIED), a good file is still read, in-process, and the failure is logged
 * as the system's, not reported as a damaged file. Hostile files are still refused by the guards first.
 */
jest.mock('node:worker_threads', () => {
  const actual: Record<string, unknown> = jest.requireActual('node:worker_threads');
  class ForbiddenWorker {
    constructor() {
      throw Object.assign(new Error('Access to this API has been restricted'), { code: 'ERR_ACCESS_DENIED' });
    }
  }
  return { ...actual, Worker: ForbiddenWorker };
});

import { readTemplate } from '../../../src/spreadsheet';
import { setParserSystemLog, stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { nonStreamLoopXls } from '../../fixtures/hostile-ole2';
import { odsColumnsRepeatBomb } from '../../fixtures/hostile-xml';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

const logged: { message: string; data: Record<string, unknown> }[] = [];
beforeAll(() => setParserSystemLog((message, data) => logged.push({ message, data })));
afterAll(() => stopSpreadsheetParser());

describe('without worker threads', () => {
  it.each(['xlsx', 'xls', 'ods'] as const)('a good .%s is read in-process and the system problem is logged', async (format) => {
    const bytes = workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(25) }], format);
    const result = await readTemplate({ bytes, fileName: `plantilla.${format}` });
    expect(result.problems).toEqual([]);
    expect(result.entities.filter((e) => e.valid)).toHaveLength(25);
    expect(logged.at(-1)).toEqual({ message: expect.stringMatching(/could not start; parsing in-process/), data: { reason: expect.stringMatching(/ERR_ACCESS_DENIED|forbidden/) } });
  });

  it('hostile files are still refused before any parser runs', async () => {
    for (const [bytes, fileName] of [[nonStreamLoopXls(1), 'bucle.xls'], [odsColumnsRepeatBomb(), 'bomba.ods']] as const) {
      const result = await readTemplate({ bytes, fileName });
      expect(result.problems.map((p) => p.code)).toEqual(['file.unreadable']);
    }
  });

  it('SheetJS says nothing on the console when it parses in-process', async () => {
    const spies = (['log', 'warn', 'error', 'info'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
    // LibreOffice-style number format with a condition: SheetJS warns "ODS number format may be incorrect".
    const bytes = workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(5) }], 'ods');
    await readTemplate({ bytes, fileName: 'plantilla.ods' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });
});
