/**
 * A run asked for and not started yet. In Forge a job waits in the queue (seconds, sometimes minutes)
 * before a consumer takes it; with no trace of it the panel would show nothing in progress and offer
 * Executa again. So whoever queues a run (the trigger, the panel's actions, the daily watch, a long
 * run's continuation) marks the ticket first, and the run that takes the ticket's lease for that very
 * job (same `queuedAt`) removes the mark: from then on the lease says the run is in progress.
 *
 * One mark per ticket, created once: while it is fresh a second request queues nothing, since the job
 * already waiting reads the ticket as it is when it runs. A job the platform lost would leave the mark
 * behind, so a mark counts only for the consumer's 900 s plus a margin; after that the panel shows
 * nothing queued and offers Executa again (a second job is harmless: the lease and the idempotency keys
 * make it a no-op if the first one turns up after all).
 */
import { z } from 'zod';
import { kvsKeys } from '../../domain/idempotency';
import type { KeyValueStore } from '../../ports/key-value-store';
import { DEFAULT_LEASE_MS } from './lease';

/** How long a queued job may wait for a consumer before the panel stops saying it is queued. */
export const QUEUED_RUN_STALE_MS = DEFAULT_LEASE_MS + 5 * 60_000;

const queuedRunSchema = z.object({
  /** The job's own `queuedAt`: the run for that job clears the mark, no other. */
  queuedAt: z.iso.datetime({ offset: true }),
  /** Who asked for it (an account id, the daily watch), null for a continuation or a Jira event. */
  requestedBy: z.string().nullable(),
  /** 'event': the trigger queued it for a new ticket or a file attached to one. */
  why: z.enum(['panel', 'decision', 'mux', 'label', 'continuation', 'event']),
});
export type QueuedRun = z.infer<typeof queuedRunSchema>;

function parse(raw: unknown): QueuedRun | null {
  const parsed = queuedRunSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function fresh(mark: QueuedRun | null, now: Date): mark is QueuedRun {
  return !!mark && now.getTime() - Date.parse(mark.queuedAt) < QUEUED_RUN_STALE_MS;
}

/** The run queued for the ticket and not started yet; null when none (or only a stale mark). */
export async function queuedRunOf(kvs: KeyValueStore, now: Date, issueKey: string): Promise<QueuedRun | null> {
  const mark = parse(await kvs.get(kvsKeys.runQueued(issueKey)));
  return fresh(mark, now) ? mark : null;
}

/**
 * Marks the ticket before its job is pushed. False when a fresh mark is already there: a job is
 * waiting, and the caller pushes nothing. A stale or unreadable mark is replaced (two callers doing so
 * at once may both push; the second job then finds nothing to do).
 */
export async function claimQueuedRun(kvs: KeyValueStore, now: Date, issueKey: string, mark: QueuedRun): Promise<boolean> {
  const key = kvsKeys.runQueued(issueKey);
  if (await kvs.setIfAbsent(key, mark)) return true;
  if (fresh(parse(await kvs.get(key)), now)) return false;
  await kvs.set(key, mark);
  return true;
}

/**
 * A continuation is queued by the run it continues, and the trigger's job by a new ticket or file that
 * no waiting job may have seen yet: each is pushed whatever mark there is, and replaces it.
 */
export async function markQueuedRun(kvs: KeyValueStore, issueKey: string, mark: QueuedRun): Promise<void> {
  await kvs.set(kvsKeys.runQueued(issueKey), mark);
}

/** The job queued at `queuedAt` left the queue (taken by a run, or never pushed): its mark goes. */
export async function clearQueuedRun(kvs: KeyValueStore, issueKey: string, queuedAt: string): Promise<void> {
  const key = kvsKeys.runQueued(issueKey);
  const mark = parse(await kvs.get(key));
  // Only this job's mark: a job queued later is still waiting.
  if (mark?.queuedAt === queuedAt) await kvs.delete(key);
}
