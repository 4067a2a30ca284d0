/**
 * When `setdiba-revisar` may leave a ticket after a run that settled rows (a retry after a fix): only
 * when nothing on that ticket still needs a person. Whatever this cannot tell for sure keeps the label
 * (an unreadable file, a service switched off, no MUX owner, a held row nobody decided).
 */
import type { Plan } from '../../domain/plan/types';
import type { RowResult } from '../../domain/report/types';
import { plannedRowId } from '../../domain/plan/decisions';
import { hasOpenRows, type OpenRows, type RunState } from '../../domain/run-state';
import type { Service } from '../../domain/services';
import { readRunState, type RunStateStore } from './run-state-store';

/** Review reasons a successful integration of the ticket's rows resolves. */
const SETTLED_BY_INTEGRATION = new Set(['certificate', 'integration-failed']);

export interface ReviewCheck {
  /** The ticket whose runs these are (the original). */
  issueKey: string;
  /** The run state with its open rows as they are after this run. */
  state: RunState;
  /** The plans of the batches this run planned again. */
  plans: readonly Pick<Plan, 'services' | 'selfReviewReasons'>[];
  /** This run's results, by the ticket they were reported on. */
  results: ReadonlyMap<string, readonly RowResult[]>;
  /** Row ids of held rows an agent confirmed or rejected in the panel. */
  decided: ReadonlySet<string>;
}

/** The tickets among those this run reported on that no longer need a person. */
export function ticketsNoLongerInReview(check: ReviewCheck): string[] {
  const { issueKey, state } = check;
  const ticketOf = (service: Service): string => state.tickets[service] ?? issueKey;
  const needsPerson = new Set<string>();
  for (const [key, rows] of check.results) {
    if (rows.some((r) => r.result === 'failed' || r.result === 'blocked')) needsPerson.add(key);
  }
  for (const batch of state.batches) {
    for (const service of openServices(batch.open)) needsPerson.add(ticketOf(service));
  }
  if (Object.values(state.attachments).some((a) => a.status === 'unreadable' || a.status === 'parsing')) needsPerson.add(issueKey);
  for (const plan of check.plans) {
    if (plan.selfReviewReasons.length > 0) needsPerson.add(issueKey);
    for (const sp of plan.services) {
      const undecided = sp.rows.some((row) => row.decision === 'wait' && !check.decided.has(plannedRowId(row.entity)));
      const other = sp.reviewReasons.some((reason) => !SETTLED_BY_INTEGRATION.has(reason) && reason !== 'waiting-confirmation');
      if (undecided || other) needsPerson.add(ticketOf(sp.service));
    }
  }
  return [...check.results.keys()].filter((key) => !needsPerson.has(key));
}

/** The services a batch still has open rows of. */
export function openServices(open: OpenRows): Service[] {
  if (!hasOpenRows(open)) return [];
  const keys = [...open.blocked, ...Object.values(open.failed).flat()];
  return [...new Set(keys.map((key) => key.split(':')[0] as Service))];
}

/**
 * A split's service ticket with files of its own (a corrected template attached to it) keeps its own
 * batches, which the original's runs do not see: it stays in review while those still hold open rows
 * or an unreadable file. One property read per such candidate ticket.
 */
export async function withoutOwnWork(store: RunStateStore, issueKey: string, candidates: readonly string[]): Promise<string[]> {
  const others = candidates.filter((key) => key !== issueKey);
  const states = await Promise.all(others.map((key) => readRunState(store, key)));
  const busy = new Set(
    others.filter((_, i) => {
      const own = states[i];
      if (!own) return false;
      return own.batches.some((b) => hasOpenRows(b.open)) || Object.values(own.attachments).some((a) => a.status === 'unreadable' || a.status === 'parsing');
    }),
  );
  return candidates.filter((key) => !busy.has(key));
}
