/**
 * JQL search with token paging (`/rest/api/3/search/jql`, GET and POST). Issues come back as bare
 * `{ id }` by default, as Jira does; ask for fields (e.g. `fields=key` or `fields=summary`) to get
 * `key` and the selected fields. The page token is opaque and bound to the query it came from.
 */
import { createHash } from 'node:crypto';
import { canSeeIssue } from '../site/permissions';
import { JqlError, parseJql, sortIssues } from '../site/jql';
import { HttpError, isRecord, queryList, type RouteContext, type RouteHandler } from './context';
import { issueJson } from './issues';

interface SearchInput {
  jql: string;
  nextPageToken: string | null;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
}

function jqlHash(jql: string): string {
  return createHash('sha256').update(jql).digest('hex').slice(0, 16);
}

function encodeToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: jqlHash(jql), o: offset })).toString('base64url');
}

function decodeToken(jql: string, token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: unknown; o?: unknown };
    if (parsed.q === jqlHash(jql) && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through: Jira answers 400 for a token it did not issue for this query
  }
  throw new HttpError(400, ['The provided next page token is invalid or expired.']);
}

function search(ctx: RouteContext, input: SearchInput) {
  let parsed;
  try {
    parsed = parseJql(input.jql, ctx.site, ctx.caller);
  } catch (error) {
    if (!(error instanceof JqlError)) throw error;
    // Both a JQL mistake and a gap in the emulator deserve the test's attention.
    ctx.reportViolation('jql', error.message);
    throw new HttpError(400, [error.message]);
  }
  if (!parsed.where) throw new HttpError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  const where = parsed.where;
  const matches = sortIssues(
    [...ctx.site.issues.values()].filter((issue) => canSeeIssue(ctx.site, ctx.caller, issue) && where(issue)),
    parsed.orderBy,
  );
  const offset = input.nextPageToken ? decodeToken(input.jql, input.nextPageToken) : 0;
  const onlyIds = input.fields.length === 0 || input.fields.every((f) => f === 'id' || f === 'key');
  const maxResults = Math.max(1, Math.min(input.maxResults, onlyIds ? 5000 : 100));
  const page = matches.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matches.length;
  const issues = page.map((issue) =>
    input.fields.length === 0 || (input.fields.length === 1 && input.fields[0] === 'id')
      ? { id: issue.id }
      : issueJson(ctx, issue, { fields: input.fields, defaultFields: 'id', expand: input.expand, properties: input.properties }),
  );
  return { status: 200, json: { issues, isLast, ...(isLast ? {} : { nextPageToken: encodeToken(input.jql, offset + page.length) }) } };
}

const searchGet: RouteHandler = (ctx) =>
  search(ctx, {
    jql: ctx.query.get('jql') ?? '',
    nextPageToken: ctx.query.get('nextPageToken'),
    maxResults: Number(ctx.query.get('maxResults') ?? 50),
    fields: queryList(ctx.query, 'fields'),
    expand: queryList(ctx.query, 'expand'),
    properties: queryList(ctx.query, 'properties'),
  });

const searchPost: RouteHandler = (ctx) => {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '') : []);
  return search(ctx, {
    jql: typeof body.jql === 'string' ? body.jql : '',
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : null,
    maxResults: typeof body.maxResults === 'number' ? body.maxResults : 50,
    fields: list(body.fields),
    expand: typeof body.expand === 'string' ? body.expand.split(',') : [],
    properties: list(body.properties),
  });
};

export const searchRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/search/jql': searchGet,
  'POST /rest/api/3/search/jql': searchPost,
};
