/** The readable account of a scenario (without --json): each step, what it changed, then the final state. */
import type { PanelState } from '../../contracts/panel';
import { isCatalogueKey, type Lang } from '../../i18n';
import { panelMessages, tPanel } from '../../i18n/catalog/panel';
import { pipelineText } from '../../i18n/catalog/pipeline';
import { tScenario } from '../../i18n/catalog/scenario';
import type { Step } from './schema';
import type { ScenarioReport, StepTrace } from './run-scenario';

function describe(step: Step): string {
  const parts: string[] = [step.do];
  if ('ticket' in step) parts.push(step.ticket);
  if (step.do === 'panel') parts.push(step.action);
  if ('as' in step && step.as) parts.push(`(${step.as})`);
  if (step.do === 'raise' && step.reporter) parts.push(`(${step.reporter})`);
  if (step.do === 'clock') parts.push(step.to ?? `+${step.days}d`);
  return parts.join(' ');
}

const indent = (text: string, prefix: string) => text.split('\n').map((line) => `${prefix}${line}`);

/** A panel step's outcome as the agent reads the panel: rows by status, and what a run would write. */
function panelSummary(state: PanelState, lang: Lang): string[] {
  const counts = new Map<string, number>();
  for (const row of state.rows) {
    const key = `status${row.status.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
    const label = isCatalogueKey(panelMessages, key) ? tPanel(lang, key) : row.status;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const lines = [`  ${state.issueKey}: ${[...counts].map(([label, n]) => `${label} ${n}`).join(', ') || '—'}`];
  for (const write of state.plan?.writes ?? []) lines.push(`    · ${write}`);
  return lines;
}

export function formatStep(trace: StepTrace, index: number, lang: Lang): string {
  const t = (key: Parameters<typeof tScenario>[1], params?: Parameters<typeof tScenario>[2]) => tScenario(lang, key, params);
  const p = pipelineText(lang);
  const { step, report } = trace;
  const lines = [t('report.step', { n: index + 1, what: describe(step) }) + (step.note ? ` — ${step.note}` : '')];
  lines.push(
    report.ok
      ? `  ${t('report.ok')}${typeof report.result === 'string' ? `: ${report.result}` : ''}`
      : `  ${t('report.failed', { code: report.error?.code ?? '', message: report.error?.message ?? '' })}`,
  );
  const result = report.result as Partial<PanelState> | null;
  if (step.do === 'panel' && report.ok && result && Array.isArray(result.rows)) lines.push(...panelSummary(result as PanelState, lang));
  if (step.do === 'clock' && report.ok) {
    lines.push(`  ${t('report.clock', { day: trace.today })}`);
    if (trace.daysCrossed.length > 0) lines.push(`  ${t('report.watch', { days: trace.daysCrossed.join(', ') })}`);
  }
  const before = new Map(trace.before.map((issue) => [issue.key, issue]));
  for (const issue of trace.after) {
    const old = before.get(issue.key);
    if (!old) lines.push(`  ${t('report.newTicket', { key: issue.key, summary: issue.summary })}`);
    if (issue.labels.join(',') !== (old?.labels ?? []).join(',')) {
      lines.push(`  ${t('report.labels', { key: issue.key, labels: issue.labels.join(', ') || '—' })}`);
    }
    for (const file of issue.attachments.slice(old?.attachments.length ?? 0)) lines.push(`  ${t('report.attachment', { key: issue.key, file })}`);
    for (const comment of issue.comments.slice(old?.comments.length ?? 0)) {
      const kind = comment.public ? p('simulate.public') : p('simulate.internal');
      lines.push(`  ${t('report.comment', { key: issue.key, kind, author: comment.author })}`);
      lines.push(...indent(comment.text, '      '));
    }
  }
  for (const x of trace.integrations) {
    lines.push(`  ${t('report.integration', { issue: x.issue, service: x.service, environment: x.environment, codiEns: x.codiEns, result: x.result })}`);
  }
  return `${lines.join('\n')}\n`;
}

/** After the steps: every issue as the agents see it (simulate's report) and as its reporter sees it. */
export function formatCustomerViews(report: ScenarioReport, lang: Lang): string {
  const lines = [`${tScenario(lang, 'report.final')}:`];
  for (const issue of report.issues) {
    lines.push(`${issue.key}  ${tScenario(lang, 'report.customerSees')}:`);
    if (!issue.customerView) {
      lines.push(`  ${tScenario(lang, 'report.customerCannotSee')}`);
      continue;
    }
    if (issue.customerView.attachments.length > 0) lines.push(`  ${pipelineText(lang)('simulate.attachments')}: ${issue.customerView.attachments.join(', ')}`);
    for (const comment of issue.customerView.comments) {
      lines.push(`  — ${pipelineText(lang)('simulate.public')}:`);
      lines.push(...indent(comment.text, '      '));
    }
  }
  return `${lines.join('\n')}\n`;
}
