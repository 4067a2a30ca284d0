/**
 * The MUX tasks of one ticket: ens whose production date has come (the owner told once a day, and
 * with the project's setting the app integrates them as the owner's "integrate now" would), and ens
 * still without a date (SetDIBA asked every N days, three times at most, then the owner told).
 */
import { madridToday } from '../panel/panel-state';
import { bulletList, doc, mention, paragraph } from '../../domain/report/adf';
import type { Settings } from '../../domain/settings';
import { toLang, type Lang } from '../../i18n';
import { tWatch } from '../../i18n/catalog/watch';
import { integrateMuxNow } from '../panel/actions';
import type { PanelCaller, PanelDeps } from '../panel/deps';
import { PanelActionError } from '../panel/errors';
import { loadPanel, type LoadedPanel } from '../panel/panel-state';
import { daysBetween } from './days';
import type { DailyWatchDeps, WatchAction } from './deps';
import { watchCommentKey, watchKeys } from './keys';
import { claimOnce, postOnce } from './post-once';
import { DAILY_WATCH_ACTOR } from '../process-ticket/run-history';

/** SetDIBA is asked at most this many times; then the owner is told instead. */
export const MAX_DATE_REMINDERS = 3;

type MuxEns = NonNullable<LoadedPanel['state']['mux']['ens']>[number];

const waiting = (e: MuxEns) => e.status === 'mux-pending' || e.status === 'mux-scheduled';
const label = (e: MuxEns) => `${e.name ?? e.codiEns ?? e.rowId} (${e.codiEns ?? '—'})`;

/** One entry per codi d'ens (the last row listing it: the newest file's); rows without a code kept. */
function uniqueEns(ens: readonly MuxEns[]): MuxEns[] {
  const byCode = new Map<string, MuxEns>();
  ens.forEach((e, i) => byCode.set(e.codiEns ?? `#${i}`, e));
  return [...byCode.values()];
}

function panelDeps(deps: DailyWatchDeps): PanelDeps {
  // No user is calling: the app reads and writes as itself, as the panel's own writes already do.
  return { jiraAsUser: deps.jira, jiraAsApp: deps.jira, clock: deps.clock, pipeline: deps.panel };
}

export async function watchMuxTicket(
  deps: DailyWatchDeps,
  issueKey: string,
  settings: Settings,
  day: string,
): Promise<WatchAction[]> {
  const owner = settings.services.MUX.ownerAccountId;
  const agentsLang = settings.comments.defaultLanguage;
  const ownerUser = owner ? await deps.jira.getUser(owner).catch(() => null) : null;
  const caller: PanelCaller = { accountId: owner ?? DAILY_WATCH_ACTOR, displayName: ownerUser?.displayName ?? '', issueKey, lang: agentsLang };
  const loaded = await loadPanel(panelDeps(deps), caller);
  const { mux } = loaded.state;
  if (!mux.applicable || !mux.ens) return [];
  const actions: WatchAction[] = [];

  // An ens a corrected file lists again is one ens: told of (and counted) once.
  const due = uniqueEns(mux.ens.filter((e) => waiting(e) && e.date !== null && e.date <= day));
  if (due.length > 0) {
    const auto = settings.watch.integrateMuxOnProductionDate && owner !== null;
    // The owner hears of an ens (with its date) once, not every morning it waits, nor again when the
    // date of another ens comes: each ens told is marked on its own.
    const marker = (e: MuxEns) => watchKeys.done(watchCommentKey('mux-due-ens', issueKey, e.rowId, e.date ?? ''));
    const told = await Promise.all(due.map(async (e) => (await deps.kvs.get(marker(e))) !== undefined));
    const news = due.filter((_, i) => !told[i]);
    if (news.length > 0) {
      const body = doc(
        paragraph(...(owner ? [mention(owner, ownerUser?.displayName), ' '] : []), tWatch(agentsLang, 'mux.due')),
        bulletList(news.map((e) => [tWatch(agentsLang, 'mux.item', { name: e.name ?? e.rowId, codiEns: e.codiEns ?? '—', date: e.date ?? '' })])),
        paragraph(tWatch(agentsLang, auto ? 'mux.auto' : 'mux.howTo')),
      );
      if (await postOnce(deps, issueKey, watchCommentKey('mux-due', issueKey, ...news.map((e) => `${e.rowId}=${e.date ?? ''}`).sort()), body, false)) {
        actions.push({ task: 'mux-due', issueKey, detail: news.map(label).join(', ') });
      }
      await Promise.all(news.map((e) => deps.kvs.set(marker(e), { issueKey, at: deps.clock.now().toISOString() })));
    }
    // The integration itself runs as the pipeline's decision run; the claim only stops a second request the same day.
    if (auto && (await claimOnce(deps, watchCommentKey('mux-integrate', issueKey, day)))) {
      try {
        await integrateMuxNow(panelDeps(deps), caller, {}, { byWatch: true });
        actions.push({ task: 'mux-integrate', issueKey, detail: due.map(label).join(', ') });
      } catch (error) {
        // A run under way or nothing due after all: tomorrow's watch looks again.
        if (!(error instanceof PanelActionError)) throw error;
      }
    }
  }

  const missing = uniqueEns(mux.ens.filter((e) => e.status === 'mux-pending' && e.date === null));
  const created = loaded.preview.facts.createdAt ? madridToday(new Date(loaded.preview.facts.createdAt)) : null;
  if (missing.length > 0 && created) actions.push(...(await remindMissingDates(deps, loaded, issueKey, settings, day, created, missing)));
  return actions;
}

interface ReminderState {
  count: number;
  lastDay: string | null;
}

async function remindMissingDates(
  deps: DailyWatchDeps,
  loaded: LoadedPanel,
  issueKey: string,
  settings: Settings,
  day: string,
  created: string,
  missing: readonly MuxEns[],
): Promise<WatchAction[]> {
  const every = settings.watch.missingDateDays;
  const stored = (await deps.kvs.get<ReminderState>(watchKeys.missing(issueKey))) ?? { count: 0, lastDay: null };
  if (stored.count > MAX_DATE_REMINDERS) return [];
  const since = stored.lastDay ?? created;
  if (daysBetween(since, day) < every) return [];
  const next = stored.count + 1;
  const list = missing.map(label).join(', ');
  let action: WatchAction | null = null;
  if (next <= MAX_DATE_REMINDERS) {
    const reporter = loaded.preview.facts.reporter;
    const lang: Lang = reporter?.locale ? toLang(reporter.locale) : settings.comments.defaultLanguage;
    const body = doc(paragraph(tWatch(lang, 'missing.ask', { list })));
    if (await postOnce(deps, issueKey, watchCommentKey('missing', issueKey, String(next)), body, settings.comments.publicToRequester)) {
      action = { task: 'missing-date', issueKey, detail: `${next}: ${list}` };
    }
  } else {
    const owner = settings.services.MUX.ownerAccountId;
    const lang = settings.comments.defaultLanguage;
    const body = doc(paragraph(...(owner ? [mention(owner), ' '] : []), tWatch(lang, 'missing.owner', { list })));
    if (await postOnce(deps, issueKey, watchCommentKey('missing', issueKey, String(next)), body, false)) {
      action = { task: 'missing-owner', issueKey, detail: list };
    }
  }
  await deps.kvs.set(watchKeys.missing(issueKey), { count: next, lastDay: day } satisfies ReminderState);
  return action ? [action] : [];
}
