/**
 * JQL on issue properties as Jira answers it for an app's indexed property: an array path matches any
 * of its elements, and with the app's index given, a path it does not index is refused (400), so a
 * search the manifest cannot serve fails here rather than on a real site.
 */
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { manifestPropertyIndex } from '../fixtures/manifest-property-index';
import { call } from './helpers';

const { agent, setdibaCustomer } = DEMO.users;

describe('emulator: JQL over indexed issue properties', () => {
  let jira: JiraEmulator;
  const keys: string[] = [];

  beforeAll(async () => {
    jira = await startJiraEmulator({ propertyIndex: manifestPropertyIndex() });
    const states = [
      { state: 'done', services: ['e-NOTUM', 'OVER'], ens: ['0801930008', '0800390004'], note: 'a' },
      { state: 'review', services: ['OVER'], ens: ['0800390004'], note: 'b' },
      { state: 'running', services: [], ens: [], note: 'c' },
    ];
    for (const [i, run] of states.entries()) {
      keys.push(
        jira.site.createIssue({
          projectKey: 'SUP',
          summary: `Alta ${i}`,
          requestType: DEMO.requestTypes.altaIntegracio,
          reporter: setdibaCustomer,
          properties: { 'setdiba.run': run },
        }).key,
      );
    }
  });
  afterAll(() => jira.stop());

  const search = async (jql: string) => {
    const r = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=key`);
    return { status: r.status, keys: r.status === 200 ? (r.json.issues.map((i: { key: string }) => i.key) as string[]).sort() : [], json: r.json };
  };

  it('the manifest indexes the run state paths agents search by', () => {
    expect(manifestPropertyIndex()['setdiba.run']).toEqual(expect.arrayContaining(['originKey', 'service', 'state', 'services', 'ens']));
  });

  it('matches an array path when any element matches, with = and in', async () => {
    expect((await search('issue.property[setdiba.run].ens = "0800390004"')).keys).toEqual([keys[0], keys[1]].sort());
    expect((await search('issue.property[setdiba.run].ens = "0801930008"')).keys).toEqual([keys[0]]);
    expect((await search('issue.property[setdiba.run].services in ("e-NOTUM", "MUX")')).keys).toEqual([keys[0]]);
    expect((await search('issue.property[setdiba.run].services = "OVER" AND issue.property[setdiba.run].state = "review"')).keys).toEqual([keys[1]]);
    expect((await search('project = SUP AND issue.property[setdiba.run].ens is EMPTY')).keys).toEqual([keys[2]]);
  });

  it('refuses a property path the app does not index, as Jira does', async () => {
    const answer = await search('issue.property[setdiba.run].note = "a"');
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain("Field 'issue.property[setdiba.run].note' does not exist");
    expect((await search('issue.property[setdiba.panel].decisions = "x"')).status).toBe(400);
    // The emulator records the refused query as a violation: this test sent them on purpose.
    jira.takeViolations();
  });
});
