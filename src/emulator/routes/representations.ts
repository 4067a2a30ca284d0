/**
 * Site records rendered as the JSON Jira Cloud answers with. Only properties the specs define are
 * emitted (several schemas forbid additional properties, and the response check enforces that).
 */
import { jiraDate } from '../site/dates';
import type { SiteAttachment, SiteComment, SiteIssue, SiteIssueLinkType, SiteProject, SiteRequestType, SiteStatus, SiteUser } from '../site/model';
import { ORGANIZATIONS_FIELD, REQUEST_TYPE_FIELD, type Site } from '../site/site';

export interface Urls {
  baseUrl: string;
}

function avatarUrls(baseUrl: string, id: string): Record<string, string> {
  const url = (size: number) => `${baseUrl}/_emulator/avatar/${encodeURIComponent(id)}?s=${size}`;
  return { '16x16': url(16), '24x24': url(24), '32x32': url(32), '48x48': url(48) };
}

/** Schema `User` (myself, user, assignable search): includes locale. */
export function userJson(user: SiteUser, { baseUrl }: Urls): Record<string, unknown> {
  return {
    ...userDetailsJson(user, { baseUrl }),
    locale: user.locale,
  };
}

/** Schema `UserDetails` (comment and attachment authors, issue user fields): no locale. */
export function userDetailsJson(user: SiteUser, { baseUrl }: Urls): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    avatarUrls: avatarUrls(baseUrl, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
  if (user.emailAddress) json.emailAddress = user.emailAddress;
  return json;
}

/** Schema `UserDTO` of the JSM API. */
export function jsmUserJson(user: SiteUser, { baseUrl }: Urls): Record<string, unknown> {
  const json: Record<string, unknown> = {
    accountId: user.accountId,
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    _links: {
      jiraRest: `${baseUrl}/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`,
      avatarUrls: avatarUrls(baseUrl, user.accountId),
      self: `${baseUrl}/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`,
    },
  };
  if (user.emailAddress) json.emailAddress = user.emailAddress;
  return json;
}

const CATEGORY = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
} as const;

