import Button from '@atlaskit/button/new';
import type { PanelState } from '../../../../src/contracts/panel';
import { Cell, Table, Text } from '../../../shared/layout';
import type { PanelApi } from '../api';
import { usePanelText } from '../i18n';

/** The tickets of a split, one per service, and where each stands. */
export function SiblingsTab({ state, api }: { state: PanelState; api: PanelApi }) {
  const t = usePanelText();
  if (state.siblings.length === 0) return <Text>{t('siblingsEmpty')}</Text>;
  return (
    <Table caption={t('siblingsCaption')} head={[t('colKey'), t('colService'), t('colSummary'), t('colTicketStatus')]}>
      {state.siblings.map((sibling) => (
        <tr key={sibling.key}>
          <Cell header>
            {sibling.current ? (
              `${sibling.key} ${t('currentTicket')}`
            ) : (
              <Button spacing="compact" appearance="subtle" onClick={() => api.openIssue(sibling.key)} aria-label={t('openIssue', { key: sibling.key })}>
                {sibling.key}
              </Button>
            )}
          </Cell>
          <Cell>{sibling.service ?? (sibling.role === 'original' ? t('originalTicket') : '')}</Cell>
          <Cell>{sibling.summary}</Cell>
          <Cell>{sibling.status}</Cell>
        </tr>
      ))}
    </Table>
  );
}
