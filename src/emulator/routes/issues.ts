/** Issues: read, create, edit, assign, transition, and issue entity properties. */
import { issuePermissions, projectPermissions, seesInternalComments } from '../site/permissions';
import type { SiteIssue } from '../site/model';
import {
  HttpError,
  isRecord,
  queryList,
  requireIssuePermission,
  visibleIssue,
  type RouteContext,
  type RouteHandler,
  type RouteResult,
} from './context';
import { applyEdit, isAssignable, planEdit } from './issue-edits';
import { REQUEST_TYPE_FIELD } from '../site/site';
import { FIELD_NAMES, issueFields, selectFields, statusJson } from './representations';

const MAX_PROPERTY_CHARS = 32768;

export function visibleComments(ctx: RouteContext, issue: SiteIssue) {
  const all = ctx.site.commentsOf(issue);
  if (seesInternalComments(ctx.site, ctx.caller, issue)) return all;
  return all.filter((c) => !ctx.site.isInternal(c) && !c.visibility);
}

/** The issue as GET /issue and search render it, honouring fields, expand=names and properties. */
export function issueJson(ctx: RouteContext, issue: SiteIssue, options: { fields: string[]; defaultFields: string; expand: string[]; properties: string[] }): Record<string, unknown> {
  const urls = { baseUrl: ctx.baseUrl };
  const fields = selectFields(issueFields(ctx.site, issue, urls, visibleComments(ctx, issue)), options.fields, options.defaultFields);
  const json: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields,
  };
  if (options.expand.includes('names')) {
    json.names = Object.fromEntries(Object.keys(fields).map((k) => [k, FIELD_NAMES[k] ?? k]));
  }
  if (options.properties.length > 0) {
    const all = options.properties.includes('*all');
    json.properties = Object.fromEntries([...issue.properties].filter(([k]) => all || options.properties.includes(k)));
  }
  return json;
}

const getIssue: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  return {
    status: 200,
    json: issueJson(ctx, issue, {
      fields: queryList(ctx.query, 'fields'),
      defaultFields: '*all',
      expand: queryList(ctx.query, 'expand'),
      properties: queryList(ctx.query, 'properties'),
    }),
  };
};

/** One IssueUpdateDetails → a new issue (POST /issue, and each element of POST /issue/bulk). */
function createOne(ctx: RouteContext, raw: unknown): SiteIssue {
  const body = isRecord(raw) ? raw : {};
  const fields = isRecord(body.fields) ? { ...body.fields } : {};
  const update = isRecord(body.update) ? body.update : {};
  const projectRef = isRecord(fields.project) ? fields.project : {};
  const project = ctx.site.project(String(projectRef.id ?? projectRef.key ?? ''));
  const errors: Record<string, string> = {};
  if (!project || !projectPermissions(ctx.site, ctx.caller, project).has('BROWSE_PROJECTS')) {
    throw new HttpError(400, [], { project: 'valid project is required' });
  }
  if (!projectPermissions(ctx.site, ctx.caller, project).has('CREATE_ISSUES')) {
    throw new HttpError(403, ['You do not have permission to create issues in this project.']);
  }
  const typeRef = isRecord(fields.issuetype) ? fields.issuetype : {};
  const issueType = ctx.site.issueType(project, String(typeRef.id ?? typeRef.name ?? ''));
  if (!issueType) errors.issuetype = 'Specify a valid issue type';
  if (fields.summary === undefined && !('summary' in update)) errors.summary = 'You must specify a summary of the issue.';
  const reporterRef = isRecord(fields.reporter) ? fields.reporter : null;
  const reporter = reporterRef ? String(reporterRef.accountId ?? '') : ctx.caller.accountId;
  if (reporter && !ctx.site.user(reporter)) errors.reporter = `Reporter '${reporter}' does not exist.`;
  if (ctx.site.platformCreateRefusesRequestType && REQUEST_TYPE_FIELD in fields) {
    errors[REQUEST_TYPE_FIELD] = `Field '${REQUEST_TYPE_FIELD}' cannot be set. It is not on the appropriate screen, or unknown.`;
  }
  if (Object.keys(errors).length > 0) throw new HttpError(400, [], errors);
  delete fields.project;
  delete fields.issuetype;
  delete fields.reporter;
  const plan = planEdit(ctx, { labels: [], projectId: project.id, issueTypeId: issueType?.id ?? '' }, fields, update);
  const issue = ctx.site.createIssue(
    {
      projectKey: project.key,
      issueType: issueType?.id ?? '',
      summary: plan.summary ?? '',
      description: plan.description ?? null,
      labels: plan.labels ?? [],
      reporter,
      assignee: plan.assignee ?? null,
      organizations: plan.organizationIds ?? [],
      ...(plan.requestTypeId ? { requestType: plan.requestTypeId } : {}),
      creator: ctx.caller.accountId,
      properties: Object.fromEntries(
        (Array.isArray(body.properties) ? body.properties : []).filter(isRecord).map((p) => [String(p.key), p.value]),
      ),
    },
    { emitEvent: true },
  );
  return issue;
}

