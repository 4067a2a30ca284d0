import type { PanelState } from '../../../src/contracts/panel';
import type { PanelTranslate } from './i18n';

/** In Forge a run's job usually waits in the queue first: the notice then says so, not "started". */
export function startedNotice(state: PanelState, t: PanelTranslate): string {
  return state.run.status === 'queued' ? t('runStartedQueued') : t('runStarted');
}
