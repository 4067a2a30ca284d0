import Lozenge from '@atlaskit/lozenge';
import type { HistoryEntry, RowStatus, RowView } from '../../../../src/contracts/panel';
import type { PanelTranslate } from '../i18n';

type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const ROW: Record<RowStatus, [Appearance, Parameters<PanelTranslate>[0]]> = {
  pending: ['default', 'statusPending'],
  waiting: ['moved', 'statusWaiting'],
  confirmed: ['inprogress', 'statusConfirmed'],
  rejected: ['removed', 'statusRejected'],
  integrated: ['success', 'statusIntegrated'],
  'already-integrated': ['success', 'statusAlreadyIntegrated'],
  'mux-pending': ['new', 'statusMuxPending'],
  'mux-scheduled': ['new', 'statusMuxScheduled'],
  blocked: ['removed', 'statusBlocked'],
  failed: ['removed', 'statusFailed'],
  replaced: ['default', 'statusReplaced'],
};

/**
 * A row the app refused because a value is wrong is waiting for the requester's corrected file, not
 * turned down by an agent: "Rebutjada" read as final. Agents only decide rows held for a warning, so a
 * refused row with an error is always one to correct.
 */
export function RowStatusLozenge({ status, t, hasError = false }: { status: RowStatus; t: PanelTranslate; hasError?: boolean }) {
  const [appearance, key] = status === 'rejected' && hasError ? (['removed', 'statusToCorrect'] as const) : ROW[status];
  return <Lozenge appearance={appearance}>{t(key)}</Lozenge>;
}

/** The rows the lozenge calls "Cal corregir"; the plan's counts use the same rule. */
export function needsCorrection(row: Pick<RowView, 'status' | 'problems'>): boolean {
  return row.status === 'rejected' && row.problems.some((problem) => problem.severity === 'error');
}

const OUTCOME: Record<HistoryEntry['outcome'], [Appearance, Parameters<PanelTranslate>[0]]> = {
  done: ['success', 'outcomeDone'],
  'needs-review': ['moved', 'outcomeNeedsReview'],
  failed: ['removed', 'outcomeFailed'],
  running: ['inprogress', 'outcomeRunning'],
};

export function OutcomeLozenge({ outcome, t }: { outcome: HistoryEntry['outcome']; t: PanelTranslate }) {
  const [appearance, key] = OUTCOME[outcome];
  return <Lozenge appearance={appearance}>{t(key)}</Lozenge>;
}
