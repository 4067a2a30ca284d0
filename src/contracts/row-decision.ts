/** Its own module, free of zod, so that the issue panel's bundle can call it. */
import type { RowView } from './panel';

/**
 * Whether an agent may confirm or reject a row now: one held for a warning, while it waits or until a run
 * acts on the decision (a confirmed row can still be rejected and a rejected one confirmed). Not once a
 * run has integrated it or its integration failed (the next run retries it as confirmed), nor a row a
 * later file replaced (that file's row stands for the ens). The Files tab offers the buttons by this rule
 * and the resolver refuses the rest with it.
 */
export function canDecideRow(row: Pick<RowView, 'decision' | 'status'>): boolean {
  return row.decision === 'wait' && (row.status === 'waiting' || row.status === 'confirmed' || row.status === 'rejected');
}
