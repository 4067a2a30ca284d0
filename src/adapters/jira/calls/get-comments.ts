import { z } from 'zod';
import type { JiraComment } from '../../../ports/jira';
import { sendAndRead, type CallContext } from '../send';
import { encodedPath } from '../transport';
import { comment, toComment } from './comment-schema';

const PAGE_SIZE = 100;
/** A ticket with more comments than this is not one the app should be reading in full. */
const MAX_PAGES = 50;

const page = z.object({
  comments: z.array(comment),
  startAt: z.number().optional(),
  total: z.number().optional(),
});

/**
 * GET /rest/api/3/issue/{key}/comment?expand=properties, every page, oldest first. Properties are
 * expanded because they carry both JSM visibility and the app's idempotency keys.
 */
export async function getComments(ctx: CallContext, issueKey: string): Promise<JiraComment[]> {
  const all: JiraComment[] = [];
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
    const body = await sendAndRead(ctx, page, {
      method: 'GET',
      path: encodedPath`/rest/api/3/issue/${issueKey}/comment`,
      query: { expand: 'properties', orderBy: 'created', startAt: all.length, maxResults: PAGE_SIZE },
    });
    all.push(...body.comments.map(toComment));
    const total = body.total ?? all.length;
    if (body.comments.length === 0 || all.length >= total) return all;
  }
  throw new Error(`Issue ${issueKey} has more than ${MAX_PAGES * PAGE_SIZE} comments`);
}
