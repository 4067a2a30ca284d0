/**
 * The in-memory state of one emulated Jira Cloud site. Plain records keyed by id: the routes render
 * them into Jira's JSON shapes (see ../routes/representations.ts), tests read them directly.
 */
import type { AdfDoc } from '../../ports/jira';

export type AccountType = 'atlassian' | 'customer' | 'app';

export interface SiteUser {
  accountId: string;
  displayName: string;
  emailAddress: string | null;
  locale: string;
  timeZone: string;
  accountType: AccountType;
  active: boolean;
  /** Bearer tokens that authenticate as this user (see docs/emulator.md "Who is calling"). */
  tokens: string[];
}

/** A user's part in a project; customers reach a service desk project through the portal only. */
export type ProjectRole = 'admin' | 'agent';

export interface SiteIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
}

export interface SiteStatus {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

export interface SiteTransition {
  id: string;
  name: string;
  toStatusId: string;
}

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  leadAccountId: string | null;
  roles: Map<string, ProjectRole>;
  issueTypes: SiteIssueType[];
  statuses: SiteStatus[];
  /** Global transitions: any status can move to the target (enough for the app's needs). */
  transitions: SiteTransition[];
  serviceDeskId: string | null;
  nextIssueNumber: number;
}

export interface SiteServiceDesk {
  id: string;
  projectId: string;
  /** Customers with portal access, besides members of the desk's organizations. */
  customers: Set<string>;
  organizationIds: Set<string>;
}

export interface SiteRequestType {
  id: string;
  serviceDeskId: string;
  name: string;
  description: string;
  helpText: string;
  issueTypeId: string;
}

export interface SiteOrganization {
  id: string;
  name: string;
  members: Set<string>;
}

export interface SiteAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  content: Uint8Array;
  authorAccountId: string;
  created: Date;
  /** Unguessable part of the media URL the 303 redirect points to (no Authorization needed there). */
  mediaToken: string;
}

export interface SiteComment {
  id: string;
  issueId: string;
  authorAccountId: string;
  body: AdfDoc;
  created: Date;
  updated: Date;
  visibility: { type: 'group' | 'role'; value?: string; identifier?: string | null } | null;
  properties: Map<string, unknown>;
}

export interface SiteIssueLink {
  id: string;
  typeId: string;
  /**
   * The issue that shows the type's outward wording: it <outward> the other ("SUP-2 clones SUP-1").
   * On POST /rest/api/3/issueLink this is the body's `inwardIssue` (see routes/links.ts).
   */
  outwardIssueId: string;
  inwardIssueId: string;
}

export interface SiteIssueLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface SiteIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  labels: string[];
  statusId: string;
  assigneeAccountId: string | null;
  reporterAccountId: string | null;
  creatorAccountId: string;
  created: Date;
  updated: Date;
  properties: Map<string, unknown>;
  attachmentIds: string[];
  commentIds: string[];
  /** JSM: set when the issue is a customer request. */
  requestTypeId: string | null;
  /** JSM Organizations field (customfield_10002). */
  organizationIds: string[];
  /** JSM request participants (customers who can see the request). */
  participants: string[];
}
