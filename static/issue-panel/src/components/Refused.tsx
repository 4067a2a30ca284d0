import SectionMessage from '@atlaskit/section-message';
import { Text } from '../../../shared/layout';
import { usePanelText } from '../i18n';

/** Customers and anyone who cannot edit the ticket: a clear refusal, and nothing else to click. */
export function Refused({ message }: { message: string }) {
  const t = usePanelText();
  return (
    <SectionMessage appearance="warning" title={t('refusedTitle')}>
      <Text>{message}</Text>
    </SectionMessage>
  );
}
