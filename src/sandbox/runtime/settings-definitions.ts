import type { SettingsHandlers } from '../../handlers/settings-resolver';
import { SETTINGS_FUNCTIONS, type SettingsFunction } from '../../contracts/settings';
import type { ResolverDefinitions } from './types';

function isSettingsFunction(key: string): key is SettingsFunction {
  return (SETTINGS_FUNCTIONS as readonly string[]).includes(key);
}

/**
 * The settings handlers behind the call shape Forge uses for resolvers, doing what
 * `@forge/resolver`'s `getDefinitions()` does: the calling user comes from the runtime principal (not
 * from anything the browser sent) and the answer goes through JSON.
 */
export function settingsDefinitions(handlers: SettingsHandlers): ResolverDefinitions {
  return async ({ call, context }, runtime) => {
    if (!isSettingsFunction(call.functionKey)) throw new Error(`Resolver has no definition for '${call.functionKey}'.`);
    const result = await handlers[call.functionKey]({
      payload: call.payload ?? {},
      context: { ...context, accountId: runtime.principal?.accountId },
    });
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
}
