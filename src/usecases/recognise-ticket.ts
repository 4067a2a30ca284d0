/**
 * Is this ticket one the pipeline handles? Read-only and cheap (settings, the issue and its JSM
 * request, in parallel), so the 25-second trigger can decide before anything is queued.
 */
import { recognise, type Recognition } from '../domain/plan/recognition';
import type { TicketFacts } from '../domain/plan/types';
import type { PipelineDeps } from './process-ticket/deps';
import { loadTicket, projectKeyOf } from './process-ticket/ticket';

export interface RecognisedTicket extends Recognition {
  issueKey: string;
  /** Null when the issue does not exist or the app cannot see it. */
  facts: TicketFacts | null;
}

export async function recogniseTicket(deps: Pick<PipelineDeps, 'jira' | 'loadSettings'>, issueKey: string): Promise<RecognisedTicket> {
  const [settings, ticket] = await Promise.all([deps.loadSettings(projectKeyOf(issueKey)), loadTicket(deps.jira, issueKey)]);
  if (!ticket) return { issueKey, facts: null, recognised: false, rule: null };
  return { issueKey, facts: ticket.facts, ...recognise(ticket.facts, settings.recognition) };
}
