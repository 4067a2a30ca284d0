import { send, type CallContext } from '../send';
import { encodedPath } from '../transport';

/** PUT /rest/api/3/issue/{key}/assignee; a null account unassigns. */
export async function assignIssue(ctx: CallContext, key: string, accountId: string | null): Promise<void> {
  await send(ctx, {
    method: 'PUT',
    path: encodedPath`/rest/api/3/issue/${key}/assignee`,
    body: { json: { accountId } },
  });
}
