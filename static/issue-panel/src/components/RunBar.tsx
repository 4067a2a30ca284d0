import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { useState } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/contracts/panel';
import { formatTime, useLang } from '../../../shared/i18n';
import { Inline, Muted, Stack, Text } from '../../../shared/layout';
import type { Perform } from '../perform';
import { usePanelText } from '../i18n';
import { startedNotice } from '../started-notice';
import { Confirmation } from './Confirmation';

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
          <span style={{ display: 'inline-flex', flex: 'none', padding: 2 }}>
            <Spinner size="small" label={state.run.status === 'queued' ? t('runQueued') : t('runRunning')} />
          </span>
          <Lozenge appearance="inprogress">{state.run.status === 'queued' ? t('runQueued') : t('runRunning')}</Lozenge>
          {state.run.since ? <Muted>{t('runSince', { time: formatTime(state.run.since, lang) })}</Muted> : null}
          {state.run.step ? <Muted>{state.run.step}</Muted> : null}
          <Muted>{t('runRefreshing')}</Muted>
        </Inline>
      ) : null}
      <Inline>
        {/* The safe action is the primary one: it writes nothing. Running writes, so it asks first. */}
        <Button
          appearance="primary"
          onClick={() => void perform('preview', {}, { success: t('planUpdated') })}
          isLoading={busy === 'preview' && !confirming}
          isDisabled={busy !== null}
          aria-describedby="setdiba-check-help"
        >
          {t('check')}
        </Button>
        <Button onClick={() => void startRun()} isDisabled={busy !== null || inProgress || confirming} aria-describedby="setdiba-check-help">
          {hasRun ? t('rerun') : t('run')}
        </Button>
      </Inline>
      <span id="setdiba-check-help">
        <Muted>{t('checkPrimaryHelp')}</Muted>
      </span>
      {confirming ? (
        <Confirmation
          busy={busy === 'run'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await perform('run', {}, { success: (data) => startedNotice(data, t) })) setConfirming(false);
          }}
        >
          <PlannedWrites writes={state.plan?.writes ?? []} />
          <Muted>{t('confirmRunIdempotent')}</Muted>
        </Confirmation>
      ) : null}
    </Stack>
  );
}

/** Exactly what the fresh preview says a run would write. */
function PlannedWrites({ writes }: { writes: string[] }) {
  const t = usePanelText();
  if (writes.length === 0) return <Text>{t('confirmRunNothing')}</Text>;
  return (
    <>
      <Text>{t('confirmRunIntro')}</Text>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {writes.map((write) => (
          <li key={write} style={{ overflowWrap: 'anywhere' }}>
            {write}
          </li>
        ))}
      </ul>
    </>
  );
}
