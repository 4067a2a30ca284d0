import { send, type CallContext } from '../send';
import { encodedPath } from '../transport';

/** DELETE /rest/api/3/issue/{key}/properties/{propertyKey}. Already gone counts as done (retries). */
export async function deleteIssueProperty(ctx: CallContext, key: string, propertyKey: string): Promise<void> {
  await send(
    ctx,
    { method: 'DELETE', path: encodedPath`/rest/api/3/issue/${key}/properties/${propertyKey}` },
    { notFoundAsNull: true },
  );
}
