/**
 * The `assisted` integration backend (the default): nothing is called remotely. Every ens becomes a
 * step in the checklist comment an agent works through by hand (service, environment, codi d'ens, NIF,
 * DIR3, certificate serial and fingerprint: all in the request the pipeline already has).
 */
import type { IntegrationBackend, IntegrationResult } from '../../ports/integration-backend';

export function createAssistedIntegrationBackend(): IntegrationBackend {
  return {
    mode: 'assisted',
    async integrate(): Promise<IntegrationResult> {
      return { result: 'pending_agent' };
    },
  };
}
