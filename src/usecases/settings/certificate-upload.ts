/**
 * The SetDIBA CDA certificate: reading a file (nothing stored: the page shows what was read and asks),
 * uploading it once the admin confirms, putting a previous one back in use, and withdrawing it. Each
 * change is its own save with its own audit entry; the replaced certificate is kept with the dates it
 * was in use.
 */
import {
  CertificateError,
  certificateStatus,
  daysUntilExpiry,
  parseCertificateFile,
  replaceCertificate,
  type CertificateStatus,
} from '../../domain/certificate';
import { settingsText } from '../../i18n/catalog/settings';
import { settingsFlowsText } from '../../i18n/catalog/settings-flows';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings, saveSettings } from './load-settings';
import { getSettingsPage, type SettingsPageData } from './page-data';
import { certificateNoteText } from './views';

export interface CertificateReading {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  status: CertificateStatus;
  daysUntilExpiry: number;
}

export type CertificateInspection =
  | {
      outcome: 'read';
      certificate: CertificateReading;
      /** Localised: expired, not yet valid, expires soon, expires before the one in use. */
      warnings: string[];
      notes: string[];
      /** True when this is already the certificate in use (confirming would change nothing). */
      sameAsCurrent: boolean;
    }
  | { outcome: 'refused'; code: string; message: string };

/** Reads a certificate file and says what is in it; stores nothing. */
export async function inspectCertificate(
  deps: SettingsDeps,
  caller: Caller,
  file: { fileName: string; content: Uint8Array },
): Promise<CertificateInspection> {
  const { lang } = caller;
  let upload: ReturnType<typeof parseCertificateFile>;
  try {
    upload = parseCertificateFile(file.content);
  } catch (error) {
    if (error instanceof CertificateError) return { outcome: 'refused', code: error.code, message: settingsText(lang, error.code) };
    throw error;
  }
  const now = deps.clock.now();
  const cert = upload.certificate;
  const status = certificateStatus(cert, now);
  const days = daysUntilExpiry(cert, now);
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  const current = record.settings.certificate.current;
  const warnings: string[] = [];
  if (status === 'expired') warnings.push(settingsFlowsText(lang, 'certificateWarnExpired', { date: cert.notAfter }));
  if (status === 'not_yet_valid') warnings.push(settingsFlowsText(lang, 'certificateWarnNotYetValid', { date: cert.notBefore }));
  if (status === 'expiring') warnings.push(settingsFlowsText(lang, 'certificateWarnExpiring', { days }));
  if (current && status !== 'expired' && Date.parse(cert.notAfter) < Date.parse(current.notAfter)) {
    warnings.push(settingsFlowsText(lang, 'certificateWarnOlder', { date: current.notAfter }));
  }
  const { pem: _pem, ...facts } = cert;
  return {
    outcome: 'read',
    certificate: { ...facts, status, daysUntilExpiry: days },
    warnings,
    notes: upload.notes.map((note) => certificateNoteText(lang, note)),
    sameAsCurrent: current?.sha256Fingerprint === cert.sha256Fingerprint,
  };
}

export type CertificateRestoreResult =
  | { outcome: 'restored'; message: string; page: SettingsPageData }
  | { outcome: 'not_found'; message: string };

/**
 * Puts a certificate of the history back in use (a renewal that turned out wrong). It is re-read from
 * its stored PEM like an upload; the one in use moves to the history. Audited as its own action.
 */
export async function restoreCertificate(deps: SettingsDeps, caller: Caller, sha256Fingerprint: string): Promise<CertificateRestoreResult> {
  const { lang } = caller;
  const { record } = await inspectStoredSettings(deps.kvs, caller.projectKey);
  const block = record.settings.certificate;
  const old = block.previous.find((cert) => cert.sha256Fingerprint === sha256Fingerprint);
  if (!old) return { outcome: 'not_found', message: settingsFlowsText(lang, 'certificateNotInHistory') };
  let reread: ReturnType<typeof parseCertificateFile>;
  try {
    reread = parseCertificateFile(Buffer.from(old.pem, 'utf8'));
  } catch (error) {
    if (error instanceof CertificateError) return { outcome: 'not_found', message: settingsText(lang, 'error_invalid_certificate') };
    throw error;
  }
  const next = replaceCertificate(block, reread.certificate, { accountId: caller.accountId, at: deps.clock.now() });
  const result = await saveSettings(
    { kvs: deps.kvs, clock: deps.clock },
    {
      projectKey: caller.projectKey,
      input: { ...record.settings, certificate: next },
      actor: caller.accountId,
      expectedRevision: record.revision,
      action: 'certificate_restore',
      skipCompleteness: true,
    },
  );
  if (!result.ok) return { outcome: 'not_found', message: settingsText(lang, result.reason === 'conflict' ? 'conflictTitle' : 'fieldErrorsTitle') };
  return {
    outcome: 'restored',
    message: settingsFlowsText(lang, 'certificateRestored', { subject: old.subject }),
    page: await getSettingsPage(deps, caller),
  };
}

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
