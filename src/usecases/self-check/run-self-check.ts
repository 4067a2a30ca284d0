/**
 * The settings page's Self-check: what only a real site can settle, checked without touching a real
 * ticket — a scratch KVS key (write, read, create-once conflict, delete), a dry parse in the worker,
 * the "Cloners" link type, the JSM fields, the project's request types and the app's own permissions.
 * What needs a ticket (link wording, the customer's notification) is returned as a manual step.
 * Every check runs even when another fails; each says what it found and, when failed, the fix.
 */
import { kvsKeyPart } from '../../domain/kvs-key';
import type { Lang } from '../../i18n';
import { selfCheckText, type SelfCheckMessageKey } from '../../i18n/catalog/settings-self-check';
import type { Clock } from '../../ports/clock';
import type { JiraPort, ProjectPermission } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';
import { findServiceDeskId } from '../settings/service-desk';

export const SELF_CHECK_IDS = ['kvs', 'worker', 'linkType', 'fields', 'requestTypes', 'appPermissions', 'linkWording', 'notification'] as const;
export type SelfCheckId = (typeof SELF_CHECK_IDS)[number];

export interface SelfCheckItem {
  id: SelfCheckId;
  status: 'ok' | 'failed' | 'manual';
  title: string;
  found: string | null;
  fix: string | null;
}

/** Reads a generated template in the same way as a ticket's attachment (worker thread included). */
export type DryParse = () => Promise<{ ok: true } | { ok: false; detail: string }>;

export interface SelfCheckDeps {
  kvs: KeyValueStore;
  /** As the admin who runs the check. */
  jira: JiraPort;
  /** As the app, which is who raises and edits tickets. */
  jiraAsApp?: JiraPort;
  clock: Pick<Clock, 'now'>;
  dryParse?: DryParse;
}

const APP_PERMISSIONS: readonly ProjectPermission[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
  'LINK_ISSUES',
  'CREATE_ATTACHMENTS',
];
const REQUEST_TYPE_FIELD_TYPE = 'com.atlassian.servicedesk:vp-origin';
const ORGANIZATIONS_FIELD_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';

type Outcome = { ok: boolean; found: string };

class NotAvailable extends Error {}

async function checkKvs(deps: SelfCheckDeps, lang: Lang, accountId: string): Promise<Outcome> {
  const key = `setdiba:self-check:${kvsKeyPart(accountId)}:${deps.clock.now().getTime()}`;
  const value = { at: deps.clock.now().toISOString() };
  try {
    await deps.kvs.set(key, value);
    const read = await deps.kvs.get<typeof value>(key);
    if (read?.at !== value.at) return { ok: false, found: 'read back a different value' };
    // The create-once lock's answer for a taken key (the adapter logs the code Forge used).
    if (await deps.kvs.setIfAbsent(key, value)) return { ok: false, found: 'an existing key was created again' };
  } finally {
    await deps.kvs.delete(key);
  }
  if ((await deps.kvs.get(key)) !== undefined) return { ok: false, found: 'the scratch key could not be deleted' };
  return { ok: true, found: selfCheckText(lang, 'check_kvs_found') };
}

async function checkWorker(deps: SelfCheckDeps, lang: Lang): Promise<Outcome> {
  if (!deps.dryParse) throw new NotAvailable();
  const result = await deps.dryParse();
  return result.ok ? { ok: true, found: selfCheckText(lang, 'check_worker_found') } : { ok: false, found: result.detail };
}

async function checkLinkType(deps: SelfCheckDeps, lang: Lang): Promise<Outcome> {
  const types = await (deps.jiraAsApp ?? deps.jira).getIssueLinkTypes();
  const cloners = types.find((t) => t.name === 'Cloners');
  if (!cloners) return { ok: false, found: types.map((t) => t.name).join(', ') || '—' };
  return { ok: true, found: selfCheckText(lang, 'check_linkType_found', { outward: cloners.outward, inward: cloners.inward }) };
}

async function checkFields(deps: SelfCheckDeps, lang: Lang): Promise<Outcome> {
  const fields = await (deps.jiraAsApp ?? deps.jira).getFields();
  const byType = (type: string) => fields.find((f) => f.customType === type)?.id ?? null;
  const requestType = byType(REQUEST_TYPE_FIELD_TYPE);
  const organizations = byType(ORGANIZATIONS_FIELD_TYPE);
  return {
    ok: requestType !== null && organizations !== null,
    found: selfCheckText(lang, 'check_fields_found', { requestType: requestType ?? '—', organizations: organizations ?? '—' }),
  };
}

async function checkRequestTypes(deps: SelfCheckDeps, lang: Lang, projectKey: string): Promise<Outcome> {
  // JiraPort finds a project's service desk through its latest request (see settings/service-desk.ts).
  const deskId = await findServiceDeskId(deps.jira, projectKey);
  if (deskId === null) return { ok: false, found: selfCheckText(lang, 'check_requestTypes_no_request') };
  const types = await deps.jira.getRequestTypes(deskId);
  const names = types.map((t) => `${t.name} (${t.id})`).join(', ') || '—';
  return { ok: types.length > 0, found: selfCheckText(lang, 'check_requestTypes_found', { count: types.length, names }) };
}

async function checkAppPermissions(deps: SelfCheckDeps, lang: Lang, projectKey: string): Promise<Outcome> {
  if (!deps.jiraAsApp) throw new NotAvailable();
  const held = await deps.jiraAsApp.myPermissions({ projectKey }, APP_PERMISSIONS);
  const missing = APP_PERMISSIONS.filter((p) => !held[p]);
  return missing.length === 0
    ? { ok: true, found: selfCheckText(lang, 'check_appPermissions_all') }
    : { ok: false, found: selfCheckText(lang, 'check_appPermissions_found', { missing: missing.join(', ') }) };
}

async function run(id: Exclude<SelfCheckId, 'linkWording' | 'notification'>, check: () => Promise<Outcome>, lang: Lang): Promise<SelfCheckItem> {
  const title = selfCheckText(lang, `check_${id}` as SelfCheckMessageKey);
  const fix = selfCheckText(lang, `check_${id}_fix` as SelfCheckMessageKey);
  try {
    const outcome = await check();
    return { id, status: outcome.ok ? 'ok' : 'failed', title, found: outcome.found, fix: outcome.ok ? null : fix };
  } catch (error) {
    const detail = error instanceof NotAvailable ? selfCheckText(lang, 'check_not_available') : error instanceof Error ? error.message : String(error);
    return { id, status: 'failed', title, found: selfCheckText(lang, 'check_error', { detail }), fix };
  }
}

function manual(id: 'linkWording' | 'notification', lang: Lang): SelfCheckItem {
  return { id, status: 'manual', title: selfCheckText(lang, `check_${id}`), found: null, fix: selfCheckText(lang, `check_${id}_steps`) };
}

export async function runSelfCheck(
  deps: SelfCheckDeps,
  caller: { accountId: string; projectKey: string; lang: Lang },
): Promise<{ checks: SelfCheckItem[] }> {
  const { lang, projectKey } = caller;
  const checks = await Promise.all([
    run('kvs', () => checkKvs(deps, lang, caller.accountId), lang),
    run('worker', () => checkWorker(deps, lang), lang),
    run('linkType', () => checkLinkType(deps, lang), lang),
    run('fields', () => checkFields(deps, lang), lang),
    run('requestTypes', () => checkRequestTypes(deps, lang, projectKey), lang),
    run('appPermissions', () => checkAppPermissions(deps, lang, projectKey), lang),
  ]);
  return { checks: [...checks, manual('linkWording', lang), manual('notification', lang)] };
}
