/** The queue job the trigger pushes and the consumer runs: small, JSON, zod-checked on both ends. */
import { z } from 'zod';
import type { RunTrigger } from '../../domain/run-state';
import { SERVICES } from '../../domain/services';

export const PIPELINE_QUEUE = 'setdiba-jobs';

export const pipelineJobSchema = z.object({
  issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/),
  /** What woke the pipeline: a product event, or a person from the issue panel. */
  cause: z.enum(['created', 'updated', 'commented', 'panel']),
  /** For `panel`: why (Executa, rows decided, the MUX owner's "integrate now", process as SetDIBA) and who. */
  reason: z.enum(['panel', 'decision', 'mux', 'label']).optional(),
  requestedBy: z.string().min(1).max(128).optional(),
  /** A run asked for from a split's service ticket: only the rows of these services are retried. */
  services: z.array(z.enum(SERVICES)).min(1).max(SERVICES.length).optional(),
  /** A continuation of a run its time budget cut (continuation.ts): that batch or retry/decision run id. */
  continues: z.string().min(1).max(200).optional(),
  /** When the first delivery was pushed: the platform gives up 24 h later. */
  queuedAt: z.iso.datetime({ offset: true }),
});
export type PipelineJob = z.infer<typeof pipelineJobSchema>;

/** What the run history records about the job that woke a run. */
export function jobTrigger(job: PipelineJob): RunTrigger {
  return { cause: job.cause, reason: job.reason ?? null, requestedBy: job.requestedBy ?? null, ...(job.services ? { services: job.services } : {}) };
}
