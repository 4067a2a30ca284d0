/** Small helpers for the run history kept in the run state (src/domain/run-state.ts `runs`). */
import type { RowResult } from '../../domain/report/types';

/** Rows per result kind, for the history's one-line summary. */
export function countRows(rows: readonly RowResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.result] = (counts[row.result] ?? 0) + 1;
  return counts;
}

/**
 * Who asked for a run the daily watch started (a stuck run queued again, MUX ens integrated on their
 * date): no person, so the history names the watch (catalogue `history.byWatch`), not an account.
 */
export const DAILY_WATCH_ACTOR = 'setdiba-daily-watch';
