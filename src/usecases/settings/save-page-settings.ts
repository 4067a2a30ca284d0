/**
 * Saving from the page (and importing): the page's document, the stored certificate block (changed
 * only by upload/remove), then every check: schema, completeness, owners assignable in the project,
 * endpoint among the manifest's egress addresses. All or nothing (see load-settings.ts).
 */
import { isEndpointAllowed, SETTINGS_VERSION, type Settings, type SettingsChange, type SettingsFieldError } from '../../domain/settings';
import { SERVICES } from '../../domain/services';
import { migrateSettings, SettingsVersionError } from '../../domain/settings-migrations';
import type { Lang } from '../../i18n';
import { settingsText } from '../../i18n/catalog/settings';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings, saveSettings, type SaveSettingsResult } from './load-settings';
import { settingsFlowsText } from '../../i18n/catalog/settings-flows';
import { getSettingsPage, type SettingsPageData } from './page-data';
import type { AuditAction } from './settings-audit';
import { mapLimit } from '../process-ticket/concurrency';
import { fieldErrorViews, type FieldErrorView } from './views';

export type PageSaveResult =
  | { outcome: 'saved'; changed: boolean; message: string; page: SettingsPageData }
  | { outcome: 'invalid'; message: string; errors: FieldErrorView[] }
  | { outcome: 'conflict'; message: string };

async function ownerErrors(deps: SettingsDeps, projectKey: string, settings: Settings): Promise<SettingsFieldError[]> {
  const checks = await mapLimit(SERVICES, 2, async (service): Promise<SettingsFieldError | null> => {
    const accountId = settings.services[service].ownerAccountId;
    if (accountId === null) return null;
    const user = await deps.jira.getUser(accountId);
    // The assignable-user search takes text, not an id: search by the person's name, look for the id.
    const candidates = user ? await deps.jira.findAssignableUsers(projectKey, user.displayName) : [];
    return candidates.some((c) => c.accountId === accountId)
      ? null
      : { path: `services.${service}.ownerAccountId`, code: 'owner_not_assignable', params: { accountId } };
  });
  return checks.filter((error): error is SettingsFieldError => error !== null);
}

/** The endpoint must be among the manifest's egress addresses (saves and "Test connection"). */
export function endpointErrors(deps: SettingsDeps, settings: Settings): SettingsFieldError[] {
  const { mode, endpoint } = settings.backend;
  if (mode !== 'http' || endpoint === null) return [];
  return isEndpointAllowed(endpoint, deps.allowedEndpoints) ? [] : [{ path: 'backend.endpoint', code: 'endpoint_not_allowed' }];
}

export function externalValidation(deps: SettingsDeps, projectKey: string) {
  return async (settings: Settings): Promise<SettingsFieldError[]> => [
    ...endpointErrors(deps, settings),
    ...(await ownerErrors(deps, projectKey, settings)),
  ];
}

export function invalid(lang: Lang, errors: readonly SettingsFieldError[]): PageSaveResult {
  return { outcome: 'invalid', message: settingsText(lang, 'fieldErrorsTitle'), errors: fieldErrorViews(lang, errors) };
}

interface PageSaveArgs {
  settings: Record<string, unknown>;
  revision: number;
  action?: AuditAction;
  certificate?: Settings['certificate'];
}

/** Migrate, put the certificate block in, validate everything; write unless `dryRun`. */
async function attemptSave(
  deps: SettingsDeps,
  caller: Caller,
  args: PageSaveArgs,
  dryRun: boolean,
): Promise<{ done: SaveSettingsResult } | { refused: PageSaveResult }> {
  const { lang, projectKey } = caller;
  // Migrate first (an imported file may be of an older version), then put the certificate block in:
  // a migration would not know where an older document's certificate goes.
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateSettings(args.settings, SETTINGS_VERSION);
  } catch (error) {
    if (!(error instanceof SettingsVersionError)) throw error;
    return { refused: invalid(lang, [{ path: 'version', code: 'unsupported_version' }]) };
  }
  // An import brings the certificate block it already read; the page's save keeps the stored one.
  const certificate = args.certificate ?? (await inspectStoredSettings(deps.kvs, projectKey)).record.settings.certificate;
  const result = await saveSettings(
    { kvs: deps.kvs, clock: deps.clock },
    {
      projectKey,
      input: { ...migrated, certificate },
      actor: caller.accountId,
      expectedRevision: args.revision,
      action: args.action ?? 'save',
      extraValidation: externalValidation(deps, projectKey),
      dryRun,
    },
  );
  if (!result.ok && result.reason === 'invalid') return { refused: invalid(lang, result.errors) };
  if (!result.ok) {
    const who = result.updatedBy ? ((await deps.jira.getUser(result.updatedBy))?.displayName ?? result.updatedBy) : '?';
    const when = result.updatedAt ?? '?';
    return { refused: { outcome: 'conflict', message: `${settingsText(lang, 'conflictTitle')}. ${settingsText(lang, 'conflictBody', { who, when })}` } };
  }
  return { done: result };
}

/** What a save would change, or why it would be refused; writes nothing (the import preview). */
export async function previewPageSettings(
  deps: SettingsDeps,
  caller: Caller,
  args: PageSaveArgs,
): Promise<{ changes: SettingsChange[] } | { refused: PageSaveResult }> {
  const attempt = await attemptSave(deps, caller, args, true);
  return 'refused' in attempt ? attempt : { changes: attempt.done.ok ? attempt.done.changes : [] };
}

/**
 * Call only after assertProjectAdmin. `settings` is the page's document as the page got it (with its
 * `version`); a document without `version` is read as version 0 and migrated.
 */
export async function savePageSettings(deps: SettingsDeps, caller: Caller, args: PageSaveArgs): Promise<PageSaveResult> {
  const { lang } = caller;
  const attempt = await attemptSave(deps, caller, args, false);
  if ('refused' in attempt) return attempt.refused;
  const changes = attempt.done.ok ? attempt.done.changes : [];
  const changed = changes.length > 0;
  const message = !changed
    ? settingsText(lang, 'nothingChanged')
    : args.action === 'import'
      ? settingsFlowsText(lang, 'importedSummary', { count: changes.length })
      : settingsText(lang, 'saved');
  return { outcome: 'saved', changed, message, page: await getSettingsPage(deps, caller) };
}
