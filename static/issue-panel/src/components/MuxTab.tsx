import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/contracts/panel';
import { formatDate, useLang } from '../../../shared/i18n';
import { Inline, Muted, Stack, Text } from '../../../shared/layout';
import type { Perform } from '../App';
import { usePanelText } from '../i18n';
import { Confirmation } from './Confirmation';

/**
 * MUX waits for SetDIBA's go-live date. Any agent records the date; only the MUX owner integrates,
 * and only once the date is reached. The server checks both again: these only spare a refusal.
 */
export function MuxTab({ state, busy, perform }: { state: PanelState; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const lang = useLang();
  const { mux } = state;
  const [date, setDate] = useState(mux.recordedDate ?? mux.templateDates[0] ?? '');
  const [confirming, setConfirming] = useState(false);
  const pending = state.rows.filter((row) => row.service === 'MUX' && row.status === 'mux-pending').length;
  const environment = state.plan?.services.find((service) => service.service === 'MUX')?.environment ?? 'PRO';

  return (
    <Stack gap="150">
      <Text>
        {mux.templateDates.length > 0
          ? t('muxTemplateDates', { dates: mux.templateDates.map((d) => formatDate(d, lang)).join(', ') })
          : t('muxNoTemplateDates')}
      </Text>
      {mux.recordedDate ? (
        <Text>{t('muxRecorded', { date: formatDate(mux.recordedDate, lang), name: mux.recordedBy?.displayName ?? '' })}</Text>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void perform('setMuxProductionDate', { date }, { success: t('muxDateSaved') });
        }}
      >
        <Stack gap="050">
          <label htmlFor="setdiba-mux-date">
            <Muted>{t('muxDateLabel')}</Muted>
          </label>
          <Inline>
            <div style={{ maxWidth: 200 }}>
              <Textfield id="setdiba-mux-date" type="date" value={date} onChange={(event) => setDate(event.currentTarget.value)} isRequired />
            </div>
            <Button type="submit" isDisabled={!date || busy !== null} isLoading={busy === 'setMuxProductionDate'}>
              {t('muxSaveDate')}
            </Button>
          </Inline>
        </Stack>
      </form>
      <Text>{mux.owner ? t('muxOwner', { name: mux.owner.displayName }) : t('muxNoOwner')}</Text>
      {mux.integrated ? (
        <Text>{t('muxIntegrated')}</Text>
      ) : !mux.callerIsOwner ? (
        <Muted>{t('muxOnlyOwner')}</Muted>
      ) : !mux.recordedDate ? (
        <Muted>{t('muxNeedsDate')}</Muted>
      ) : !mux.dateReached ? (
        <Muted>{t('muxDateNotReached', { date: formatDate(mux.recordedDate, lang) })}</Muted>
      ) : confirming ? (
        <Confirmation
          busy={busy === 'integrateMuxNow'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await perform('integrateMuxNow', {}, { success: t('runStarted') })) setConfirming(false);
          }}
        >
          <Text>{t('muxIntegrateIntro', { env: environment, count: pending })}</Text>
        </Confirmation>
      ) : (
        <Inline>
          <Button appearance="primary" isDisabled={busy !== null || state.run.status !== 'idle'} onClick={() => setConfirming(true)}>
            {t('muxIntegrateNow')}
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
