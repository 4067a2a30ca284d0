/**
 * The JQL searches docs/registry.md documents, against the Jira emulator after real pipeline runs: the
 * indexed `setdiba.run` property (manifest setdiba-run-index) finds every ticket of an ens, of a
 * service, in a state. And with the assisted backend, the registry lists the rows handed to an agent
 * as in progress, with the ticket that holds them.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { RUN_PROPERTY } from '../../../src/domain/run-state';
import { createRegistryHandlers } from '../../../src/handlers/registry-resolver';
import { writeTableWorkbook } from '../../../src/spreadsheet/write-workbook';
import { manifestPropertyIndex } from '../../fixtures/manifest-property-index';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { ajuntaments, template } from '../pipeline/fixtures';

const rows = [...ajuntaments(2, 'MUX', 0), ...ajuntaments(2, 'e-NOTUM', 2), ...ajuntaments(2, 'OVER', 4)];

async function searchAll(jira: JiraClient, jql: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | null = null;
  do {
    const page = await jira.searchJql(jql, token);
    keys.push(...page.keys);
    token = page.nextPageToken;
  } while (token);
  return keys.sort();
}

describe('JQL over the indexed setdiba.run property', () => {
  let h: Harness;
  let agent: JiraClient;
  let origin: string;
  let tickets: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness({ backend: 'assisted' });
    // Only what manifest.yml indexes is searchable, as on a real site: the pipeline's own searches too.
    h.emulator.site.propertyIndex = new Map(Object.entries(manifestPropertyIndex()).map(([key, paths]) => [key, new Set(paths)]));
    origin = h.raise({ files: { 'alta.xlsx': template(rows) } });
    await h.drain();
    agent = new JiraClient(
      new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'user', accountId: DEMO.users.agent }, headers: h.emulator.authHeaders(DEMO.users.agent) }),
    );
    const state = (await agent.getIssueProperty(origin, RUN_PROPERTY)) as { tickets: Record<string, string> };
    tickets = state.tickets;
  }, 60_000);

  afterAll(async () => {
    await h.stop();
  });

  it('the request was split into one ticket per service', () => {
    expect(Object.keys(tickets).sort()).toEqual(['MUX', 'OVER', 'e-NOTUM']);
  });

  it("finds every ticket of an ens by its codi d'ens: the request and the ticket of the ens's service", async () => {
    const notum = rows.find((r) => r.service === 'e-NOTUM')!;
    const found = await searchAll(agent, `project = SUP AND issue.property[${RUN_PROPERTY}].ens = "${notum.codiEns}"`);
    expect(found).toEqual([...new Set([origin, tickets['e-NOTUM']!])].sort());
    const either = rows.filter((r) => r.service === 'OVER').map((r) => `"${r.codiEns}"`);
    expect(await searchAll(agent, `issue.property[${RUN_PROPERTY}].ens in (${either.join(', ')})`)).toEqual([...new Set([origin, tickets.OVER!])].sort());
    expect(await searchAll(agent, `project = SUP AND issue.property[${RUN_PROPERTY}].ens = "0899999999"`)).toEqual([]);
  });

  it('finds the tickets of a service, and the service tickets split from one request', async () => {
    expect(await searchAll(agent, `project = SUP AND issue.property[${RUN_PROPERTY}].services = "OVER"`)).toEqual([...new Set([origin, tickets.OVER!])].sort());
    const clones = await searchAll(agent, `issue.property[${RUN_PROPERTY}].originKey = "${origin}" AND issue.property[${RUN_PROPERTY}].service = "MUX"`);
    expect(clones).toEqual(tickets.MUX === origin ? [] : [tickets.MUX]);
  });

  it('finds requests by the state of their last run', async () => {
    const inState = await searchAll(agent, `project = SUP AND issue.property[${RUN_PROPERTY}].state in ("done", "review")`);
    expect(inState).toContain(origin);
    expect(await searchAll(agent, `project = SUP AND issue.property[${RUN_PROPERTY}].state = "running"`)).not.toContain(origin);
  });

  it('lists what the tickets still work on: rows on the agent\'s checklist in progress, MUX rows waiting for their date', async () => {
    const handlers = createRegistryHandlers((accountId) => ({
      kvs: h.kvs,
      jira: new JiraClient(new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'user', accountId }, headers: h.emulator.authHeaders(accountId) })),
      tableWorkbook: async (sheetName, header, table) => writeTableWorkbook({ sheetName, header, rows: table }),
    }));
    const answer = await handlers.queryRegistry({
      payload: { pageSize: 100 },
      context: { accountId: DEMO.users.agent, locale: 'ca-ES', extension: { project: { key: DEMO.projectKey } } },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    // MUX rows wait for their production date; e-NOTUM and OVER went to the agent's checklist.
    const expected = rows
      .map((r) => `${r.service}:${r.codiEns}:${tickets[r.service!]}:${r.service === 'MUX' ? 'waiting_production_date' : 'in_progress'}`)
      .sort();
    expect(answer.data.entries.map((e) => `${e.service}:${e.codiEns}:${e.ticket}:${e.state}`).sort()).toEqual(expected);
    expect(answer.data.entries.every((e) => e.name && e.environment === 'PRO' && e.certificateFingerprint)).toBe(true);
  });
});
