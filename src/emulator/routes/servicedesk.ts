/**
 * Jira Service Management: customer requests (read, raise on behalf of a customer), request types
 * and organizations. Errors here use JSM's `{ errorMessage, i18nErrorMessage }` body (see errorBody).
 *
 * Organizations reach a request through its Organizations field (customfield_10002): on create as
 * `requestFieldValues.customfield_10002: [ids]`, on read as a requestFieldValues entry whose value is
 * `[{ id, name }]`.
 */
import type { AdfNode } from '../../ports/jira';
import { jiraDate } from '../site/dates';
import type { SiteIssue, SiteProject, SiteRequestType, SiteServiceDesk } from '../site/model';
import { canSeeIssue, isPortalCustomer, projectPermissions } from '../site/permissions';
import { ORGANIZATIONS_FIELD } from '../site/site';
import { HttpError, isRecord, queryList, type RouteContext, type RouteHandler } from './context';
import { jsmUserJson, organizationJson, requestTypeJson } from './representations';

function adfToText(nodes: AdfNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => (node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : adfToText(node.content)))
    .join('')
    .concat('');
}

function documentText(issue: SiteIssue): string {
  return (issue.description?.content ?? []).map((block) => adfToText(block.content ?? [block])).join('\n');
}

function dateDto(date: Date): Record<string, unknown> {
  return { iso8601: jiraDate(date), jira: jiraDate(date), friendly: date.toISOString().slice(0, 16).replace('T', ' '), epochMillis: date.getTime() };
}

const STATUS_CATEGORY = { new: 'NEW', indeterminate: 'INDETERMINATE', done: 'DONE' } as const;

function requestTypeLinks(ctx: RouteContext, rt: SiteRequestType): { self: string } {
  return { self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${rt.serviceDeskId}/requesttype/${rt.id}` };
}

function serviceDeskJson(ctx: RouteContext, desk: SiteServiceDesk, project: SiteProject): Record<string, unknown> {
  return { id: desk.id, projectId: project.id, projectName: project.name, projectKey: project.key, _links: { self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${desk.id}` } };
}

function customerRequestJson(ctx: RouteContext, issue: SiteIssue, expand: string[]): Record<string, unknown> {
  const site = ctx.site;
  const project = site.projectById(issue.projectId);
  const desk = site.serviceDesks.get(project.serviceDeskId ?? '');
  const rt = site.requestTypes.get(issue.requestTypeId ?? '');
  const status = site.status(project, issue.statusId);
  const reporter = issue.reporterAccountId ? site.user(issue.reporterAccountId) : undefined;
  const fieldValues: Record<string, unknown>[] = [
    { fieldId: 'summary', label: 'Summary', value: issue.summary },
    { fieldId: 'description', label: 'Description', value: documentText(issue) },
  ];
  if (issue.organizationIds.length > 0) {
    fieldValues.push({
      fieldId: ORGANIZATIONS_FIELD,
      label: 'Organizations',
      value: issue.organizationIds.map((id) => {
        const { _links: _unused, ...org } = organizationJson(site, id, { baseUrl: ctx.baseUrl });
        return org;
      }),
    });
  }
  const json: Record<string, unknown> = {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: issue.id,
    issueKey: issue.key,
    requestTypeId: issue.requestTypeId ?? '',
    serviceDeskId: desk?.id ?? '',
    createdDate: dateDto(issue.created),
    ...(reporter ? { reporter: jsmUserJson(reporter, { baseUrl: ctx.baseUrl }) } : {}),
    requestFieldValues: fieldValues,
    currentStatus: { status: status.name, statusCategory: STATUS_CATEGORY[status.category], statusDate: dateDto(issue.updated) },
    _links: {
      jiraRest: `${ctx.baseUrl}/rest/api/2/issue/${issue.id}`,
      web: `${ctx.baseUrl}/servicedesk/customer/portal/${desk?.id ?? ''}/${issue.key}`,
      agent: `${ctx.baseUrl}/browse/${issue.key}`,
      self: `${ctx.baseUrl}/rest/servicedeskapi/request/${issue.id}`,
    },
  };
  if (expand.includes('requestType') && rt) json.requestType = requestTypeJson(rt, requestTypeLinks(ctx, rt));
  if (expand.includes('serviceDesk') && desk) json.serviceDesk = serviceDeskJson(ctx, desk, project);
  if (expand.includes('participant')) {
    const values = issue.participants.map((id) => site.user(id)).filter((u) => u !== undefined).map((u) => jsmUserJson(u, { baseUrl: ctx.baseUrl }));
    json.participants = { size: values.length, start: 0, limit: 50, isLastPage: true, values, _links: { base: `${ctx.baseUrl}/rest/servicedeskapi`, context: '' } };
  }
  return json;
}

const getRequest: RouteHandler = (ctx) => {
  const issue = ctx.site.issue(ctx.params.issueIdOrKey ?? '');
  if (!issue || !canSeeIssue(ctx.site, ctx.caller, issue) || !issue.requestTypeId) {
    throw new HttpError(404, ['The request could not be found, or you do not have permission to view it.']);
  }
  return { status: 200, json: customerRequestJson(ctx, issue, queryList(ctx.query, 'expand')) };
};

