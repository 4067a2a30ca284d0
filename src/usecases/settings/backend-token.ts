/**
 * The HTTP backend's bearer token. It is written to the secret store and never read back to the page:
 * answers and the audit log only say whether it is set.
 */
import { backendTokenSecretKey } from '../../domain/settings';
import { settingsText } from '../../i18n/catalog/settings';
import type { Caller, SettingsDeps } from './deps';
import { isBackendTokenSet } from './page-data';
import { appendAudit, tokenChange } from './settings-audit';

export interface TokenState {
  tokenSet: boolean;
  message: string;
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

export async function setBackendToken(deps: SettingsDeps, caller: Caller, token: string): Promise<TokenState> {
  const wasSet = await isBackendTokenSet(deps, caller.projectKey);
  await deps.kvs.setSecret(backendTokenSecretKey(caller.projectKey), token.trim());
  await auditToken(deps, caller, 'token_set', wasSet);
  return { tokenSet: true, message: settingsText(caller.lang, 'tokenSaved') };
}

export async function clearBackendToken(deps: SettingsDeps, caller: Caller): Promise<TokenState> {
  const wasSet = await isBackendTokenSet(deps, caller.projectKey);
  if (wasSet) {
    await deps.kvs.deleteSecret(backendTokenSecretKey(caller.projectKey));
    await auditToken(deps, caller, 'token_clear', true);
  }
  return { tokenSet: false, message: settingsText(caller.lang, 'tokenCleared') };
}
