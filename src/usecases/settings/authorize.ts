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
  const held = await jira.myPermissions({ projectKey }, ['ADMINISTER_PROJECTS']);
  if (held.ADMINISTER_PROJECTS !== true) throw new ForbiddenError(projectKey);
}
