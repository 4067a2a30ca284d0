/**
 * The JiraClient against the local Jira emulator over real HTTP on 127.0.0.1: every JiraPort method,
 * 404s, and Jira's throttling (429 with Retry-After), 503 and dropped connections. The emulator checks
 * every request and response against Atlassian's OpenAPI specs and fails `stop()` on any mismatch, so
 * these tests also prove the client only sends what Jira Cloud documents.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraApiError } from '../../../src/adapters/jira/errors';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { RetryableError } from '../../../src/domain/errors';
import { DEMO, EMULATOR_USER_HEADER, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import type { AdfDoc } from '../../../src/ports/jira';
import { withRetry } from '../../../src/usecases/retry';

const U = DEMO.users;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function adf(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

describe('JiraClient against the Jira emulator', () => {
  let emulator: JiraEmulator;
  let ticket: string;
  const templateBytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);

  /** The client as Forge would build it: asApp() by default, asUser(accountId) in resolvers. */
  const jira = (accountId?: string) =>
    new JiraClient(
      new FetchJiraTransport({
        baseUrl: emulator.baseUrl,
        identity: accountId ? { kind: 'user', accountId } : { kind: 'app' },
        callerHeader: { name: EMULATOR_USER_HEADER, appAccountId: emulator.site.appAccountId },
      }),
    );

  beforeEach(async () => {
    emulator = await startJiraEmulator({ seed: 'demo' });
    ticket = emulator.site.createIssue(
      {
        projectKey: DEMO.projectKey,
        summary: 'Alta e-NOTUM i MUX',
        description: 'Us adjuntem la plantilla.',
        requestType: DEMO.requestTypes.altaIntegracio,
        reporter: U.setdibaCustomer,
        organizations: [DEMO.organizations.setdiba],
        labels: ['setdiba'],
        attachments: [{ filename: 'plantilla.xlsx', content: templateBytes, mimeType: XLSX_MIME }],
        comments: [
          { author: U.agent, body: 'Nota interna', internal: true },
          { author: U.agent, body: 'Hola, ho mirem', internal: false },
        ],
      },
      { emitEvent: false },
    ).key;
  });

  afterEach(async () => {
    // Fails the test if the client sent (or the emulator answered) anything the specs do not allow.
    await emulator.stop();
  });

  describe('users and permissions', () => {
    it('knows who it is calling as', async () => {
      await expect(jira().myself()).resolves.toMatchObject({ accountId: emulator.site.appAccountId, accountType: 'app' });
      await expect(jira(U.agent).myself()).resolves.toMatchObject({ accountId: U.agent, locale: 'ca_ES' });
    });

    it('reads a user, and answers null for an account Jira does not know', async () => {
      await expect(jira().getUser(U.muxOwner)).resolves.toMatchObject({ displayName: 'Pere Soler' });
      await expect(jira().getUser('nobody-here')).resolves.toBeNull();
    });

    it('finds assignable agents by name', async () => {
      const found = await jira().findAssignableUsers(DEMO.projectKey, 'Pere');
      expect(found.map((u) => u.accountId)).toContain(U.muxOwner);
    });

    it('tells what the caller may do on an issue and on a project', async () => {
      const agent = await jira(U.agent).myPermissions({ issueKey: ticket }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
      expect(agent).toMatchObject({ BROWSE_PROJECTS: true, EDIT_ISSUES: true });
      const customer = await jira(U.setdibaCustomer).myPermissions({ issueKey: ticket }, ['EDIT_ISSUES']);
      expect(customer.EDIT_ISSUES).toBe(false);
      const admin = await jira(U.admin).myPermissions({ projectKey: DEMO.projectKey }, ['ADMINISTER_PROJECTS']);
      expect(admin.ADMINISTER_PROJECTS).toBe(true);
      const agentAdmin = await jira(U.agent).myPermissions({ projectKey: DEMO.projectKey }, ['ADMINISTER_PROJECTS']);
      expect(agentAdmin.ADMINISTER_PROJECTS).toBe(false);
    });
  });

  describe('issues', () => {
    it('reads a ticket with its reporter, labels and attachment, and null for a missing one', async () => {
      const issue = await jira().getIssue(ticket);
      expect(issue).toMatchObject({
        key: ticket,
        projectKey: DEMO.projectKey,
        summary: 'Alta e-NOTUM i MUX',
        labels: ['setdiba'],
        reporter: { accountId: U.setdibaCustomer, emailAddress: 'setdiba@diba.cat' },
        assignee: null,
      });
      expect(issue?.description?.type).toBe('doc');
      expect(issue?.attachments).toEqual([expect.objectContaining({ filename: 'plantilla.xlsx', size: templateBytes.length })]);
      await expect(jira().getIssue('SUP-9999')).resolves.toBeNull();
    });

    it('adds and removes labels, changes the summary, assigns and unassigns', async () => {
      const client = jira();
      await client.editIssue(ticket, { labelsAdd: ['setdiba-mux', 'setdiba-revisar'], summary: '[MUX] Alta' });
      await client.editIssue(ticket, { labelsRemove: ['setdiba-revisar'] });
      await client.assignIssue(ticket, U.muxOwner);
      let issue = await client.getIssue(ticket);
      expect(issue?.labels.sort()).toEqual(['setdiba', 'setdiba-mux']);
      expect(issue?.summary).toBe('[MUX] Alta');
      expect(issue?.assignee?.accountId).toBe(U.muxOwner);
      await client.assignIssue(ticket, null);
      issue = await client.getIssue(ticket);
      expect(issue?.assignee).toBeNull();
    });

    it('links a clone to its original so each side shows the right direction', async () => {
      const client = jira();
      const clone = await client.createRequest({
        serviceDeskId: DEMO.serviceDeskId,
        requestTypeId: DEMO.requestTypes.altaIntegracio,
        summary: '[MUX] Alta e-NOTUM i MUX',
        descriptionText: 'Us adjuntem la plantilla.',
        raiseOnBehalfOf: U.setdibaCustomer,
        organizationIds: [DEMO.organizations.setdiba],
      });
      await client.createIssueLink('Cloners', clone.issueKey, ticket);
      expect((await client.getIssue(clone.issueKey))?.links).toEqual([{ type: 'Cloners', direction: 'outward', key: ticket }]);
      expect((await client.getIssue(ticket))?.links).toEqual([{ type: 'Cloners', direction: 'inward', key: clone.issueKey }]);
    });

    it('keeps the run state in an issue property: set, read, delete; null when absent', async () => {
      const client = jira();
      await expect(client.getIssueProperty(ticket, 'setdiba.run')).resolves.toBeNull();
      await client.setIssueProperty(ticket, 'setdiba.run', { originKey: ticket, service: 'MUX', state: 'running' });
      await expect(client.getIssueProperty(ticket, 'setdiba.run')).resolves.toEqual({ originKey: ticket, service: 'MUX', state: 'running' });
      await client.deleteIssueProperty(ticket, 'setdiba.run');
      await client.deleteIssueProperty(ticket, 'setdiba.run');
      await expect(client.getIssueProperty(ticket, 'setdiba.run')).resolves.toBeNull();
    });
  });

  describe('attachments', () => {
    it('downloads the bytes of a ticket’s attachment', async () => {
      const [attachment] = (await jira().getIssue(ticket))?.attachments ?? [];
      await expect(jira().getAttachmentContent(attachment?.id ?? '')).resolves.toEqual(templateBytes);
    });

    it('uploads a workbook that then appears on the ticket with the same bytes', async () => {
      const bytes = new Uint8Array([9, 8, 7, 6, 5]);
      const created = await jira().addAttachment(ticket, 'MUX.xlsx', bytes, XLSX_MIME);
      expect(created).toMatchObject({ filename: 'MUX.xlsx', size: bytes.length });
      const names = (await jira().getIssue(ticket))?.attachments.map((a) => a.filename);
      expect(names).toEqual(['plantilla.xlsx', 'MUX.xlsx']);
      await expect(jira().getAttachmentContent(created.id)).resolves.toEqual(bytes);
    });
  });

  describe('comments', () => {
    it('reads comments with JSM visibility', async () => {
      const comments = await jira().getComments(ticket);
      expect(comments.map((c) => [c.authorAccountId, c.public])).toEqual([
        [U.agent, false],
        [U.agent, true],
      ]);
    });

    it('posts an internal comment and a public one, with the app’s property kept for idempotency', async () => {
      const client = jira();
      const internal = await client.addComment(ticket, { body: adf('Resultats'), public: false, properties: { 'setdiba.comment': { key: 'k1' } } });
      const visible = await client.addComment(ticket, { body: adf('Hem creat SUP-2'), public: true });
      expect(internal.public).toBe(false);
      expect(visible.public).toBe(true);
      const read = await client.getComments(ticket);
      expect(read.slice(-2).map((c) => [c.id, c.public, c.authorAccountId])).toEqual([
        [internal.id, false, emulator.site.appAccountId],
        [visible.id, true, emulator.site.appAccountId],
      ]);
      expect(read.at(-2)?.properties['setdiba.comment']).toEqual({ key: 'k1' });
      // What the customer sees through the platform API: only the public one.
      const customerView = await jira(U.setdibaCustomer).getComments(ticket);
      expect(customerView.map((c) => c.id)).toContain(visible.id);
      expect(customerView.map((c) => c.id)).not.toContain(internal.id);
    });
  });

  describe('search', () => {
    it('finds the app’s tickets by issue property, following nextPageToken past one page', async () => {
      const client = jira();
      await client.setIssueProperty(ticket, 'setdiba.run', { originKey: 'SUP-ORIGIN', service: 'MUX', state: 'done' });
      const keys = [ticket];
      // More than one page (the client asks for 100 per page).
      for (let i = 0; i < 104; i++) {
        const seeded = emulator.site.createIssue(
          {
            projectKey: DEMO.projectKey,
            summary: `clone ${i}`,
            requestType: DEMO.requestTypes.altaIntegracio,
            reporter: U.setdibaCustomer,
            properties: { 'setdiba.run': { originKey: 'SUP-ORIGIN', service: 'OVER', state: 'done' } },
          },
          { emitEvent: false },
        );
        keys.push(seeded.key);
      }
      const jql = 'issue.property[setdiba.run].originKey = "SUP-ORIGIN"';
      const found: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const page = await client.searchJql(jql, token);
        found.push(...page.keys);
        token = page.nextPageToken;
        pages++;
      } while (token && pages < 10);
      expect(pages).toBe(2);
      expect(found.sort()).toEqual(keys.sort());
      const byLabel = await client.searchJql(`project = ${DEMO.projectKey} AND labels = setdiba`);
      expect(byLabel).toEqual({ keys: [ticket], nextPageToken: null });
    });
  });

  describe('Jira Service Management', () => {
    it('reads the request’s type, reporter and organizations', async () => {
      await expect(jira().getRequest(ticket)).resolves.toMatchObject({
        issueKey: ticket,
        serviceDeskId: DEMO.serviceDeskId,
        requestTypeId: DEMO.requestTypes.altaIntegracio,
        requestTypeName: "Alta d'integració",
        reporter: { accountId: U.setdibaCustomer },
        organizations: [{ id: DEMO.organizations.setdiba, name: 'SetDIBA' }],
      });
      await expect(jira().getRequest('SUP-9999')).resolves.toBeNull();
    });

    it('raises a request on behalf of the customer, shared with the organization', async () => {
      const created = await jira().createRequest({
        serviceDeskId: DEMO.serviceDeskId,
        requestTypeId: DEMO.requestTypes.altaIntegracio,
        summary: '[OVER] Alta',
        descriptionText: 'Text pla',
        raiseOnBehalfOf: U.setdibaCustomer,
        organizationIds: [DEMO.organizations.setdiba],
      });
      const request = await jira().getRequest(created.issueKey);
      expect(request?.reporter?.accountId).toBe(U.setdibaCustomer);
      expect(request?.organizations.map((o) => o.name)).toEqual(['SetDIBA']);
    });

    it('lists request types and organizations, also those of one customer', async () => {
      const types = await jira().getRequestTypes(DEMO.serviceDeskId);
      expect(types.map((t) => t.id).sort()).toEqual(Object.values(DEMO.requestTypes).sort());
      const all = await jira().getOrganizations();
      expect(all.map((o) => o.name).sort()).toEqual(['Ajuntament de Prova', 'SetDIBA']);
      const mine = await jira().getOrganizations({ accountId: U.setdibaCustomer });
      expect(mine.map((o) => o.name)).toEqual(['SetDIBA']);
    });
  });

  describe('when Jira pushes back', () => {
    it('surfaces a 429 as retryable with Retry-After, and the retry helper gets through', async () => {
      emulator.faults.add({ route: 'GET /rest/api/3/issue/{issueIdOrKey}', nth: 1, fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } });
      const client = jira();
      const error = await client.getIssue(ticket).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect((error as RetryableError).retryAfterMs).toBe(2000);

      emulator.faults.add({ route: 'GET /rest/api/3/issue/{issueIdOrKey}', nth: 1, fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } });
      const waits: number[] = [];
      const issue = await withRetry(() => client.getIssue(ticket), { clock: { sleep: async (ms) => void waits.push(ms) } });
      expect(issue?.key).toBe(ticket);
      expect(waits).toEqual([3000]);
    });

    it('surfaces 503 and a dropped connection as retryable', async () => {
      emulator.faults.add({ route: 'POST /rest/api/3/issue/{issueIdOrKey}/comment', nth: 1, fault: 503 });
      emulator.faults.add({ route: 'GET /rest/api/3/myself', nth: 1, fault: 'drop' });
      await expect(jira().addComment(ticket, { body: adf('x'), public: false })).rejects.toBeInstanceOf(RetryableError);
      await expect(jira().myself()).rejects.toBeInstanceOf(RetryableError);
    });

    it('reports a refusal with Jira’s status and messages, not as retryable', async () => {
      const error = await jira().assignIssue(ticket, U.setdibaCustomer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraApiError);
      expect((error as JiraApiError).status).toBe(400);
      expect(error).not.toBeInstanceOf(RetryableError);
    });

    it('hides a ticket from a user who may not see it (404 → null)', async () => {
      await expect(jira(U.outsider).getIssue(ticket)).resolves.toBeNull();
    });
  });
});
