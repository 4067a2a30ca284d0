/**
 * The field edits the emulator understands, shared by create (POST /issue) and edit (PUT /issue):
 * `fields` sets values, `update` applies add/remove/set operations. Anything else is refused the way
 * Jira refuses a field that is not on the screen, so the app notices it asked for the impossible.
 */
import type { AdfDoc } from '../../ports/jira';
import type { ChangelogItem } from '../site/events';
import type { SiteIssue } from '../site/model';
import { projectPermissions } from '../site/permissions';
import { ORGANIZATIONS_FIELD, REQUEST_TYPE_FIELD } from '../site/site';
import { HttpError, isRecord, requireAdf, type RouteContext } from './context';

export const EDITABLE_FIELDS = new Set(['summary', 'description', 'labels', 'assignee', ORGANIZATIONS_FIELD, REQUEST_TYPE_FIELD]);

interface Operation {
  add?: unknown;
  remove?: unknown;
  set?: unknown;
}

function notOnScreen(field: string): string {
  return `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

/** The planned new values; nothing is written until every field has been checked. */
interface PlannedEdit {
  summary?: string;
  description?: AdfDoc | null;
  labels?: string[];
  assignee?: string | null;
  organizationIds?: string[];
  requestTypeId?: string;
}

export function planEdit(ctx: RouteContext, issue: Pick<SiteIssue, 'labels' | 'projectId' | 'issueTypeId'>, fields: Record<string, unknown>, update: Record<string, unknown>): PlannedEdit {
  const errors: Record<string, string> = {};
  const plan: PlannedEdit = {};
  for (const field of new Set([...Object.keys(fields), ...Object.keys(update)])) {
    if (!EDITABLE_FIELDS.has(field)) errors[field] = notOnScreen(field);
    if (field in fields && field in update) errors[field] = `Field '${field}' cannot be set in both 'fields' and 'update'.`;
  }
  const ops = (field: string): Operation[] => {
    const list = update[field];
    return Array.isArray(list) ? (list.filter(isRecord) as Operation[]) : [];
  };

  const setOf = (field: string): unknown => (field in fields ? fields[field] : ops(field).find((o) => 'set' in o)?.set);

  const summary = setOf('summary');
  if (summary !== undefined) {
    if (typeof summary !== 'string' || summary.trim() === '') errors.summary = 'You must specify a summary of the issue.';
    else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    else plan.summary = summary;
  }

  const description = setOf('description');
  if (description !== undefined) {
    if (description !== null) requireAdf(ctx, description, 'body/fields/description', 'description');
    plan.description = description as AdfDoc | null;
  }

  if ('labels' in fields || 'labels' in update) {
    let labels = [...issue.labels];
    if ('labels' in fields) {
      labels = Array.isArray(fields.labels) ? fields.labels.map(String) : [];
    }
    for (const op of ops('labels')) {
      if (op.set !== undefined) labels = Array.isArray(op.set) ? op.set.map(String) : [];
      if (op.add !== undefined && !labels.includes(String(op.add))) labels.push(String(op.add));
      if (op.remove !== undefined) labels = labels.filter((l) => l !== String(op.remove));
    }
    const bad = labels.find((l) => /\s/.test(l) || l.length > 255 || l === '');
    if (bad !== undefined) errors.labels = `The label '${bad}' contains spaces which is invalid.`;
    else plan.labels = labels;
  }

  const assignee = setOf('assignee');
  if (assignee !== undefined) {
    const accountId = assignee === null ? null : isRecord(assignee) ? assignee.accountId : undefined;
    if (accountId === null) plan.assignee = null;
    else if (typeof accountId === 'string' && isAssignable(ctx, issue.projectId, accountId)) plan.assignee = accountId;
    else errors.assignee = `User '${String(accountId)}' cannot be assigned issues.`;
  }

  const organizations = setOf(ORGANIZATIONS_FIELD);
  if (organizations !== undefined) {
    const ids = (Array.isArray(organizations) ? organizations : []).map((o) => String(isRecord(o) ? o.id : o));
    const unknown = ids.find((id) => !ctx.site.organizations.has(id));
    if (unknown !== undefined) errors[ORGANIZATIONS_FIELD] = `Organization with id '${unknown}' does not exist.`;
    else plan.organizationIds = ids;
  }

  const requestType = setOf(REQUEST_TYPE_FIELD);
  if (requestType !== undefined) {
    const project = ctx.site.projectById(issue.projectId);
    const found = typeof requestType === 'string' ? ctx.site.requestTypes.get(requestType) : undefined;
    if (!project.serviceDeskId) errors[REQUEST_TYPE_FIELD] = notOnScreen(REQUEST_TYPE_FIELD);
    // Jira takes the request type id as a plain string here; an object is refused outright.
    else if (typeof requestType !== 'string') errors[REQUEST_TYPE_FIELD] = 'Operation value must be a string';
    else if (!found || found.serviceDeskId !== project.serviceDeskId) errors[REQUEST_TYPE_FIELD] = `Request type '${requestType}' does not exist in this service project.`;
    else if (issue.issueTypeId && found.issueTypeId !== issue.issueTypeId) {
      errors[REQUEST_TYPE_FIELD] = `Request type '${requestType}' is not valid for the issue type of this issue.`;
    } else plan.requestTypeId = found.id;
  }

  if (Object.keys(errors).length > 0) throw new HttpError(400, [], errors);
  return plan;
}

export function isAssignable(ctx: RouteContext, projectId: string, accountId: string): boolean {
  const user = ctx.site.user(accountId);
  return !!user && user.active && projectPermissions(ctx.site, user, ctx.site.projectById(projectId)).has('ASSIGNABLE_USER');
}

/** Writes a checked plan and returns the changelog items describing it. */
export function applyEdit(ctx: RouteContext, issue: SiteIssue, plan: PlannedEdit): ChangelogItem[] {
  const items: ChangelogItem[] = [];
  const item = (field: string, fieldId: string, from: string | null, to: string | null, fieldtype: 'jira' | 'custom' = 'jira'): ChangelogItem => ({
    field,
    fieldId,
    fieldtype,
    from,
    fromString: from,
    to,
    toString: to,
  });
  if (plan.summary !== undefined && plan.summary !== issue.summary) {
    items.push(item('summary', 'summary', issue.summary, plan.summary));
    issue.summary = plan.summary;
  }
  if (plan.description !== undefined) {
    items.push(item('description', 'description', null, null));
    issue.description = plan.description;
  }
  if (plan.labels !== undefined && plan.labels.join(' ') !== issue.labels.join(' ')) {
    items.push(item('labels', 'labels', issue.labels.join(' ') || null, plan.labels.join(' ') || null));
    issue.labels = plan.labels;
  }
  if (plan.assignee !== undefined && plan.assignee !== issue.assigneeAccountId) {
    items.push(item('assignee', 'assignee', issue.assigneeAccountId, plan.assignee));
    issue.assigneeAccountId = plan.assignee;
  }
  if (plan.organizationIds !== undefined) {
    items.push(item('Organizations', ORGANIZATIONS_FIELD, issue.organizationIds.join(',') || null, plan.organizationIds.join(',') || null, 'custom'));
    issue.organizationIds = plan.organizationIds;
  }
  if (plan.requestTypeId !== undefined && plan.requestTypeId !== issue.requestTypeId) {
    items.push(item('Request Type', REQUEST_TYPE_FIELD, issue.requestTypeId, plan.requestTypeId, 'custom'));
    issue.requestTypeId = plan.requestTypeId;
  }
  return items;
}
