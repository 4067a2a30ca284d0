import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { call } from './helpers';

const { agent, setdibaCustomer, otherCustomer } = DEMO.users;

describe('emulator: JQL search with nextPageToken', () => {
  let jira: JiraEmulator;
  const keys: string[] = [];

  beforeAll(async () => {
    jira = await startJiraEmulator();
    for (let i = 0; i < 7; i += 1) {
      keys.push(
        jira.site.createIssue({
          projectKey: 'SUP',
          summary: `Alta ${i}`,
          requestType: DEMO.requestTypes.altaIntegracio,
          reporter: i < 5 ? setdibaCustomer : otherCustomer,
          labels: i % 2 === 0 ? ['setdiba', 'setdiba-mux'] : ['setdiba-over'],
          properties: { 'setdiba.state': { phase: i < 3 ? 'done' : 'pending', source: { ticket: `SUP-${i}` } } },
        }).key,
      );
    }
  });
  afterAll(() => jira.stop());

  const search = async (as: string, jql: string, extra = '') => {
    const r = await call(jira, as, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=key${extra}`);
    expect(r.status).toBe(200);
    return r.json.issues.map((i: { key: string }) => i.key) as string[];
  };

  test('project, labels, labels in, key in, issue property equality, AND, ORDER BY', async () => {
    expect(await search(agent, 'project = SUP ORDER BY key ASC')).toEqual(keys);
    expect(await search(agent, 'project = SUP AND labels = setdiba-over ORDER BY key ASC')).toEqual([keys[1], keys[3], keys[5]]);
    expect(await search(agent, 'labels in (setdiba-mux, nothing) ORDER BY created ASC')).toEqual([keys[0], keys[2], keys[4], keys[6]]);
    expect(await search(agent, `key in (${keys[2]}, ${keys[5]}) ORDER BY key DESC`)).toEqual([keys[5], keys[2]]);
    expect(await search(agent, 'issue.property[setdiba.state].phase = "done" ORDER BY key ASC')).toEqual(keys.slice(0, 3));
    expect(await search(agent, `issue.property[setdiba.state].source.ticket = "SUP-4"`)).toEqual([keys[4]]);
    expect(await search(agent, 'project = SUP AND NOT (labels = setdiba OR labels = setdiba-over)')).toEqual([]);
    expect(await search(agent, 'project = SUP AND labels is EMPTY')).toEqual([]);
  });

  test('without fields the issues are bare ids, as Jira returns them', async () => {
    const r = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${keys[0]}`)}`);
    expect(r.json.issues).toEqual([{ id: jira.site.issue(keys[0]!)!.id }]);
    const withFields = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${keys[0]}`)}&fields=summary,labels`);
    expect(withFields.json.issues[0]).toMatchObject({ key: keys[0], fields: { summary: 'Alta 0', labels: ['setdiba', 'setdiba-mux'] } });
  });

  test('pages follow nextPageToken until isLast, with GET and POST alike', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const r = await call(jira, agent, 'POST', '/rest/api/3/search/jql', { jql: 'project = SUP ORDER BY key ASC', maxResults: 3, fields: ['key'], ...(token ? { nextPageToken: token } : {}) });
      expect(r.status).toBe(200);
      seen.push(...r.json.issues.map((i: { key: string }) => i.key));
      token = r.json.isLast ? undefined : r.json.nextPageToken;
      if (r.json.isLast) expect(r.json.nextPageToken).toBeUndefined();
    } while (token);
    expect(seen).toEqual(keys);
    const first = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP')}&maxResults=5&fields=key`);
    const second = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP')}&maxResults=5&fields=key&nextPageToken=${first.json.nextPageToken}`);
    expect(second.json.issues).toHaveLength(2);
    expect(second.json.isLast).toBe(true);
  });

  test('customers find only the requests they can see', async () => {
    expect(await search(otherCustomer, 'project = SUP ORDER BY key ASC')).toEqual([keys[5], keys[6]]);
    expect(await search(setdibaCustomer, 'project = SUP')).toHaveLength(5);
  });

  test('a token from another query, an unbounded query or unsupported JQL is a 400', async () => {
    const first = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP')}&maxResults=2`);
    const reused = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('labels = setdiba')}&nextPageToken=${first.json.nextPageToken}`);
    expect(reused.status).toBe(400);
    expect((await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('ORDER BY key')}`)).status).toBe(400);
    const unsupported = await call(jira, agent, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('summary ~ "Alta"')}`);
    expect(unsupported.status).toBe(400);
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ where: 'jql', message: expect.stringContaining("JQL field 'summary'") })]);
  });
});
