import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { MuxView, PanelFunction, PanelPayload, PanelState } from '../../../../src/contracts/panel';
import { calendarDayInMadrid } from '../../../../src/domain/plan/mux-dates';
import { formatDate, useLang } from '../../../shared/i18n';
import { Inline, Muted, Stack, Text } from '../../../shared/layout';
import type { ActionError, Perform } from '../perform';
import { usePanelText, type PanelTranslate } from '../i18n';
import { startedNotice } from '../started-notice';
import { ActionErrorMessage } from './ActionErrorMessage';
import { Confirmation } from './Confirmation';

/**
 * MUX waits for SetDIBA's go-live date. Any agent records the date; only the MUX owner integrates,
 * and only once the date is reached. The server checks both again: these only spare a refusal.
 */
export function MuxTab({ state, busy, perform }: { state: PanelState; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const lang = useLang();
  const { mux } = state;
  // What the agent typed; until then the field shows the date the chosen ens already have (none: empty).
  // Never the template's first date: saved untouched, it gave the ens without a date one maybe already past.
  const [typed, setTyped] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<ActionError | null>(null);
  const [forcing, setForcing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const ens = mux.ens ?? [];
  const open = ens.filter((e) => e.status === 'mux-pending' || e.status === 'mux-scheduled');
  const waitingRows = state.rows.filter((row) => row.service === 'MUX' && row.status === 'mux-pending').length;
  // Per-ens dates: "integrate now" takes the ens that are due; older states count every waiting row.
  const pending = mux.ens ? ens.filter((e) => e.due).length : waitingRows;
  const later = open.filter((e) => !e.due);
  // The first date still ahead (per ens), or the recorded one on states without per-ens dates.
  const nextDate = mux.ens ? (open.map((e) => e.date).filter((d): d is string => !!d).sort()[0] ?? null) : mux.recordedDate;
  const label = (e: (typeof ens)[number]) => e.codiEns ?? e.name ?? e.rowId;
  const sourceKey = { row: 'muxSourceRow', template: 'muxSourceTemplate', panel: 'muxSourcePanel' } as const;
  const toggle = (rowId: string) => setSelected((now) => (now.includes(rowId) ? now.filter((id) => id !== rowId) : [...now, rowId]));
  const environment = state.plan?.services.find((service) => service.service === 'MUX')?.environment ?? 'PRO';
  const date = typed ?? currentDate(selected.length > 0 ? ens.filter((e) => selected.includes(e.rowId)) : null, mux.recordedDate);
  // Before the ticket existed, a date cannot be SetDIBA's answer: said here, before the resolver refuses it.
  const beforeTicket = date !== '' && !!mux.earliestDate && date < mux.earliestDate;
  // Today on the calendar the resolver decides "due" with.
  const past = !beforeTicket && date !== '' && date < calendarDayInMadrid(new Date());
  const dueEns = mux.ens ? ens.filter((e) => e.due) : state.rows.filter((row) => row.service === 'MUX' && row.status === 'mux-pending');
  const onlyDue = dueEns.length === 1 ? dueEns[0]! : null;
  // Only the owner saw "Integra ara": a refusal means the settings changed since the panel loaded.
  const integrate = async (payload: PanelPayload<'integrateMuxNow'>) => {
    setRefusal(null);
    return perform('integrateMuxNow', payload, { success: (data) => startedNotice(data, t), onError: setRefusal });
  };
  const refusalText = refusal ? refusalSentence(refusal, mux, t) : null;

  return (
    <Stack gap="150">
      <Text>
        {mux.templateDates.length > 0
          ? t('muxTemplateDates', { dates: mux.templateDates.map((d) => formatDate(d, lang)).join(', ') })
          : t('muxNoTemplateDates')}
      </Text>
      {ens.length > 0 ? (
        <Stack gap="050">
          <Muted>{t('muxEnsHeading')}</Muted>
          {/* The checkbox marks each ens already; a bullet beside it would be a second marker. */}
          <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
            {ens.map((e) => {
              const waiting = open.includes(e);
              const text = e.date ? t('muxEnsDate', { ens: `${label(e)} ${e.name ?? ''}`.trim(), date: formatDate(e.date, lang) }) : t('muxEnsNoDate', { ens: label(e) });
              const boxId = `setdiba-mux-ens-${e.rowId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
              // An ens already in production says so; otherwise its line would read like one still waiting.
              const done = e.status === 'integrated' || e.status === 'already-integrated';
              const extra = [e.source ? t(sourceKey[e.source]) : null, done ? t('statusIntegrated') : null, e.due ? t('muxDue') : null]
                .filter(Boolean)
                .join(' · ');
              return (
                <li key={e.rowId} data-mux-ens={e.codiEns ?? e.rowId} style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '2px 0' }}>
                  {waiting ? (
                    <input
                      id={boxId}
                      type="checkbox"
                      checked={selected.includes(e.rowId)}
                      onChange={() => toggle(e.rowId)}
                      style={{ marginTop: 4, flex: 'none' }}
                    />
                  ) : null}
                  {/* The date's source and whether it is due sit under the ens they describe, not between two ens. */}
                  <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0, paddingInlineStart: waiting ? 0 : 21 }}>
                    {waiting ? (
                      <label htmlFor={boxId} id={`${boxId}-text`}>
                        {text}
                      </label>
                    ) : (
                      <Text>{text}</Text>
                    )}
                    {extra ? <Muted>{extra}</Muted> : null}
                    {mux.callerIsOwner && waiting && !e.due ? (
                      <Inline>
                        {/* One such button per waiting ens: its description says which, for a screen reader's list of buttons. */}
                        <Button
                          appearance="subtle"
                          spacing="compact"
                          isDisabled={busy !== null}
                          onClick={() => setForcing(e.rowId)}
                          aria-describedby={`${boxId}-text`}
                        >
                          {t('muxForce')}
                        </Button>
                      </Inline>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          {later.length > 0 ? (
            <Text>{t('muxWaitsUntil', { list: later.map((e) => (e.date ? `${label(e)} (${formatDate(e.date, lang)})` : label(e))).join(', ') })}</Text>
          ) : null}
        </Stack>
      ) : null}
      {forcing ? (
        <Confirmation
          busy={busy === 'integrateMuxNow'}
          // Forcing an ens before its date is recorded with why; without a reason there is nothing to record.
          confirmDisabled={reason.trim() === ''}
          onCancel={() => setForcing(null)}
          onConfirm={async () => {
            const ok = await integrate({ force: { rowId: forcing, reason } });
            // Refused, the confirmation goes: the refusal below says why and the panel shows the new state.
            setForcing(null);
            if (ok) setReason('');
          }}
        >
          <Stack gap="050">
            <Text>{t('muxForceIntro', { env: environment, ens: label(ens.find((e) => e.rowId === forcing) ?? ens[0]!) })}</Text>
            <label htmlFor="setdiba-mux-force-reason">
              <Muted>{t('muxForceReason')}</Muted>
            </label>
            <Textfield id="setdiba-mux-force-reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} isRequired />
          </Stack>
        </Confirmation>
      ) : null}
      {mux.recordedDate ? (
        <Text>{t('muxRecorded', { date: formatDate(mux.recordedDate, lang), name: mux.recordedBy?.displayName ?? '' })}</Text>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!date) return;
          void perform('setMuxProductionDate', selected.length > 0 ? { date, rowIds: selected } : { date }, { success: t('muxDateSaved') }).then((ok) => {
            if (ok) setTyped(null);
          });
        }}
      >
        <Stack gap="050">
          <label htmlFor="setdiba-mux-date">
            <Muted>{t('muxDateLabel')}</Muted>
          </label>
          {ens.length > 0 ? <Muted>{selected.length > 0 ? t('muxDateForRows') : t('muxDateForNone')}</Muted> : null}
          <Inline>
            <div style={{ maxWidth: 200 }}>
              <Textfield
                id="setdiba-mux-date"
                type="date"
                value={date}
                min={mux.earliestDate ?? undefined}
                onChange={(event) => setTyped(event.currentTarget.value)}
                isRequired
                isInvalid={beforeTicket}
                aria-describedby={beforeTicket ? 'setdiba-mux-date-before' : past ? 'setdiba-mux-date-past' : undefined}
              />
            </div>
            <Button type="submit" isDisabled={!date || beforeTicket || busy !== null} isLoading={busy === 'setMuxProductionDate'}>
              {t('muxSaveDate')}
            </Button>
          </Inline>
          {/* The resolver takes a past date (SetDIBA may answer late) and refuses one before the ticket
              existed; a past date makes its ens due at once, so the agent reads that before saving. */}
          {beforeTicket ? (
            <div id="setdiba-mux-date-before">
              <SectionMessage appearance="error">
                <Text>{t('errorMuxDateBeforeTicket', { date, created: mux.earliestDate ?? '' })}</Text>
              </SectionMessage>
            </div>
          ) : null}
          {past ? (
            <div id="setdiba-mux-date-past">
              <SectionMessage appearance="warning">
                <Text>{t('muxDatePast')}</Text>
              </SectionMessage>
            </div>
          ) : null}
        </Stack>
      </form>
      <Text>{mux.owner ? t('muxOwner', { name: mux.owner.displayName }) : t('muxNoOwner')}</Text>
      {refusalText ? <ActionErrorMessage message={refusalText} onDismiss={() => setRefusal(null)} /> : null}
      {mux.integrated ? (
        <Text>{t('muxIntegrated')}</Text>
      ) : !mux.callerIsOwner ? (
        <Muted>{t('muxOnlyOwner')}</Muted>
      ) : !nextDate ? (
        <Muted>{t('muxNeedsDate')}</Muted>
      ) : !mux.dateReached ? (
        <Muted>{t('muxDateNotReached', { date: formatDate(nextDate, lang) })}</Muted>
      ) : confirming ? (
        <Confirmation
          busy={busy === 'integrateMuxNow'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await integrate({});
            setConfirming(false);
          }}
        >
          <Text>{t('muxIntegrateIntro', { env: environment, count: pending, ens: onlyDue ? ensName(onlyDue) : '' })}</Text>
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

type MuxEns = NonNullable<MuxView['ens']>[number];

/** The date the chosen ens share (none chosen: the date recorded for the ens without one), else empty. */
function currentDate(chosen: readonly MuxEns[] | null, recorded: string | null): string {
  if (!chosen) return recorded ?? '';
  const dates = new Set(chosen.map((e) => e.date ?? ''));
  return dates.size === 1 ? [...dates][0]! : '';
}

function ensName(e: { codiEns: string | null; name: string | null; rowId?: string; id?: string }): string {
  return [e.codiEns, e.name].filter(Boolean).join(' ') || (e.rowId ?? e.id ?? '');
}

/**
 * Why "Integra ara" was refused. A `forbidden` here is the owner check (the panel itself was allowed
 * again): the state has just been refreshed, so it names who the owner is now.
 */
function refusalSentence(refusal: ActionError, mux: MuxView, t: PanelTranslate): string {
  if (refusal.code !== 'forbidden') return refusal.message;
  if (mux.callerIsOwner) return `${refusal.message} ${t('muxRefreshToSeeOwner')}`;
  return mux.owner ? t('muxNoLongerOwner', { name: mux.owner.displayName }) : t('muxNoOwnerNow');
}

