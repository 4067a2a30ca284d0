import Button from '@atlaskit/button/new';
import { useRef, useState } from 'react';
import type { SaveResult, SettingsPage } from '../../../../src/contracts/settings';
import { Inline, Muted, Stack } from '../../../shared/layout';
import { textToBase64, type SettingsApi } from '../api';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

/** Export to JSON (never with secrets) and import, which is a save: validated, all or nothing, audited. */
export function ExportSection({
  page,
  act,
  busy,
  api,
  onResult,
}: {
  page: SettingsPage;
  act: Act;
  busy: string | null;
  api: SettingsApi;
  onResult: (result: SaveResult) => void;
}) {
  const t = useSettingsText();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  const exportSettings = async () => {
    setError(null);
    const answer = await act('exportSettings', {});
    if ('error' in answer) return setError(answer.error);
    api.saveFile(answer.data.fileName, 'application/json', textToBase64(answer.data.json));
  };

  const importSettings = async (file: File) => {
    setError(null);
    const json = new TextDecoder().decode(await api.readFile(file));
    if (input.current) input.current.value = '';
    const answer = await act('importSettings', { json, revision: page.revision });
    if ('error' in answer) return setError(answer.error);
    onResult(answer.data);
  };

  return (
    <Section id="export" title={t('sectionExport')}>
      <Stack gap="100">
        <Inline>
          <Button onClick={() => void exportSettings()} isDisabled={busy !== null} isLoading={busy === 'exportSettings'}>
            {t('exportSettings')}
          </Button>
          <Muted>{t('exportHelp')}</Muted>
        </Inline>
        <Inline>
          <label htmlFor="f-import-file" style={{ font: '600 12px/16px sans-serif' }}>
            {t('importSettings')}
          </label>
          <input
            ref={input}
            id="f-import-file"
            type="file"
            accept=".json,application/json"
            aria-describedby="f-import-file-hint"
            disabled={busy !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importSettings(file);
            }}
          />
          <span id="f-import-file-hint">
            <Muted>{t('importFile')}</Muted>
          </span>
        </Inline>
        <div role="status" aria-live="polite">
          {error ? <Muted>{error}</Muted> : null}
        </div>
      </Stack>
    </Section>
  );
}
