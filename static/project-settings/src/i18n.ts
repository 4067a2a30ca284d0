import { settingsMessages } from '../../../src/i18n/catalog/settings';
import { settingsFlowsMessages } from '../../../src/i18n/catalog/settings-flows';
import { settingsPageMessages } from '../../../src/i18n/catalog/settings-page';
import { useTranslate, type Translate } from '../../shared/i18n';

/** The page's texts: the settings catalogues shared with the resolver, plus the browser-only labels. */
const messages = {
  ca: { ...settingsMessages.ca, ...settingsPageMessages.ca, ...settingsFlowsMessages.ca },
  es: { ...settingsMessages.es, ...settingsPageMessages.es, ...settingsFlowsMessages.es },
  en: { ...settingsMessages.en, ...settingsPageMessages.en, ...settingsFlowsMessages.en },
};

export type SettingsText = Translate<typeof messages.ca>;

/** `const t = useSettingsText(); t('save')`. */
export function useSettingsText(): SettingsText {
  return useTranslate(messages);
}
