import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/contracts/panel';
import { Inline, Stack, Text } from '../../../shared/layout';
import type { Perform } from '../perform';
import { usePanelText } from '../i18n';
import { startedNotice } from '../started-notice';
import { Confirmation } from './Confirmation';

/** Any other ticket: why the app left it alone, and the one action an agent may take. */
export function NotSetdiba({ state, busy, perform }: { state: PanelState; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack gap="150">
      <SectionMessage appearance="information" title={t('notSetdibaTitle')}>
        <Text>{t('notSetdibaBody')}</Text>
      </SectionMessage>
      {confirming ? (
        <Confirmation
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await perform('processAsSetdiba', {}, { success: (data) => startedNotice(data, t) })) setConfirming(false);
          }}
          busy={busy === 'processAsSetdiba'}
        >
          <Text>{t('processAsSetdibaIntro', { label: state.recognition.label })}</Text>
        </Confirmation>
      ) : (
        <Inline>
          <Button appearance="primary" onClick={() => setConfirming(true)}>
            {t('processAsSetdiba')}
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
