/**
 * Jira refuses a comment body over 32,767 characters, and a table of 311 ens is several times that.
 * The results comment therefore stays one comment whatever the rows: when the whole table does not fit,
 * it shows the rows that need a person first, as many as fit, and the complete table goes to the
 * ticket as a CSV file (one attachment, not one call per row).
 */
import type { AdfDoc } from './adf';
import { distinctFiles } from './row-label';
import { RESULT_HEADER_KEYS, resultCells, resultsComment } from './results-comment';
import type { ReportContext, RowResult, RowResultKind, ServiceReport } from './types';

/** Below Jira's 32,767 so that what the platform adds (properties, wrapping) never tips it over. */
export const COMMENT_BUDGET_CHARS = 30_000;

/** What needs a person comes first; what is done last. */
const ATTENTION: readonly RowResultKind[] = [
  'rejected',
  'failed',
  'waiting',
  'blocked',
  'disabled',
  'checklist',
  'muxPending',
  'already',
  'integrated',
];

const size = (doc: AdfDoc) => JSON.stringify(doc).length;

export interface FittedResults {
  body: AdfDoc;
  /** True when the comment shows only part of the rows and the CSV must be attached. */
  partial: boolean;
}

export function fittedResultsComment(
  report: ServiceReport,
  ctx: ReportContext,
  fullListFile: string,
  budget = COMMENT_BUDGET_CHARS,
): FittedResults {
  const full = resultsComment(report, ctx);
  if (size(full) <= budget) return { body: full, partial: false };
  const ordered = [...report.rows].sort((a, b) => ATTENTION.indexOf(a.result) - ATTENTION.indexOf(b.result));
  const build = (count: number) => resultsComment(report, ctx, { shown: ordered.slice(0, count), fullListFile });
  // The largest prefix that fits: size grows with the count, so a binary search finds it.
  let low = 0;
  let high = ordered.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(build(mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  return { body: build(low), partial: true };
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never takes a cell for a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The complete results table as CSV (UTF-8 with BOM, which Excel needs to show accents right). */
export function resultsCsv(report: ServiceReport, ctx: ReportContext): string {
  const withFile = distinctFiles(report.rows.map((r) => r.entity)).length > 1;
  const lines = [
    RESULT_HEADER_KEYS.map((k) => ctx.t(k)),
    ...report.rows.map((row: RowResult) => resultCells(row, report, ctx, withFile)),
  ];
  return csvText(lines);
}

/** Lines of cells as CSV (UTF-8 with BOM, which Excel needs to show accents right). */
export function csvText(lines: readonly (readonly string[])[]): string {
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
