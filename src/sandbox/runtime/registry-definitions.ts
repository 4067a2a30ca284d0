import type { RegistryHandlers } from '../../handlers/registry-resolver';
import { REGISTRY_FUNCTIONS, type RegistryFunction } from '../../contracts/registry';
import type { ResolverDefinitions } from './types';

function isRegistryFunction(key: string): key is RegistryFunction {
  return (REGISTRY_FUNCTIONS as readonly string[]).includes(key);
}

/**
 * The registry handlers behind the call shape Forge uses for resolvers, as `@forge/resolver`'s
 * `getDefinitions()` does: the calling user comes from the runtime principal (never from the browser)
 * and the answer goes through JSON.
 */
export function registryDefinitions(handlers: RegistryHandlers): ResolverDefinitions {
  return async ({ call, context }, runtime) => {
    if (!isRegistryFunction(call.functionKey)) throw new Error(`Resolver has no definition for '${call.functionKey}'.`);
    const result = await handlers[call.functionKey]({
      payload: call.payload ?? {},
      context: { ...context, accountId: runtime.principal?.accountId },
    });
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
}
