import type { JiraComment, NewComment } from '../../../ports/jira';
import { readJson, send, type CallContext } from '../send';
import { encodedPath, type JiraRequest } from '../transport';
import { comment, SD_PUBLIC_COMMENT, toComment } from './comment-schema';

/**
 * POST /rest/api/3/issue/{key}/comment. Visibility is set the JSM way, through the comment property
 * `sd.public.comment` (`{ internal: true }` = visible to agents only), stored with the app's own
 * properties in the same request so a comment never exists without them.
 */
export async function addComment(ctx: CallContext, issueKey: string, newComment: NewComment): Promise<JiraComment> {
  const properties = { ...newComment.properties, [SD_PUBLIC_COMMENT]: { internal: !newComment.public } };
  const request: JiraRequest = {
    method: 'POST',
    path: encodedPath`/rest/api/3/issue/${issueKey}/comment`,
    query: { expand: 'properties' },
    body: {
      json: {
        body: newComment.body,
        properties: Object.entries(properties).map(([key, value]) => ({ key, value })),
      },
    },
  };
  const created = await readJson(comment, request, await send(ctx, request));
  const result = toComment(created);
  // Jira may leave properties out of the answer; what we sent is what is stored.
  return { ...result, public: newComment.public, properties: { ...result.properties, ...properties } };
}
