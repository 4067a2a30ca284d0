/**
 * Comments through the platform API. JSM keeps "internal" as the comment property
 * `sd.public.comment` = `{ internal: true }`; the platform API reports it as `jsdPublic: false`, and
 * customers never receive internal or role-restricted comments.
 */
import { issuePermissions } from '../site/permissions';
import { SD_PUBLIC_COMMENT } from '../site/site';
import { HttpError, isRecord, queryList, requireAdf, visibleIssue, type RouteHandler } from './context';
import { visibleComments } from './issues';
import { commentJson } from './representations';

/** Jira Cloud's per-issue limit; beyond it the API answers 413. */
export const MAX_COMMENTS_PER_ISSUE = 5000;
const MAX_BODY_CHARS = 32767;

const getComments: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Math.min(Number(ctx.query.get('maxResults') ?? 100), 5000);
  const orderBy = ctx.query.get('orderBy') ?? 'created';
  const expandProperties = queryList(ctx.query, 'expand').includes('properties');
  const all = visibleComments(ctx, issue).sort((a, b) => a.created.getTime() - b.created.getTime() || Number(a.id) - Number(b.id));
  if (orderBy === '-created') all.reverse();
  const page = all.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    json: { startAt, maxResults, total: all.length, comments: page.map((c) => commentJson(ctx.site, c, { baseUrl: ctx.baseUrl }, expandProperties)) },
  };
};

const addComment: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (!issuePermissions(ctx.site, ctx.caller, issue).has('ADD_COMMENTS')) {
    throw new HttpError(400, ['You do not have the permission to comment on this issue.']);
  }
  const body = isRecord(ctx.body) ? ctx.body : {};
  if (body.body === undefined || body.body === null) throw new HttpError(400, [], { comment: 'Comment body can not be empty!' });
  requireAdf(ctx, body.body, 'body/body', 'comment');
  if (JSON.stringify(body.body).length > MAX_BODY_CHARS) throw new HttpError(400, [], { comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' });
  if (issue.commentIds.length >= MAX_COMMENTS_PER_ISSUE) throw new HttpError(413, [`This issue has reached the limit of ${MAX_COMMENTS_PER_ISSUE} comments.`]);
  const properties = Object.fromEntries((Array.isArray(body.properties) ? body.properties : []).filter(isRecord).map((p) => [String(p.key), p.value]));
  const internal = (properties[SD_PUBLIC_COMMENT] as { internal?: unknown } | undefined)?.internal === true;
  const isCustomer = ctx.caller.accountType === 'customer' && !ctx.site.projectById(issue.projectId).roles.has(ctx.caller.accountId);
  if (internal && isCustomer) throw new HttpError(400, ['Customers cannot add internal comments.']);
  const visibility = isRecord(body.visibility)
    ? { type: body.visibility.type === 'group' ? ('group' as const) : ('role' as const), value: String(body.visibility.value ?? ''), identifier: (body.visibility.identifier as string | null | undefined) ?? null }
    : null;
  const comment = ctx.site.addComment(issue.id, { author: ctx.caller.accountId, body: body.body as never, properties, visibility });
  return { status: 201, json: commentJson(ctx.site, comment, { baseUrl: ctx.baseUrl }, queryList(ctx.query, 'expand').includes('properties')) };
};

export const commentRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': getComments,
  'POST /rest/api/3/issue/{issueIdOrKey}/comment': addComment,
};
