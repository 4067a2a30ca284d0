import type { Settings } from '../../domain/settings';
import { toLang, type Lang } from '../../i18n';
import type { LoadedTicket } from './ticket';

/** The requester's language when Jira knows it, else the settings' default. */
export function requesterLang(ticket: LoadedTicket, settings: Settings, userLocale: string | null = null): Lang {
  const locale = ticket.facts.reporter?.locale ?? userLocale;
  return locale ? toLang(locale) : settings.comments.defaultLanguage;
}
