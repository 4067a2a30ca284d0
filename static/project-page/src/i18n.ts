import { registryMessages } from '../../../src/i18n/catalog/registry';
import { useTranslate, type Translate } from '../../shared/i18n';

export type RegistryText = Translate<typeof registryMessages.ca>;

/** `const t = useRegistryText(); t('search')`. */
export function useRegistryText(): RegistryText {
  return useTranslate(registryMessages);
}
