/**
 * The Self-check through the settings resolver, against the Jira emulator (the sandbox's site): every
 * automatic check passes there, admins only, nothing left behind in the KVS, no ticket touched; a site
 * that lacks something gets a failed line with the fix.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { createHttpBackendProbe } from '../../../src/adapters/backend/http-client';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { settingsResponseSchemas } from '../../../src/contracts/settings';
import { createSettingsHandlers, dryParseTemplate, type SettingsHandlers } from '../../../src/handlers/settings-resolver';
import { stopSpreadsheetParser } from '../../../src/spreadsheet';

let emulator: JiraEmulator;
let kvs: MemoryKeyValueStore;
let handlers: SettingsHandlers;

const jiraAs = (accountId: string) =>
  new JiraClient(new FetchJiraTransport({ baseUrl: emulator.baseUrl, identity: { kind: 'user', accountId }, headers: emulator.authHeaders(accountId) }));

beforeAll(async () => {
  emulator = await startJiraEmulator({ seed: 'demo' });
  // A live project has requests; the check finds the portal through the latest one.
  emulator.site.createIssue({ projectKey: DEMO.projectKey, summary: 'Consulta', requestType: DEMO.requestTypes.altaIntegracio, reporter: DEMO.users.setdibaCustomer });
  kvs = new MemoryKeyValueStore();
  handlers = createSettingsHandlers((accountId) => ({
    kvs,
    jira: jiraAs(accountId),
    jiraAsApp: jiraAs(emulator.site.appAccountId),
    clock: { now: () => new Date() },
    probe: createHttpBackendProbe({ timeoutMs: 1_000 }),
    allowedEndpoints: [],
    dryParse: dryParseTemplate,
  }));
});
afterAll(async () => {
  await stopSpreadsheetParser();
  await emulator.stop();
});

const run = (accountId: string, locale = 'ca-ES') =>
  handlers.runSelfCheck({ payload: {}, context: { accountId, locale, extension: { project: { key: DEMO.projectKey } } } });

describe('the Self-check in the sandbox', () => {
  it('passes every automatic check and explains the two manual ones, leaving nothing behind', async () => {
    const issuesBefore = emulator.site.issues.size;
    const answer = await run(DEMO.users.admin);
    if (!answer.ok) throw new Error(answer.error.message);
    settingsResponseSchemas.runSelfCheck.parse(answer.data);
    const byId = Object.fromEntries(answer.data.checks.map((c) => [c.id, c]));
    for (const id of ['kvs', 'worker', 'linkType', 'fields', 'requestTypes', 'appPermissions']) {
      expect([id, byId[id]?.status, byId[id]?.fix]).toEqual([id, 'ok', null]);
    }
    expect(byId.linkType?.found).toBe('«clones» / «is cloned by»');
    expect(byId.fields?.found).toMatch(/customfield_\d+.*customfield_\d+/);
    expect(byId.requestTypes?.found).toContain("Alta d'integració");
    expect(byId.linkWording).toMatchObject({ status: 'manual', fix: expect.stringContaining('is cloned by') });
    expect(byId.notification).toMatchObject({ status: 'manual', fix: expect.stringContaining('portal') });
    expect(kvs.snapshot()).toEqual({});
    expect(emulator.site.issues.size).toBe(issuesBefore);
  });

  it('speaks the admin’s language', async () => {
    const answer = await run(DEMO.users.admin, 'en-GB');
    expect(answer.ok && answer.data.checks.map((c) => c.title)).toContain('Link type "Cloners"');
  });

  it('is for project admins only', async () => {
    await expect(run(DEMO.users.agent)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says what is missing and how to fix it when the site lacks the link type', async () => {
    const cloners = [...emulator.site.issueLinkTypes.entries()].find(([, t]) => t.name === 'Cloners')!;
    emulator.site.issueLinkTypes.delete(cloners[0]);
    try {
      const answer = await run(DEMO.users.admin, 'en-GB');
      const line = answer.ok ? answer.data.checks.find((c) => c.id === 'linkType') : null;
      expect(line).toMatchObject({ status: 'failed', found: 'Relates, Duplicate', fix: expect.stringContaining('Issue linking') });
    } finally {
      emulator.site.issueLinkTypes.set(cloners[0], cloners[1]);
    }
  });
});
