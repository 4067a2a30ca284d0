/**
 * Forge product-event trigger (manifest `trigger` → function `trigger`): recognise the ticket cheaply
 * and queue a job; the consumer does the work. Triggers have 25 s and `fields` in the event is partial,
 * so nothing else happens here. Events that cannot bring a new template (an edit that adds no
 * attachment) are dropped without a single call.
 */
import { InvocationErrorCode, type InvocationError } from '@forge/events';
import { retryInvocation } from './retry-invocation';
import { z } from 'zod';
import { RetryableError } from '../domain/errors';
import type { Pipeline } from '../composition/pipeline';
import type { PipelineJob } from '../usecases/process-ticket/job';

const eventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']),
  issue: z.looseObject({ id: z.string(), key: z.string() }),
  selfGenerated: z.boolean().optional(),
  changelog: z
    .looseObject({ items: z.array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional(), to: z.string().nullish() })) })
    .optional(),
});

export type TriggerOutcome =
  | { status: 'ignored'; reason: 'not-an-event' | 'self' | 'no-new-attachment' | 'not-setdiba' }
  | { status: 'queued'; job: PipelineJob }
  | { status: 'retry'; retryAfterMs: number | null };

const CAUSE = {
  'avi:jira:created:issue': 'created',
  'avi:jira:updated:issue': 'updated',
  'avi:jira:commented:issue': 'commented',
} as const;

export async function handleProductEvent(pipeline: Pipeline, raw: unknown, now: Date = new Date()): Promise<TriggerOutcome> {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return { status: 'ignored', reason: 'not-an-event' };
  const event = parsed.data;
  // `ignoreSelf` in the manifest already filters these; the sandbox and simulate deliver everything.
  if (event.selfGenerated) return { status: 'ignored', reason: 'self' };
  if (event.eventType === 'avi:jira:updated:issue') {
    const added = (event.changelog?.items ?? []).some(
      (item) => (item.fieldId === 'attachment' || item.field === 'Attachment') && item.to != null,
    );
    if (!added) return { status: 'ignored', reason: 'no-new-attachment' };
  }
  try {
    const recognition = await pipeline.recogniseTicket(event.issue.key);
    if (!recognition.recognised) return { status: 'ignored', reason: 'not-setdiba' };
    const job: PipelineJob = { issueKey: event.issue.key, cause: CAUSE[event.eventType], queuedAt: now.toISOString() };
    await pipeline.queue.push([job]);
    return { status: 'queued', job };
  } catch (error) {
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
