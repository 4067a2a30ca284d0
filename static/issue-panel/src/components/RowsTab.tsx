import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { Fragment, useMemo, useState } from 'react';
import type { PanelFunction, PanelState, RowView } from '../../../../src/contracts/panel';
import { canDecideRow } from '../../../../src/contracts/row-decision';
import { Card, Code, Inline, LiveMessage, Muted, Stack, Text } from '../../../shared/layout';
import type { PanelApi } from '../api';
import type { Perform } from '../perform';
import { usePanelText } from '../i18n';
import { LongText } from './rows/LongText';
import { RowItem } from './rows/RowItem';
import { identifiers, rowLabel } from './rows/row-text';

/** 50 rows a page keeps a 311-row template to a few hundred DOM nodes at most, so it renders at once. */
export const PAGE_SIZE = 50;

export function RowsTab({ state, api, busy, perform }: { state: PanelState; api: PanelApi; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [copyMessage, setCopyMessage] = useState<string | null>(null);

  const rows = useMemo(
    // A row a later file replaced is no problem any more: the later file's row says where the ens stands.
    () => (onlyProblems ? state.rows.filter((row) => row.status !== 'replaced' && row.problems.length > 0) : state.rows),
    [state.rows, onlyProblems],
  );
  const waiting = useMemo(() => state.rows.filter((row) => row.status === 'waiting'), [state.rows]);
  const decidable = useMemo(() => new Set(state.rows.filter(canDecideRow).map((row) => row.id)), [state.rows]);
  // Rows no longer open to a decision (integrated, replaced) cannot stay selected.
  const selection = [...selected].filter((id) => decidable.has(id));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const severalFiles = new Set(state.rows.map((row) => row.attachmentId)).size > 1;

  const decide = async (rowIds: string[], decision: 'confirm' | 'reject') => {
    const trimmed = reason.trim();
    const ok = await perform(
      'decideRows',
      { rowIds, decision, ...(trimmed ? { reason: trimmed } : {}) },
      // A rejected row is never integrated: only a confirmation says "next run".
      { success: t(decision === 'confirm' ? 'decisionsSaved' : 'decisionsRejected', { count: rowIds.length }) },
    );
    if (ok) {
      setSelected(new Set());
      setReason('');
    }
  };

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const copy = async (row: RowView): Promise<boolean> => {
    const text = identifiers(row);
    const ok = await api.copyText(text);
    setCopyMessage(ok ? t('copied', { row: rowLabel(row) }) : t('copyFailed', { text: text.replace(/\t/g, ' · ') }));
    return ok;
  };

  return (
    <Stack gap="150">
      <Attachments state={state} />
      <Inline>
        <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center', color: token('color.text', '#172B4D'), font: token('font.body', '14px/20px sans-serif') }}>
          <input
            type="checkbox"
            checked={onlyProblems}
            onChange={(event) => {
              setOnlyProblems(event.target.checked);
              setPage(0);
            }}
          />
          {t('onlyProblems')}
        </label>
      </Inline>
      {decidable.size > 0 ? (
        <Card>
          <Stack>
            <Inline>
              {waiting.length > 0 ? (
                <Button spacing="compact" onClick={() => setSelected(new Set(waiting.map((row) => row.id)))}>
                  {t('selectAllWaiting', { count: waiting.length })}
                </Button>
              ) : null}
              <Button spacing="compact" appearance="primary" isDisabled={selection.length === 0 || busy !== null} onClick={() => void decide(selection, 'confirm')}>
                {t('confirmSelected', { count: selection.length })}
              </Button>
              <Button spacing="compact" appearance="warning" isDisabled={selection.length === 0 || busy !== null} onClick={() => void decide(selection, 'reject')}>
                {t('rejectSelected', { count: selection.length })}
              </Button>
            </Inline>
            <label htmlFor="setdiba-decision-reason">
              <Muted>{t('reasonLabel')}</Muted>
            </label>
            <TextArea id="setdiba-decision-reason" value={reason} maxLength={1000} minimumRows={1} onChange={(event) => setReason(event.currentTarget.value)} />
          </Stack>
        </Card>
      ) : null}
      <LiveMessage message={copyMessage} />
      {visible.length === 0 ? (
        <Text>{t('noRows')}</Text>
      ) : (
        <section aria-labelledby="setdiba-rows-caption">
          <span id="setdiba-rows-caption">
            <Muted>{t('rowsCaption')}</Muted>
          </span>
          <ul style={{ margin: 0, padding: 0, borderTop: `1px solid ${token('color.border', '#091E4224')}` }}>
            {visible.map((row, index) => (
              <Fragment key={row.id}>
                {/* With a corrected file beside the first one, "e-NOTUM:2" alone does not say which file
                    the row is from: each file's rows start under its name. */}
                {severalFiles && visible[index - 1]?.attachmentId !== row.attachmentId ? (
                  <li data-file-heading={row.fileName} style={{ listStyle: 'none', padding: `${token('space.100', '8px')} 0 ${token('space.025', '2px')}` }}>
                    <Muted>
                      {t('colFile')}: <Code>{row.fileName}</Code>
                    </Muted>
                  </li>
                ) : null}
                <RowItem
                  row={row}
                  selected={selected.has(row.id)}
                  decidable={decidable.has(row.id)}
                  disabled={busy !== null}
                  onToggle={() => toggle(row.id)}
                  onCopy={() => copy(row)}
                  onDecide={(decision) => void decide([row.id], decision)}
                />
              </Fragment>
            ))}
          </ul>
        </section>
      )}
      {pages > 1 ? (
        <nav aria-label={t('pageOf', { page: current + 1, pages })}>
          <Inline>
            <Button spacing="compact" isDisabled={current === 0} onClick={() => setPage(current - 1)}>
              {t('previousPage')}
            </Button>
            <Muted>{t('pageOf', { page: current + 1, pages })}</Muted>
            <Button spacing="compact" isDisabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              {t('nextPage')}
            </Button>
          </Inline>
        </nav>
      ) : null}
    </Stack>
  );
}


function Attachments({ state }: { state: PanelState }) {
  const t = usePanelText();
  if (state.attachments.length === 0) return <Text>{t('noAttachments')}</Text>;
  return (
    <section aria-labelledby="setdiba-attachments">
      <h3 id="setdiba-attachments" style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif'), color: token('color.text', '#172B4D') }}>
        {t('attachmentsHeading')}
      </h3>
      <ul style={{ margin: 0, paddingLeft: 16, color: token('color.text', '#172B4D') }}>
        {state.attachments.map((attachment) => (
          <li key={attachment.id} style={{ overflowWrap: 'anywhere' }}>
            <Inline gap="050">
              <Code>
                <LongText text={attachment.fileName} limit={80} />
              </Code>
              {attachment.status === 'read' ? <Muted>{t('attachmentRows', { count: attachment.rowCount })}</Muted> : null}
              {attachment.status === 'unreadable' ? <Lozenge appearance="removed">{t('attachmentUnreadable')}</Lozenge> : null}
              {attachment.status === 'produced' ? <Lozenge>{t('attachmentProduced')}</Lozenge> : null}
              {attachment.message ? (
                <Muted>
                  <LongText text={attachment.message} />
                </Muted>
              ) : null}
            </Inline>
          </li>
        ))}
      </ul>
    </section>
  );
}
