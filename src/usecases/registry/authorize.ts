import type { JiraPort } from '../../ports/jira';

/** The caller is not an agent of the project: nothing is read. */
export class RegistryForbiddenError extends Error {
  constructor(readonly projectKey: string) {
    super(`EDIT_ISSUES is required on ${projectKey}`);
    this.name = 'RegistryForbiddenError';
  }
}

/**
 * The registry names every ens the app integrated, whoever asked: agents only. JSM customers hold
 * BROWSE_PROJECTS on the project (portal access) but never EDIT_ISSUES, so both are asked, as the
 * calling user, and anything but a clear yes is a no.
 */
export async function assertAgent(jira: JiraPort, projectKey: string): Promise<void> {
  let held: Awaited<ReturnType<JiraPort['myPermissions']>>;
  try {
    held = await jira.myPermissions({ projectKey }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  } catch (error) {
    // 404 for a project the user cannot see, 401/403 for a user Jira refuses: all mean "not an agent".
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 404 || status === 401 || status === 403) throw new RegistryForbiddenError(projectKey);
    throw error;
  }
  if (held.BROWSE_PROJECTS !== true || held.EDIT_ISSUES !== true) throw new RegistryForbiddenError(projectKey);
}
