/**
 * The customer portal's resolver against the Jira emulator, each caller over HTTP with their own
 * credentials (what Forge's asUser does), after the real pipeline processed a request that mixes
 * services: the requester sees every ens of the request and of the tickets split from it, where each
 * stands, what to correct, and nothing internal; other customers and outsiders are refused.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import { spreadsheetTemplates } from '../../../src/composition/pipeline';
import { portalResponseSchemas, type PortalResult } from '../../../src/contracts/portal';
import type { RunState } from '../../../src/domain/run-state';
import { createPortalHandlers, type PortalHandlers } from '../../../src/handlers/portal-resolver';
import { readTemplate } from '../../../src/spreadsheet/read-template';
import { ajuntament, template } from '../pipeline/fixtures';
import { DEMO, fastClock, startHarness, type Harness } from '../pipeline/harness';

const U = DEMO.users;
const ROWS = [
  ajuntament(10, { service: 'OVER' }),
  ajuntament(11, { service: 'OVER' }),
  ajuntament(12, { service: 'e-NOTUM' }),
  ajuntament(13, { service: 'MUX' }), // no production date yet
  ajuntament(14, { service: 'e-NOTUM', nif: 'P0800000X' }), // a NIF whose control letter is wrong
];

let h: Harness;
let handlers: PortalHandlers;
let key: string;
let tickets: RunState['tickets'];

/** Forge gives the user's own locale; a visitor without an account gets the site's. */
const LOCALES: Record<string, string> = { [U.agentEs]: 'es-ES', [U.otherCustomer]: 'es-ES', [U.outsider]: 'en-US' };

function context(accountId: string | null, requestKey: string | null, locale = (accountId && LOCALES[accountId]) || 'ca-ES') {
  return {
    ...(accountId ? { accountId } : {}),
    locale,
    extension: {
      type: 'jiraServiceManagement:portalRequestDetail',
      portal: { id: '1' },
      ...(requestKey ? { request: { key: requestKey, typeId: '10' } } : {}),
    },
  };
}

async function status(accountId: string | null, requestKey: string | null, payload: unknown = {}): Promise<PortalResult<'getRequestStatus'>> {
  const result = await handlers.getRequestStatus({ payload, context: context(accountId, requestKey) });
  // Every answer follows the contract (strict: a field added by mistake fails here).
  if (result.ok) portalResponseSchemas.getRequestStatus.parse(result.data);
  return result;
}

async function lines(accountId: string, requestKey: string) {
  const answer = await status(accountId, requestKey);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  h = await startHarness({ backend: 'http' });
  key = h.raise({ files: { 'alta.xlsx': template(ROWS) } });
  await h.drain();
  tickets = (h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState).tickets;
  const jiraAs = (accountId: string) =>
    new JiraClient(new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'user', accountId }, headers: h.emulator.authHeaders(accountId) }));
  const app = new JiraClient(
    new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'app' }, headers: h.emulator.authHeaders(h.emulator.site.appAccountId) }),
  );
  handlers = createPortalHandlers((accountId) => ({
    panel: { jiraAsUser: jiraAs(accountId), jiraAsApp: app, clock: fastClock, pipeline: panelPipeline(h.pipeline) },
    kvs: h.kvs,
    blankTemplate: (service, lang) => spreadsheetTemplates.write([], service, lang),
  }));
}, 60_000);

afterAll(async () => {
  await h.stop();
});

