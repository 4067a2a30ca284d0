/** Users and permissions: myself, one user, assignable users, and mypermissions per project or issue. */
import type { SiteProject } from '../site/model';
import { issuePermissions, PERMISSIONS, PERMISSION_KEYS, projectPermissions, type PermissionKey } from '../site/permissions';
import { HttpError, ISSUE_NOT_FOUND, queryList, visibleIssue, type RouteContext, type RouteHandler } from './context';
import { isAssignable } from './issue-edits';
import { userJson } from './representations';

const myself: RouteHandler = (ctx) => ({ status: 200, json: userJson(ctx.caller, { baseUrl: ctx.baseUrl }) });

const getUser: RouteHandler = (ctx) => {
  if (ctx.caller.accountType === 'customer') throw new HttpError(403, ['You do not have the permission to browse users.']);
  const user = ctx.site.user(ctx.query.get('accountId') ?? '');
  if (!user) throw new HttpError(404, [`Specified user does not exist or you do not have required permissions`]);
  return { status: 200, json: userJson(user, { baseUrl: ctx.baseUrl }) };
};

export function visibleProject(ctx: RouteContext, idOrKey: string): SiteProject {
  const project = ctx.site.project(idOrKey);
  if (!project || !projectPermissions(ctx.site, ctx.caller, project).has('BROWSE_PROJECTS')) {
    throw new HttpError(404, [`No project could be found with key '${idOrKey}'.`]);
  }
  return project;
}

/** Matches Jira's user picker loosely: a case-insensitive prefix of the name, a word of it, or the e-mail. */
function matchesQuery(text: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return text
    .toLowerCase()
    .split(/[\s@.]+/)
    .some((word) => word.startsWith(q)) || text.toLowerCase().startsWith(q);
}

const findAssignableUsers: RouteHandler = (ctx) => {
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  const projectRef = ctx.query.get('project');
  if (!issueRef && !projectRef) throw new HttpError(400, ['A project or issue is required.']);
  const project = issueRef ? ctx.site.projectById(visibleIssue(ctx, issueRef).projectId) : visibleProject(ctx, projectRef ?? '');
  const query = ctx.query.get('query') ?? '';
  const accountId = ctx.query.get('accountId');
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Number(ctx.query.get('maxResults') ?? 50);
  const users = [...ctx.site.users.values()]
    .filter((u) => isAssignable(ctx, project.id, u.accountId))
    .filter((u) => !accountId || u.accountId === accountId)
    .filter((u) => matchesQuery(u.displayName, query) || (u.emailAddress !== null && matchesQuery(u.emailAddress, query)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { status: 200, json: users.slice(startAt, startAt + maxResults).map((u) => userJson(u, { baseUrl: ctx.baseUrl })) };
};

const myPermissions: RouteHandler = (ctx) => {
  const requested = queryList(ctx.query, 'permissions');
  if (requested.length === 0) throw new HttpError(400, ['The permissions query parameter is required.']);
  const unknown = requested.find((k) => !(PERMISSION_KEYS as string[]).includes(k));
  if (unknown) throw new HttpError(400, [`Permission key '${unknown}' is not valid.`]);
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  let granted: Set<PermissionKey>;
  if (issueRef) {
    const issue = ctx.site.issue(issueRef);
    if (!issue) throw new HttpError(404, [ISSUE_NOT_FOUND]);
    granted = issuePermissions(ctx.site, ctx.caller, issue);
  } else if (projectRef) {
    const project = ctx.site.project(projectRef);
    if (!project) throw new HttpError(404, [`No project could be found with key '${projectRef}'.`]);
    granted = projectPermissions(ctx.site, ctx.caller, project);
  } else {
    // Without a scope Jira answers whether the caller has the permission in at least one project.
    granted = new Set([...ctx.site.projects.values()].flatMap((p) => [...projectPermissions(ctx.site, ctx.caller, p)]));
  }
  const permissions = Object.fromEntries(
    requested.map((key) => {
      const meta = PERMISSIONS[key as PermissionKey];
      return [key, { id: meta.id, key, name: meta.name, type: 'PROJECT', description: meta.description, havePermission: granted.has(key as PermissionKey) }];
    }),
  );
  return { status: 200, json: { permissions } };
};

export const userRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/myself': myself,
  'GET /rest/api/3/user': getUser,
  'GET /rest/api/3/user/assignable/search': findAssignableUsers,
  'GET /rest/api/3/mypermissions': myPermissions,
};
