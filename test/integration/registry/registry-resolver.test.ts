/**
 * The registry project page's resolver against the Jira emulator (agents and customers over HTTP,
 * as Forge's asUser would) and, for consistency with the tickets, the real pipeline with the
 * reference integration backend: what a ticket integrated is what the registry lists.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { registryResponseSchemas, type RegistryResult } from '../../../src/contracts/registry';
import { kvsKeys } from '../../../src/domain/idempotency';
import { settingsStorageKey, type Settings } from '../../../src/domain/settings';
import { createRegistryHandlers, type RegistryHandlers } from '../../../src/handlers/registry-resolver';
import { writeTableWorkbook } from '../../../src/spreadsheet/write-workbook';
import { DEMO, startHarness, type Harness } from '../pipeline/harness';
import { ajuntaments, template } from '../pipeline/fixtures';
import { bodyCodiEns, registryRecords, storeRegistry } from '../../fixtures/registry-records';

const U = DEMO.users;
const RECORDS = registryRecords(5_000);

let h: Harness;
let handlers: RegistryHandlers;
let ticket: string;

function contextOf(accountId: string | null, locale: string) {
  return {
    ...(accountId ? { accountId } : {}),
    locale,
    extension: { type: 'jira:projectPage', project: { key: DEMO.projectKey, id: '10000', type: 'service_desk' } },
  };
}

function call(accountId: string | null, payload: unknown = {}, locale = 'ca-ES'): Promise<RegistryResult<'queryRegistry'>> {
  const context = contextOf(accountId, locale);
  return handlers.queryRegistry({ payload, context }).then((result) => {
    // Every answer follows the contract the page is typed against.
    if (result.ok) registryResponseSchemas.queryRegistry.parse(result.data);
    return result;
  });
}

async function page(payload: unknown = {}, accountId: string = U.agent) {
  const answer = await call(accountId, payload);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  h = await startHarness({ backend: 'http' });
  ticket = h.raise({ files: { 'alta.xlsx': template(ajuntaments(3, 'e-NOTUM', 40)) } });
  await h.drain();
  await storeRegistry(h.kvs, RECORDS);
  handlers = createRegistryHandlers((accountId) => ({
    kvs: h.kvs,
    jira: new JiraClient(
      new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'user', accountId }, headers: h.emulator.authHeaders(accountId) }),
    ),
    tableWorkbook: async (sheetName, header, rows) => writeTableWorkbook({ sheetName, header, rows }),
  }));
}, 60_000);

afterAll(async () => {
  await h.stop();
});

describe('the registry project page', () => {
  it('lists what a ticket integrated, with the name, INE, codi, environment, date and certificate used', async () => {
    const stored = await h.kvs.get<{ settings: Settings }>(settingsStorageKey(DEMO.projectKey));
    const fingerprint = stored!.settings.certificate.current!.sha256Fingerprint;
    const found = await page({ service: 'e-NOTUM', pageSize: 100 });
    const fromTicket = found.entries.filter((e) => e.ticket === ticket);
    expect(h.backend!.integrations.filter((x) => x.issueKey === ticket)).toHaveLength(3);
    expect(fromTicket.map((e) => e.codiEns).sort()).toEqual(ajuntaments(3, 'e-NOTUM', 40).map((r) => r.codiEns).sort());
    for (const entry of fromTicket) {
      expect(entry).toMatchObject({ service: 'e-NOTUM', environment: 'PRO', state: 'integrated', certificateFingerprint: fingerprint });
      expect(entry.name).toBeTruthy();
      expect(entry.codiEns.startsWith(`${entry.ine}`)).toBe(true);
    }
  });

  it('pages through 5,000 entries (the ticket\'s among them) newest first, every entry once', async () => {
    const first = await page({ pageSize: 100 });
    expect(first.total).toBe(5_000);
    expect(first.entries).toHaveLength(100);
    const seen = new Set<string>();
    let last = '9999';
    for (let n = 0; n * 100 < first.total; n += 1) {
      const p = n === 0 ? first : await page({ page: n, pageSize: 100 });
      for (const e of p.entries) {
        expect(e.date <= last).toBe(true);
        last = e.date;
        seen.add(`${e.environment}:${e.service}:${e.codiEns}`);
      }
    }
    expect(seen.size).toBe(5_000);
    const beyond = await page({ page: 60, pageSize: 100 });
    expect(beyond).toMatchObject({ entries: [], total: 5_000 });
  });

  it('finds an ens by name without accents or case, by INE and by codi d\'ens (also without its leading zero)', async () => {
    const target = RECORDS.find((r) => r.name.startsWith("L'Hospitalet") || r.name.startsWith('Sant Adrià'))!;
    const byName = await page({ search: target.name.toUpperCase().normalize('NFD').replace(/\p{M}/gu, '') });
    expect(byName.entries.map((e) => e.codiEns)).toContain(target.codiEns);
    expect(byName.entries.every((e) => e.name!.includes(target.name))).toBe(true);

    const byIne = await page({ search: target.ine5, pageSize: 100 });
    expect(byIne.total).toBeGreaterThan(0);
    expect(byIne.entries.every((e) => e.ine === target.ine5)).toBe(true);

    const byCodi = await page({ search: target.codiEns });
    // One entry per service the ens is in.
    const services = RECORDS.filter((r) => r.codiEns === target.codiEns).map((r) => r.service).sort();
    expect(byCodi.entries.map((e) => e.service).sort()).toEqual(services);
    expect(byCodi.entries.every((e) => e.codiEns === target.codiEns)).toBe(true);
    const withoutZero = await page({ search: target.codiEns.replace(/^0/, '') });
    expect(withoutZero.entries.map((e) => e.codiEns)).toEqual(byCodi.entries.map((e) => e.codiEns));
  });

  it('filters by service and by state, together with a search', async () => {
    const over = await page({ service: 'OVER', pageSize: 100 });
    expect(over.total).toBe(RECORDS.filter((r) => r.service === 'OVER').length);
    expect(over.entries.every((e) => e.service === 'OVER')).toBe(true);
    const already = await page({ state: 'already_integrated', service: 'MUX', pageSize: 100 });
    expect(already.total).toBe(RECORDS.filter((r) => r.service === 'MUX' && r.state === 'already_integrated').length);
    expect(already.entries.every((e) => e.state === 'already_integrated' && e.service === 'MUX')).toBe(true);
    const none = await page({ search: 'Ciutat Inexistent', service: 'MUX' });
    expect(none).toMatchObject({ entries: [], total: 0 });
  });

  it('is open to agents and administrators', async () => {
    for (const user of [U.agent, U.agentEs, U.admin]) expect((await call(user, { pageSize: 1 })).ok).toBe(true);
  });

  it('refuses customers, outsiders and calls without a user, in their language, before reading anything', async () => {
    for (const user of [U.setdibaCustomer, U.otherCustomer, U.outsider]) {
      const answer = await call(user, { pageSize: 1 });
      expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('agents') } });
    }
    expect(await call(null, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(U.otherCustomer, { search: 42 }, 'es-ES')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Solo los agentes de este proyecto pueden ver el registro de integraciones.' },
    });
  });

  it('answers a malformed query with a message, not a stack trace', async () => {
    for (const payload of [{ page: -1 }, { pageSize: 10_000 }, { service: 'FAX' }, { search: 'x'.repeat(500) }, { extra: true }, 'text']) {
      const answer = await call(U.agent, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('exports every entry the search and filters select, all pages, as CSV and XLSX in the caller\'s language', async () => {
    const over = RECORDS.filter((r) => r.service === 'OVER');
    const csv = await handlers.exportRegistry({ payload: { service: 'OVER', format: 'csv' }, context: contextOf(U.agent, 'ca-ES') });
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.data).toMatchObject({ fileName: 'SetDIBA-SUP-registre.csv', mimeType: 'text/csv', rows: over.length });
    const lines = Buffer.from(csv.data.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe("Ens,Codi d'ens,INE,Servei,Entorn,Estat,Data,Tiquet,Empremta del certificat");
    expect(lines).toHaveLength(over.length + 1);
    // Codis keep their leading zero; the state is in words.
    const sample = over[0]!;
    expect(lines.find((l) => l.includes(`,${sample.codiEns},`))).toContain(sample.state === 'integrated' ? "Integrat per l'app" : 'Ja hi era integrat');

    const target = RECORDS.find((r) => r.name.startsWith('Sabadell'))!;
    const xlsx = await handlers.exportRegistry({ payload: { search: 'sabadell', format: 'xlsx' }, context: contextOf(U.agentEs, 'es-ES') });
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    expect(xlsx.data.fileName).toBe('SetDIBA-SUP-registro.xlsx');
    const XLSX = await import('xlsx');
    const book = XLSX.read(Buffer.from(xlsx.data.contentBase64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: false });
    expect(rows[0]).toEqual(['Ente', 'Código de ente', 'INE', 'Servicio', 'Entorno', 'Estado', 'Fecha', 'Solicitud', 'Huella del certificado']);
    const expected = RECORDS.filter((r) => r.name.includes('Sabadell'));
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(expected.map((r) => r.codiEns).sort());
    expect(rows.slice(1).map((r) => r[1])).toContain(target.codiEns);
  });

  it('says so, in words, when the file would not fit what Forge hands the page, instead of failing on the way', async () => {
    const small = createRegistryHandlers((accountId) => ({
      kvs: h.kvs,
      jira: new JiraClient(new FetchJiraTransport({ baseUrl: h.emulator.baseUrl, identity: { kind: 'user', accountId }, headers: h.emulator.authHeaders(accountId) })),
      tableWorkbook: async (sheetName, header, rows) => writeTableWorkbook({ sheetName, header, rows }),
      exportLimitChars: 100_000,
    }));
    const answer = await small.exportRegistry({ payload: { format: 'csv' }, context: contextOf(U.agent, 'ca-ES') });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'too_large',
        message: 'El fitxer seria massa gran per descarregar-lo de cop (5.000 ens). Filtreu per servei o per estat i descarregueu-lo per parts.',
      },
    });
    expect((await small.exportRegistry({ payload: { format: 'csv', search: 'sabadell' }, context: contextOf(U.agent, 'ca-ES') })).ok).toBe(true);
  });

  it('refuses an export to a customer, before building anything', async () => {
    const answer = await handlers.exportRegistry({ payload: { format: 'csv' }, context: contextOf(U.setdibaCustomer, 'ca-ES') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handlers.exportRegistry({ payload: { format: 'pdf' }, context: contextOf(U.agent, 'ca-ES') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('lists an ens a ticket still works on (agent checklist, confirmation, production date) until it is recorded integrated', async () => {
    // An OVER body no generated record holds.
    const waiting = { codiEns: bodyCodiEns(RECORDS[0]!.codiEns.slice(0, 6), 3), name: 'Patronat de Turisme en curs' };
    expect(RECORDS.some((r) => r.service === 'OVER' && r.codiEns === waiting.codiEns)).toBe(false);
    const settled = RECORDS.find((r) => r.service === 'e-TAULER')!;
    for (const [service, codiEns, name] of [['OVER', waiting.codiEns, waiting.name], ['e-TAULER', settled.codiEns, settled.name]] as const) {
      await h.kvs.set(kvsKeys.inProgress('PRO', service, codiEns, 'SUP-77'), { issueKey: 'SUP-77', batch: 'b1', at: '2026-11-30T10:00:00.000Z', service, environment: 'PRO', codiEns, name, ine: codiEns.slice(0, 5), certificateFingerprint: 'AA:BB' });
    }
    // The same ens waits for a confirmation on another ticket: both tickets are listed.
    await h.kvs.set(kvsKeys.inProgress('PRO', 'OVER', waiting.codiEns, 'SUP-78'), { reason: 'confirmation', issueKey: 'SUP-78', batch: 'b1', at: '2026-11-30T11:00:00.000Z', codiEns: waiting.codiEns, name: waiting.name });
    const waitingOnes = await page({ search: waiting.codiEns, service: 'OVER' });
    expect(waitingOnes.entries.map((e) => [e.ticket, e.state])).toEqual([['SUP-78', 'waiting_confirmation'], ['SUP-77', 'in_progress']]);
    expect((await page({ state: 'waiting_confirmation', pageSize: 100 })).entries.map((e) => e.ticket)).toEqual(['SUP-78']);
    const inProgress = await page({ state: 'in_progress', pageSize: 100 });
    expect(inProgress.entries.map((e) => [e.service, e.codiEns, e.ticket, e.state])).toEqual([['OVER', waiting.codiEns, 'SUP-77', 'in_progress']]);
    const settledNow = await page({ search: settled.codiEns, service: 'e-TAULER' });
    expect(settledNow.entries.map((e) => e.state)).toEqual([settled.state]);
    await h.kvs.delete(kvsKeys.inProgress('PRO', 'OVER', waiting.codiEns, 'SUP-77'));
    await h.kvs.delete(kvsKeys.inProgress('PRO', 'OVER', waiting.codiEns, 'SUP-78'));
    await h.kvs.delete(kvsKeys.inProgress('PRO', 'e-TAULER', settled.codiEns, 'SUP-77'));
  });
});

