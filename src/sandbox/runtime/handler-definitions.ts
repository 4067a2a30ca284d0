import type { ResolverDefinitions } from './types';

/** What each of the app's resolver handlers is called with: the bridge call's payload and the frame's context. */
type Handler = (invocation: { payload: unknown; context: unknown }) => Promise<unknown>;

/**
 * An app resolver's handlers (one per function its contract names) behind the call shape Forge uses for
 * resolvers, doing what `@forge/resolver`'s `getDefinitions()` does: the calling user comes from the
 * runtime principal (never from anything the browser sent) and the answer goes through JSON.
 */
export function handlerDefinitions<F extends string>(functions: readonly F[], handlers: { [K in F]: Handler }): ResolverDefinitions {
  const isFunction = (key: string): key is F => (functions as readonly string[]).includes(key);
  return async ({ call, context }, runtime) => {
    if (!isFunction(call.functionKey)) throw new Error(`Resolver has no definition for '${call.functionKey}'.`);
    const result = await handlers[call.functionKey]({
      payload: call.payload ?? {},
      context: { ...context, accountId: runtime.principal?.accountId },
    });
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
}
