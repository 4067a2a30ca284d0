import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { Inline, Stack, useFocusOnMount } from '../../../shared/layout';
import { usePanelText } from '../i18n';

export interface ConfirmationProps {
  /** The confirmed action is running: its button shows a spinner. */
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** The confirmation still lacks something the person must give (a reason): the button waits for it. */
  confirmDisabled?: boolean;
  children: ReactNode;
}

/**
 * The last step before an action that writes: what it will do (`children`), then confirm or cancel.
 * Focus moves to it when it appears, so a keyboard or screen-reader user lands on what to decide.
 */
export function Confirmation({ busy, onCancel, onConfirm, confirmDisabled = false, children }: ConfirmationProps) {
  const t = usePanelText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} role="region" aria-label={t('confirmRunTitle')}>
      <SectionMessage appearance="warning" title={t('confirmRunTitle')}>
        <Stack>
          {children}
          <Inline>
            <Button appearance="primary" isLoading={busy} isDisabled={confirmDisabled} onClick={onConfirm}>
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
