import { DEMO, SD_PUBLIC_COMMENT, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { adf, call } from './helpers';

const { agent, setdibaCustomer, otherCustomer } = DEMO.users;

describe('emulator: comments (internal vs public, as JSM shows them)', () => {
  let jira: JiraEmulator;
  let key: string;

  beforeAll(async () => {
    jira = await startJiraEmulator();
    key = jira.site.createIssue({
      projectKey: 'SUP',
      summary: 'Alta OVER',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: setdibaCustomer,
      comments: [{ author: agent, body: 'Nota interna', internal: true }],
    }).key;
  });
  afterAll(() => jira.stop());

  test('the app adds an internal comment with properties and reads them back with expand=properties', async () => {
    const posted = await call(jira, jira.site.appAccountId, 'POST', `/rest/api/3/issue/${key}/comment?expand=properties`, {
      body: adf('Resultat: 3 ens integrats'),
      properties: [
        { key: SD_PUBLIC_COMMENT, value: { internal: true } },
        { key: 'setdiba.idempotency', value: { key: 'abc' } },
      ],
    });
    expect(posted.status).toBe(201);
    expect(posted.json.jsdPublic).toBe(false);
    expect(posted.json.properties).toEqual([
      { key: SD_PUBLIC_COMMENT, value: { internal: true } },
      { key: 'setdiba.idempotency', value: { key: 'abc' } },
    ]);
    const list = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}/comment?expand=properties`);
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(2);
    expect(list.json.comments[1].properties).toContainEqual({ key: 'setdiba.idempotency', value: { key: 'abc' } });
    const plain = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}/comment`);
    expect(plain.json.comments[1].properties).toBeUndefined();
  });

  test('a public comment is visible to the customer; internal ones are not', async () => {
    const posted = await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf('Hem rebut la plantilla') });
    expect(posted.json.jsdPublic).toBe(true);
    const seen = await call(jira, setdibaCustomer, 'GET', `/rest/api/3/issue/${key}/comment`);
    expect(seen.json.total).toBe(1);
    expect(seen.json.comments[0].body).toEqual(adf('Hem rebut la plantilla'));
    const newestFirst = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=1`);
    expect(newestFirst.json.comments[0].id).toBe(posted.json.id);
  });

  test('customers may comment publicly on their request but never internally', async () => {
    expect((await call(jira, setdibaCustomer, 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf('Gràcies') })).status).toBe(201);
    const internal = await call(jira, setdibaCustomer, 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: adf('psst'),
      properties: [{ key: SD_PUBLIC_COMMENT, value: { internal: true } }],
    });
    expect(internal.status).toBe(400);
    expect((await call(jira, otherCustomer, 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf('hola') })).status).toBe(404);
    expect((await call(jira, otherCustomer, 'GET', `/rest/api/3/issue/${key}/comment`)).status).toBe(404);
  });

  test('a body that is not ADF is refused and fails the test that sent it', async () => {
    const r = await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/comment`, { body: 'plain text is API v2, not v3' });
    expect(r.status).toBe(400);
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ method: 'POST', direction: 'request', where: 'body/body' })]);
    const empty = await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/comment`, {});
    expect(empty.status).toBe(400);
    expect(empty.json.errors.comment).toBe('Comment body can not be empty!');
  });

  test('each comment emits avi:jira:commented:issue with its visibility', async () => {
    const before = jira.events.length;
    await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf('x'), properties: [{ key: SD_PUBLIC_COMMENT, value: { internal: true } }] });
    const event = jira.events[before];
    expect(event).toMatchObject({ eventType: 'avi:jira:commented:issue', atlassianId: agent, selfGenerated: false, issue: { key } });
    expect(event?.eventType === 'avi:jira:commented:issue' && event.comment.jsdPublic).toBe(false);
  });
});
