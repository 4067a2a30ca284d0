import type { JiraUser } from '../../../ports/jira';
import { user } from '../schemas';
import { sendAndRead, type CallContext } from '../send';

/** GET /rest/api/3/myself: the caller (the app user under asApp, the current user under asUser). */
export function myself(ctx: CallContext): Promise<JiraUser> {
  return sendAndRead(ctx, user, { method: 'GET', path: '/rest/api/3/myself' });
}
