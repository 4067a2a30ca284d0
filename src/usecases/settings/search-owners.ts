import type { SettingsDeps, Caller } from './deps';
import type { UserView } from './views';

/** The owner picker: people assignable in the project (only they can receive the tickets). */
export async function searchOwners(deps: SettingsDeps, caller: Caller, query: string): Promise<UserView[]> {
  const users = await deps.jira.findAssignableUsers(caller.projectKey, query);
  return users
    .filter((user) => user.accountType === null || user.accountType === 'atlassian')
    .slice(0, 20)
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName }));
}
