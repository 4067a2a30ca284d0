/**
 * The daily watch (issue 15): once per Europe/Madrid day and project, the certificate countdown, then a
 * sweep of the tickets the app has run (JQL over the indexed `setdiba.run` property, page by page with
 * `nextPageToken`) for MUX dates come or missing and for stuck runs. Work per invocation is bounded;
 * the sweep's cursor is stored so the next invocation goes on where this one stopped. Every task is
 * keyed by ticket and day (or occurrence), so a second invocation the same day writes nothing twice.
 */
import { parseRunState, RUN_PROPERTY } from '../../domain/run-state';
import { settingsStorageKey } from '../../domain/settings';
import { watchCertificate } from './certificate';
import { DEFAULT_BUDGET, type DailyWatchDeps, type WatchAction, type WatchReport } from './deps';
import { watchKeys } from './keys';
import { watchMuxTicket } from './mux-ticket';
import { watchStuckRun } from './stuck-run';

export type { DailyWatchDeps, WatchAction, WatchBudget, WatchReport } from './deps';
export { certificateDaysLeft, certificateThreshold } from './certificate';

interface Cursor {
  day: string;
  /** The page being read (null: the first) and how many of its tickets are done; `done` after the last. */
  pageToken: string | null;
  offset: number;
  done: boolean;
}

const SETTINGS_PREFIX = settingsStorageKey('');

/** The tickets the app has run in a project, oldest key first so a cursor's pages stay stable. */
export function watchJql(projectKey: string): string {
  return `project = "${projectKey.replace(/["\\]/g, '')}" AND issue.property[${RUN_PROPERTY}].state in ("running", "done", "review") ORDER BY key ASC`;
}

async function watchedProjects(deps: DailyWatchDeps): Promise<string[]> {
  const stored = await deps.kvs.list(SETTINGS_PREFIX, 100);
  // Project keys are [A-Z][A-Z0-9_]+, which kvsKeyPart leaves as they are.
  return stored.map(({ key }) => key.slice(SETTINGS_PREFIX.length)).filter((key) => /^[A-Z][A-Z0-9_]*$/.test(key));
}

async function watchTicket(deps: DailyWatchDeps, issueKey: string, projectKey: string, day: string): Promise<WatchAction[]> {
  const state = parseRunState(await deps.jira.getIssueProperty(issueKey, RUN_PROPERTY));
  if (!state) return [];
  const settings = await deps.loadSettings(projectKey);
  const actions = await watchStuckRun(deps, issueKey, state, settings);
  // The MUX ens live on the ticket that holds MUX: the original unless a split gave MUX its own ticket.
  const holdsMux = state.role === 'clone' ? state.service === 'MUX' : !state.tickets.MUX || state.tickets.MUX === issueKey;
  if (holdsMux && settings.services.MUX.enabled) actions.push(...(await watchMuxTicket(deps, issueKey, settings, day)));
  return actions;
}

export async function runDailyWatch(deps: DailyWatchDeps, day: string): Promise<WatchReport> {
  const budget = deps.budget ?? DEFAULT_BUDGET;
  const started = deps.clock.now().getTime();
  const report: WatchReport = { day, complete: true, ticketsSeen: 0, actions: [] };
  const outOfBudget = () => report.ticketsSeen >= budget.maxTickets || deps.clock.now().getTime() - started >= budget.maxMs;

  for (const projectKey of await watchedProjects(deps)) {
    const settings = await deps.loadSettings(projectKey);
    report.actions.push(...(await watchCertificate(deps, projectKey, settings, day)));

    const stored = await deps.kvs.get<Cursor>(watchKeys.cursor(projectKey));
    let cursor: Cursor = stored && stored.day === day ? stored : { day, pageToken: null, offset: 0, done: false };
    while (!cursor.done) {
      const page = await deps.jira.searchJql(watchJql(projectKey), cursor.pageToken);
      for (const issueKey of page.keys.slice(cursor.offset)) {
        if (outOfBudget()) {
          report.complete = false;
          await deps.kvs.set(watchKeys.cursor(projectKey), cursor);
          return report;
        }
        report.ticketsSeen += 1;
        try {
          report.actions.push(...(await watchTicket(deps, issueKey, projectKey, day)));
        } catch (error) {
          // One ticket the app cannot read (deleted, moved, a hand-edited property) must not stop the sweep.
          console.warn('daily watch: ticket skipped', issueKey, error instanceof Error ? error.message : String(error));
        }
        cursor = { ...cursor, offset: cursor.offset + 1 };
      }
      // Saved after each page; a crash mid-page reads it again from the last saved offset (tasks are idempotent).
      cursor = { day, pageToken: page.nextPageToken, offset: 0, done: page.nextPageToken === null };
      await deps.kvs.set(watchKeys.cursor(projectKey), cursor);
    }
  }
  return report;
}
