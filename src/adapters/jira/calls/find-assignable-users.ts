import { z } from 'zod';
import type { JiraUser } from '../../../ports/jira';
import { user } from '../schemas';
import { sendAndRead, type CallContext } from '../send';

/**
 * GET /rest/api/3/user/assignable/search: people an issue of the project can be assigned to, matching
 * a name or e-mail fragment. One page is enough: the settings page shows a short pick list.
 */
export function findAssignableUsers(ctx: CallContext, projectKey: string, query: string): Promise<JiraUser[]> {
  return sendAndRead(ctx, z.array(user), {
    method: 'GET',
    path: '/rest/api/3/user/assignable/search',
    query: { project: projectKey, query, maxResults: 50 },
  });
}
