/**
 * One emulated Jira Cloud + JSM site: users, projects, service desks, organizations, issues and what
 * hangs off them. Methods here change state and emit product events; they do not check permissions
 * (the routes do, per caller). Seeding helpers accept friendly input (names instead of ids, text
 * instead of ADF, file paths for attachments) and fail loudly on anything Jira would refuse.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AdfDoc } from '../../ports/jira';
import { checkAdf } from '../spec/adf';
import { jiraDate } from './dates';
import type { ChangelogItem, EventIssue, EventListener, ProductEvent } from './events';
import type {
  AccountType,
  ProjectRole,
  SiteAttachment,
  SiteComment,
  SiteIssue,
  SiteIssueLink,
  SiteIssueLinkType,
  SiteIssueType,
  SiteOrganization,
  SiteProject,
  SiteRequestType,
  SiteServiceDesk,
  SiteStatus,
  SiteTransition,
  SiteUser,
} from './model';

export interface UserSeed {
  accountId: string;
  displayName: string;
  emailAddress?: string | null;
  locale?: string;
  timeZone?: string;
  accountType?: AccountType;
  /** Extra bearer tokens for this user; the accountId itself is always accepted as one. */
  tokens?: string[];
}

export interface ProjectSeed {
  key: string;
  name: string;
  id?: string;
  leadAccountId?: string;
  admins?: string[];
  agents?: string[];
  issueTypes?: string[];
  /** Makes the project a JSM service desk. */
  serviceDesk?: {
    id?: string;
    requestTypes: { id?: string; name: string; description?: string; helpText?: string; issueType?: string }[];
    customers?: string[];
  };
}

export interface OrganizationSeed {
  id?: string;
  name: string;
  members?: string[];
  /** Service desks (by project key) the organization is added to; all of them when omitted. */
  projects?: string[];
}

/** An attachment from bytes, or from a file on disk (its name defaults to the file's). */
export type AttachmentSeed =
  | { filename: string; content: Uint8Array | string; mimeType?: string; author?: string }
  | { path: string; filename?: string; mimeType?: string; author?: string };

export interface CommentSeed {
  author: string;
  body: AdfDoc | string;
  /** JSM internal note: stored as the property sd.public.comment = { internal: true }. */
  internal?: boolean;
  properties?: Record<string, unknown>;
}

export interface IssueSeed {
  projectKey: string;
  summary: string;
  issueType?: string;
  description?: AdfDoc | string | null;
  labels?: string[];
  reporter?: string | null;
  assignee?: string | null;
  status?: string;
  /** JSM request type, by name or id: makes the issue a customer request. */
  requestType?: string;
  /** Organizations (names or ids) the request is shared with. */
  organizations?: string[];
  participants?: string[];
  properties?: Record<string, unknown>;
  attachments?: AttachmentSeed[];
  comments?: CommentSeed[];
  /** Who created it (defaults to the reporter, else the app). */
  creator?: string;
}

export const SD_PUBLIC_COMMENT = 'sd.public.comment';
export const ORGANIZATIONS_FIELD = 'customfield_10002';
/**
 * JSM's "Request Type" field (custom type com.atlassian.servicedesk:vp-origin; customfield_10010 on
 * most Cloud sites). Setting it through the platform API, as a plain string holding the request type
 * id, is what makes an issue created with POST /rest/api/3/issue a customer request.
 */
export const REQUEST_TYPE_FIELD = 'customfield_10010';
export const DEFAULT_APP_ACCOUNT_ID = 'app-integracions-setdiba';

const DEFAULT_STATUSES: readonly Omit<SiteStatus, 'id'>[] = [
  { name: 'Waiting for support', category: 'new' },
  { name: 'In Progress', category: 'indeterminate' },
  { name: 'Waiting for customer', category: 'indeterminate' },
  { name: 'Resolved', category: 'done' },
  { name: 'Closed', category: 'done' },
];

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
  txt: 'text/plain',
  pdf: 'application/pdf',
  cer: 'application/pkix-cert',
  zip: 'application/zip',
  png: 'image/png',
  json: 'application/json',
};

