/**
 * The SetDIBA CDA certificate's countdown: at 60, 30, 7 and 1 days before it expires and on the day,
 * the project's admins are told on one internal ticket ("Renovar el certificat CDA de SetDIBA",
 * assigned to the project lead), created once per certificate; once a newer certificate is uploaded,
 * that ticket gets a closing comment.
 */
import { doc, paragraph } from '../../domain/report/adf';
import type { Settings, StoredCertificate } from '../../domain/settings';
import { tWatch } from '../../i18n/catalog/watch';
import { madridToday } from '../panel/panel-state';
import { daysBetween } from './days';
import type { DailyWatchDeps, WatchAction } from './deps';
import { watchCommentKey, watchKeys } from './keys';
import { postOnce } from './post-once';

export const CERTIFICATE_THRESHOLDS = [60, 30, 7, 1, 0] as const;

interface TicketLock {
  fingerprint: string;
  issueKey: string | null;
}

/** Days left on the Madrid calendar: 0 on the day it expires, negative after. */
export function certificateDaysLeft(certificate: Pick<StoredCertificate, 'notAfter'>, day: string): number {
  return daysBetween(day, madridToday(new Date(certificate.notAfter)));
}

/**
 * The threshold whose band `daysLeft` is in (60 for 31–60 days, …, 0 on the day), or null outside
 * them: a watch that missed days announces the band it finds, never a stale one.
 */
export function certificateThreshold(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const within = CERTIFICATE_THRESHOLDS.filter((t) => daysLeft <= t);
  return within.length > 0 ? Math.min(...within) : null;
}

async function ensureTicket(deps: DailyWatchDeps, projectKey: string, settings: Settings, certificate: StoredCertificate): Promise<string | null> {
  const lockKey = watchKeys.certificateTicket(projectKey, certificate.sha256Fingerprint);
  const lang = settings.comments.defaultLanguage;
  const lock: TicketLock = { fingerprint: certificate.sha256Fingerprint, issueKey: null };
  if (!(await deps.kvs.setIfAbsent(lockKey, lock))) {
    // Created earlier; a lock without a key is a creation that died half-way: not created twice.
    return (await deps.kvs.get<TicketLock>(lockKey))?.issueKey ?? null;
  }
  const project = deps.jira.getProject ? await deps.jira.getProject(projectKey) : null;
  const issueType =
    project?.issueTypes.find((t) => !t.subtask && /^(task|tasca|tarea)$/i.test(t.name)) ?? project?.issueTypes.find((t) => !t.subtask);
  if (!issueType) return null;
  const created = await deps.jira.createIssue({
    projectKey,
    issueTypeId: issueType.id,
    summary: tWatch(lang, 'cert.summary'),
    description: doc(paragraph(tWatch(lang, 'cert.description', { serial: certificate.serialNumber, date: madridToday(new Date(certificate.notAfter)) }))),
    reporterAccountId: null,
    properties: { 'setdiba.watch': { kind: 'certificate', fingerprint: certificate.sha256Fingerprint } },
  });
  await deps.kvs.set(lockKey, { ...lock, issueKey: created.key } satisfies TicketLock);
  if (project?.leadAccountId) await deps.jira.assignIssue(created.key, project.leadAccountId);
  return created.key;
}

export async function watchCertificate(deps: DailyWatchDeps, projectKey: string, settings: Settings, day: string): Promise<WatchAction[]> {
  const actions: WatchAction[] = [];
  const lang = settings.comments.defaultLanguage;
  const current = settings.certificate.current;

  // Tickets opened for an older certificate get their closing comment once a newer one is in use.
  if (current) {
    for (const { value } of await deps.kvs.list<TicketLock>(watchKeys.certificateTicketPrefix(projectKey), 50)) {
      if (!value.issueKey || value.fingerprint === current.sha256Fingerprint) continue;
      const body = doc(paragraph(tWatch(lang, 'cert.renewed', { date: madridToday(new Date(current.notAfter)) })));
      if (await postOnce(deps, value.issueKey, watchCommentKey('cert-renewed', value.issueKey, value.fingerprint), body, false)) {
        actions.push({ task: 'certificate-renewed', issueKey: value.issueKey });
      }
    }
  }
  if (!current) return actions;
  const daysLeft = certificateDaysLeft(current, day);
  const threshold = certificateThreshold(daysLeft);
  if (threshold === null) return actions;
  const issueKey = await ensureTicket(deps, projectKey, settings, current);
  if (!issueKey) return actions;
  const date = madridToday(new Date(current.notAfter));
  const body = doc(paragraph(threshold === 0 ? tWatch(lang, 'cert.today', { date }) : tWatch(lang, 'cert.left', { days: daysLeft, date })));
  if (await postOnce(deps, issueKey, watchCommentKey('cert', projectKey, current.sha256Fingerprint, String(threshold)), body, false)) {
    actions.push({ task: 'certificate', issueKey, detail: String(daysLeft) });
  }
  return actions;
}