export function statusJson(status: SiteStatus, { baseUrl }: Urls): Record<string, unknown> {
  const category = CATEGORY[status.category];
  return {
    self: `${baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export function issueTypeJson(project: SiteProject, issueTypeId: string, { baseUrl }: Urls): Record<string, unknown> {
  const type = project.issueTypes.find((t) => t.id === issueTypeId);
  return {
    self: `${baseUrl}/rest/api/3/issuetype/${issueTypeId}`,
    id: issueTypeId,
    description: type?.description ?? '',
    iconUrl: `${baseUrl}/images/icons/issuetypes/task.svg`,
    name: type?.name ?? '',
    subtask: type?.subtask ?? false,
    hierarchyLevel: 0,
  };
}

export function projectRefJson(project: SiteProject, { baseUrl }: Urls): Record<string, unknown> {
  return {
    self: `${baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.serviceDeskId ? 'service_desk' : 'software',
    simplified: false,
    avatarUrls: avatarUrls(baseUrl, `project-${project.id}`),
  };
}

/** Schema `Attachment` as it appears in an issue's `attachment` field and the upload response. */
export function attachmentJson(site: Site, attachment: SiteAttachment, { baseUrl }: Urls): Record<string, unknown> {
  const author = site.user(attachment.authorAccountId);
  return {
    self: `${baseUrl}/rest/api/3/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    ...(author ? { author: userDetailsJson(author, { baseUrl }) } : {}),
    created: jiraDate(attachment.created),
    size: attachment.content.byteLength,
    mimeType: attachment.mimeType,
    content: `${baseUrl}/rest/api/3/attachment/content/${attachment.id}`,
  };
}

/** Schema `AttachmentMetadata` (GET /attachment/{id}): the id is a number there. */
export function attachmentMetadataJson(site: Site, attachment: SiteAttachment, { baseUrl }: Urls): Record<string, unknown> {
  const author = site.user(attachment.authorAccountId);
  return {
    self: `${baseUrl}/rest/api/3/attachment/${attachment.id}`,
    id: Number(attachment.id),
    filename: attachment.filename,
    ...(author ? { author: userJson(author, { baseUrl }) } : {}),
    created: jiraDate(attachment.created),
    size: attachment.content.byteLength,
    mimeType: attachment.mimeType,
    properties: {},
    content: `${baseUrl}/rest/api/3/attachment/content/${attachment.id}`,
  };
}

export function commentJson(site: Site, comment: SiteComment, urls: Urls, expandProperties: boolean): Record<string, unknown> {
  const author = site.user(comment.authorAccountId);
  const issue = site.issues.get(comment.issueId);
  const json: Record<string, unknown> = {
    self: `${urls.baseUrl}/rest/api/3/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    ...(author ? { author: userDetailsJson(author, urls), updateAuthor: userDetailsJson(author, urls) } : {}),
    body: comment.body,
    created: jiraDate(comment.created),
    updated: jiraDate(comment.updated),
    jsdPublic: !site.isInternal(comment),
  };
  if (issue && site.projectById(issue.projectId).serviceDeskId) json.jsdAuthorCanSeeRequest = true;
  if (comment.visibility) json.visibility = comment.visibility;
  if (expandProperties) json.properties = [...comment.properties].map(([key, value]) => ({ key, value }));
  return json;
}

export function linkTypeJson(type: SiteIssueLinkType, { baseUrl }: Urls): Record<string, unknown> {
  return { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${baseUrl}/rest/api/3/issueLinkType/${type.id}` };
}

/** How a linked issue is summarised inside another issue's `issuelinks`. */
function linkedIssueJson(site: Site, issue: SiteIssue, urls: Urls): Record<string, unknown> {
  const project = site.projectById(issue.projectId);
  return {
    id: issue.id,
    key: issue.key,
    self: `${urls.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: statusJson(site.status(project, issue.statusId), urls),
      issuetype: issueTypeJson(project, issue.issueTypeId, urls),
    },
  };
}

export function organizationJson(site: Site, id: string, { baseUrl }: Urls): Record<string, unknown> {
  const organization = site.organizations.get(id);
  return { id, name: organization?.name ?? '', _links: { self: `${baseUrl}/rest/servicedeskapi/organization/${id}` } };
}

/**
 * Every field the emulator knows for an issue, as GET /issue returns them with `fields=*all`.
 * Comments are filtered by the caller's view (customers do not see internal ones).
 */
export function issueFields(site: Site, issue: SiteIssue, urls: Urls, visibleComments: SiteComment[]): Record<string, unknown> {
  const project = site.projectById(issue.projectId);
  const user = (id: string | null) => {
    const found = id ? site.user(id) : undefined;
    return found ? userDetailsJson(found, urls) : null;
  };
  const fields: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description,
    labels: [...issue.labels],
    status: statusJson(site.status(project, issue.statusId), urls),
    issuetype: issueTypeJson(project, issue.issueTypeId, urls),
    project: projectRefJson(project, urls),
    assignee: user(issue.assigneeAccountId),
    reporter: user(issue.reporterAccountId),
    creator: user(issue.creatorAccountId),
    created: jiraDate(issue.created),
    updated: jiraDate(issue.updated),
    attachment: site.attachmentsOf(issue).map((a) => attachmentJson(site, a, urls)),
    issuelinks: site.linksOf(issue).map((link) => {
      const type = site.issueLinkTypes.get(link.typeId);
      const typeJson = type ? linkTypeJson(type, urls) : {};
      const isOutward = link.outwardIssueId === issue.id;
      const other = site.issues.get(isOutward ? link.inwardIssueId : link.outwardIssueId);
      const otherJson = other ? linkedIssueJson(site, other, urls) : {};
      // Seen from the "from" issue the other one is reached outward ("clones"), and vice versa.
      return { id: link.id, self: `${urls.baseUrl}/rest/api/3/issueLink/${link.id}`, type: typeJson, ...(isOutward ? { outwardIssue: otherJson } : { inwardIssue: otherJson }) };
    }),
    comment: {
      comments: visibleComments.map((c) => commentJson(site, c, urls, false)),
      self: `${urls.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: visibleComments.length,
      total: visibleComments.length,
      startAt: 0,
    },
  };
  if (project.serviceDeskId) {
    fields[ORGANIZATIONS_FIELD] = issue.organizationIds.map((id) => organizationJson(site, id, urls));
    fields[REQUEST_TYPE_FIELD] = requestTypeFieldJson(site, issue, urls);
  }
  return fields;
}

/** The Request Type field's value as Jira renders it on an issue: the request type, or null. */
function requestTypeFieldJson(site: Site, issue: SiteIssue, { baseUrl }: Urls): Record<string, unknown> | null {
  const rt = issue.requestTypeId ? site.requestTypes.get(issue.requestTypeId) : undefined;
  if (!rt) return null;
  return {
    _links: {
      jiraRest: `${baseUrl}/rest/api/2/issue/${issue.id}`,
      web: `${baseUrl}/servicedesk/customer/portal/${rt.serviceDeskId}/${issue.key}`,
      agent: `${baseUrl}/browse/${issue.key}`,
      self: `${baseUrl}/rest/servicedeskapi/request/${issue.id}`,
    },
    requestType: requestTypeJson(rt),
  };
}

/**
 * A request type as JSM renders it. The servicedesk API links it to itself (`links`); inside an issue's
 * Request Type field the emulator renders it without links.
 */
export function requestTypeJson(rt: SiteRequestType, links?: { self: string }): Record<string, unknown> {
  return {
    id: rt.id,
    ...(links && { _links: links }),
    name: rt.name,
    description: rt.description,
    helpText: rt.helpText,
    issueTypeId: rt.issueTypeId,
    serviceDeskId: rt.serviceDeskId,
    groupIds: [],
  };
}

export const FIELD_NAMES: Readonly<Record<string, string>> = {
  summary: 'Summary',
  description: 'Description',
  labels: 'Labels',
  status: 'Status',
  issuetype: 'Issue Type',
  project: 'Project',
  assignee: 'Assignee',
  reporter: 'Reporter',
  creator: 'Creator',
  created: 'Created',
  updated: 'Updated',
  attachment: 'Attachment',
  issuelinks: 'Linked Issues',
  comment: 'Comment',
  [ORGANIZATIONS_FIELD]: 'Organizations',
  [REQUEST_TYPE_FIELD]: 'Request Type',
};

/**
 * Applies Jira's `fields` selection: `*all` / `*navigable` (everything here), a list of ids, and
 * `-id` exclusions. Lists may be repeated parameters or comma-separated.
 */
export function selectFields(all: Record<string, unknown>, requested: string[], defaultSelection: string): Record<string, unknown> {
  const items = (requested.length > 0 ? requested : [defaultSelection]).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  const includeAll = items.some((f) => f === '*all' || f === '*navigable');
  const excluded = new Set(items.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const included = new Set(items.filter((f) => !f.startsWith('-') && !f.startsWith('*')));
  const selected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if ((includeAll || included.has(key)) && !excluded.has(key)) selected[key] = value;
  }
  return selected;
}
