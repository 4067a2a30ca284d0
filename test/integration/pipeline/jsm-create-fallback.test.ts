/**
 * A site that refuses the Request Type field on the platform create (the emulator's switch): the
 * tickets are raised with JSM's documented create on behalf of the customer, tagged right after, and
 * still exactly once — even when the process dies between JSM's create and anything else.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import type { PipelineStep } from '../../../src/usecases/process-ticket/deps';
import { ajuntament, ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness, type HarnessOptions } from './harness';

const FILES = () => ({
  'plantilla.xlsx': template([
    ajuntament(40, { service: 'MUX', productionDate: '2026-09-01' }),
    ...ajuntaments(2, 'e-NOTUM', 20),
    ...ajuntaments(2, 'OVER', 0),
  ]),
});

async function splitWithRefusal(options: HarnessOptions = {}): Promise<{ h: Harness; key: string }> {
  const h = await startHarness(options);
  h.emulator.site.platformCreateRefusesRequestType = true;
  const key = h.raise({ files: FILES() });
  await h.drain();
  return { h, key };
}

describe('the platform create refuses the Request Type field', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    ({ h, key } = await splitWithRefusal());
  });
  afterAll(() => h.stop());

  const clones = () => issuesOf(h.emulator).filter((i) => i.key !== key);

  it('raises each service ticket with JSM’s create, for the customer, tagged, linked and with its workbook', () => {
    expect(clones().map((i) => i.summary)).toEqual(['[e-NOTUM] Alta integracions SetDIBA', '[OVER] Alta integracions SetDIBA']);
    const original = h.emulator.site.issue(key)!;
    for (const clone of clones()) {
      const raised = h.emulator.site.issue(clone.key)!;
      expect(clone.reporter).toBe(DEMO.users.setdibaCustomer);
      expect(raised.requestTypeId).toBe(original.requestTypeId);
      expect(raised.organizationIds).toEqual(original.organizationIds);
      expect(clone.properties['setdiba.run']).toMatchObject({ role: 'clone', originKey: key });
      expect(clone.links).toEqual([{ type: 'Cloners', direction: 'outward', key }]);
      expect(clone.attachments).toHaveLength(1);
    }
    const routes = h.emulator.calls.map((c) => `${c.route} ${String(c.status)}`);
    expect(routes.filter((r) => r.startsWith('POST /rest/api/3/issue/bulk '))).toEqual(['POST /rest/api/3/issue/bulk 400']);
    expect(routes.filter((r) => r.startsWith('POST /rest/servicedeskapi/request '))).toEqual([
      'POST /rest/servicedeskapi/request 201',
      'POST /rest/servicedeskapi/request 201',
    ]);
  });

  it('writes nothing more when the job is delivered again', async () => {
    const before = h.emulator.calls.length;
    h.queue.redeliver();
    await h.drain();
    const writes = h.emulator.calls.slice(before).filter((c) => c.method !== 'GET' && !c.route.endsWith('/search/jql'));
    expect(writes).toEqual([]);
    expect(clones()).toHaveLength(2);
  });
});

describe('the process dies between JSM’s create and recording the new ticket', () => {
  it('the retry finds the untagged ticket and completes it instead of raising a second one', async () => {
    let crashes = 0;
    const { h, key } = await splitWithRefusal({
      hooks: {
        afterStep: (step: PipelineStep) => {
          if (step === 'clone-requested' && crashes < 2) {
            crashes += 1;
            throw new Error('the function was killed');
          }
        },
      },
    });
    try {
      expect(crashes).toBe(2);
      const clones = issuesOf(h.emulator).filter((i) => i.key !== key);
      expect(clones.map((i) => i.summary).sort()).toEqual(['[OVER] Alta integracions SetDIBA', '[e-NOTUM] Alta integracions SetDIBA']);
      for (const clone of clones) {
        expect(clone.properties['setdiba.run']).toMatchObject({ role: 'clone', originKey: key });
        expect(clone.links).toEqual([{ type: 'Cloners', direction: 'outward', key }]);
        expect(clone.attachments).toHaveLength(1);
      }
      expect(h.emulator.calls.filter((c) => c.route === 'POST /rest/servicedeskapi/request')).toHaveLength(2);
    } finally {
      await h.stop();
    }
  });
});
