import { z } from 'zod';
import type { JiraIssue, JiraIssueLink } from '../../../ports/jira';
import { adfDoc, attachment, id, user } from '../schemas';
import { readJson, send, type CallContext } from '../send';
import { encodedPath, type JiraRequest } from '../transport';

/** Only the fields the app reads: less to transfer and less to go wrong. */
export const ISSUE_FIELDS = [
  'summary',
  'description',
  'labels',
  'status',
  'assignee',
  'reporter',
  'attachment',
  'issuelinks',
  'created',
  'project',
  'issuetype',
] as const;

const linkedIssue = z.object({ key: z.string() });

const issueLink = z.object({
  type: z.object({ name: z.string() }),
  inwardIssue: linkedIssue.optional(),
  outwardIssue: linkedIssue.optional(),
});

const issueResponse = z.object({
  id,
  key: z.string(),
  fields: z.object({
    summary: z.string().nullish(),
    description: adfDoc.nullish(),
    labels: z.array(z.string()).nullish(),
    status: z.object({ name: z.string() }).nullish(),
    assignee: user.nullish(),
    reporter: user.nullish(),
    attachment: z.array(attachment).nullish(),
    issuelinks: z.array(issueLink).nullish(),
    created: z.string().nullish(),
    project: z.object({ key: z.string() }),
    issuetype: z.object({ id }),
  }),
  properties: z.record(z.string(), z.unknown()).optional(),
});

function toLink(link: z.output<typeof issueLink>): JiraIssueLink[] {
  // Jira names the *other* issue: `outwardIssue` means this issue → other ("clones").
  const links: JiraIssueLink[] = [];
  if (link.outwardIssue) links.push({ type: link.type.name, direction: 'outward', key: link.outwardIssue.key });
  if (link.inwardIssue) links.push({ type: link.type.name, direction: 'inward', key: link.inwardIssue.key });
  return links;
}

/**
 * GET /rest/api/3/issue/{key}; null when the issue does not exist or the caller cannot see it.
 * `properties` names issue properties returned in the same answer (Jira's `properties` parameter), so
 * a run reads the ticket and its state in one call.
 */
export async function getIssue(ctx: CallContext, key: string, options: { properties?: readonly string[] } = {}): Promise<JiraIssue | null> {
  const properties = options.properties ?? [];
  const request: JiraRequest = {
    method: 'GET',
    path: encodedPath`/rest/api/3/issue/${key}`,
    query: { fields: ISSUE_FIELDS.join(','), ...(properties.length > 0 ? { properties: properties.join(',') } : {}) },
  };
  const response = await send(ctx, request, { notFoundAsNull: true });
  if (!response) return null;
  const { id: issueId, key: issueKey, fields, properties: stored } = await readJson(issueResponse, request, response);
  return {
    id: issueId,
    key: issueKey,
    projectKey: fields.project.key,
    issueTypeId: fields.issuetype.id,
    summary: fields.summary ?? '',
    description: fields.description ?? null,
    labels: fields.labels ?? [],
    status: fields.status?.name ?? '',
    assignee: fields.assignee ?? null,
    reporter: fields.reporter ?? null,
    attachments: fields.attachment ?? [],
    links: (fields.issuelinks ?? []).flatMap(toLink),
    created: fields.created ?? null,
    ...(properties.length > 0 ? { properties: stored ?? {} } : {}),
  };
}
