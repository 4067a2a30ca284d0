/**
 * End to end against the Jira emulator: a new SetDIBA ticket becomes one ticket per service, with
 * labels, the MUX owner, integrations in PRO and the comments — through the real trigger and consumer.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import { ajuntament, ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';

describe('a SetDIBA ticket with four services (assisted backend)', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = await startHarness();
    key = h.raise({
      files: {
        'plantilla.xlsx': template([
          ...ajuntaments(2, 'OVER', 0),
          ajuntament(10, { service: 'EACAT' }),
          ...ajuntaments(2, 'e-NOTUM', 20),
          ...ajuntaments(2, 'e-TAULER', 30),
          ajuntament(40, { service: 'MUX', productionDate: '2026-09-01' }),
          ajuntament(41, { service: 'MUX' }),
        ]),
      },
    });
    await h.drain();
  });
  afterAll(() => h.stop());

  const issue = (k: string) => issuesOf(h.emulator).find((i) => i.key === k)!;
  const clones = () => issuesOf(h.emulator).filter((i) => i.key !== key);

  it('keeps MUX (first in order) on the original and raises one ticket per other service', () => {
    expect(clones().map((i) => i.summary)).toEqual([
      '[e-NOTUM] Alta integracions SetDIBA',
      '[e-TAULER] Alta integracions SetDIBA',
      '[OVER] Alta integracions SetDIBA',
    ]);
    for (const clone of clones()) {
      expect(clone.reporter).toBe(DEMO.users.setdibaCustomer);
      expect(clone.links).toEqual([{ type: 'Cloners', direction: 'outward', key }]);
      expect(clone.attachments).toHaveLength(1);
      expect(clone.properties['setdiba.run']).toMatchObject({ role: 'clone', originKey: key });
    }
  });

  it('raises each clone as a JSM request of the same type, shared with the same organizations', async () => {
    const original = h.emulator.site.issue(key)!;
    for (const clone of clones()) {
      const raised = h.emulator.site.issue(clone.key)!;
      expect(raised.requestTypeId).toBe(original.requestTypeId);
      expect(raised.issueTypeId).toBe(original.issueTypeId);
      expect(raised.organizationIds).toEqual(original.organizationIds);
      expect(raised.description).toEqual(original.description);
    }
    // Raised with the platform API, which took the run properties in the same request: all three in one
    // bulk create, in service order.
    expect(h.emulator.calls.filter((c) => c.route === 'POST /rest/api/3/issue/bulk')).toHaveLength(1);
    expect(h.emulator.calls.filter((c) => c.route === 'POST /rest/api/3/issue')).toEqual([]);
    expect(h.emulator.calls.filter((c) => c.route === 'POST /rest/servicedeskapi/request')).toEqual([]);
  });

  it('labels every ticket with setdiba and its service', () => {
    expect(issue(key).labels).toEqual(['setdiba', 'setdiba-mux', 'setdiba-pendent-data-pro']);
    expect(clones().map((i) => i.labels)).toEqual([
      ['setdiba', 'setdiba-e-notum'],
      ['setdiba', 'setdiba-e-tauler'],
      ['setdiba', 'setdiba-over'],
    ]);
  });

  it('assigns MUX to its owner and never integrates it automatically', () => {
    expect(issue(key).assignee).toBe(DEMO.users.muxOwner);
    const results = issue(key).comments.find((c) => !c.public)!.text;
    expect(results).toContain('Integracions SetDIBA · MUX · PRO');
    expect(results).toContain('2 pendents de la data de pas a producció');
    expect(results).toContain('Data de pas a producció indicada: 1 de setembre de 2026.');
  });

  it('tells the requester, in a public comment, which tickets were raised and the MUX dates', () => {
    const pub = issue(key).comments.filter((c) => c.public);
    expect(pub).toHaveLength(1);
    expect(pub[0]!.text).toContain('- e-NOTUM: SUP-2\n- e-TAULER: SUP-3\n- OVER: SUP-4');
    expect(pub[0]!.text).toContain('Aquest tiquet continua amb el servei MUX.');
    expect(pub[0]!.text).toContain('Cal que SetDIBA indiqui la data de pas a producció d\'aquests ens:');
  });

  it('writes one internal results comment per ticket, with the assisted checklist in PRO', () => {
    const over = clones().find((i) => i.summary.startsWith('[OVER]'))!;
    // The requester's status first (the AOC has the ens now), then the agents' results.
    expect(over.comments.map((c) => c.public)).toEqual([true, false]);
    expect(over.comments[0]!.text).toContain("En tràmit a l'AOC: Abrera, Aguilar de Segarra, Avià.");
    const results = over.comments[1];
    expect(results!.public).toBe(false);
    expect(results!.text).toContain('Integracions SetDIBA · OVER · PRO');
    expect(results!.text).toContain('3 ens en aquest tiquet: 3 pendents d\'un agent.');
    expect(results!.text.match(/\[ \] Integrar/g)).toHaveLength(3);
    expect(results!.text).toMatch(/certificat núm. de sèrie [0-9A-F]+, empremta SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });

  it('marks the run done on the original', () => {
    expect(issue(key).properties['setdiba.run']).toMatchObject({ role: 'original', state: 'done', tickets: { MUX: key, OVER: 'SUP-4' } });
  });
});
