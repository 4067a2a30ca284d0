import { defaultSettings } from '../../../src/domain/settings';
import type { CertificateView, EditableSettings, SettingsPage } from '../../../src/contracts/settings';

export function editableDefaults(): EditableSettings {
  const { certificate: _certificate, ...rest } = defaultSettings();
  return rest;
}

/** Every path of the defaults, as the resolver lists them for a project that never saved. */
export const DEFAULT_PATHS = [
  'version',
  'recognition.organizations',
  'recognition.reporterDomains',
  'recognition.requestTypeIds',
  'recognition.label',
  ...['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'].flatMap((s) =>
    ['enabled', 'aliases', 'ownerAccountId', 'environment', 'requestTypeId', 'requiredColumns'].map((f) => `services.${s}.${f}`),
  ),
  'splitMode',
  'backend.mode',
  'backend.endpoint',
  'comments.publicToRequester',
  'comments.defaultLanguage',
];

export function certificate(overrides: Partial<CertificateView> = {}): CertificateView {
  return {
    subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona (DEMO), C=ES',
    issuer: 'CN=DEMO CA',
    serialNumber: '0A1B2C',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2028-01-01T00:00:00.000Z',
    sha256Fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
    uploadedAt: '2026-01-02T10:00:00.000Z',
    uploadedBy: 'admin-laia',
    inUseFrom: '2026-01-02T10:00:00.000Z',
    inUseUntil: null,
    status: 'valid',
    daysUntilExpiry: 400,
    statusMessage: 'Vàlid',
    ...overrides,
  };
}

export function page(overrides: Partial<SettingsPage> = {}): SettingsPage {
  return {
    projectKey: 'SUP',
    lang: 'ca',
    revision: 0,
    updatedAt: null,
    updatedBy: null,
    settings: editableDefaults(),
    defaults: DEFAULT_PATHS,
    storedErrors: [],
    backend: { tokenSet: false, allowedEndpoints: ['https://integracions.example.org'] },
    certificate: { current: null, previous: [] },
    choices: {
      organizations: [
        { id: '1', name: 'SetDIBA' },
        { id: '2', name: 'Ajuntament de Prova' },
      ],
      requestTypes: [
        { id: '10', name: "Alta d'integració" },
        { id: '11', name: 'Consulta' },
      ],
      owners: { MUX: null, 'e-NOTUM': null, 'e-TAULER': null, OVER: null },
    },
    audit: [],
    templatesAvailable: true,
    ...overrides,
  };
}
