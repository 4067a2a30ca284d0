/**
 * The panel asks for the run's progress every few seconds while it is open. On a ticket whose batch keeps
 * thousands of open rows in the KVS (every row blocked, the certificate missing), those refreshes read
 * the run state's property only: the lists they do not show are not fetched each time.
 */
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import { dependentBodies, template } from '../pipeline/fixtures';
import { startHarness, type Harness } from '../pipeline/harness';

const ROWS = 5_000;

let h: Harness;
let key: string;
beforeAll(async () => {
  h = await startHarness({ backend: 'http', settings: (s) => void (s.certificate.current = null) });
  key = h.raise({ files: { 'alta.xlsx': template(dependentBodies(ROWS, 'OVER')) } });
  await h.drain();
});
afterAll(() => h.stop());

it('reads no open-row list from the KVS, and still says the run is over with its history', async () => {
  // The batch's open rows are in the KVS: the case the refreshes must not pay for.
  expect(await h.kvs.list(`setdiba:open-rows:${key}:`)).toHaveLength(1);
  const read: string[] = [];
  const get = h.kvs.get.bind(h.kvs);
  const spy = jest.spyOn(h.kvs, 'get').mockImplementation(async (k: string) => {
    read.push(k);
    return get(k);
  });
  try {
    const progress = await panelPipeline(h.pipeline).progress(key, 'ca');
    expect(progress.run).toEqual({ status: 'idle', since: null, step: null });
    // The history still counts the blocked rows from the run's record.
    expect(progress.history).toEqual([
      expect.objectContaining({ outcome: 'needs-review', summary: 'Fitxers: alta.xlsx. 5.000 ens: 5.000 bloquejats pel certificat.' }),
    ]);
  } finally {
    spy.mockRestore();
  }
  expect(read.filter((k) => k.startsWith('setdiba:open-rows:'))).toEqual([]);
});
