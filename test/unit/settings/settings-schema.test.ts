import {
  SETTINGS_VERSION,
  completenessErrors,
  defaultPaths,
  defaultSettings,
  diffSettings,
  extraAliases,
  isEndpointAllowed,
  parseSettings,
  SECRET_MASK,
  salvageSettings,
  validateSettings,
  InvalidSettingsError,
  type Settings,
  type StoredCertificate,
} from '../../../src/domain/settings';
import { parseService } from '../../../src/domain/services';

function withChanges(change: (s: Settings) => void): Settings {
  const settings = defaultSettings();
  change(settings);
  return settings;
}

const certificate: StoredCertificate = {
  pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  subject: 'CN=SETDIBA-AYTOS',
  issuer: 'CN=Test CA',
  serialNumber: '0A1B',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  sha256Fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
  uploadedAt: '2025-01-02T10:00:00.000Z',
  uploadedBy: 'admin-1',
  inUseFrom: '2025-01-02T10:00:00.000Z',
  inUseUntil: null,
};

describe('settings defaults', () => {
  it('work for SetDIBA out of the box', () => {
    const settings = defaultSettings();
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.recognition).toEqual({
      organizations: ['SetDIBA'],
      reporterDomains: ['diba.cat'],
      requestTypeIds: [],
      label: 'setdiba',
    });
    for (const service of ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'] as const) {
      expect(settings.services[service]).toEqual({
        enabled: true,
        aliases: [],
        ownerAccountId: null,
        environment: 'PRO',
        requestTypeId: null,
        requiredColumns: [],
      });
    }
    expect(settings.splitMode).toBe('original-keeps-first');
    expect(settings.backend).toEqual({ mode: 'assisted', endpoint: null });
    expect(settings.certificate).toEqual({ current: null, previous: [] });
    expect(settings.comments).toEqual({ publicToRequester: true, defaultLanguage: 'ca' });
  });

  it('fill in whatever a partial document leaves out', () => {
    const settings = parseSettings({ version: 1, services: { MUX: { ownerAccountId: 'owner-1' } } });
    expect(settings.services.MUX.ownerAccountId).toBe('owner-1');
    expect(settings.services.MUX.environment).toBe('PRO');
    expect(settings.recognition.label).toBe('setdiba');
  });

  it('are reported as defaults, and a changed value is not', () => {
    const paths = defaultPaths(withChanges((s) => (s.comments.defaultLanguage = 'es')));
    expect(paths).toContain('splitMode');
    expect(paths).toContain('services.MUX.environment');
    expect(paths).not.toContain('comments.defaultLanguage');
  });

  it('returns a fresh object each time, so one caller cannot change another one\'s defaults', () => {
    const a = defaultSettings();
    a.recognition.organizations.push('Other');
    expect(defaultSettings().recognition.organizations).toEqual(['SetDIBA']);
  });
});

