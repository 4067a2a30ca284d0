/**
 * A run left "running" long after the platform stopped retrying it (its lease expired, or its queued
 * job was lost) is queued again once; if it is still stuck a day later, an internal comment says what
 * is stuck and how to run it again.
 */
import { kvsKeys } from '../../domain/idempotency';
import { doc, paragraph } from '../../domain/report/adf';
import type { RunState } from '../../domain/run-state';
import { DAILY_WATCH_ACTOR } from '../process-ticket/run-history';
import type { Settings } from '../../domain/settings';
import { tWatch } from '../../i18n/catalog/watch';
import { madridToday } from '../panel/panel-state';
import type { DailyWatchDeps, WatchAction } from './deps';
import { watchCommentKey, watchKeys } from './keys';
import { postOnce } from './post-once';

/** Forge retries a queued job for up to 24 h; a run untouched for longer is not coming back by itself. */
export const STUCK_AFTER_MS = 25 * 3_600_000;

export async function watchStuckRun(
  deps: DailyWatchDeps,
  issueKey: string,
  state: RunState,
  settings: Settings,
): Promise<WatchAction[]> {
  if (state.state !== 'running' || !state.updatedAt) return [];
  const now = deps.clock.now().getTime();
  if (now - Date.parse(state.updatedAt) < STUCK_AFTER_MS) return [];
  const lease = await deps.kvs.get<{ expiresAt?: string }>(kvsKeys.runLease(issueKey));
  if (lease?.expiresAt && Date.parse(lease.expiresAt) > now) return [];
  const what = lease
    ? tWatch(settings.comments.defaultLanguage, 'stuck.lease', { date: madridToday(new Date(state.updatedAt)) })
    : tWatch(settings.comments.defaultLanguage, 'stuck.lost');
  if (await deps.kvs.setIfAbsent(watchKeys.requeued(issueKey, state.updatedAt), { at: new Date(now).toISOString() })) {
    await deps.panel.enqueueRun({ issueKey, requestedBy: DAILY_WATCH_ACTOR, reason: 'panel' });
    return [{ task: 'stuck-requeued', issueKey }];
  }
  // Re-queued already and still stuck at the same point: people have to look.
  const body = doc(paragraph(tWatch(settings.comments.defaultLanguage, 'stuck.failed', { what })));
  if (await postOnce(deps, issueKey, watchCommentKey('stuck', issueKey, state.updatedAt), body, false)) {
    return [{ task: 'stuck-reported', issueKey }];
  }
  return [];
}
