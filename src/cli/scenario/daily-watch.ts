/**
 * The daily watch as a scenario's `clock` step runs it: the real use case over the simulated world's
 * Jira (as the app), storage and clock, once for every Madrid day crossed.
 */
import { panelPipeline } from '../../composition/panel-pipeline';
import { runDailyWatch, type WatchReport } from '../../usecases/daily-watch';
import type { SimulationWorld } from '../simulate-world';
import type { DailyWatch } from './clock';

export function worldDailyWatch(world: SimulationWorld, onReport?: (report: WatchReport) => void): DailyWatch {
  const panel = panelPipeline(world.pipeline);
  return async (day) => {
    const report = await runDailyWatch(
      { jira: world.pipeline.deps.jira, kvs: world.kvs, clock: world.clock, panel, loadSettings: world.pipeline.deps.loadSettings },
      day,
    );
    onReport?.(report);
  };
}
