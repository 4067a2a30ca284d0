import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import type { HistoryEntry, PanelState } from '../../../../src/contracts/panel';
import { formatDate, useLang } from '../../../shared/i18n';
import { Inline, Muted, Text } from '../../../shared/layout';
import type { PanelApi } from '../api';
import { usePanelText, type PanelTranslate } from '../i18n';
import { OutcomeLozenge } from './StatusLozenge';

function triggerText(entry: HistoryEntry, t: PanelTranslate): string {
  const trigger = {
    created: t('triggerCreated'),
    updated: t('triggerUpdated'),
    commented: t('triggerCommented'),
    panel: t('triggerPanel'),
    retry: t('triggerRetry'),
    watch: t('triggerWatch'),
  }[entry.trigger];
  // The watch is no person: "per la vigilància diària" after "Vigilància diària" would say it twice.
  return entry.by && entry.trigger !== 'watch' ? t('byUser', { trigger, name: entry.by.displayName }) : trigger;
}

const entryStyle: CSSProperties = {
  listStyle: 'none',
  display: 'flex',
  flexDirection: 'column',
  gap: token('space.025', '2px'),
  padding: `${token('space.075', '6px')} 0`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  minWidth: 0,
};

/**
 * The runs, newest first. One block per run rather than a six-column table: at the 400 px Jira may give
 * the panel, a table broke its headers letter by letter ("Qua n").
 */
export function HistoryTab({ state, api }: { state: PanelState; api: PanelApi }) {
  const t = usePanelText();
  const lang = useLang();
  if (state.history.length === 0) return <Text>{t('historyEmpty')}</Text>;
  return (
    <div>
      <span id="setdiba-history-caption">
        <Muted>{t('historyCaption')}</Muted>
      </span>
      <ol aria-labelledby="setdiba-history-caption" style={{ margin: 0, padding: 0 }}>
        {state.history.map((entry) => {
          const publicComments = entry.comments.filter((comment) => comment.public).length;
          return (
            <li key={entry.id} data-history-entry={entry.outcome} style={entryStyle}>
              <Inline gap="100">
                <OutcomeLozenge outcome={entry.outcome} t={t} />
                <time dateTime={entry.at} style={{ color: token('color.text', '#172B4D'), font: token('font.body.small', '12px/16px sans-serif'), fontWeight: 600 }}>
                  {formatDate(entry.at, lang, true)}
                </time>
                <Muted>{triggerText(entry, t)}</Muted>
              </Inline>
              {entry.summary ? <Text>{entry.summary}</Text> : null}
              {entry.createdTickets.length > 0 ? (
                <Inline gap="050">
                  <Muted>{t('colCreated')}:</Muted>
                  {entry.createdTickets.map((key) => (
                    <Button key={key} spacing="compact" appearance="subtle" onClick={() => api.openIssue(key)} aria-label={t('openIssue', { key })}>
                      {key}
                    </Button>
                  ))}
                </Inline>
              ) : null}
              {entry.comments.length > 0 ? (
                <div>
                  <Muted>{t('colComments')}: </Muted>
                  <Muted>{t('commentsPosted', { count: entry.comments.length, public: publicComments })}</Muted>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