const createdJson = (ctx: RouteContext, issue: SiteIssue) => ({ id: issue.id, key: issue.key, self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}` });

const createIssue: RouteHandler = (ctx) => ({ status: 201, json: createdJson(ctx, createOne(ctx, ctx.body)) });

/**
 * POST /rest/api/3/issue/bulk: up to 50 issues, created in the order given; an element that fails is
 * listed in `errors` with its index and the others are created (201), or 400 when none is.
 */
const createIssues: RouteHandler = (ctx) => {
  const updates = isRecord(ctx.body) && Array.isArray(ctx.body.issueUpdates) ? ctx.body.issueUpdates : [];
  if (updates.length > 50) throw new HttpError(400, ['You can create up to 50 issues in one request.']);
  const issues: ReturnType<typeof createdJson>[] = [];
  const errors: { status: number; failedElementNumber: number; elementErrors: { errorMessages: string[]; errors: Record<string, string> } }[] = [];
  updates.forEach((update, index) => {
    try {
      issues.push(createdJson(ctx, createOne(ctx, update)));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      errors.push({ status: error.status, failedElementNumber: index, elementErrors: { errorMessages: error.errorMessages, errors: error.fieldErrors } });
    }
  });
  return { status: issues.length > 0 || updates.length === 0 ? 201 : 400, json: { issues, errors } };
};

const editIssue: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  requireIssuePermission(ctx, issue, 'EDIT_ISSUES', 403, 'You do not have permission to edit issues in this project.');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const plan = planEdit(ctx, issue, isRecord(body.fields) ? body.fields : {}, isRecord(body.update) ? body.update : {});
  const items = applyEdit(ctx, issue, plan);
  for (const p of Array.isArray(body.properties) ? body.properties.filter(isRecord) : []) issue.properties.set(String(p.key), p.value);
  ctx.site.emitUpdated(issue, ctx.caller.accountId, items);
  if (ctx.query.get('returnIssue') === 'true') {
    return { status: 200, json: issueJson(ctx, issue, { fields: [], defaultFields: '*all', expand: [], properties: [] }) };
  }
  return { status: 204 };
};

const assignIssue: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  requireIssuePermission(ctx, issue, 'ASSIGN_ISSUES', 403, 'You do not have permission to assign issues.');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const project = ctx.site.projectById(issue.projectId);
  let accountId = body.accountId === null ? null : String(body.accountId ?? '');
  // "-1" means the project's default assignee, which is the lead in these projects.
  if (accountId === '-1') accountId = project.leadAccountId;
  if (accountId !== null && !isAssignable(ctx, issue.projectId, accountId)) {
    throw new HttpError(400, [], { assignee: `User '${accountId}' cannot be assigned issues.` });
  }
  if (accountId !== issue.assigneeAccountId) {
    const from = issue.assigneeAccountId;
    issue.assigneeAccountId = accountId;
    ctx.site.emitUpdated(issue, ctx.caller.accountId, [
      { field: 'assignee', fieldId: 'assignee', fieldtype: 'jira', from, fromString: from, to: accountId, toString: accountId },
    ]);
  }
  return { status: 204 };
};

function availableTransitions(ctx: RouteContext, issue: SiteIssue) {
  if (!issuePermissions(ctx.site, ctx.caller, issue).has('TRANSITION_ISSUES')) return [];
  const project = ctx.site.projectById(issue.projectId);
  return project.transitions.filter((t) => t.toStatusId !== issue.statusId);
}

const getTransitions: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const project = ctx.site.projectById(issue.projectId);
  const transitions = availableTransitions(ctx, issue).map((t) => ({
    id: t.id,
    name: t.name,
    to: statusJson(ctx.site.status(project, t.toStatusId), { baseUrl: ctx.baseUrl }),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    looped: false,
  }));
  return { status: 200, json: { expand: 'transitions', transitions } };
};

const doTransition: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const id = isRecord(body.transition) ? String(body.transition.id ?? '') : '';
  const transition = availableTransitions(ctx, issue).find((t) => t.id === id);
  if (!transition) throw new HttpError(400, [`Transition id '${id}' is not valid for this issue.`]);
  const project = ctx.site.projectById(issue.projectId);
  const from = ctx.site.status(project, issue.statusId);
  const plan = planEdit(ctx, issue, isRecord(body.fields) ? body.fields : {}, isRecord(body.update) ? body.update : {});
  const items = applyEdit(ctx, issue, plan);
  issue.statusId = transition.toStatusId;
  const to = ctx.site.status(project, issue.statusId);
  items.push({ field: 'status', fieldId: 'status', fieldtype: 'jira', from: from.id, fromString: from.name, to: to.id, toString: to.name });
  ctx.site.emitUpdated(issue, ctx.caller.accountId, items);
  return { status: 204 };
};

function propertyNotFound(key: string): HttpError {
  return new HttpError(404, [`The property with key '${key}' does not exist.`]);
}

const getPropertyKeys: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const keys = [...issue.properties.keys()].map((key) => ({ key, self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}` }));
  return { status: 200, json: { keys } };
};

