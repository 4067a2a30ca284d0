import type { JiraPort } from '../../ports/jira';

/** The caller is not an administrator of the project: nothing is read or written. */
export class ForbiddenError extends Error {
  constructor(readonly projectKey: string) {
    super(`ADMINISTER_PROJECTS is required on ${projectKey}`);
    this.name = 'ForbiddenError';
  }
}

/**
 * Every settings call starts here. Jira answers for the calling user (asUser), so this is Jira's own
 * permission scheme, checked on the server; a permission Jira leaves out counts as not held.
 */
export async function assertProjectAdmin(jira: JiraPort, projectKey: string): Promise<void> {
  let held: Awaited<ReturnType<JiraPort['myPermissions']>>;
  try {
    held = await jira.myPermissions({ projectKey }, ['ADMINISTER_PROJECTS']);
  } catch (error) {
    // Jira answers 404 for a project the user cannot see (or that does not exist), 401/403 for a user
    // it refuses: all mean "not an administrator". The status is read by shape because use cases do
    // not know the adapter's error class.
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 404 || status === 401 || status === 403) throw new ForbiddenError(projectKey);
    throw error;
  }
  if (held.ADMINISTER_PROJECTS !== true) throw new ForbiddenError(projectKey);
}
