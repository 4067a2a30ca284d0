/**
 * Forge product-event trigger (manifest `trigger` → function `trigger`): recognise the ticket cheaply
 * and queue a job; the consumer does the work. Triggers have 25 s and `fields` in the event is partial,
 * so nothing else happens here. Events that cannot bring a new template (an edit that adds no
 * attachment) are dropped without a single call; the two events Jira raises for one attachment
 * (`updated` and `created:attachment`) queue one job.
 */
import { InvocationErrorCode, type InvocationError } from '@forge/events';
import { retryInvocation } from './retry-invocation';
import { z } from 'zod';
import { RetryableError } from '../domain/errors';
import type { Pipeline } from '../composition/pipeline';
import type { PipelineJob } from '../usecases/process-ticket/job';
import { clearQueuedRun, markQueuedRun } from '../usecases/process-ticket/queued-run';

const issueEventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']),
  issue: z.looseObject({ id: z.coerce.string(), key: z.string() }),
  selfGenerated: z.boolean().optional(),
  changelog: z
    .looseObject({ items: z.array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional(), to: z.string().nullish() })) })
    .optional(),
});

/**
 * `avi:jira:created:attachment` (Forge events reference, "Attachment events": `eventType` and
 * `attachment`). The attachment names its issue by id only; the key is read before recognition.
 */
const attachmentEventSchema = z.looseObject({
  eventType: z.literal('avi:jira:created:attachment'),
  attachment: z.looseObject({ id: z.coerce.string(), issueId: z.coerce.string() }),
  selfGenerated: z.boolean().optional(),
});

const eventSchema = z.union([issueEventSchema, attachmentEventSchema]);

export type TriggerOutcome =
  | { status: 'ignored'; reason: 'not-an-event' | 'self' | 'no-new-attachment' | 'not-setdiba' | 'same-change' }
  | { status: 'queued'; job: PipelineJob }
  | { status: 'retry'; retryAfterMs: number | null };

const CAUSE = {
  'avi:jira:created:issue': 'created',
  'avi:jira:updated:issue': 'updated',
  'avi:jira:commented:issue': 'commented',
  'avi:jira:created:attachment': 'updated',
} as const;

/**
 * One attachment wakes the pipeline once: Jira raises both `updated` (changelog: attachment) and
 * `created:attachment` for it. The first event to claim an attachment id queues the job; the other
 * finds every id claimed and is dropped. Keyed by issue id, which both events carry.
 */
const attachmentClaimKey = (issueId: string, attachmentId: string) => `setdiba:trigger:attachment:${issueId}:${attachmentId}`;

/**
 * A ticket is created once: a second delivery of its `created` event (the platform delivers at least
 * once) is dropped here without a call to Jira, instead of queueing a run that would find nothing new.
 */
const createdClaimKey = (issueId: string) => `setdiba:trigger:created:${issueId}`;

async function claimAttachments(pipeline: Pipeline, issueId: string, attachmentIds: readonly string[]): Promise<string[]> {
  const kvs = pipeline.deps.kvs;
  const claimed = await Promise.all(attachmentIds.map((id) => kvs.setIfAbsent(attachmentClaimKey(issueId, id), { at: new Date().toISOString() })));
  return attachmentIds.filter((_, i) => claimed[i]);
}

export async function handleProductEvent(pipeline: Pipeline, raw: unknown, now: Date = new Date()): Promise<TriggerOutcome> {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return { status: 'ignored', reason: 'not-an-event' };
  const event = parsed.data;
  // `ignoreSelf` in the manifest already filters these; the sandbox and simulate deliver everything.
  if (event.selfGenerated) return { status: 'ignored', reason: 'self' };
  let attachments: string[] = [];
  let issueId: string;
  let knownKey: string | null = null;
  if (event.eventType === 'avi:jira:created:attachment') {
    issueId = event.attachment.issueId;
    attachments = [event.attachment.id];
  } else {
    issueId = event.issue.id;
    knownKey = event.issue.key;
    if (event.eventType === 'avi:jira:updated:issue') {
      attachments = (event.changelog?.items ?? [])
        .filter((item) => (item.fieldId === 'attachment' || item.field === 'Attachment') && item.to != null)
        .map((item) => item.to as string);
      if (attachments.length === 0) return { status: 'ignored', reason: 'no-new-attachment' };
    }
  }
  let claims: string[] = [];
  let createdClaim: string | null = null;
  let marked: PipelineJob | null = null;
  try {
    if (attachments.length > 0) {
      claims = await claimAttachments(pipeline, issueId, attachments);
      if (claims.length === 0) return { status: 'ignored', reason: 'same-change' };
    }
    if (event.eventType === 'avi:jira:created:issue') {
      if (!(await pipeline.deps.kvs.setIfAbsent(createdClaimKey(issueId), { at: now.toISOString() }))) return { status: 'ignored', reason: 'same-change' };
      createdClaim = createdClaimKey(issueId);
    }
    const issueKey = knownKey ?? (await pipeline.deps.jira.getIssue(issueId))?.key ?? null;
    const recognition = issueKey ? await pipeline.recogniseTicket(issueKey) : null;
    if (!issueKey || !recognition?.recognised) return { status: 'ignored', reason: 'not-setdiba' };
    const job: PipelineJob = { issueKey, cause: CAUSE[event.eventType], queuedAt: now.toISOString() };
    // Until a consumer takes the job, the panel says the ticket is queued (and does not offer Executa).
    await markQueuedRun(pipeline.deps.kvs, issueKey, { queuedAt: job.queuedAt, requestedBy: null, why: 'event' });
    marked = job;
    await pipeline.queue.push([job]);
    return { status: 'queued', job };
  } catch (error) {
    // The claims go with the failure: the platform's redelivery of this event must be able to queue it.
    await Promise.allSettled([
      ...claims.map((id) => pipeline.deps.kvs.delete(attachmentClaimKey(issueId, id))),
      ...(createdClaim ? [pipeline.deps.kvs.delete(createdClaim)] : []),
      ...(marked ? [clearQueuedRun(pipeline.deps.kvs, marked.issueKey, marked.queuedAt)] : []),
    ]);
    // Whatever failed (Jira, the queue), the event must not be lost: the platform delivers it again.
    return { status: 'retry', retryAfterMs: error instanceof RetryableError ? error.retryAfterMs : null };
  }
}

/** Forge entry point. A Jira or queue hiccup asks the platform to deliver the event again later. */
export async function trigger(event: unknown): Promise<InvocationError | undefined> {
  const { forgePipeline } = await import('../composition/forge');
  const outcome = await handleProductEvent(forgePipeline(), event);
  if (outcome.status !== 'retry') return undefined;
  return retryInvocation(outcome.retryAfterMs, 30_000, InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED);
}
