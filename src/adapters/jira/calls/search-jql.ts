import { z } from 'zod';
import type { SearchPage } from '../../../ports/jira';
import { sendAndRead, type CallContext } from '../send';

const PAGE_SIZE = 100;

const searchResponse = z.object({
  issues: z.array(z.object({ key: z.string() })),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/**
 * GET /rest/api/3/search/jql (the old /search answers 410 since 2025). One page per call; the
 * caller follows `nextPageToken` so it can stop as soon as it has what it needs.
 */
export async function searchJql(ctx: CallContext, jql: string, nextPageToken?: string | null): Promise<SearchPage> {
  const body = await sendAndRead(ctx, searchResponse, {
    method: 'GET',
    path: '/rest/api/3/search/jql',
    query: { jql, maxResults: PAGE_SIZE, fields: 'key', nextPageToken: nextPageToken ?? undefined },
  });
  const last = body.isLast === true || !body.nextPageToken;
  return { keys: body.issues.map((issue) => issue.key), nextPageToken: last ? null : (body.nextPageToken ?? null) };
}
