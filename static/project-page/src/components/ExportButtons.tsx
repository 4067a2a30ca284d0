import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { Inline, Muted, Stack } from '../../../shared/layout';
import { useRegistryText } from '../i18n';

/** The filtered set, all pages, as a file the resolver builds. */
export function ExportButtons({ total, onDownload }: { total: number; onDownload: (format: 'csv' | 'xlsx') => Promise<void> }) {
  const t = useRegistryText();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      await onDownload(format);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="050">
      <Inline>
        <Button isDisabled={total === 0 || busy !== null} isLoading={busy === 'csv'} onClick={() => void run('csv')}>
          {t('exportCsv')}
        </Button>
        <Button isDisabled={total === 0 || busy !== null} isLoading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
          {t('exportXlsx')}
        </Button>
      </Inline>
      <Muted>{t('exportHelp', { total })}</Muted>
    </Stack>
  );
}
