import type { z } from 'zod';
import { jsmPage } from '../schemas';
import { sendAndRead, type CallContext } from '../send';
import type { JiraRequest } from '../transport';

const PAGE_SIZE = 50;
/** Service desks have tens of request types and organizations, not thousands. */
const MAX_PAGES = 40;

/** Reads every page of a JSM `{ values, isLastPage }` list. */
export async function readAllJsmPages<T extends z.ZodType>(
  ctx: CallContext,
  item: T,
  request: JiraRequest,
): Promise<z.output<T>[]> {
  const schema = jsmPage(item);
  const all: z.output<T>[] = [];
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
    const body = await sendAndRead(ctx, schema, { ...request, query: { ...request.query, start: all.length, limit: PAGE_SIZE } });
    all.push(...body.values);
    if (body.isLastPage !== false || body.values.length === 0) return all;
  }
  throw new Error(`${request.path} has more than ${MAX_PAGES * PAGE_SIZE} entries`);
}
