/**
 * Domain values → what the page shows, localised to the caller's language.
 */
import { certificateStatus, daysUntilExpiry, type CertificateNote } from '../../domain/certificate';
import type { AuditValue, SettingsChange, SettingsFieldError, StoredCertificate } from '../../domain/settings';
import { settingsText } from '../../i18n/catalog/settings';
import { settingsFlowsText } from '../../i18n/catalog/settings-flows';
import { fieldLabel, NO_NAMES, valueInWords, whereInWords, type NameLookup } from './field-words';
import type { Lang } from '../../i18n';
import type { JiraPort } from '../../ports/jira';
import type { AuditEntry } from './settings-audit';
import { mapLimit } from '../process-ticket/concurrency';

export interface FieldErrorView {
  path: string;
  code: string;
  message: string;
  /** The field in words ("MUX: responsable"), for summaries away from the field itself. */
  label: string;
}

function errorMessage(lang: Lang, error: SettingsFieldError): string {
  if (error.code === 'unknown_field') {
    // Name the field and where it sits, in words and as the file writes it, so it can be found.
    const parts = error.path.split('.');
    const field = parts.pop() ?? '';
    return settingsFlowsText(lang, 'error_unknown_field_at', { field, where: whereInWords(lang, parts.join('.')), path: error.path });
  }
  return settingsText(lang, `error_${error.code}`, error.params);
}

export function fieldErrorViews(lang: Lang, errors: readonly SettingsFieldError[]): FieldErrorView[] {
  return errors.map((error) => ({
    path: error.path,
    code: error.code,
    message: errorMessage(lang, error),
    label: fieldLabel(lang, error.path),
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

export interface ChangeView {
  path: string;
  before: AuditValue;
  after: AuditValue;
  /** In words: the field's label, and each value as people read it (names, not account ids). */
  label: string;
  beforeText: string;
  afterText: string;
}

export interface AuditEntryView extends Omit<AuditEntry, 'by' | 'changes'> {
  by: UserView;
  actionText: string;
  changes: ChangeView[];
}

export function changeViews(lang: Lang, changes: readonly SettingsChange[], names: NameLookup): ChangeView[] {
  // The history's fingerprints add nothing a person can read: the change of the certificate in use says it.
  const shown = changes.some((change) => change.path === 'certificate.current') ? changes.filter((change) => change.path !== 'certificate.previous') : changes;
  return shown.map((change) => {
    const beforeText = valueInWords(lang, change.path, change.before, names);
    const afterText = valueInWords(lang, change.path, change.after, names);
    // A replaced token reads "definit → un de nou", not "definit → definit".
    const replaced = change.path === 'backend.token' && change.before !== null && change.after !== null;
    return { ...change, label: fieldLabel(lang, change.path), beforeText, afterText: replaced ? settingsFlowsText(lang, 'valueTokenReplaced') : afterText };
  });
}

/** Names for the audit's people and request types, from what the page has already fetched. */
export function nameLookup(users: Map<string, UserView>, requestTypes: readonly { id: string; name: string }[] | null): NameLookup {
  return {
    user: (accountId) => users.get(accountId)?.displayName,
    requestType: (id) => requestTypes?.find((type) => type.id === id)?.name,
  };
}

export function auditEntryView(lang: Lang, entry: AuditEntry, users: Map<string, UserView>, names: NameLookup = NO_NAMES): AuditEntryView {
  return {
    ...entry,
    by: users.get(entry.by) ?? { accountId: entry.by, displayName: entry.by },
    actionText: settingsText(lang, `action_${entry.action}`),
    changes: changeViews(lang, entry.changes, names),
  };
}
