/**
 * Uploading (renewing) and withdrawing the SetDIBA CDA certificate. Each is its own save with its own
 * audit entry; the replaced certificate is kept with the dates it was in use.
 */
import { CertificateError, parseCertificateFile, replaceCertificate } from '../../domain/certificate';
import { settingsText } from '../../i18n/catalog/settings';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings, saveSettings } from './load-settings';
import { getSettingsPage, type SettingsPageData } from './page-data';
import { certificateNoteText } from './views';

export type CertificateUploadResult =
  | { outcome: 'uploaded' | 'unchanged'; message: string; notes: string[]; page: SettingsPageData }
  | { outcome: 'refused'; code: string; message: string };

export async function uploadCertificate(
  deps: SettingsDeps,
  caller: Caller,
  file: { fileName: string; content: Uint8Array },
): Promise<CertificateUploadResult> {
  const { lang } = caller;
  let upload: ReturnType<typeof parseCertificateFile>;
  try {
    upload = parseCertificateFile(file.content);
  } catch (error) {
    if (error instanceof CertificateError) {
      return { outcome: 'refused', code: error.code, message: settingsText(lang, error.code) };
    }
    throw error;
  }
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  const block = replaceCertificate(record.settings.certificate, upload.certificate, {
    accountId: caller.accountId,
    at: deps.clock.now(),
  });
  const notes = upload.notes.map((note) => certificateNoteText(lang, note));
  if (block.current === record.settings.certificate.current) {
    return { outcome: 'unchanged', message: settingsText(lang, 'certificateUnchanged'), notes, page: await getSettingsPage(deps, caller) };
  }
  // The rest of the settings is saved as stored, so completeness rules (e.g. the MUX owner) do not
  // stand between an admin and a renewed certificate.
  const result = await saveSettings(
    { kvs: deps.kvs, clock: deps.clock },
    {
      projectKey: caller.projectKey,
      input: { ...record.settings, certificate: block },
      actor: caller.accountId,
      expectedRevision: record.revision,
      action: 'certificate_upload',
      skipCompleteness: true,
    },
  );
  if (!result.ok) {
    return { outcome: 'refused', code: result.reason, message: settingsText(lang, result.reason === 'conflict' ? 'conflictTitle' : 'fieldErrorsTitle') };
  }
  return { outcome: 'uploaded', message: settingsText(lang, 'certificateUploaded'), notes, page: await getSettingsPage(deps, caller) };
}

export async function removeCertificate(deps: SettingsDeps, caller: Caller): Promise<SettingsPageData> {
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  const { current, previous } = record.settings.certificate;
  if (current) {
    const until = deps.clock.now().toISOString();
    await saveSettings(
      { kvs: deps.kvs, clock: deps.clock },
      {
        projectKey: caller.projectKey,
        input: { ...record.settings, certificate: { current: null, previous: [{ ...current, inUseUntil: until }, ...previous].slice(0, 20) } },
        actor: caller.accountId,
        expectedRevision: record.revision,
        action: 'certificate_remove',
        skipCompleteness: true,
      },
    );
  }
  return getSettingsPage(deps, caller);
}
