/**
 * Export and import of a project's settings as JSON, to copy a configuration to another project or
 * keep it. Secrets are never in the file: the backend token lives in the secret store, which export
 * does not read. The certificate (public) travels; an imported one is re-read from its PEM like an
 * upload, never trusted as written. Certificate history stays with the project it belongs to.
 */
import { CertificateError, parseCertificateFile, replaceCertificate } from '../../domain/certificate';
import type { Settings, SettingsFieldError } from '../../domain/settings';
import { settingsFlowsText } from '../../i18n/catalog/settings-flows';
import { accountIdsIn } from './field-words';
import { getSettingsPage } from './page-data';
import { changeViews, nameLookup, userViews, type ChangeView } from './views';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings } from './load-settings';
import { invalid, previewPageSettings, savePageSettings, type PageSaveResult } from './save-page-settings';
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

type ImportRead = { ok: true; settings: Record<string, unknown>; certificate: Settings['certificate'] } | { ok: false; result: PageSaveResult };

/** The file's settings document and the certificate block it would leave (its certificate re-read). */
async function readImport(deps: SettingsDeps, caller: Caller, json: string): Promise<ImportRead> {
  const { lang } = caller;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json) as unknown;
  } catch {
    return { ok: false, result: { outcome: 'invalid', message: settingsText(lang, 'importInvalidJson'), errors: [] } };
  }
  const doc = isObject(parsed) && parsed['format'] === EXPORT_FORMAT ? parsed['settings'] : parsed;
  if (!isObject(doc)) return { ok: false, result: { outcome: 'invalid', message: settingsText(lang, 'importInvalidJson'), errors: [] } };

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
      return { ok: false, result: invalid(lang, [problem]) };
    }
  }
  return { ok: true, settings: rest, certificate: block };
}

export async function importSettings(
  deps: SettingsDeps,
  caller: Caller,
  args: { json: string; revision: number },
): Promise<PageSaveResult> {
  const read = await readImport(deps, caller, args.json);
  if (!read.ok) return read.result;
  return savePageSettings(deps, caller, { settings: read.settings, revision: args.revision, action: 'import', certificate: read.certificate });
}

export type ImportPreview =
  | { outcome: 'preview'; message: string; changes: ChangeView[] }
  | Extract<PageSaveResult, { outcome: 'invalid' | 'conflict' }>;

/**
 * What importing the file would change, field by field in words (old → new), with every problem of
 * the file at once; nothing is written. The page applies it (importSettings) only when the admin confirms.
 */
export async function previewImport(deps: SettingsDeps, caller: Caller, args: { json: string; revision: number }): Promise<ImportPreview> {
  const { lang } = caller;
  const read = await readImport(deps, caller, args.json);
  if (!read.ok) return read.result as ImportPreview;
  const preview = await previewPageSettings(deps, caller, {
    settings: read.settings,
    revision: args.revision,
    action: 'import',
    certificate: read.certificate,
  });
  if ('refused' in preview) return preview.refused as ImportPreview;
  const page = await getSettingsPage(deps, caller);
  const ids = accountIdsIn(preview.changes);
  const users = await userViews(deps.jira, ids);
  const changes = changeViews(lang, preview.changes, nameLookup(users, page.choices.requestTypes));
  const message =
    changes.length === 0 ? settingsFlowsText(lang, 'importPreviewNone') : settingsFlowsText(lang, 'importPreviewCount', { count: changes.length });
  return { outcome: 'preview', message, changes };
}