describe('settings validation', () => {
  it('accepts a round trip of valid settings', () => {
    const settings = withChanges((s) => {
      s.backend = { mode: 'http', endpoint: 'https://integracions.example.cat/v1' };
      s.certificate.current = certificate;
      s.services.OVER.aliases = ['E-ACAT NOU'];
    });
    expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('normalises e-mail domains as people type them', () => {
    const settings = parseSettings({ version: 1, recognition: { reporterDomains: ['@DIBA.cat', ' ajuntament.cat '] } });
    expect(settings.recognition.reporterDomains).toEqual(['diba.cat', 'ajuntament.cat']);
  });

  it('reports every error at once, each next to its field', () => {
    const result = validateSettings({
      version: 1,
      recognition: { reporterDomains: ['not a domain'], label: 'two words', organizations: ['SetDIBA', 'setdiba'] },
      services: { 'e-NOTUM': { environment: 'DEV' } },
      backend: { mode: 'http', endpoint: 'http://insecure.example.cat' },
      comments: { defaultLanguage: 'fr' },
      colour: 'blue',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'recognition.reporterDomains.0', code: 'invalid_domain' },
        { path: 'recognition.label', code: 'invalid_label' },
        { path: 'services.e-NOTUM.environment', code: 'invalid_value' },
        { path: 'backend.endpoint', code: 'https_only' },
        { path: 'comments.defaultLanguage', code: 'invalid_value' },
        { path: 'colour', code: 'unknown_field' },
      ]),
    );
  });

  it('reports cross-field problems (duplicates, alias conflicts, missing endpoint) together with field errors', () => {
    const raw = {
      version: 1,
      recognition: { organizations: ['SetDIBA', 'setdiba'], label: 'two words' },
      services: { OVER: { aliases: ['MUX'] }, 'e-NOTUM': { environment: 'DEV' } },
      backend: { mode: 'http' },
    };
    const result = validateSettings(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      'backend.endpoint endpoint_required',
      'recognition.label invalid_label',
      'recognition.organizations.1 duplicate',
      'services.OVER.aliases.0 alias_conflict',
      'services.e-NOTUM.environment invalid_value',
    ]);
    // The salvaged document (faulty fields at their defaults) lets completeness speak in the same answer.
    const salvaged = salvageSettings(raw, result.errors);
    expect(salvaged).not.toBeNull();
    expect(completenessErrors(salvaged!)).toEqual([{ path: 'services.MUX.ownerAccountId', code: 'owner_required' }]);
  });

  it('does not crash on a document of the wrong shape everywhere', () => {
    for (const raw of [{ version: 1, recognition: 'x', services: [], backend: 5, certificate: 'no' }, { version: 1, services: { MUX: null } }]) {
      const result = validateSettings(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(() => salvageSettings(raw, result.errors)).not.toThrow();
    }
  });

  it('reports duplicates once the rest is valid', () => {
    const result = validateSettings({ version: 1, recognition: { organizations: ['SetDIBA', 'setdiba'] } });
    expect(result).toEqual({ ok: false, errors: [{ path: 'recognition.organizations.1', code: 'duplicate' }] });
  });

  it('requires an endpoint for the http backend', () => {
    const result = validateSettings({ version: 1, backend: { mode: 'http' } });
    expect(result).toEqual({ ok: false, errors: [{ path: 'backend.endpoint', code: 'endpoint_required' }] });
  });

  it('refuses an alias that already names another service', () => {
    const result = validateSettings({ version: 1, services: { MUX: { aliases: ['eacat'] } } });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'services.MUX.aliases.0', code: 'alias_conflict', params: { service: 'OVER' } }],
    });
  });

  it('lets extra aliases recognise a service', () => {
    const settings = parseSettings({ version: 1, services: { OVER: { aliases: ['Oficina virtual'] } } });
    expect(parseService('oficina  VIRTUAL', extraAliases(settings))).toBe('OVER');
  });

  it('requires a MUX owner before a save, but not in the defaults', () => {
    expect(completenessErrors(defaultSettings())).toEqual([{ path: 'services.MUX.ownerAccountId', code: 'owner_required' }]);
    expect(completenessErrors(withChanges((s) => (s.services.MUX.ownerAccountId = 'owner-1')))).toEqual([]);
    expect(completenessErrors(withChanges((s) => (s.services.MUX.enabled = false)))).toEqual([]);
  });

  it('throws a readable error from parseSettings', () => {
    expect(() => parseSettings({ version: 1, splitMode: 'sideways' })).toThrow(InvalidSettingsError);
    expect(() => parseSettings({ version: 1, splitMode: 'sideways' })).toThrow(/splitMode: invalid_value/);
  });
});

