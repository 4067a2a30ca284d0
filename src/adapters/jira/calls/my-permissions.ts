import { z } from 'zod';
import type { ProjectPermission } from '../../../ports/jira';
import { sendAndRead, type CallContext } from '../send';

const permissionsResponse = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/**
 * GET /rest/api/3/mypermissions for an issue or a project. A permission Jira leaves out of the answer
 * counts as not held: the app must fail closed.
 */
export async function myPermissions(
  ctx: CallContext,
  scope: { issueKey: string } | { projectKey: string },
  permissions: readonly ProjectPermission[],
): Promise<Record<ProjectPermission, boolean>> {
  const body = await sendAndRead(ctx, permissionsResponse, {
    method: 'GET',
    path: '/rest/api/3/mypermissions',
    query: { ...scope, permissions: permissions.join(',') },
  });
  const result: Record<ProjectPermission, boolean> = {
    BROWSE_PROJECTS: false,
    EDIT_ISSUES: false,
    ADMINISTER_PROJECTS: false,
    ASSIGNABLE_USER: false,
    CREATE_ISSUES: false,
    ADD_COMMENTS: false,
    ASSIGN_ISSUES: false,
    LINK_ISSUES: false,
    CREATE_ATTACHMENTS: false,
  };
  for (const permission of permissions) result[permission] = body.permissions[permission]?.havePermission === true;
  return result;
}
