import { settingsMessages } from '../../../src/i18n/catalog/settings';
import { settingsPageMessages } from '../../../src/i18n/catalog/settings-page';
import { useTranslate, type Translate } from '../../shared/i18n';

/** The page's texts: the settings catalogue shared with the resolver, plus the browser-only labels. */
const messages = {
  ca: { ...settingsMessages.ca, ...settingsPageMessages.ca },
  es: { ...settingsMessages.es, ...settingsPageMessages.es },
  en: { ...settingsMessages.en, ...settingsPageMessages.en },
};

export type SettingsText = Translate<typeof messages.ca>;

/** `const t = useSettingsText(); t('save')`. */
export function useSettingsText(): SettingsText {
  return useTranslate(messages);
}
