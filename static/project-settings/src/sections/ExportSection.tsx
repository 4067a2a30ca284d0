import Button from '@atlaskit/button/new';
import { useRef, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { SaveResult, SettingsPage, SettingsResponse } from '../../../../src/contracts/settings';
import { Card, Cell, Inline, Muted, Stack, Table, Text, useFocusOnMount } from '../../../shared/layout';
import { textToBase64, type SettingsApi } from '../api';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

type Preview = SettingsResponse<'previewImport'>;

/**
 * Export to JSON (never with secrets) and import, which is a save: validated, all or nothing, audited.
 * Picking a file only previews it: the differences field by field (old → new), or every problem of the
 * file at once; the import is applied when the admin confirms, and the page says it was.
 */
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
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ fileName: string; json: string; answer: Preview } | null>(null);

  const exportSettings = async () => {
    setError(null);
    const answer = await act('exportSettings', {});
    if ('error' in answer) return setError(answer.error);
    api.saveFile(answer.data.fileName, 'application/json', textToBase64(answer.data.json));
  };

  const previewImport = async (file: File) => {
    setError(null);
    setDone(null);
    setPreview(null);
    const json = new TextDecoder().decode(await api.readFile(file));
    if (input.current) input.current.value = '';
    const answer = await act('previewImport', { json, revision: page.revision });
    if ('error' in answer) return setError(answer.error);
    setPreview({ fileName: file.name, json, answer: answer.data });
  };

  const apply = async () => {
    if (!preview) return;
    const answer = await act('importSettings', { json: preview.json, revision: page.revision });
    setPreview(null);
    if ('error' in answer) return setError(answer.error);
    if (answer.data.outcome === 'saved') setDone(answer.data.message);
    onResult(answer.data);
  };

  const cancel = () => {
    setPreview(null);
    setDone(t('importCancelled'));
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
          <label htmlFor="f-import-file" style={{ fontWeight: 600 }}>
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
              if (file) void previewImport(file);
            }}
          />
          <span id="f-import-file-hint">
            <Muted>{t('importFile')}</Muted>
          </span>
        </Inline>
        {preview ? <ImportPreview fileName={preview.fileName} preview={preview.answer} busy={busy} onApply={() => void apply()} onCancel={cancel} /> : null}
        <div role="status" aria-live="polite" data-import-result={error ? 'error' : done ? 'done' : ''}>
          {error ? (
            <SectionMessage appearance="error">
              <Text>{error}</Text>
            </SectionMessage>
          ) : done ? (
            <SectionMessage appearance={done === t('importCancelled') ? 'information' : 'success'}>
              <Text>{done}</Text>
            </SectionMessage>
          ) : null}
        </div>
      </Stack>
    </Section>
  );
}

function ImportPreview({
  fileName,
  preview,
  busy,
  onApply,
  onCancel,
}: {
  fileName: string;
  preview: Preview;
  busy: string | null;
  onApply: () => void;
  onCancel: () => void;
}) {
  const t = useSettingsText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} data-import-preview={preview.outcome}>
      <Card labelledBy="import-preview-title">
        <Stack gap="100">
          <h3 id="import-preview-title" style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: 0 }}>
            {t('importPreviewTitle', { file: fileName })}
          </h3>
          {preview.outcome === 'preview' ? (
            <>
              {preview.changes.length === 0 ? <Text>{preview.message}</Text> : null}
              {preview.changes.length > 0 ? (
                <Table caption={preview.message} head={[t('importPreviewHead'), t('importPreviewBefore'), t('importPreviewAfter')]}>
                  {preview.changes.map((change) => (
                    <tr key={change.path}>
                      <Cell header>{change.label ?? change.path}</Cell>
                      <Cell>{change.beforeText ?? String(change.before)}</Cell>
                      <Cell>{change.afterText ?? String(change.after)}</Cell>
                    </tr>
                  ))}
                </Table>
              ) : null}
              <Inline>
                {preview.changes.length > 0 ? (
                  <Button appearance="primary" onClick={onApply} isDisabled={busy !== null} isLoading={busy === 'importSettings'}>
                    {t('importApply')}
                  </Button>
                ) : null}
                <Button appearance="subtle" onClick={onCancel} isDisabled={busy !== null}>
                  {t('importCancel')}
                </Button>
              </Inline>
            </>
          ) : (
            <SectionMessage appearance={preview.outcome === 'invalid' ? 'error' : 'warning'}>
              <Stack gap="050">
                <Text>{preview.outcome === 'invalid' && preview.errors.length > 0 ? t('importInvalidTitle') : preview.message}</Text>
                {preview.outcome === 'invalid' && preview.errors.length > 0 ? (
                  <ul style={{ margin: 0 }}>
                    {preview.errors.map((error, index) => (
                      <li key={index}>{error.code === 'unknown_field' || !error.label ? error.message : t('errorWithField', { field: error.label, message: error.message })}</li>
                    ))}
                  </ul>
                ) : null}
                <Inline>
                  <Button appearance="subtle" onClick={onCancel}>
                    {t('importCancel')}
                  </Button>
                </Inline>
              </Stack>
            </SectionMessage>
          )}
        </Stack>
      </Card>
    </div>
  );
}
