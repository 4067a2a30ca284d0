/**
 * Assisted mode: the integrations are done by an agent in AOC's back office, so instead of calling a
 * backend the app writes the exact steps as an ADF task list the agent ticks off in the comment.
 */
import { heading, taskList, type AdfNode, type Inline } from './adf';
import { NONE } from './row-label';
import type { ReportContext, ServiceReport } from './types';

export function checklistItems(report: ServiceReport, { t }: ReportContext): Inline[][] {
  return report.rows
    .filter((row) => row.result === 'checklist')
    .map((row) => [
      t('checklist.item', {
        name: row.entity.name ?? NONE,
        service: report.service,
        environment: report.environment,
        codiEns: row.entity.codiEns ?? NONE,
        nif: row.entity.nif ?? NONE,
        dir3: row.entity.dir3 ?? NONE,
        serial: report.certificate.serialNumber ?? NONE,
        fingerprint: report.certificate.sha256Fingerprint ?? NONE,
      }),
    ]);
}

export function checklistNodes(report: ServiceReport, ctx: ReportContext): AdfNode[] {
  const items = checklistItems(report, ctx);
  const list = taskList(`setdiba-${report.ticketKey}-${report.service}`, items);
  if (!list) return [];
  return [heading(4, ctx.t('checklist.title', { service: report.service, environment: report.environment })), list];
}