describe('the request detail panel on the customer portal', () => {
  it('shows the requester every ens of the request and of its split tickets, where each stands', async () => {
    expect(Object.keys(tickets).sort()).toEqual(['MUX', 'OVER', 'e-NOTUM']);
    const data = await lines(U.setdibaCustomer, key);
    expect(data.applicable).toBe(true);
    expect(data.lang).toBe('ca');
    const byCodi = new Map(data.lines.map((l) => [l.codiEns, l]));
    expect(data.lines).toHaveLength(ROWS.length);
    const today = new Date().toISOString().slice(0, 10);
    for (const row of ROWS.slice(0, 3)) {
      expect(byCodi.get(row.codiEns)).toMatchObject({ name: row.name, state: 'production', since: today, corrections: [] });
    }
    expect(byCodi.get(ROWS[3]!.codiEns)).toMatchObject({ service: 'MUX', state: 'waitDate', productionDate: null });
    const toCorrect = byCodi.get(ROWS[4]!.codiEns)!;
    expect(toCorrect.state).toBe('correct');
    expect(toCorrect.corrections.length).toBeGreaterThan(0);
    expect(toCorrect.corrections.some((c) => c.value === 'P0800000X' && c.message.length > 20)).toBe(true);
    expect(data.templates).toEqual(['MUX', 'e-NOTUM', 'OVER']);
  });

  it('shows the same family from a ticket the split raised', async () => {
    const fromClone = await lines(U.setdibaCustomer, tickets.MUX!);
    const fromOriginal = await lines(U.setdibaCustomer, key);
    expect(fromClone.lines).toEqual(fromOriginal.lines);
  });

  it('tells nothing internal: no references, fingerprints, agent names, split ticket keys or storage keys', async () => {
    const records = await h.kvs.list<{ reference: string | null; certificateFingerprint?: string }>('setdiba:integrated:');
    expect(records.length).toBeGreaterThan(0);
    const text = JSON.stringify(await lines(U.setdibaCustomer, key));
    for (const { value } of records) {
      if (value.reference) expect(text).not.toContain(value.reference);
      if (value.certificateFingerprint) expect(text).not.toContain(value.certificateFingerprint);
    }
    for (const clone of Object.values(tickets)) if (clone !== key) expect(text).not.toContain(clone!);
    for (const name of ['Marta Puig', 'Pere Soler', 'Laia Ferrer', 'setdiba:', 'alta.xlsx:']) expect(text).not.toContain(name);
  });

  it('answers an agent too, in their language', async () => {
    const data = await lines(U.agentEs, key);
    expect(data.lang).toBe('es');
    const toCorrect = data.lines.find((l) => l.state === 'correct')!;
    expect(toCorrect.corrections[0]!.message).toMatch(/NIF/);
    expect(toCorrect.corrections[0]!.message).not.toEqual((await lines(U.setdibaCustomer, key)).lines.find((l) => l.state === 'correct')!.corrections[0]!.message);
  });

  it('refuses another customer, an outsider and an anonymous visitor, telling them nothing about the request', async () => {
    for (const who of [U.otherCustomer, U.outsider, null]) {
      const answer = await status(who, key);
      expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      const text = JSON.stringify(answer);
      for (const row of ROWS) expect(text).not.toContain(row.codiEns);
    }
    const refused = await status(U.otherCustomer, key);
    // Anna Serra's language is Spanish.
    expect(!refused.ok && refused.error.message).toBe('No puede ver esta solicitud.');
  });

  it('says so for a request that is no SetDIBA request', async () => {
    const other = h.emulator.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: 'No puc entrar a EACAT',
      description: 'Bon dia, no puc entrar.',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: U.otherCustomer,
      organizations: [],
      labels: [],
      attachments: [],
    }).key;
    await h.drain();
    const data = await lines(U.otherCustomer, other);
    expect(data).toMatchObject({ applicable: false, lines: [], templates: [] });
  });

  it('shows a corrected file sent to a split ticket: its ens move on, the others stay', async () => {
    const enotum = tickets['e-NOTUM']!;
    expect(enotum).not.toBe(key);
    const corrected = { ...ROWS[4]!, nif: ajuntament(14).nif };
    h.emulator.site.addAttachment(enotum, { filename: 'corregida.xlsx', content: template([corrected]), author: U.setdibaCustomer });
    await h.drain();
    const data = await lines(U.setdibaCustomer, key);
    const byCodi = new Map(data.lines.map((l) => [l.codiEns, l]));
    expect(data.lines).toHaveLength(ROWS.length);
    expect(byCodi.get(corrected.codiEns)).toMatchObject({ state: 'production', corrections: [] });
    expect(byCodi.get(ROWS[2]!.codiEns)).toMatchObject({ state: 'production' });
    expect((await lines(U.setdibaCustomer, enotum)).lines).toEqual(data.lines);
  });

  it('refuses a payload it does not expect', async () => {
    const answer = await status(U.setdibaCustomer, key, { issueKey: 'SUP-1' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('invalid_input');
  });
});

describe('blank templates from the portal', () => {
  it('gives a signed-in customer the blank template of a service in their language, the file setdiba check reads', async () => {
    const answer = await handlers.downloadBlankTemplate({ payload: { service: 'e-NOTUM' }, context: context(U.otherCustomer, null) });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.fileName).toBe('plantilla-setdiba-e-notum.xlsx');
    const bytes = new Uint8Array(Buffer.from(answer.data.contentBase64, 'base64'));
    const read = await readTemplate({ bytes, fileName: answer.data.fileName });
    expect(read.readable).toBe(true);
    expect(read.entities).toEqual([]);
  });

  it('refuses an anonymous visitor and an unknown service', async () => {
    const anonymous = await handlers.downloadBlankTemplate({ payload: { service: 'MUX' }, context: context(null, null) });
    expect(!anonymous.ok && anonymous.error.code).toBe('forbidden');
    const unknown = await handlers.downloadBlankTemplate({ payload: { service: 'EACAT' }, context: context(U.setdibaCustomer, null) });
    expect(!unknown.ok && unknown.error.code).toBe('invalid_input');
  });
});