const createRequest: RouteHandler = (ctx) => {
  const site = ctx.site;
  const body = isRecord(ctx.body) ? ctx.body : {};
  const desk = site.serviceDesks.get(String(body.serviceDeskId ?? ''));
  if (!desk) throw new HttpError(400, [`The service desk '${String(body.serviceDeskId ?? '')}' does not exist.`]);
  const project = site.projectById(desk.projectId);
  const rt = site.requestTypes.get(String(body.requestTypeId ?? ''));
  if (!rt || rt.serviceDeskId !== desk.id) throw new HttpError(400, [`The request type '${String(body.requestTypeId ?? '')}' does not exist in this service desk.`]);
  const isAgentLike = ctx.caller.accountType === 'app' || project.roles.has(ctx.caller.accountId);
  if (!isAgentLike && !isPortalCustomer(site, ctx.caller, project)) throw new HttpError(403, ['You do not have permission to raise requests in this service desk.']);
  const onBehalfOf = typeof body.raiseOnBehalfOf === 'string' ? body.raiseOnBehalfOf : null;
  if (onBehalfOf !== null) {
    if (!isAgentLike) throw new HttpError(403, ['Only agents can raise a request on behalf of a customer.']);
    const customer = site.user(onBehalfOf);
    if (!customer || !(isPortalCustomer(site, customer, project) || project.roles.has(customer.accountId))) {
      throw new HttpError(400, [`The user '${onBehalfOf}' does not exist or is not a customer of this service desk.`]);
    }
  }
  const participants = Array.isArray(body.requestParticipants) ? body.requestParticipants.map(String) : [];
  const unknownParticipant = participants.find((id) => !site.user(id));
  if (unknownParticipant) throw new HttpError(400, [`The participant '${unknownParticipant}' does not exist.`]);
  const values = isRecord(body.requestFieldValues) ? body.requestFieldValues : {};
  const known = new Set(['summary', 'description', ORGANIZATIONS_FIELD]);
  const unknownField = Object.keys(values).find((k) => !known.has(k));
  if (unknownField) throw new HttpError(400, [`The field '${unknownField}' is not on the request type's form.`]);
  if (typeof values.summary !== 'string' || values.summary.trim() === '') throw new HttpError(400, ['Summary: You must specify a summary of the issue.']);
  if (values.description !== undefined && typeof values.description !== 'string') {
    throw new HttpError(400, ['Description: the JSM API takes plain text here, not an ADF document.']);
  }
  const organizationIds = (Array.isArray(values[ORGANIZATIONS_FIELD]) ? (values[ORGANIZATIONS_FIELD] as unknown[]) : []).map((o) => String(isRecord(o) ? o.id : o));
  const foreign = organizationIds.find((id) => !desk.organizationIds.has(id));
  if (foreign) throw new HttpError(400, [`The organization '${foreign}' is not associated with this service desk.`]);
  const issue = site.createIssue({
    projectKey: project.key,
    summary: values.summary,
    description: typeof values.description === 'string' && values.description.trim() !== '' ? values.description : null,
    requestType: rt.id,
    reporter: onBehalfOf ?? ctx.caller.accountId,
    creator: ctx.caller.accountId,
    organizations: organizationIds,
    participants,
  });
  return { status: 201, json: customerRequestJson(ctx, issue, []) };
};

function paged<T>(ctx: RouteContext, all: T[], path: string): Record<string, unknown> {
  const start = Number(ctx.query.get('start') ?? 0);
  const limit = Number(ctx.query.get('limit') ?? 50);
  const values = all.slice(start, start + limit);
  const isLastPage = start + values.length >= all.length;
  return {
    _expands: [],
    size: values.length,
    start,
    limit,
    isLastPage,
    values,
    _links: {
      base: `${ctx.baseUrl}/rest/servicedeskapi`,
      context: '',
      self: `${ctx.baseUrl}${path}`,
      ...(isLastPage ? {} : { next: `${ctx.baseUrl}${path}?start=${start + limit}&limit=${limit}` }),
    },
  };
}

const getRequestTypes: RouteHandler = (ctx) => {
  const desk = ctx.site.serviceDesks.get(ctx.params.serviceDeskId ?? '');
  const project = desk ? ctx.site.projectById(desk.projectId) : undefined;
  if (!desk || !project || !projectPermissions(ctx.site, ctx.caller, project).has('BROWSE_PROJECTS')) {
    throw new HttpError(404, [`The service desk '${ctx.params.serviceDeskId ?? ''}' does not exist or you do not have access to it.`]);
  }
  const search = (ctx.query.get('searchQuery') ?? '').toLowerCase();
  const types = [...ctx.site.requestTypes.values()].filter((rt) => rt.serviceDeskId === desk.id && rt.name.toLowerCase().includes(search));
  return { status: 200, json: paged(ctx, types.map((rt) => requestTypeJson(rt, requestTypeLinks(ctx, rt))), `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`) };
};

const getOrganizations: RouteHandler = (ctx) => {
  const accountId = ctx.query.get('accountId');
  const isCustomer = ctx.caller.accountType === 'customer';
  // Customers only ever learn about their own organizations.
  if (isCustomer && accountId !== null && accountId !== ctx.caller.accountId) throw new HttpError(403, ['You can only list your own organizations.']);
  const member = isCustomer ? ctx.caller.accountId : accountId;
  if (member !== null && !ctx.site.user(member)) throw new HttpError(404, [`The user '${member}' does not exist.`]);
  const organizations = [...ctx.site.organizations.values()]
    .filter((o) => member === null || o.members.has(member))
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  return {
    status: 200,
    json: paged(ctx, organizations.map((o) => organizationJson(ctx.site, o.id, { baseUrl: ctx.baseUrl })), '/rest/servicedeskapi/organization'),
  };
};

export const serviceDeskRoutes: Record<string, RouteHandler> = {
  'GET /rest/servicedeskapi/request/{issueIdOrKey}': getRequest,
  'POST /rest/servicedeskapi/request': createRequest,
  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype': getRequestTypes,
  'GET /rest/servicedeskapi/organization': getOrganizations,
};
