/**
 * The settings page's resolver against the Jira emulator and the reference integration backend, both
 * on 127.0.0.1. Jira is reached over HTTP as the calling user, as Forge's asUser would.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { createHttpBackendProbe } from '../../../src/adapters/backend/http-client';
import { REFERENCE_BACKEND_TOKEN, startReferenceBackend, type ReferenceBackend } from '../../../src/backend-reference/server';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { SETTINGS_FUNCTIONS, settingsResponseSchemas, type EditableSettings, type SettingsFunction, type SettingsResult } from '../../../src/contracts/settings';
import { blankTemplate, createSettingsHandlers, type SettingsHandlers } from '../../../src/handlers/settings-resolver';
import { X509Certificate } from 'node:crypto';
import * as XLSX from 'xlsx';
import { writeTemplateWorkbook } from '../../../src/spreadsheet/write-workbook';
import { backendTokenSecretKey } from '../../../src/domain/settings';
import { loadSettings } from '../../../src/usecases/settings/load-settings';
import type { SettingsDeps } from '../../../src/usecases/settings/deps';
import { makeCertificate, type GeneratedCertificate } from '../../fixtures/certificates/generate';

const U = DEMO.users;
const SECRET = 'very-secret-token-1234';

let emulator: JiraEmulator;
let backend: ReferenceBackend;
let kvs: MemoryKeyValueStore;
let handlers: SettingsHandlers;
let certificate: GeneratedCertificate;
let renewed: GeneratedCertificate;
let now = new Date('2026-11-26T10:00:00Z');

const jiraAs = (accountId: string) =>
  new JiraClient(
    new FetchJiraTransport({ baseUrl: emulator.baseUrl, identity: { kind: 'user', accountId }, headers: emulator.authHeaders(accountId) }),
  );

function makeDeps(accountId: string): SettingsDeps {
  return {
    kvs,
    jira: jiraAs(accountId),
    clock: { now: () => now },
    probe: createHttpBackendProbe({ timeoutMs: 5_000 }),
    allowedEndpoints: ['127.0.0.1', 'https://integracions.example.cat'],
  };
}

function call<F extends SettingsFunction>(
  accountId: string | null,
  fn: F,
  payload: unknown = {},
  options: { projectKey?: string; locale?: string } = {},
): Promise<SettingsResult<F>> {
  const context = {
    ...(accountId ? { accountId } : {}),
    locale: options.locale ?? 'ca-ES',
    extension: { type: 'jira:projectSettingsPage', project: { key: options.projectKey ?? DEMO.projectKey, id: '10000', type: 'service_desk' } },
  };
  return (handlers[fn]({ payload, context }) as Promise<SettingsResult<F>>).then((result) => {
    // Every answer must follow the contract the UI is typed against.
    if (result.ok) settingsResponseSchemas[fn].parse(result.data);
    return result;
  });
}

async function data<F extends SettingsFunction>(result: Promise<SettingsResult<F>>) {
  const answer = await result;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

const fp = (cert: GeneratedCertificate) => new X509Certificate(Buffer.from(cert.der)).fingerprint256;
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

const samplePayload: Record<SettingsFunction, unknown> = {
  getSettingsPage: {},
  saveSettings: { settings: { version: 1, splitMode: 'umbrella' }, revision: 0 },
  previewRecognition: { recognition: {} },
  searchOwners: { query: 'Pere' },
  testConnection: { endpoint: 'https://integracions.example.cat' },
  setBackendToken: { token: 'x', saveAnyway: true },
  clearBackendToken: {},
  inspectCertificate: { fileName: 'a.cer', contentBase64: 'AAAA' },
  uploadCertificate: { fileName: 'a.cer', contentBase64: 'AAAA' },
  restoreCertificate: { sha256Fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') },
  removeCertificate: {},
  exportSettings: {},
  previewImport: { json: '{}', revision: 0 },
  importSettings: { json: '{}', revision: 0 },
  downloadTemplate: { service: 'MUX' },
  runSelfCheck: {},
};

beforeAll(async () => {
  [emulator, backend, certificate, renewed] = await Promise.all([
    startJiraEmulator({ seed: 'demo' }),
    startReferenceBackend(),
    makeCertificate({ subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES', notAfter: new Date('2027-01-10T00:00:00Z'), notBefore: new Date('2025-01-01T00:00:00Z') }),
    makeCertificate({ subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES', notAfter: new Date('2029-01-01T00:00:00Z'), notBefore: new Date('2026-11-01T00:00:00Z') }),
  ]);
  const site = emulator.site;
  // Three recent requests: one by SetDIBA's organization and domain, one from another ens with the
  // label an agent adds, one from another ens.
  site.createIssue(
    { projectKey: DEMO.projectKey, summary: 'Alta e-NOTUM', requestType: DEMO.requestTypes.altaIntegracio, reporter: U.setdibaCustomer, organizations: [DEMO.organizations.setdiba] },
    { emitEvent: false },
  );
  site.createIssue(
    { projectKey: DEMO.projectKey, summary: 'Alta reenviada', requestType: DEMO.requestTypes.consulta, reporter: U.otherCustomer, labels: ['setdiba'] },
    { emitEvent: false },
  );
  site.createIssue(
    { projectKey: DEMO.projectKey, summary: 'Consulta', requestType: DEMO.requestTypes.consulta, reporter: U.otherCustomer, organizations: [DEMO.organizations.ajuntamentDeProva] },
    { emitEvent: false },
  );
});

afterAll(async () => {
  await Promise.all([emulator.stop(), backend.stop()]);
});

beforeEach(() => {
  kvs = new MemoryKeyValueStore();
  handlers = createSettingsHandlers(makeDeps);
  now = new Date('2026-11-26T10:00:00Z');
});

describe('who may use the settings page', () => {
  it.each([
    ['an agent', U.agent],
    ['a customer', U.setdibaCustomer],
    ['a user with no access to the project', U.outsider],
  ])('%s can neither read nor change anything', async (_who, accountId) => {
    await kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), SECRET);
    for (const fn of SETTINGS_FUNCTIONS) {
      const result = await call(accountId, fn, samplePayload[fn]);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('administradors') } });
    }
    expect(kvs.snapshot()).toEqual({});
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBe(SECRET);
    expect(backend.requests).toHaveLength(0);
  });

  it('refuses a call without a user, in the caller\'s language', async () => {
    expect(await call(null, 'getSettingsPage', {}, { locale: 'es-ES' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Solo los administradores de este proyecto pueden hacerlo.' },
    });
  });

  it('refuses a project administrator on a project they do not administer', async () => {
    const result = await call(U.admin, 'getSettingsPage', {}, { projectKey: 'NOPE' });
    expect(result.ok ? 'ok' : result.error.code).toBe('forbidden');
  });

  it('lets a project administrator open the page with the SetDIBA defaults', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    expect(page.projectKey).toBe('SUP');
    expect(page.revision).toBe(0);
    expect(page.settings.recognition.organizations).toEqual(['SetDIBA']);
    expect(page.settings).not.toHaveProperty('certificate');
    expect(page.defaults).toEqual(expect.arrayContaining(['splitMode', 'services.MUX.environment', 'backend.mode']));
    expect(page.choices.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(['SetDIBA', 'Ajuntament de Prova']));
    expect(page.choices.requestTypes?.map((t) => t.id)).toEqual(expect.arrayContaining(['10', '11', '12']));
    expect(page.backend.tokenSet).toBe(false);
    expect(page.certificate.current).toBeNull();
    expect(page.audit).toEqual([]);
  });

  it('answers a malformed payload with a message, never a stack trace', async () => {
    const result = await call(U.admin, 'saveSettings', { settings: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/revision/);
    expect(result.error.message).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('answers an unexpected failure with a message, never a stack trace', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    kvs.get = async () => {
      throw new Error('KVS exploded at /srv/app/index.js:12:3');
    };
    const result = await call(U.admin, 'getSettingsPage', {}, { locale: 'en-GB' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^Something unexpected/) } });
    expect(JSON.stringify(result)).not.toContain('index.js');
    errors.mockRestore();
  });
});

describe('saving', () => {
  const configured = (page: { settings: EditableSettings }, change: (s: EditableSettings) => void = () => {}) => {
    const settings = structuredClone(page.settings);
    settings.services.MUX.ownerAccountId = U.muxOwner;
    change(settings);
    return settings;
  };

  it('saves a valid configuration that the pipeline then reads, and records who changed what', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    const result = await data(
      call(U.admin, 'saveSettings', { settings: configured(page, (s) => (s.splitMode = 'umbrella')), revision: page.revision }),
    );
    expect(result.outcome).toBe('saved');
    if (result.outcome !== 'saved') return;
    expect(result.message).toBe("S'ha desat la configuració.");
    expect(result.page.revision).toBe(1);
    expect(result.page.choices.owners.MUX).toEqual({ accountId: U.muxOwner, displayName: 'Pere Soler' });
    expect(result.page.defaults).not.toContain('splitMode');
    expect(result.page.audit[0]).toMatchObject({
      by: { accountId: U.admin, displayName: 'Laia Ferrer' },
      actionText: 'ha desat la configuració',
      changes: expect.arrayContaining([expect.objectContaining({ path: 'splitMode', before: 'original-keeps-first', after: 'umbrella' })]),
    });
    const stored = await loadSettings(kvs, DEMO.projectKey);
    expect(stored.splitMode).toBe('umbrella');
    expect(stored.services.MUX.ownerAccountId).toBe(U.muxOwner);
  });

  it('shows each error next to its field and saves nothing', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    const settings = configured(page, (s) => {
      s.recognition.reporterDomains = ['diba.cat', 'not a domain'];
      s.backend = { mode: 'http', endpoint: 'https://elsewhere.example.com/api' };
      s.services.MUX.ownerAccountId = U.setdibaCustomer;
    });
    const result = await data(call(U.admin, 'saveSettings', { settings, revision: 0 }));
    expect(result.outcome).toBe('invalid');
    if (result.outcome !== 'invalid') return;
    // All at once: the field's own error and the checks that need Jira and the manifest, not a second
    // round after the first is fixed.
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['recognition.reporterDomains.1', 'invalid_domain'],
      ['backend.endpoint', 'endpoint_not_allowed'],
      ['services.MUX.ownerAccountId', 'owner_not_assignable'],
    ]);
    expect(result.errors[0]).toMatchObject({ message: expect.stringContaining('diba.cat'), label: 'Dominis del correu del sol·licitant (valor 2)' });
    expect(result.errors[1]?.message).not.toMatch(/manifest/i);
    expect(result.errors[2]?.label).toBe('MUX: responsable');
    settings.recognition.reporterDomains = ['diba.cat'];
    const second = await data(call(U.admin, 'saveSettings', { settings, revision: 0 }));
    expect(second.outcome === 'invalid' && second.errors.map((e) => [e.path, e.code])).toEqual([
      ['backend.endpoint', 'endpoint_not_allowed'],
      ['services.MUX.ownerAccountId', 'owner_not_assignable'],
    ]);
    expect(kvs.snapshot()).toEqual({});
  });

  it('reports a document with field errors, duplicates and a missing owner in one answer', async () => {
    const result = await data(
      call(U.admin, 'saveSettings', {
        settings: {
          version: 1,
          recognition: { organizations: ['SetDIBA', 'setdiba'], label: 'two words', reporterDomains: ['x'] },
          services: { OVER: { aliases: ['MUX'] }, 'e-NOTUM': { environment: 'DEV' } },
          backend: { mode: 'http' },
        },
        revision: 0,
      }),
    );
    expect(result.outcome === 'invalid' && result.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(
      [
        'backend.endpoint endpoint_required',
        'recognition.label invalid_label',
        'recognition.organizations.1 duplicate',
        'recognition.reporterDomains.0 invalid_domain',
        'services.MUX.ownerAccountId owner_required',
        'services.OVER.aliases.0 alias_conflict',
        'services.e-NOTUM.environment invalid_value',
      ].sort(),
    );
  });

  it('requires the MUX owner', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    const result = await data(call(U.admin, 'saveSettings', { settings: page.settings, revision: 0 }, { locale: 'en' }));
    expect(result.outcome === 'invalid' && result.errors).toEqual([
      { path: 'services.MUX.ownerAccountId', code: 'owner_required', message: 'MUX needs an owner.', label: 'MUX: owner' },
    ]);
  });

  it('refuses to overwrite a save made since the page was opened', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    await data(call(U.admin, 'saveSettings', { settings: configured(page), revision: 0 }));
    const late = await data(call(U.admin, 'saveSettings', { settings: configured(page, (s) => (s.splitMode = 'umbrella')), revision: 0 }));
    expect(late.outcome).toBe('conflict');
    expect(late.message).toContain('Laia Ferrer');
    expect((await loadSettings(kvs, DEMO.projectKey)).splitMode).toBe('original-keeps-first');
  });
});

describe('recognition preview', () => {
  it('counts how many of the latest requests each rule matches, before saving', async () => {
    const preview = await data(
      call(U.admin, 'previewRecognition', { recognition: { organizations: ['SetDIBA'], reporterDomains: ['diba.cat', 'ajprova.example'], label: 'setdiba' } }),
    );
    expect(preview.sampled).toBe(3);
    expect(preview.rules).toEqual([
      { rule: 'organization', value: 'SetDIBA', count: 1 },
      { rule: 'reporter-domain', value: 'diba.cat', count: 1 },
      { rule: 'reporter-domain', value: 'ajprova.example', count: 2 },
      { rule: 'label', value: 'setdiba', count: 1 },
    ]);
    expect(preview.any).toBe(3);
    expect(kvs.snapshot()).toEqual({});
  });

  it('reports invalid rules instead of counting them', async () => {
    const preview = await data(call(U.admin, 'previewRecognition', { recognition: { label: 'two words' } }));
    expect(preview).toMatchObject({ sampled: 0, errors: [{ path: 'recognition.label', code: 'invalid_label' }] });
  });
});

describe('owner picker', () => {
  it('offers only people assignable in the project', async () => {
    const { users } = await data(call(U.admin, 'searchOwners', { query: 'Pere' }));
    expect(users).toEqual([{ accountId: U.muxOwner, displayName: 'Pere Soler' }]);
    expect((await data(call(U.admin, 'searchOwners', { query: 'Oscar' }))).users).toEqual([]);
  });
});

describe('integration backend token and connection', () => {
  it('stores the token as a secret and only ever reports it as set or not set', async () => {
    const answers: unknown[] = [];
    answers.push(await data(call(U.admin, 'setBackendToken', { token: SECRET, saveAnyway: true })));
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBe(SECRET);
    const page = await data(call(U.admin, 'getSettingsPage'));
    answers.push(page, await data(call(U.admin, 'exportSettings')));
    expect(page.backend.tokenSet).toBe(true);
    expect(page.audit[0]).toMatchObject({ action: 'token_set', changes: [{ path: 'backend.token', before: null, after: expect.any(String) }] });
    answers.push(await data(call(U.admin, 'clearBackendToken')));
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBeUndefined();
    const cleared = await data(call(U.admin, 'getSettingsPage'));
    answers.push(cleared);
    expect(cleared.backend.tokenSet).toBe(false);
    expect(cleared.audit[0]).toMatchObject({ action: 'token_clear', changes: [{ path: 'backend.token', before: expect.any(String), after: null }] });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(JSON.stringify(kvs.snapshot())).not.toContain(SECRET);
  });

  it('tests the endpoint as typed with the stored token', async () => {
    expect(await data(call(U.admin, 'testConnection', { endpoint: backend.baseUrl }))).toMatchObject({ ok: false, problem: 'no_token' });
    await data(call(U.admin, 'setBackendToken', { token: 'wrong', saveAnyway: true }));
    expect(await data(call(U.admin, 'testConnection', { endpoint: backend.baseUrl }))).toMatchObject({
      ok: false,
      problem: 'unauthorized',
      message: 'El servei no accepta el testimoni (HTTP 401).',
    });
    await data(call(U.admin, 'setBackendToken', { token: REFERENCE_BACKEND_TOKEN, saveAnyway: true }));
    expect(await data(call(U.admin, 'testConnection', { endpoint: backend.baseUrl }))).toEqual({
      ok: true,
      problem: null,
      message: 'El servei respon i accepta el testimoni.',
      errors: [],
    });
    expect(backend.integrations).toHaveLength(0);
  });

  it('does not call an address the settings would refuse', async () => {
    await data(call(U.admin, 'setBackendToken', { token: REFERENCE_BACKEND_TOKEN, saveAnyway: true }));
    const before = backend.requests.length;
    expect(await data(call(U.admin, 'testConnection', { endpoint: 'https://elsewhere.example.com' }))).toMatchObject({
      ok: false,
      errors: [{ path: 'backend.endpoint', code: 'endpoint_not_allowed' }],
    });
    expect(await data(call(U.admin, 'testConnection', { endpoint: 'http://integracions.example.cat' }))).toMatchObject({
      ok: false,
      errors: [{ path: 'backend.endpoint', code: 'https_only' }],
    });
    expect(backend.requests.length).toBe(before);
  });
});

describe('certificate', () => {
  it('shows an uploaded certificate with its facts and an expiry warning, and keeps the old one on renewal', async () => {
    const uploaded = await data(call(U.admin, 'uploadCertificate', { fileName: 'SETDIBA-AYTOS.cer', contentBase64: b64(certificate.der) }));
    expect(uploaded.outcome).toBe('uploaded');
    if (uploaded.outcome !== 'uploaded') return;
    const current = uploaded.page.certificate.current;
    expect(current).toMatchObject({ subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES', status: 'valid', uploadedBy: U.admin });
    expect(current?.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(JSON.stringify(uploaded)).not.toContain('BEGIN CERTIFICATE');

    now = new Date('2026-12-20T10:00:00Z');
    const later = await data(call(U.admin, 'getSettingsPage'));
    expect(later.certificate.current).toMatchObject({ status: 'expiring', daysUntilExpiry: 20 });
    expect(later.certificate.current?.statusMessage).toContain('20 dies');

    const renewal = await data(call(U.admin, 'uploadCertificate', { fileName: 'new.pem', contentBase64: b64(renewed.pem) }));
    expect(renewal.outcome === 'uploaded' && renewal.page.certificate.previous).toEqual([
      expect.objectContaining({ sha256Fingerprint: current?.sha256Fingerprint, inUseUntil: '2026-12-20T10:00:00.000Z' }),
    ]);
    expect((await loadSettings(kvs, DEMO.projectKey)).certificate.current?.pem).toBe(renewed.pem);
  });

  it('refuses a file that is not a certificate, or that holds a private key, and stores nothing', async () => {
    expect(await data(call(U.admin, 'uploadCertificate', { fileName: 'x.cer', contentBase64: b64('hola') }))).toEqual({
      outcome: 'refused',
      code: 'certificate_not_a_certificate',
      message: 'El fitxer no és un certificat X.509 (.cer, .crt o .pem).',
    });
    const withKey = await data(
      call(U.admin, 'uploadCertificate', { fileName: 'x.pem', contentBase64: b64(certificate.pem + certificate.privateKeyPem) }),
    );
    expect(withKey).toMatchObject({ outcome: 'refused', code: 'certificate_contains_private_key' });
    expect(kvs.snapshot()).toEqual({});
  });
});

describe('export and import', () => {
  it('exports everything but secrets and imports it back, certificate included', async () => {
    await data(call(U.admin, 'setBackendToken', { token: SECRET, saveAnyway: true }));
    await data(call(U.admin, 'uploadCertificate', { fileName: 'a.cer', contentBase64: b64(certificate.der) }));
    const page = await data(call(U.admin, 'getSettingsPage'));
    const settings = { ...page.settings, services: { ...page.settings.services, MUX: { ...page.settings.services.MUX, ownerAccountId: U.muxOwner } } };
    await data(call(U.admin, 'saveSettings', { settings: { ...settings, splitMode: 'umbrella' }, revision: page.revision }));

    const exported = await data(call(U.admin, 'exportSettings'));
    expect(exported.fileName).toMatch(/^setdiba-settings-SUP-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.json).not.toContain(SECRET);
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'integracions-setdiba-settings', settings: { splitMode: 'umbrella' } });

    // Into a fresh project store: same settings, same certificate, no token.
    kvs = new MemoryKeyValueStore();
    const imported = await data(call(U.admin, 'importSettings', { json: exported.json, revision: 0 }));
    expect(imported.outcome).toBe('saved');
    if (imported.outcome !== 'saved') return;
    expect(imported.message).toMatch(/^S'ha importat la configuració: han canviat \d+ camps\.$/);
    expect(imported.page.settings.splitMode).toBe('umbrella');
    expect(imported.page.certificate.current?.sha256Fingerprint).toBe(page.certificate.current?.sha256Fingerprint);
    expect(imported.page.backend.tokenSet).toBe(false);
    expect(imported.page.audit[0]?.action).toBe('import');
  });

  it('reads an older settings file and refuses one that is not settings', async () => {
    const old = JSON.stringify({ organization: 'SetDIBA', muxOwnerAccountId: U.muxOwner, language: 'es' });
    const result = await data(call(U.admin, 'importSettings', { json: old, revision: 0 }));
    expect(result.outcome === 'saved' && result.page.settings.comments.defaultLanguage).toBe('es');
    const bad = await data(call(U.admin, 'importSettings', { json: '[1,2', revision: 1 }, { locale: 'en' }));
    expect(bad).toEqual({ outcome: 'invalid', message: 'The file is not a settings JSON file.', errors: [] });
  });
});

describe('confirm first: token, certificate, import (issue 13)', () => {
  it('tests a new token against the backend and saves it only when the backend takes it', async () => {
    const refused = await data(call(U.admin, 'setBackendToken', { token: 'typo-token', endpoint: backend.baseUrl }));
    expect(refused).toEqual({
      tokenSet: false,
      saved: false,
      test: 'refused',
      problem: 'unauthorized',
      message: "El servei no accepta aquest testimoni (HTTP 401). No s'ha desat.",
    });
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBeUndefined();

    const accepted = await data(call(U.admin, 'setBackendToken', { token: REFERENCE_BACKEND_TOKEN, endpoint: backend.baseUrl }));
    expect(accepted).toMatchObject({ tokenSet: true, saved: true, test: 'accepted', message: 'El servei accepta el testimoni i ja està desat.' });
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBe(REFERENCE_BACKEND_TOKEN);

    // A refused replacement leaves the working token in place; "save anyway" replaces it, audited.
    await data(call(U.admin, 'setBackendToken', { token: 'typo-token', endpoint: backend.baseUrl }));
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBe(REFERENCE_BACKEND_TOKEN);
    const forced = await data(call(U.admin, 'setBackendToken', { token: 'typo-token', saveAnyway: true }));
    expect(forced).toMatchObject({ saved: true, test: 'skipped', message: "S'ha desat el testimoni sense provar-lo." });
    const page = await data(call(U.admin, 'getSettingsPage'));
    expect(page.audit.filter((entry) => entry.action === 'token_set')).toHaveLength(2);
    expect(page.audit[0]?.changes[0]).toMatchObject({ label: "Testimoni d'accés", beforeText: 'definit', afterText: 'un de nou' });
    expect(backend.integrations).toHaveLength(0);
  });

  it('says so when the token cannot be tried: no address, an address the app may not call, a backend that is down', async () => {
    expect(await data(call(U.admin, 'setBackendToken', { token: 'abc' }))).toMatchObject({ saved: false, problem: 'no_endpoint' });
    const outside = await data(call(U.admin, 'setBackendToken', { token: 'abc', endpoint: 'https://elsewhere.example.com' }));
    expect(outside).toMatchObject({ saved: false, problem: 'invalid_endpoint' });
    expect(outside.message).not.toMatch(/manifest/i);
    const down = await data(call(U.admin, 'setBackendToken', { token: 'abc', endpoint: 'http://127.0.0.1:9/api' }, { locale: 'es-ES' }));
    expect(down).toMatchObject({ saved: false, test: 'not_tested', problem: 'unreachable' });
    expect(down.message).toBe('No se ha podido probar el token: No se ha podido conectar con el servicio. No se ha guardado.');
    expect(await kvs.getSecret(backendTokenSecretKey(DEMO.projectKey))).toBeUndefined();
  });

  it('reads a certificate file without storing it, warns when it is expired, and replaces only on confirmation', async () => {
    await data(call(U.admin, 'uploadCertificate', { fileName: 'now.cer', contentBase64: b64(renewed.der) }));
    const expired = await makeCertificate({
      subject: 'CN=SETDIBA-VELL, O=Diputacio de Barcelona, C=ES',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2026-03-01T00:00:00Z'),
    });
    const before = JSON.stringify(kvs.snapshot());
    const read = await data(call(U.admin, 'inspectCertificate', { fileName: 'vell.cer', contentBase64: b64(expired.der) }));
    expect(read).toMatchObject({
      outcome: 'read',
      certificate: { subject: 'CN=SETDIBA-VELL, O=Diputacio de Barcelona, C=ES', status: 'expired' },
      warnings: ["Aquest certificat va caducar l'1 de març de 2026: amb ell no es podrà integrar cap ens."],
      sameAsCurrent: false,
    });
    expect(JSON.stringify(kvs.snapshot())).toBe(before);
    expect((await loadSettings(kvs, DEMO.projectKey)).certificate.current?.pem).toBe(renewed.pem);

    const notYet = await makeCertificate({ subject: 'CN=SETDIBA-NOU', notBefore: new Date('2027-02-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
    const future = await data(call(U.admin, 'inspectCertificate', { fileName: 'nou.pem', contentBase64: b64(notYet.pem) }, { locale: 'es-ES' }));
    expect(future.outcome === 'read' && future.warnings).toEqual([
      'Este certificado aún no es válido: lo será a partir del 1 de febrero de 2027. Hasta entonces no se podrá integrar ningún ente.',
    ]);
    const same = await data(call(U.admin, 'inspectCertificate', { fileName: 'now.cer', contentBase64: b64(renewed.der) }));
    expect(same).toMatchObject({ outcome: 'read', sameAsCurrent: true, warnings: [] });
  });

  it('puts a previous certificate back in use on request, audited in words', async () => {
    await data(call(U.admin, 'uploadCertificate', { fileName: 'old.cer', contentBase64: b64(certificate.der) }));
    now = new Date('2026-12-01T10:00:00Z');
    const second = await data(call(U.admin, 'uploadCertificate', { fileName: 'new.cer', contentBase64: b64(renewed.der) }));
    const old = second.outcome === 'uploaded' ? second.page.certificate.previous[0] : undefined;
    expect(old?.sha256Fingerprint).toBe(fp(certificate));
    now = new Date('2026-12-02T10:00:00Z');
    const restored = await data(call(U.admin, 'restoreCertificate', { sha256Fingerprint: fp(certificate) }));
    expect(restored.outcome).toBe('restored');
    if (restored.outcome !== 'restored') return;
    expect(restored.message).toBe("S'ha tornat a posar en ús el certificat CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES.");
    expect(restored.page.certificate.current?.sha256Fingerprint).toBe(fp(certificate));
    expect(restored.page.certificate.previous.map((c) => c.sha256Fingerprint)).toEqual([fp(renewed)]);
    const entry = restored.page.audit[0];
    expect(entry).toMatchObject({ action: 'certificate_restore', actionText: 'ha tornat a posar en ús un certificat anterior', by: { displayName: 'Laia Ferrer' } });
    const line = entry?.changes.find((c) => c.path === 'certificate.current');
    expect(line).toMatchObject({ label: 'Certificat en ús' });
    expect(line?.afterText).toMatch(/^CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES \(número de sèrie [0-9A-F]+\)$/);
    expect(JSON.stringify(restored.page.audit.flatMap((e) => e.changes.map((c) => [c.label, c.beforeText, c.afterText])))).not.toMatch(/serial |certificate\./);
    expect((await loadSettings(kvs, DEMO.projectKey)).certificate.current?.pem).toBe(certificate.pem);

    const gone = await data(call(U.admin, 'restoreCertificate', { sha256Fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') }));
    expect(gone.outcome).toBe('not_found');
  });

  it('previews an import field by field in words, writes nothing, then applies it on confirmation', async () => {
    const page = await data(call(U.admin, 'getSettingsPage'));
    const settings = structuredClone(page.settings);
    settings.services.MUX.ownerAccountId = U.muxOwner;
    await data(call(U.admin, 'saveSettings', { settings, revision: 0 }));
    const file = JSON.stringify({
      format: 'integracions-setdiba-settings',
      settings: { ...settings, splitMode: 'umbrella', services: { ...settings.services, MUX: { ...settings.services.MUX, ownerAccountId: null, enabled: false } } },
    });
    const before = JSON.stringify(kvs.snapshot());
    const preview = await data(call(U.admin, 'previewImport', { json: file, revision: 1 }));
    expect(JSON.stringify(kvs.snapshot())).toBe(before);
    expect(preview.outcome).toBe('preview');
    if (preview.outcome !== 'preview') return;
    expect(preview.message).toBe('Canviaran 3 camps:');
    expect(preview.changes.map((c) => [c.label, c.beforeText, c.afterText])).toEqual(
      expect.arrayContaining([
        ['MUX: actiu', 'sí', 'no'],
        ['MUX: responsable', 'Pere Soler', 'ningú'],
        ['Tiquets amb diversos serveis', expect.stringContaining('primer servei'), expect.stringContaining('paraigua')],
      ]),
    );
    now = new Date('2026-11-26T11:00:00Z');
    const applied = await data(call(U.admin, 'importSettings', { json: file, revision: 1 }));
    expect(applied).toMatchObject({ outcome: 'saved', message: "S'ha importat la configuració: han canviat 3 camps." });
    const after = await data(call(U.admin, 'getSettingsPage'));
    const words = JSON.stringify(after.audit[0]?.changes.map((c) => `${c.label}: ${c.beforeText} → ${c.afterText}`));
    expect(words).toContain('MUX: responsable: Pere Soler → ningú');
    expect(words).not.toContain(U.muxOwner);
  });

  it('names an unknown field and where it is, with every other problem of the file at once', async () => {
    const file = JSON.stringify({ version: 1, services: { MUX: { ownr: 'x', environment: 'DEV' } }, colour: 'blue', recognition: { label: 'a b' } });
    const preview = await data(call(U.admin, 'previewImport', { json: file, revision: 0 }));
    expect(preview.outcome).toBe('invalid');
    if (preview.outcome !== 'invalid') return;
    const messages = preview.errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "L'app no coneix el camp «ownr», dins de «Servei MUX» (al fitxer: services.MUX.ownr). Traieu-lo o corregiu-ne el nom.",
        "L'app no coneix el camp «colour», al primer nivell del fitxer (al fitxer: colour). Traieu-lo o corregiu-ne el nom.",
      ]),
    );
    expect(preview.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['services.MUX.environment', 'recognition.label', 'services.MUX.ownerAccountId']),
    );
    expect(kvs.snapshot()).toEqual({});
  });
});

describe('blank templates', () => {
  it('downloads the blank template of a service, as `setdiba template` writes it', async () => {
    handlers = createSettingsHandlers((accountId) => ({ ...makeDeps(accountId), blankTemplate }));
    expect((await data(call(U.admin, 'getSettingsPage'))).templatesAvailable).toBe(true);
    const file = await data(call(U.admin, 'downloadTemplate', { service: 'e-NOTUM' }, { locale: 'es-ES' }));
    expect(file).toMatchObject({ fileName: 'plantilla-setdiba-e-notum.xlsx', mimeType: expect.stringContaining('spreadsheetml') });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(XLSX.read(bytes, { type: 'buffer' }).SheetNames.length).toBeGreaterThan(0);
    // The same workbook as the CLI's (the page's language, the asked service), cell by cell.
    const cells = (content: Uint8Array) => {
      const book = XLSX.read(content, { type: 'buffer' });
      return book.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1 })]);
    };
    expect(cells(bytes)).toEqual(cells(writeTemplateWorkbook({ service: 'e-NOTUM', lang: 'es' })));
    expect(cells(bytes)).not.toEqual(cells(writeTemplateWorkbook({ service: 'e-NOTUM', lang: 'ca' })));
  });

  it('says when the template generator is not available', async () => {
    expect(await call(U.admin, 'downloadTemplate', { service: 'OVER' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'La plantilla en blanc encara no està disponible.' },
    });
  });
});
