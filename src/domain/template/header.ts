import { matchColumn } from './columns';
import { cellText } from './cells';
import { TEMPLATE_LIMITS } from './limits';
import type { RawCell, TemplateField } from './types';

export interface HeaderColumn {
  /** 0-based column index. */
  index: number;
  /** The header text as written (trimmed). */
  header: string;
}

export interface SheetHeader {
  /** 0-based index into the sheet's rows. */
  rowIndex: number;
  columns: ReadonlyMap<TemplateField, HeaderColumn>;
}

/** A header row needs at least this many recognised column names, so a title row is not taken for it. */
export const MIN_KNOWN_COLUMNS = 2;

/**
 * The header is the first row among the top rows in which at least two cells are known column names.
 * When a name appears twice, the leftmost column wins.
 */
export function findHeader(rows: readonly (readonly RawCell[])[]): SheetHeader | null {
  const scan = Math.min(rows.length, TEMPLATE_LIMITS.headerScanRows);
  for (let rowIndex = 0; rowIndex < scan; rowIndex++) {
    const row = rows[rowIndex] ?? [];
    const columns = new Map<TemplateField, HeaderColumn>();
    const width = Math.min(row.length, TEMPLATE_LIMITS.maxColumns);
    for (let index = 0; index < width; index++) {
      const cell = row[index];
      if (typeof cell !== 'string') continue;
      const header = cellText(cell);
      const field = header === null ? null : matchColumn(header);
      if (field && header !== null && !columns.has(field)) columns.set(field, { index, header });
    }
    if (columns.size >= MIN_KNOWN_COLUMNS) return { rowIndex, columns };
  }
  return null;
}
