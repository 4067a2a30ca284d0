/**
 * Reads what the pipeline needs to know about a ticket, with the independent calls in parallel.
 */
import { adfToText } from '../../domain/report/adf';
import type { TicketFacts } from '../../domain/plan/types';
import type { JiraIssue, JiraPort, JsmRequest } from '../../ports/jira';

export interface LoadedTicket {
  issue: JiraIssue;
  request: JsmRequest | null;
  facts: TicketFacts;
}

export function ticketFacts(issue: JiraIssue, request: JsmRequest | null): TicketFacts {
  // The JSM request knows the customer who raised it; the issue's reporter is the same person in Jira.
  const reporter = request?.reporter ?? issue.reporter;
  return {
    key: issue.key,
    projectKey: issue.projectKey,
    summary: issue.summary,
    descriptionText: adfToText(issue.description),
    labels: issue.labels,
    assigneeAccountId: issue.assignee?.accountId ?? null,
    serviceDeskId: request?.serviceDeskId ?? null,
    requestTypeId: request?.requestTypeId ?? null,
    requestTypeName: request?.requestTypeName ?? null,
    reporter: reporter
      ? {
          accountId: reporter.accountId,
          emailAddress: reporter.emailAddress,
          locale: reporter.locale,
          displayName: reporter.displayName,
        }
      : null,
    organizations: request?.organizations ?? [],
    createdAt: issue.created,
  };
}

/** `properties`: issue properties read with the issue, in the same call (see `issue.properties`). */
export async function loadTicket(jira: JiraPort, issueKey: string, properties: readonly string[] = []): Promise<LoadedTicket | null> {
  const [issue, request] = await Promise.all([
    properties.length > 0 ? jira.getIssue(issueKey, { properties }) : jira.getIssue(issueKey),
    jira.getRequest(issueKey),
  ]);
  if (!issue) return null;
  return { issue, request, facts: ticketFacts(issue, request) };
}

/** "SUP-12" → "SUP": settings are per project and known before the issue is read. */
export function projectKeyOf(issueKey: string): string {
  const dash = issueKey.lastIndexOf('-');
  return dash > 0 ? issueKey.slice(0, dash) : issueKey;
}
