/**
 * The complete results table of a ticket, downloadable from the issue panel as CSV or XLSX. It is
 * generated on demand from what the panel shows (every row, its status and its problems, in the
 * caller's language) and never attached: JSM shows every attachment of a request to the customer.
 */
import type { PanelPayload, PanelState, RowStatus } from '../../contracts/panel';
import { needsCorrection } from '../../contracts/row-correction';
import { csvText } from '../../domain/report/results-fit';
import { tPanel, type PanelMessageKey } from '../../i18n/catalog/panel';
import type { Lang } from '../../i18n';
import type { PanelCaller, PanelDeps } from './deps';
import { loadPanel } from './panel-state';

const STATUS_KEYS: Record<RowStatus, PanelMessageKey> = {
  pending: 'statusPending',
  waiting: 'statusWaiting',
  confirmed: 'statusConfirmed',
  rejected: 'statusRejected',
  integrated: 'statusIntegrated',
  'already-integrated': 'statusAlreadyIntegrated',
  'mux-pending': 'statusMuxPending',
  'mux-scheduled': 'statusMuxScheduled',
  blocked: 'statusBlocked',
  failed: 'statusFailed',
  replaced: 'statusReplaced',
};

/** "Cal corregir" for a row refused for a wrong value, as the panel calls it; "Rebutjada" only for an agent's. */
function statusKey(row: PanelState['rows'][number]): PanelMessageKey {
  return needsCorrection(row) ? 'statusToCorrect' : STATUS_KEYS[row.status];
}

/** Header and rows of the table (pure). */
export function resultsTable(state: Pick<PanelState, 'rows'>, lang: Lang): { header: string[]; rows: string[][] } {
  const t = (key: PanelMessageKey) => tPanel(lang, key);
  const header = [t('colFile'), t('colSheet'), t('colRow'), t('colEns'), t('colCodiEns'), t('colNif'), t('colDir3'), t('colService'), t('colStatus'), t('colProblems')];
  const rows = state.rows.map((row) => [
    row.fileName,
    row.sheet,
    String(row.row),
    row.name ?? '',
    row.codiEns ?? '',
    row.nif ?? '',
    row.dir3 ?? '',
    row.service ?? row.serviceAsWritten ?? '',
    // Same words as the panel: which later file replaced the row, and no problem for it.
    row.status === 'replaced' && row.replacedBy ? tPanel(lang, 'statusReplacedBy', { file: row.replacedBy.fileName }) : t(statusKey(row)),
    row.problems.map((p) => p.message).join(' '),
  ]);
  return { header, rows };
}

export async function downloadResults(
  deps: PanelDeps,
  caller: PanelCaller,
  payload: PanelPayload<'downloadResults'>,
): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  const { state } = await loadPanel(deps, caller);
  const { header, rows } = resultsTable(state, caller.lang);
  const base = `SetDIBA-${caller.issueKey}`;
  if (payload.format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv', contentBase64: Buffer.from(csvText([header, ...rows]), 'utf8').toString('base64') };
  }
  const bytes = await deps.pipeline.tableWorkbook(caller.issueKey, header, rows);
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: Buffer.from(bytes).toString('base64'),
  };
}
