/** Its own module, free of zod, so that the issue panel's bundle can call it. */
import type { RowView } from './panel';

/**
 * A row refused for a wrong value: it waits for the requester's corrected file ("Cal corregir"), it was
 * not turned down by an agent ("Rebutjada" read as final). Agents only decide rows held for a warning, so
 * a refused row with an error is always one to correct. The panel's lozenge and counts and the results
 * table all say it this way.
 */
export function needsCorrection(row: Pick<RowView, 'status' | 'problems'>): boolean {
  return row.status === 'rejected' && row.problems.some((problem) => problem.severity === 'error');
}
