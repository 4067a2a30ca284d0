/**
 * Issue links. Jira's wording is the reverse of the field names on create (three field reports, see
 * docs/emulator.md): the issue posted as `inwardIssue` is the one showing the type's *outward* wording.
 * Posting `{ type: Cloners, inwardIssue: SUP-2, outwardIssue: SUP-1 }` means "SUP-2 clones SUP-1", so
 * on GET SUP-2 lists SUP-1 under `outwardIssue` ("clones") and SUP-1 lists SUP-2 under `inwardIssue`
 * ("is cloned by"). The permission check and the optional comment follow the operation's text, which
 * names the body's `outwardIssue`.
 */
import { issuePermissions } from '../site/permissions';
import { HttpError, isRecord, requireAdf, visibleIssue, type RouteHandler } from './context';
import { linkTypeJson } from './representations';

const linkIssues: RouteHandler = (ctx) => {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const typeRef = isRecord(body.type) ? body.type : {};
  const type = ctx.site.linkType({ id: typeRef.id as string | undefined, name: typeRef.name as string | undefined });
  if (!type) throw new HttpError(404, [`No issue link type with name '${String(typeRef.name ?? typeRef.id ?? '')}' found.`]);
  const ref = (value: unknown) => (isRecord(value) ? String(value.key ?? value.id ?? '') : '');
  // `shows…Wording`: the issue that reads "<outward wording> <other>" once linked.
  const showsOutwardWording = visibleIssue(ctx, ref(body.inwardIssue));
  const postedOutward = visibleIssue(ctx, ref(body.outwardIssue));
  if (!issuePermissions(ctx.site, ctx.caller, postedOutward).has('LINK_ISSUES')) {
    throw new HttpError(404, ['You do not have the permission to link issues.']);
  }
  const comment = isRecord(body.comment) ? body.comment : null;
  if (comment) requireAdf(ctx, comment.body, 'body/comment/body', 'comment');
  ctx.site.linkIssues(type.name, showsOutwardWording.key, postedOutward.key);
  if (comment) ctx.site.addComment(postedOutward.id, { author: ctx.caller.accountId, body: comment.body as never });
  return { status: 201 };
};

const getIssueLinkTypes: RouteHandler = (ctx) => ({
  status: 200,
  json: { issueLinkTypes: [...ctx.site.issueLinkTypes.values()].map((t) => linkTypeJson(t, { baseUrl: ctx.baseUrl })) },
});

export const linkRoutes: Record<string, RouteHandler> = {
  'POST /rest/api/3/issueLink': linkIssues,
  'GET /rest/api/3/issueLinkType': getIssueLinkTypes,
};
