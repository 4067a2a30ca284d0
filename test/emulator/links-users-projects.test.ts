import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { call } from './helpers';

const { agent, admin, agentEs, muxOwner, setdibaCustomer, otherCustomer, outsider } = DEMO.users;
const ALL = 'BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS,ASSIGNABLE_USER';

describe('emulator: links, users, permissions and projects', () => {
  let jira: JiraEmulator;
  let original: string;
  let clone: string;

  beforeAll(async () => {
    jira = await startJiraEmulator();
    original = jira.site.createIssue({ projectKey: 'SUP', summary: 'Alta e-NOTUM i MUX', requestType: DEMO.requestTypes.altaIntegracio, reporter: setdibaCustomer }).key;
    clone = jira.site.createIssue({ projectKey: 'SUP', summary: 'Alta MUX', issueType: 'Task' }).key;
  });
  afterAll(() => jira.stop());

  test('issue link types include Cloners (clones / is cloned by)', async () => {
    const r = await call(jira, agent, 'GET', '/rest/api/3/issueLinkType');
    expect(r.json.issueLinkTypes).toContainEqual(expect.objectContaining({ name: 'Cloners', inward: 'is cloned by', outward: 'clones' }));
  });

  test('the issue posted as inwardIssue shows the outward wording: the clone "clones", the original "is cloned by"', async () => {
    const r = await call(jira, jira.site.appAccountId, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Cloners' },
      inwardIssue: { key: clone },
      outwardIssue: { key: original },
    });
    expect(r.status).toBe(201);
    const fromSide = await call(jira, agent, 'GET', `/rest/api/3/issue/${clone}?fields=issuelinks`);
    expect(fromSide.json.fields.issuelinks).toEqual([expect.objectContaining({ type: expect.objectContaining({ name: 'Cloners' }), outwardIssue: expect.objectContaining({ key: original }) })]);
    const toSide = await call(jira, agent, 'GET', `/rest/api/3/issue/${original}?fields=issuelinks`);
    expect(toSide.json.fields.issuelinks).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: clone }) })]);
    // Linking twice does not duplicate
    await call(jira, agent, 'POST', '/rest/api/3/issueLink', { type: { name: 'Cloners' }, inwardIssue: { key: clone }, outwardIssue: { key: original } });
    expect(jira.site.linksOf(jira.site.issue(clone)!)).toHaveLength(1);
  });

  test('a link with an unknown type, a hidden issue or no permission is a 404', async () => {
    expect((await call(jira, agent, 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: clone }, inwardIssue: { key: original } })).status).toBe(404);
    expect((await call(jira, agent, 'POST', '/rest/api/3/issueLink', { type: { name: 'Cloners' }, outwardIssue: { key: 'SUP-999' }, inwardIssue: { key: original } })).status).toBe(404);
    expect((await call(jira, setdibaCustomer, 'POST', '/rest/api/3/issueLink', { type: { name: 'Cloners' }, outwardIssue: { key: original }, inwardIssue: { key: original } })).status).toBe(404);
  });

  test('myself answers for the caller, the app included', async () => {
    const me = await call(jira, agent, 'GET', '/rest/api/3/myself');
    expect(me.json).toMatchObject({ accountId: agent, locale: 'ca_ES', accountType: 'atlassian' });
    const es = await call(jira, agentEs, 'GET', '/rest/api/3/myself');
    expect(es.json.locale).toBe('es_ES');
    const app = await call(jira, jira.site.appAccountId, 'GET', '/rest/api/3/myself');
    expect(app.json.accountType).toBe('app');
  });

  test('user by accountId: 200, 404 when unknown, 403 for customers', async () => {
    const r = await call(jira, jira.site.appAccountId, 'GET', `/rest/api/3/user?accountId=${setdibaCustomer}`);
    expect(r.json).toMatchObject({ accountId: setdibaCustomer, emailAddress: 'setdiba@diba.cat', accountType: 'customer' });
    expect((await call(jira, agent, 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
    expect((await call(jira, otherCustomer, 'GET', `/rest/api/3/user?accountId=${agent}`)).status).toBe(403);
  });

  test('assignable users: agents and admins of the project, filtered by query', async () => {
    const all = await call(jira, agent, 'GET', '/rest/api/3/user/assignable/search?project=SUP');
    expect(all.json.map((u: { accountId: string }) => u.accountId).sort()).toEqual([admin, agent, agentEs, muxOwner].sort());
    const pere = await call(jira, agent, 'GET', `/rest/api/3/user/assignable/search?issueKey=${original}&query=per`);
    expect(pere.json.map((u: { accountId: string }) => u.accountId)).toEqual([muxOwner]);
    expect((await call(jira, agent, 'GET', '/rest/api/3/user/assignable/search?project=NOPE')).status).toBe(404);
    expect((await call(jira, agent, 'GET', '/rest/api/3/user/assignable/search')).status).toBe(400);
  });

  test('mypermissions answers per user, on a project or an issue', async () => {
    const perms = async (as: string, scope: string) => {
      const r = await call(jira, as, 'GET', `/rest/api/3/mypermissions?${scope}&permissions=${ALL}`);
      expect(r.status).toBe(200);
      return Object.fromEntries(Object.entries(r.json.permissions as Record<string, { havePermission: boolean }>).map(([k, v]) => [k, v.havePermission]));
    };
    expect(await perms(agent, 'projectKey=SUP')).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: false, ASSIGNABLE_USER: true });
    expect(await perms(admin, 'projectKey=SUP')).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: true, ASSIGNABLE_USER: true });
    expect(await perms(jira.site.appAccountId, `issueKey=${original}`)).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: true, ASSIGNABLE_USER: false });
    expect(await perms(setdibaCustomer, `issueKey=${original}`)).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: false, ADMINISTER_PROJECTS: false, ASSIGNABLE_USER: false });
    expect(await perms(otherCustomer, `issueKey=${original}`)).toEqual({ BROWSE_PROJECTS: false, EDIT_ISSUES: false, ADMINISTER_PROJECTS: false, ASSIGNABLE_USER: false });
    expect(await perms(outsider, 'projectKey=SUP')).toEqual({ BROWSE_PROJECTS: false, EDIT_ISSUES: false, ADMINISTER_PROJECTS: false, ASSIGNABLE_USER: false });
  });

  test('mypermissions refuses unknown keys and unknown scopes', async () => {
    expect((await call(jira, agent, 'GET', '/rest/api/3/mypermissions?projectKey=SUP&permissions=FLY')).status).toBe(400);
    expect((await call(jira, agent, 'GET', '/rest/api/3/mypermissions?projectKey=SUP')).status).toBe(400);
    expect((await call(jira, agent, 'GET', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS')).status).toBe(404);
  });

  test('project, its issue types and statuses; hidden from outsiders', async () => {
    const project = await call(jira, agent, 'GET', '/rest/api/3/project/SUP');
    expect(project.json).toMatchObject({ key: 'SUP', name: 'Suport Tècnic', projectTypeKey: 'service_desk', lead: expect.objectContaining({ accountId: admin }) });
    expect(project.json.issueTypes.map((t: { name: string }) => t.name)).toEqual(['Service Request', 'Incident', 'Task']);
    const types = await call(jira, agent, 'GET', `/rest/api/3/issuetype/project?projectId=${project.json.id}`);
    expect(types.json).toHaveLength(3);
    const statuses = await call(jira, agent, 'GET', '/rest/api/3/project/SUP/statuses');
    expect(statuses.json[0].statuses.map((s: { name: string }) => s.name)).toContain('Waiting for support');
    expect((await call(jira, outsider, 'GET', '/rest/api/3/project/SUP')).status).toBe(404);
    expect((await call(jira, agent, 'GET', '/rest/api/3/project/NOPE/statuses')).status).toBe(404);
    expect((await call(jira, agent, 'GET', '/rest/api/3/issuetype/project?projectId=1')).status).toBe(404);
  });
});
