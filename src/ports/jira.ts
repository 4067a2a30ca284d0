/**
 * What the use cases need from Jira Cloud + Jira Service Management, in the app's own terms.
 * Implemented by `adapters/jira/JiraClient` over a transport (Forge `requestJira` in production,
 * `fetch` against the local emulator in tests and the sandbox). Use cases never see HTTP.
 */

/** An Atlassian Document Format document (comment bodies, descriptions). */
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string | null;
  locale: string | null;
  accountType: string | null;
}

export interface JiraAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string | null;
  created: string | null;
}

export interface JiraIssueLink {
  /** Link type name, e.g. "Cloners". */
  type: string;
  /** outward: this issue → other (e.g. "clones"); inward: other → this issue ("is cloned by"). */
  direction: 'inward' | 'outward';
  key: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  labels: string[];
  status: string;
  assignee: JiraUser | null;
  reporter: JiraUser | null;
  attachments: JiraAttachment[];
  links: JiraIssueLink[];
  created: string | null;
  /** The issue properties asked for with `getIssue(key, { properties })` (absent ones left out). */
  properties?: Record<string, unknown>;
}

export interface JsmOrganization {
  id: string;
  name: string;
}

export interface JsmRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  requestTypeName: string | null;
  reporter: JiraUser | null;
  /** Organizations the request is shared with (the request's Organizations field). */
  organizations: JsmOrganization[];
}

export interface JsmRequestType {
  id: string;
  name: string;
  /** The issue type a request of this type is (JSM always says so; absent only if a site omits it). */
  issueTypeId?: string;
}

/** A field of the site (GET /rest/api/3/field); custom fields are told apart by `customType`. */
export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  /** `schema.custom` of a custom field, e.g. com.atlassian.servicedesk:vp-origin; null otherwise. */
  customType: string | null;
}

/**
 * An issue created with the platform API. Unlike JSM's create-request API it sets the reporter, the
 * JSM fields and issue properties in the same call, so the new issue carries its properties from the
 * moment it exists (nothing to do "right after" that a crash could skip).
 */
export interface NewIssue {
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  /** Needs the Modify Reporter permission (apps have it); null leaves the caller as reporter. */
  reporterAccountId: string | null;
  labels?: string[];
  /** Assigned at creation (the MUX owner), saving an assign call. */
  assigneeAccountId?: string | null;
  /** JSM: the site's Request Type field and the request type id, which make the issue a request. */
  requestType?: { fieldId: string; requestTypeId: string } | null;
  /** JSM: the site's Organizations field and the organization ids the request is shared with. */
  organizations?: { fieldId: string; ids: string[] } | null;
  /** Issue properties stored atomically with the issue. */
  properties?: Record<string, unknown>;
}

/**
 * `createIssue`: Jira refused the Request Type field (a 400 naming it). Creating a request that way is
 * undocumented; the caller falls back to JSM's documented create (`createRequest`).
 */
export class RequestTypeFieldRefusedError extends Error {
  constructor(
    readonly fieldId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RequestTypeFieldRefusedError';
  }
}

/** One issue of a bulk create: its key, or why Jira refused it (the others are created regardless). */
export type CreatedIssue = { ok: true; key: string; id: string } | { ok: false; error: Error };

export interface JiraComment {
  id: string;
  authorAccountId: string | null;
  body: AdfDoc;
  /** JSM: false when the comment is internal (property `sd.public.comment` = { internal: true }). */
  public: boolean;
  created: string | null;
  properties: Record<string, unknown>;
}

export interface NewComment {
  body: AdfDoc;
  public: boolean;
  /** Stored as comment properties; the app keeps its idempotency key here. */
  properties?: Record<string, unknown>;
}

export interface NewRequest {
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  /** ADF is not accepted by the JSM create-request API; plain text is. */
  descriptionText: string;
  raiseOnBehalfOf: string | null;
  organizationIds: string[];
}

export interface IssueFieldsUpdate {
  labelsAdd?: string[];
  labelsRemove?: string[];
  summary?: string;
  /** Set in the same edit as the labels: one write instead of an edit and an assign. */
  assigneeAccountId?: string;
}

export type ProjectPermission =
  | 'BROWSE_PROJECTS'
  | 'EDIT_ISSUES'
  | 'ADMINISTER_PROJECTS'
  | 'ASSIGNABLE_USER'
  // What the pipeline does as the app (the self-check asks for these).
  | 'CREATE_ISSUES'
  | 'ADD_COMMENTS'
  | 'ASSIGN_ISSUES'
  | 'LINK_ISSUES'
  | 'CREATE_ATTACHMENTS';

/** A link type's name and wordings (GET /rest/api/3/issueLinkType). */
export interface JiraIssueLinkType {
  name: string;
  inward: string;
  outward: string;
}

/** A project's lead and issue types (GET /rest/api/3/project/{key}). */
export interface JiraProject {
  key: string;
  leadAccountId: string | null;
  issueTypes: { id: string; name: string; subtask: boolean }[];
}

export interface SearchPage {
  keys: string[];
  nextPageToken: string | null;
}

export interface JiraPort {
  myself(): Promise<JiraUser>;
  getUser(accountId: string): Promise<JiraUser | null>;
  findAssignableUsers(projectKey: string, query: string): Promise<JiraUser[]>;
  /** Which of the given permissions the caller has, on an issue or else on a project. */
  myPermissions(
    scope: { issueKey: string } | { projectKey: string },
    permissions: readonly ProjectPermission[],
  ): Promise<Record<ProjectPermission, boolean>>;

  /** `properties`: issue properties read in the same call (e.g. the run state), instead of one call each. */
  getIssue(key: string, options?: { properties?: readonly string[] }): Promise<JiraIssue | null>;
  editIssue(key: string, update: IssueFieldsUpdate): Promise<void>;
  assignIssue(key: string, accountId: string | null): Promise<void>;
  /** `fromKey` reads "<outward wording> toKey": ('Cloners', clone, original) → "clone clones original". */
  createIssueLink(typeName: string, fromKey: string, toKey: string): Promise<void>;

  getIssueProperty<T = unknown>(key: string, propertyKey: string): Promise<T | null>;
  setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void>;
  deleteIssueProperty(key: string, propertyKey: string): Promise<void>;

  getAttachmentContent(attachmentId: string): Promise<Uint8Array>;
  addAttachment(issueKey: string, fileName: string, content: Uint8Array, mimeType: string): Promise<JiraAttachment>;

  getComments(issueKey: string): Promise<JiraComment[]>;
  addComment(issueKey: string, comment: NewComment): Promise<JiraComment>;

  /** JQL search returning issue keys, one page at a time. */
  searchJql(jql: string, nextPageToken?: string | null): Promise<SearchPage>;

  /** The site's fields (system and custom). */
  getFields(): Promise<JiraField[]>;
  getIssueLinkTypes(): Promise<JiraIssueLinkType[]>;
  /** Optional so that test doubles written before the daily watch still satisfy the port. */
  getProject?(projectKey: string): Promise<JiraProject | null>;
  createIssue(issue: NewIssue): Promise<{ key: string; id: string }>;
  /** Several issues in one request, created (and keyed) in the order given; one answer per issue. */
  createIssues(issues: readonly NewIssue[]): Promise<CreatedIssue[]>;

  getRequest(issueKey: string): Promise<JsmRequest | null>;
  createRequest(request: NewRequest): Promise<{ issueKey: string; issueId: string }>;
  getRequestTypes(serviceDeskId: string): Promise<JsmRequestType[]>;
  getOrganizations(options?: { accountId?: string }): Promise<JsmOrganization[]>;
}
