/**
 * What a pipeline run is asked to do and what it answers. Its own module so that the parts of the run
 * (decision-run.ts) can name the answer without importing the run itself (an import cycle).
 */
import type { Plan } from '../../domain/plan/types';
import type { RowResult } from '../../domain/report/types';
import type { RunTrigger } from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { ServiceTicket } from './clones';

export interface ProcessJob {
  issueKey: string;
  /** The queue event, to tell this run's own retries from other deliveries. */
  eventId: string;
  /** 0 on the first delivery, then the platform's retry count. */
  attempt: number;
  /** What woke it (event type, or the panel and who), for the run history; null when unknown. */
  trigger?: RunTrigger | null;
  /** A continuation job's batch or run (continuation.ts): it goes on with that, it is no new request. */
  continues?: string | null;
  /** When the job was queued: the run taking it clears the ticket's "queued" mark (queued-run.ts). */
  queuedAt?: string;
}

export type ProcessOutcome =
  | { status: 'not-found'; issueKey: string }
  | { status: 'ignored'; issueKey: string }
  | { status: 'nothing-new'; issueKey: string }
  | {
      /** The run's time budget ran out: `deferred` rows are left to the continuation job it queued. */
      status: 'continued';
      issueKey: string;
      /** The run cut: a batch (its id), or a retry or decision run (the run id it resumes under). */
      kind: 'batch' | 'retry' | 'decisions';
      run: string;
      deferred: number;
    }
  | {
      status: 'done';
      issueKey: string;
      batch: string;
      plan: Plan;
      tickets: ServiceTicket[];
      results: Partial<Record<Service, RowResult[]>>;
      review: boolean;
    }
  | {
      /** Agents' decisions from the issue panel applied to earlier rows. */
      status: 'decisions';
      issueKey: string;
      run: string;
      results: Partial<Record<Service, RowResult[]>>;
      review: boolean;
    }
  | {
      /** Rows an earlier run left blocked or failed, tried again after a fix. */
      status: 'retry';
      issueKey: string;
      run: string;
      results: Partial<Record<Service, RowResult[]>>;
      review: boolean;
    };
