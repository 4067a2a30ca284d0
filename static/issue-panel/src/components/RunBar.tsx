import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useState } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/handlers/panel-contract';
import { formatTime, useLang } from '../../../shared/i18n';
import { Inline, Muted, Stack, Text, useFocusOnMount } from '../../../shared/layout';
import type { Perform } from '../App';
import { usePanelText } from '../i18n';

/**
 * Comprova (preview, writes nothing) and Executa / Torna a executar. A run is always preceded by a
 * fresh preview, and the confirmation lists exactly what that preview says a run would write.
 */
export function RunBar({ state, busy, perform }: { state: PanelState; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const lang = useLang();
  const [confirming, setConfirming] = useState(false);
  const inProgress = state.run.status !== 'idle';
  const hasRun = state.history.length > 0;

  const startRun = async () => {
    // The confirmation must describe what a run would write now, not what it would have written earlier.
    if (await perform('preview', {})) setConfirming(true);
  };

  return (
    <Stack gap="100">
      {inProgress ? (
        <Inline>
          <Spinner size="small" label={state.run.status === 'queued' ? t('runQueued') : t('runRunning')} />
          <Lozenge appearance="inprogress">{state.run.status === 'queued' ? t('runQueued') : t('runRunning')}</Lozenge>
          {state.run.since ? <Muted>{t('runSince', { time: formatTime(state.run.since, lang) })}</Muted> : null}
          {state.run.step ? <Muted>{state.run.step}</Muted> : null}
          <Muted>{t('runRefreshing')}</Muted>
        </Inline>
      ) : null}
      <Inline>
        <Button
          onClick={() => void perform('preview', {}, { success: t('planUpdated') })}
          isLoading={busy === 'preview' && !confirming}
          isDisabled={busy !== null}
          aria-describedby="setdiba-check-help"
        >
          {t('check')}
        </Button>
        <Button appearance="primary" onClick={() => void startRun()} isDisabled={busy !== null || inProgress || confirming}>
          {hasRun ? t('rerun') : t('run')}
        </Button>
        <span id="setdiba-check-help">
          <Muted>{t('checkHelp')}</Muted>
        </span>
      </Inline>
      {confirming ? (
        <ConfirmRun
          writes={state.plan?.writes ?? []}
          busy={busy === 'run'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await perform('run', {}, { success: t('runStarted') })) setConfirming(false);
          }}
        />
      ) : null}
    </Stack>
  );
}

function ConfirmRun({ writes, busy, onCancel, onConfirm }: { writes: string[]; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const t = usePanelText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} role="region" aria-label={t('confirmRunTitle')}>
      <SectionMessage appearance="warning" title={t('confirmRunTitle')}>
        <Stack>
          {writes.length > 0 ? (
            <>
              <Text>{t('confirmRunIntro')}</Text>
              <ul style={{ margin: 0 }}>
                {writes.map((write) => (
                  <li key={write}>{write}</li>
                ))}
              </ul>
            </>
          ) : (
            <Text>{t('confirmRunNothing')}</Text>
          )}
          <Muted>{t('confirmRunIdempotent')}</Muted>
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
