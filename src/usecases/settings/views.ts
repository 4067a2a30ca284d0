/**
 * Domain values → what the page shows, localised to the caller's language.
 */
import { certificateStatus, daysUntilExpiry, type CertificateNote } from '../../domain/certificate';
import type { SettingsFieldError, StoredCertificate } from '../../domain/settings';
import { settingsText } from '../../i18n/catalog/settings';
import type { Lang } from '../../i18n';
import type { JiraPort } from '../../ports/jira';
import type { AuditEntry } from './settings-audit';
import { mapLimit } from '../process-ticket/concurrency';

export interface FieldErrorView {
  path: string;
  code: string;
  message: string;
}

export function fieldErrorViews(lang: Lang, errors: readonly SettingsFieldError[]): FieldErrorView[] {
  return errors.map((error) => ({
    path: error.path,
    code: error.code,
    message: settingsText(lang, `error_${error.code}`, error.params),
  }));
}

export interface CertificateView extends Omit<StoredCertificate, 'pem'> {
  status: 'valid' | 'expiring' | 'expired' | 'not_yet_valid';
  daysUntilExpiry: number;
  statusMessage: string;
}

/** The PEM stays on the server: the page shows facts, and the file is whatever the admin uploaded. */
export function certificateView(lang: Lang, cert: StoredCertificate, now: Date): CertificateView {
  const { pem: _pem, ...facts } = cert;
  const status = certificateStatus(cert, now);
  const days = daysUntilExpiry(cert, now);
  return { ...facts, status, daysUntilExpiry: days, statusMessage: settingsText(lang, `status_${status}`, { days }) };
}

export function certificateNoteText(lang: Lang, note: CertificateNote): string {
  return settingsText(lang, `note_${note.code}`, note.params);
}

export interface UserView {
  accountId: string;
  displayName: string;
}

/** Display names for account ids; an unknown or deleted account shows as its id. */
export async function userViews(jira: JiraPort, accountIds: Iterable<string | null>): Promise<Map<string, UserView>> {
  const unique = [...new Set([...accountIds].filter((id): id is string => typeof id === 'string' && id !== ''))];
  const users = await mapLimit(unique, 4, async (accountId) => {
    const user = await jira.getUser(accountId);
    return { accountId, displayName: user?.displayName ?? accountId };
  });
  return new Map(users.map((user) => [user.accountId, user]));
}

export interface AuditEntryView extends Omit<AuditEntry, 'by'> {
  by: UserView;
  actionText: string;
}

export function auditEntryView(lang: Lang, entry: AuditEntry, users: Map<string, UserView>): AuditEntryView {
  return {
    ...entry,
    by: users.get(entry.by) ?? { accountId: entry.by, displayName: entry.by },
    actionText: settingsText(lang, `action_${entry.action}`),
  };
}
