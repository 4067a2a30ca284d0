/**
 * The text of a resolver's refusal or failure, shared by the page (App.tsx) and the form
 * (SettingsForm.tsx); its own module so that the form does not import the page that imports it.
 */
import type { SettingsEnvelopeErrorCode } from '../../../src/contracts/settings';
import type { SettingsText } from './i18n';

export function envelopeMessage(error: { code: SettingsEnvelopeErrorCode; message: string }, t: SettingsText): string {
  if (error.message) return error.message;
  switch (error.code) {
    case 'forbidden':
      return t('resolver_forbidden');
    case 'unavailable':
      return t('resolver_unavailable');
    case 'not_found':
      return t('resolver_not_found');
    default:
      return t('resolver_internal');
  }
}
