/**
 * The final state `setdiba simulate --json` prints (and the pipeline tests assert on): the site's
 * issues as a person would see them, the integrations the backend received, and the Jira calls the
 * app made. Read straight from the emulator's site: this is the observer, not the app.
 */
import { adfToText, type AdfDoc } from '../domain/report/adf';
import type { JiraEmulator } from '../emulator';
import type { Lang } from '../i18n';
import { pipelineText } from '../i18n/catalog/pipeline';

export interface IssueSnapshot {
  key: string;
  summary: string;
  status: string;
  reporter: string | null;
  assignee: string | null;
  labels: string[];
  links: { type: string; direction: 'inward' | 'outward'; key: string }[];
  attachments: string[];
  comments: { author: string; public: boolean; text: string }[];
  properties: Record<string, unknown>;
}

export interface IntegrationSnapshot {
  issue: string;
  service: string;
  environment: string;
  codiEns: string;
  certificateFingerprint: string;
  result: string;
}

export interface SimulationReport {
  issues: IssueSnapshot[];
  integrations: IntegrationSnapshot[];
  calls: { total: number; byRoute: Record<string, number> };
  elapsedMs: number;
}

const issueNumber = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));

export function issuesOf(emulator: JiraEmulator): IssueSnapshot[] {
  const { site } = emulator;
  const keyOf = (id: string) => site.issue(id)?.key ?? id;
  return [...site.issues.values()]
    .sort((a, b) => (a.key.split('-')[0] ?? '').localeCompare(b.key.split('-')[0] ?? '') || issueNumber(a.key) - issueNumber(b.key))
    .map((issue) => {
      const project = site.projectById(issue.projectId);
      const links = site.linksOf(issue).map((link) => {
        const type = site.linkType({ id: link.typeId })?.name ?? link.typeId;
        return link.outwardIssueId === issue.id
          ? { type, direction: 'outward' as const, key: keyOf(link.inwardIssueId) }
          : { type, direction: 'inward' as const, key: keyOf(link.outwardIssueId) };
      });
      return {
        key: issue.key,
        summary: issue.summary,
        status: site.status(project, issue.statusId).name,
        reporter: issue.reporterAccountId,
        assignee: issue.assigneeAccountId,
        labels: [...issue.labels].sort(),
        links,
        attachments: site.attachmentsOf(issue).map((a) => a.filename),
        comments: site.commentsOf(issue).map((c) => ({
          author: c.authorAccountId,
          public: !site.isInternal(c),
          text: adfToText(c.body as AdfDoc),
        })),
        properties: Object.fromEntries(issue.properties),
      };
    });
}

/** Jira REST calls the app made (the simulator seeds the site directly, not over HTTP). */
export function appCalls(emulator: JiraEmulator, fromIndex = 0): SimulationReport['calls'] {
  const byRoute: Record<string, number> = {};
  let total = 0;
  for (const call of emulator.calls.slice(fromIndex)) {
    if (call.caller !== emulator.site.appAccountId) continue;
    total++;
    byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
  }
  return { total, byRoute: Object.fromEntries(Object.entries(byRoute).sort(([a], [b]) => a.localeCompare(b))) };
}

/** The report as text (simulate without --json). */
export function formatReport(report: SimulationReport, lang: Lang): string {
  const t = pipelineText(lang);
  const lines: string[] = [];
  for (const issue of report.issues) {
    lines.push(`${issue.key}  ${issue.summary}  [${issue.status}]`);
    lines.push(`  ${t('simulate.reporter')}: ${issue.reporter ?? '—'}   ${t('simulate.assignee')}: ${issue.assignee ?? '—'}`);
    lines.push(`  ${t('simulate.labels')}: ${issue.labels.join(', ') || '—'}`);
    for (const link of issue.links) lines.push(`  ${t('simulate.link')}: ${link.type} ${link.direction} ${link.key}`);
    if (issue.attachments.length > 0) lines.push(`  ${t('simulate.attachments')}: ${issue.attachments.join(', ')}`);
    for (const comment of issue.comments) {
      lines.push(`  — ${comment.public ? t('simulate.public') : t('simulate.internal')} (${comment.author}):`);
      for (const line of comment.text.split('\n')) lines.push(`      ${line}`);
    }
    lines.push('');
  }
  lines.push(`${t('simulate.integrations')}: ${report.integrations.length}`);
  for (const x of report.integrations) lines.push(`  ${x.issue} ${x.service} ${x.environment} ${x.codiEns} ${x.result}`);
  lines.push(`${t('simulate.calls')}: ${report.calls.total}`);
  for (const [route, n] of Object.entries(report.calls.byRoute)) lines.push(`  ${String(n).padStart(4)}  ${route}`);
  lines.push(`${t('simulate.elapsed')}: ${report.elapsedMs} ms`);
  return `${lines.join('\n')}\n`;
}
