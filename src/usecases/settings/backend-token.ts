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

export async function setBackendToken(deps: SettingsDeps, caller: Caller, token: string): Promise<TokenState> {
  const wasSet = await isBackendTokenSet(deps, caller.projectKey);
  await deps.kvs.setSecret(backendTokenSecretKey(caller.projectKey), token.trim());
  await appendAudit(deps.kvs, caller.projectKey, {
    at: deps.clock.now().toISOString(),
    by: caller.accountId,
    action: 'token_set',
    revision: null,
    changes: [tokenChange(wasSet, true)],
  });
  return { tokenSet: true, message: settingsText(caller.lang, 'tokenSaved') };
}

export async function clearBackendToken(deps: SettingsDeps, caller: Caller): Promise<TokenState> {
  const wasSet = await isBackendTokenSet(deps, caller.projectKey);
  if (wasSet) {
    await deps.kvs.deleteSecret(backendTokenSecretKey(caller.projectKey));
    await appendAudit(deps.kvs, caller.projectKey, {
      at: deps.clock.now().toISOString(),
      by: caller.accountId,
      action: 'token_clear',
      revision: null,
      changes: [tokenChange(true, false)],
    });
  }
  return { tokenSet: false, message: settingsText(caller.lang, 'tokenCleared') };
}
