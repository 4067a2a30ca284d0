import { z } from 'zod';
import type { CreatedIssue, NewIssue } from '../../../ports/jira';
import { JiraApiError, JiraResponseShapeError } from '../errors';
import { id } from '../schemas';
import { checked, type CallContext } from '../send';
import type { JiraRequest } from '../transport';
import { issueUpdateDetails, refusalOf } from './create-issue';

const bulkAnswer = z.object({
  issues: z.array(z.object({ id, key: z.string() })),
  errors: z.array(
    z.object({
      status: z.number().optional(),
      failedElementNumber: z.number().int(),
      elementErrors: z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() }).optional(),
    }),
  ),
});

/**
 * POST /rest/api/3/issue/bulk: the issues in one request, created in the order given (so their keys
 * follow it), each with its properties (IssueUpdateDetails, as `createIssue`). Jira answers 201 with
 * what it created and an error per element it refused, or 400 when it refused them all: each element
 * gets its own answer, a refusal of the Request Type field as a RequestTypeFieldRefusedError.
 */
export async function createIssues(ctx: CallContext, issues: readonly NewIssue[]): Promise<CreatedIssue[]> {
  if (issues.length === 0) return [];
  const request: JiraRequest = { method: 'POST', path: '/rest/api/3/issue/bulk', body: { json: { issueUpdates: issues.map(issueUpdateDetails) } } };
  const response = await ctx.transport.request(request);
  if (response.status !== 201 && response.status !== 400) {
    await checked(ctx, request, response);
    throw new JiraResponseShapeError(request.method, request.path, `status ${response.status}`);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: classified below like any answer without the bulk shape.
  }
  const parsed = bulkAnswer.safeParse(body);
  if (!parsed.success || parsed.data.issues.length + parsed.data.errors.length !== issues.length) {
    if (response.status === 400) throw new JiraApiError(400, request.method, request.path, [], {});
    throw new JiraResponseShapeError(request.method, request.path, parsed.success ? 'not one answer per issue' : z.prettifyError(parsed.error));
  }
  const failed = new Map(parsed.data.errors.map((e) => [e.failedElementNumber, e]));
  const created = [...parsed.data.issues];
  return issues.map((issue, index): CreatedIssue => {
    const refusal = failed.get(index);
    if (!refusal) {
      const next = created.shift()!;
      return { ok: true, key: next.key, id: next.id };
    }
    const error = new JiraApiError(refusal.status ?? 400, request.method, request.path, refusal.elementErrors?.errorMessages ?? [], refusal.elementErrors?.errors ?? {});
    return { ok: false, error: refusalOf(issue, error) };
  });
}
