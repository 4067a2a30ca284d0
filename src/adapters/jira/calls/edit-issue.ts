import type { IssueFieldsUpdate } from '../../../ports/jira';
import { send, type CallContext } from '../send';
import { encodedPath } from '../transport';

/**
 * PUT /rest/api/3/issue/{key}. Labels go through `update` verbs (add/remove) rather than `fields`, so
 * that labels an agent adds at the same moment are not overwritten by our copy of the list. An
 * assignee goes in the same request (`fields.assignee`), one write instead of an edit and an assign.
 */
export async function editIssue(ctx: CallContext, key: string, change: IssueFieldsUpdate): Promise<void> {
  const labels = [
    ...(change.labelsAdd ?? []).map((label) => ({ add: label })),
    ...(change.labelsRemove ?? []).map((label) => ({ remove: label })),
  ];
  const fields: Record<string, unknown> = {
    ...(change.summary === undefined ? {} : { summary: change.summary }),
    ...(change.assigneeAccountId === undefined ? {} : { assignee: { accountId: change.assigneeAccountId } }),
  };
  if (labels.length === 0 && Object.keys(fields).length === 0) return;
  await send(ctx, {
    method: 'PUT',
    path: encodedPath`/rest/api/3/issue/${key}`,
    body: { json: { ...(labels.length ? { update: { labels } } : {}), ...(Object.keys(fields).length ? { fields } : {}) } },
  });
}
