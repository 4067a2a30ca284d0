import { portalMessages } from '../../../src/i18n/catalog/portal';
import { useTranslate, type Translate } from '../../shared/i18n';

export type PortalTranslate = Translate<typeof portalMessages.ca>;

/** `const t = usePortalText(); t('requestTitle')`. */
export function usePortalText(): PortalTranslate {
  return useTranslate(portalMessages);
}
