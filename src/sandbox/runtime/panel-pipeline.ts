import { panelPipeline } from '../../composition/panel-pipeline';
import type { Pipeline } from '../../composition/pipeline';
import type { PanelPipeline } from '../../usecases/panel/deps';

/** Whether the panel can preview and run in the sandbox (the browser tests of those steps depend on it). */
export const PANEL_PIPELINE_WIRED = true;

/** The ticket pipeline as the issue panel sees it: the composition root's adapter, as in Forge. */
export function sandboxPanelPipeline(pipeline: Pipeline): { pipeline: PanelPipeline; ok: boolean; detail: string } {
  return {
    ok: true,
    detail: 'src/handlers/panel-resolver.ts over src/composition/panel-pipeline.ts',
    pipeline: panelPipeline(pipeline),
  };
}
