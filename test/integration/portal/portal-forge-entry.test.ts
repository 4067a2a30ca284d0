/**
 * The portal resolver's Forge entry point (src/index.ts → portalResolver), with only the platform
 * replaced: `@forge/api`'s requestJira goes to the local Jira emulator as the app or as the invocation's
 * user, `@forge/kvs` is an in-memory store. This proves the wiring that only runs on Forge (the lazy
 * entry point, the asUser/asApp transports, the Forge composition of the pipeline).
 */
jest.mock('@forge/api', () => jest.requireActual('../support/forge-platform').forgeApiMock());
jest.mock('@forge/kvs', () => jest.requireActual('../support/forge-platform').forgeKvsMock());

// Imported after the mocks, so the app sees the stand-ins.
import { forgePlatform, useEmulator } from '../support/forge-platform';
import { defaultSettings } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { portalResolver } from '../../../src/index';
import { stopSpreadsheetParser } from '../../../src/spreadsheet';
import { ajuntament, template } from '../pipeline/fixtures';
import { certificateBlock } from '../pipeline/harness';

type Definitions = (
  request: { call: { functionKey: string; payload: unknown }; context: Record<string, unknown> },
  runtime: { principal?: { accountId?: string } },
) => Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }>;

const U = DEMO.users;

function call(accountId: string, functionKey: string, context: Record<string, unknown>, payload: unknown = {}) {
  forgePlatform.currentUser = accountId;
  return (portalResolver as unknown as Definitions)({ call: { functionKey, payload }, context }, { principal: { accountId } });
}

describe('the portal resolver as Forge runs it, on the local Jira', () => {
  let emulator: JiraEmulator;
  let key = '';

  beforeAll(async () => {
    emulator = await startJiraEmulator({ seed: 'demo' });
    const settings = defaultSettings();
    settings.certificate = structuredClone(await certificateBlock());
    await useEmulator(emulator, settings);
    key = emulator.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: 'Alta integracions SetDIBA',
      description: 'Bon dia, us adjuntem la plantilla.',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: U.setdibaCustomer,
      organizations: [DEMO.organizations.setdiba],
      attachments: [{ filename: 'alta.xlsx', content: template([ajuntament(0, { service: 'OVER' }), ajuntament(1, { service: 'e-NOTUM' })]) }],
    }).key;
  });
  afterAll(async () => {
    await emulator.stop();
    await stopSpreadsheetParser();
  });

  it('answers the requester: each ens waits for the AOC before any run', async () => {
    const context = { extension: { type: 'jiraServiceManagement:portalRequestDetail', portal: { id: '1' }, request: { key, typeId: '10' } }, locale: 'ca-ES' };
    const answer = await call(U.setdibaCustomer, 'getRequestStatus', context);
    expect(answer.ok).toBe(true);
    const lines = answer.data?.['lines'] as { codiEns: string; state: string }[];
    expect(lines.map((l) => [l.codiEns, l.state]).sort()).toEqual(
      [ajuntament(0).codiEns, ajuntament(1).codiEns].sort().map((codi) => [codi, 'waitAoc']),
    );
  });

  it('refuses another customer', async () => {
    const context = { extension: { request: { key } }, locale: 'es-ES' };
    expect(await call(U.otherCustomer, 'getRequestStatus', context)).toEqual({ ok: false, error: { code: 'forbidden', message: 'No puede ver esta solicitud.' } });
  });

  it('gives the blank template on the create screen, where there is no request yet', async () => {
    const context = { extension: { type: 'jiraServiceManagement:portalRequestCreatePropertyPanel', portal: { id: '1' }, request: { typeId: '10' } }, locale: 'ca-ES' };
    const answer = await call(U.otherCustomer, 'downloadBlankTemplate', context, { service: 'OVER' });
    expect(answer).toMatchObject({ ok: true, data: { fileName: 'plantilla-setdiba-over.xlsx' } });
  });
});