export function guessMimeType(filename: string): string {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** Plain text as the ADF Jira would store: one paragraph per line, empty lines dropped. */
export function textToAdf(text: string): AdfDoc {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return { type: 'doc', version: 1, content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) };
}

export class Site {
  readonly users = new Map<string, SiteUser>();
  readonly projects = new Map<string, SiteProject>();
  readonly serviceDesks = new Map<string, SiteServiceDesk>();
  readonly requestTypes = new Map<string, SiteRequestType>();
  readonly organizations = new Map<string, SiteOrganization>();
  readonly issues = new Map<string, SiteIssue>();
  readonly attachments = new Map<string, SiteAttachment>();
  readonly comments = new Map<string, SiteComment>();
  readonly issueLinks = new Map<string, SiteIssueLink>();
  readonly issueLinkTypes = new Map<string, SiteIssueLinkType>();
  /** Every product event emitted, in order (also delivered to the listeners). */
  readonly events: ProductEvent[] = [];
  readonly appAccountId: string;
  readonly now: () => Date;
  /**
   * When true, `POST /rest/api/3/issue` refuses the Request Type field with a 400 naming it, as a site
   * may (the platform create with that field is undocumented); the app then falls back to JSM's create.
   */
  platformCreateRefusesRequestType = false;
  /**
   * Issue property paths JQL may search (property key → dotted paths), as the app's
   * jira:entityProperty modules index them; Jira refuses any other `issue.property[…]` clause.
   * Null (the default): every path is searchable.
   */
  propertyIndex: ReadonlyMap<string, ReadonlySet<string>> | null = null;

  private nextId = 10000;
  private readonly listeners: EventListener[] = [];
  private readonly undelivered: ProductEvent[] = [];
  private readonly deliveries = new Set<Promise<void>>();
  /** Errors thrown by event listeners; the emulator reports them at stop(). */
  readonly listenerErrors: unknown[] = [];

