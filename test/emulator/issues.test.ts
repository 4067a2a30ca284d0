import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { adf, call } from './helpers';

const { agent, admin, setdibaCustomer, otherCustomer, outsider, muxOwner } = DEMO.users;

describe('emulator: issues', () => {
  let jira: JiraEmulator;
  let app: string;
  let key: string;

  beforeAll(async () => {
    jira = await startJiraEmulator();
    app = jira.site.appAccountId;
    key = jira.site.createIssue({
      projectKey: 'SUP',
      summary: 'Alta e-NOTUM',
      description: 'Adjuntem la plantilla.',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: setdibaCustomer,
      organizations: ['SetDIBA'],
      labels: ['setdiba'],
      properties: { 'setdiba.state': { phase: 'new' } },
    }).key;
  });
  afterAll(() => jira.stop());

  test('an agent reads an issue with its fields, the ADF description and the organizations', async () => {
    const r = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}`);
    expect(r.status).toBe(200);
    expect(r.json.key).toBe(key);
    expect(r.json.fields.summary).toBe('Alta e-NOTUM');
    expect(r.json.fields.description).toEqual(adf('Adjuntem la plantilla.'));
    expect(r.json.fields.reporter.accountId).toBe(setdibaCustomer);
    expect(r.json.fields.reporter.emailAddress).toBe('setdiba@diba.cat');
    expect(r.json.fields.status.name).toBe('Waiting for support');
    expect(r.json.fields.customfield_10002).toEqual([expect.objectContaining({ id: '1', name: 'SetDIBA' })]);
  });

  test('fields=, expand=names and properties= shape the answer', async () => {
    const r = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}?fields=summary,labels&expand=names&properties=setdiba.state`);
    expect(Object.keys(r.json.fields).sort()).toEqual(['labels', 'summary']);
    expect(r.json.names).toEqual({ summary: 'Summary', labels: 'Labels' });
    expect(r.json.properties).toEqual({ 'setdiba.state': { phase: 'new' } });
    const excluded = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}?fields=*all,-comment`);
    expect(excluded.json.fields.comment).toBeUndefined();
    expect(excluded.json.fields.summary).toBe('Alta e-NOTUM');
  });

  test('customers see their own requests (including through their organization) and nobody else does', async () => {
    expect((await call(jira, setdibaCustomer, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(200);
    const other = await call(jira, otherCustomer, 'GET', `/rest/api/3/issue/${key}`);
    expect(other.status).toBe(404);
    expect(other.json.errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
    expect((await call(jira, outsider, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
    expect((await call(jira, agent, 'GET', '/rest/api/3/issue/SUP-999')).status).toBe(404);
  });

  test('creating an issue answers 201 with its key, and refuses what Jira refuses', async () => {
    const created = await call(jira, app, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Alta MUX', labels: ['setdiba-mux'], description: adf('Fill') },
    });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^SUP-\d+$/);
    const read = await call(jira, agent, 'GET', `/rest/api/3/issue/${created.json.key}`);
    expect(read.json.fields.labels).toEqual(['setdiba-mux']);
    expect(read.json.fields.creator.accountId).toBe(app);

    const noSummary = await call(jira, agent, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' } } });
    expect(noSummary.status).toBe(400);
    expect(noSummary.json.errors.summary).toBe('You must specify a summary of the issue.');
    const outsiderTry = await call(jira, outsider, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'x' } });
    expect(outsiderTry.status).toBe(400);
    const customerTry = await call(jira, otherCustomer, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'x' } });
    expect(customerTry.status).toBe(201); // portal customers may create requests
  });

  test('editing adds and removes labels, and refuses unknown fields, spaces and customers', async () => {
    const edited = await call(jira, app, 'PUT', `/rest/api/3/issue/${key}`, { update: { labels: [{ add: 'setdiba-e-notum' }, { remove: 'setdiba' }] } });
    expect(edited.status).toBe(204);
    expect(jira.site.issue(key)?.labels).toEqual(['setdiba-e-notum']);

    const unknown = await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}`, { fields: { priority: { name: 'High' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors.priority).toMatch(/cannot be set/);
    const spaces = await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}`, { fields: { labels: ['two words'] } });
    expect(spaces.status).toBe(400);
    expect((await call(jira, setdibaCustomer, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'mine' } })).status).toBe(403);
    expect(jira.site.issue(key)?.summary).toBe('Alta e-NOTUM');
  });

  test('an invalid ADF description is a 400 and a recorded violation', async () => {
    const r = await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}`, { fields: { description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] } } });
    expect(r.status).toBe(400);
    const violations = jira.takeViolations();
    expect(violations).toEqual([expect.objectContaining({ direction: 'request', where: 'body/fields/description/content/0/content/0/text' })]);
  });

  test('assigning needs Assign Issues and an assignable user; null unassigns', async () => {
    expect((await call(jira, app, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: muxOwner })).status).toBe(204);
    expect(jira.site.issue(key)?.assigneeAccountId).toBe(muxOwner);
    const customer = await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: setdibaCustomer });
    expect(customer.status).toBe(400);
    expect(customer.json.errors.assignee).toMatch(/cannot be assigned/);
    expect((await call(jira, setdibaCustomer, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: agent })).status).toBe(403);
    expect((await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: null })).status).toBe(204);
    expect(jira.site.issue(key)?.assigneeAccountId).toBeNull();
    expect((await call(jira, agent, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: '-1' })).status).toBe(204);
    expect(jira.site.issue(key)?.assigneeAccountId).toBe(admin);
  });

  test('transitions list the reachable statuses and move the issue', async () => {
    const list = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}/transitions`);
    expect(list.status).toBe(200);
    const resolve = list.json.transitions.find((t: { name: string }) => t.name === 'Resolved');
    expect(resolve.to.statusCategory.key).toBe('done');
    expect((await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: resolve.id } })).status).toBe(204);
    expect((await call(jira, agent, 'GET', `/rest/api/3/issue/${key}?fields=status`)).json.fields.status.name).toBe('Resolved');
    expect((await call(jira, agent, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '999' } })).status).toBe(400);
    expect((await call(jira, setdibaCustomer, 'GET', `/rest/api/3/issue/${key}/transitions`)).json.transitions).toEqual([]);
  });

  test('issue properties: create (201), update (200), read, list, delete, and who may', async () => {
    const path = `/rest/api/3/issue/${key}/properties/setdiba.run`;
    expect((await call(jira, app, 'GET', path)).status).toBe(404);
    expect((await call(jira, app, 'PUT', path, { attempt: 1 })).status).toBe(201);
    expect((await call(jira, app, 'PUT', path, { attempt: 2 })).status).toBe(200);
    const read = await call(jira, app, 'GET', path);
    expect(read.json).toEqual({ key: 'setdiba.run', value: { attempt: 2 } });
    const keys = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}/properties`);
    expect(keys.json.keys.map((k: { key: string }) => k.key)).toEqual(['setdiba.state', 'setdiba.run']);
    expect((await call(jira, setdibaCustomer, 'PUT', path, { attempt: 3 })).status).toBe(403);
    expect((await call(jira, app, 'PUT', path, { blob: 'x'.repeat(33000) })).status).toBe(400);
    expect((await call(jira, setdibaCustomer, 'DELETE', path)).status).toBe(404);
    expect((await call(jira, app, 'DELETE', path)).status).toBe(204);
    expect((await call(jira, app, 'DELETE', path)).status).toBe(404);
  });
});