describe('settings migrations', () => {
  it('reads a version-0 document of the first prototype', () => {
    const settings = parseSettings({
      organization: 'SetDIBA Consorci',
      reporterDomain: 'diba.cat',
      muxOwnerAccountId: 'toni-1',
      environment: 'PRE',
      integrationMode: 'http',
      endpoint: 'https://backend.example.cat/integrations',
      publicComments: false,
      language: 'es',
    });
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.recognition.organizations).toEqual(['SetDIBA Consorci']);
    expect(settings.recognition.label).toBe('setdiba');
    expect(settings.services.MUX.ownerAccountId).toBe('toni-1');
    expect(settings.services.OVER.ownerAccountId).toBeNull();
    expect(settings.services['e-TAULER'].environment).toBe('PRE');
    expect(settings.backend).toEqual({ mode: 'http', endpoint: 'https://backend.example.cat/integrations' });
    expect(settings.comments).toEqual({ publicToRequester: false, defaultLanguage: 'es' });
  });

  it('reads a version-1 document with the daily watch off and SetDIBA asked for dates after 14 days', () => {
    const settings = parseSettings({ version: 1, splitMode: 'umbrella' });
    expect(settings.version).toBe(2);
    expect(settings.splitMode).toBe('umbrella');
    expect(settings.watch).toEqual({ integrateMuxOnProductionDate: false, missingDateDays: 14 });
  });

  it('reads an empty version-0 document as the defaults', () => {
    expect(parseSettings({})).toEqual(defaultSettings());
  });

  it('refuses a document from a newer app version instead of dropping what it does not know', () => {
    expect(validateSettings({ version: SETTINGS_VERSION + 1 })).toEqual({ ok: false, errors: [{ path: 'version', code: 'unsupported_version' }] });
    expect(validateSettings({ version: 'one' })).toEqual({ ok: false, errors: [{ path: 'version', code: 'unsupported_version' }] });
  });
});

describe('settings diff for the audit log', () => {
  it('lists only what changed', () => {
    const before = defaultSettings();
    const after = withChanges((s) => {
      s.splitMode = 'umbrella';
      s.recognition.reporterDomains.push('ajuntament.cat');
    });
    expect(diffSettings(before, after)).toEqual([
      { path: 'recognition.reporterDomains', before: ['diba.cat'], after: ['diba.cat', 'ajuntament.cat'] },
      { path: 'splitMode', before: 'original-keeps-first', after: 'umbrella' },
    ]);
    expect(diffSettings(after, after)).toEqual([]);
  });

  it('masks credentials written into the endpoint URL', () => {
    const after = withChanges((s) => {
      s.backend = { mode: 'http', endpoint: 'https://user:pw@backend.example.cat/v1?apiKey=s3cret' };
    });
    const changes = diffSettings(defaultSettings(), after);
    const text = JSON.stringify(changes);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('pw@');
    expect(text).toContain(SECRET_MASK);
    expect(text).toContain('backend.example.cat/v1');
  });

  it('shows a certificate by subject, serial and fingerprint rather than its PEM', () => {
    const changes = diffSettings(defaultSettings(), withChanges((s) => (s.certificate.current = certificate)));
    expect(changes).toHaveLength(1);
    expect(changes[0]?.after).toContain('CN=SETDIBA-AYTOS');
    expect(changes[0]?.after).toContain('0A1B');
    expect(JSON.stringify(changes)).not.toContain('BEGIN CERTIFICATE');
  });
});

describe('backend endpoint', () => {
  it('must be https, except on this machine\'s loopback where the sandbox runs the reference backend', () => {
    const endpoint = (value: string) => validateSettings({ version: 1, backend: { mode: 'http', endpoint: value } }).ok;
    expect(endpoint('https://backend.example.cat/v1')).toBe(true);
    expect(endpoint('http://127.0.0.1:8123')).toBe(true);
    expect(endpoint('http://localhost:8123/x')).toBe(true);
    expect(endpoint('http://backend.example.cat/v1')).toBe(false);
    expect(endpoint('ftp://backend.example.cat/v1')).toBe(false);
    expect(endpoint('not a url')).toBe(false);
  });
});

describe('endpoint allow-list (the manifest egress)', () => {
  it('accepts declared hosts and wildcard subdomains only over https', () => {
    const allowed = ['https://integracions.aoc.cat', '*.backend.example.cat'];
    expect(isEndpointAllowed('https://integracions.aoc.cat/api/v1', allowed)).toBe(true);
    expect(isEndpointAllowed('https://eu.backend.example.cat/x', allowed)).toBe(true);
    expect(isEndpointAllowed('https://evil.example.com/', allowed)).toBe(false);
    expect(isEndpointAllowed('https://integracions.aoc.cat.evil.com/', allowed)).toBe(false);
    expect(isEndpointAllowed('http://integracions.aoc.cat/', allowed)).toBe(false);
    expect(isEndpointAllowed('http://127.0.0.1:9000/', allowed)).toBe(false);
    expect(isEndpointAllowed('http://127.0.0.1:9000/', ['127.0.0.1'])).toBe(true);
  });
});
