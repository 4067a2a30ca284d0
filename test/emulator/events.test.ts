import { DEMO, startJiraEmulator, type ProductEvent } from '../../src/emulator';
import { adf, call } from './helpers';

const { agent, setdibaCustomer } = DEMO.users;

describe('emulator: product events for the app trigger', () => {
  test('creating an issue through REST delivers avi:jira:created:issue in the Forge shape', async () => {
    const received: ProductEvent[] = [];
    const jira = await startJiraEmulator({ onEvent: (e) => void received.push(e) });
    try {
      const created = await call(jira, agent, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Alta', labels: ['x'] } });
      await jira.idle();
      expect(received).toHaveLength(1);
      const event = received[0]!;
      expect(event).toMatchObject({
        eventType: 'avi:jira:created:issue',
        atlassianId: agent,
        associatedUsers: [{ accountId: agent }],
        selfGenerated: false,
        issue: {
          id: created.json.id,
          key: created.json.key,
          fields: {
            summary: 'Alta',
            issuetype: { name: 'Task' },
            project: { key: 'SUP', projectTypeKey: 'service_desk' },
            creator: { accountId: agent },
            reporter: { accountId: agent },
            assignee: null,
            status: { name: 'Waiting for support' },
          },
        },
      });
      expect(typeof event.timestamp).toBe('number');
      expect('issue' in event && event.issue.fields.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    } finally {
      await jira.stop();
    }
  });

  test('the app\'s own edits are selfGenerated; a listener can call back into Jira like a trigger does', async () => {
    const seen: string[] = [];
    const jira = await startJiraEmulator({
      onEvent: async (e) => {
        // What the app's trigger does: re-read the issue through REST, as the payload is partial.
        const issue = await call(jira, jira.site.appAccountId, 'GET', `/rest/api/3/issue/${'issue' in e ? e.issue.key : e.attachment.issueId}?fields=labels`);
        seen.push(`${e.eventType} ${e.selfGenerated} ${issue.json.fields.labels.join(',')}`);
      },
    });
    try {
      const key = jira.site.createIssue({ projectKey: 'SUP', summary: 'Seeded', requestType: DEMO.requestTypes.altaIntegracio, reporter: setdibaCustomer }).key;
      await jira.idle();
      await call(jira, jira.site.appAccountId, 'PUT', `/rest/api/3/issue/${key}`, { update: { labels: [{ add: 'setdiba-over' }] } });
      await jira.idle();
      expect(seen).toEqual(['avi:jira:created:issue false ', 'avi:jira:updated:issue true setdiba-over']);
      expect(jira.events[1]).toMatchObject({ changelog: { items: [expect.objectContaining({ fieldId: 'labels', toString: 'setdiba-over' })] } });
    } finally {
      await jira.stop();
    }
  });

  test('seeding can stay silent, and a failing listener fails the test at stop()', async () => {
    const jira = await startJiraEmulator({
      onEvent: () => {
        throw new Error('trigger crashed');
      },
    });
    jira.site.createIssue({ projectKey: 'SUP', summary: 'quiet', issueType: 'Task' }, { emitEvent: false });
    expect(jira.events).toHaveLength(0);
    await call(jira, agent, 'POST', `/rest/api/3/issue/SUP-1/comment`, { body: adf('hola') });
    await jira.idle();
    expect(jira.events.map((e) => e.eventType)).toEqual(['avi:jira:commented:issue']);
    await expect(jira.stop()).rejects.toThrow(/event listener failed: Error: trigger crashed/);
  });
});
