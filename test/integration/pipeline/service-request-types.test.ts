/**
 * A service configured with its own request type: its ticket is raised as a request of that type, with
 * that type's issue type, and the service desk's request types are read once for the whole split.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import { ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';

describe('services with their own request type', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({
      settings: (s) => {
        s.services['e-NOTUM'].requestTypeId = DEMO.requestTypes.consulta;
        s.services['e-TAULER'].requestTypeId = DEMO.requestTypes.incidencia;
        s.services.OVER.requestTypeId = DEMO.requestTypes.incidencia;
      },
    });
    key = h.raise({
      files: {
        // MUX comes first, so it stays on the original and the three others are raised.
        'plantilla.xlsx': template([
          ...ajuntaments(1, 'MUX', 40),
          ...ajuntaments(1, 'OVER', 0),
          ...ajuntaments(1, 'e-NOTUM', 20),
          ...ajuntaments(1, 'e-TAULER', 30),
        ]),
      },
    });
    await h.drain();
  });
  afterAll(() => h.stop());

  const raisedFor = (service: string) => {
    const clone = issuesOf(h.emulator).find((i) => i.summary.startsWith(`[${service}]`));
    expect(clone).toBeDefined();
    return h.emulator.site.issue(clone!.key)!;
  };

  it("raises each service's ticket with the service's request type and that type's issue type", () => {
    const original = h.emulator.site.issue(key)!;
    const notum = raisedFor('e-NOTUM');
    const tauler = raisedFor('e-TAULER');
    const over = raisedFor('OVER');
    expect([notum.requestTypeId, tauler.requestTypeId, over.requestTypeId]).toEqual([
      DEMO.requestTypes.consulta,
      DEMO.requestTypes.incidencia,
      DEMO.requestTypes.incidencia,
    ]);
    // Consulta is a Service Request like the original's type (Alta d'integració); Incidència is an Incident.
    expect(notum.issueTypeId).toBe(original.issueTypeId);
    expect(tauler.issueTypeId).not.toBe(original.issueTypeId);
    expect(over.issueTypeId).toBe(tauler.issueTypeId);
  });

  it("reads the service desk's request types once for the whole split", () => {
    const reads = h.emulator.calls.filter((c) => c.route === 'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype');
    expect(reads).toHaveLength(1);
  });
});
