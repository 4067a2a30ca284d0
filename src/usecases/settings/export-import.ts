/**
 * Export and import of a project's settings as JSON, to copy a configuration to another project or
 * keep it. Secrets are never in the file: the backend token lives in the secret store, which export
 * does not read. The certificate (public) travels; an imported one is re-read from its PEM like an
 * upload, never trusted as written. Certificate history stays with the project it belongs to.
 */
import { CertificateError, parseCertificateFile, replaceCertificate } from '../../domain/certificate';
import type { SettingsFieldError } from '../../domain/settings';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings } from './load-settings';
import { invalid, savePageSettings, type PageSaveResult } from './save-page-settings';
import { settingsText } from '../../i18n/catalog/settings';

export const EXPORT_FORMAT = 'integracions-setdiba-settings';

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  projectKey: string;
  settings: unknown;
}

export async function exportSettings(deps: SettingsDeps, caller: Caller): Promise<{ fileName: string; json: string }> {
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  const exportedAt = deps.clock.now().toISOString();
  const file: SettingsExport = {
    format: EXPORT_FORMAT,
    exportedAt,
    projectKey: caller.projectKey,
    settings: { ...record.settings, certificate: { current: record.settings.certificate.current, previous: [] } },
  };
  return {
    fileName: `setdiba-settings-${caller.projectKey}-${exportedAt.slice(0, 10)}.json`,
    json: `${JSON.stringify(file, null, 2)}\n`,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function importSettings(
  deps: SettingsDeps,
  caller: Caller,
  args: { json: string; revision: number },
): Promise<PageSaveResult> {
  const { lang } = caller;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args.json) as unknown;
  } catch {
    return { outcome: 'invalid', message: settingsText(lang, 'importInvalidJson'), errors: [] };
  }
  const doc = isObject(parsed) && parsed['format'] === EXPORT_FORMAT ? parsed['settings'] : parsed;
  if (!isObject(doc)) return { outcome: 'invalid', message: settingsText(lang, 'importInvalidJson'), errors: [] };

  const { certificate: importedCertificate, ...rest } = doc;
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  let block = record.settings.certificate;
  const pem = isObject(importedCertificate) && isObject(importedCertificate['current']) ? importedCertificate['current']['pem'] : undefined;
  if (typeof pem === 'string') {
    try {
      const upload = parseCertificateFile(Buffer.from(pem, 'utf8'));
      block = replaceCertificate(block, upload.certificate, { accountId: caller.accountId, at: deps.clock.now() });
    } catch (error) {
      if (!(error instanceof CertificateError)) throw error;
      const problem: SettingsFieldError = { path: 'certificate.current', code: 'invalid_certificate' };
      return invalid(lang, [problem]);
    }
  }
  return savePageSettings(deps, caller, { settings: rest, revision: args.revision, action: 'import', certificate: block });
}
