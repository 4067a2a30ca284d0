import { PORTAL_FUNCTIONS, type PortalFunction } from '../../contracts/portal';
import type { PortalHandlers } from '../../handlers/portal-resolver';
import type { ResolverDefinitions } from './types';

function isPortalFunction(key: string): key is PortalFunction {
  return (PORTAL_FUNCTIONS as readonly string[]).includes(key);
}

/**
 * The customer portal's handlers behind the call shape Forge uses for resolvers: the calling user comes
 * from the runtime principal (never from the browser) and the answer goes through JSON.
 */
export function portalDefinitions(handlers: PortalHandlers): ResolverDefinitions {
  return async ({ call, context }, runtime) => {
    if (!isPortalFunction(call.functionKey)) throw new Error(`Resolver has no definition for '${call.functionKey}'.`);
    const result = await handlers[call.functionKey]({
      payload: call.payload ?? {},
      context: { ...context, accountId: runtime.principal?.accountId },
    });
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
}
