import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CERTIFICATE_ERROR_CODES } from '../../../src/domain/certificate';
import { SETTINGS_ERROR_CODES } from '../../../src/domain/settings';
import { MANIFEST_BACKEND_EGRESS } from '../../../src/handlers/settings-resolver';
import { LANGS } from '../../../src/i18n';
import { settingsMessages } from '../../../src/i18n/catalog/settings';
import { settingsFlowsMessages } from '../../../src/i18n/catalog/settings-flows';
import type { ConnectionCheck } from '../../../src/ports/integration-backend';
import { AUDIT_ACTIONS } from '../../../src/usecases/settings/settings-audit';

const PROBLEMS: Extract<ConnectionCheck, { ok: false }>['problem'][] = [
  'no_token',
  'unreachable',
  'timeout',
  'unauthorized',
  'not_found',
  'unexpected_response',
];

describe('settings catalogue', () => {
  const keys = [
    ...SETTINGS_ERROR_CODES.map((code) => `error_${code}`),
    ...CERTIFICATE_ERROR_CODES,
    ...AUDIT_ACTIONS.map((action) => `action_${action}`),
    ...PROBLEMS.map((problem) => `connection_${problem}`),
  ];

  it.each(LANGS)('has a text for every error code, certificate problem, audit action and connection problem in %s', (lang) => {
    const catalogue = settingsMessages[lang] as Record<string, string>;
    for (const key of keys) expect([key, catalogue[key]?.length ?? 0]).not.toEqual([key, 0]);
  });

  it('the confirm-first and field-word texts use the same placeholders in every language', () => {
    const placeholders = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => (m[1] ?? '').replace(/_(de|el|del|al|les|time|short|or)$/, '')))].sort();
    for (const [key, text] of Object.entries(settingsFlowsMessages.ca)) {
      const k = key as keyof typeof settingsFlowsMessages.ca;
      expect([key, placeholders(settingsFlowsMessages.es[k])]).toEqual([key, placeholders(text)]);
      expect([key, placeholders(settingsFlowsMessages.en[k])]).toEqual([key, placeholders(text)]);
    }
  });

  it('uses the same placeholders in every language', () => {
    // The parameters a text uses: ICU arguments ({n}, {n, plural, …}) and derived forms ({service_de}, {when_les}) by their base name.
    const placeholders = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => (m[1] ?? '').replace(/_(de|el|del|al|les|time|short|or)$/, '')))].sort();
    for (const [key, text] of Object.entries(settingsMessages.ca)) {
      expect([key, placeholders(settingsMessages.es[key as keyof typeof settingsMessages.es])]).toEqual([key, placeholders(text)]);
      expect([key, placeholders(settingsMessages.en[key as keyof typeof settingsMessages.en])]).toEqual([key, placeholders(text)]);
    }
  });
});

describe('egress addresses', () => {
  it('are the ones manifest.yml declares, so a save accepts exactly the endpoints Forge will let the app call', () => {
    const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as {
      permissions?: { external?: { fetch?: { backend?: (string | { address: string })[] } } };
    };
    const declared = (manifest.permissions?.external?.fetch?.backend ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
    expect([...MANIFEST_BACKEND_EGRESS].sort()).toEqual(declared.sort());
  });
});

describe('module titles (manifest translations)', () => {
  type Manifest = {
    modules: Record<string, { key: string; title?: string | { i18n: string } }[]>;
    translations?: { resources: { key: string; path: string }[]; fallback: { default: string } };
  };
  const root = join(__dirname, '../../..');
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

  it('are translated through Forge, in Spanish and English, with a fallback that has them', () => {
    const titled = Object.values(manifest.modules).flat().filter((module) => module.title !== undefined);
    expect(titled.length).toBeGreaterThanOrEqual(2);
    const resources = manifest.translations?.resources ?? [];
    expect(resources.map((r) => r.key)).toEqual(expect.arrayContaining(['es-ES', 'en-US']));
    expect(resources.map((r) => r.key)).toContain(manifest.translations?.fallback.default);
    const texts = Object.fromEntries(resources.map((r) => [r.key, JSON.parse(readFileSync(join(root, r.path), 'utf8')) as unknown]));
    for (const module of titled) {
      expect([module.key, typeof module.title]).toEqual([module.key, 'object']);
      const key = (module.title as { i18n: string }).i18n;
      for (const [locale, messages] of Object.entries(texts)) {
        expect([module.key, locale, typeof lookup(messages, key)]).toEqual([module.key, locale, 'string']);
      }
    }
    expect(lookup(texts['es-ES'], 'app.settingsTitle')).toBe('Integraciones SetDIBA');
  });
});
