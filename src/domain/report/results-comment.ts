/**
 * The internal results comment of a service ticket: a summary line, a table with one line per row
 * (row, ens, codi d'ens, NIF, DIR3, result, detail), then what happens next. In assisted mode it also
 * carries the checklist an agent works through. One comment per ticket and batch, whatever the rows.
 */
import { backendErrorText } from './backend-errors';
import { bulletList, doc, heading, mention, paragraph, table, type AdfDoc, type Inline } from './adf';
import { checklistNodes } from './checklist';
import { NONE, distinctFiles, rowLabel } from './row-label';
import type { ReportContext, RowResult, RowResultKind, ServiceReport } from './types';

const RESULT_ORDER: readonly RowResultKind[] = [
  'integrated',
  'already',
  'checklist',
  'muxPending',
  'waiting',
  'blocked',
  'disabled',
  'failed',
  'rejected',
];

export function countResults(rows: readonly RowResult[]): Record<RowResultKind, number> {
  const counts = Object.fromEntries(RESULT_ORDER.map((k) => [k, 0])) as Record<RowResultKind, number>;
  for (const row of rows) counts[row.result] += 1;
  return counts;
}

export function summaryLine(report: Pick<ServiceReport, 'rows'>, { t }: ReportContext): string {
  if (report.rows.length === 0) return t('results.summary.none');
  const counts = countResults(report.rows);
  const parts = RESULT_ORDER.filter((k) => counts[k] > 0).map((k) => t(`results.part.${k}`, { n: counts[k] }));
  return t('results.summary', { total: report.rows.length, parts });
}

function detail(row: RowResult, report: ServiceReport, ctx: ReportContext): string {
  const { t, describe } = ctx;
  const env = { environment: report.environment };
  switch (row.result) {
    case 'integrated':
      return t('detail.integrated', { ...env, serial: report.certificate.serialNumber ?? NONE });
    case 'already':
      if (!row.where) return t('detail.alreadyBackend', env);
      return row.where === report.ticketKey
        ? t('detail.alreadyHere', env)
        : t('detail.alreadyElsewhere', { ...env, where: row.where });
    case 'muxPending':
      return row.entity.productionDate
        ? t('detail.muxDate', { date: row.entity.productionDate })
        : t('detail.muxNoDate');
    case 'blocked':
      return t('detail.blocked', { reason: t(`certificate.${report.certificate.status}`) });
    case 'disabled':
      return t('detail.disabled', { service: report.service });
    case 'checklist':
      return t('detail.checklist');
    case 'failed':
      return backendErrorText(row.code, row.detail, t);
    case 'waiting':
    case 'rejected': {
      const shown = row.problems.filter((p) => (row.result === 'rejected' ? p.severity === 'error' : true));
      return shown.map((p) => describe(p)).join(' ') || NONE;
    }
  }
}

function nextSteps(report: ServiceReport, ctx: ReportContext): Inline[][] {
  const { t } = ctx;
  const counts = countResults(report.rows);
  const steps: Inline[][] = [];
  if (counts.muxPending > 0) {
    steps.push(
      report.owner
        ? splitAround(t('next.muxOwner', { owner: '\u0000' }), mention(report.owner.accountId, report.owner.displayName ?? undefined))
        : [t('next.muxNoOwner')],
    );
  }
  if (counts.checklist > 0) steps.push([t('next.checklist')]);
  if (counts.waiting > 0) steps.push([t('next.waiting')]);
  if (counts.blocked > 0) steps.push([t('certificate.blockedNotice', { reason: t(`certificate.${report.certificate.status}`) })]);
  if (counts.disabled > 0) steps.push([t('next.disabled')]);
  if (counts.failed > 0) steps.push([t('next.failed')]);
  if (counts.rejected > 0) steps.push([t('next.rejected')]);
  const expiring = report.certificate.expiring;
  if (report.certificate.status === 'valid' && expiring) {
    steps.push([t('certificate.expiringNotice', { date: expiring.expiresOn, days: expiring.daysLeft })]);
  }
  if (steps.length === 0) steps.push([t('next.done')]);
  return steps;
}

/** Puts an inline node (a mention) where a translated sentence has its placeholder. */
function splitAround(sentence: string, node: Inline): Inline[] {
  const [before = '', after = ''] = sentence.split('\u0000');
  return [before, node, after];
}

export interface ResultsOptions {
  /** The rows the table shows when not all fit in one comment (the summary still counts them all). */
  shown?: readonly RowResult[];
  /** The attachment holding the complete table, when the comment shows only part of it. */
  fullListFile?: string;
}

export const RESULT_HEADER_KEYS = ['col.row', 'col.ens', 'col.codiEns', 'col.nif', 'col.dir3', 'col.result', 'col.detail'] as const;

/** One line of the results table, as text cells (shared by the comment and the attached CSV). */
export function resultCells(row: RowResult, report: ServiceReport, ctx: ReportContext, withFile: boolean): string[] {
  const { t } = ctx;
  return [
    rowLabel(row.entity, withFile),
    row.entity.name ?? NONE,
    row.entity.codiEns ?? row.entity.ine ?? NONE,
    row.entity.nif ?? NONE,
    row.entity.dir3 ?? NONE,
    t(`result.${row.result}`),
    detail(row, report, ctx),
  ];
}

export function resultsComment(report: ServiceReport, ctx: ReportContext, options: ResultsOptions = {}): AdfDoc {
  const { t } = ctx;
  const files = distinctFiles(report.rows.map((r) => r.entity));
  const withFile = files.length > 1;
  const header = RESULT_HEADER_KEYS.map((k) => t(k));
  const shown = options.shown ?? report.rows;
  const lines = shown.map((row) => resultCells(row, report, ctx, withFile));
  const partial =
    options.fullListFile && shown.length < report.rows.length
      ? paragraph(t('results.partial', { shown: shown.length, total: report.rows.length, file: options.fullListFile }))
      : null;
  const review =
    report.reviewReasons.length > 0
      ? paragraph(`${t('review.title')} ${report.reviewReasons.map((r) => t(`review.${r}`)).join('; ')}.`)
      : null;
  return doc(
    heading(3, t('results.title', { service: report.service, environment: report.environment })),
    paragraph(summaryLine(report, ctx)),
    files.length > 0 ? paragraph(t('results.files', { files: files.join(', ') })) : null,
    lines.length > 0 ? table(header, lines) : null,
    partial,
    ...checklistNodes({ ...report, rows: shown }, ctx),
    heading(4, t('next.title')),
    bulletList(nextSteps(report, ctx)),
    review,
  );
}
