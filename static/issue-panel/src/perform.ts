/**
 * The action callback App.tsx hands down to the components. Its own module so that components do not
 * import App.tsx, which imports them (an import cycle).
 */
import type { PanelFunction, PanelPayload, PanelResult } from '../../../src/contracts/panel';

/** What components call to act: resolves to true when the action succeeded. */
export type Perform = <F extends PanelFunction>(
  fn: F,
  payload: PanelPayload<F>,
  options?: { success?: string; onData?: (data: Extract<PanelResult<F>, { ok: true }>['data']) => void },
) => Promise<boolean>;
