/** KeyValueStore keys of the daily watch: one per task, ticket (or project) and day or occurrence. */
import { idempotencyKey } from '../../domain/idempotency';
import { kvsKeyPart as part } from '../../domain/kvs-key';

export const watchKeys = {
  /** Where the ticket sweep of a project got to (day, next page). */
  cursor: (projectKey: string) => `setdiba:watch:cursor:${part(projectKey)}`,
  /** A task done once: the comment's idempotency key, so kvs and the comment property agree. */
  done: (key: string) => `setdiba:watch:done:${part(key)}`,
  /** Reminders for missing MUX dates on a ticket: how many and the day of the last one. */
  missing: (issueKey: string) => `setdiba:watch:missing:${part(issueKey)}`,
  /** Create-once: the certificate-renewal ticket of a project for one certificate. */
  certificateTicket: (projectKey: string, fingerprint: string) =>
    `setdiba:watch:cert-ticket:${part(projectKey)}:${part(fingerprint.replace(/:/g, ''))}`,
  certificateTicketPrefix: (projectKey: string) => `setdiba:watch:cert-ticket:${part(projectKey)}:`,
  /** Create-once: a stuck run re-queued (per ticket and the run-state update it was stuck at). */
  requeued: (issueKey: string, stuckSince: string) => `setdiba:watch:requeued:${part(issueKey)}:${part(stuckSince)}`,
} as const;

/** The idempotency key of one watch comment: the task and what makes it one (ticket, day or count). */
export function watchCommentKey(task: string, ...parts: readonly string[]): string {
  return idempotencyKey(`watch-${task}`, ...parts);
}
