import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/handlers/panel-contract';
import { Inline, Stack, Text, useFocusOnMount } from '../../../shared/layout';
import type { Perform } from '../App';
import { usePanelText } from '../i18n';

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
        <ConfirmProcess
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await perform('processAsSetdiba', {}, { success: t('runStarted') })) setConfirming(false);
          }}
          busy={busy === 'processAsSetdiba'}
          label={state.recognition.label}
        />
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

function ConfirmProcess({ onCancel, onConfirm, busy, label }: { onCancel: () => void; onConfirm: () => void; busy: boolean; label: string }) {
  const t = usePanelText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} role="region" aria-label={t('confirmRunTitle')}>
      <SectionMessage appearance="warning" title={t('confirmRunTitle')}>
        <Stack>
          <Text>{t('processAsSetdibaIntro', { label })}</Text>
          <Inline>
            <Button appearance="primary" isLoading={busy} onClick={onConfirm}>
              {t('confirmAndRun')}
            </Button>
            <Button appearance="subtle" onClick={onCancel}>
              {t('cancel')}
            </Button>
          </Inline>
        </Stack>
      </SectionMessage>
    </div>
  );
}
