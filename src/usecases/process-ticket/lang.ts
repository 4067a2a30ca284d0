import type { Settings } from '../../domain/settings';
import { toLang, type Lang } from '../../i18n';
import type { JiraPort } from '../../ports/jira';
import type { LoadedTicket } from './ticket';

/** The requester's language when Jira knows it, else the settings' default. */
export function requesterLang(ticket: LoadedTicket, settings: Settings, userLocale: string | null = null): Lang {
  const locale = ticket.facts.reporter?.locale ?? userLocale;
  return locale ? toLang(locale) : settings.comments.defaultLanguage;
}

/** The requester's language, asking Jira for the user's locale only when the ticket does not carry it. */
export async function lookUpRequesterLang(jira: Pick<JiraPort, 'getUser'>, ticket: LoadedTicket, settings: Settings): Promise<Lang> {
  const reporter = ticket.facts.reporter;
  const user = reporter && !reporter.locale ? await jira.getUser(reporter.accountId) : null;
  return requesterLang(ticket, settings, user?.locale ?? null);
}
