/**
 * The HTTP backend's bearer token. It is written to the secret store and never read back to the page:
 * answers and the audit log only say whether it is set.
 */
import { backendTokenSecretKey, SETTINGS_VERSION, validateSettings } from '../../domain/settings';
import { settingsText } from '../../i18n/catalog/settings';
import { settingsFlowsText } from '../../i18n/catalog/settings-flows';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings } from './load-settings';
import { isBackendTokenSet } from './page-data';
import { endpointErrors } from './save-page-settings';
import { fieldErrorViews } from './views';
import { appendAudit, tokenChange } from './settings-audit';

export interface TokenState {
  tokenSet: boolean;
  message: string;
}

export interface TokenSaveResult extends TokenState {
  /** False when the backend refused the token (or could not be asked) and the admin did not insist. */
  saved: boolean;
  /** accepted: the backend took it; refused: 401/403; not_tested: no answer, or no address to ask. */
  test: 'accepted' | 'refused' | 'not_tested' | 'skipped';
  problem: string | null;
}

/** Token changes produce no settings revision; the entry only says set / not set. */
function auditToken(deps: SettingsDeps, caller: Caller, action: 'token_set' | 'token_clear', wasSet: boolean): Promise<void> {
  return appendAudit(deps.kvs, caller.projectKey, {
    at: deps.clock.now().toISOString(),
    by: caller.accountId,
    action,
    revision: null,
    changes: [tokenChange(wasSet, action === 'token_set')],
  });
}

/**
 * "Test and save": the new token is tried against the backend (its health check, with this token)
 * before it replaces the stored one, so a typo does not silently stop every integration. It is saved
 * when the backend accepts it, or when the admin says "save anyway" (the backend may be down today).
 * The address tried is the one on the page (maybe not saved yet), else the stored one; it must pass
 * the same checks as a save, so the button cannot make the app call an address the settings refuse.
 */
export async function setBackendToken(
  deps: SettingsDeps,
  caller: Caller,
  args: { token: string; endpoint?: string | undefined; saveAnyway?: boolean | undefined },
): Promise<TokenSaveResult> {
  const { lang, projectKey } = caller;
  const token = args.token.trim();
  const wasSet = await isBackendTokenSet(deps, projectKey);
  let test: TokenSaveResult['test'] = 'skipped';
  let problem: string | null = null;
  let refusal = '';
  if (!args.saveAnyway) {
    const endpoint = args.endpoint?.trim() || (await inspectStoredSettings(deps.kvs, projectKey)).record.settings.backend.endpoint;
    if (!endpoint) {
      return { tokenSet: wasSet, saved: false, test: 'not_tested', problem: 'no_endpoint', message: settingsFlowsText(lang, 'tokenNoEndpoint') };
    }
    const validation = validateSettings({ version: SETTINGS_VERSION, backend: { mode: 'http', endpoint } });
    const errors = validation.ok ? endpointErrors(deps, validation.settings) : validation.errors;
    if (errors.length > 0) {
      const reason = fieldErrorViews(lang, errors)[0]?.message ?? '';
      return { tokenSet: wasSet, saved: false, test: 'not_tested', problem: 'invalid_endpoint', message: settingsFlowsText(lang, 'tokenNotTested', { reason }) };
    }
    const check = await deps.probe.check(endpoint, token);
    if (check.ok) test = 'accepted';
    else {
      problem = check.problem;
      test = check.problem === 'unauthorized' ? 'refused' : 'not_tested';
      refusal =
        check.problem === 'unauthorized'
          ? settingsFlowsText(lang, 'tokenRefused', { status: check.status })
          : settingsFlowsText(lang, 'tokenNotTested', { reason: settingsText(lang, `connection_${check.problem}`, { status: check.status }) });
    }
  }
  if (test === 'refused' || test === 'not_tested') return { tokenSet: wasSet, saved: false, test, problem, message: refusal };
  await deps.kvs.setSecret(backendTokenSecretKey(projectKey), token);
  await auditToken(deps, caller, 'token_set', wasSet);
  return {
    tokenSet: true,
    saved: true,
    test,
    problem: null,
    message: settingsFlowsText(lang, test === 'accepted' ? 'tokenTestedAndSaved' : 'tokenSavedUntested'),
  };
}

export async function clearBackendToken(deps: SettingsDeps, caller: Caller): Promise<TokenState> {
  const wasSet = await isBackendTokenSet(deps, caller.projectKey);
  if (wasSet) {
    await deps.kvs.deleteSecret(backendTokenSecretKey(caller.projectKey));
    await auditToken(deps, caller, 'token_clear', true);
  }
  return { tokenSet: false, message: settingsText(caller.lang, 'tokenCleared') };
}
