/**
 * The action callback App.tsx hands down to the components. Its own module so that components do not
 * import App.tsx, which imports them (an import cycle).
 */
import type { PanelErrorCode, PanelFunction, PanelPayload, PanelResult } from '../../../src/contracts/panel';

/** What components call to act: resolves to true when the action succeeded. */
export type Perform = <F extends PanelFunction>(
  fn: F,
  payload: PanelPayload<F>,
  options?: {
    /** The notice once it worked; from the answer when it names what was done (a downloaded file's name). */
    success?: string | ((data: PanelData<F>) => string);
    onData?: (data: PanelData<F>) => void;
    /**
     * Shows the refusal next to the action instead of above the panel. A `forbidden` answer reaches it
     * only when the panel itself is still allowed (the caller may use the panel, just not this action).
     */
    onError?: (error: ActionError) => void;
  },
) => Promise<boolean>;

export type PanelData<F extends PanelFunction> = Extract<PanelResult<F>, { ok: true }>['data'];

/** A refused action as the panel shows it: the server's code and its sentence (or ours, when empty). */
export interface ActionError {
  code: PanelErrorCode;
  message: string;
}
