/**
 * What the requester reads after a run that changed something for them, in their language: per
 * service, the ens now in production, those waiting and for what (their production date, a correction,
 * the AOC), by name only. Nothing internal (references, certificate serials, fingerprints, error codes)
 * goes here: the comment is public.
 */
import { doc, heading, paragraph, type AdfDoc } from './adf';
import type { ReportContext, RowResult, RowResultKind } from './types';

/** Names shown before "and n more": a public comment is read by a person, not searched. */
const MAX_NAMES = 25;

const GROUPS: readonly { key: string; results: readonly RowResultKind[] }[] = [
  { key: 'status.production', results: ['integrated', 'already'] },
  { key: 'status.waitDate', results: ['muxPending'] },
  { key: 'status.waitAoc', results: ['waiting', 'blocked', 'failed', 'checklist', 'disabled'] },
  { key: 'status.correct', results: ['rejected'] },
];

function nameOf(row: RowResult): string {
  return row.entity.name ?? row.entity.codiEns ?? row.entity.ine ?? `${row.entity.sheet} ${row.entity.row}`;
}

function names(rows: readonly RowResult[], ctx: ReportContext, withDate: boolean): string {
  const shown = rows.slice(0, MAX_NAMES).map((row) =>
    withDate && row.entity.productionDate ? ctx.t('status.dateItem', { name: nameOf(row), date: row.entity.productionDate }) : nameOf(row),
  );
  const list = shown.join(', ');
  return rows.length > MAX_NAMES ? ctx.t('status.more', { names: list, n: rows.length - MAX_NAMES }) : list;
}

/** The status of one service's rows, or null when there is nothing to say. */
export function statusComment(service: string, rows: readonly RowResult[], ctx: ReportContext): AdfDoc | null {
  if (rows.length === 0) return null;
  const lines = GROUPS.flatMap((group) => {
    const matching = rows.filter((r) => group.results.includes(r.result));
    return matching.length > 0 ? [paragraph(ctx.t(group.key, { names: names(matching, ctx, group.key === 'status.waitDate') }))] : [];
  });
  return lines.length > 0 ? doc(heading(4, ctx.t('status.title', { service })), ...lines) : null;
}
