import type { RowView } from '../../../../../src/contracts/panel';
import type { PanelTranslate } from '../../i18n';

export const rowLabel = (row: RowView) => `${row.sheet}:${row.row}`;

/** Tab-separated, so that it pastes into a spreadsheet as cells. */
export function identifiers(row: RowView): string {
  return [row.name, row.codiEns, row.ine, row.nif, row.dir3].map((value) => value ?? '').join('\t');
}

/** The service as the customer wrote it, and what the app understood when that differs (EACAT → OVER). */
export function serviceText(row: RowView, t: PanelTranslate): string {
  if (row.serviceAsWritten && row.service && row.serviceAsWritten !== row.service) return `${row.serviceAsWritten} → ${row.service}`;
  return row.service ?? row.serviceAsWritten ?? t('serviceUnknown');
}
