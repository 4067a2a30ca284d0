import { z } from 'zod';
import { readJson, send, type CallContext } from '../send';
import { encodedPath, type JiraRequest } from '../transport';

const propertyResponse = z.object({ key: z.string(), value: z.unknown() });

/**
 * GET /rest/api/3/issue/{key}/properties/{propertyKey}; null when the property (or the issue) does
 * not exist. The value is returned as stored: the caller validates it with its own schema.
 */
export async function getIssueProperty<T = unknown>(ctx: CallContext, key: string, propertyKey: string): Promise<T | null> {
  const request: JiraRequest = { method: 'GET', path: encodedPath`/rest/api/3/issue/${key}/properties/${propertyKey}` };
  const response = await send(ctx, request, { notFoundAsNull: true });
  if (!response) return null;
  return (await readJson(propertyResponse, request, response)).value as T;
}
