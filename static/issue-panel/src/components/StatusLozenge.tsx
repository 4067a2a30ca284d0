import Lozenge from '@atlaskit/lozenge';
import type { HistoryEntry, RowStatus, RowView } from '../../../../src/contracts/panel';
import { needsCorrection } from '../../../../src/contracts/row-correction';
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

/** A row's status; a refused row with an error reads "Cal corregir" (needsCorrection), not "Rebutjada". */
export function RowStatusLozenge({ row, t }: { row: Pick<RowView, 'status' | 'problems'>; t: PanelTranslate }) {
  const [appearance, key] = needsCorrection(row) ? (['removed', 'statusToCorrect'] as const) : ROW[row.status];
  return <Lozenge appearance={appearance}>{t(key)}</Lozenge>;
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
