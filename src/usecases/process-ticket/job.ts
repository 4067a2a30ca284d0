/** The queue job the trigger pushes and the consumer runs: small, JSON, zod-checked on both ends. */
import { z } from 'zod';

export const PIPELINE_QUEUE = 'setdiba-jobs';

export const pipelineJobSchema = z.object({
  issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/),
  /** What woke the pipeline: a product event, or a person from the issue panel. */
  cause: z.enum(['created', 'updated', 'commented', 'panel']),
  /** When the first delivery was pushed: the platform gives up 24 h later. */
  queuedAt: z.iso.datetime({ offset: true }),
});
export type PipelineJob = z.infer<typeof pipelineJobSchema>;
