/**
 * What agents decide in the issue panel, applied to a plan: rows held for a warning that an agent
 * confirmed become integrations, rows an agent rejected become rejections carrying the agent's reason,
 * and the MUX rows become integrations once the MUX owner asked for it and the recorded production date
 * has been reached. Pure: the use case reads the decisions (issue property `setdiba.panel`) and says
 * which of them are new; this decides what they mean for each row.
 */
import { idempotencyKey } from '../idempotency';
import type { Service } from '../services';
import { muxRowDate, muxRowDue, type MuxDates } from './mux-dates';
import type { CertificateStatus, EntityProblem, Plan, PlannedRow, SourcedEntity } from './types';

/** The id the panel gives a row: `<attachmentId>:<sheet>:<row>`. */
export function plannedRowId(entity: Pick<SourcedEntity, 'attachmentId' | 'sheet' | 'row'>): string {
  return `${entity.attachmentId}:${entity.sheet}:${entity.row}`;
}

export interface DecisionActor {
  accountId: string;
  displayName: string;
  at: string;
}

/** One click in the panel: rows confirmed or rejected together. */
export interface RowDecisionBatch {
  id: string;
  decision: 'confirm' | 'reject';
  rowIds: readonly string[];
  reason: string | null;
  by: DecisionActor;
}

/**
 * The MUX owner's "integrate now": it releases the MUX ens whose own date (mux-dates.ts) is reached on
 * the day the run applies it, plus the one ens the owner may force before its date, with a reason.
 */
export interface MuxRelease {
  id: string;
  dates: MuxDates;
  force: { rowId: string; reason: string } | null;
  by: DecisionActor;
  /** Asked by the daily watch on the owner's behalf (the project's setting), not by the owner's click. */
  byWatch?: boolean;
}

export interface DecisionSet {
  rows: readonly RowDecisionBatch[];
  mux: MuxRelease | null;
}

/**
 * Stable ids: the panel compacts its property (a row moves to its latest decision), which changes a
 * batch's rows but never who decided, when, and what — so those make the id.
 */
export function rowDecisionId(decision: 'confirm' | 'reject', by: Pick<DecisionActor, 'accountId' | 'at'>): string {
  return idempotencyKey('decision', decision, by.accountId, by.at);
}

export function muxReleaseId(by: Pick<DecisionActor, 'accountId' | 'at'>): string {
  return idempotencyKey('mux-release', by.accountId, by.at);
}

/** The ids of a set of decisions, in a stable order. */
export function decisionIds(set: DecisionSet): string[] {
  return [...set.rows.map((d) => d.id), ...(set.mux ? [set.mux.id] : [])].sort();
}

/** The code of the problem a row gets when an agent rejects it (explained by the pipeline catalogue). */
export const AGENT_REJECTED = 'decision.rejected';

/** A row whose decision an agent's decision changed, and the decision that changed it. */
export interface DecidedRow extends PlannedRow {
  /** Who decided: the agent who confirmed or rejected it, or the MUX owner. */
  by: DecisionActor;
  origin: 'confirm' | 'reject' | 'mux' | 'mux-forced';
}

export interface DecidedService {
  service: Service;
  environment: 'PRO' | 'PRE';
  rows: readonly DecidedRow[];
}

/**
 * The rows `decisions` act on, per service, with their new decision:
 * - confirm, on a row waiting for confirmation → integrate (blocked when the certificate is not valid);
 * - reject, on a row waiting for confirmation → reject, its warnings as errors plus the agent's reason;
 * - the MUX release → every MUX row waiting whose own production date is on or before `today`
 *   (yyyy-mm-dd, the caller's calendar), and the row it forces, are integrated (blocked when the
 *   certificate is not valid); the other MUX rows keep waiting for their date.
 * A decision about a row that is not waiting any more (or not in this plan) changes nothing.
 */
export function applyDecisions(plan: Plan, decisions: DecisionSet, today: string): DecidedService[] {
  const latest = new Map<string, RowDecisionBatch>();
  // Later batches win, as in the panel; the set is in the order the panel stored it.
  for (const batch of decisions.rows) for (const rowId of batch.rowIds) latest.set(rowId, batch);
  const release = decisions.mux;
  const cleared = (certificate: CertificateStatus) => (certificate === 'valid' ? 'integrate' : 'blocked');

  const services: DecidedService[] = [];
  for (const sp of plan.services) {
    const rows: DecidedRow[] = [];
    for (const row of sp.rows) {
      if (row.decision === 'mux-pending') {
        const id = plannedRowId(row.entity);
        const forced = release?.force?.rowId === id;
        if (release && (forced || muxRowDue(muxRowDate(id, row.entity, release.dates).date, today))) {
          rows.push({ ...row, decision: cleared(plan.certificate), by: release.by, origin: forced ? 'mux-forced' : 'mux' });
        }
        continue;
      }
      const batch = row.decision === 'wait' ? latest.get(plannedRowId(row.entity)) : undefined;
      if (!batch) continue;
      if (batch.decision === 'confirm') {
        rows.push({ ...row, decision: cleared(plan.certificate), by: batch.by, origin: 'confirm' });
      } else {
        rows.push({ ...row, decision: 'reject', problems: rejectionProblems(row.problems, batch), by: batch.by, origin: 'reject' });
      }
    }
    if (rows.length > 0) services.push({ service: sp.service, environment: sp.environment, rows });
  }
  return services;
}

/** The warnings become what to correct, and the agent's reason (or that an agent rejected it) heads them. */
function rejectionProblems(problems: readonly EntityProblem[], batch: RowDecisionBatch): EntityProblem[] {
  const agent: EntityProblem = {
    field: 'row',
    code: AGENT_REJECTED,
    severity: 'error',
    column: null,
    value: null,
    params: { reason: batch.reason ?? '', name: batch.by.displayName },
  };
  return [agent, ...problems.map((p) => ({ ...p, severity: 'error' as const }))];
}
