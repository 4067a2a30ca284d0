import type { JiraUser } from '../../../ports/jira';
import { user } from '../schemas';
import { readJson, send, type CallContext } from '../send';
import type { JiraRequest } from '../transport';

/** GET /rest/api/3/user?accountId=…; null when Jira does not know the account. */
export async function getUser(ctx: CallContext, accountId: string): Promise<JiraUser | null> {
  const request: JiraRequest = { method: 'GET', path: '/rest/api/3/user', query: { accountId } };
  const response = await send(ctx, request, { notFoundAsNull: true });
  return response && readJson(user, request, response);
}
