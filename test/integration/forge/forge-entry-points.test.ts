/**
 * The Forge entry points of src/index.ts, as the manifest names them, with only the platform replaced:
 * `@forge/api`'s requestJira goes to the local Jira emulator (as the app, or as the invocation's user),
 * `@forge/kvs` is an in-memory store and `@forge/events`' Queue records what is pushed. This proves the
 * wiring that only runs on Forge (src/composition/forge.ts, the resolvers' Forge dependencies): a new
 * SetDIBA ticket goes trigger → queue → consumer → one ticket per service, and the panel and settings
 * resolvers answer agents and admins from the same pipeline and refuse customers.
 */
jest.mock('@forge/api', () => jest.requireActual('../support/forge-platform').forgeApiMock({ fetch: true }));
jest.mock('@forge/kvs', () => jest.requireActual('../support/forge-platform').forgeKvsMock());
jest.mock('@forge/events', () => jest.requireActual('../support/forge-platform').forgeEventsMock());

// Imported after the mocks, so the app sees the stand-ins.
import { forgePlatform, useEmulator } from '../support/forge-platform';
import { defaultSettings } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { consumer, panelResolver, settingsResolver, trigger } from '../../../src/index';
import { stopSpreadsheetParser } from '../../../src/spreadsheet';
import { ajuntament, template } from '../pipeline/fixtures';
import { certificateBlock } from '../pipeline/harness';

type Definitions = (
  request: { call: { functionKey: string; payload: unknown }; context: Record<string, unknown> },
  runtime: { principal?: { accountId?: string } },
) => Promise<unknown>;

interface Envelope {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

const U = DEMO.users;

function callResolver(definitions: unknown, accountId: string, functionKey: string, context: Record<string, unknown>, payload: unknown = {}) {
  forgePlatform.currentUser = accountId;
  return (definitions as Definitions)({ call: { functionKey, payload }, context }, { principal: { accountId } }) as Promise<Envelope>;
}

describe('the Forge entry points, on the local Jira', () => {
  let emulator: JiraEmulator;
  const events: unknown[] = [];

  beforeAll(async () => {
    emulator = await startJiraEmulator({ seed: 'demo', onEvent: (event) => void events.push(event) });
    const settings = defaultSettings();
    settings.certificate = structuredClone(await certificateBlock());
    settings.services.MUX.ownerAccountId = U.muxOwner;
    await useEmulator(emulator, settings);
  });
  afterAll(async () => {
    await emulator.stop();
    await stopSpreadsheetParser();
  });

  let key = '';

  it('splits a new mixed SetDIBA ticket: trigger queues one job, the consumer does the work', async () => {
    const issue = emulator.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: 'Alta integracions SetDIBA',
      description: 'Bon dia, us adjuntem la plantilla.',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: U.setdibaCustomer,
      organizations: [DEMO.organizations.setdiba],
      attachments: [{ filename: 'alta.xlsx', content: template([ajuntament(0, { service: 'MUX' }), ajuntament(1, { service: 'e-NOTUM' })]) }],
    });
    key = issue.key;
    await emulator.idle();
    const created = events.find((e) => (e as { eventType?: string }).eventType === 'avi:jira:created:issue');
    expect(created).toBeDefined();

    await expect(trigger(created)).resolves.toBeUndefined();
    expect(forgePlatform.pushed).toHaveLength(1);
    expect(forgePlatform.pushed[0]!.body).toMatchObject({ issueKey: key });

    await expect(consumer({ body: forgePlatform.pushed[0]!.body, eventId: 'event-1' })).resolves.toBeUndefined();
    const original = emulator.site.issue(key)!;
    expect(original.labels).toEqual(expect.arrayContaining(['setdiba', 'setdiba-mux', 'setdiba-pendent-data-pro']));
    expect(original.assigneeAccountId).toBe(U.muxOwner);
    // MUX stays on the original; e-NOTUM went to one linked clone.
    expect(emulator.site.linksOf(original)).toHaveLength(1);

    // The platform delivers at least once: a second delivery writes nothing new.
    const callsBefore = emulator.calls.length;
    const commentsBefore = emulator.site.commentsOf(original).length;
    await expect(consumer({ body: forgePlatform.pushed[0]!.body, eventId: 'event-1' })).resolves.toBeUndefined();
    expect(emulator.calls.slice(callsBefore).filter((c) => c.method !== 'GET')).toEqual([]);
    expect(emulator.site.commentsOf(original)).toHaveLength(commentsBefore);
    expect(emulator.site.linksOf(original)).toHaveLength(1);
  });

  it('answers an agent on the issue panel with the plan of the same pipeline, and refuses a customer', async () => {
    const context = { extension: { issue: { key } }, locale: 'ca_ES' };
    const agent = await callResolver(panelResolver, U.agent, 'getPanelState', context);
    expect(agent.ok).toBe(true);
    expect(agent.data?.plan).not.toBeNull();

    const customer = await callResolver(panelResolver, U.setdibaCustomer, 'getPanelState', context);
    expect(customer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows the project settings to an admin and refuses an agent', async () => {
    const context = { extension: { project: { key: DEMO.projectKey } }, locale: 'ca_ES' };
    const admin = await callResolver(settingsResolver, U.admin, 'getSettingsPage', context);
    expect(admin.ok).toBe(true);
    expect(JSON.stringify(admin.data)).toContain(U.muxOwner);

    const agent = await callResolver(settingsResolver, U.agent, 'getSettingsPage', context);
    expect(agent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
