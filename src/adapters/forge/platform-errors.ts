import { NeedsAuthenticationError } from '@forge/api';

/**
 * Errors of @forge/api that Forge itself must receive from a resolver, not an app-level "internal
 * error" envelope: `NeedsAuthenticationError` makes Forge show the user its "Allow access" consent
 * prompt; a route outside the manifest's egress/product permissions (`NotAllowedError` family) and an
 * API used before the runtime is ready are deployment faults Forge reports as such.
 * Recognised by `name` as well, because a bundle can hold two copies of @forge/api.
 */
// The `name`s @forge/api 8 gives these errors (out/api/errors.js; the constants are not re-exported).
const FORGE_OWNED = new Set<string>(['NEEDS_AUTHENTICATION_ERR', 'REQUEST_EGRESS_ALLOWLIST_ERR', 'API_NOT_READY_ERR']);

export function mustReachForge(error: unknown): boolean {
  if (error instanceof NeedsAuthenticationError) return true;
  return error instanceof Error && FORGE_OWNED.has(error.name);
}
