export { usePortalText, type PortalTranslate } from '../../portal-request/src/i18n';
