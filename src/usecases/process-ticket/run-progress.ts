/**
 * What a run is doing, for the panel's "En curs" line: reading the files, raising the service tickets,
 * integrating (how many of how many ens) or writing the results. A long run integrates for minutes; without
 * this the panel only said it was running.
 *
 * Kept in the KVS under the ticket, with the queue event of the run: the panel shows it only while the
 * lease of that same event is live: once another run holds the ticket, what a killed run left is not shown
 * (until its lease expires, a killed run still reads as running, its last step with it). Writes are few (one
 * per step, then at most one every few seconds while integrating) and never fail the run: progress is a
 * courtesy, the run state is the record.
 */
import { z } from 'zod';
import { kvsKeys } from '../../domain/idempotency';
import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';

export const RUN_STEPS = ['reading', 'tickets', 'integrating', 'reporting'] as const;
export type RunStep = (typeof RUN_STEPS)[number];

const runProgressSchema = z.object({
  /** The queue event of the run: the panel matches it with the lease's. */
  eventId: z.string(),
  step: z.enum(RUN_STEPS),
  /** While integrating: ens sent to the backend so far, and in all. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  at: z.iso.datetime({ offset: true }),
});
export type RunProgressValue = z.infer<typeof runProgressSchema>;

/** The panel refreshes every 3 s: more often than that, a count would not be seen. */
const MIN_COUNT_INTERVAL_MS = 3_000;

export class RunProgress {
  private value: RunProgressValue | null = null;
  private lastWriteMs = 0;
  private pending: Promise<void> = Promise.resolve();
  /** Whether anything was written: a run that did nothing (a duplicate delivery) costs no KVS call. */
  private written = false;

  constructor(
    private readonly kvs: KeyValueStore,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly issueKey: string,
    private readonly eventId: string,
  ) {}

  /** A new step (a step already reached is not written again). */
  step(step: RunStep): Promise<void> {
    if (this.value?.step === step) return this.pending;
    this.value = { eventId: this.eventId, step, done: 0, total: 0, at: this.clock.now().toISOString() };
    return this.write();
  }

  /** `count` more ens to integrate (services integrate side by side): the step becomes "integrating". */
  planned(count: number): Promise<void> {
    if (count <= 0) return this.pending;
    if (this.value?.step !== 'integrating') {
      this.value = { eventId: this.eventId, step: 'integrating', done: 0, total: 0, at: this.clock.now().toISOString() };
    }
    this.value.total += count;
    return this.write();
  }

  /** One ens was sent (whatever the answer); written when the last write is a few seconds old. */
  sent(): Promise<void> {
    if (this.value?.step !== 'integrating') return this.pending;
    this.value.done += 1;
    if (this.clock.now().getTime() - this.lastWriteMs < MIN_COUNT_INTERVAL_MS) return this.pending;
    return this.write();
  }

  /** The run is over (its lease is about to go): nothing to show any more. */
  clear(): Promise<void> {
    this.value = null;
    if (!this.written) return this.pending;
    this.pending = this.pending.then(() => this.kvs.delete(kvsKeys.runProgress(this.issueKey))).catch(() => undefined);
    return this.pending;
  }

  private write(): Promise<void> {
    const snapshot = this.value && { ...this.value, at: this.clock.now().toISOString() };
    if (!snapshot) return this.pending;
    this.lastWriteMs = this.clock.now().getTime();
    this.written = true;
    // In order, one at a time; a KVS hiccup loses one update, never the run.
    this.pending = this.pending.then(() => this.kvs.set(kvsKeys.runProgress(this.issueKey), snapshot)).catch(() => undefined);
    return this.pending;
  }
}

/** What the run holding the ticket last said it was doing (the caller matches its event with the lease's). */
export async function readRunProgress(kvs: KeyValueStore, issueKey: string): Promise<RunProgressValue | null> {
  const parsed = runProgressSchema.safeParse(await kvs.get(kvsKeys.runProgress(issueKey)));
  return parsed.success ? parsed.data : null;
}
