/**
 * Product events as a Forge trigger receives them (developer.atlassian.com, "Jira events"):
 * `{ eventType, issue: { id, key, fields }, atlassianId, associatedUsers, selfGenerated, ... }` where
 * `fields` is partial, so the app must re-read the issue through REST. The emulator delivers them to
 * the `onEvent` listener after the HTTP response that caused them has been sent.
 */
export type ProductEventType = 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:commented:issue';
export type AttachmentEventType = 'avi:jira:created:attachment';

export interface EventUser {
  accountId: string;
}

export interface EventIssue {
  id: string;
  key: string;
  fields: {
    summary: string;
    issuetype: { id: string; name: string; subtask: boolean };
    creator: EventUser;
    created: string;
    project: { id: string; key: string; name: string; projectTypeKey: string };
    reporter: EventUser | null;
    assignee: EventUser | null;
    updated: string;
    status: { id: string; name: string };
    labels: string[];
  };
}

export interface ChangelogItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

interface BaseEvent {
  eventType: ProductEventType;
  issue: EventIssue;
  /** The account that caused the event (the app's own account for asApp calls). */
  atlassianId: string;
  associatedUsers: EventUser[];
  /** True when the app itself caused the event; a trigger with `ignoreSelf` never sees these. */
  selfGenerated: boolean;
  /** Milliseconds since the epoch, from the emulator's clock. */
  timestamp: number;
}

export interface IssueCreatedEvent extends BaseEvent {
  eventType: 'avi:jira:created:issue';
}
export interface IssueUpdatedEvent extends BaseEvent {
  eventType: 'avi:jira:updated:issue';
  changelog: { id: string; items: ChangelogItem[] };
}
export interface IssueCommentedEvent extends BaseEvent {
  eventType: 'avi:jira:commented:issue';
  comment: { id: string; author: EventUser; created: string; updated: string; jsdPublic: boolean };
}

/**
 * `avi:jira:created:attachment` (Forge "Attachment events": `eventType` and `attachment`). It names
 * the issue by id only, not by key; Jira raises it besides the issue's own `updated` event.
 */
export interface AttachmentCreatedEvent {
  eventType: AttachmentEventType;
  attachment: { id: string; issueId: string; fileName: string; mimeType: string; size: number; created: string; author: EventUser };
  atlassianId: string;
  selfGenerated: boolean;
  timestamp: number;
}

export type ProductEvent = IssueCreatedEvent | IssueUpdatedEvent | IssueCommentedEvent | AttachmentCreatedEvent;
export type EventListener = (event: ProductEvent) => void | Promise<void>;
