import { RetryableError } from '../../domain/errors';
import { toLang } from '../../i18n';
import type { PanelCaller, PanelDeps } from './deps';
import { PanelActionError } from './errors';

/**
 * Every panel call starts here: as the calling user, may they edit this issue? Agents of the service
 * desk can; customers (who may browse their own request) and everyone else cannot. Any answer other
 * than a clear yes is a no, except Jira being unavailable, which the agent may retry.
 */
export async function authorizeCaller(deps: Pick<PanelDeps, 'jiraAsUser'>, issueKey: string): Promise<PanelCaller> {
  let permissions: Awaited<ReturnType<PanelDeps['jiraAsUser']['myPermissions']>>;
  let me: Awaited<ReturnType<PanelDeps['jiraAsUser']['myself']>>;
  try {
    [permissions, me] = await Promise.all([
      deps.jiraAsUser.myPermissions({ issueKey }, ['EDIT_ISSUES']),
      deps.jiraAsUser.myself(),
    ]);
  } catch (error) {
    if (error instanceof RetryableError) throw error;
    throw new PanelActionError('forbidden', 'errorForbidden');
  }
  const lang = toLang(me.locale);
  if (!permissions.EDIT_ISSUES) throw new PanelActionError('forbidden', 'errorForbidden');
  return { accountId: me.accountId, displayName: me.displayName, issueKey, lang };
}
