import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { matchOperation } from '../../src/emulator/spec/specs';
import { checkResponse } from '../../src/emulator/spec/validators';
import { call } from './helpers';

const { agent } = DEMO.users;

describe('emulator: fidelity to the specs', () => {
  let jira: JiraEmulator;

  beforeAll(async () => {
    jira = await startJiraEmulator();
  });
  afterEach(() => jira.takeViolations());
  afterAll(() => jira.stop());

  test('a path the specs do not have is a 404 and a violation', async () => {
    const r = await call(jira, agent, 'GET', '/rest/api/2/myself');
    expect(r.status).toBe(404);
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ method: 'GET', path: '/rest/api/2/myself', direction: 'request', where: 'path' })]);
    expect((await call(jira, agent, 'DELETE', '/rest/api/3/myself')).status).toBe(404);
    expect(jira.takeViolations()).toHaveLength(1);
  });

  test('the retired /rest/api/3/search answers 410 Gone, as Jira Cloud does', async () => {
    expect((await call(jira, agent, 'GET', '/rest/api/3/search?jql=project%3DSUP')).status).toBe(410);
    expect(jira.takeViolations()[0]?.message).toMatch(/search\/jql/);
  });

  test('a documented operation the emulator does not implement is a 501 and a violation', async () => {
    expect((await call(jira, agent, 'GET', '/rest/api/3/serverInfo')).status).toBe(501);
    expect(jira.takeViolations()[0]?.message).toMatch(/does not implement/);
  });

  test('a query parameter the operation lacks, or of the wrong type, is a 400 and a violation', async () => {
    expect((await call(jira, agent, 'GET', '/rest/api/3/issueLinkType?verbose=true')).status).toBe(400);
    expect((await call(jira, agent, 'GET', '/rest/api/3/search/jql?jql=project%3DSUP&maxResults=many')).status).toBe(400);
    const violations = jira.takeViolations();
    expect(violations.map((v) => v.where)).toEqual(['query.verbose', 'query/maxResults']);
    expect(violations.every((v) => v.direction === 'request')).toBe(true);
  });

  test('a body that breaks the operation schema is a 400 with the schema error', async () => {
    const r = await call(jira, agent, 'POST', '/rest/servicedeskapi/request', { serviceDeskId: 1, requestTypeId: '10', requestFieldValues: {} });
    expect(r.status).toBe(400);
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ where: 'body/serviceDeskId', message: 'must be string' })]);
    const link = await call(jira, agent, 'POST', '/rest/api/3/issueLink', { type: { name: 'Cloners' }, outwardIssue: { key: 'SUP-1' } });
    expect(link.status).toBe(400);
    expect(jira.takeViolations()[0]?.message).toMatch(/inwardIssue/);
  });

  test('JSON sent as text/plain (fetch default) is refused with 415, as Jira does', async () => {
    const res = await fetch(`${jira.baseUrl}/rest/api/3/issue/SUP-1/comment`, { method: 'POST', headers: jira.authHeaders(agent), body: '{"body":{}}' });
    expect(res.status).toBe(415);
    expect(jira.takeViolations()[0]?.where).toBe('headers.content-type');
  });

  test('requests without a known identity are 401; Bearer tokens work like the user header', async () => {
    expect((await call(jira, null, 'GET', '/rest/api/3/myself')).status).toBe(401);
    expect((await call(jira, 'nobody', 'GET', '/rest/api/3/myself')).status).toBe(401);
    const bearer = await fetch(`${jira.baseUrl}/rest/api/3/myself`, { headers: { authorization: `Bearer ${agent}` } });
    expect(((await bearer.json()) as { accountId: string }).accountId).toBe(agent);
  });

  test('a response that breaks the spec is recorded against the response', async () => {
    // accountId is limited to 128 characters in the User schema; a seeded user can exceed it.
    jira.site.addUser({ accountId: 'x'.repeat(130), displayName: 'Too long' });
    await call(jira, 'x'.repeat(130), 'GET', '/rest/api/3/myself');
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ direction: 'response', where: 'body/accountId' })]);
  });

  test('assertNoViolations names method, path, direction and the schema error', async () => {
    await call(jira, agent, 'GET', '/rest/api/3/issueLinkType?verbose=true');
    expect(() => jira.assertNoViolations()).toThrow(/GET \/rest\/api\/3\/issueLinkType \(GET \/rest\/api\/3\/issueLinkType\) request query\.verbose: is not a parameter/);
  });

  test('undocumented statuses and bodies are caught by the response check', () => {
    const op = matchOperation('GET', '/rest/api/3/issue/SUP-1');
    expect(op?.template).toBe('/rest/api/3/issue/{issueIdOrKey}');
    expect(checkResponse(op!, 403, 'application/json', {})).toEqual([expect.objectContaining({ where: 'status' })]);
    expect(checkResponse(op!, 429, 'application/json', {})).toEqual([]);
    expect(checkResponse(op!, 200, 'application/json', { id: 1 })).toEqual([expect.objectContaining({ where: 'body/id' })]);
  });
});

test('stop() fails the test file when violations were left unexamined', async () => {
  const jira = await startJiraEmulator({ seed: 'empty' });
  await call(jira, jira.site.appAccountId, 'GET', '/rest/api/3/nothing/here');
  await expect(jira.stop()).rejects.toThrow(/1 problem\(s\):\n- GET \/rest\/api\/3\/nothing\/here \(no such operation\) request path/);
});