const getProperty: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const key = ctx.params.propertyKey ?? '';
  if (!issue.properties.has(key)) throw propertyNotFound(key);
  return { status: 200, json: { key, value: issue.properties.get(key) } };
};

const setProperty: RouteHandler = (ctx): RouteResult => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  requireIssuePermission(ctx, issue, 'EDIT_ISSUES', 403, 'You do not have permission to edit issues in this project.');
  const key = ctx.params.propertyKey ?? '';
  if (key.length > 255) throw new HttpError(400, ['The property key cannot be longer than 255 characters.']);
  const text = ctx.rawBody.toString('utf8');
  if (text.length > MAX_PROPERTY_CHARS) throw new HttpError(400, [`The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`]);
  if (ctx.body === undefined) throw new HttpError(400, ['The property value must be a valid, non-empty JSON value.']);
  const existed = issue.properties.has(key);
  issue.properties.set(key, ctx.body);
  return { status: existed ? 200 : 201 };
};

const deleteProperty: RouteHandler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  const key = ctx.params.propertyKey ?? '';
  // The operation documents no 403: Jira answers 404 when the caller may not edit the issue.
  if (!issuePermissions(ctx.site, ctx.caller, issue).has('EDIT_ISSUES') || !issue.properties.has(key)) throw propertyNotFound(key);
  issue.properties.delete(key);
  return { status: 204 };
};

export const issueRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/issue/{issueIdOrKey}': getIssue,
  'POST /rest/api/3/issue': createIssue,
  'POST /rest/api/3/issue/bulk': createIssues,
  'PUT /rest/api/3/issue/{issueIdOrKey}': editIssue,
  'PUT /rest/api/3/issue/{issueIdOrKey}/assignee': assignIssue,
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': getTransitions,
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': doTransition,
  'GET /rest/api/3/issue/{issueIdOrKey}/properties': getPropertyKeys,
  'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': getProperty,
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': setProperty,
  'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': deleteProperty,
};
