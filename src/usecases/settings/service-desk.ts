/**
 * The project's latest requests, read as the admin. JiraPort has no "service desk of a project" call,
 * so the service desk id (needed to list request types) is taken from the latest request.
 */
import type { JiraPort, JsmRequest } from '../../ports/jira';
import { mapLimit } from '../process-ticket/concurrency';

/** JQL string literal: a project key is [A-Z][A-Z0-9_]*, but quoting keeps any value a literal. */
function jqlString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export async function latestIssueKeys(jira: JiraPort, projectKey: string, limit: number): Promise<string[]> {
  const page = await jira.searchJql(`project = ${jqlString(projectKey)} ORDER BY created DESC`);
  return page.keys.slice(0, limit);
}

export async function findServiceDeskId(jira: JiraPort, projectKey: string): Promise<string | null> {
  for (const key of await latestIssueKeys(jira, projectKey, 3)) {
    const request = await jira.getRequest(key);
    if (request) return request.serviceDeskId;
  }
  return null;
}

export interface RecentTicket {
  key: string;
  labels: string[];
  request: JsmRequest | null;
}

export async function recentTickets(jira: JiraPort, projectKey: string, limit: number): Promise<RecentTicket[]> {
  const keys = await latestIssueKeys(jira, projectKey, limit);
  const tickets = await mapLimit(keys, 5, async (key) => {
    const [issue, request] = await Promise.all([jira.getIssue(key), jira.getRequest(key)]);
    return issue ? { key, labels: issue.labels, request } : null;
  });
  return tickets.filter((t): t is RecentTicket => t !== null);
}
