/**
 * Settings → the IntegrationBackend the pipeline uses. The token is read from the secret store on every
 * call (never cached, never in the settings), so replacing it in the settings page applies at once.
 */
import { UserError } from '../../domain/errors';
import { backendTokenSecretKey, type Settings } from '../../domain/settings';
import type { IntegrationBackend } from '../../ports/integration-backend';
import type { KeyValueStore } from '../../ports/key-value-store';
import { createAssistedIntegrationBackend } from './assisted';
import { createHttpIntegrationBackend, type FetchLike } from './http-client';

export function createIntegrationBackend(
  backend: Settings['backend'],
  deps: { secrets: Pick<KeyValueStore, 'getSecret'>; projectKey: string; fetch?: FetchLike; timeoutMs?: number },
): IntegrationBackend {
  if (backend.mode === 'assisted') return createAssistedIntegrationBackend();
  const { endpoint } = backend;
  if (endpoint === null) {
    // The schema refuses http without an endpoint; this guards documents written around it.
    throw new UserError('backend_endpoint_missing', 'The integration backend endpoint is not set in the project settings');
  }
  return createHttpIntegrationBackend({
    endpoint,
    getToken: async () => (await deps.secrets.getSecret(backendTokenSecretKey(deps.projectKey))) ?? null,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
  });
}