  constructor(options: { now?: () => Date; appAccountId?: string; appName?: string } = {}) {
    this.now = options.now ?? (() => new Date());
    this.appAccountId = options.appAccountId ?? DEFAULT_APP_ACCOUNT_ID;
    this.addUser({ accountId: this.appAccountId, displayName: options.appName ?? 'Integracions SetDIBA', accountType: 'app', emailAddress: null });
    this.addIssueLinkType({ name: 'Cloners', inward: 'is cloned by', outward: 'clones' });
    this.addIssueLinkType({ name: 'Relates', inward: 'relates to', outward: 'relates to' });
    this.addIssueLinkType({ name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' });
  }

  newId(): string {
    return String(this.nextId++);
  }

  // ---- lookups -------------------------------------------------------------------------------

  user(accountId: string): SiteUser | undefined {
    return this.users.get(accountId);
  }

  requireUser(accountId: string): SiteUser {
    const user = this.users.get(accountId);
    if (!user) throw new Error(`emulator seed: unknown user ${accountId}`);
    return user;
  }

  userByToken(token: string): SiteUser | undefined {
    return this.users.get(token) ?? [...this.users.values()].find((u) => u.tokens.includes(token));
  }

  project(idOrKey: string): SiteProject | undefined {
    return this.projects.get(idOrKey) ?? [...this.projects.values()].find((p) => p.key === idOrKey.toUpperCase());
  }

  projectById(id: string): SiteProject {
    const project = this.projects.get(id);
    if (!project) throw new Error(`emulator: dangling project id ${id}`);
    return project;
  }

  issue(idOrKey: string): SiteIssue | undefined {
    return this.issues.get(idOrKey) ?? [...this.issues.values()].find((i) => i.key === idOrKey.toUpperCase());
  }

  requireIssue(idOrKey: string): SiteIssue {
    const issue = this.issue(idOrKey);
    if (!issue) throw new Error(`emulator: no issue ${idOrKey}`);
    return issue;
  }

  organization(idOrName: string): SiteOrganization | undefined {
    return this.organizations.get(idOrName) ?? [...this.organizations.values()].find((o) => o.name === idOrName);
  }

  linkType(idOrName: { id?: string; name?: string }): SiteIssueLinkType | undefined {
    if (idOrName.id) return this.issueLinkTypes.get(idOrName.id);
    return [...this.issueLinkTypes.values()].find((t) => t.name === idOrName.name);
  }

  issueType(project: SiteProject, idOrName: string): SiteIssueType | undefined {
    return project.issueTypes.find((t) => t.id === idOrName || t.name === idOrName);
  }

  status(project: SiteProject, id: string): SiteStatus {
    const status = project.statuses.find((s) => s.id === id);
    if (!status) throw new Error(`emulator: dangling status ${id}`);
    return status;
  }

  commentsOf(issue: SiteIssue): SiteComment[] {
    return issue.commentIds.map((id) => this.comments.get(id)).filter((c): c is SiteComment => c !== undefined);
  }

  attachmentsOf(issue: SiteIssue): SiteAttachment[] {
    return issue.attachmentIds.map((id) => this.attachments.get(id)).filter((a): a is SiteAttachment => a !== undefined);
  }

  linksOf(issue: SiteIssue): SiteIssueLink[] {
    return [...this.issueLinks.values()].filter((l) => l.outwardIssueId === issue.id || l.inwardIssueId === issue.id);
  }

  isInternal(comment: SiteComment): boolean {
    const property = comment.properties.get(SD_PUBLIC_COMMENT) as { internal?: unknown } | undefined;
    return property?.internal === true;
  }

  // ---- seeding -------------------------------------------------------------------------------

  addUser(seed: UserSeed): SiteUser {
    if (this.users.has(seed.accountId)) throw new Error(`emulator seed: duplicate user ${seed.accountId}`);
    const user: SiteUser = {
      accountId: seed.accountId,
      displayName: seed.displayName,
      emailAddress: seed.emailAddress ?? null,
      locale: seed.locale ?? 'ca_ES',
      timeZone: seed.timeZone ?? 'Europe/Madrid',
      accountType: seed.accountType ?? 'atlassian',
      active: true,
      tokens: seed.tokens ?? [],
    };
    this.users.set(user.accountId, user);
    return user;
  }

  addProject(seed: ProjectSeed): SiteProject {
    if (this.project(seed.key)) throw new Error(`emulator seed: duplicate project ${seed.key}`);
    const roles = new Map<string, ProjectRole>();
    for (const id of seed.agents ?? []) roles.set(this.requireUser(id).accountId, 'agent');
    for (const id of seed.admins ?? []) roles.set(this.requireUser(id).accountId, 'admin');
    const issueTypeNames = seed.issueTypes ?? (seed.serviceDesk ? ['Service Request', 'Incident', 'Task'] : ['Task']);
    const statuses = DEFAULT_STATUSES.map((s) => ({ ...s, id: this.newId() }));
    const transitions: SiteTransition[] = statuses.map((s, i) => ({ id: String((i + 1) * 10 + 1), name: s.name, toStatusId: s.id }));
    const project: SiteProject = {
      id: seed.id ?? this.newId(),
      key: seed.key,
      name: seed.name,
      leadAccountId: seed.leadAccountId ?? seed.admins?.[0] ?? null,
      roles,
      issueTypes: issueTypeNames.map((name) => ({ id: this.newId(), name, description: name, subtask: false })),
      statuses,
      transitions,
      serviceDeskId: null,
      nextIssueNumber: 1,
    };
    this.projects.set(project.id, project);
    if (seed.serviceDesk) {
      const desk: SiteServiceDesk = {
        id: seed.serviceDesk.id ?? String(this.serviceDesks.size + 1),
        projectId: project.id,
        customers: new Set((seed.serviceDesk.customers ?? []).map((id) => this.requireUser(id).accountId)),
        organizationIds: new Set(),
      };
      this.serviceDesks.set(desk.id, desk);
      project.serviceDeskId = desk.id;
      for (const rt of seed.serviceDesk.requestTypes) {
        const issueType = this.issueType(project, rt.issueType ?? project.issueTypes[0]?.name ?? '');
        if (!issueType) throw new Error(`emulator seed: request type ${rt.name} names an unknown issue type`);
        const requestType: SiteRequestType = {
          id: rt.id ?? String(this.requestTypes.size + 1),
          serviceDeskId: desk.id,
          name: rt.name,
          description: rt.description ?? '',
          helpText: rt.helpText ?? '',
          issueTypeId: issueType.id,
        };
        this.requestTypes.set(requestType.id, requestType);
      }
    }
    return project;
  }

  addOrganization(seed: OrganizationSeed): SiteOrganization {
    const organization: SiteOrganization = {
      id: seed.id ?? String(this.organizations.size + 1),
      name: seed.name,
      members: new Set((seed.members ?? []).map((id) => this.requireUser(id).accountId)),
    };
    this.organizations.set(organization.id, organization);
    for (const desk of this.serviceDesks.values()) {
      const key = this.projectById(desk.projectId).key;
      if (!seed.projects || seed.projects.includes(key)) desk.organizationIds.add(organization.id);
    }
    return organization;
  }

  addIssueLinkType(seed: Omit<SiteIssueLinkType, 'id'> & { id?: string }): SiteIssueLinkType {
    const type: SiteIssueLinkType = { id: seed.id ?? String(10000 + this.issueLinkTypes.size), ...seed };
    this.issueLinkTypes.set(type.id, type);
    return type;
  }

  /**
   * Creates an issue as Jira would (new key, initial status, created = now) and emits
   * avi:jira:created:issue, then adds the seed's attachments and comments without further events.
   */
  createIssue(seed: IssueSeed, options: { emitEvent?: boolean } = {}): SiteIssue {
    const project = this.project(seed.projectKey);
    if (!project) throw new Error(`emulator seed: unknown project ${seed.projectKey}`);
    const requestType = seed.requestType ? this.requestTypeIn(project, seed.requestType) : null;
    const issueType = requestType
      ? project.issueTypes.find((t) => t.id === requestType.issueTypeId)
      : this.issueType(project, seed.issueType ?? project.issueTypes[0]?.name ?? '');
    if (!issueType) throw new Error(`emulator seed: unknown issue type ${seed.issueType ?? ''} in ${project.key}`);
    const description = seed.description == null ? null : typeof seed.description === 'string' ? textToAdf(seed.description) : seed.description;
    if (description) this.assertAdf(description, 'description');
    for (const id of [seed.reporter, seed.assignee, seed.creator, ...(seed.participants ?? [])]) if (id) this.requireUser(id);
    const status = seed.status ? project.statuses.find((s) => s.name === seed.status || s.id === seed.status) : project.statuses[0];
    if (!status) throw new Error(`emulator seed: unknown status ${seed.status ?? ''}`);
    const organizationIds = (seed.organizations ?? []).map((o) => {
      const organization = this.organization(o);
      if (!organization) throw new Error(`emulator seed: unknown organization ${o}`);
      return organization.id;
    });
    const now = this.now();
    const issue: SiteIssue = {
      id: this.newId(),
      key: `${project.key}-${project.nextIssueNumber++}`,
      projectId: project.id,
      issueTypeId: issueType.id,
      summary: seed.summary,
      description,
      labels: [...(seed.labels ?? [])],
      statusId: status.id,
      assigneeAccountId: seed.assignee ?? null,
      reporterAccountId: seed.reporter === undefined ? (seed.creator ?? null) : seed.reporter,
      creatorAccountId: seed.creator ?? seed.reporter ?? this.appAccountId,
      created: now,
      updated: now,
      properties: new Map(Object.entries(seed.properties ?? {})),
      attachmentIds: [],
      commentIds: [],
      requestTypeId: requestType?.id ?? null,
      organizationIds,
      participants: [...(seed.participants ?? [])],
    };
    this.issues.set(issue.id, issue);
    if (options.emitEvent !== false) {
      this.emit({ ...this.eventBase('avi:jira:created:issue', issue, issue.creatorAccountId), eventType: 'avi:jira:created:issue' });
    }
    for (const attachment of seed.attachments ?? []) this.addAttachment(issue.key, attachment, { emitEvent: false });
    for (const comment of seed.comments ?? []) this.addComment(issue.key, comment, { emitEvent: false });
    return issue;
  }

  requestTypeIn(project: SiteProject, idOrName: string): SiteRequestType {
    const requestType = [...this.requestTypes.values()].find(
      (rt) => rt.serviceDeskId === project.serviceDeskId && (rt.id === idOrName || rt.name === idOrName),
    );
    if (!requestType) throw new Error(`emulator seed: unknown request type ${idOrName} in ${project.key}`);
    return requestType;
  }

  addAttachment(issueIdOrKey: string, seed: AttachmentSeed, options: { emitEvent?: boolean } = {}): SiteAttachment {
    const issue = this.requireIssue(issueIdOrKey);
    const content = 'path' in seed ? new Uint8Array(readFileSync(seed.path)) : typeof seed.content === 'string' ? new TextEncoder().encode(seed.content) : seed.content;
    const filename = 'path' in seed ? (seed.filename ?? basename(seed.path)) : seed.filename;
    const author = seed.author ?? issue.reporterAccountId ?? this.appAccountId;
    this.requireUser(author);
    const attachment: SiteAttachment = {
      id: this.newId(),
      issueId: issue.id,
      filename,
      mimeType: seed.mimeType ?? guessMimeType(filename),
      content,
      authorAccountId: author,
      created: this.now(),
      mediaToken: randomUUID(),
    };
    this.attachments.set(attachment.id, attachment);
    issue.attachmentIds.push(attachment.id);
    issue.updated = attachment.created;
    if (options.emitEvent !== false) {
      this.emitUpdated(issue, author, [
        { field: 'Attachment', fieldId: 'attachment', fieldtype: 'jira', from: null, fromString: null, to: attachment.id, toString: attachment.filename },
      ]);
      // Jira raises the attachment's own event too: an app subscribed to both sees the same change twice.
      this.emit({
        eventType: 'avi:jira:created:attachment',
        attachment: {
          id: attachment.id,
          issueId: issue.id,
          fileName: attachment.filename,
          mimeType: attachment.mimeType,
          size: attachment.content.length,
          created: jiraDate(attachment.created),
          author: { accountId: author },
        },
        atlassianId: author,
        selfGenerated: author === this.appAccountId,
        timestamp: this.now().getTime(),
      });
    }
    return attachment;
  }

  addComment(issueIdOrKey: string, seed: CommentSeed & { visibility?: SiteComment['visibility'] }, options: { emitEvent?: boolean } = {}): SiteComment {
    const issue = this.requireIssue(issueIdOrKey);
    this.requireUser(seed.author);
    const body = typeof seed.body === 'string' ? textToAdf(seed.body) : seed.body;
    this.assertAdf(body, 'comment body');
    const properties = new Map(Object.entries(seed.properties ?? {}));
    if (seed.internal !== undefined) properties.set(SD_PUBLIC_COMMENT, { internal: seed.internal });
    const now = this.now();
    const comment: SiteComment = {
      id: this.newId(),
      issueId: issue.id,
      authorAccountId: seed.author,
      body,
      created: now,
      updated: now,
      visibility: seed.visibility ?? null,
      properties,
    };
    this.comments.set(comment.id, comment);
    issue.commentIds.push(comment.id);
    issue.updated = now;
    if (options.emitEvent !== false) {
      this.emit({
        ...this.eventBase('avi:jira:commented:issue', issue, seed.author),
        eventType: 'avi:jira:commented:issue',
        comment: { id: comment.id, author: { accountId: seed.author }, created: jiraDate(now), updated: jiraDate(now), jsdPublic: !this.isInternal(comment) },
      });
    }
    return comment;
  }

  /** Records an edit: bumps `updated` and emits avi:jira:updated:issue with the changelog items. */
  emitUpdated(issue: SiteIssue, actor: string, items: ChangelogItem[]): void {
    issue.updated = this.now();
    if (items.length === 0) return;
    this.emit({ ...this.eventBase('avi:jira:updated:issue', issue, actor), eventType: 'avi:jira:updated:issue', changelog: { id: this.newId(), items } });
  }

  /** `outwardIssueKey` <outward wording> `inwardIssueKey`: linkIssues('Cloners', 'SUP-2', 'SUP-1') is "SUP-2 clones SUP-1". */
  linkIssues(typeName: string, outwardIssueKey: string, inwardIssueKey: string): SiteIssueLink {
    const type = this.linkType({ name: typeName });
    if (!type) throw new Error(`emulator: unknown link type ${typeName}`);
    const outward = this.requireIssue(outwardIssueKey);
    const inward = this.requireIssue(inwardIssueKey);
    const existing = [...this.issueLinks.values()].find((l) => l.typeId === type.id && l.outwardIssueId === outward.id && l.inwardIssueId === inward.id);
    if (existing) return existing;
    const link: SiteIssueLink = { id: this.newId(), typeId: type.id, outwardIssueId: outward.id, inwardIssueId: inward.id };
    this.issueLinks.set(link.id, link);
    return link;
  }

  private assertAdf(doc: unknown, what: string): void {
    const problems = checkAdf(doc, what);
    if (problems.length > 0) throw new Error(`emulator seed: invalid ADF in ${what}: ${problems.map((p) => `${p.where} ${p.message}`).join('; ')}`);
  }

  // ---- events --------------------------------------------------------------------------------

  onEvent(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Queues an event; the server delivers the queue once the response that caused it is sent. */
  emit(event: ProductEvent): void {
    this.events.push(event);
    this.undelivered.push(event);
  }

  /** Hands queued events to the listeners, one after another, without waiting for them here. */
  deliverEvents(): void {
    const batch = this.undelivered.splice(0);
    if (batch.length === 0 || this.listeners.length === 0) return;
    const listeners = [...this.listeners];
    const run = (async () => {
      for (const event of batch) {
        for (const listener of listeners) {
          try {
            await listener(event);
          } catch (error) {
            this.listenerErrors.push(error);
          }
        }
      }
    })();
    this.deliveries.add(run);
    void run.finally(() => this.deliveries.delete(run));
  }

  /** Resolves when every delivered event has been handled by the listeners (including cascades). */
  async idle(): Promise<void> {
    this.deliverEvents();
    while (this.deliveries.size > 0) {
      await Promise.all([...this.deliveries]);
      this.deliverEvents();
    }
  }

  eventIssue(issue: SiteIssue): EventIssue {
    const project = this.projectById(issue.projectId);
    const issueType = project.issueTypes.find((t) => t.id === issue.issueTypeId);
    const status = this.status(project, issue.statusId);
    return {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        issuetype: { id: issue.issueTypeId, name: issueType?.name ?? '', subtask: false },
        creator: { accountId: issue.creatorAccountId },
        created: jiraDate(issue.created),
        project: { id: project.id, key: project.key, name: project.name, projectTypeKey: project.serviceDeskId ? 'service_desk' : 'software' },
        reporter: issue.reporterAccountId ? { accountId: issue.reporterAccountId } : null,
        assignee: issue.assigneeAccountId ? { accountId: issue.assigneeAccountId } : null,
        updated: jiraDate(issue.updated),
        status: { id: status.id, name: status.name },
        labels: [...issue.labels],
      },
    };
  }

  private eventBase(eventType: ProductEvent['eventType'], issue: SiteIssue, actor: string) {
    return {
      eventType,
      issue: this.eventIssue(issue),
      atlassianId: actor,
      associatedUsers: [{ accountId: actor }],
      selfGenerated: actor === this.appAccountId,
      timestamp: this.now().getTime(),
    };
  }
}
