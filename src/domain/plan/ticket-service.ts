/**
 * The service a ticket is about, for rows that name none (neither in a Servei column nor by sheet
 * name): the one service the request type name, summary and description mention ("Alta e-NOTUM", "EACAT" → OVER). Several or none → null: a person
 * decides, the app does not guess.
 */
import { SERVICES, findServicesInText, type ExtraAliases, type Service } from '../services';
import type { PipelineSettings, TicketFacts } from './types';

export function serviceAliases(settings: Pick<PipelineSettings, 'services'>): ExtraAliases {
  const extra: ExtraAliases = {};
  for (const service of SERVICES) extra[service] = settings.services[service].aliases;
  return extra;
}

export function ticketService(
  facts: Pick<TicketFacts, 'requestTypeName' | 'summary' | 'descriptionText'>,
  settings: Pick<PipelineSettings, 'services'>,
): Service | null {
  const extra = serviceAliases(settings);
  // Most specific first: a request type named for a service beats a summary that lists several.
  for (const text of [facts.requestTypeName, facts.summary, facts.descriptionText]) {
    const found = findServicesInText(text, extra);
    if (found.length === 1) return found[0] ?? null;
    if (found.length > 1) return null;
  }
  return null;
}
