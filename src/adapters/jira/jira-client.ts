import { systemClock, type Clock } from '../../ports/clock';
import type {
  CreatedIssue,
  IssueFieldsUpdate,
  JiraAttachment,
  JiraComment,
  JiraField,
  JiraIssueLinkType,
  JiraProject,
  JiraIssue,
  JiraPort,
  JiraUser,
  JsmOrganization,
  JsmRequest,
  JsmRequestType,
  NewComment,
  NewIssue,
  NewRequest,
  ProjectPermission,
  SearchPage,
} from '../../ports/jira';
import { addAttachment } from './calls/add-attachment';
import { addComment } from './calls/add-comment';
import { assignIssue } from './calls/assign-issue';
import { createIssue } from './calls/create-issue';
import { createIssues } from './calls/create-issues';
import { createIssueLink } from './calls/create-issue-link';
import { getIssueLinkTypes } from './calls/get-issue-link-types';
import { getProject } from './calls/get-project';
import { createRequest } from './calls/create-request';
import { deleteIssueProperty } from './calls/delete-issue-property';
import { editIssue } from './calls/edit-issue';
import { findAssignableUsers } from './calls/find-assignable-users';
import { getAttachmentContent } from './calls/get-attachment-content';
import { getComments } from './calls/get-comments';
import { getFields } from './calls/get-fields';
import { getIssue } from './calls/get-issue';
import { getIssueProperty } from './calls/get-issue-property';
import { getOrganizations } from './calls/get-organizations';
import { getRequest } from './calls/get-request';
import { getRequestTypes } from './calls/get-request-types';
import { getUser } from './calls/get-user';
import { myPermissions } from './calls/my-permissions';
import { myself } from './calls/myself';
import { searchJql } from './calls/search-jql';
import { setIssueProperty } from './calls/set-issue-property';
import type { CallContext } from './send';
import type { JiraTransport } from './transport';

/** The custom field id JSM gives the Organizations field on most sites (and in the emulator). */
export const DEFAULT_ORGANIZATIONS_FIELD_ID = 'customfield_10002';

export interface JiraClientOptions {
  /** Turns Retry-After dates into delays; tests inject a fixed clock. */
  clock?: Pick<Clock, 'now'>;
  /**
   * The site's Organizations field. Reading works without it (the field is recognised by its
   * shape); raising a request with organizations needs it.
   */
  organizationsFieldId?: string;
}

/**
 * JiraPort over a JiraTransport: each method is one REST call (or one paged walk), in its own file
 * under ./calls, with the response checked by zod. Errors: 404 → null where the port allows it,
 * 429/503 → RetryableError with Retry-After, anything else → JiraApiError.
 */
export class JiraClient implements JiraPort {
  private readonly ctx: CallContext;
  private readonly organizationsFieldId: string | undefined;

  constructor(transport: JiraTransport, options: JiraClientOptions = {}) {
    this.ctx = { transport, clock: options.clock ?? systemClock };
    this.organizationsFieldId = options.organizationsFieldId;
  }

  get identity(): JiraTransport['identity'] {
    return this.ctx.transport.identity;
  }

  myself(): Promise<JiraUser> {
    return myself(this.ctx);
  }
  getUser(accountId: string): Promise<JiraUser | null> {
    return getUser(this.ctx, accountId);
  }
  findAssignableUsers(projectKey: string, query: string): Promise<JiraUser[]> {
    return findAssignableUsers(this.ctx, projectKey, query);
  }
  myPermissions(
    scope: { issueKey: string } | { projectKey: string },
    permissions: readonly ProjectPermission[],
  ): Promise<Record<ProjectPermission, boolean>> {
    return myPermissions(this.ctx, scope, permissions);
  }

  getIssue(key: string, options?: { properties?: readonly string[] }): Promise<JiraIssue | null> {
    return getIssue(this.ctx, key, options);
  }
  editIssue(key: string, update: IssueFieldsUpdate): Promise<void> {
    return editIssue(this.ctx, key, update);
  }
  assignIssue(key: string, accountId: string | null): Promise<void> {
    return assignIssue(this.ctx, key, accountId);
  }
  getIssueLinkTypes(): Promise<JiraIssueLinkType[]> {
    return getIssueLinkTypes(this.ctx);
  }
  getProject(projectKey: string): Promise<JiraProject | null> {
    return getProject(this.ctx, projectKey);
  }

  createIssueLink(typeName: string, fromKey: string, toKey: string): Promise<void> {
    return createIssueLink(this.ctx, typeName, fromKey, toKey);
  }

  getIssueProperty<T = unknown>(key: string, propertyKey: string): Promise<T | null> {
    return getIssueProperty<T>(this.ctx, key, propertyKey);
  }
  setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void> {
    return setIssueProperty(this.ctx, key, propertyKey, value);
  }
  deleteIssueProperty(key: string, propertyKey: string): Promise<void> {
    return deleteIssueProperty(this.ctx, key, propertyKey);
  }

  getAttachmentContent(attachmentId: string): Promise<Uint8Array> {
    return getAttachmentContent(this.ctx, attachmentId);
  }
  addAttachment(issueKey: string, fileName: string, content: Uint8Array, mimeType: string): Promise<JiraAttachment> {
    return addAttachment(this.ctx, issueKey, fileName, content, mimeType);
  }

  getComments(issueKey: string): Promise<JiraComment[]> {
    return getComments(this.ctx, issueKey);
  }
  addComment(issueKey: string, comment: NewComment): Promise<JiraComment> {
    return addComment(this.ctx, issueKey, comment);
  }

  searchJql(jql: string, nextPageToken?: string | null): Promise<SearchPage> {
    return searchJql(this.ctx, jql, nextPageToken);
  }

  getFields(): Promise<JiraField[]> {
    return getFields(this.ctx);
  }
  createIssue(issue: NewIssue): Promise<{ key: string; id: string }> {
    return createIssue(this.ctx, issue);
  }
  createIssues(issues: readonly NewIssue[]): Promise<CreatedIssue[]> {
    return createIssues(this.ctx, issues);
  }

  getRequest(issueKey: string): Promise<JsmRequest | null> {
    return getRequest(this.ctx, issueKey, { fieldId: this.organizationsFieldId });
  }
  createRequest(request: NewRequest): Promise<{ issueKey: string; issueId: string }> {
    return createRequest(this.ctx, request, this.organizationsFieldId ?? DEFAULT_ORGANIZATIONS_FIELD_ID);
  }
  getRequestTypes(serviceDeskId: string): Promise<JsmRequestType[]> {
    return getRequestTypes(this.ctx, serviceDeskId);
  }
  getOrganizations(options?: { accountId?: string }): Promise<JsmOrganization[]> {
    return getOrganizations(this.ctx, options);
  }
}
