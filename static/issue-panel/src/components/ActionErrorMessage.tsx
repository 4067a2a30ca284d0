import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text, useFocusOnMount } from '../../../shared/layout';
import { usePanelText } from '../i18n';

/**
 * What an action could not do, shown where it was asked (above the run bar, or at the MUX action). It
 * takes the focus when it appears: the action may have been asked far below (the MUX date, a row), and a
 * refusal the agent does not see reads as nothing happening.
 */
export function ActionErrorMessage({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  const t = usePanelText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} role="alert">
      <SectionMessage appearance="error" title={t('errorTitle')}>
        <Stack>
          <Text>{message}</Text>
          <Inline>
            <Button onClick={onDismiss}>{t('close')}</Button>
          </Inline>
        </Stack>
      </SectionMessage>
    </div>
  );
}
