/**
 * Integration failures explained for people. The backend and its client answer with error codes
 * (src/adapters/backend/http-client.ts, docs/integration-backend.openapi.yaml); each known code has
 * its text in the pipeline catalogue as `backend.<code>`, in every language. An unknown code gets a
 * generic text that names it, so nothing reaches a comment or the panel in the backend's own words
 * except the reason of an ens the backend refused.
 */
import type { Translate } from './types';

export const KNOWN_BACKEND_ERRORS = [
  'backend_unauthorized',
  'backend_not_found',
  'backend_token_missing',
  'backend_endpoint_missing',
  'invalid_codi_ens',
  'ens_refused',
  'incomplete_row',
  'rejected',
] as const;

const KNOWN: ReadonlySet<string> = new Set(KNOWN_BACKEND_ERRORS);

export function backendErrorText(code: string | null | undefined, detail: string | null | undefined, t: Translate): string {
  const known = code && KNOWN.has(code) ? code : null;
  if (!known) return t('backend.unknown', { code: code ?? '—' });
  return t(`backend.${known}`, { reason: detail ?? '' });
}
