import { panelMessages } from '../../../src/i18n/catalog/panel';
import { useTranslate, type Translate } from '../../shared/i18n';

export type PanelTranslate = Translate<typeof panelMessages.ca>;

/** `const t = usePanelText(); t('run')`. */
export function usePanelText(): PanelTranslate {
  return useTranslate(panelMessages);
}
