/**
 * The settings audit log: who changed what and when, secrets masked (the diff never carries a secret
 * value: see diffSettings, and token changes are recorded as set / not set).
 *
 * Keys sort newest first (`<prefix><reverse timestamp>:<revision>`), because a KeyValueStore lists keys
 * in ascending order and the page wants the last changes.
 */
import { kvsKeyPart } from '../../domain/kvs-key';
import { SECRET_MASK, settingsAuditPrefix, type SettingsChange } from '../../domain/settings';
import type { KeyValueStore } from '../../ports/key-value-store';

export const AUDIT_ACTIONS = [
  'save',
  'import',
  'certificate_upload',
  'certificate_remove',
  'certificate_restore',
  'token_set',
  'token_clear',
  'migration',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: string;
  /** Atlassian account id of the admin. */
  by: string;
  action: AuditAction;
  /** The settings revision this change produced (token changes do not produce one). */
  revision: number | null;
  changes: SettingsChange[];
}

/** Kept per project; older entries are pruned on write. */
export const AUDIT_RETENTION = 200;
const MAX_TIME = 9_999_999_999_999;

function auditTimePrefix(projectKey: string, at: Date): string {
  const reverse = String(MAX_TIME - at.getTime()).padStart(13, '0');
  return `${settingsAuditPrefix(projectKey)}${reverse}:`;
}

export async function appendAudit(
  kvs: KeyValueStore,
  projectKey: string,
  entry: AuditEntry,
  discriminator: string = entry.revision === null ? `${entry.action}-${Math.random().toString(36).slice(2, 10)}` : `r${entry.revision}`,
): Promise<void> {
  const existing = await kvs.list<AuditEntry>(settingsAuditPrefix(projectKey), AUDIT_RETENTION + 50);
  const timePrefix = auditTimePrefix(projectKey, new Date(entry.at));
  const suffix = `:${kvsKeyPart(discriminator)}`;
  const sameInstant = existing.filter((row) => row.key.startsWith(timePrefix));
  // Two entries in the same millisecond (a double click, a fixed test clock) must still list newest
  // first: a descending counter sorts the later one before. A retried write reuses its own key.
  const key =
    sameInstant.find((row) => row.key.endsWith(suffix))?.key ??
    `${timePrefix}${String(999 - sameInstant.length).padStart(3, '0')}${suffix}`;
  await kvs.set(key, entry);
  const keys = [...new Set([...existing.map((row) => row.key), key])].sort();
  for (const old of keys.slice(AUDIT_RETENTION)) await kvs.delete(old);
}

/**
 * The latest entries, newest first. An entry whose settings write failed after it was written is left
 * out: its revision is newer than the stored one, or a later entry has the same revision (the retry
 * that succeeded).
 */
export async function listAudit(
  kvs: KeyValueStore,
  projectKey: string,
  options: { limit?: number; currentRevision?: number } = {},
): Promise<AuditEntry[]> {
  const limit = options.limit ?? 20;
  const rows = await kvs.list<AuditEntry>(settingsAuditPrefix(projectKey), limit + 10);
  const seenRevisions = new Set<number>();
  return rows
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((row) => row.value)
    .filter((entry) => {
      if (entry.revision === null) return true;
      if (options.currentRevision !== undefined && entry.revision > options.currentRevision) return false;
      if (seenRevisions.has(entry.revision)) return false;
      seenRevisions.add(entry.revision);
      return true;
    })
    .slice(0, limit);
}

/** The audit change for the backend token: it only ever says set / not set. */
export function tokenChange(wasSet: boolean, isSet: boolean): SettingsChange {
  return {
    path: 'backend.token',
    before: wasSet ? SECRET_MASK : null,
    after: isSet ? SECRET_MASK : null,
  };
}
