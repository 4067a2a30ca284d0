import Button from '@atlaskit/button/new';
import type { HistoryEntry, PanelState } from '../../../../src/contracts/panel';
import { formatDate, useLang } from '../../../shared/i18n';
import { Cell, Inline, Table, Text } from '../../../shared/layout';
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
  }[entry.trigger];
  return entry.by ? t('byUser', { trigger, name: entry.by.displayName }) : trigger;
}

export function HistoryTab({ state, api }: { state: PanelState; api: PanelApi }) {
  const t = usePanelText();
  const lang = useLang();
  if (state.history.length === 0) return <Text>{t('historyEmpty')}</Text>;
  return (
    <Table caption={t('historyCaption')} head={[t('colWhen'), t('colTrigger'), t('colOutcome'), t('colSummary'), t('colCreated'), t('colComments')]}>
      {state.history.map((entry) => (
        <tr key={entry.id}>
          <Cell header>{formatDate(entry.at, lang, true)}</Cell>
          <Cell>{triggerText(entry, t)}</Cell>
          <Cell>
            <OutcomeLozenge outcome={entry.outcome} t={t} />
          </Cell>
          <Cell>{entry.summary}</Cell>
          <Cell>
            <Inline gap="050">
              {entry.createdTickets.map((key) => (
                <Button key={key} spacing="compact" appearance="subtle" onClick={() => api.openIssue(key)} aria-label={t('openIssue', { key })}>
                  {key}
                </Button>
              ))}
            </Inline>
          </Cell>
          <Cell>
            {entry.comments.length > 0
              ? t('commentsPosted', { count: entry.comments.length, public: entry.comments.filter((comment) => comment.public).length })
              : ''}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
