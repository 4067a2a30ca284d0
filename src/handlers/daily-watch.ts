/**
 * Forge scheduled trigger (manifest `scheduledTrigger` setdiba-daily-watch → function `dailyWatch`).
 * Runs without a user; the platform ignores the return value and does not retry a throw, so the watch
 * is idempotent per task and day and picks up from its stored cursor on the next invocation.
 */
import { forgePipeline } from '../composition/forge';
import { panelPipeline } from '../composition/panel-pipeline';
import { madridToday } from '../usecases/panel/panel-state';
import { runDailyWatch, type DailyWatchDeps, type WatchReport } from '../usecases/daily-watch';

export async function handleDailyWatch(deps: DailyWatchDeps): Promise<WatchReport> {
  return runDailyWatch(deps, madridToday(deps.clock.now()));
}

export async function dailyWatch(): Promise<{ statusCode: number }> {
  const pipeline = forgePipeline();
  try {
    const report = await handleDailyWatch({
      jira: pipeline.deps.jira,
      kvs: pipeline.deps.kvs,
      clock: pipeline.deps.clock,
      panel: panelPipeline(pipeline),
      loadSettings: pipeline.deps.loadSettings,
    });
    console.log('daily watch', JSON.stringify({ day: report.day, complete: report.complete, tickets: report.ticketsSeen, actions: report.actions.length }));
  } catch (error) {
    console.error('daily watch failed', error instanceof Error ? error.message : String(error));
  }
  // The scheduled-trigger function reference: a response with a status code, else the platform records a 424.
  return { statusCode: 204 };
}
