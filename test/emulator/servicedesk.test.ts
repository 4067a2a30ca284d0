import { DEMO, ORGANIZATIONS_FIELD, startJiraEmulator, type JiraEmulator, type ProductEvent } from '../../src/emulator';
import { adf, call } from './helpers';

const { agent, setdibaCustomer, otherCustomer, outsider } = DEMO.users;

describe('emulator: Jira Service Management', () => {
  let jira: JiraEmulator;
  const received: ProductEvent[] = [];

  beforeAll(async () => {
    jira = await startJiraEmulator({ onEvent: (e) => void received.push(e) });
  });
  afterAll(() => jira.stop());

  test('the app raises a request on behalf of the SetDIBA customer, shared with SetDIBA', async () => {
    const r = await call(jira, jira.site.appAccountId, 'POST', '/rest/servicedeskapi/request', {
      serviceDeskId: DEMO.serviceDeskId,
      requestTypeId: DEMO.requestTypes.altaIntegracio,
      raiseOnBehalfOf: setdibaCustomer,
      requestParticipants: [otherCustomer],
      requestFieldValues: { summary: 'Alta MUX', description: 'Ticket partit de SUP-1', [ORGANIZATIONS_FIELD]: [Number(DEMO.organizations.setdiba)] },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ issueKey: expect.stringMatching(/^SUP-/), requestTypeId: DEMO.requestTypes.altaIntegracio, serviceDeskId: DEMO.serviceDeskId, reporter: { accountId: setdibaCustomer } });
    const issue = jira.site.issue(r.json.issueKey)!;
    expect(issue.description).toEqual(adf('Ticket partit de SUP-1'));
    expect(issue.creatorAccountId).toBe(jira.site.appAccountId);
    await jira.idle();
    expect(received.at(-1)).toMatchObject({ eventType: 'avi:jira:created:issue', issue: { key: r.json.issueKey }, atlassianId: jira.site.appAccountId, selfGenerated: true });
    // participants can see it
    expect((await call(jira, otherCustomer, 'GET', `/rest/servicedeskapi/request/${r.json.issueKey}`)).status).toBe(200);
  });

  test('reading a request gives its type, reporter and organizations through requestFieldValues', async () => {
    const key = jira.site.createIssue({ projectKey: 'SUP', summary: 'Alta e-TAULER', requestType: DEMO.requestTypes.altaIntegracio, reporter: setdibaCustomer, organizations: ['SetDIBA'] }).key;
    const r = await call(jira, agent, 'GET', `/rest/servicedeskapi/request/${key}?expand=requestType&expand=serviceDesk`);
    expect(r.status).toBe(200);
    expect(r.json.requestType).toMatchObject({ id: DEMO.requestTypes.altaIntegracio, name: "Alta d'integració" });
    expect(r.json.serviceDesk).toMatchObject({ projectKey: 'SUP' });
    expect(r.json.reporter).toMatchObject({ accountId: setdibaCustomer, emailAddress: 'setdiba@diba.cat' });
    expect(r.json.requestFieldValues).toContainEqual({ fieldId: ORGANIZATIONS_FIELD, label: 'Organizations', value: [{ id: DEMO.organizations.setdiba, name: 'SetDIBA' }] });
    const unshared = jira.site.createIssue({ projectKey: 'SUP', summary: 'Consulta', requestType: DEMO.requestTypes.consulta, reporter: otherCustomer }).key;
    const plain = await call(jira, agent, 'GET', `/rest/servicedeskapi/request/${unshared}`);
    expect(plain.json.requestFieldValues.map((f: { fieldId: string }) => f.fieldId)).not.toContain(ORGANIZATIONS_FIELD);
  });

  test('a request is 404 for those who cannot see it and for plain issues', async () => {
    const key = jira.site.createIssue({ projectKey: 'SUP', summary: 'Intern', issueType: 'Task' }).key;
    const r = await call(jira, agent, 'GET', `/rest/servicedeskapi/request/${key}`);
    expect(r.status).toBe(404);
    expect(typeof r.json.errorMessage).toBe('string');
    const shared = jira.site.createIssue({ projectKey: 'SUP', summary: 'x', requestType: DEMO.requestTypes.consulta, reporter: setdibaCustomer }).key;
    expect((await call(jira, otherCustomer, 'GET', `/rest/servicedeskapi/request/${shared}`)).status).toBe(404);
  });

  test('raising a request refuses unknown desks, types, users, organizations and ADF descriptions', async () => {
    const base = { serviceDeskId: DEMO.serviceDeskId, requestTypeId: DEMO.requestTypes.consulta, requestFieldValues: { summary: 'x' } };
    const post = (as: string, body: Record<string, unknown>) => call(jira, as, 'POST', '/rest/servicedeskapi/request', body);
    expect((await post(agent, { ...base, serviceDeskId: '99' })).status).toBe(400);
    expect((await post(agent, { ...base, requestTypeId: '99' })).status).toBe(400);
    expect((await post(agent, { ...base, raiseOnBehalfOf: 'nobody' })).status).toBe(400);
    expect((await post(agent, { ...base, requestFieldValues: { summary: 'x', [ORGANIZATIONS_FIELD]: [99] } })).status).toBe(400);
    expect((await post(agent, { ...base, requestFieldValues: { summary: 'x', description: adf('no') } })).status).toBe(400);
    expect((await post(agent, { ...base, requestFieldValues: {} })).status).toBe(400);
    expect((await post(otherCustomer, { ...base, raiseOnBehalfOf: setdibaCustomer })).status).toBe(403);
    expect((await post(outsider, base)).status).toBe(403);
    expect((await post(otherCustomer, base)).status).toBe(201);
  });

  test('request types of the service desk, paged and searchable', async () => {
    const all = await call(jira, agent, 'GET', `/rest/servicedeskapi/servicedesk/${DEMO.serviceDeskId}/requesttype`);
    expect(all.json.values.map((v: { name: string }) => v.name)).toEqual(["Alta d'integració", 'Consulta', 'Incidència']);
    expect(all.json.isLastPage).toBe(true);
    const page = await call(jira, agent, 'GET', `/rest/servicedeskapi/servicedesk/${DEMO.serviceDeskId}/requesttype?limit=2`);
    expect(page.json).toMatchObject({ size: 2, isLastPage: false });
    const found = await call(jira, agent, 'GET', `/rest/servicedeskapi/servicedesk/${DEMO.serviceDeskId}/requesttype?searchQuery=alta`);
    expect(found.json.values).toHaveLength(1);
    expect((await call(jira, agent, 'GET', '/rest/servicedeskapi/servicedesk/99/requesttype')).status).toBe(404);
    expect((await call(jira, outsider, 'GET', `/rest/servicedeskapi/servicedesk/${DEMO.serviceDeskId}/requesttype`)).status).toBe(404);
  });

  test('organizations: all of them, or those a customer belongs to', async () => {
    const all = await call(jira, jira.site.appAccountId, 'GET', '/rest/servicedeskapi/organization');
    expect(all.json.values.map((o: { name: string }) => o.name)).toEqual(['SetDIBA', 'Ajuntament de Prova']);
    const mine = await call(jira, jira.site.appAccountId, 'GET', `/rest/servicedeskapi/organization?accountId=${setdibaCustomer}`);
    expect(mine.json.values).toEqual([expect.objectContaining({ id: DEMO.organizations.setdiba, name: 'SetDIBA' })]);
    expect((await call(jira, otherCustomer, 'GET', '/rest/servicedeskapi/organization')).json.values).toEqual([expect.objectContaining({ name: 'Ajuntament de Prova' })]);
    expect((await call(jira, otherCustomer, 'GET', `/rest/servicedeskapi/organization?accountId=${setdibaCustomer}`)).status).toBe(403);
    expect((await call(jira, agent, 'GET', '/rest/servicedeskapi/organization?accountId=nobody')).status).toBe(404);
  });
});
