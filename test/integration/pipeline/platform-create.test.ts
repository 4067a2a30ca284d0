/**
 * The call that makes "no duplicate clone, ever" possible, against the emulator over HTTP: a request
 * raised with the platform API (POST /rest/api/3/issue) carries its run property from the moment it
 * exists — found by JQL on that property straight away — and is a JSM request of the given type,
 * reported by the customer and shared with the organizations. The emulator refuses what Jira refuses.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraApiError } from '../../../src/adapters/jira/errors';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { cloneRunState, cloneSearchJql, RUN_PROPERTY } from '../../../src/domain/run-state';
import { DEMO, EMULATOR_USER_HEADER, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';

let emulator: JiraEmulator;
const jira = () =>
  new JiraClient(
    new FetchJiraTransport({
      baseUrl: emulator.baseUrl,
      identity: { kind: 'app' },
      callerHeader: { name: EMULATOR_USER_HEADER, appAccountId: emulator.site.appAccountId },
    }),
  );

beforeEach(async () => {
  emulator = await startJiraEmulator({ seed: 'demo' });
});
afterEach(() => emulator.stop());

async function jsmFields() {
  const fields = await jira().getFields();
  const byType = (type: string) => fields.find((f) => f.customType === type)?.id;
  return {
    requestType: byType('com.atlassian.servicedesk:vp-origin')!,
    organizations: byType('com.atlassian.servicedesk:sd-customer-organizations')!,
  };
}

const serviceRequestType = () => emulator.site.project('SUP')!.issueTypes.find((t) => t.name === 'Service Request')!.id;

describe('raising a request with the platform API', () => {
  it('finds the JSM fields by their type', async () => {
    const fields = await jsmFields();
    expect(fields.requestType).toMatch(/^customfield_\d+$/);
    expect(fields.organizations).toMatch(/^customfield_\d+$/);
  });

  it('creates a tagged JSM request, findable by its property at once', async () => {
    const fields = await jsmFields();
    const created = await jira().createIssue({
      projectKey: 'SUP',
      issueTypeId: serviceRequestType(),
      summary: '[OVER] Alta integracions SetDIBA',
      description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bon dia' }] }] },
      reporterAccountId: DEMO.users.setdibaCustomer,
      requestType: { fieldId: fields.requestType, requestTypeId: DEMO.requestTypes.altaIntegracio },
      organizations: { fieldId: fields.organizations, ids: [DEMO.organizations.setdiba] },
      properties: { [RUN_PROPERTY]: cloneRunState('SUP-1', 'OVER', null) },
    });
    const search = await jira().searchJql(cloneSearchJql('SUP', 'SUP-1', 'OVER'));
    expect(search.keys).toEqual([created.key]);
    const request = await jira().getRequest(created.key);
    expect(request).toMatchObject({
      requestTypeId: DEMO.requestTypes.altaIntegracio,
      reporter: { accountId: DEMO.users.setdibaCustomer },
      organizations: [{ id: DEMO.organizations.setdiba, name: 'SetDIBA' }],
    });
    // The app's own create is not an event the trigger acts on.
    expect(emulator.site.events.at(-1)).toMatchObject({ eventType: 'avi:jira:created:issue', selfGenerated: true });
  });

  it('is refused, creating nothing, when the request type is an object, unknown or of another issue type', async () => {
    const fields = await jsmFields();
    const before = emulator.site.issues.size;
    const attempt = (requestType: unknown) =>
      fetch(`${emulator.baseUrl}/rest/api/3/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...emulator.authHeaders(emulator.site.appAccountId) },
        body: JSON.stringify({
          fields: { project: { key: 'SUP' }, issuetype: { id: serviceRequestType() }, summary: 'x', [fields.requestType]: requestType },
        }),
      });
    for (const [value, message] of [
      [{ id: DEMO.requestTypes.altaIntegracio }, 'Operation value must be a string'],
      ['999', "Request type '999' does not exist in this service project."],
      [DEMO.requestTypes.incidencia, 'is not valid for the issue type'],
    ] as const) {
      const response = await attempt(value);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string> };
      expect(body.errors[fields.requestType]).toContain(message);
    }
    expect(emulator.site.issues.size).toBe(before);
    await expect(
      jira().createIssue({
        projectKey: 'SUP',
        issueTypeId: serviceRequestType(),
        summary: 'x',
        description: null,
        reporterAccountId: null,
        requestType: { fieldId: fields.requestType, requestTypeId: '999' },
      }),
      // A 400 naming the Request Type field is what makes the pipeline fall back to JSM's create.
    ).rejects.toMatchObject({ name: 'RequestTypeFieldRefusedError', cause: expect.any(JiraApiError) });
  });
});
