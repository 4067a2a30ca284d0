import { z } from 'zod';
import { RequestTypeFieldRefusedError, type NewIssue } from '../../../ports/jira';
import { JiraApiError } from '../errors';
import { id } from '../schemas';
import { sendAndRead, type CallContext } from '../send';

const created = z.object({ id, key: z.string() });

/**
 * POST /rest/api/3/issue with `fields` and `properties` (IssueUpdateDetails). The issue properties
 * are stored with the issue in the same request, so a caller that dies right after Jira answered
 * still left an issue it can find again by property.
 *
 * JSM fields: the Request Type field takes the request type id as a plain string (an object is
 * refused with "Operation value must be a string"); the Organizations field takes organization ids,
 * as numbers like JSM's own create-request API.
 */
/** The IssueUpdateDetails of a new issue: `fields` and `properties`. */
export function issueUpdateDetails(issue: NewIssue): { fields: Record<string, unknown>; properties?: { key: string; value: unknown }[] } {
  const fields: Record<string, unknown> = {
    project: { key: issue.projectKey },
    issuetype: { id: issue.issueTypeId },
    summary: issue.summary,
  };
  if (issue.description) fields.description = issue.description;
  if (issue.reporterAccountId) fields.reporter = { accountId: issue.reporterAccountId };
  if (issue.labels && issue.labels.length > 0) fields.labels = issue.labels;
  if (issue.assigneeAccountId) fields.assignee = { accountId: issue.assigneeAccountId };
  if (issue.requestType) fields[issue.requestType.fieldId] = issue.requestType.requestTypeId;
  if (issue.organizations && issue.organizations.ids.length > 0) {
    fields[issue.organizations.fieldId] = issue.organizations.ids.map((orgId) => (/^\d+$/.test(orgId) ? Number(orgId) : orgId));
  }
  const properties = Object.entries(issue.properties ?? {}).map(([key, value]) => ({ key, value }));
  return { fields, ...(properties.length > 0 ? { properties } : {}) };
}

/** A 400 naming the Request Type field: the caller falls back to JSM's create (RequestTypeFieldRefusedError). */
export function refusalOf(issue: NewIssue, error: JiraApiError): Error {
  const fieldId = issue.requestType?.fieldId;
  return fieldId && error.status === 400 && fieldId in error.errors ? new RequestTypeFieldRefusedError(fieldId, error.message, { cause: error }) : error;
}

export async function createIssue(ctx: CallContext, issue: NewIssue): Promise<{ key: string; id: string }> {
  try {
    return await sendAndRead(ctx, created, { method: 'POST', path: '/rest/api/3/issue', body: { json: issueUpdateDetails(issue) } });
  } catch (error) {
    throw error instanceof JiraApiError ? refusalOf(issue, error) : error;
  }
}
