/**
 * Reading and writing a project's settings in the KeyValueStore.
 *
 * Stored shape: `{ revision, updatedAt, updatedBy, settings }` under settingsStorageKey(projectKey).
 * A bare settings document (no envelope, e.g. written by hand in the sandbox) is read as revision 0.
 * Older settings versions are migrated on read; the migrated document is written on the next save.
 *
 * A save is all or nothing: everything is validated first, and the settings are one KVS value, so
 * either the whole new document is stored or none of it. The audit entry is written before the
 * settings; an entry whose settings write then failed is hidden by its revision (see listAudit).
 * Two admins saving at once: the second save names the revision it started from and is refused as a
 * conflict if someone saved in between (the check and the write are not atomic in KVS, so two saves
 * within the same few milliseconds can still both pass; the audit log shows both).
 */
import {
  completenessErrors,
  defaultSettings,
  diffSettings,
  parseSettings,
  salvageSettings,
  settingsStorageKey,
  validateSettings,
  type Settings,
  type SettingsChange,
  type SettingsFieldError,
} from '../../domain/settings';
import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';
import { appendAudit, type AuditAction } from './settings-audit';

export interface SettingsRecord {
  settings: Settings;
  /** 0 while nothing was ever saved. */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** False when these are the defaults because nothing is stored yet. */
  stored: boolean;
}

interface StoredEnvelope {
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: unknown;
}

function envelopeOf(raw: unknown): StoredEnvelope {
  if (typeof raw === 'object' && raw !== null && 'settings' in raw && 'revision' in raw) {
    const env = raw as Record<string, unknown>;
    return {
      revision: typeof env['revision'] === 'number' ? env['revision'] : 0,
      updatedAt: typeof env['updatedAt'] === 'string' ? env['updatedAt'] : null,
      updatedBy: typeof env['updatedBy'] === 'string' ? env['updatedBy'] : null,
      settings: env['settings'],
    };
  }
  return { revision: 0, updatedAt: null, updatedBy: null, settings: raw };
}

function unstoredRecord(): SettingsRecord {
  return { settings: defaultSettings(), revision: 0, updatedAt: null, updatedBy: null, stored: false };
}

/** The stored settings with their revision; defaults when nothing is stored. Throws InvalidSettingsError. */
export async function loadSettingsRecord(kvs: KeyValueStore, projectKey: string): Promise<SettingsRecord> {
  const raw = await kvs.get(settingsStorageKey(projectKey));
  if (raw === undefined || raw === null) return unstoredRecord();
  const env = envelopeOf(raw);
  return { settings: parseSettings(env.settings), revision: env.revision, updatedAt: env.updatedAt, updatedBy: env.updatedBy, stored: true };
}

/** What the pipeline calls: the project's settings, defaults when absent, migrations applied. */
export async function loadSettings(kvs: KeyValueStore, projectKey: string): Promise<Settings> {
  return (await loadSettingsRecord(kvs, projectKey)).settings;
}

/**
 * The stored document as it is, validated without throwing: the settings page must still open (and
 * let an admin repair things) when the stored document is broken.
 */
export async function inspectStoredSettings(
  kvs: KeyValueStore,
  projectKey: string,
): Promise<{ record: SettingsRecord; storedErrors: SettingsFieldError[] }> {
  const raw = await kvs.get(settingsStorageKey(projectKey));
  if (raw === undefined || raw === null) {
    return { record: unstoredRecord(), storedErrors: [] };
  }
  const env = envelopeOf(raw);
  const result = validateSettings(env.settings);
  const settings = result.ok ? result.settings : defaultSettings();
  return {
    record: { settings, revision: env.revision, updatedAt: env.updatedAt, updatedBy: env.updatedBy, stored: true },
    storedErrors: result.ok ? [] : result.errors,
  };
}

export type SaveSettingsResult =
  | { ok: true; record: SettingsRecord; changes: SettingsChange[] }
  | { ok: false; reason: 'invalid'; errors: SettingsFieldError[] }
  | { ok: false; reason: 'conflict'; currentRevision: number; updatedBy: string | null; updatedAt: string | null };

export interface SaveSettingsArgs {
  projectKey: string;
  /** The whole new settings document (any known version; defaults fill what it leaves out). */
  input: unknown;
  /** Account id of the admin saving. */
  actor: string;
  /** The revision the admin's page was showing; omitted = no conflict check (imports from the CLI). */
  expectedRevision?: number;
  action?: AuditAction;
  /**
   * Certificate uploads save the rest of the document as stored: an incomplete configuration (no MUX
   * owner yet) must not stand between an admin and a renewed certificate.
   */
  skipCompleteness?: boolean;
  /** Everything but the writes: what would change (the import preview). */
  dryRun?: boolean;
  /** Checks that need the outside world (owner assignable, endpoint in the egress list), run last. */
  extraValidation?: (settings: Settings, previous: Settings) => Promise<SettingsFieldError[]>;
}

/** Completeness and the checks that need the outside world: they need a document that parsed. */
async function laterErrors(args: SaveSettingsArgs, settings: Settings, previous: Settings): Promise<SettingsFieldError[]> {
  return [...(args.skipCompleteness ? [] : completenessErrors(settings)), ...((await args.extraValidation?.(settings, previous)) ?? [])];
}

export async function saveSettings(
  deps: { kvs: KeyValueStore; clock: Pick<Clock, 'now'> },
  args: SaveSettingsArgs,
): Promise<SaveSettingsResult> {
  const { kvs } = deps;
  const validation = validateSettings(args.input);
  const { record: current } = await inspectStoredSettings(kvs, args.projectKey);
  if (!validation.ok) {
    // Every problem at once: the checks that need a whole document run on it with the faulty fields
    // at their defaults, and add what the field errors do not already say.
    const salvaged = salvageSettings(args.input, validation.errors);
    const later = salvaged ? await laterErrors(args, salvaged, current.settings) : [];
    const reported = new Set(validation.errors.map((error) => error.path));
    return { ok: false, reason: 'invalid', errors: [...validation.errors, ...later.filter((error) => !reported.has(error.path))] };
  }
  const settings = validation.settings;
  if (args.expectedRevision !== undefined && args.expectedRevision !== current.revision) {
    return { ok: false, reason: 'conflict', currentRevision: current.revision, updatedBy: current.updatedBy, updatedAt: current.updatedAt };
  }
  const errors = await laterErrors(args, settings, current.settings);
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };

  const changes = diffSettings(current.settings, settings);
  if ((changes.length === 0 && current.stored) || args.dryRun) return { ok: true, record: current, changes };

  const now = deps.clock.now().toISOString();
  const revision = current.revision + 1;
  await appendAudit(kvs, args.projectKey, { at: now, by: args.actor, action: args.action ?? 'save', revision, changes });
  const envelope: StoredEnvelope = { revision, updatedAt: now, updatedBy: args.actor, settings };
  await kvs.set(settingsStorageKey(args.projectKey), envelope);
  return { ok: true, record: { settings, revision, updatedAt: now, updatedBy: args.actor, stored: true }, changes };
}
