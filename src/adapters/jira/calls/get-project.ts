import { z } from 'zod';
import type { JiraProject } from '../../../ports/jira';
import { readJson, send, type CallContext } from '../send';
import type { JiraRequest } from '../transport';

const project = z.looseObject({
  key: z.string(),
  lead: z.looseObject({ accountId: z.string() }).optional(),
  issueTypes: z.array(z.looseObject({ id: z.coerce.string(), name: z.string(), subtask: z.boolean().optional() })).default([]),
});

/** GET /rest/api/3/project/{key}: its lead and issue types; null when the app cannot see it. */
export async function getProject(ctx: CallContext, projectKey: string): Promise<JiraProject | null> {
  const request: JiraRequest = { method: 'GET', path: `/rest/api/3/project/${encodeURIComponent(projectKey)}` };
  const response = await send(ctx, request, { notFoundAsNull: true });
  if (!response) return null;
  const body = await readJson(project, request, response);
  return {
    key: body.key,
    leadAccountId: body.lead?.accountId ?? null,
    issueTypes: body.issueTypes.map((t) => ({ id: t.id, name: t.name, subtask: t.subtask ?? false })),
  };
}
