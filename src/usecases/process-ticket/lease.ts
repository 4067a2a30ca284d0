/**
 * One run at a time per ticket. Deliveries arrive twice and concurrently; rather than let them race
 * through every step, the first takes a lease in the KeyValueStore and the others are told to come back
 * later (a RetryableError: the platform redelivers them, and by then there is nothing left to do).
 *
 * A run the platform killed (timeout, out of memory) cannot release its lease. Its own retry — the same
 * event with a higher retry count — takes the lease over at once, because the platform only retries
 * after the attempt ended; anyone else waits until the lease expires.
 */
import { RetryableError } from '../../domain/errors';
import { kvsKeys } from '../../domain/idempotency';
import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';

export interface LeaseHolder {
  /** The queue event (same id on the platform's retries of it). */
  eventId: string;
  /** 0 for the first delivery, then the platform's retry count. */
  attempt: number;
}

interface LeaseValue extends LeaseHolder {
  expiresAt: string;
}

/** Forge consumers run at most 900 s; a lease older than that belongs to a run that is gone. */
export const DEFAULT_LEASE_MS = 905_000;

function isLease(value: unknown): value is LeaseValue {
  const v = value as Partial<LeaseValue> | null;
  return !!v && typeof v.eventId === 'string' && typeof v.attempt === 'number' && typeof v.expiresAt === 'string';
}

/** Who holds the ticket's lease now; null when nobody does (none, or one a run that is gone left to expire). */
export async function liveLeaseHolder(kvs: KeyValueStore, now: Date, issueKey: string): Promise<LeaseHolder | null> {
  const lease = await kvs.get(kvsKeys.runLease(issueKey));
  return isLease(lease) && Date.parse(lease.expiresAt) > now.getTime() ? { eventId: lease.eventId, attempt: lease.attempt } : null;
}

export class TicketBusyError extends RetryableError {
  constructor(issueKey: string, retryAfterMs: number) {
    super(`Ticket ${issueKey} is being processed by another delivery`, retryAfterMs);
    this.name = 'TicketBusyError';
  }
}

export async function acquireLease(
  kvs: KeyValueStore,
  clock: Pick<Clock, 'now'>,
  issueKey: string,
  holder: LeaseHolder,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<() => Promise<void>> {
  const key = kvsKeys.runLease(issueKey);
  const value = (): LeaseValue => ({ ...holder, expiresAt: new Date(clock.now().getTime() + leaseMs).toISOString() });
  const release = async () => {
    const current = await kvs.get(key);
    // Only our own lease: a run that overran its lease must not free someone else's.
    if (isLease(current) && current.eventId === holder.eventId && current.attempt === holder.attempt) await kvs.delete(key);
  };
  if (await kvs.setIfAbsent(key, value())) return release;

  const current = await kvs.get(key);
  const now = clock.now().getTime();
  const takeOver =
    !isLease(current) ||
    Date.parse(current.expiresAt) <= now ||
    (current.eventId === holder.eventId && holder.attempt > current.attempt);
  if (!takeOver) {
    throw new TicketBusyError(issueKey, Math.max(1_000, Math.min(60_000, Date.parse(current.expiresAt) - now)));
  }
  await kvs.set(key, value());
  return release;
}
