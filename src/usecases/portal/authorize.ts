import { RetryableError } from '../../domain/errors';
import { toLang } from '../../i18n';
import type { JiraPort } from '../../ports/jira';
import type { PortalCaller } from './deps';
import { PortalError } from './errors';

/**
 * As the calling user (asUser): who are they, and may they browse this request? Jira answers yes for
 * the customer who raised it, its participants and its organisation's members, and for agents; for
 * anyone else it answers no or "no such issue". Any answer other than a clear yes is a refusal, except
 * Jira being unavailable (the requester may retry). The answer's language is the portal's (the
 * context's locale, the one the page is shown in), else the user's Jira language.
 */
export async function authorizePortalCaller(jiraAsUser: JiraPort, issueKey: string | null, portalLocale: string | null = null): Promise<PortalCaller> {
  try {
    const [me, permissions] = await Promise.all([
      jiraAsUser.myself(),
      issueKey ? jiraAsUser.myPermissions({ issueKey }, ['BROWSE_PROJECTS']) : Promise.resolve(null),
    ]);
    // The portal's own language (the context's locale) first: the panel's labels follow it too.
    const lang = toLang(portalLocale ?? me.locale);
    if (permissions && !permissions.BROWSE_PROJECTS) throw new PortalError('forbidden', 'errorForbidden', lang);
    return { accountId: me.accountId, lang };
  } catch (error) {
    if (error instanceof PortalError || error instanceof RetryableError) throw error;
    throw new PortalError('forbidden', 'errorForbidden');
  }
}
