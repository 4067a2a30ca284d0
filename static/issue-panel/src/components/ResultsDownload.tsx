import Button from '@atlaskit/button/new';
import type { PanelFunction } from '../../../../src/contracts/panel';
import { Inline, Muted, Stack } from '../../../shared/layout';
import type { PanelApi } from '../api';
import type { Perform } from '../perform';
import { usePanelText } from '../i18n';

/**
 * The complete results table, generated when asked for (CSV or XLSX). It is never attached to the
 * request: JSM shows every attachment to the customer, and this table is internal.
 */
export function ResultsDownload({ api, busy, perform }: { api: PanelApi; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const download = (format: 'csv' | 'xlsx') =>
    void perform(
      'downloadResults',
      { format },
      {
        onData: (file) => api.saveFile(file.fileName, file.mimeType, file.contentBase64),
        success: (file) => t('downloaded', { fileName: file.fileName }),
      },
    );
  return (
    <Stack gap="050">
      <Inline>
        <Button spacing="compact" isDisabled={busy !== null} isLoading={busy === 'downloadResults'} onClick={() => download('csv')}>
          {t('downloadResultsCsv')}
        </Button>
        <Button spacing="compact" isDisabled={busy !== null} isLoading={busy === 'downloadResults'} onClick={() => download('xlsx')}>
          {t('downloadResultsXlsx')}
        </Button>
      </Inline>
      <Muted>{t('downloadResultsHelp')}</Muted>
    </Stack>
  );
}
